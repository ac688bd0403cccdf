"""The document record: warta's output for one text, as typed pydantic models.

``doc_to_record`` is the single place where a processed spaCy ``Doc`` becomes output; writers and
DataFrames start from these records. ``document_json_schema()`` gives the JSON Schema that is also
committed as ``warta/schema/document.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc

from warta.extensions import SPANS_REGIONS, register_extensions
from warta.linguistic import linguistic_tokens

SCHEMA_VERSION = "1.0"
Coarse = Literal["PER", "ORG", "LOC", "MISC"]

# Fine entity labels in doc.ents → coarse class.
COARSE_CLASS: dict[str, str] = {
    "PERSON": "PER",
    "PER": "PER",
    "INSTITUTION": "ORG",
    "ORGANIZATION": "ORG",
    "ORG": "ORG",
    "PROVINCE": "LOC",
    "REGION": "LOC",
    "LOCATION": "LOC",
    "LOC": "LOC",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mention(_Model):
    start: int = Field(description="Character offset of the first character in the original text")
    end: int = Field(description="Character offset one past the last character")
    text: str


class Entity(Mention):
    label: str = Field(description="Fine label: PERSON, INSTITUTION, ORGANIZATION, PROVINCE, REGION, LOCATION, or a model label")
    coarse: Coarse = Field(description="Coarse class PER, ORG, LOC or MISC")
    kb_id: Optional[str] = Field(None, description="Region code or institution id when known")


class Jurisdiction(_Model):
    code: str = Field(description="Kemendagri code: '61' (province), '61.71' (kabupaten/kota), '35.78.29' (kecamatan), '73.06.15.2002' (desa; 1xxx kelurahan)")
    name: str
    level: Literal["provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan"]


class InstitutionRef(_Model):
    id: str
    name: str
    acronym: Optional[str] = None


class Official(_Model):
    name: str
    title: str
    jurisdiction: Optional[Jurisdiction] = Field(None, description="Province or kabupaten/kota the office governs or is attached to")
    kecamatan: Optional[Jurisdiction] = Field(None, description="The kecamatan of a kecamatan- or village-level office (Camat, Kapolsek, Kepala Desa), when known")
    desa: Optional[Jurisdiction] = Field(None, description="The desa or kelurahan of a village-level office (Kepala Desa, Lurah), when named")
    institution: Optional[InstitutionRef] = None
    former: bool = Field(False, description="The text calls the office a past one ('mantan Wali Kota …', 'eks Bupati …')")
    mentions: list[Mention] = Field(default_factory=list, description="Title-and-name mentions and later references to the person")


class Person(_Model):
    name: str
    official: bool = False
    mentions: list[Mention] = Field(default_factory=list)


class Institution(_Model):
    id: str = Field(description="Stable id: catalog id ('kpk') or body:region ('kejari:12.71')")
    name: str
    acronym: Optional[str] = None
    kind: str
    region: Optional[Jurisdiction] = None
    mentions: list[Mention] = Field(default_factory=list)


class Organization(_Model):
    name: str
    kind: Optional[str] = None
    mentions: list[Mention] = Field(default_factory=list)


class Province(_Model):
    code: str
    name: str
    mentions: list[Mention] = Field(default_factory=list)


class Region(_Model):
    code: str
    name: str
    level: Literal["kabupaten", "kota"]
    province_code: str
    mentions: list[Mention] = Field(default_factory=list)


class Speaker(_Model):
    name: str


class Quote(_Model):
    speaker: Optional[Speaker] = None
    text: str
    start: int
    end: int


class Token(_Model):
    """One token with its analysis (``--linguistic``); fields are null when the engine has none."""

    i: int
    start: int
    end: int
    text: str
    lemma: Optional[str] = None
    upos: Optional[str] = None
    xpos: Optional[str] = None
    morph: Optional[str] = None
    head: Optional[int] = Field(None, description="i of the syntactic head; a root points to itself")
    dep: Optional[str] = None
    sent: int = 0


class DocumentRecord(_Model):
    """Everything warta extracted from one document."""

    schema_version: str = SCHEMA_VERSION
    id: str
    text: Optional[str] = Field(None, description="The input text, when requested")
    entities: list[Entity] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    persons: list[Person] = Field(default_factory=list)
    institutions: list[Institution] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    provinces: list[Province] = Field(default_factory=list)
    regions: list[Region] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    tokens: Optional[list[Token]] = Field(None, description="Tokens with lemma/UPOS/head, when requested (--linguistic)")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=False)

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)


class ErrorRecord(_Model):
    """A document that could not be processed, with where it came from and why."""

    id: Optional[str] = None
    source: Optional[str] = None
    line: Optional[int] = Field(None, description="Line (JSONL, text) or row (CSV, Parquet) number, 1-based")
    reason: str
    error: str = Field(description="Short machine-readable error kind, e.g. 'empty_text', 'invalid_json'")

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def document_json_schema() -> dict[str, Any]:
    schema = DocumentRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://warta.invalid/schema/document-{SCHEMA_VERSION}.json"
    return schema


def _mention(text: str, start: int, end: int, offset: int) -> Mention:
    return Mention(start=start + offset, end=end + offset, text=text[start:end])


def _jurisdiction(code: Optional[str]) -> Optional[Jurisdiction]:
    if not code:
        return None
    from warta.gazetteer import load_desa, load_gazetteer, load_kecamatan

    region = load_gazetteer().get(code)
    if region is not None:
        return Jurisdiction(code=region.code, name=region.name, level=region.level)
    area = load_kecamatan().get(code) if len(code) <= 8 else load_desa().get(code)
    if area is not None:
        return Jurisdiction(code=area.code, name=area.name, level=area.level)
    return None


def doc_to_record(doc: Doc, doc_id: str, *, offset: int = 0, include_text: bool = False, linguistic: bool = False) -> DocumentRecord:
    """Turn a Doc processed by warta's pipeline into a ``DocumentRecord``.

    ``offset`` is added to every character offset (used when a long text is processed in pieces);
    ``linguistic`` adds the tokens with their analysis.
    """
    register_extensions()
    text = doc.text
    entities = [
        Entity(
            start=ent.start_char + offset,
            end=ent.end_char + offset,
            text=ent.text,
            label=ent.label_,
            coarse=COARSE_CLASS.get(ent.label_, "MISC"),
            kb_id=ent.kb_id_ or None,
        )
        for ent in doc.ents
    ]

    institutions = [
        Institution(
            id=inst["id"],
            name=inst["name"],
            acronym=inst.get("acronym"),
            kind=inst.get("kind") or "other",
            region=_jurisdiction(inst.get("region")),
            mentions=[_mention(text, s, e, offset) for s, e in inst["mentions"]],
        )
        for inst in doc._.warta_institutions or []
    ]

    officials = [
        Official(
            name=off["name"],
            title=off["title"],
            jurisdiction=_jurisdiction(off.get("jurisdiction")),
            kecamatan=_jurisdiction(off.get("kecamatan")),
            desa=_jurisdiction(off.get("desa")),
            institution=InstitutionRef(**off["institution"]) if off.get("institution") else None,
            former=bool(off.get("former")),
            mentions=[_mention(text, s, e, offset) for s, e in off["mentions"]],
        )
        for off in doc._.warta_officials or []
    ]

    persons = [
        Person(
            name=p["name"],
            official=bool(p.get("official")),
            mentions=[_mention(text, s, e, offset) for s, e in p["mentions"]],
        )
        for p in doc._.warta_persons or []
    ]
    organizations = [
        Organization(
            name=o["name"],
            kind=o.get("kind"),
            mentions=[_mention(text, s, e, offset) for s, e in o["mentions"]],
        )
        for o in doc._.warta_organizations or []
    ]

    provinces: dict[str, Province] = {}
    regions: dict[str, Region] = {}
    if SPANS_REGIONS in doc.spans:
        from warta.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
        for span in doc.spans[SPANS_REGIONS]:
            region = gazetteer.get(span.kb_id_)
            if region is None:
                continue
            mention = Mention(start=span.start_char + offset, end=span.end_char + offset, text=span.text)
            if region.level == "provinsi":
                provinces.setdefault(region.code, Province(code=region.code, name=region.name)).mentions.append(mention)
            else:
                regions.setdefault(
                    region.code,
                    Region(code=region.code, name=region.name, level=region.level, province_code=region.province_code),
                ).mentions.append(mention)

    quotes = [
        Quote(
            speaker=Speaker(name=q["speaker"]) if q.get("speaker") else None,
            text=text[q["start"] : q["end"]],
            start=q["start"] + offset,
            end=q["end"] + offset,
        )
        for q in doc._.warta_quotes or []
    ]

    return DocumentRecord(
        id=doc_id,
        text=text if include_text else None,
        entities=entities,
        officials=officials,
        persons=persons,
        institutions=institutions,
        organizations=organizations,
        provinces=sorted(provinces.values(), key=lambda p: p.mentions[0].start),
        regions=sorted(regions.values(), key=lambda r: r.mentions[0].start),
        quotes=quotes,
        tokens=[Token(**t) for t in linguistic_tokens(doc, offset=offset)] if linguistic else None,
    )
