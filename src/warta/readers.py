"""Reading documents for batch extraction: text, JSONL, CSV, Parquet, HTML, gzip and stdin.

``iter_documents(paths)`` streams one item per input document, in a deterministic order: an
``InputDocument`` to process, or an ``ErrorRecord`` for an input that cannot be a document (a
malformed JSONL line, a CSV row without text, an empty text, a binary file, ...). Nothing is held
in memory beyond the current file's current line or row, so a corpus of any size streams.

Inputs and their document ids
-----------------------------
- ``*.txt``: one document per file, id = the file stem (``2021/berita-1.txt`` → ``berita-1``).
- ``*.jsonl`` / ``*.ndjson``: one JSON object per line; the text is ``text_field`` (default
  ``text``), the id ``id_field`` (default ``id``) or ``<stem>:<line>`` when the line has none.
  Blank lines are skipped.
- ``*.csv``: a header row, then one document per row; ``text_column`` / ``id_column`` (defaults
  ``text`` / ``id``), id ``<stem>:<row>`` when there is no id column. Rows are numbered from 1
  after the header.
- ``*.parquet``: like CSV, read in record batches.
- ``*.html`` / ``*.htm``: one raw HTML page per file; the article text is extracted by trafilatura
  (``pip install 'warta[html]'``) in the worker. ``html=True`` treats every other input's text as
  raw HTML too.
- ``*.gz``: gzip'd input; the format comes from the inner extension (``a.jsonl.gz``,
  ``a.txt.gz``, ``a.csv.gz``; a bare ``a.gz`` is text). The id stem drops both suffixes.
- a directory: every file above inside it, recursively, sorted by path; hidden files and
  directories and files of other types are skipped.
- ``-``: standard input, one text (id ``stdin``), or JSONL with ``format_in="jsonl"``.

Encoding
--------
Bytes are decoded as UTF-8 (a byte-order mark is dropped). Input that is not valid UTF-8 is
decoded with the fallback encoding, cp1252 by default (the Windows Western code page of older
Indonesian news sites; the five bytes cp1252 leaves undefined are read as Latin-1, so decoding
never fails), and the document carries a ``non_utf8`` warning, which the batch writes to the
errors file as ``warning:non_utf8``. JSONL, CSV and text are decoded line by line, so one bad line
does not change how the rest of a file is read. A file whose first 8 KiB contain a NUL byte is
binary: it yields one ``binary_file`` error and is not read further.

Duplicate ids
-------------
Ids must be unique (resumption and downstream joins rely on it). With ``on_duplicate_id="error"``
(the default) a later document with an id already seen yields a ``duplicate_id`` error and is not
processed; with ``"rename"`` it is processed as ``<id>#2`` (``#3``, ...) with a
``duplicate_id_renamed`` warning. Seen ids are kept as 8-byte hashes (about 60 bytes per document).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Iterable, Iterator, Optional, Sequence, Union

from warta.record import ErrorRecord

FORMATS_IN = ("txt", "jsonl", "csv", "parquet", "html")
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".html": "html",
    ".htm": "html",
}
STDIN = "-"
BINARY_SNIFF_BYTES = 8192
DEFAULT_FALLBACK_ENCODING = "cp1252"

# Error kinds (``ErrorRecord.error``); warnings start with "warning:" and do not fail a document.
INVALID_JSON = "invalid_json"
NOT_AN_OBJECT = "not_an_object"
MISSING_TEXT = "missing_text"
INVALID_TEXT = "invalid_text"
EMPTY_TEXT = "empty_text"
BINARY_FILE = "binary_file"
READ_ERROR = "read_error"
DUPLICATE_ID = "duplicate_id"
WARNING_NON_UTF8 = "warning:non_utf8"
WARNING_DUPLICATE_RENAMED = "warning:duplicate_id_renamed"


class InputError(ValueError):
    """An input that cannot be used at all (missing path, unknown type, missing text column)."""


@dataclass
class InputDocument:
    """One document to process, with where it came from.

    ``text`` is the document text; for raw HTML (``html=True``) it is the page, as ``bytes`` when
    read from an HTML file (so trafilatura can honour the page's declared charset).
    """

    id: str
    text: Union[str, bytes]
    source: str
    line: Optional[int] = None
    html: bool = False
    warnings: list[ErrorRecord] = field(default_factory=list)


Item = Union[InputDocument, ErrorRecord]


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read; the same options always give the same documents in the same order."""

    format_in: str = "auto"
    id_field: str = "id"
    text_field: str = "text"
    id_column: str = "id"
    text_column: str = "text"
    html: bool = False
    fallback_encoding: str = DEFAULT_FALLBACK_ENCODING
    on_duplicate_id: str = "error"

    def __post_init__(self) -> None:
        if self.format_in not in ("auto",) + FORMATS_IN:
            raise InputError(f"unknown input format {self.format_in!r}; choose auto, {', '.join(FORMATS_IN)}")
        if self.on_duplicate_id not in ("error", "rename"):
            raise InputError(f"on_duplicate_id must be 'error' or 'rename', not {self.on_duplicate_id!r}")
        try:
            codecs.lookup(self.fallback_encoding)
        except LookupError:
            raise InputError(f"unknown fallback encoding {self.fallback_encoding!r}") from None


@dataclass(frozen=True)
class Source:
    """One resolved input: a file (or stdin), its format and whether it is gzip'd."""

    path: str
    format: str
    gzip: bool = False

    @property
    def stem(self) -> str:
        if self.path == STDIN:
            return "stdin"
        name = Path(self.path).name
        if self.gzip and name.endswith(".gz"):
            name = name[:-3]
        return Path(name).stem if Path(name).suffix.lower() in EXTENSIONS else name

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


# ---------------------------------------------------------------------------------------- decoding

def _latin1_for_undefined(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("latin-1"), error.end


codecs.register_error("warta-latin1", _latin1_for_undefined)


def decode_bytes(data: bytes, fallback: str = DEFAULT_FALLBACK_ENCODING) -> tuple[str, bool]:
    """Decode ``data`` as UTF-8 (BOM dropped), else with ``fallback``; return (text, used_fallback).

    The fallback never fails: bytes it leaves undefined are read as Latin-1.
    """
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        return data.decode(fallback, errors="warta-latin1"), True


def is_binary(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) contains a NUL byte, as git decides."""
    return b"\x00" in head


# ---------------------------------------------------------------------------------------- resolving

def _format_for(path: Path, forced: str) -> tuple[Optional[str], bool]:
    """(format, gzip) for a file path; format None when the extension is unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if forced != "auto":
        return forced, gz
    if gz:
        inner = suffixes[-2] if len(suffixes) >= 2 else ""
        fmt = EXTENSIONS.get(inner, "txt")
        if fmt in ("parquet", "html"):
            return None, gz
        return fmt, gz
    return EXTENSIONS.get(suffixes[-1] if suffixes else ""), False


def _walk(directory: Path) -> list[Path]:
    """Files under ``directory``, recursively, sorted by their relative path's parts; hidden entries skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    return sorted(found, key=lambda p: p.relative_to(directory).parts)


def resolve_inputs(paths: Iterable[Union[str, Path]], options: ReadOptions = ReadOptions()) -> list[Source]:
    """Check the inputs and list the sources they name, in reading order.

    Raises ``InputError`` for a path that does not exist, a file of unknown type, a CSV or Parquet
    file without the text column, or HTML input without trafilatura installed. Inside directories,
    files of unknown type are skipped.
    """
    sources: list[Source] = []
    paths = [str(p) for p in paths]
    if not paths:
        raise InputError("no input given")
    if paths.count(STDIN) > 1:
        raise InputError("'-' (standard input) can be given only once")
    for raw in paths:
        if raw == STDIN:
            fmt = options.format_in if options.format_in != "auto" else "txt"
            if fmt not in ("txt", "jsonl", "html"):
                raise InputError(f"standard input can be read as txt, jsonl or html, not {fmt}")
            sources.append(Source(STDIN, fmt))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in _walk(path):
                fmt, gz = _format_for(child, "auto")
                if fmt is not None:
                    sources.append(Source(str(child), fmt, gz))
        elif path.exists():
            fmt, gz = _format_for(path, options.format_in)
            if fmt is None:
                known = ", ".join(sorted(EXTENSIONS)) + ", and .gz of .txt/.jsonl/.csv"
                raise InputError(f"{raw}: unknown input type {''.join(path.suffixes) or '(no extension)'!r}; "
                                 f"expected {known} (or pass --format-in)")
            sources.append(Source(str(path), fmt, gz))
        else:
            raise InputError(f"{raw}: no such file or directory")
    for source in sources:
        _check_columns(source, options)
    if options.html or any(s.format == "html" for s in sources):
        require_trafilatura()
    return sources


def require_trafilatura() -> None:
    try:
        import trafilatura  # noqa: F401
    except ImportError as exc:
        raise InputError(f"HTML input needs trafilatura: pip install 'warta[html]' ({exc})") from None


def _check_columns(source: Source, options: ReadOptions) -> None:
    """Fail early when a CSV or Parquet file has no text column (an empty file is checked later)."""
    if source.format == "csv":
        try:
            with _open_binary(source) as handle:
                first = handle.readline()
        except (OSError, EOFError, gzip.BadGzipFile):
            return  # unreadable: reported as a read_error record when the file is read
        if not first.strip() or is_binary(first):
            return
        header = next(csv.reader([decode_bytes(first, options.fallback_encoding)[0]]), [])
        if options.text_column not in header:
            raise InputError(f"{source.path}: no text column {options.text_column!r} "
                             f"(columns: {', '.join(header)}); pass --text-column")
    elif source.format == "parquet":
        import pyarrow.parquet as pq

        try:
            names = pq.read_schema(source.path).names
        except Exception:  # noqa: BLE001 - not a Parquet file: a read_error record later
            return
        if options.text_column not in names:
            raise InputError(f"{source.path}: no text column {options.text_column!r} "
                             f"(columns: {', '.join(names)}); pass --text-column")


# ---------------------------------------------------------------------------------------- reading

def _open_binary(source: Source) -> BinaryIO:
    if source.is_stdin:
        return sys.stdin.buffer
    if source.gzip:
        return gzip.open(source.path, "rb")  # type: ignore[return-value]
    return open(source.path, "rb")


class _Reader:
    """Reads the documents of one source; keeps per-source state (line numbers)."""

    def __init__(self, source: Source, options: ReadOptions) -> None:
        self.source = source
        self.options = options

    def error(self, kind: str, reason: str, line: Optional[int] = None, doc_id: Optional[str] = None) -> ErrorRecord:
        return ErrorRecord(id=doc_id, source=self.source.path, line=line, reason=reason, error=kind)

    def document(self, doc_id: str, text: Any, line: Optional[int], fallback: bool, html_bytes: bool = False) -> Item:
        if text is None:
            return self.error(MISSING_TEXT, "no text", line, doc_id)
        html = self.options.html or self.source.format == "html"
        if not isinstance(text, str) and not (html_bytes and isinstance(text, bytes)):
            return self.error(INVALID_TEXT, f"text is {type(text).__name__}, not a string", line, doc_id)
        if not text.strip():
            return self.error(EMPTY_TEXT, "empty text", line, doc_id)
        doc = InputDocument(id=doc_id, text=text, source=self.source.path, line=line, html=html)
        if fallback:
            doc.warnings.append(self.error(
                WARNING_NON_UTF8,
                f"not valid UTF-8; decoded as {self.options.fallback_encoding} and processed",
                line, doc_id,
            ))
        return doc

    def read(self) -> Iterator[Item]:
        try:
            handle = _open_binary(self.source)
        except OSError as exc:
            yield self.error(READ_ERROR, f"cannot open: {exc.strerror or exc}")
            return
        try:
            yield from getattr(self, f"_read_{self.source.format}")(handle)
        except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
            # A corrupt gzip stream, a file that vanished, an unreadable Parquet file: report and go on.
            yield self.error(READ_ERROR, f"cannot read: {type(exc).__name__}: {exc}")
        finally:
            if not self.source.is_stdin:
                handle.close()

    def _sniff(self, handle: BinaryIO) -> tuple[bytes, bool]:
        head = handle.read(BINARY_SNIFF_BYTES)
        return head, is_binary(head)

    def _binary_error(self, doc_id: Optional[str] = None) -> ErrorRecord:
        return self.error(BINARY_FILE, "binary file (NUL byte in the first 8 KiB); not read", doc_id=doc_id)

    def _read_txt(self, handle: BinaryIO) -> Iterator[Item]:
        head, binary = self._sniff(handle)
        if binary:
            yield self._binary_error(self.source.stem)  # one file, one document: its id is known
            return
        text, fallback = decode_bytes(head + handle.read(), self.options.fallback_encoding)
        yield self.document(self.source.stem, text, None, fallback)

    def _read_html(self, handle: BinaryIO) -> Iterator[Item]:
        head, binary = self._sniff(handle)
        if binary:
            yield self._binary_error(self.source.stem)
            return
        data = head + handle.read()
        if self.source.is_stdin:
            yield self.document(self.source.stem, decode_bytes(data, self.options.fallback_encoding)[0], None, False)
        else:
            yield self.document(self.source.stem, data if data.strip() else "", None, False, html_bytes=True)

    def _lines(self, handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
        head, binary = self._sniff(handle)
        if binary:
            raise _Binary()
        stream = io.BufferedReader(_Prepend(head, handle)) if head else handle  # type: ignore[arg-type]
        for number, raw in enumerate(stream, start=1):
            yield number, raw

    def _read_jsonl(self, handle: BinaryIO) -> Iterator[Item]:
        opts = self.options
        try:
            for number, raw in self._lines(handle):
                if not raw.strip():
                    continue
                line, fallback = decode_bytes(raw, opts.fallback_encoding)
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield self.error(INVALID_JSON, f"invalid JSON: {exc.msg} at column {exc.colno}", number)
                    continue
                if not isinstance(obj, dict):
                    yield self.error(NOT_AN_OBJECT, f"a JSON {type(obj).__name__}, not an object", number)
                    continue
                raw_id = obj.get(opts.id_field)
                doc_id = f"{self.source.stem}:{number}" if raw_id is None or raw_id == "" else _id_str(raw_id)
                if opts.text_field not in obj:
                    yield self.error(MISSING_TEXT, f"no {opts.text_field!r} field", number, doc_id)
                    continue
                yield self.document(doc_id, obj[opts.text_field], number, fallback)
        except _Binary:
            yield self._binary_error()

    def _read_csv(self, handle: BinaryIO) -> Iterator[Item]:
        opts = self.options
        flagged = [False]

        def decoded(lines: Iterator[tuple[int, bytes]]) -> Iterator[str]:
            for _, raw in lines:
                text, fallback = decode_bytes(raw, opts.fallback_encoding)
                flagged[0] = flagged[0] or fallback
                yield text

        try:
            reader = csv.reader(decoded(self._lines(handle)))
            header = next(reader, None)
            if header is None:
                yield self.error(EMPTY_TEXT, "empty CSV file (no header)")
                return
            if opts.text_column not in header:
                yield self.error(MISSING_TEXT, f"no text column {opts.text_column!r} in the header")
                return
            text_at = header.index(opts.text_column)
            id_at = header.index(opts.id_column) if opts.id_column in header else None
            flagged[0] = False
            for number, row in enumerate(reader, start=1):
                fallback, flagged[0] = flagged[0], False
                if not row:
                    continue
                raw_id = row[id_at] if id_at is not None and id_at < len(row) else ""
                doc_id = raw_id if raw_id else f"{self.source.stem}:{number}"
                if text_at >= len(row):
                    yield self.error(MISSING_TEXT, f"row has {len(row)} fields; no {opts.text_column!r} value", number, doc_id)
                    continue
                yield self.document(doc_id, row[text_at], number, fallback)
        except _Binary:
            yield self._binary_error()
        except csv.Error as exc:
            yield self.error(READ_ERROR, f"malformed CSV: {exc}")

    def _read_parquet(self, handle: BinaryIO) -> Iterator[Item]:
        import pyarrow.parquet as pq

        opts = self.options
        parquet = pq.ParquetFile(handle)
        names = parquet.schema_arrow.names
        if opts.text_column not in names:
            yield self.error(MISSING_TEXT, f"no text column {opts.text_column!r}")
            return
        columns = [opts.text_column] + ([opts.id_column] if opts.id_column in names else [])
        number = 0
        for batch in parquet.iter_batches(batch_size=512, columns=columns):
            texts = batch.column(0).to_pylist()
            ids = batch.column(1).to_pylist() if len(columns) > 1 else [None] * len(texts)
            for text, raw_id in zip(texts, ids):
                number += 1
                doc_id = f"{self.source.stem}:{number}" if raw_id is None or raw_id == "" else _id_str(raw_id)
                yield self.document(doc_id, text, number, False)


class _Binary(Exception):
    pass


class _Prepend(io.RawIOBase):
    """A raw stream that returns ``head`` and then the rest of ``handle`` (after sniffing)."""

    def __init__(self, head: bytes, handle: IO[bytes]) -> None:
        self._head = head
        self._handle = handle

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._handle.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _id_str(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) if isinstance(value, (dict, list)) else str(value)


# ---------------------------------------------------------------------------------------- ids

class _SeenIds:
    """Ids seen so far, as 8-byte hashes."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    @staticmethod
    def _key(doc_id: str) -> int:
        return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")

    def add(self, doc_id: str) -> bool:
        """Add ``doc_id``; False when it was already there."""
        key = self._key(doc_id)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True


def _dedupe(items: Iterator[Item], policy: str) -> Iterator[Item]:
    seen = _SeenIds()
    for item in items:
        if isinstance(item, InputDocument) and not seen.add(item.id):
            if policy == "error":
                yield ErrorRecord(id=item.id, source=item.source, line=item.line, error=DUPLICATE_ID,
                                  reason=f"id {item.id!r} was already used by an earlier document; not processed "
                                         "(use distinct ids, or --on-duplicate-id rename)")
                continue
            original, n = item.id, 2
            while not seen.add(f"{original}#{n}"):
                n += 1
            item.id = f"{original}#{n}"
            item.warnings.append(ErrorRecord(id=item.id, source=item.source, line=item.line, error=WARNING_DUPLICATE_RENAMED,
                                             reason=f"id {original!r} was already used; processed as {item.id!r}"))
        yield item


def iter_sources(sources: Sequence[Source], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Stream the items of already resolved sources (see ``resolve_inputs``)."""

    def raw() -> Iterator[Item]:
        for source in sources:
            yield from _Reader(source, options).read()

    return _dedupe(raw(), options.on_duplicate_id)


def iter_documents(paths: Iterable[Union[str, Path]], options: Optional[ReadOptions] = None, **kwargs: Any) -> Iterator[Item]:
    """Stream ``InputDocument`` and ``ErrorRecord`` items from files, directories or ``-``.

    Options are a ``ReadOptions`` or its fields as keyword arguments (``text_field="isi"``).
    Unusable inputs raise ``InputError`` before anything is read.

    >>> for item in iter_documents(["berita.jsonl"], text_field="isi"):
    ...     print(item.id)
    """
    options = options or ReadOptions(**kwargs)
    return iter_sources(resolve_inputs(paths, options), options)


def fingerprint(sources: Sequence[Source]) -> list[list[Any]]:
    """Path, size and modification time of each source: what a resumed run checks has not changed."""
    out: list[list[Any]] = []
    for source in sources:
        if source.is_stdin:
            out.append([STDIN, None, None])
            continue
        stat = os.stat(source.path)
        out.append([os.path.abspath(source.path), stat.st_size, stat.st_mtime_ns])
    return out
