"""Kill -9 a `warta extract` run in the middle, rerun it with --resume, check every document is there once.

    python benchmarks/kill_resume.py --docs 20000 --workers 2
    python benchmarks/kill_resume.py --docs 20000 --workers 2 --format parquet --kill-at 0.5

Generates the articles (benchmarks/make_articles.py), starts ``python -m warta.cli extract`` as a
subprocess, sends SIGKILL to it once the output holds ``--kill-at`` of the documents, checks that its
worker processes exit by themselves, reruns the same command with ``--resume`` and verifies the
output: exactly ``--docs`` records, unique ids, input order, no truncated line. Without ``--model`` it
uses the rule-only pipeline (``warta.pipeline.assemble_model(None, dir)``). Prints one JSON line;
exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_articles import articles  # noqa: E402


def count_documents(path: Path, fmt: str) -> int:
    """Documents committed so far (JSONL lines, or rows in Parquet parts)."""
    if fmt == "jsonl":
        if not path.exists():
            return 0
        with open(path, "rb") as handle:
            return sum(1 for _ in handle)
    parts = Path(f"{path}.warta-parts") if path.suffix == ".parquet" else path
    if not parts.exists():
        return 0
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(p).metadata.num_rows for p in parts.glob("part-*.parquet"))


def read_ids(path: Path, fmt: str) -> tuple[list[str], int]:
    """(ids in output order, number of lines that are not valid JSON)."""
    if fmt == "jsonl":
        ids, bad = [], 0
        with open(path, "rb") as handle:
            for line in handle:
                try:
                    ids.append(json.loads(line)["id"])
                except ValueError:
                    bad += 1
        return ids, bad
    import pyarrow.parquet as pq

    return pq.read_table(path, columns=["id"]).column("id").to_pylist(), 0


def children_of(pid: int) -> list[int]:
    try:
        import psutil

        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except Exception:  # noqa: BLE001
        return []


def alive(pid: int) -> bool:
    try:
        import psutil

        return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except Exception:  # noqa: BLE001
        return False


def run(docs: int, workers: int, fmt: str, kill_at: float, model: str | None, workdir: Path,
        batch_size: int, env: dict[str, str] | None = None) -> dict:
    source = workdir / "articles.jsonl"
    with open(source, "w", encoding="utf-8") as out:
        for article in articles(docs, seed=3):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")
    if model is None:
        from warta.pipeline import assemble_model

        model = str(assemble_model(None, workdir / "model"))
    output = workdir / ("out.jsonl" if fmt == "jsonl" else "out.parquet")
    command = [sys.executable, "-m", "warta.cli", "extract", str(source), "-o", str(output), "--model", model,
               "--workers", str(workers), "--batch-size", str(batch_size), "--no-progress"]
    if fmt == "parquet":
        command += ["--rows-per-file", str(max(batch_size, docs // 20))]

    started = time.monotonic()
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    target = int(docs * kill_at)
    killed_at = None
    workers_pids: list[int] = []
    while first.poll() is None:
        workers_pids = children_of(first.pid) or workers_pids
        done = count_documents(output, fmt)
        if done >= target:
            os.kill(first.pid, signal.SIGKILL)
            killed_at = done
            break
        time.sleep(0.05)
    first.wait()
    orphans_after = None
    if killed_at is not None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(p) for p in workers_pids):
            time.sleep(0.2)
        orphans_after = [p for p in workers_pids if alive(p)]
    first_seconds = time.monotonic() - started

    started = time.monotonic()
    second = subprocess.run(command + ["--resume"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            text=True)
    resume_seconds = time.monotonic() - started
    ids, bad_lines = read_ids(output, fmt)
    expected = [f"art-{i:07d}" for i in range(docs)]
    result = {
        "docs": docs, "workers": workers, "format": fmt,
        "killed_after_records": killed_at, "worker_pids": len(workers_pids), "orphaned_workers": orphans_after,
        "first_run_s": round(first_seconds, 1), "resume_s": round(resume_seconds, 1),
        "resume_exit_code": second.returncode, "resume_summary": second.stderr.strip().splitlines()[-1:],
        "records": len(ids), "unique_ids": len(set(ids)), "in_input_order": ids == expected,
        "invalid_lines": bad_lines,
    }
    result["ok"] = (killed_at is not None and second.returncode == 0 and ids == expected and bad_lines == 0
                    and not orphans_after)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl")
    parser.add_argument("--kill-at", type=float, default=0.5, help="fraction of documents written before the kill")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", help="saved pipeline directory (default: rule-only pipeline)")
    parser.add_argument("--workdir", help="keep files here (default: a temporary directory)")
    args = parser.parse_args()
    if args.workdir:
        workdir = Path(args.workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        result = run(args.docs, args.workers, args.format, args.kill_at, args.model, workdir, args.batch_size)
    else:
        with tempfile.TemporaryDirectory(prefix="warta-kill-") as tmp:
            result = run(args.docs, args.workers, args.format, args.kill_at, args.model, Path(tmp), args.batch_size)
    print(json.dumps(result))
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
