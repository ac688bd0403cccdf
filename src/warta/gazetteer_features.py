"""Gazetteer features as input to the statistical ner (experimental; see models/NER_EXPERIMENTS.md).

Every token gets, for each of a few name lists built from warta's own data files (never from
NER training labels), one of three states: outside (0), first token of a listed name (1, "B")
or inside one (2, "I"). Names are matched case-insensitively on the tokens' ``LOWER`` hashes,
longest match first, each list on its own, so a token may be in several lists ("Bandung" is a
region and the last word of "Persib Bandung", an organization name). Each list's state is embedded (``width`` dims per list) and
concatenated with the ``MultiHashEmbed`` hash embeddings before the Maxout mixer, so the rest of
the ner (``MaxoutWindowEncoder``, transition parser) is unchanged.

The lists (``LISTS``):

* ``region``: provinces and kabupaten/kota (full and short names) and their press aliases
  (regions.tsv, region_aliases.tsv);
* ``kecamatan``: kecamatan names (kecamatan.tsv; some are common words: "Kota", "Tetap", "Ibu");
* ``desa``: desa/kelurahan names of two or more words (desa.tsv; the one-word names include
  "Yang", "Dari", "Pada", so they are left out);
* ``country``: countries.txt;
* ``institution``: national institutions (names, acronyms, aliases), regional bodies (names,
  short forms, aliases) and the organizations named after regions (institutions.jsonl,
  regional_bodies.jsonl, organization_names.tsv);
* ``title``: position titles (titles.jsonl forms) and honorifics written before a name
  (honorifics.jsonl, ``position: before``);
* ``degree``: honorifics written after a name (academic degrees, honorifics.jsonl).

The tables are rebuilt from the package data when the model is constructed; only the
embedding weights are saved, so a saved ner reloads with ``spacy.load`` once the architecture
is registered (``import warta`` registers it; see ``warta/__init__.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

LISTS: tuple[str, ...] = ("region", "kecamatan", "desa", "country", "institution", "title", "degree")
ARCHITECTURE = "warta.GazetteerHashEmbed.v1"

# a word with inner periods/hyphens/apostrophes kept ("M.Pd.", "PDI-P"), or one punctuation mark
_TOKEN = re.compile(r"\w+(?:[.\-'’/&]\w+)*\.?|[^\w\s]", re.UNICODE)


def phrase_variants(text: str) -> set[tuple[str, ...]]:
    """Lower-cased token sequences ``text`` may appear as: punctuation split off, and a final
    period of a word kept on it ("Pol."), split off ("Pol", ".") or dropped ("Pol")."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return set()
    variants = [[]]
    for tok in tokens:
        if len(tok) > 1 and tok.endswith("."):
            stem = tok[:-1]
            variants = [v + alt for v in variants for alt in ([tok], [stem, "."], [stem])]
            if len(variants) > 8:  # long names full of abbreviations: keep the as-written forms
                variants = variants[:8]
        else:
            variants = [v + [tok] for v in variants]
    return {tuple(v) for v in variants if v}


@lru_cache(maxsize=None)
def list_names(name: str) -> tuple[str, ...]:
    """The surface names of one list (``LISTS``), from warta's data files."""
    from warta.catalog import load_catalog
    from warta.gazetteer import (
        ALIASES_FILE,
        DESA_FILE,
        REGIONS_FILE,
        load_kecamatan,
        load_organization_names,
        read_aliases,
        read_regions,
    )
    from warta.resources import data_path, load_countries, load_data_jsonl

    names: set[str] = set()
    if name == "region":
        for r in read_regions(data_path(REGIONS_FILE)):
            names.update((r.name, r.short_name))
        names.update(alias for _, alias, _ in read_aliases(data_path(ALIASES_FILE)))
    elif name == "kecamatan":
        names.update(k.name for k in load_kecamatan())
    elif name == "desa":  # read directly: load_desa() indexes 83k rows by code and name (slower)
        with open(data_path(DESA_FILE), encoding="utf-8") as handle:
            next(handle)
            for line in handle:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 2 and " " in fields[1].strip():
                    names.add(fields[1].strip())
    elif name == "country":
        names.update(load_countries())
    elif name == "institution":
        for entry in load_catalog().institutions.values():
            names.update(entry.forms)
        names.update(n for n, _ in load_organization_names())
    elif name == "title":
        for t in load_catalog().titles:
            names.update(t.forms)
        names.update(r["form"] for r in load_data_jsonl("honorifics.jsonl") if r.get("position") == "before")
    elif name == "degree":
        names.update(r["form"] for r in load_data_jsonl("honorifics.jsonl") if r.get("position") == "after")
    else:
        raise ValueError(f"unknown gazetteer list {name!r}; known: {', '.join(LISTS)}")
    return tuple(sorted(n for n in names if n and n.strip()))


class PhraseTable:
    """Token-hash sequences of several name lists, for longest-match tagging of a Doc.

    ``table`` maps a tuple of ``LOWER`` hashes to a bit mask of the lists holding that name;
    ``first`` maps a first-token hash to the longest name starting with it."""

    def __init__(self, lists: Sequence[str]) -> None:
        from spacy.strings import hash_string

        self.lists = tuple(lists)
        self.table: dict[tuple[int, ...], int] = {}
        self.first: dict[int, int] = {}
        for bit, name in enumerate(self.lists):
            for surface in list_names(name):
                for words in phrase_variants(surface):
                    key = tuple(hash_string(w) for w in words)
                    self.table[key] = self.table.get(key, 0) | (1 << bit)
                    if len(key) > self.first.get(key[0], 0):
                        self.first[key[0]] = len(key)

    def states(self, lowers: list[int]) -> list[tuple[int, int, int]]:
        """``(list index, start, end)`` of the longest names, per list left to right."""
        n_lists = len(self.lists)
        full = (1 << n_lists) - 1
        covered_until = [0] * n_lists
        table, first = self.table, self.first
        n = len(lowers)
        found = []
        for i, h in enumerate(lowers):
            longest = first.get(h)
            if longest is None:
                continue
            todo = full
            for c in range(n_lists):
                if covered_until[c] > i:
                    todo &= ~(1 << c)
            length = min(longest, n - i)
            while todo and length > 0:
                mask = table.get(tuple(lowers[i:i + length]), 0) & todo
                if mask:
                    for c in range(n_lists):
                        if mask & (1 << c):
                            found.append((c, i, i + length))
                            covered_until[c] = i + length
                    todo &= ~mask
                length -= 1
        return found


@lru_cache(maxsize=8)
def phrase_table(lists: tuple[str, ...]) -> PhraseTable:
    return PhraseTable(lists)


def token_states(doc: Any, table: PhraseTable):
    """An ``(n_tokens, n_lists)`` int32 array: 0 outside, 1 first token, 2 later token of a name."""
    import numpy
    from spacy.attrs import LOWER

    lowers = doc.to_array(LOWER).tolist() if len(doc) else []
    out = numpy.zeros((len(lowers), len(table.lists)), dtype="int32")
    for c, start, end in table.states(lowers):
        out[start, c] = 1
        out[start + 1:end, c] = 2
    return out


def GazetteerFeatures(lists: Sequence[str]):
    """Layer: list of Docs -> list of ``(n_tokens, n_lists)`` state arrays (no gradient)."""
    from thinc.api import Model

    def forward(model: Any, docs: Iterable[Any], is_train: bool):
        table = phrase_table(tuple(model.attrs["lists"]))
        feats = [model.ops.asarray2i(token_states(doc, table), dtype="int32") for doc in docs]
        return feats, lambda d_feats: []

    return Model("gazetteer_features", forward, attrs={"lists": list(lists)})


def gazetteer_hash_embed(
    width: int,
    attrs: list[str],
    rows: list[int],
    gazetteer_lists: list[str],
    gazetteer_width: int = 8,
):
    """``spacy.MultiHashEmbed.v2`` (no static vectors) with gazetteer states mixed in: the hash
    embeddings of ``attrs`` and a ``gazetteer_width`` embedding of each list's O/B/I state are
    concatenated and reduced to ``width`` by the same Maxout layer."""
    from spacy.ml.featureextractor import FeatureExtractor
    from thinc.api import Embed, HashEmbed, Maxout, chain, concatenate, list2ragged, ragged2list, with_array

    if len(rows) != len(attrs):
        raise ValueError(f"Mismatched lengths: {len(rows)} vs {len(attrs)}")
    unknown = [n for n in gazetteer_lists if n not in LISTS]
    if unknown:
        raise ValueError(f"unknown gazetteer lists {unknown}; known: {', '.join(LISTS)}")
    hash_embeds = [HashEmbed(width, rows[i], column=i, seed=8 + i, dropout=0.0) for i in range(len(attrs))]
    hashed = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*hash_embeds)))
    layers = [hashed]
    concat_size = width * len(attrs)
    if gazetteer_lists:
        state_embeds = [Embed(gazetteer_width, 3, column=i) for i in range(len(gazetteer_lists))]
        layers.append(chain(GazetteerFeatures(gazetteer_lists), list2ragged(),
                            with_array(concatenate(*state_embeds))))
        concat_size += gazetteer_width * len(gazetteer_lists)
    mixer = with_array(Maxout(width, concat_size, nP=3, dropout=0.0, normalize=True))
    return chain(concatenate(*layers), mixer, ragged2list())


def register() -> None:
    """Register the architecture with spaCy (idempotent; ``import warta`` already does it)."""
    from spacy.util import registry

    registry.architectures.register(ARCHITECTURE, func=gazetteer_hash_embed)
