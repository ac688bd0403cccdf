"""Batch extraction over many documents: streaming, worker processes, resumable output.

    >>> from warta.batch import run_batch
    >>> summary = run_batch(["archive/"], "out.jsonl", model="models/warta-id-news", workers=2)
    >>> summary.failed
    0

How a run works
---------------
Documents stream from ``warta.readers.iter_documents`` in input order and are grouped into batches
(``batch_size`` documents, at most ``batch_chars`` characters). Each batch goes to a worker; at
most ``2 * workers`` batches are in flight, so memory stays flat whatever the input size, and
results are written in input order. With ``workers=1`` the pipeline runs in this process; with
more, each worker is a separate process (``spawn`` context) that loads the model once, in its
initializer. A worker exits when the main process dies.

Nothing is lost
---------------
Every input item gives exactly one output line: a ``DocumentRecord`` in the output, or an
``ErrorRecord`` in the errors file. A document whose processing raises becomes an error record:
when a batch fails, it is retried one document at a time; when a worker process dies (a crash, the
OOM killer), the pool is rebuilt and the batch is retried one document at a time in fresh workers,
so only the document that kills a worker is reported (``worker_crashed``).

Resuming
--------
After each batch, the output and errors file are flushed and fsync'd and a line is appended to the
journal ``<output>.warta-journal``: how many input items are done and the byte sizes (or Parquet
part count) of both files. ``resume=True`` reads the last complete journal line, cuts both files
back to those sizes (dropping anything written after it, such as a half-written line), skips that
many input items and appends the rest. The journal also holds a fingerprint of the inputs (paths,
sizes, modification times) and of the options that change the output; resuming with different
ones is refused. Output therefore follows input order across a resume too.

Long texts
----------
A text longer than ``max_chars`` (default 100,000 characters) is cut into pieces at paragraph
breaks, else sentence ends, else whitespace (``split_text``); each piece is processed, its record
shifted by the piece's offset, and the records merged (``merge_records``): offsets stay valid
against the original text; persons, officials, institutions, organizations, provinces and regions
are merged by key with their mentions combined; entities and quotes are concatenated.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Sequence, Union

from warta.readers import (
    EMPTY_TEXT,
    INVALID_TEXT,
    InputDocument,
    InputError,
    Item,
    ReadOptions,
    Source,
    fingerprint,
    iter_sources,
    resolve_inputs,
)
from warta.record import DocumentRecord, ErrorRecord
from warta.writers import EncodedRecord, JsonlWriter, OutputError, RecordWriter, format_for_path, open_writer

if False:  # pragma: no cover - typing only, without importing spaCy at module import
    from spacy.language import Language

DEFAULT_BATCH_SIZE = 64
DEFAULT_BATCH_CHARS = 1_000_000
DEFAULT_MAX_CHARS = 100_000
JOURNAL_SUFFIX = ".warta-journal"
JOURNAL_VERSION = 1

PIPELINE_ERROR = "pipeline_error"
WORKER_CRASHED = "worker_crashed"
NO_ARTICLE_TEXT = "no_article_text"
HTML_ERROR = "html_error"


class ResumeError(OutputError):
    """A run cannot be resumed (no journal, or different inputs or options)."""


class WorkerStartError(RuntimeError):
    """Worker processes could not start (for example, the model does not load)."""


# ---------------------------------------------------------------------------------------- long texts

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def split_text(text: str, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Cut ``text`` into consecutive ``(start, end)`` pieces of at most ``max_chars`` characters.

    Each cut is at the last paragraph break (a blank line, else a newline) in the second half of
    the window, else the last sentence end, else the last whitespace, else at ``max_chars``. The
    pieces cover the text exactly: ``"".join(text[s:e] for s, e in pieces) == text``.
    """
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    pieces: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        limit = start + max_chars
        floor = start + max_chars // 2
        cut = -1
        for separator in ("\n\n", "\n"):
            at = text.rfind(separator, floor, limit)
            if at != -1:
                cut = at + len(separator)
                break
        if cut == -1:
            last = None
            for last in _SENTENCE_END.finditer(text, floor, limit):
                pass
            if last is not None:
                cut = last.end()
        if cut == -1:
            window = text[floor:limit]
            spaces = [window.rfind(c) for c in (" ", "\t", "\r", "\u3000")]
            best = max(spaces)
            if best != -1:
                cut = floor + best + 1
        if cut == -1 or cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, n))
    return pieces


_MERGE_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "officials": lambda o: (o["name"], o["title"], (o.get("jurisdiction") or {}).get("code"), (o.get("institution") or {}).get("id")),
    "persons": lambda p: p["name"],
    "institutions": lambda i: i["id"],
    "organizations": lambda o: (o["name"], o.get("kind")),
    "provinces": lambda p: p["code"],
    "regions": lambda r: r["code"],
}


class RecordMerger:
    """Merges the record dicts of a text's pieces one at a time (so only the merged record is held).

    Entities and quotes are concatenated; persons, officials, institutions, organizations,
    provinces and regions are merged by key (see ``_MERGE_KEYS``), keeping the first piece's item
    and adding the other pieces' mentions (sorted, without repeats); a person is ``official`` when
    any piece says so.
    """

    def __init__(self, doc_id: str, text: Optional[str] = None) -> None:
        self.merged: dict[str, Any] = {name: None for name in DocumentRecord.model_fields}
        self.merged.update({"schema_version": DocumentRecord.model_fields["schema_version"].default,
                            "id": doc_id, "text": text, "entities": [], "quotes": []})
        self.by_key: dict[str, dict[Any, dict[str, Any]]] = {name: {} for name in _MERGE_KEYS}
        self.seen: dict[tuple[str, Any], set[tuple[int, int]]] = {}

    def add(self, part: Union[DocumentRecord, Mapping[str, Any]]) -> None:
        data = part.to_dict() if isinstance(part, DocumentRecord) else part
        self.merged["entities"].extend(data.get("entities") or [])
        self.merged["quotes"].extend(data.get("quotes") or [])
        if data.get("tokens") is not None:  # --linguistic: renumber the piece's tokens and sentences
            tokens = self.merged["tokens"] = self.merged["tokens"] or []
            base, sent_base = len(tokens), (tokens[-1]["sent"] + 1 if tokens else 0)
            for t in data["tokens"]:
                head = None if t["head"] is None else t["head"] + base
                tokens.append({**t, "i": t["i"] + base, "head": head, "sent": t["sent"] + sent_base})
        for name, key in _MERGE_KEYS.items():
            items = self.by_key[name]
            for item in data.get(name) or []:
                k = key(item)
                mentions = item.get("mentions") or []
                if k not in items:
                    items[k] = {**item, "mentions": list(mentions)}
                    self.seen[(name, k)] = {(m["start"], m["end"]) for m in mentions}
                    continue
                kept, seen = items[k], self.seen[(name, k)]
                for mention in mentions:
                    if (mention["start"], mention["end"]) not in seen:
                        kept["mentions"].append(mention)
                        seen.add((mention["start"], mention["end"]))
                if name == "persons" and item.get("official"):
                    kept["official"] = True

    def result(self) -> dict[str, Any]:
        for name, items in self.by_key.items():
            for item in items.values():
                item["mentions"].sort(key=lambda m: (m["start"], m["end"]))
            self.merged[name] = list(items.values())
        return self.merged


def merge_records(parts: Iterable[Union[DocumentRecord, Mapping[str, Any]]], doc_id: str,
                  text: Optional[str] = None) -> dict[str, Any]:
    """Merge the records of a text's pieces (offsets already shifted) into one record dict."""
    merger = RecordMerger(doc_id, text)
    for part in parts:
        merger.add(part)
    return merger.result()


# ---------------------------------------------------------------------------------------- processing

@dataclass(frozen=True)
class WorkerConfig:
    """What a worker needs to build its pipeline and process documents (picklable, hashable).

    ``model`` is a saved pipeline directory or a shipped model name (None: the default model).
    """

    model: Optional[str] = None
    engine: str = "spacy"
    engine_options: tuple[tuple[str, Any], ...] = ()
    include_text: bool = False
    linguistic: bool = False  # add tokens with lemma/UPOS/head to records
    max_chars: int = DEFAULT_MAX_CHARS
    pipe_batch_size: int = 16
    imports: tuple[str, ...] = ()  # modules to import first (custom spaCy components in the model)
    encode_json: bool = False  # return records as EncodedRecord JSON text (for JSON/JSONL output)


Result = Union[dict[str, Any], EncodedRecord, tuple[str, str]]  # a record, or (error kind, reason)


class Processor:
    """Runs warta's pipeline over lists of ``(id, text, html)``; the same code in every engine."""

    def __init__(self, config: WorkerConfig, nlp: Optional["Language"] = None) -> None:
        import importlib

        from warta.extractor import Extractor

        self.config = config
        for module in config.imports:
            importlib.import_module(module)
        if nlp is not None:
            self.nlp = nlp
        else:
            self.nlp = Extractor(config.model, engine=config.engine, **dict(config.engine_options)).nlp
        limit = getattr(self.nlp, "max_length", None)
        if isinstance(limit, int) and limit < config.max_chars:
            self.nlp.max_length = config.max_chars + 1

    def process(self, items: Sequence[tuple[str, Union[str, bytes], bool]]) -> list[Result]:
        """One result per item, in order; never raises for a bad document."""
        from warta.record import doc_to_record

        results: list[Optional[Result]] = [None] * len(items)
        texts: list[tuple[int, str]] = []
        for i, (doc_id, text, html) in enumerate(items):
            if html:
                converted = _html_to_text(text)
                if isinstance(converted, tuple):
                    results[i] = converted
                    continue
                text = converted
            if not isinstance(text, str):
                results[i] = (INVALID_TEXT, f"text is {type(text).__name__}, not a string")
            elif not text.strip():
                results[i] = (EMPTY_TEXT, "empty text")
            elif len(text) > self.config.max_chars:
                results[i] = self._guard(lambda d=doc_id, t=text: self.extract_long(d, t))
            else:
                texts.append((i, text))
        include = self.config.include_text
        try:
            docs = self.nlp.pipe((t for _, t in texts), batch_size=self.config.pipe_batch_size)
            for (i, _), doc in zip(texts, docs):
                results[i] = doc_to_record(doc, items[i][0], include_text=include, linguistic=self.config.linguistic).to_dict()
        except Exception:  # noqa: BLE001 - isolate the failing document: redo one at a time
            for i, text in texts:
                results[i] = self._guard(
                    lambda d=items[i][0], t=text: doc_to_record(self.nlp(t), d, include_text=include, linguistic=self.config.linguistic).to_dict()
                )
        if self.config.encode_json:
            return [EncodedRecord(json.dumps(r, ensure_ascii=False)) if isinstance(r, dict) else r for r in results]  # type: ignore[misc]
        return results  # type: ignore[return-value]

    @staticmethod
    def _guard(work: Callable[[], dict[str, Any]]) -> Result:
        try:
            return work()
        except Exception as exc:  # noqa: BLE001
            return (PIPELINE_ERROR, f"{type(exc).__name__}: {exc}"[:1000])

    def extract_long(self, doc_id: str, text: str) -> dict[str, Any]:
        from warta.record import doc_to_record

        pieces = split_text(text, self.config.max_chars)
        docs = self.nlp.pipe((text[s:e] for s, e in pieces), batch_size=1)
        merger = RecordMerger(doc_id, text if self.config.include_text else None)
        for (start, _), doc in zip(pieces, docs):
            merger.add(doc_to_record(doc, doc_id, offset=start, linguistic=self.config.linguistic).to_dict())
        return merger.result()


def _html_to_text(html: Union[str, bytes]) -> Union[str, tuple[str, str]]:
    try:
        import trafilatura

        text = trafilatura.extract(html, include_comments=False, include_tables=False)
    except Exception as exc:  # noqa: BLE001
        return (HTML_ERROR, f"HTML extraction failed: {type(exc).__name__}: {exc}"[:1000])
    if not text or not text.strip():
        return (NO_ARTICLE_TEXT, "no article text found in the HTML page")
    return text


_PROCESSORS: dict[WorkerConfig, Processor] = {}
_PROCESSORS_LOCK = threading.Lock()


def get_processor(config: WorkerConfig) -> Processor:
    """The processor for ``config`` in this process, built (model loaded) on first use."""
    with _PROCESSORS_LOCK:
        if config not in _PROCESSORS:
            _PROCESSORS[config] = Processor(config)
        return _PROCESSORS[config]


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(config: WorkerConfig, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    # One BLAS thread per worker: the workers already use every core they were given.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    get_processor(config)


def _ping() -> bool:
    return True


def _process_in_worker(config: WorkerConfig, items: list[tuple[str, Union[str, bytes], bool]]) -> list[Result]:
    return get_processor(config).process(items)


# ---------------------------------------------------------------------------------------- engines

Batch = list[Item]


def _work_items(batch: Batch) -> list[tuple[str, Union[str, bytes], bool]]:
    return [(item.id, item.text, item.html) for item in batch if isinstance(item, InputDocument)]


def _batches(items: Iterator[Item], size: int, max_chars: int) -> Iterator[Batch]:
    batch: Batch = []
    chars = 0
    for item in items:
        batch.append(item)
        if isinstance(item, InputDocument):
            chars += len(item.text)
        if len(batch) >= size or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


class _InlineEngine:
    def __init__(self, config: WorkerConfig, nlp: Optional["Language"]) -> None:
        self.processor = Processor(config, nlp) if nlp is not None else get_processor(config)

    def run(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        for batch in batches:
            yield batch, self.processor.process(_work_items(batch))

    def close(self) -> None:
        pass


class _PoolEngine:
    """Worker processes with an ordered, bounded window of in-flight batches."""

    def __init__(self, config: WorkerConfig, workers: int, window: Optional[int] = None) -> None:
        import multiprocessing

        self.config = config
        self.workers = workers
        self.window = window or 2 * workers
        self.context = multiprocessing.get_context("spawn")
        self.pool = self._new_pool()
        self._check_started()

    def _check_started(self) -> None:
        """Wait until a worker has loaded the model; a worker that cannot is an error, not a crash."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            self.pool.submit(_ping).result()
        except BrokenProcessPool:
            self.close()
            raise WorkerStartError("worker processes could not start or load the model; "
                                   "run with --workers 1 to see the error") from None

    def _new_pool(self) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(self.workers, mp_context=self.context, initializer=_init_worker,
                                   initargs=(self.config, os.getpid()))

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()
        self._check_started()

    def _submit(self, items: list[tuple[str, Union[str, bytes], bool]]) -> Any:
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self.pool.submit(_process_in_worker, self.config, items)
        except BrokenProcessPool as exc:  # a worker died since: fail this one like the others
            future: Future = Future()
            future.set_exception(exc)
            return future

    def _one_by_one(self, items: list[tuple[str, Union[str, bytes], bool]]) -> list[Result]:
        from concurrent.futures.process import BrokenProcessPool

        results: list[Result] = []
        for item in items:
            try:
                results.extend(self._submit([item]).result())
            except BrokenProcessPool:
                results.append((WORKER_CRASHED, "the worker process died while processing this document"))
                self._restart()
        return results

    def run(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[Batch, list, Any]] = deque()

        def resolve() -> tuple[Batch, list[Result]]:
            batch, items, future = pending.popleft()
            try:
                return batch, future.result()
            except BrokenProcessPool:
                self._restart()
                results = self._one_by_one(items)
                for i, (later_batch, later_items, later) in enumerate(list(pending)):
                    if not _succeeded(later):  # lost with the old pool
                        pending[i] = (later_batch, later_items, self._submit(later_items))
                return batch, results

        for batch in batches:
            items = _work_items(batch)
            pending.append((batch, items, self._submit(items) if items else _completed([])))
            while len(pending) >= self.window:
                yield resolve()
        while pending:
            yield resolve()

    def close(self) -> None:
        # Workers ignore SIGINT; cancel what is queued and end them.
        processes = list(getattr(self.pool, "_processes", {}).values())
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
        for process in processes:
            process.join(timeout=5)


def _completed(result: Any) -> Any:
    from concurrent.futures import Future

    future: Future = Future()
    future.set_result(result)
    return future


def _succeeded(future: Any) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


# ---------------------------------------------------------------------------------------- journal

class Journal:
    """Append-only progress log next to the output: one JSON line per committed batch."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: Optional[Any] = None

    def read(self) -> tuple[Optional[dict[str, Any]], Optional[dict[str, Any]]]:
        """(header, last commit); a torn last line is ignored."""
        header, last = None, None
        with open(self.path, "rb") as handle:
            for raw in handle:
                try:
                    entry = json.loads(raw)
                except ValueError:
                    break
                if header is None:
                    header = entry
                else:
                    last = entry
        return header, last

    def start(self, header: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "wb")
        self._append(header)

    def reopen(self) -> None:
        self.handle = open(self.path, "ab")
        # a torn last line would swallow the next entry: end it
        if self.path.stat().st_size and not self._ends_with_newline():
            self.handle.write(b"\n")

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    def _append(self, entry: dict[str, Any]) -> None:
        assert self.handle is not None
        self.handle.write((json.dumps(entry) + "\n").encode("utf-8"))
        self.handle.flush()
        os.fsync(self.handle.fileno())

    def commit(self, entry: dict[str, Any]) -> None:
        self._append(entry)

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


# ---------------------------------------------------------------------------------------- the run

@dataclass
class BatchSummary:
    """Counts for a run (cumulative over resumed runs)."""

    read: int = 0
    written: int = 0
    failed: int = 0
    warnings: int = 0
    skipped: int = 0
    seconds: float = 0.0
    output: Optional[str] = None
    errors: Optional[str] = None
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.failed == 0

    def line(self) -> str:
        rate = (self.read - self.skipped) / self.seconds if self.seconds > 0 else 0.0
        parts = [f"read {self.read}", f"written {self.written}", f"failed {self.failed}"]
        if self.warnings:
            parts.append(f"warnings {self.warnings}")
        if self.skipped:
            parts.append(f"resumed after {self.skipped}")
        parts.append(f"{self.seconds:.1f} s, {rate:.1f} docs/s")
        text = "warta: " + ", ".join(parts)
        if (self.failed or self.warnings) and self.errors:
            kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.error_kinds.items()))
            text += f" ({kinds}; see {self.errors})"
        return text


def journal_path(output: Union[str, Path]) -> Path:
    return Path(f"{output}{JOURNAL_SUFFIX}")


def default_errors_path(output: Union[str, Path]) -> Optional[str]:
    """Where errors go when no errors file is given: ``<output>.errors.jsonl``, or stderr for stdout."""
    if str(output) == "-":
        return None
    return f"{output}.errors.jsonl"


def run_batch(
    inputs: Union[Sequence[Union[str, Path]], Iterable[Item]],
    output: Union[str, Path] = "-",
    *,
    fmt: Optional[str] = None,
    kind: Optional[str] = None,
    errors: Union[str, Path, None] = None,
    read_options: Optional[ReadOptions] = None,
    model: Union[str, Path, "Language", None] = None,
    engine: str = "spacy",
    engine_options: Optional[Mapping[str, Any]] = None,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
    batch_chars: int = DEFAULT_BATCH_CHARS,
    max_chars: int = DEFAULT_MAX_CHARS,
    include_text: bool = False,
    linguistic: bool = False,
    resume: bool = False,
    overwrite: bool = True,
    rows_per_file: Optional[int] = None,
    scheduler: Optional[str] = None,
    progress: Optional[Callable[[BatchSummary], None]] = None,
    durable: bool = True,
    worker_imports: Sequence[str] = (),
) -> BatchSummary:
    """Extract every input document into ``output``; failures go to ``errors``. See the module docs.

    ``inputs`` are paths (files, directories, ``-``) read with ``read_options``, or an iterable of
    ``InputDocument``/``ErrorRecord`` items (not resumable). ``output`` is a path or ``-``
    (stdout); ``errors`` defaults to ``<output>.errors.jsonl`` (stderr for stdout). ``engine`` is
    ``spacy``, ``stanza``, or ``dask`` (the spaCy pipeline on a Dask cluster at ``scheduler``, or a
    ``LocalCluster`` of ``workers`` processes). ``progress`` is called with the running summary
    after each batch. ``worker_imports`` are modules each worker imports before loading the model
    (where a custom pipeline's component factories are registered). Raises ``InputError``/``OutputError`` for unusable inputs or outputs; a
    ``KeyboardInterrupt`` leaves the output resumable.
    """
    from spacy.language import Language

    started = time.monotonic()
    read_options = read_options or ReadOptions()
    if workers < 1:
        raise InputError("workers must be at least 1")
    if batch_size < 1:
        raise InputError("batch_size must be at least 1")
    if engine not in ("spacy", "stanza", "dask"):
        raise InputError(f"unknown engine {engine!r}: choose spacy, stanza or dask")
    fmt = format_for_path(output, fmt)
    to_stdout = str(output) == "-"

    by_paths = isinstance(inputs, (list, tuple)) and all(isinstance(p, (str, Path)) for p in inputs)
    sources: Optional[list[Source]] = resolve_inputs(inputs, read_options) if by_paths else None  # type: ignore[arg-type]
    if resume and (to_stdout or sources is None or any(s.is_stdin for s in sources)):
        raise ResumeError("--resume needs file inputs and an output file")

    nlp = model if isinstance(model, Language) else None
    model_spec = None if nlp is not None else _model_spec(model, engine)
    config = WorkerConfig(
        model=model_spec, engine="spacy" if engine == "dask" else engine,
        engine_options=tuple(sorted((engine_options or {}).items())),
        include_text=include_text, linguistic=linguistic, max_chars=max_chars, imports=tuple(worker_imports),
    )
    errors_target = str(errors) if errors is not None else default_errors_path(output)

    header = {
        "warta_journal": JOURNAL_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "output": str(output), "format": fmt, "kind": kind, "errors": errors_target,
        "inputs": fingerprint(sources) if sources is not None else None,
        "options": {**asdict(read_options), "model": model_spec if nlp is None else "<Language>",
                    "engine": config.engine, "include_text": include_text, "linguistic": linguistic, "max_chars": max_chars},
    }
    journal = journal_path(output) if not to_stdout else None
    summary = BatchSummary(output=str(output), errors=errors_target or "<stderr>")
    out_state = err_state = None
    skip = 0
    if journal is not None and resume:
        if not journal.exists():
            if _exists(output):
                raise ResumeError(f"cannot resume: {output} exists but has no journal ({journal.name}); "
                                  "run without --resume to start again")
            resume = False
        else:
            old, last = Journal(journal).read()
            if not old or old.get("warta_journal") != JOURNAL_VERSION:
                raise ResumeError(f"cannot resume: {journal} is not a warta journal")
            for key in ("inputs", "options", "format", "kind", "errors"):
                if old.get(key) != header[key]:
                    raise ResumeError(f"cannot resume: the {key} differ from the interrupted run's "
                                      f"(see {journal}); run without --resume to start again")
            header = old
            if last is not None:
                out_state, err_state, skip = last["out"], last["err"], last["seq"]
                for name in ("read", "written", "failed", "warnings"):
                    setattr(summary, name, last["counts"][name])
                summary.error_kinds = dict(last["counts"].get("error_kinds", {}))
                if last.get("complete"):
                    summary.skipped = skip
                    summary.seconds = time.monotonic() - started
                    return summary
    elif journal is not None and not overwrite and journal.exists():
        _, last = Journal(journal).read()
        if not (last and last.get("complete")):
            raise ResumeError(f"{output} is the output of an interrupted run; pass --resume to continue it "
                              "or --overwrite to start again")
    summary.skipped = skip

    writer = open_writer(output, fmt, kind=kind, resume_state=out_state, durable=durable,
                         **({"rows_per_file": rows_per_file} if rows_per_file else {}))
    if errors_target is None:
        err_writer: RecordWriter = JsonlWriter(sys.stderr)
    else:
        err_writer = JsonlWriter(errors_target, resume_state=err_state, durable=durable, lazy=True)
    log = Journal(journal) if journal is not None else None
    if log is not None:
        if out_state is None and not (resume and journal is not None and journal.exists()):
            log.start(header)
        else:
            log.reopen()

    items: Iterator[Item] = iter_sources(sources, read_options) if sources is not None else iter(inputs)  # type: ignore[arg-type]
    items = _skip(items, skip)
    engine_impl = _make_engine(engine, config, nlp, workers, scheduler, fmt)
    seq = skip
    finished = False
    try:
        for batch, results in engine_impl.run(_batches(items, batch_size, batch_chars)):
            _write_batch(batch, results, writer, err_writer, summary)
            seq += len(batch)
            state = writer.checkpoint()
            if state is not None and log is not None:
                log.commit({"seq": seq, "out": state, "err": err_writer.checkpoint(), "counts": _counts(summary)})
            elif log is None:
                err_writer.checkpoint()
            summary.seconds = time.monotonic() - started
            if progress is not None:
                progress(summary)
        writer.close()
        err_writer.close() if errors_target is not None else err_writer.checkpoint()
        if log is not None:
            log.commit({"seq": seq, "out": {}, "err": {}, "counts": _counts(summary), "complete": True})
        finished = True
    finally:
        engine_impl.close()
        if not finished:
            writer.abort()
            err_writer.abort()
        if log is not None:
            log.close()
    summary.seconds = time.monotonic() - started
    return summary


def _exists(output: Union[str, Path]) -> bool:
    path = Path(output)
    return path.exists() and (path.is_dir() and any(path.iterdir()) or path.is_file() and path.stat().st_size > 0)


def _model_spec(model: Union[str, Path, None], engine: str) -> Optional[str]:
    """The absolute path of a spaCy model (raises ModelNotFoundError early, before any worker starts)."""
    if engine == "stanza":
        return None if model is None else str(model)
    from warta.pipeline import DEFAULT_MODEL, model_path

    if model is None:
        return str(model_path(DEFAULT_MODEL).resolve())
    path = Path(model)
    if (path / "config.cfg").exists():
        return str(path.resolve())
    return str(model_path(str(model)).resolve())


def _skip(items: Iterator[Item], n: int) -> Iterator[Item]:
    for i, item in enumerate(items):
        if i >= n:
            yield item


def _counts(summary: BatchSummary) -> dict[str, Any]:
    return {"read": summary.read, "written": summary.written, "failed": summary.failed,
            "warnings": summary.warnings, "error_kinds": summary.error_kinds}


def _write_batch(batch: Batch, results: list[Result], writer: RecordWriter, err_writer: RecordWriter,
                 summary: BatchSummary) -> None:
    results_iter = iter(results)
    for item in batch:
        summary.read += 1
        if isinstance(item, ErrorRecord):
            err_writer.write(item)
            summary.failed += 1
            summary.error_kinds[item.error] = summary.error_kinds.get(item.error, 0) + 1
            continue
        for warning in item.warnings:
            err_writer.write(warning)
            summary.warnings += 1
            summary.error_kinds[warning.error] = summary.error_kinds.get(warning.error, 0) + 1
        result = next(results_iter)
        if isinstance(result, tuple):
            kind, reason = result
            err_writer.write(ErrorRecord(id=item.id, source=item.source, line=item.line, reason=reason, error=kind))
            summary.failed += 1
            summary.error_kinds[kind] = summary.error_kinds.get(kind, 0) + 1
        else:
            writer.write(result)
            summary.written += 1


def _make_engine(engine: str, config: WorkerConfig, nlp: Optional["Language"], workers: int,
                 scheduler: Optional[str], fmt: str) -> Any:
    if engine == "dask":
        from warta.dask import DaskEngine

        if nlp is not None:
            config = _saved_config(config, nlp)
        return DaskEngine(config, workers=workers, scheduler=scheduler)
    if workers == 1:
        return _InlineEngine(config, nlp)
    if nlp is not None:
        config = _saved_config(config, nlp)
    if fmt in ("jsonl", "json"):  # serialize in the workers: the main process only copies text
        config = WorkerConfig(**{**asdict(config), "encode_json": True})
    return _PoolEngine(config, workers)


def _saved_config(config: WorkerConfig, nlp: "Language") -> WorkerConfig:
    """Workers load pipelines from disk: save an in-memory pipeline to a temporary directory."""
    directory = tempfile.mkdtemp(prefix="warta-model-")
    nlp.to_disk(directory)
    return WorkerConfig(**{**asdict(config), "model": directory})
