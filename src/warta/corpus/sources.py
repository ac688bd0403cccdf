"""Reading document records back: what ``warta extract`` writes, streamed.

Inputs are JSONL files (``.jsonl``, ``.ndjson``, also gzipped), Parquet files with one nested
row per document (``-f parquet``), and folders of Parquet part files (``-o out/ -f parquet``, or
``warta.dask.write_parquet`` after a Dask run, whose rows also carry ``error``/``reason``).
Folders are read recursively in sorted order. Parquet is read in row batches, never whole.
Error records (JSONL lines or Dask rows with an ``error``) are skipped and counted.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator, Union

RECORD_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".parquet")
PARQUET_BATCH_ROWS = 2048


class RecordInputError(ValueError):
    """An input that holds no records warta can read."""


@dataclass
class ReadCounts:
    records: int = 0
    errors: int = 0  # error records and rows of failed documents, skipped


def _suffix_ok(path: Path) -> bool:
    return path.name.lower().endswith(RECORD_SUFFIXES)


def record_files(paths: Iterable[Union[str, Path]]) -> list[Path]:
    """The record files named by ``paths`` (files, or folders read recursively), in order."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _suffix_ok(p) and not p.name.startswith("."))
            if not found:
                raise RecordInputError(f"{path}: no .jsonl, .jsonl.gz or .parquet files inside")
            files.extend(found)
        elif path.is_file():
            if not _suffix_ok(path):
                raise RecordInputError(f"{path}: not a record file (.jsonl, .jsonl.gz, .parquet)")
            files.append(path)
        else:
            raise RecordInputError(f"{path}: no such file or directory")
    return files


def _is_record(data: Any) -> bool:
    return isinstance(data, dict) and data.get("id") is not None and "schema_version" in data and not data.get("error")


def _jsonl_records(path: Path, counts: ReadCounts) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as err:
                raise RecordInputError(f"{path}:{number}: invalid JSON ({err.msg})") from err
            if _is_record(data):
                yield data
            else:
                counts.errors += 1


def _parquet_records(path: Path, counts: ReadCounts) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    source = pq.ParquetFile(path)
    names = set(source.schema_arrow.names)
    if "id" not in names or "schema_version" not in names:
        raise RecordInputError(f"{path}: not a Parquet file of document records (written with -f parquet, kind documents)")
    for batch in source.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for row in batch.to_pylist():
            row.pop("reason", None)
            if row.get("error") is not None:
                counts.errors += 1
                continue
            row.pop("error", None)
            yield row


def iter_records(paths: Iterable[Union[str, Path]], counts: ReadCounts | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(source file, record dict)`` for every document record in ``paths``, streamed."""
    counts = counts if counts is not None else ReadCounts()
    for path in record_files(paths):
        reader = _parquet_records if path.suffix.lower() == ".parquet" else _jsonl_records
        for record in reader(path, counts):
            counts.records += 1
            yield str(path), record
