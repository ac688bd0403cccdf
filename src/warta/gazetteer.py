"""The province and kabupaten/kota gazetteer: official Kemendagri names plus press aliases.

Three files in ``warta/data`` (provenance in ``REGIONS.md``):

- ``regions.tsv`` — the 38 provinces and 514 kabupaten/kota of Kepmendagri No 300.2.2-2138/2025,
  built by ``scripts/build_gazetteer.py``;
- ``region_aliases.tsv`` — hand-written short forms the press uses, each with a kind:
  ``alias`` (safe anywhere), ``weak`` (only with a cue such as "Kota"/"Bupati"), ``common`` (the
  name is also an ordinary capitalised word: not accepted bare at the start of a sentence);
- ``organization_names.tsv`` — clubs, companies, media and parties whose names contain a region.

A *surface form* is a normalized string (``normalize``) that names one or more regions; the
entries of a form are ordered by the preference for a bare, uncued mention: province first, then
kota, then kabupaten ("Jambi" → the province, "Malang" → Kota Malang).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Iterator, Mapping, NamedTuple

from warta.resources import data_path

LEVELS = ("provinsi", "kabupaten", "kota")
KINDS = ("name", "alias", "weak", "common")
ORGANIZATION_KINDS = ("club", "company", "media", "party")
REGIONS_FILE = "regions.tsv"
ALIASES_FILE = "region_aliases.tsv"
ORGANIZATIONS_FILE = "organization_names.tsv"
KECAMATAN_FILE = "kecamatan.tsv"
DESA_FILE = "desa.tsv"

# Bare-mention preference: province, then kota (the usual referent of a bare city name), then kabupaten.
_LEVEL_RANK = {"provinsi": 0, "kota": 1, "kabupaten": 2}
# Level words a caller may leave on a surface form ("Kab. Malang", "Kota Administrasi Jakarta Pusat").
_LEVEL_PREFIX = re.compile(
    r"^(?:(?P<prov>provinsi|prov\.?)|(?P<kab>kabupaten(?: administrasi)?|kab\.?)|(?P<kota>kota(?: administrasi)?))\s+"
)


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # "provinsi" | "kabupaten" | "kota"
    province_code: str
    short_name: str

    @property
    def is_province(self) -> bool:
        return self.level == "provinsi"


class Entry(NamedTuple):
    """One reading of a surface form: the region and how the form may be used."""

    region: Region
    kind: str  # "name" | "alias" | "weak" | "common"
    written: str  # the form as written in the data (for case checks)


def normalize(text: str) -> str:
    """Lowercase, NFKC, single spaces: the key of a surface form."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _read_tsv(path: Path) -> Iterable[list[str]]:
    """Rows of a TSV with a header line; blank lines and ``#`` comments skipped."""
    with open(path, encoding="utf-8") as handle:
        header_seen = False
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\r\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not header_seen:
                header_seen = True
                continue
            fields = [field.strip() for field in line.split("\t")]
            yield [str(number), *fields]


class Gazetteer:
    """Provinces and kabupaten/kota with their surface forms."""

    def __init__(self, regions: Iterable[Region], aliases: Iterable[tuple[str, str, str]] = ()) -> None:
        self._by_code: dict[str, Region] = {}
        for region in regions:
            if region.level not in LEVELS:
                raise ValueError(f"region {region.code}: unknown level {region.level!r}")
            self._by_code[region.code] = region
        forms: dict[str, dict[str, Entry]] = {}
        written: dict[str, dict[str, None]] = {}

        def add(form: str, region: Region, kind: str) -> None:
            # A hand-written kind (weak, common) overrides the "name" kind of an official name.
            written.setdefault(normalize(form), {})[form] = None
            readings = forms.setdefault(normalize(form), {})
            previous = readings.get(region.code)
            if previous is not None and previous.kind != "name" and kind == "name":
                return
            readings[region.code] = Entry(region, kind, form)

        for region in self._by_code.values():
            add(region.short_name, region, "name")
        for region in self._by_code.values():
            # "Mandailingnatal", "Padanglawas": a two-word name written as one word
            words = region.short_name.split()
            if len(words) > 1 and all(w.isalpha() and w[:1].isupper() for w in words):
                glued = words[0] + "".join(w.lower() for w in words[1:])
                if normalize(glued) not in forms:
                    add(glued, region, "alias")
        self._unknown_alias_codes: list[str] = []
        for code, alias, kind in aliases:
            if kind not in KINDS[1:]:
                raise ValueError(f"alias {alias!r}: unknown kind {kind!r}")
            region = self._by_code.get(code)
            if region is None:
                self._unknown_alias_codes.append(code)
                continue
            add(alias, region, kind)
        self._forms: dict[str, tuple[Entry, ...]] = {
            key: tuple(sorted(entries.values(), key=lambda e: (_LEVEL_RANK[e.region.level], e.region.code)))
            for key, entries in forms.items()
        }
        self._written: dict[str, tuple[str, ...]] = {key: tuple(spellings) for key, spellings in written.items()}

    # -- lookups ---------------------------------------------------------------------------------

    def get(self, code: str) -> Region | None:
        return self._by_code.get(code)

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[Region]:
        return iter(self._by_code.values())

    @property
    def provinces(self) -> tuple[Region, ...]:
        return tuple(r for r in self._by_code.values() if r.level == "provinsi")

    @property
    def regencies_and_cities(self) -> tuple[Region, ...]:
        return tuple(r for r in self._by_code.values() if r.level != "provinsi")

    def province_of(self, code: str) -> Region | None:
        """The province a code belongs to (a province is its own province)."""
        region = self._by_code.get(code)
        if region is None:
            return None
        return self._by_code.get(region.province_code)

    def entries(self, form: str) -> tuple[Entry, ...]:
        """Readings of a surface form, best bare reading first (all kinds, weak included)."""
        return self._forms.get(normalize(form), ())

    def candidates(self, text: str) -> list[Region]:
        """Every region a surface form may denote, best bare reading first.

        A leading level word narrows the answer: ``"Kota Malang"`` → [Kota Malang],
        ``"Kab. Malang"`` → [Kabupaten Malang], ``"Malang"`` → [Kota Malang, Kabupaten Malang].
        """
        key = normalize(text)
        if key in self._forms:
            return [entry.region for entry in self._forms[key]]
        match = _LEVEL_PREFIX.match(key)
        if match is None:
            return []
        level = "provinsi" if match.group("prov") else "kabupaten" if match.group("kab") else "kota"
        rest = key[match.end() :]
        return [entry.region for entry in self._forms.get(rest, ()) if entry.region.level == level]

    @property
    def surface_forms(self) -> Mapping[str, tuple[Entry, ...]]:
        """All normalized surface forms and their readings (read-only)."""
        return MappingProxyType(self._forms)

    def written_forms(self, form: str) -> tuple[str, ...]:
        """How a normalized form is spelled in the data ("Pare-Pare", "Pare-pare")."""
        written = self._written.get(form)  # already normalized: the common case in the matcher
        return written if written is not None else self._written.get(normalize(form), ())


# -- loading -----------------------------------------------------------------------------------


def read_regions(path: str | Path) -> list[Region]:
    regions = []
    for number, *fields in _read_tsv(Path(path)):
        if len(fields) != 5:
            raise ValueError(f"{path}:{number}: expected 5 columns, got {len(fields)}")
        regions.append(Region(*fields))
    return regions


def read_aliases(path: str | Path) -> list[tuple[str, str, str]]:
    aliases = []
    for number, *fields in _read_tsv(Path(path)):
        if len(fields) != 3 or not all(fields):
            raise ValueError(f"{path}:{number}: expected code, alias, kind")
        aliases.append((fields[0], fields[1], fields[2]))
    return aliases


@lru_cache(maxsize=8)
def _load(regions_path: str, aliases_path: str) -> Gazetteer:
    aliases = read_aliases(aliases_path) if aliases_path else []
    return Gazetteer(read_regions(regions_path), aliases)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer (cached per path).

    ``path`` is a ``regions.tsv`` or a directory holding one; aliases are read from a
    ``region_aliases.tsv`` next to it, else from the packaged one (aliases whose code is not in
    the given regions are ignored). ``None`` means the packaged data.
    """
    if path is None:
        return _load(str(data_path(REGIONS_FILE)), str(data_path(ALIASES_FILE)))
    regions_path = Path(path)
    if regions_path.is_dir():
        regions_path = regions_path / REGIONS_FILE
    if not regions_path.exists():
        raise FileNotFoundError(f"gazetteer not found: {regions_path}")
    aliases_path = regions_path.parent / ALIASES_FILE
    if not aliases_path.exists():
        aliases_path = data_path(ALIASES_FILE)
    return _load(str(regions_path.resolve()), str(Path(aliases_path).resolve()))


@lru_cache(maxsize=8)
def load_organization_names(path: str | None = None) -> tuple[tuple[str, str], ...]:
    """``(name, kind)`` pairs of organizations whose names contain a region name (cached)."""
    source = Path(path) if path else data_path(ORGANIZATIONS_FILE)
    rows = []
    for number, *fields in _read_tsv(source):
        if len(fields) != 2 or fields[1] not in ORGANIZATION_KINDS:
            raise ValueError(f"{source}:{number}: expected name and kind ({'|'.join(ORGANIZATION_KINDS)})")
        rows.append((fields[0], fields[1]))
    return tuple(rows)


@dataclass(frozen=True)
class LocalArea:
    """A kecamatan ("35.78.29") or a desa/kelurahan ("35.78.29.1001"; 1xxx kelurahan, 2xxx desa)."""

    code: str
    name: str

    @property
    def kabkota_code(self) -> str:
        return self.code[:5]

    @property
    def kecamatan_code(self) -> str:
        return self.code[:8]

    @property
    def level(self) -> str:
        if len(self.code) <= 8:
            return "kecamatan"
        return "kelurahan" if self.code[9] == "1" else "desa"


Kecamatan = LocalArea


class LocalAreaIndex:
    """Kecamatan or desa/kelurahan by code and by normalized name (a name may be shared:
    "Karanganyar" names six kecamatan)."""

    def __init__(self, rows: Iterable[LocalArea]) -> None:
        self._by_code = {row.code: row for row in rows}
        by_name: dict[str, list[LocalArea]] = {}
        for row in self._by_code.values():
            by_name.setdefault(normalize(row.name), []).append(row)
        self._by_name = {key: tuple(rows) for key, rows in by_name.items()}
        self.max_words = max((len(key.split()) for key in self._by_name), default=0)

    def get(self, code: str) -> LocalArea | None:
        return self._by_code.get(code)

    def named(self, text: str) -> tuple[LocalArea, ...]:
        return self._by_name.get(normalize(text), ())

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[LocalArea]:
        return iter(self._by_code.values())


KecamatanIndex = LocalAreaIndex


def _load_areas(path: Path) -> LocalAreaIndex:
    return LocalAreaIndex(LocalArea(code, name) for _, code, name, *_ in _read_tsv(path))


@lru_cache(maxsize=2)
def load_kecamatan(path: str | None = None) -> LocalAreaIndex:
    """The kecamatan list (``kecamatan.tsv``, built by scripts/build_gazetteer.py), cached."""
    return _load_areas(Path(path) if path else data_path(KECAMATAN_FILE))


@lru_cache(maxsize=2)
def load_desa(path: str | None = None) -> LocalAreaIndex:
    """The 83,762 desa and kelurahan (``desa.tsv``, built by scripts/build_gazetteer.py), cached.
    Loaded on first use: only texts with a village-level title or level word need it."""
    return _load_areas(Path(path) if path else data_path(DESA_FILE))
