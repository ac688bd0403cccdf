"""Loaders for the data files in ``warta/data`` (catalogs, gazetteers, word lists).

Data lives in files next to this package, never in Python literals; every loader is cached, so
components built many times (one per worker, one per test) read each file once per process.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

DATA_PACKAGE = "warta.data"


def data_path(name: str) -> Path:
    """Path of a file shipped in ``warta/data``."""
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSON Lines data file, skipping blank lines and ``//`` comment lines."""
    rows: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("//"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{number}: invalid JSON ({err.msg})") from err
    return rows


def read_word_list(path: str | Path) -> list[str]:
    """Read a one-item-per-line list, skipping blank lines and ``#`` comments."""
    with open(path, encoding="utf-8") as handle:
        return [line.strip() for line in handle if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def load_data_jsonl(name: str) -> tuple[dict[str, Any], ...]:
    """A JSONL file from ``warta/data`` as an immutable tuple of rows (cached)."""
    path = data_path(name)
    return tuple(read_jsonl(path)) if path.exists() else ()


@lru_cache(maxsize=None)
def load_abbreviations() -> frozenset[str]:
    """Forms that keep their final period: abbreviations.txt, honorific forms and the shortened
    given names of lexicon.json ("Muh.", "Abd."); degrees also without it ("Sp.PD")."""
    forms = set(read_word_list(data_path("abbreviations.txt")))
    forms.update(load_lexicon()["name_abbreviations"])
    for row in load_data_jsonl("honorifics.jsonl"):
        form = row.get("form", "")
        if form.endswith(".") and " " not in form:
            forms.add(form)
            if row.get("kind") == "degree" and "." in form[:-1]:
                forms.add(form[:-1])  # "dr. Baiq Rahmawati Sp.PD, mengatakan": one token without the last period too
    return frozenset(forms)


@lru_cache(maxsize=None)
def load_countries() -> tuple[str, ...]:
    """Country names as the press writes them (countries.txt)."""
    return tuple(read_word_list(data_path("countries.txt")))


@lru_cache(maxsize=None)
def load_lexicon() -> dict[str, Any]:
    """Cue-word lists used by the rule components (lexicon.json)."""
    with open(data_path("lexicon.json"), encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_quote_cues() -> dict[str, Any]:
    """Cue words for quotes and their speakers (quote_cues.json)."""
    with open(data_path("quote_cues.json"), encoding="utf-8") as handle:
        return json.load(handle)


@lru_cache(maxsize=None)
def load_identity_data() -> dict[str, Any]:
    """Name forms for cross-document person identity (identity.json): nickname prefixes, given-name
    spellings, old-spelling rules, name tokens too common to identify anyone."""
    with open(data_path("identity.json"), encoding="utf-8") as handle:
        return json.load(handle)
