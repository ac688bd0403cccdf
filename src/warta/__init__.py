"""warta: extract officials, institutions, provinces, regions, persons and quotes from Indonesian news.

    >>> import warta
    >>> ex = warta.Extractor()
    >>> record = ex.extract(text)
    >>> warta.to_frame([record], kind="officials")

The public names are imported on first use, so ``warta --help`` does not pay for loading spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_PUBLIC = {
    "Corpus": "warta.corpus.query",
    "Extractor": "warta.extractor",
    "to_frame": "warta.frames",
    "build_pipeline": "warta.pipeline",
    "load": "warta.pipeline",
    "model_path": "warta.pipeline",
    "DocumentRecord": "warta.record",
    "ErrorRecord": "warta.record",
    "doc_to_record": "warta.record",
    "document_json_schema": "warta.record",
}

__all__ = sorted([*_PUBLIC, "__version__"])

if TYPE_CHECKING:
    from warta.corpus.query import Corpus
    from warta.extractor import Extractor
    from warta.frames import to_frame
    from warta.pipeline import build_pipeline, load, model_path
    from warta.record import DocumentRecord, ErrorRecord, doc_to_record, document_json_schema


def _gazetteer_hash_embed(width, attrs, rows, gazetteer_lists, gazetteer_width=8):  # noqa: ANN001, ANN202
    """``warta.GazetteerHashEmbed.v1``: see :func:`warta.gazetteer_features.gazetteer_hash_embed`."""
    from warta.gazetteer_features import gazetteer_hash_embed

    return gazetteer_hash_embed(width, attrs, rows, gazetteer_lists, gazetteer_width)


def _register_architectures() -> None:
    """Make warta's ner architectures known to spaCy's registry without importing spaCy, so a
    ner trained with them loads with ``spacy.load`` after ``import warta``."""
    try:
        import catalogue
    except ImportError:  # spaCy (and so catalogue) not installed: nothing can load a model anyway
        return
    catalogue.Registry(("spacy", "architectures")).register(
        "warta.GazetteerHashEmbed.v1", func=_gazetteer_hash_embed
    )


_register_architectures()


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        value = getattr(import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    if name in ("record", "pipeline", "extractor", "frames"):
        return import_module(f"warta.{name}")
    raise AttributeError(f"module 'warta' has no attribute {name!r}")
