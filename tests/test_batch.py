"""warta.batch: every input once (record or error), in order, resumable, failures isolated."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from warta.batch import ResumeError, journal_path, merge_records, run_batch, split_text
from warta.readers import InputDocument, ReadOptions
from warta.record import DocumentRecord

ARTICLE = ("Gubernur Jawa Barat Arman Sutedja meresmikan jembatan di Kota Bandung. "
           "\"Kami bangun untuk warga,\" kata Arman Sutedja.\n\n"
           "Bupati Sleman Budi Santoso hadir bersama Kepala Kejaksaan Negeri Sleman.")


@Language.component("warta_test_faults")
def _faults(doc):
    """Test component: raises on BOOM, kills its process on CRASH."""
    if "BOOM" in doc.text:
        raise ValueError("boom inside the pipeline")
    if "CRASH" in doc.text:
        os._exit(3)
    return doc


@pytest.fixture(scope="module")
def faulty_nlp():
    nlp = spacy.blank("id")
    nlp.add_pipe("warta_test_faults")
    return nlp


@pytest.fixture(scope="module")
def faulty_model(faulty_nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("faulty") / "model"
    faulty_nlp.to_disk(path)
    return str(path)


def write_jsonl(path: Path, rows) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_bytes().splitlines() if line.strip()]


def corpus(tmp_path: Path, n: int = 30) -> Path:
    return write_jsonl(tmp_path / "in.jsonl", [{"id": f"d{i:03d}", "text": f"{ARTICLE} Nomor {i}."} for i in range(n)])


def test_every_bad_input_yields_an_error_record_and_the_batch_completes(tmp_path, rules_nlp):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a-good.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b-empty.txt").write_text("  \n", encoding="utf-8")
    (src / "c-binary.txt").write_bytes(b"\x00\x01PK\x03\x04" * 50)
    (src / "d-latin.txt").write_bytes("Gubernur Bali – “Wayan”".encode("cp1252"))
    write_jsonl(src / "e.jsonl", [{"id": "j1", "text": ARTICLE}, "{broken", {"id": "j3"}, {"id": "j4", "text": ""}])
    (src / "f.csv").write_text("id,text\nc1,Bupati Sleman hadir.\nc2\n", encoding="utf-8")
    (src / "g.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "z1", "text": ARTICLE}).encode() + b"\n"))
    (src / "h.jsonl").write_text(json.dumps({"id": "j1", "text": "duplicate id"}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([src], out, model=rules_nlp, include_text=True)
    records = read_jsonl(out)
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert [r["id"] for r in records] == ["a-good", "d-latin", "j1", "c1", "z1"]
    assert records[1]["text"] == "Gubernur Bali – “Wayan”"
    assert [(e["error"], e["line"]) for e in errors] == [
        ("empty_text", None), ("binary_file", None), ("warning:non_utf8", None), ("invalid_json", 2),
        ("missing_text", 3), ("empty_text", 4), ("missing_text", 2), ("duplicate_id", 1),
    ]
    assert all(e["source"] and e["reason"] for e in errors)
    assert (summary.read, summary.written, summary.failed, summary.warnings) == (12, 5, 7, 1)
    assert "read 12, written 5, failed 7, warnings 1" in summary.line()


def test_pipeline_exception_becomes_an_error_record(tmp_path, faulty_nlp):
    rows = [{"id": f"d{i}", "text": "BOOM" if i == 3 else f"teks {i}"} for i in range(10)]
    out = tmp_path / "out.jsonl"
    summary = run_batch([write_jsonl(tmp_path / "in.jsonl", rows)], out, model=faulty_nlp, batch_size=4)
    assert [r["id"] for r in read_jsonl(out)] == [f"d{i}" for i in range(10) if i != 3]
    [error] = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert (error["id"], error["error"], error["line"]) == ("d3", "pipeline_error", 4)
    assert "boom inside the pipeline" in error["reason"]
    assert summary.failed == 1


def test_workers_keep_order_and_isolate_exceptions_and_crashes(tmp_path, faulty_model):
    special = {5: "BOOM", 17: "CRASH"}
    rows = [{"id": f"d{i:02d}", "text": special.get(i, f"teks {i}")} for i in range(40)]
    out = tmp_path / "out.jsonl"
    summary = run_batch([write_jsonl(tmp_path / "in.jsonl", rows)], out, model=faulty_model, workers=2,
                        batch_size=4, worker_imports=["test_batch"])
    assert [r["id"] for r in read_jsonl(out)] == [r["id"] for i, r in enumerate(rows) if i not in special]
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert [(e["id"], e["error"]) for e in errors] == [("d05", "pipeline_error"), ("d17", "worker_crashed")]
    assert (summary.read, summary.written, summary.failed) == (40, 38, 2)


def test_split_text_prefers_paragraphs_then_sentences():
    text = "Satu dua tiga empat.\n\nLima enam. Tujuh delapan sembilan.\n\n" + "x" * 50
    pieces = split_text(text, 40)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(e - s <= 40 for s, e in pieces)
    assert [text[s:e] for s, e in pieces][:2] == ["Satu dua tiga empat.\n\n", "Lima enam. Tujuh delapan sembilan.\n\n"]
    assert split_text("Kalimat pertama ini. Kalimat dua yang panjang sekali.", 30)[0] == (0, 21)
    assert split_text("tanpa", 10) == [(0, 5)]


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab .\n!?"), max_size=400), limit=st.integers(2, 60))
def test_split_text_covers_the_text(text, limit):
    pieces = split_text(text, limit)
    assert "".join(text[s:e] for s, e in pieces) == text
    assert all(0 < e - s <= limit for s, e in pieces) or text == ""


def test_merge_records_dedupes_by_key():
    a = DocumentRecord.model_validate({"id": "x", "persons": [{"name": "Budi", "mentions": [{"start": 0, "end": 4, "text": "Budi"}]}],
                                       "provinces": [{"code": "32", "name": "Jawa Barat", "mentions": [{"start": 5, "end": 15, "text": "Jawa Barat"}]}]})
    b = DocumentRecord.model_validate({"id": "x", "persons": [{"name": "Budi", "official": True, "mentions": [{"start": 100, "end": 104, "text": "Budi"}]}],
                                       "provinces": [{"code": "32", "name": "Jawa Barat", "mentions": [{"start": 120, "end": 130, "text": "Jawa Barat"}]}]})
    merged = DocumentRecord.model_validate(merge_records([a, b], "x"))
    assert [(p.name, p.official, [m.start for m in p.mentions]) for p in merged.persons] == [("Budi", True, [0, 100])]
    assert [[m.start for m in p.mentions] for p in merged.provinces] == [[5, 120]]


def test_long_text_is_processed_in_pieces_with_valid_offsets(tmp_path, rules_nlp):
    paragraphs = [f"{ARTICLE} Paragraf {i}." for i in range(40)]
    text = "\n\n".join(paragraphs)
    (tmp_path / "panjang.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "panjang.txt"], out, model=rules_nlp, max_chars=1500)
    [long_record] = read_jsonl(out)
    whole = DocumentRecord.model_validate(long_record)
    mentions = [m for group in (whole.persons, whole.provinces, whole.regions, whole.officials, whole.institutions)
                for item in group for m in item.mentions]
    assert mentions and all(text[m.start:m.end] == m.text for m in mentions)
    assert all(text[e.start:e.end] == e.text for e in whole.entities)
    assert len(text) > 1500 * 5 and max(e.start for e in whole.entities) > len(text) - 500
    for group in (whole.provinces, whole.regions):
        assert len({item.code for item in group}) == len(group)
    assert len({p.name for p in whole.persons}) == len(whole.persons)


def test_html_pages_are_extracted(tmp_path, rules_nlp):
    pytest.importorskip("trafilatura")
    page = ("<html><head><meta charset='windows-1252'><title>Berita</title></head><body><nav>Menu Beranda</nav>"
            f"<article><p>{ARTICLE.replace(chr(10), ' ')} Caf\xe9.</p><p>{ARTICLE.replace(chr(10), ' ')}</p></article>"
            "<footer>Hak cipta</footer></body></html>")
    (tmp_path / "berita.html").write_bytes(page.encode("cp1252"))
    (tmp_path / "kosong.html").write_text("<html><body></body></html>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path], out, model=rules_nlp, include_text=True)
    [record] = read_jsonl(out)
    assert record["id"] == "berita" and "Gubernur Jawa Barat" in record["text"] and "Café" in record["text"]
    assert "Menu Beranda" not in record["text"]
    assert [e["error"] for e in read_jsonl(Path(f"{out}.errors.jsonl"))] == ["no_article_text"]
    assert summary.failed == 1


class Interrupt:
    """A progress callback that raises KeyboardInterrupt after ``n`` batches (a Ctrl-C)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __call__(self, summary) -> None:
        self.n -= 1
        if self.n == 0:
            raise KeyboardInterrupt


def output_ids(path: Path, fmt: str) -> list[str]:
    if fmt == "jsonl":
        return [r["id"] for r in read_jsonl(path)]
    if fmt == "json":
        return [r["id"] for r in json.loads(path.read_text(encoding="utf-8"))]
    if fmt == "csv":
        return pd.read_csv(path)["doc_id"].drop_duplicates().tolist()
    return pq.read_table(path, columns=["id"]).column("id").to_pylist()


@pytest.mark.parametrize("name", ["out.jsonl", "out.json", "out.csv", "out.parquet", "dataset"])
def test_interrupted_run_resumes_with_each_document_once(tmp_path, rules_nlp, name):
    source = corpus(tmp_path, 40)
    write_jsonl(tmp_path / "more.jsonl", ["{bad line", {"id": "m1", "text": ARTICLE}])
    inputs = [source, tmp_path / "more.jsonl"]
    out = tmp_path / name
    fmt = "parquet" if name == "dataset" else name.split(".")[1]
    options = dict(model=rules_nlp, batch_size=6, rows_per_file=12, fmt=fmt)
    with pytest.raises(KeyboardInterrupt):
        run_batch(inputs, out, progress=Interrupt(3), **options)
    if fmt == "jsonl":
        with open(out, "ab") as handle:
            handle.write(b'{"schema_version": "1.0", "id": "d0')  # torn by the interruption
    with pytest.raises(ResumeError, match="--resume"):
        run_batch(inputs, out, overwrite=False, **options)
    summary = run_batch(inputs, out, resume=True, **options)
    assert summary.skipped > 0
    assert (summary.read, summary.written, summary.failed) == (42, 41, 1)
    assert output_ids(out, fmt) == [f"d{i:03d}" for i in range(40)] + ["m1"]
    assert [e["error"] for e in read_jsonl(Path(f"{out}.errors.jsonl"))] == ["invalid_json"]
    again = run_batch(inputs, out, resume=True, **options)  # a finished run: nothing to do
    assert (again.read, again.written) == (42, 41)
    assert output_ids(out, fmt) == [f"d{i:03d}" for i in range(40)] + ["m1"]


def test_resume_is_refused_when_inputs_change(tmp_path, rules_nlp):
    source = corpus(tmp_path, 20)
    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_batch([source], out, model=rules_nlp, batch_size=5, progress=Interrupt(1))
    with pytest.raises(ResumeError, match="options differ"):
        run_batch([source], out, model=rules_nlp, resume=True, read_options=ReadOptions(text_field="isi"))
    with open(source, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "new", "text": "baru"}) + "\n")
    with pytest.raises(ResumeError, match="inputs differ"):
        run_batch([source], out, model=rules_nlp, resume=True)
    out.unlink()
    journal_path(out).unlink()
    assert run_batch([source], out, model=rules_nlp, resume=True).written == 21  # nothing to resume: a fresh run


def test_stream_is_not_read_ahead(rules_nlp, tmp_path):
    consumed = []

    def items():
        for i in range(100):
            consumed.append(i)
            yield InputDocument(id=f"g{i}", text=f"teks {i}", source="gen")

    seen = []
    run_batch(items(), tmp_path / "out.jsonl", model=rules_nlp, batch_size=10,
              progress=lambda s: seen.append((s.read, len(consumed))))
    assert all(used <= read + 10 for read, used in seen)
