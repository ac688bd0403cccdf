"""Writing document records: JSONL, JSON, CSV and Parquet behind one interface.

    >>> from warta.writers import open_writer
    >>> with open_writer("out.parquet") as writer:
    ...     for record in extractor.extract_many(texts):
    ...         writer.write(record)

Every writer takes ``DocumentRecord`` objects or their dicts (``record.to_dict()``) and has
``write``, ``write_many``, ``checkpoint``, ``close`` and ``abort``:

- ``checkpoint()`` makes what was written so far durable (flush + fsync) and returns a small state
  dict from which a later writer can continue (``resume_state=``), or ``None`` when some written
  records are still buffered (Parquet buffers ``rows_per_file`` rows per part file). The batch
  runner stores these states in its journal; that is how ``--resume`` continues a killed run
  without losing or repeating a record.
- ``close()`` finishes the output (closes the JSON array, merges Parquet parts into one file).
- ``abort()`` stops without finishing, leaving a resumable state behind; leaving a ``with`` block
  by an exception aborts.

Formats
-------
- ``jsonl``: one ``DocumentRecord`` per line (``record.to_json()``), appended and flushed per batch.
- ``json``: one JSON array. Records go to ``<out>.warta-staging.jsonl`` first; ``close()`` writes
  the array to a temporary file and renames it over ``<out>`` atomically.
- ``csv``: one row per item of ``kind`` (default ``entities``: doc_id, start, end, text, label,
  coarse, kb_id), as ``warta.frames.to_frame`` builds them, with a header row and RFC 4180 CRLF
  line ends (fields holding line breaks are quoted). Documents without items have no rows.
- ``parquet``: ``kind="documents"`` (default) gives one row per document with nested list/struct
  columns following the ``DocumentRecord`` schema; the other kinds give the flat ``to_frame``
  tables. A path ending in ``.parquet`` becomes a single file (parts are staged in
  ``<out>.warta-parts/`` and merged by ``close()``); any other path is a partitioned dataset
  directory of ``part-000000.parquet``, ``part-000001.parquet``, ... files of ``rows_per_file``
  rows each, readable with ``pandas.read_parquet(dir)`` while the run is still going.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import typing
from pathlib import Path
from typing import IO, Any, Iterable, Mapping, Optional, Union

from warta.frames import KINDS, to_frame
from warta.record import DocumentRecord, ErrorRecord

FORMATS = ("jsonl", "json", "csv", "parquet")
OUTPUT_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
PARQUET_KINDS = ("documents",) + KINDS
STDOUT = "-"
DEFAULT_ROWS_PER_FILE = 10_000



class EncodedRecord(str):
    """A record already serialized as one JSON object (``json.dumps(record, ensure_ascii=False)``).

    Worker processes send records this way when the output is JSON or JSONL, so the main process
    only copies the text; other writers parse it.
    """


Record = Union[DocumentRecord, ErrorRecord, EncodedRecord, Mapping[str, Any]]


class OutputError(ValueError):
    """An output that cannot be written (unknown format, Parquet to stdout, bad resume state)."""


def _as_dict(record: Record) -> dict[str, Any]:
    if isinstance(record, (DocumentRecord, ErrorRecord)):
        return record.to_dict()
    if isinstance(record, str):
        return json.loads(record)
    return dict(record)


def _encoded(record: Record) -> str:
    if isinstance(record, EncodedRecord):
        return str(record)
    return json.dumps(_as_dict(record), ensure_ascii=False)


def format_for_path(path: Union[str, Path], fmt: Optional[str] = None) -> str:
    """The output format: ``fmt`` if given, else from the extension (stdout and no extension: jsonl)."""
    if fmt:
        if fmt not in FORMATS:
            raise OutputError(f"unknown output format {fmt!r}; choose {', '.join(FORMATS)}")
        return fmt
    if str(path) == STDOUT:
        return "jsonl"
    suffix = Path(str(path)).suffix.lower()
    if suffix in OUTPUT_EXTENSIONS:
        return OUTPUT_EXTENSIONS[suffix]
    if not suffix:
        return "jsonl"
    raise OutputError(f"{path}: unknown output extension {suffix!r}; use .jsonl, .json, .csv or .parquet, or pass --format")


class _AppendFile:
    """A binary file appended to, whose committed size can be restored after a crash."""

    def __init__(self, path: Path, resume_size: Optional[int], *, durable: bool, lazy: bool = False) -> None:
        self.path = path
        self.durable = durable
        self.handle: Optional[IO[bytes]] = None
        if resume_size is None:
            if path.exists() or not lazy:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.handle = open(path, "wb")
        else:
            actual = path.stat().st_size if path.exists() else 0
            if actual < resume_size:
                raise OutputError(f"{path}: cannot resume: the file has {actual} bytes, the journal expects {resume_size}")
            if path.exists():
                os.truncate(path, resume_size)
                self.handle = open(path, "ab")

    def write(self, data: bytes) -> None:
        if self.handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.handle = open(self.path, "ab")
        self.handle.write(data)

    def sync(self) -> int:
        if self.handle is None:
            return 0
        self.handle.flush()
        if self.durable:
            os.fsync(self.handle.fileno())
        return self.handle.tell()

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class RecordWriter:
    """Base class: the interface every writer has. See the module docstring."""

    format = ""

    def __init__(self) -> None:
        self.count = 0
        self.closed = False

    def write(self, record: Record) -> None:
        self._write(_as_dict(record))
        self.count += 1

    def write_many(self, records: Iterable[Record]) -> None:
        for record in records:
            self.write(record)

    def _write(self, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def checkpoint(self) -> Optional[dict[str, Any]]:
        """Make everything written durable and return the state to resume from (None: not yet)."""
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output."""
        self.closed = True

    def abort(self) -> None:
        """Stop without finishing; what was checkpointed stays resumable."""
        self.closed = True

    def __enter__(self) -> "RecordWriter":
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if self.closed:
            return
        if exc_type is None:
            self.close()
        else:
            self.abort()


class JsonlWriter(RecordWriter):
    """One JSON object per line (documents or error records), to a file or a text stream."""

    format = "jsonl"

    def __init__(self, path: Union[str, Path, IO[str]], *, resume_state: Optional[dict[str, Any]] = None,
                 durable: bool = True, lazy: bool = False) -> None:
        super().__init__()
        self.stream: Optional[IO[str]] = None
        self.file: Optional[_AppendFile] = None
        if isinstance(path, (str, Path)) and str(path) == STDOUT:
            path = sys.stdout
        if isinstance(path, (str, Path)):
            self.path: Optional[Path] = Path(path)
            self.file = _AppendFile(self.path, (resume_state or {}).get("size") if resume_state else None,
                                    durable=durable, lazy=lazy)
        else:
            self.path = None
            self.stream = path

    def write(self, record: Record) -> None:
        self._write_line(_encoded(record))
        self.count += 1

    def _write(self, data: dict[str, Any]) -> None:
        self._write_line(json.dumps(data, ensure_ascii=False))

    def _write_line(self, encoded: str) -> None:
        line = encoded + "\n"
        if self.file is not None:
            self.file.write(line.encode("utf-8"))
        else:
            assert self.stream is not None
            self.stream.write(line)

    def checkpoint(self) -> Optional[dict[str, Any]]:
        if self.file is not None:
            return {"size": self.file.sync()}
        assert self.stream is not None
        self.stream.flush()
        return {}

    def close(self) -> None:
        self.checkpoint()
        if self.file is not None:
            self.file.close()
        super().close()

    def abort(self) -> None:
        if self.file is not None:
            self.file.close()
        super().abort()


class JsonWriter(RecordWriter):
    """One JSON array of documents; to a file it is staged as JSONL and renamed into place by ``close``."""

    format = "json"

    def __init__(self, path: Union[str, Path, IO[str]], *, resume_state: Optional[dict[str, Any]] = None,
                 durable: bool = True) -> None:
        super().__init__()
        if isinstance(path, (str, Path)) and str(path) == STDOUT:
            path = sys.stdout
        if isinstance(path, (str, Path)):
            self.path: Optional[Path] = Path(path)
            self.staging_path = Path(f"{path}.warta-staging.jsonl")
            self.staging: Optional[JsonlWriter] = JsonlWriter(self.staging_path, resume_state=resume_state, durable=durable)
            self.stream: Optional[IO[str]] = None
        else:
            self.path = None
            self.staging = None
            self.stream = path
            self._first = True

    def write(self, record: Record) -> None:
        encoded = _encoded(record)
        if self.staging is not None:
            self.staging._write_line(encoded)
        else:
            assert self.stream is not None
            self.stream.write(("[\n" if self._first else ",\n") + encoded)
            self._first = False
        self.count += 1

    def checkpoint(self) -> Optional[dict[str, Any]]:
        if self.staging is not None:
            return self.staging.checkpoint()
        assert self.stream is not None
        self.stream.flush()
        return {}

    def close(self) -> None:
        if self.staging is not None:
            assert self.path is not None
            self.staging.close()
            tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
            with open(self.staging_path, "rb") as src, open(tmp, "wb") as dst:
                dst.write(b"[")
                first = True
                for line in src:
                    line = line.rstrip(b"\n")
                    if line:
                        dst.write((b"\n" if first else b",\n") + line)
                        first = False
                dst.write(b"]\n" if first else b"\n]\n")
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, self.path)
            self.staging_path.unlink()
        else:
            assert self.stream is not None
            self.stream.write("[]\n" if self._first else "\n]\n")
            self.stream.flush()
        super().close()

    def abort(self) -> None:
        if self.staging is not None:
            self.staging.abort()
        super().abort()


class CsvWriter(RecordWriter):
    """One CSV row per item of ``kind`` (default: entities), with a header row."""

    format = "csv"

    def __init__(self, path: Union[str, Path, IO[str]], *, kind: str = "entities",
                 resume_state: Optional[dict[str, Any]] = None, durable: bool = True) -> None:
        super().__init__()
        if kind not in KINDS:
            raise OutputError(f"unknown CSV kind {kind!r}; choose one of: {', '.join(KINDS)}")
        self.kind = kind
        self.pending: list[dict[str, Any]] = []
        self.header_written = bool(resume_state and resume_state.get("size"))
        if isinstance(path, (str, Path)) and str(path) == STDOUT:
            path = sys.stdout
        self.jsonl = None
        if isinstance(path, (str, Path)):
            self.path: Optional[Path] = Path(path)
            self.file: Optional[_AppendFile] = _AppendFile(self.path, (resume_state or {}).get("size") if resume_state else None,
                                                           durable=durable)
            self.stream: Optional[IO[str]] = None
        else:
            self.path, self.file, self.stream = None, None, path

    def _write(self, data: dict[str, Any]) -> None:
        self.pending.append(data)

    def _drain(self) -> None:
        if not self.pending and self.header_written:
            return
        frame = to_frame(self.pending, kind=self.kind)
        # RFC 4180 line ends: with "\n" alone, Python's csv would leave a lone "\r" in a field unquoted
        text = frame.to_csv(index=False, header=not self.header_written, lineterminator="\r\n")
        self.header_written = True
        self.pending = []
        if self.file is not None:
            self.file.write(text.encode("utf-8"))
        else:
            assert self.stream is not None
            self.stream.write(text)

    def checkpoint(self) -> Optional[dict[str, Any]]:
        self._drain()
        if self.file is not None:
            return {"size": self.file.sync()}
        assert self.stream is not None
        self.stream.flush()
        return {}

    def close(self) -> None:
        self.checkpoint()
        if self.file is not None:
            self.file.close()
        super().close()

    def abort(self) -> None:
        if self.file is not None:
            self.file.close()
        super().abort()


# ---------------------------------------------------------------------------------------- parquet

def _arrow_type(annotation: Any) -> Any:
    """The Arrow type of a pydantic field annotation (str, int, bool, Literal, Optional, list, model)."""
    import pyarrow as pa
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Union:
        inner = [a for a in args if a is not type(None)]
        return _arrow_type(inner[0])
    if origin is typing.Literal:
        return pa.string()
    if origin is list:
        return pa.list_(_arrow_type(args[0]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return pa.struct([pa.field(name, _arrow_type(f.annotation)) for name, f in annotation.model_fields.items()])
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    return pa.string()


def arrow_schema(kind: str = "documents") -> Any:
    """The Arrow schema of Parquet output: nested ``DocumentRecord`` columns, or a flat table."""
    import pyarrow as pa

    if kind == "documents":
        return pa.schema([pa.field(name, _arrow_type(f.annotation)) for name, f in DocumentRecord.model_fields.items()])
    if kind not in KINDS:
        raise OutputError(f"unknown Parquet kind {kind!r}; choose one of: {', '.join(PARQUET_KINDS)}")
    fields = []
    for column in to_frame([], kind=kind).columns:
        if column in ("start", "end", "n_mentions", "first_start"):
            fields.append(pa.field(column, pa.int64()))
        elif column == "official":
            fields.append(pa.field(column, pa.bool_()))
        else:
            fields.append(pa.field(column, pa.string()))
    return pa.schema(fields)


def _flat_rows(records: list[dict[str, Any]], kind: str, schema: Any) -> list[dict[str, Any]]:
    import pyarrow as pa

    frame = to_frame(records, kind=kind)
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    ints = [f.name for f in schema if f.type == pa.int64()]
    for row in rows:
        for name in ints:
            if row[name] is not None:
                row[name] = int(row[name])
    return rows


_PART = re.compile(r"^part-(\d{6})\.parquet$")


class ParquetWriter(RecordWriter):
    """Parquet output: a single ``.parquet`` file, or a partitioned dataset directory.

    Rows are buffered and written ``rows_per_file`` at a time, each part to a temporary name then
    renamed, so a part file on disk is always complete.
    """

    format = "parquet"

    def __init__(self, path: Union[str, Path], *, kind: str = "documents", rows_per_file: int = DEFAULT_ROWS_PER_FILE,
                 resume_state: Optional[dict[str, Any]] = None, durable: bool = True) -> None:
        super().__init__()
        if str(path) == STDOUT:
            raise OutputError("Parquet cannot be written to standard output; give a file or directory with -o")
        if rows_per_file < 1:
            raise OutputError("rows_per_file must be at least 1")
        self.schema = arrow_schema(kind)
        self.kind = kind
        self.path = Path(path)
        self.single_file = self.path.suffix.lower() == ".parquet"
        self.directory = Path(f"{path}.warta-parts") if self.single_file else self.path
        self.rows_per_file = rows_per_file
        self.durable = durable
        self.buffer: list[dict[str, Any]] = []
        self.buffered_documents = 0
        self.parts = int(resume_state["parts"]) if resume_state else 0
        if resume_state is None and self.directory.exists():
            for old in self.directory.iterdir():
                if _PART.match(old.name) or old.name.startswith(".part-"):
                    old.unlink()
        self.directory.mkdir(parents=True, exist_ok=True)
        for old in self.directory.iterdir():  # parts written after the last checkpoint, and temporaries
            match = _PART.match(old.name)
            if (match and int(match.group(1)) >= self.parts) or old.name.startswith(".part-"):
                old.unlink()
        for n in range(self.parts):
            if not (self.directory / f"part-{n:06d}.parquet").exists():
                raise OutputError(f"{self.directory}: cannot resume: part-{n:06d}.parquet is missing")

    def _write(self, data: dict[str, Any]) -> None:
        self.buffer.append(data)
        self.buffered_documents += 1

    def _flush_part(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self.buffer if self.kind == "documents" else _flat_rows(self.buffer, self.kind, self.schema)
        table = pa.Table.from_pylist(rows, schema=self.schema)
        final = self.directory / f"part-{self.parts:06d}.parquet"
        tmp = self.directory / f".part-{self.parts:06d}.tmp"
        pq.write_table(table, tmp)
        if self.durable:
            with open(tmp, "rb") as handle:
                os.fsync(handle.fileno())
        os.replace(tmp, final)
        self.parts += 1
        self.buffer = []
        self.buffered_documents = 0

    def checkpoint(self) -> Optional[dict[str, Any]]:
        if self.buffered_documents >= self.rows_per_file:
            self._flush_part()
        if self.buffered_documents:
            return None
        return {"parts": self.parts}

    def close(self) -> None:
        import pyarrow.parquet as pq

        if self.buffer or self.parts == 0:
            self._flush_part()
        if self.single_file:
            parts = [self.directory / f"part-{n:06d}.parquet" for n in range(self.parts)]
            tmp = self.path.with_name(f".{self.path.name}.tmp-{os.getpid()}")
            if len(parts) == 1:
                shutil.copyfile(parts[0], tmp)
            else:
                with pq.ParquetWriter(tmp, self.schema) as out:
                    for part in parts:
                        source = pq.ParquetFile(part)
                        for group in range(source.num_row_groups):
                            out.write_table(source.read_row_group(group))
            os.replace(tmp, self.path)
            shutil.rmtree(self.directory)
        super().close()


def open_writer(path: Union[str, Path, IO[str]], fmt: Optional[str] = None, *, kind: Optional[str] = None,
                rows_per_file: int = DEFAULT_ROWS_PER_FILE, resume_state: Optional[dict[str, Any]] = None,
                durable: bool = True) -> RecordWriter:
    """A writer for ``path`` (``-`` or a text stream: stdout) in ``fmt`` or the format its extension names.

    ``kind`` selects the table for CSV (default ``entities``) and Parquet (default ``documents``:
    one nested row per document; or entities, officials, persons, ...).
    """
    target = path if isinstance(path, (str, Path)) else STDOUT
    fmt = format_for_path(target, fmt)
    if fmt == "jsonl":
        _no_kind(kind, fmt)
        return JsonlWriter(path, resume_state=resume_state, durable=durable)
    if fmt == "json":
        _no_kind(kind, fmt)
        return JsonWriter(path, resume_state=resume_state, durable=durable)
    if fmt == "csv":
        return CsvWriter(path, kind=kind or "entities", resume_state=resume_state, durable=durable)
    if not isinstance(path, (str, Path)):
        raise OutputError("Parquet cannot be written to a text stream")
    if (kind or "documents") not in PARQUET_KINDS:
        raise OutputError(f"unknown Parquet kind {kind!r}; choose one of: {', '.join(PARQUET_KINDS)}")
    return ParquetWriter(path, kind=kind or "documents", rows_per_file=rows_per_file, resume_state=resume_state, durable=durable)


def _no_kind(kind: Optional[str], fmt: str) -> None:
    if kind not in (None, "documents"):
        raise OutputError(f"--kind applies to csv and parquet output; {fmt} output holds whole documents")
