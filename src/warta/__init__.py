"""warta: extract officials, institutions, provinces, regions, persons and quotes from Indonesian news.

    >>> import warta
    >>> ex = warta.Extractor()
    >>> record = ex.extract(text)
    >>> warta.to_frame([record], kind="officials")
"""

from warta.extractor import Extractor
from warta.frames import to_frame
from warta.pipeline import build_pipeline, load, model_path
from warta.record import DocumentRecord, ErrorRecord, doc_to_record, document_json_schema

__version__ = "0.1.0"

__all__ = [
    "DocumentRecord",
    "ErrorRecord",
    "Extractor",
    "__version__",
    "build_pipeline",
    "doc_to_record",
    "document_json_schema",
    "load",
    "model_path",
    "to_frame",
]
