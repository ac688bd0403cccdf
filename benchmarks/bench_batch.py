"""Throughput and memory of `warta extract` with 1 and 2 worker processes and on a Dask LocalCluster.

    python benchmarks/bench_batch.py --docs 20000                       # 1 and 2 workers, dask
    python benchmarks/bench_batch.py --docs 100000 --runs w2 --timeline  # memory over a long run
    python benchmarks/bench_batch.py --long-text-mb 50                   # one 50 MB text, offsets checked

Each run is ``python -m warta.cli extract ARTICLES.jsonl -o OUT.jsonl --model MODEL --workers N`` in a
subprocess; the process tree's resident memory (main process plus workers) is sampled every 0.5 s
with psutil. Reported per run: wall time, steady throughput (documents per second from the first
record written to the last, i.e. without the start-up that loads the model in every worker), peak
RSS of the main process, of the largest worker and of the whole tree, CPU seconds used by the main
process and by its children (sampled, so a close lower bound), and with ``--timeline`` the
tree's RSS at each tenth of the run. Articles come from benchmarks/make_articles.py; without
``--model`` the rule-only pipeline is used (``assemble_model(None, dir)``). Prints one JSON line per
run, then a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_articles import articles  # noqa: E402

RUNS = {
    "w1": ["--workers", "1"],
    "w2": ["--workers", "2"],
    "dask2": ["--engine", "dask", "--workers", "2"],
}


def lines(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def cpu_seconds(process: psutil.Process, seen: dict[int, float]) -> None:
    """Record the latest user+system CPU seconds of the process and each of its children."""
    try:
        procs = [process] + process.children(recursive=True)
    except psutil.Error:
        return
    for proc in procs:
        try:
            times = proc.cpu_times()
            seen[proc.pid] = times.user + times.system
        except psutil.Error:
            pass


def tree_rss(process: psutil.Process) -> tuple[int, int, int]:
    """(main RSS, largest child RSS, total RSS) in bytes."""
    try:
        main = process.memory_info().rss
        children = []
        for child in process.children(recursive=True):
            try:
                children.append(child.memory_info().rss)
            except psutil.Error:
                pass
        return main, max(children, default=0), main + sum(children)
    except psutil.Error:
        return 0, 0, 0


def bench(name: str, corpus: Path, model: str, workdir: Path, docs: int, batch_size: int, timeline: bool) -> dict:
    out = workdir / f"{name}.jsonl"
    for stale in workdir.glob(f"{name}.jsonl*"):
        stale.unlink()
    command = [sys.executable, "-m", "warta.cli", "extract", str(corpus), "-o", str(out), "--model", model,
               "--batch-size", str(batch_size), "--no-progress", *RUNS[name]]
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    handle = psutil.Process(process.pid)
    samples: list[tuple[float, int, int]] = []  # (seconds, documents written, tree RSS)
    peak_main = peak_worker = peak_tree = 0
    first_record = None
    next_count = 0.0
    done = 0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        cpu_seconds(handle, cpu)
        main, worker, tree = tree_rss(handle)
        peak_main, peak_worker, peak_tree = max(peak_main, main), max(peak_worker, worker), max(peak_tree, tree)
        now = time.monotonic() - started
        if now >= next_count:  # counting lines of a large output costs: every 2 s
            done = lines(out)
            next_count = now + 2.0
        if first_record is None and done > 0:
            first_record = now
        samples.append((now, done, tree))
        time.sleep(0.5)
    stderr = process.stderr.read() if process.stderr else ""
    wall = time.monotonic() - started
    written = lines(out)
    # steady throughput: documents written after the first record, over the time since then
    first_count = next((d for _, d, _ in samples if d > 0), 0)
    steady = (written - first_count) / (wall - first_record) if first_record and wall > first_record else None
    result = {
        "run": name, "command": " ".join(["warta", *command[3:]]), "docs": docs, "written": written,
        "exit_code": process.returncode, "wall_s": round(wall, 1), "startup_s": round(first_record or 0, 1),
        "docs_per_s_wall": round(written / wall, 1), "docs_per_s_steady": round(steady, 1) if steady else None,
        "peak_rss_main_mb": round(peak_main / 2**20), "peak_rss_worker_mb": round(peak_worker / 2**20),
        "peak_rss_tree_mb": round(peak_tree / 2**20), "load_avg_before": round(load_before, 2),
        "cpu_s_main": round(cpu.get(process.pid, 0.0), 1),
        "cpu_s_children": round(sum(v for k, v in cpu.items() if k != process.pid), 1),
        "summary": stderr.strip().splitlines()[-1:] if stderr else [],
    }
    if timeline and samples:
        marks = []
        for tenth in range(1, 11):
            at = wall * tenth / 10
            sample = min(samples, key=lambda s: abs(s[0] - at))
            marks.append({"s": round(sample[0]), "docs": sample[1], "tree_rss_mb": round(sample[2] / 2**20)})
        result["timeline"] = marks
    return result


def long_text(megabytes: float, model: str, workdir: Path) -> dict:
    """One text of ``megabytes`` MB (articles joined by blank lines) through ``warta extract``."""
    path = workdir / f"long-{megabytes:g}mb.txt"
    parts, size = [], 0
    for article in articles(10**7, seed=5):
        parts.append(article["text"])
        size += len(article["text"].encode("utf-8")) + 2
        if size >= megabytes * 2**20:
            break
    text = "\n\n".join(parts)
    path.write_text(text, encoding="utf-8")
    out = workdir / "long.jsonl"
    command = [sys.executable, "-m", "warta.cli", "extract", str(path), "-o", str(out), "--model", model, "--no-progress"]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    handle = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(handle)[2])
        time.sleep(0.5)
    wall = time.monotonic() - started
    stderr = process.stderr.read() if process.stderr else ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    record = records[0] if len(records) == 1 else {}
    spans = [(e["start"], e["end"], e["text"]) for e in record.get("entities", [])]
    for group in ("officials", "persons", "institutions", "organizations", "provinces", "regions"):
        spans += [(m["start"], m["end"], m["text"]) for item in record.get(group, []) for m in item["mentions"]]
    bad = sum(1 for start, end, value in spans if text[start:end] != value)
    return {
        "run": f"long-text {megabytes:g} MB", "command": " ".join(["warta", *command[3:]]), "chars": len(text),
        "exit_code": process.returncode, "records": len(records), "wall_s": round(wall, 1),
        "peak_rss_tree_mb": round(peak / 2**20), "entities": len(record.get("entities", [])),
        "persons": len(record.get("persons", [])), "provinces": len(record.get("provinces", [])),
        "offsets_checked": len(spans), "offsets_wrong": bad, "summary": stderr.strip().splitlines()[-1:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--runs", default="w1,w2,dask2", help=f"comma-separated: {', '.join(RUNS)}")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--model", help="saved pipeline directory (default: rule-only pipeline)")
    parser.add_argument("--workdir", help="where the corpus and outputs go (default: a temporary directory)")
    parser.add_argument("--timeline", action="store_true", help="report the tree RSS at each tenth of the run")
    parser.add_argument("--long-text-mb", type=float, help="instead: one text of this many MB, offsets checked")
    args = parser.parse_args()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="warta-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / f"articles-{args.docs}.jsonl"
    if not corpus.exists() and not args.long_text_mb:
        with open(corpus, "w", encoding="utf-8") as out:
            for article in articles(args.docs, seed=1):
                out.write(json.dumps(article, ensure_ascii=False) + "\n")
    model = args.model
    if model is None:
        from warta.pipeline import assemble_model

        model = str(assemble_model(None, workdir / "model-rules"))
    if args.long_text_mb:
        print(json.dumps(long_text(args.long_text_mb, model, workdir)))
        return
    results = []
    for name in args.runs.split(","):
        result = bench(name, corpus, model, workdir, args.docs, args.batch_size, args.timeline)
        results.append(result)
        print(json.dumps(result), flush=True)
    print()
    print("| run | docs | wall s | start-up s | docs/s (wall) | docs/s (steady) | peak RSS main / worker / total MB |")
    print("|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['run']} | {r['written']} | {r['wall_s']} | {r['startup_s']} | {r['docs_per_s_wall']} | "
              f"{r['docs_per_s_steady']} | {r['peak_rss_main_mb']} / {r['peak_rss_worker_mb']} / {r['peak_rss_tree_mb']} |")


if __name__ == "__main__":
    main()
