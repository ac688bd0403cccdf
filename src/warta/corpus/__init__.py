"""The corpus layer: document records in a DuckDB database, one identity per person across documents.

    >>> from warta.corpus import build_corpus, Corpus
    >>> build_corpus(["out.jsonl"], "corpus.duckdb")
    >>> Corpus("corpus.duckdb").officials(province="Sumsel")

Modules: ``sources`` (reading records back), ``identity`` (cross-document persons), ``store``
(schema and transactional loading), ``query`` (the ``Corpus`` class), ``evaluation`` (pairwise
identity scores against a gold file).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_PUBLIC = {
    "Corpus": "warta.corpus.query",
    "build_corpus": "warta.corpus.store",
    "BuildSummary": "warta.corpus.store",
    "CorpusError": "warta.corpus.store",
    "SCHEMA_VERSION": "warta.corpus.store",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'warta.corpus' has no attribute {name!r}")
