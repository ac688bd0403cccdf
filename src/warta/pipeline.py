"""Building, saving and loading warta's spaCy pipeline.

The shipped pipeline is a saved spaCy directory, ``models/warta-id-news`` in the repository and
``warta/models/warta-id-news`` inside an installed wheel. It holds the news tokenizer, a sentence
splitter, the trained ``ner`` and warta's rule components; the rule components read their catalogs
from ``warta/data`` so the data has one home.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Optional, Union

import spacy
from spacy.language import Language
from thinc.api import NumpyOps, get_current_ops, use_ops

# Importing the component modules registers their factories with spaCy.
from warta import entities, institutions, officials, persons, quotes, regions, tokenizer  # noqa: F401

DEFAULT_MODEL = "warta-id-news"
PIPE_BATCH_SIZE = 16
WARTA_COMPONENTS = (
    "warta_regions",
    "warta_institutions",
    "warta_officials",
    "warta_persons",
    "warta_quotes",
    "warta_entities",
)


class ModelNotFoundError(FileNotFoundError):
    """The requested pipeline directory does not exist."""


def model_dirs() -> list[Path]:
    """Where shipped pipelines are looked for: inside the package, then the source checkout."""
    package = Path(__file__).resolve().parent
    return [package / "models", package.parents[1] / "models"]


def model_path(name: str = DEFAULT_MODEL) -> Path:
    """Directory of a shipped pipeline, by name."""
    for base in model_dirs():
        candidate = base / name
        if (candidate / "config.cfg").exists():
            return candidate
    searched = ", ".join(str(base) for base in model_dirs())
    raise ModelNotFoundError(
        f"warta model {name!r} not found (looked in {searched}). Reinstall warta, or pass the path "
        "of a saved pipeline directory."
    )


def build_pipeline(ner: Optional[Union[str, Path, Language]] = None) -> Language:
    """A fresh warta pipeline: news tokenizer, sentencizer, optional trained ``ner``, rule components.

    ``ner`` is a trained spaCy pipeline (or its path); its components are copied in with ``source=``.
    """
    nlp = spacy.blank(
        "id",
        config={"nlp": {"tokenizer": {"@tokenizers": "warta.news_tokenizer.v1"}}},
    )
    nlp.add_pipe("sentencizer")
    if ner is not None:
        source = ner if isinstance(ner, Language) else spacy.load(ner)
        # Copy every trained component (a shared tok2vec too, if the ner listens to one).
        for name in source.pipe_names:
            nlp.add_pipe(name, source=source)
    for name in WARTA_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def load(name_or_path: Union[str, Path, None] = None, *, exclude: Iterable[str] = ()) -> Language:
    """Load a warta pipeline: the shipped default, a shipped name, or a saved pipeline directory."""
    if name_or_path is None:
        path = model_path(DEFAULT_MODEL)
    else:
        path = Path(name_or_path)
        if not (path / "config.cfg").exists():
            path = model_path(str(name_or_path))
    if _default_cpu_ops():
        # thinc's CPU default multiplies matrices with its bundled BLIS, whose portable wheel
        # kernels are several times slower here than numpy's OpenBLAS; the models built while
        # loading keep these ops, so nothing outside warta's pipeline is affected.
        with use_ops("numpy", use_blis=False):
            return spacy.load(path, exclude=list(exclude))
    return spacy.load(path, exclude=list(exclude))


def _default_cpu_ops() -> bool:
    ops = get_current_ops()
    return type(ops) is NumpyOps and bool(getattr(ops, "use_blis", False))


def assemble_model(ner: Union[str, Path, Language, None], output_dir: Union[str, Path]) -> Path:
    """Build the full pipeline around a trained ``ner`` and save it to ``output_dir``."""
    nlp = build_pipeline(ner)
    # nlp.pipe's default; the ner's activations grow with the batch, and 16 news articles already
    # keep the matrix products efficient.
    nlp.batch_size = PIPE_BATCH_SIZE
    nlp.meta.update(
        {
            "name": DEFAULT_MODEL.replace("-", "_"),
            "version": "0.1.0",
            "description": "warta: Indonesian news tokenizer, NER and rule components for officials, institutions and regions",
            "license": "MIT (model weights trained on IndoLEM/IndoNLU/idner-news-2k data; see MODEL_CARD.md)",
            "author": "warta team",
        }
    )
    output = Path(output_dir)
    nlp.to_disk(output)
    return output
