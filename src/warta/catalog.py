"""The institution catalog: national institutions, regional body patterns and position titles.

Data lives in ``warta/data`` (institutions.jsonl, regional_bodies.jsonl, titles.jsonl,
honorifics.jsonl; see CATALOGS.md there). This module only loads and indexes it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional, Union

from warta.resources import data_path, read_jsonl


@dataclass(frozen=True)
class InstitutionEntry:
    id: str
    name: str
    kind: str
    acronyms: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    head_titles: tuple[str, ...] = ()
    regional: bool = False
    level: Optional[str] = None  # for regional bodies: provinsi | kabupaten_kota | kecamatan | any

    @property
    def acronym(self) -> Optional[str]:
        return self.acronyms[0] if self.acronyms else None

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.acronyms, *self.aliases)


@dataclass(frozen=True)
class TitleEntry:
    title: str
    forms: tuple[str, ...]
    territorial: Optional[str] = None
    institution: Optional[str] = None
    generic: bool = False
    acting: bool = False
    # a generic title of the one body of this kind in the text ("hakim ketua X" after "Pengadilan Tipikor …")
    body_kind: Optional[str] = None


@dataclass
class Catalog:
    institutions: dict[str, InstitutionEntry] = field(default_factory=dict)
    titles: list[TitleEntry] = field(default_factory=list)
    honorifics_before: frozenset[str] = frozenset()
    honorifics_after: frozenset[str] = frozenset()
    # National body → its regional offices' pattern ("kpu" → "kpud"), by a shared name or acronym.
    regional_counterpart: dict[str, str] = field(default_factory=dict)

    def get(self, institution_id: str) -> Optional[InstitutionEntry]:
        return self.institutions.get(institution_id)


def _tuple(value: object) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value if v)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rows(directory: Optional[Path], name: str) -> list[dict]:
    path = (directory / name) if directory else data_path(name)
    return read_jsonl(path) if path.exists() else []


@lru_cache(maxsize=8)
def load_catalog(directory: Union[str, Path, None] = None) -> Catalog:
    """Load the catalogs from ``directory`` (default: the package's ``warta/data``)."""
    base = Path(directory) if directory else None
    catalog = Catalog()
    for row in _rows(base, "institutions.jsonl"):
        entry = InstitutionEntry(
            id=row["id"],
            name=row["name"],
            kind=row.get("kind", "other"),
            acronyms=_tuple(row.get("acronyms")),
            aliases=_tuple(row.get("aliases")),
            head_titles=_tuple(row.get("head_titles")),
        )
        catalog.institutions[entry.id] = entry
    for row in _rows(base, "regional_bodies.jsonl"):
        entry = InstitutionEntry(
            id=row["id"],
            name=row["name"],
            kind=row.get("kind", "regional_agency"),
            acronyms=_tuple(row.get("short")),
            aliases=_tuple(row.get("aliases")),
            head_titles=_tuple(row.get("head_titles")) + _tuple(row.get("deputy_titles")),
            regional=True,
            level=row.get("level", "any"),
        )
        catalog.institutions[entry.id] = entry
    for row in _rows(base, "institutions.jsonl"):
        if row.get("regional_counterpart"):  # "Dewan Perwakilan Rakyat Papua" is a provincial DPR
            catalog.regional_counterpart[row["id"]] = row["regional_counterpart"]
    national_by_form = {form: e.id for e in catalog.institutions.values() if not e.regional for form in e.forms}
    for entry in catalog.institutions.values():
        if entry.regional:
            for form in entry.forms:
                national = national_by_form.get(form)
                if national and national not in catalog.regional_counterpart:
                    catalog.regional_counterpart[national] = entry.id
    for row in _rows(base, "titles.jsonl"):
        forms = _tuple(row.get("forms")) or (row["title"],)
        catalog.titles.append(
            TitleEntry(
                title=row["title"],
                forms=forms,
                territorial=row.get("territorial"),
                institution=row.get("institution"),
                generic=bool(row.get("generic")),
                acting=row.get("kind") == "acting",
                body_kind=row.get("body_kind"),
            )
        )
    before, after = set(), set()
    for row in _rows(base, "honorifics.jsonl"):
        (after if row.get("position") == "after" else before).add(row["form"])
        if row.get("kind") == "degree" and row["form"].endswith(".") and "." in row["form"][:-1]:
            after.add(row["form"][:-1])  # "Sp.PD" as often as "Sp.PD."
    catalog.honorifics_before = frozenset(before)
    catalog.honorifics_after = frozenset(after)
    return catalog
