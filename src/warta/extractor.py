"""The library entry point: ``Extractor`` turns texts into ``DocumentRecord`` objects."""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Optional, Union

from spacy.language import Language

from warta.pipeline import load
from warta.record import DocumentRecord, doc_to_record

if TYPE_CHECKING:
    import pandas as pd

TextItem = Union[str, tuple[str, str], dict[str, Any]]


def _check_text(text: Any, doc_id: str) -> str:
    if not isinstance(text, str):
        raise TypeError(f"document {doc_id!r}: text must be a str, not {type(text).__name__}")
    return text


class Extractor:
    """Extract officials, institutions, provinces, regions, persons and quotes from Indonesian news.

    >>> ex = Extractor()
    >>> record = ex.extract("Gubernur Kalimantan Barat Arman Sutedja meresmikan jembatan.")
    >>> record.officials[0].name
    'Arman Sutedja'
    """

    def __init__(
        self,
        model: Union[str, Path, Language, None] = None,
        *,
        engine: str = "spacy",
        batch_size: int = 16,
        include_text: bool = False,
        linguistic: bool = False,
        **engine_options: Any,
    ) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self.include_text = include_text
        self.linguistic = linguistic
        if isinstance(model, Language):
            self.nlp = model
        elif engine == "spacy":
            self.nlp = load(model)
        elif engine == "stanza":
            from warta.stanza_engine import load_stanza_pipeline

            self.nlp = load_stanza_pipeline(model, **engine_options)
        else:
            raise ValueError(f"unknown engine {engine!r}: choose 'spacy' or 'stanza'")

    def extract(self, text: str, id: Optional[str] = None) -> DocumentRecord:
        """Process one text and return its record."""
        doc_id = id if id is not None else "doc-1"
        doc = self.nlp(_check_text(text, doc_id))
        return doc_to_record(doc, doc_id, include_text=self.include_text, linguistic=self.linguistic)

    def extract_many(self, items: Iterable[TextItem], *, batch_size: Optional[int] = None) -> Iterator[DocumentRecord]:
        """Stream records for many texts, in input order, through ``nlp.pipe``.

        Items are texts, ``(id, text)`` pairs, or dicts with ``id`` and ``text`` keys; texts without an
        id are numbered ``doc-1``, ``doc-2``, ...
        """
        numbers = count(1)

        def with_ids() -> Iterator[tuple[str, tuple[str, str]]]:
            for item in items:
                number = next(numbers)
                if isinstance(item, dict):
                    doc_id = str(item.get("id", f"doc-{number}"))
                    text = item.get("text")
                elif isinstance(item, tuple):
                    doc_id, text = str(item[0]), item[1]
                else:
                    doc_id, text = f"doc-{number}", item
                yield _check_text(text, doc_id), doc_id

        for doc, doc_id in self.nlp.pipe(with_ids(), as_tuples=True, batch_size=batch_size or self.batch_size):
            yield doc_to_record(doc, doc_id, include_text=self.include_text, linguistic=self.linguistic)

    def extract_frame(self, df: "pd.DataFrame", text_col: str = "text", id_col: Optional[str] = None) -> "pd.DataFrame":
        """Return a copy of ``df`` with one column per record field (lists of dicts).

        Rows whose text is missing or not a string get an ``error`` message instead of raising.
        """
        import pandas as pd

        if text_col not in df.columns:
            raise KeyError(f"column {text_col!r} not in DataFrame (columns: {list(df.columns)})")
        ids = df[id_col].astype(str).tolist() if id_col else [str(i) for i in df.index]
        texts = df[text_col].tolist()
        fields = ("entities", "officials", "persons", "institutions", "organizations", "provinces", "regions", "quotes")
        columns: dict[str, list[Any]] = {name: [None] * len(df) for name in fields}
        errors: list[Optional[str]] = [None] * len(df)
        good = [i for i, text in enumerate(texts) if isinstance(text, str)]
        for i in range(len(df)):
            if not isinstance(texts[i], str):
                errors[i] = f"text is {type(texts[i]).__name__}, not str"
        records = self.extract_many(((ids[i], texts[i]) for i in good))
        for i, record in zip(good, records):
            data = record.to_dict()
            for name in fields:
                columns[name][i] = data[name]
        out = df.copy()
        out["warta_id"] = ids
        for name in fields:
            out[name] = columns[name]
        out["error"] = pd.Series(errors, index=df.index, dtype="object")
        return out
