"""The warta command line: formats, stdin/stdout, clear errors, exit codes, kill -9 and --resume."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from warta.cli import Kind, app, schema_text
from warta.frames import KINDS
from warta.record import document_json_schema

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Gubernur Jawa Barat Arman Sutedja meresmikan jembatan di Kota Bandung. "
           "\"Kami bangun untuk warga,\" kata Arman Sutedja. Bupati Sleman Budi Santoso hadir.")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory):
    from warta.pipeline import assemble_model

    return str(assemble_model(None, tmp_path_factory.mktemp("cli") / "model"))


def runner() -> CliRunner:
    return CliRunner()


def invoke(*args: str, input: str | bytes | None = None):
    return runner().invoke(app, list(args), input=input, catch_exceptions=False)


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_help_documents_commands_and_options():
    top = invoke("--help")
    assert top.exit_code == 0 and "extract" in top.output and "schema" in top.output
    help_text = invoke("extract", "--help").output
    for option in ("--output", "--format", "--kind", "--include-text", "--errors", "--format-in", "--id-field",
                   "--text-field", "--id-column", "--text-column", "--html", "--model", "--engine", "--stanza-dir",
                   "--scheduler", "--workers", "--resume", "--on-duplicate-id", "--max-chars", "--fallback-encoding"):
        assert option in help_text, option


def test_kind_choices_match_frames():
    assert [k.value for k in Kind] == ["documents", *KINDS]


def test_txt_to_stdout_jsonl(tmp_path, model_dir):
    (tmp_path / "berita-7.txt").write_text(ARTICLE, encoding="utf-8")
    result = invoke("extract", str(tmp_path / "berita-7.txt"), "--model", model_dir, "--include-text")
    assert result.exit_code == 0, result.stderr
    [line] = result.stdout.splitlines()
    record = json.loads(line)
    assert record["id"] == "berita-7" and record["text"] == ARTICLE
    assert "read 1, written 1, failed 0" in result.stderr


@pytest.mark.parametrize("name,fmt", [("out.json", None), ("out.csv", None), ("out.parquet", None),
                                      ("out.data", "jsonl"), ("tables", "parquet")])
def test_output_format_by_extension_or_option(tmp_path, model_dir, name, fmt):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"d{i}", "text": ARTICLE} for i in range(3)])
    out = tmp_path / name
    args = ["extract", str(source), "-o", str(out), "--model", model_dir] + (["--format", fmt] if fmt else [])
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    if name.endswith(".json"):
        assert [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["d0", "d1", "d2"]
    elif name.endswith(".csv"):
        frame = pd.read_csv(out)
        assert list(frame.columns) == ["doc_id", "start", "end", "text", "label", "coarse", "kb_id"]
        assert set(frame["doc_id"]) <= {"d0", "d1", "d2"}
    elif fmt == "jsonl":
        assert [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()] == ["d0", "d1", "d2"]
    else:
        assert pd.read_parquet(out)["id"].tolist() == ["d0", "d1", "d2"]


def test_parquet_kind_gives_a_flat_table(tmp_path, model_dir):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "d0", "text": ARTICLE}])
    out = tmp_path / "persons.parquet"
    assert invoke("extract", str(source), "-o", str(out), "--model", model_dir, "--parquet-kind", "persons").exit_code == 0
    assert list(pd.read_parquet(out).columns) == ["doc_id", "name", "official", "n_mentions", "first_start"]


def test_csv_input_columns_and_stdin(tmp_path, model_dir):
    (tmp_path / "in.csv").write_text(f"kode,isi\nk1,\"{ARTICLE.replace(chr(34), chr(34) * 2)}\"\n", encoding="utf-8")
    result = invoke("extract", str(tmp_path / "in.csv"), "--text-column", "isi", "--id-column", "kode", "--model", model_dir)
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["k1"]
    result = invoke("extract", "-", "--model", model_dir, input=ARTICLE)
    assert json.loads(result.stdout)["id"] == "stdin"
    lines = "".join(json.dumps({"nomor": f"s{i}", "teks": ARTICLE}) + "\n" for i in range(2))
    result = invoke("extract", "-", "--format-in", "jsonl", "--id-field", "nomor", "--text-field", "teks",
                    "--model", model_dir, input=lines)
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["s0", "s1"]


@pytest.mark.parametrize("setup,args,message", [
    (None, ["missing.txt"], "missing.txt: no such file or directory"),
    ("data.xlsx", ["data.xlsx"], "unknown input type '.xlsx'"),
    ("data.csv", ["data.csv"], "no text column 'text'"),
    ("ok.txt", ["ok.txt", "-o", "out.xlsx"], "unknown output extension"),
    ("ok.txt", ["ok.txt", "--kind", "persons", "-o", "out.jsonl"], "--kind applies to csv and parquet"),
    ("ok.txt", ["ok.txt", "--resume"], "--resume needs file inputs and an output file"),
    ("ok.txt", ["ok.txt", "--model", "no-such-model"], "not found"),
])
def test_unusable_input_is_one_clear_line(tmp_path, monkeypatch, setup, args, message):
    monkeypatch.chdir(tmp_path)
    if setup == "data.csv":
        Path(setup).write_text("id,body\n1,x\n", encoding="utf-8")
    elif setup:
        Path(setup).write_text("teks", encoding="utf-8")
    result = runner().invoke(app, ["extract", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("warta: error: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_failed_documents_give_exit_code_1_and_an_errors_file(tmp_path, model_dir):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n{broken\n" + json.dumps({"id": "b", "text": ""}) + "\n",
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = invoke("extract", str(source), "-o", str(out), "--model", model_dir, "--errors", str(tmp_path / "err.jsonl"))
    assert result.exit_code == 1
    assert "read 3, written 1, failed 2" in result.stderr and "err.jsonl" in result.stderr
    assert [json.loads(x)["error"] for x in (tmp_path / "err.jsonl").read_text(encoding="utf-8").splitlines()] == [
        "invalid_json", "empty_text"]
    errors_on_stderr = invoke("extract", str(source), "--model", model_dir)  # stdout output: errors on stderr
    assert '"error": "invalid_json"' in errors_on_stderr.stderr


def test_schema_command_and_committed_schema(tmp_path):
    assert json.loads(invoke("schema").stdout) == document_json_schema()
    committed = ROOT / "src" / "warta" / "schema" / "document.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(), (
        "regenerate with: warta schema -o src/warta/schema/document.schema.json")
    invoke("schema", "-o", str(tmp_path / "s.json"))
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == schema_text()


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(1 for _ in handle)
    except FileNotFoundError:
        return 0


def test_kill_9_then_resume_gives_every_document_once(tmp_path, model_dir):
    n = 600
    text = " ".join([ARTICLE] * 4)
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"d{i:04d}", "text": f"{text} Nomor {i}."} for i in range(n)])
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "warta.cli", "extract", str(source), "-o", str(out), "--model", model_dir,
               "--workers", "2", "--batch-size", "8", "--no-progress"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed_at = None
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        done = _lines(out)
        if done >= 24:
            os.kill(process.pid, signal.SIGKILL)
            killed_at = done
            break
        time.sleep(0.02)
    process.wait()
    assert killed_at is not None and killed_at < n, "the run was not killed in the middle"
    with open(out, "ab") as handle:  # as if the kill had torn the last line
        handle.write(b'{"schema_version": "1.0", "id": "d9')
    resumed = subprocess.run(command + ["--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert f"read {n}, written {n}, failed 0" in resumed.stderr and "resumed after" in resumed.stderr
    ids = [json.loads(line)["id"] for line in out.read_bytes().splitlines()]
    assert ids == [f"d{i:04d}" for i in range(n)]


def test_progress_bar_can_be_forced_and_output_is_unchanged(tmp_path, model_dir):
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": f"d{i}", "text": ARTICLE} for i in range(5)])
    plain, forced = tmp_path / "plain.jsonl", tmp_path / "forced.jsonl"
    assert invoke("extract", str(source), "-o", str(plain), "--model", model_dir).exit_code == 0
    result = invoke("extract", str(source), "-o", str(forced), "--model", model_dir, "--progress", "--batch-size", "2")
    assert result.exit_code == 0 and "written 5" in result.stderr
    assert forced.read_bytes() == plain.read_bytes()
