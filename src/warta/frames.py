"""pandas DataFrames from document records: one row per extracted item, keyed by ``doc_id``."""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Union

import pandas as pd

from warta.record import DocumentRecord

KINDS = ("entities", "officials", "persons", "institutions", "organizations", "provinces", "regions", "quotes")

_COLUMNS: dict[str, list[str]] = {
    "entities": ["doc_id", "start", "end", "text", "label", "coarse", "kb_id"],
    "officials": [
        "doc_id", "name", "title", "jurisdiction_code", "jurisdiction_name", "jurisdiction_level",
        "kecamatan_code", "kecamatan_name", "desa_code", "desa_name", "institution_id", "institution_name", "institution_acronym", "former", "n_mentions", "first_start",
    ],
    "persons": ["doc_id", "name", "official", "n_mentions", "first_start"],
    "institutions": ["doc_id", "id", "name", "acronym", "kind", "region_code", "region_name", "n_mentions", "first_start"],
    "organizations": ["doc_id", "name", "kind", "n_mentions", "first_start"],
    "provinces": ["doc_id", "code", "name", "n_mentions", "first_start"],
    "regions": ["doc_id", "code", "name", "level", "province_code", "n_mentions", "first_start"],
    "quotes": ["doc_id", "speaker", "text", "start", "end"],
}


def _flatten(kind: str, doc_id: str, item: Mapping[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"doc_id": doc_id}
    for key, value in item.items():
        if key == "mentions":
            row["n_mentions"] = len(value)
            row["first_start"] = value[0]["start"] if value else None
        elif key in ("jurisdiction", "kecamatan", "desa", "institution", "region"):
            prefix = "region" if key == "region" else key
            for sub in ("code", "name", "level", "id", "acronym"):
                if f"{prefix}_{sub}" in _COLUMNS[kind]:
                    row[f"{prefix}_{sub}"] = value.get(sub) if value else None
        elif key == "speaker":
            row["speaker"] = value["name"] if value else None
        else:
            row[key] = value
    return row


def to_frame(
    records: Iterable[Union[DocumentRecord, Mapping[str, Any]]], kind: str = "officials"
) -> pd.DataFrame:
    """One DataFrame row per item of ``kind`` across all ``records`` (records or their dicts).

    ``kind`` is one of entities, officials, persons, institutions, organizations, provinces,
    regions, quotes.
    """
    if kind not in _COLUMNS:
        raise ValueError(f"unknown kind {kind!r}; choose one of: {', '.join(KINDS)}")
    rows = []
    for record in records:
        data = record.to_dict() if isinstance(record, DocumentRecord) else record
        for item in data.get(kind) or []:
            rows.append(_flatten(kind, data["id"], item))
    frame = pd.DataFrame(rows, columns=_COLUMNS[kind])
    return frame
