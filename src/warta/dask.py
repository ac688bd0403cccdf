"""warta on Dask: extract a Dask DataFrame of texts partition by partition.

    >>> import dask.dataframe as dd
    >>> from distributed import Client
    >>> from warta.dask import extract_dataframe, write_parquet
    >>> client = Client("tcp://scheduler:8786")          # or LocalCluster()
    >>> ddf = dd.read_parquet("articles/")               # a "text" column, maybe an "id" column
    >>> result = extract_dataframe(ddf, text_col="text", id_col="id", model="/shared/warta-id-news")
    >>> write_parquet(result, "extracted/")               # one Parquet file per partition

Each partition runs ``extract_partition`` through ``map_partitions``: the same ``Processor`` the
``--workers`` processes use (long texts split and merged, a failing document isolated), with the
model loaded once per Dask worker process and cached there. Rows keep their partition and order.
The result has one row per input row: ``id``, ``error`` and ``reason`` (None unless the document
failed: ``missing_text``, ``invalid_text``, ``empty_text``, ``pipeline_error``, ...), then the
``DocumentRecord`` fields (``schema_version``, ``text``, ``entities``, ``officials``, ...) as
Python lists of dicts. A failed row has empty lists.

Dask recomputes the partitions of a worker that dies, so a killed worker costs time, not rows.
Use one thread per worker process (``threads_per_worker=1``): spaCy pipelines are not shared
between threads. The model must be loadable on the workers: the default shipped model, or a path
that exists on every worker (an in-memory pipeline is saved to a temporary directory, which only
works on a single machine).

``warta extract ... --engine dask [--scheduler ADDRESS]`` uses the same function: the command
streams the input through warta's readers, sends it to the cluster in waves of partitions and
writes the results in input order, with the same error records, journal and ``--resume``.
"""

from __future__ import annotations

import tempfile
from collections import deque
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Optional, Union

import pandas as pd

from warta.batch import DEFAULT_MAX_CHARS, Batch, Result, WorkerConfig, _work_items, get_processor
from warta.readers import EMPTY_TEXT, INVALID_TEXT, MISSING_TEXT
from warta.record import DocumentRecord

if TYPE_CHECKING:
    import dask.dataframe as dd
    from spacy.language import Language

RECORD_FIELDS = [name for name in DocumentRecord.model_fields if name != "id"]
LIST_FIELDS = [name for name, f in DocumentRecord.model_fields.items() if getattr(f.annotation, "__origin__", None) is list]
COLUMNS = ["id", "error", "reason"] + RECORD_FIELDS


def output_meta() -> pd.DataFrame:
    """An empty frame with the columns and dtypes ``extract_partition`` returns."""
    return pd.DataFrame({name: pd.Series([], dtype=object) for name in COLUMNS})


def extract_partition(pdf: pd.DataFrame, text_col: str, id_col: Optional[str], config: WorkerConfig,
                      html: bool = False) -> pd.DataFrame:
    """Extract one pandas partition: one output row per input row, same index and order."""
    processor = get_processor(config)
    texts = pdf[text_col].tolist()
    ids = [str(v) for v in pdf[id_col].tolist()] if id_col else [str(i) for i in pdf.index]
    results: list[Optional[Result]] = [None] * len(texts)
    work: list[tuple[int, tuple[str, Any, bool]]] = []
    for i, (doc_id, text) in enumerate(zip(ids, texts)):
        if _missing(text):
            results[i] = (MISSING_TEXT, "no text")
        elif not isinstance(text, (str, bytes)) or (isinstance(text, bytes) and not html):
            results[i] = (INVALID_TEXT, f"text is {type(text).__name__}, not a string")
        elif not text.strip():
            results[i] = (EMPTY_TEXT, "empty text")
        else:
            work.append((i, (doc_id, text, html)))
    for (i, _), result in zip(work, processor.process([item for _, item in work])):
        results[i] = result
    return _results_frame(ids, results, pdf.index)


def _missing(value: Any) -> bool:
    """None, NaN, pd.NA, NaT: a missing cell."""
    if value is None or isinstance(value, (str, bytes)):
        return value is None
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _results_frame(ids: list[str], results: list[Any], index: Any) -> pd.DataFrame:
    empty = DocumentRecord(id="").to_dict()
    rows: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for doc_id, result in zip(ids, results):
        if isinstance(result, tuple):
            data = dict(empty)
            data.update({"error": result[0], "reason": result[1]})
        else:
            data = dict(result)
            data.update({"error": None, "reason": None})
        data["id"] = doc_id
        for name in COLUMNS:
            rows[name].append(data.get(name))
    frame = pd.DataFrame({name: pd.Series(values, dtype=object) for name, values in rows.items()})
    frame.index = index
    return frame


def frame_to_results(frame: pd.DataFrame) -> list[Result]:
    """Rows of an extracted frame back to record dicts, or ``(error, reason)`` for failed rows."""
    results: list[Result] = []
    for row in frame[COLUMNS].itertuples(index=False, name=None):
        values = dict(zip(COLUMNS, row))
        error, reason = values["error"], values["reason"]
        if error is not None and not (isinstance(error, float) and pd.isna(error)):
            results.append((str(error), str(reason)))
        else:
            data = {name: values[name] for name in DocumentRecord.model_fields}  # record key order
            for name in LIST_FIELDS:
                value = data[name]
                data[name] = list(value) if value is not None else []
            results.append(data)
    return results


def make_config(model: Union[str, Path, "Language", None] = None, *, engine: str = "spacy",
                include_text: bool = False, max_chars: int = DEFAULT_MAX_CHARS, **engine_options: Any) -> WorkerConfig:
    """A ``WorkerConfig``; an in-memory pipeline is saved to a temporary directory first."""
    from spacy.language import Language

    if isinstance(model, Language):
        directory = tempfile.mkdtemp(prefix="warta-model-")
        model.to_disk(directory)
        model = directory
    elif model is not None and Path(model).exists():
        model = str(Path(model).resolve())
    return WorkerConfig(model=None if model is None else str(model), engine=engine,
                        engine_options=tuple(sorted(engine_options.items())),
                        include_text=include_text, max_chars=max_chars)


def extract_dataframe(ddf: "dd.DataFrame", text_col: str = "text", id_col: Optional[str] = None, *,
                      model: Union[str, Path, "Language", None] = None, include_text: bool = False,
                      max_chars: int = DEFAULT_MAX_CHARS, html: bool = False, engine: str = "spacy",
                      **engine_options: Any) -> "dd.DataFrame":
    """A lazy Dask DataFrame of records (see the module docs), one row per row of ``ddf``.

    ``id_col`` names the id column (default: the index, as a string). ``html=True`` treats the
    text column as raw HTML pages (needs ``warta[html]`` on the workers).
    """
    if text_col not in ddf.columns:
        raise KeyError(f"column {text_col!r} not in DataFrame (columns: {list(ddf.columns)})")
    if id_col is not None and id_col not in ddf.columns:
        raise KeyError(f"column {id_col!r} not in DataFrame (columns: {list(ddf.columns)})")
    config = make_config(model, engine=engine, include_text=include_text, max_chars=max_chars, **engine_options)
    return ddf.map_partitions(extract_partition, text_col, id_col, config, html, meta=output_meta())


def arrow_schema() -> Any:
    """The Arrow schema of ``extract_dataframe`` results written as Parquet."""
    import pyarrow as pa

    from warta.writers import arrow_schema as document_schema

    fields = {f.name: f for f in document_schema("documents")}
    return pa.schema([fields["id"], pa.field("error", pa.string()), pa.field("reason", pa.string())]
                     + [fields[name] for name in RECORD_FIELDS])


def write_parquet(result: "dd.DataFrame", path: Union[str, Path], **kwargs: Any) -> None:
    """Write ``extract_dataframe`` output as a Parquet dataset, one file per partition."""
    result.to_parquet(str(path), schema=arrow_schema(), write_index=False, **kwargs)


class DaskEngine:
    """The ``--engine dask`` back end of ``warta.batch.run_batch``.

    Batches are grouped into waves of about two partitions per worker; each wave becomes a Dask
    DataFrame (the data travels in the task graph, so the scheduler can recompute the partitions of
    a worker that dies) and is extracted with ``map_partitions(extract_partition)``. Two waves are
    in flight at a time; results come back in input order.
    """

    def __init__(self, config: WorkerConfig, *, workers: int = 1, scheduler: Optional[str] = None,
                 partition_docs: int = 256) -> None:
        from distributed import Client, LocalCluster

        self.config = config
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0")
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self.partition_docs = partition_docs

    def _submit(self, wave: list[Batch]) -> Any:
        import dask.dataframe as dd

        items = [item for batch in wave for item in _work_items(batch)]
        if not items:
            return None
        frame = pd.DataFrame({"id": pd.Series([i[0] for i in items], dtype=object),
                              "text": pd.Series([i[1] for i in items], dtype=object),
                              "html": [i[2] for i in items]})
        npartitions = max(1, min(2 * self.workers, -(-len(frame) // 16)))
        ddf = dd.from_pandas(frame, npartitions=npartitions, sort=True)
        config = self.config
        result = ddf.map_partitions(_extract_with_html_column, config, meta=output_meta())
        return self.client.compute(result)

    def run(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[Result]]]:
        pending: deque[tuple[list[Batch], Any]] = deque()
        wave: list[Batch] = []
        wave_docs = 0
        target = self.partition_docs * 2 * self.workers

        def resolve() -> Iterator[tuple[Batch, list[Result]]]:
            batches_done, future = pending.popleft()
            results = frame_to_results(future.result().sort_index()) if future is not None else []
            at = 0
            for batch in batches_done:
                n = len(_work_items(batch))
                yield batch, results[at : at + n]
                at += n

        for batch in batches:
            wave.append(batch)
            wave_docs += len(batch)
            if wave_docs >= target:
                pending.append((wave, self._submit(wave)))
                wave, wave_docs = [], 0
                while len(pending) >= 2:
                    yield from resolve()
        if wave:
            pending.append((wave, self._submit(wave)))
        while pending:
            yield from resolve()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _extract_with_html_column(pdf: pd.DataFrame, config: WorkerConfig) -> pd.DataFrame:
    processor = get_processor(config)
    items = list(zip(pdf["id"].tolist(), pdf["text"].tolist(), pdf["html"].tolist()))
    return _results_frame([i[0] for i in items], processor.process(items), pdf.index)
