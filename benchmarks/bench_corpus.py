"""Benchmark `warta corpus build`: records/s, peak RSS and database size on generated records.

Generates N synthetic document records (default 100,000) shaped like `warta extract` output —
persons drawn from a pool of fictional officials and other people, officials with offices in
real kabupaten/kota, institutions, places, quotes — streamed to a JSONL file and to a folder of
Parquet part files laid out as a Dask run writes them (`part.N.parquet`, columns id, error,
reason and the record fields; `warta.dask.write_parquet`). Each build runs in its own process,
so its peak RSS is its own.

    nice -n 15 python benchmarks/bench_corpus.py                 # 100,000 records, both inputs
    python benchmarks/bench_corpus.py --records 20000 --inputs jsonl
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator

GIVEN = ["Agus", "Budi", "Citra", "Dedi", "Eka", "Fitri", "Gilang", "Hadi", "Indah", "Joko", "Kartini", "Lukman",
         "Maya", "Nanda", "Oki", "Putri", "Rahmat", "Sari", "Teguh", "Umar", "Vina", "Wahyu", "Yusuf", "Zainal",
         "Andi", "Bayu", "Dian", "Fajar", "Hendra", "Irma", "Kurnia", "Lestari", "Rizky", "Siti", "Taufik", "Wulan"]
FAMILY = ["Saputra", "Wibowo", "Siregar", "Nasution", "Lubis", "Hidayat", "Kusuma", "Pratama", "Santoso", "Harahap",
          "Simanjuntak", "Rahman", "Setiawan", "Gunawan", "Halim", "Sinaga", "Tanjung", "Wijaya", "Purba", "Situmorang",
          "Ginting", "Sembiring", "Pane", "Matondang", "Rangkuti", "Daulay", "Hasibuan", "Pulungan", "Batubara", "Rambe"]
TITLES = [("Bupati", None), ("Wali Kota", None), ("Kepala Dinas Kesehatan", "dinkes"), ("Kajari", "kejari"),
          ("Kapolres", "polres"), ("Ketua DPRD", "dprd"), ("Sekretaris Daerah", "setda")]


def _mention(text: str, at: int) -> dict[str, Any]:
    return {"start": at, "end": at + len(text), "text": text}


def people(rng: random.Random, regions: list[Any], size: int) -> list[dict[str, Any]]:
    """A pool of fictional persons; most hold an office in one kabupaten/kota."""
    pool = []
    for i in range(size):
        name = f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} {rng.choice(FAMILY)}"
        region = rng.choice(regions)
        title, body = rng.choice(TITLES)
        pool.append({"name": name, "region": region, "title": title, "body": body, "official": rng.random() < 0.7})
    return pool


def records(n: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """``n`` synthetic records, streamed."""
    from warta.gazetteer import load_gazetteer
    from warta.record import SCHEMA_VERSION

    gazetteer = load_gazetteer()
    regions = list(gazetteer.regencies_and_cities)
    rng = random.Random(seed)
    pool = people(rng, regions, 30_000)
    for i in range(n):
        chosen = rng.sample(pool, rng.randint(2, 6))
        at = 0
        record: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "id": f"synt-{i:07d}", "text": None, "entities": [],
                                  "officials": [], "persons": [], "institutions": [], "organizations": [],
                                  "provinces": [], "regions": [], "quotes": [], "tokens": None}
        for person in chosen:
            region = person["region"]
            written = person["name"] if rng.random() < 0.8 else person["name"].split()[-1]
            mentions = [_mention(written, at), _mention(person["name"].split()[0], at + 200)]
            at += 400
            record["persons"].append({"name": person["name"], "official": person["official"], "mentions": mentions})
            record["entities"].append({**mentions[0], "label": "PERSON", "coarse": "PER", "kb_id": None})
            if person["official"]:
                institution = None
                if person["body"]:
                    institution = {"id": f"{person['body']}:{region.code}", "name": f"{person['body'].upper()} {region.name}",
                                   "acronym": person["body"].capitalize()}
                    record["institutions"].append({**institution, "kind": "regional_agency",
                                                   "region": {"code": region.code, "name": region.name, "level": region.level},
                                                   "mentions": [_mention(institution["name"], at)]})
                record["officials"].append({"name": person["name"], "title": person["title"],
                                            "jurisdiction": {"code": region.code, "name": region.name, "level": region.level},
                                            "kecamatan": None, "desa": None, "institution": institution, "former": False,
                                            "mentions": mentions})
            record["regions"].append({"code": region.code, "name": region.name, "level": region.level,
                                      "province_code": region.province_code, "mentions": [_mention(region.short_name, at + 50)]})
            if rng.random() < 0.5:
                record["quotes"].append({"speaker": {"name": person["name"]}, "text": "Kami akan bekerja keras untuk warga,",
                                         "start": at + 100, "end": at + 136})
        province = gazetteer.get(chosen[0]["region"].province_code)
        record["provinces"].append({"code": province.code, "name": province.name, "mentions": [_mention(province.short_name, at + 300)]})
        yield record


def write_inputs(n: int, directory: Path, inputs: list[str]) -> dict[str, Path]:
    """The records as one JSONL file and/or Parquet part files like a Dask run's, streamed."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from warta.dask import arrow_schema

    paths: dict[str, Path] = {}
    jsonl = open(directory / "records.jsonl", "w", encoding="utf-8") if "jsonl" in inputs else None
    parts_dir = directory / "dask-out"
    schema = arrow_schema()
    rows: list[dict[str, Any]] = []
    parts = 0

    def flush() -> None:
        nonlocal rows, parts
        parts_dir.mkdir(exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), parts_dir / f"part.{parts}.parquet")
        rows, parts = [], parts + 1

    for record in records(n):
        if jsonl:
            jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
        if "parquet" in inputs:
            rows.append({**record, "error": None, "reason": None})
            if len(rows) >= 10_000:
                flush()
    if rows:
        flush()
    if jsonl:
        jsonl.close()
        paths["jsonl"] = directory / "records.jsonl"
    if "parquet" in inputs:
        paths["parquet"] = parts_dir
    return paths


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def build_child(source: str, db: str, batch_size: int) -> None:
    """Run in a child process: build, then print one JSON line of figures."""
    from warta.corpus.store import build_corpus

    timeline: list[float] = []
    summary = build_corpus([source], db, overwrite=True, batch_size=batch_size,
                           progress=lambda s: timeline.append(round(_rss_mb())) if s.batches % 10 == 0 else None)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"records": summary.read, "loaded": summary.loaded, "seconds": summary.seconds,
                      "persons": summary.new_persons, "peak_rss_mb": peak, "rss_every_10_batches_mb": timeline,
                      "db_mb": os.path.getsize(db) / 2**20}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--inputs", default="jsonl,parquet", help="jsonl, parquet or both")
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--child", nargs=2, metavar=("SOURCE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        build_child(*args.child, args.batch_size)
        return
    inputs = [i.strip() for i in args.inputs.split(",") if i.strip()]
    with tempfile.TemporaryDirectory(prefix="warta-bench-corpus-") as tmp:
        started = time.perf_counter()
        paths = write_inputs(args.records, Path(tmp), inputs)
        print(f"generated {args.records:,} records in {time.perf_counter() - started:.1f} s", flush=True)
        for kind, path in paths.items():
            db = Path(tmp) / f"{kind}.duckdb"
            out = subprocess.run([sys.executable, __file__, "--child", str(path), str(db), "--batch-size", str(args.batch_size)],
                                 check=True, capture_output=True, text=True).stdout
            fig = json.loads(out.strip().splitlines()[-1])
            timeline = fig["rss_every_10_batches_mb"]
            print(f"{kind:8s} {fig['records']:,} records in {fig['seconds']:.1f} s = {fig['records'] / fig['seconds']:,.0f} records/s; "
                  f"peak RSS {fig['peak_rss_mb']:.0f} MB (RSS every 10 batches: {timeline[0] if timeline else '-'} … "
                  f"{timeline[-1] if timeline else '-'} MB); DB {fig['db_mb']:.0f} MB; {fig['persons']:,} persons", flush=True)


if __name__ == "__main__":
    main()
