"""Querying a corpus database: ``warta.Corpus``, every answer a pandas DataFrame.

    >>> import warta
    >>> corpus = warta.Corpus("corpus.duckdb")
    >>> corpus.officials(province="Sumsel", title="Gubernur")   # office holders
    >>> deru = corpus.person("Herman Deru")                      # .persons .offices .documents .quotes .timeline
    >>> corpus.institution("kpk")                                # .info .documents .officials .events
    >>> corpus.sql("SELECT title, count(*) FROM offices GROUP BY title")

Places are given as a name, a press alias or a Kemendagri code ("Sumsel", "Sumatera Selatan",
"16"; "Kota Medan", "12.71"), resolved with warta's gazetteer. Titles match case-insensitively
and may hold ``%`` wildcards ("%Gubernur" also finds "Wakil Gubernur").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Sequence, Union

import pandas as pd

from warta.corpus.identity import PART, name_key, name_similarity
from warta.corpus.store import CorpusError, connect

_CODE = re.compile(r"^\d\d(\.\d\d){0,2}(\.\d{4})?$")


def place_code(place: str, *, level: Optional[str] = None) -> str:
    """The Kemendagri code of a place given as code, name or press alias ("Sumsel" → "16").

    ``level="provinsi"`` only accepts a province. An unknown or ambiguous name raises CorpusError.
    """
    place = place.strip()
    if _CODE.match(place):
        return place
    from warta.gazetteer import load_gazetteer

    regions = load_gazetteer().candidates(place)
    if level:
        regions = [r for r in regions if (r.level == "provinsi") == (level == "provinsi")]
    if not regions:
        raise CorpusError(f"unknown {'province' if level == 'provinsi' else 'place'}: {place!r}")
    provinces = [r for r in regions if r.level == "provinsi"]
    if len(provinces) == 1 and level == "provinsi":
        return provinces[0].code
    if len({r.code for r in regions}) > 1 and not provinces:
        names = ", ".join(f"{r.name} ({r.code})" for r in regions)
        raise CorpusError(f"{place!r} names several places: {names}; give the code")
    return regions[0].code


@dataclass
class PersonRecord:
    """Everything the corpus holds about the persons matching a name."""

    persons: pd.DataFrame  # person_id, name, aliases, n_docs, first_seen, last_seen
    offices: pd.DataFrame
    documents: pd.DataFrame  # one row per document: published, name as written, titles there
    quotes: pd.DataFrame

    @property
    def timeline(self) -> pd.DataFrame:
        """Documents in time order (undated last), with the offices each gives the person."""
        return self.documents.sort_values(["published", "doc_id"], na_position="last").reset_index(drop=True)


@dataclass
class InstitutionRecord:
    info: pd.DataFrame
    documents: pd.DataFrame
    officials: pd.DataFrame
    events: pd.DataFrame


class Corpus:
    """A corpus database opened for queries (read-only unless ``read_only=False``)."""

    def __init__(self, db: Union[str, Path], *, read_only: bool = True) -> None:
        self.path = Path(db)
        self.con = connect(db, read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Corpus":
        return self

    def __exit__(self, *_: Any) -> None:
        self.close()

    def sql(self, query: str, params: Optional[Sequence[Any]] = None) -> pd.DataFrame:
        """Any SQL over the corpus tables, as a DataFrame."""
        return self.con.execute(query, params or []).df()

    def officials(self, province: Optional[str] = None, title: Optional[str] = None,
                  region: Optional[str] = None) -> pd.DataFrame:
        """Office holders: one row per person and office, with when the documents show it held."""
        where, params = ["TRUE"], []
        if province:
            code = place_code(province, level="provinsi")
            where.append("(o.jurisdiction_code = ? OR o.jurisdiction_code LIKE ?)")
            params += [code, code + ".%"]
        if region:
            code = place_code(region)
            where.append("(o.jurisdiction_code = ? OR o.jurisdiction_code LIKE ? OR o.kecamatan_code LIKE ? OR o.desa_code LIKE ?)")
            params += [code, code + ".%", code + "%", code + "%"]
        if title:
            where.append("o.title ILIKE ?")
            params.append(title)
        return self.sql(f"""
            SELECT o.person_id, p.name, o.title, o.jurisdiction_code, o.jurisdiction_name, o.level,
                   o.kecamatan_code, o.desa_code, o.institution_id, i.name AS institution_name,
                   o.first_seen, o.last_seen, o.n_docs, o.former
            FROM offices o JOIN persons p USING (person_id)
            LEFT JOIN institutions i USING (institution_id)
            WHERE {' AND '.join(where)}
            ORDER BY o.jurisdiction_code NULLS LAST, o.title, o.first_seen NULLS LAST, p.name""", params)

    def find_persons(self, name: str) -> pd.DataFrame:
        """Persons one of whose names matches ``name`` best (same name, or one part of it)."""
        key = name_key(name)
        if not key:
            return self.sql("SELECT * FROM persons WHERE FALSE")
        tokens = [t for t in name.split() if len(t) >= 3] or name.split()
        clause = " OR ".join("list_aggregate(aliases, 'string_agg', ' ') ILIKE ?" for _ in tokens)
        found = self.sql(f"SELECT * FROM persons WHERE {clause} ORDER BY person_id", [f"%{t}%" for t in tokens])
        if found.empty and name.strip().isdigit():
            return self.sql("SELECT * FROM persons WHERE person_id = ?", [int(name)])
        scores = [max((name_similarity(key, name_key(a))[0] for a in aliases), default=0.0) for aliases in found["aliases"]]
        found["match"] = scores
        best = max(scores, default=0.0)
        return found[(found["match"] == best) & (found["match"] >= PART)].drop(columns="match").reset_index(drop=True)

    def person(self, name: Union[str, int]) -> PersonRecord:
        """Offices, documents and quotes of the person(s) named ``name`` (or with that person_id)."""
        if isinstance(name, int):
            persons = self.sql("SELECT * FROM persons WHERE person_id = ?", [name])
        else:
            persons = self.find_persons(name)
        ids = [int(i) for i in persons["person_id"]] or [-1]
        marks = ", ".join("?" for _ in ids)
        offices = self.sql(f"SELECT * FROM offices WHERE person_id IN ({marks}) ORDER BY person_id, first_seen NULLS LAST, title", ids)
        documents = self.sql(f"""
            SELECT dp.person_id, dp.doc_id, d.published, dp.name AS name_written, d.source,
                   list(DISTINCT om.title || coalesce(' ' || om.jurisdiction_name, '')) FILTER (WHERE om.title IS NOT NULL) AS offices,
                   (SELECT count(*) FROM quotes q WHERE q.doc_id = dp.doc_id AND q.person_id = dp.person_id) AS n_quotes
            FROM document_persons dp JOIN documents d USING (doc_id)
            LEFT JOIN office_mentions om ON om.doc_id = dp.doc_id AND om.person_id = dp.person_id
            WHERE dp.person_id IN ({marks})
            GROUP BY ALL ORDER BY d.published NULLS LAST, dp.doc_id""", ids)
        quotes = self.sql(f"""
            SELECT q.person_id, q.doc_id, d.published, q.speaker, q.text FROM quotes q JOIN documents d USING (doc_id)
            WHERE q.person_id IN ({marks}) ORDER BY d.published NULLS LAST, q.doc_id, q.start""", ids)
        return PersonRecord(persons, offices, documents, quotes)

    def institution(self, institution: str) -> InstitutionRecord:
        """An institution by catalog id ("kpk", "kejari:12.71"), name or acronym."""
        info = self.sql("SELECT * FROM institutions WHERE institution_id = ?", [institution])
        if info.empty:
            info = self.sql("SELECT * FROM institutions WHERE name ILIKE ? OR acronym ILIKE ? ORDER BY n_docs DESC",
                            [institution, institution])
        ids = list(info["institution_id"]) or [""]
        marks = ", ".join("?" for _ in ids)
        documents = self.sql(f"""
            SELECT m.institution_id, m.doc_id, d.published, count(*) AS n_mentions, list(DISTINCT m.text) AS written
            FROM institution_mentions m JOIN documents d USING (doc_id)
            WHERE m.institution_id IN ({marks}) GROUP BY ALL ORDER BY d.published NULLS LAST, m.doc_id""", ids)
        officials = self.sql(f"""
            SELECT o.person_id, p.name, o.title, o.institution_id, o.first_seen, o.last_seen, o.n_docs
            FROM offices o JOIN persons p USING (person_id)
            WHERE o.institution_id IN ({marks}) ORDER BY o.first_seen NULLS LAST, p.name""", ids)
        events = self.sql(f"SELECT * FROM events WHERE institution_id IN ({marks}) ORDER BY date NULLS LAST, doc_id", ids)
        return InstitutionRecord(info, documents, officials, events)
