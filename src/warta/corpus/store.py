"""The corpus database: document records loaded into DuckDB, one transaction per batch.

    >>> from warta.corpus import build_corpus
    >>> build_corpus(["out.jsonl"], "corpus.duckdb")            # a new database
    >>> build_corpus(["more/"], "corpus.duckdb", append=True)    # add records, ids kept

Tables (``TABLES``; the schema version is in ``schema_version``):

- ``documents(doc_id, source, published, n_chars, content_hash, ...)``: one row per record;
  a record whose ``doc_id`` and content hash are already loaded is skipped, so loading the same
  records again changes nothing; the same ``doc_id`` with other content replaces the old one.
- ``persons(person_id, name, aliases, n_docs, first_seen, last_seen)``, ``document_persons`` (one
  row per person per document), ``person_mentions(doc_id, person_id, name, text, start, end)``,
  ``person_links`` (every identity decision with its evidence, see ``warta.corpus.identity``).
- ``offices(person_id, title, jurisdiction_code, institution_id, first_seen, last_seen, n_docs, ...)``
  aggregated from ``office_mentions`` (one row per official per document).
- ``institutions(institution_id, name, acronym, kind, region_code, n_docs)`` by catalog id,
  ``institution_mentions``, ``place_mentions(doc_id, code, level, name, text, start, end)``,
  ``quotes(doc_id, person_id, speaker, text, start, end)``, and ``events`` from records that have
  them (schema 1.1).

Each batch is read, resolved and written inside one transaction: an exception rolls the
database back to where it was before the batch, and the resolver is reloaded from it.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from warta.corpus.identity import Item, Key, Link, OfficeRef, Profile, Resolver, document_items, name_key
from warta.corpus.sources import ReadCounts, iter_records

SCHEMA_VERSION = "1.0"
DEFAULT_BATCH = 1000

# table -> (column, DuckDB type); the Arrow schema of each batch follows from the same list
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [("doc_id", "VARCHAR"), ("source", "VARCHAR"), ("published", "DATE"), ("n_chars", "INTEGER"),
                  ("content_hash", "VARCHAR"), ("record_schema", "VARCHAR"), ("provinces", "VARCHAR[]"),
                  ("regions", "VARCHAR[]")],
    "persons": [("person_id", "INTEGER"), ("name", "VARCHAR"), ("aliases", "VARCHAR[]"), ("n_docs", "INTEGER"),
                ("first_seen", "DATE"), ("last_seen", "DATE")],
    "document_persons": [("doc_id", "VARCHAR"), ("person_id", "INTEGER"), ("name", "VARCHAR"), ("official", "BOOLEAN")],
    "person_mentions": [("doc_id", "VARCHAR"), ("person_id", "INTEGER"), ("name", "VARCHAR"), ("text", "VARCHAR"),
                        ("start", "INTEGER"), ("end", "INTEGER")],
    "person_links": [("person_id", "INTEGER"), ("doc_id", "VARCHAR"), ("name", "VARCHAR"), ("decision", "VARCHAR"),
                     ("matched_name", "VARCHAR"), ("candidate_id", "INTEGER"), ("score", "DOUBLE"), ("evidence", "VARCHAR")],
    "office_mentions": [("doc_id", "VARCHAR"), ("person_id", "INTEGER"), ("name", "VARCHAR"), ("title", "VARCHAR"),
                        ("jurisdiction_code", "VARCHAR"), ("jurisdiction_name", "VARCHAR"), ("level", "VARCHAR"),
                        ("kecamatan_code", "VARCHAR"), ("desa_code", "VARCHAR"), ("institution_id", "VARCHAR"),
                        ("former", "BOOLEAN")],
    "offices": [("person_id", "INTEGER"), ("title", "VARCHAR"), ("jurisdiction_code", "VARCHAR"),
                ("jurisdiction_name", "VARCHAR"), ("level", "VARCHAR"), ("kecamatan_code", "VARCHAR"),
                ("desa_code", "VARCHAR"), ("institution_id", "VARCHAR"), ("first_seen", "DATE"), ("last_seen", "DATE"),
                ("n_docs", "INTEGER"), ("former", "BOOLEAN")],
    "institutions": [("institution_id", "VARCHAR"), ("name", "VARCHAR"), ("acronym", "VARCHAR"), ("kind", "VARCHAR"),
                     ("region_code", "VARCHAR"), ("n_docs", "INTEGER")],
    "institution_mentions": [("doc_id", "VARCHAR"), ("institution_id", "VARCHAR"), ("text", "VARCHAR"),
                             ("start", "INTEGER"), ("end", "INTEGER")],
    "place_mentions": [("doc_id", "VARCHAR"), ("code", "VARCHAR"), ("level", "VARCHAR"), ("name", "VARCHAR"),
                       ("text", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER")],
    "quotes": [("doc_id", "VARCHAR"), ("person_id", "INTEGER"), ("speaker", "VARCHAR"), ("text", "VARCHAR"),
               ("start", "INTEGER"), ("end", "INTEGER")],
    "events": [("doc_id", "VARCHAR"), ("type", "VARCHAR"), ("person_id", "INTEGER"), ("person_name", "VARCHAR"),
               ("initials", "VARCHAR"), ("institution_id", "VARCHAR"), ("amount", "BIGINT"), ("amount_kind", "VARCHAR"),
               ("amount_text", "VARCHAR"), ("date", "DATE"), ("sentence_years", "INTEGER"),
               ("sentence_months", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER")],
}
# per-document tables: what a replaced document loses
DOCUMENT_TABLES = ("documents", "document_persons", "person_mentions", "office_mentions", "institution_mentions",
                   "place_mentions", "quotes", "events")
_LOCAL_CODE = re.compile(r"^\d\d\.\d\d\.\d\d(\.\d{4})?$")


class CorpusError(ValueError):
    """A database that cannot be built or opened as asked."""


@dataclass
class BuildSummary:
    read: int = 0
    loaded: int = 0
    unchanged: int = 0
    replaced: int = 0
    skipped_errors: int = 0
    batches: int = 0
    new_persons: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        rate = f", {self.read / self.seconds:.0f} records/s" if self.seconds > 0 else ""
        return (f"read {self.read}, loaded {self.loaded}, unchanged {self.unchanged}, replaced {self.replaced}, "
                f"error records skipped {self.skipped_errors}, new persons {self.new_persons}{rate}")


def _quote(column: str) -> str:
    return f'"{column}"'


def create_schema(con: Any) -> None:
    for table, columns in TABLES.items():
        body = ", ".join(f"{_quote(c)} {t}" for c, t in columns)
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version VARCHAR, warta_version VARCHAR, created_at TIMESTAMP)")
    if not con.execute("SELECT count(*) FROM schema_version").fetchone()[0]:
        from warta import __version__

        con.execute("INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [SCHEMA_VERSION, __version__])


def schema_of(con: Any) -> Optional[str]:
    """The schema version of an open corpus database, or None when it has none."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_version" not in tables:
        return None
    row = con.execute("SELECT version FROM schema_version LIMIT 1").fetchone()
    return row[0] if row else None


def connect(db: Union[str, Path], *, read_only: bool = False) -> Any:
    """An open DuckDB connection to a corpus database, its schema version checked."""
    import duckdb

    if read_only and not Path(db).exists():
        raise CorpusError(f"{db}: no such corpus database (build it with `warta corpus build`)")
    con = duckdb.connect(str(db), read_only=read_only)
    version = schema_of(con)
    if version is None and read_only:
        con.close()
        raise CorpusError(f"{db}: not a warta corpus database")
    if version is not None and version != SCHEMA_VERSION:
        con.close()
        raise CorpusError(f"{db}: corpus schema {version}; this warta reads {SCHEMA_VERSION} (rebuild it)")
    return con


def content_hash(record: dict[str, Any]) -> str:
    """A hash of a record's content, the same whether it was read from JSONL or Parquet."""
    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v not in (None, [], {})}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    text = json.dumps(clean(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _published(record: dict[str, Any]) -> Optional[str]:
    value = record.get("published")
    if isinstance(value, dict):
        value = value.get("value") or value.get("date")
    return str(value)[:10] if value else None


def _code(value: Optional[dict[str, Any]]) -> Optional[str]:
    return value.get("code") if value else None


def _local_level(code: str) -> str:
    if len(code) == 8:
        return "kecamatan"
    return "kelurahan" if code[9] == "1" else "desa"


def document_provinces(record: dict[str, Any]) -> list[str]:
    """The provinces a record is about: named, holding a named kabupaten/kota, or of an office."""
    codes = {p["code"] for p in record.get("provinces") or []}
    codes.update(r["province_code"] for r in record.get("regions") or [])
    codes.update(_code(o.get("jurisdiction"))[:2] for o in record.get("officials") or [] if _code(o.get("jurisdiction")))
    return sorted(codes)


@dataclass
class _Rows:
    """The rows of one batch, table by table."""

    tables: dict[str, list[tuple]] = field(default_factory=lambda: {name: [] for name in TABLES})

    def add(self, table: str, *row: Any) -> None:
        self.tables[table].append(row)


def _person_of(name: Optional[str], by_name: dict[str, int], by_key: dict[Key, int]) -> Optional[int]:
    """The person of a document a name (speaker, event person) refers to."""
    if not name:
        return None
    if name in by_name:
        return by_name[name]
    key = name_key(name)
    if key in by_key:
        return by_key[key]
    matches = {pid for k, pid in by_key.items() if set(key) <= set(k) or set(k) <= set(key)}
    return matches.pop() if len(matches) == 1 else None


def record_rows(rows: _Rows, source: str, record: dict[str, Any], digest: str, links: list[Link],
                items: list[Item], provinces: list[str]) -> None:
    """Append the rows of one resolved record to ``rows``."""
    doc_id = str(record["id"])
    text = record.get("text")
    rows.add("documents", doc_id, source, _published(record), len(text) if text else None, digest,
             record.get("schema_version"), provinces, sorted(r["code"] for r in record.get("regions") or []))
    by_name = {link.name: link.person_id for link in links}
    by_key = {item.key: link.person_id for item, link in zip(items, links)}
    officials = {o["name"] for o in record.get("officials") or []}
    mentions: dict[str, dict[int, dict]] = {}
    for entry in (record.get("persons") or []) + (record.get("officials") or []):
        for m in entry.get("mentions") or []:
            mentions.setdefault(entry["name"], {}).setdefault(m["start"], m)
    for link in links:
        rows.add("document_persons", doc_id, link.person_id, link.name, link.name in officials)
        rows.add("person_links", link.person_id, doc_id, link.name, link.decision, link.matched_name,
                 link.candidate_id, link.score, link.evidence)
        for start, m in sorted(mentions.get(link.name, {}).items()):
            rows.add("person_mentions", doc_id, link.person_id, link.name, m["text"], start, m["end"])
    for off in record.get("officials") or []:
        jurisdiction = off.get("jurisdiction") or {}
        institution = off.get("institution") or None
        rows.add("office_mentions", doc_id, by_name.get(off["name"]), off["name"], off.get("title"),
                 jurisdiction.get("code"), jurisdiction.get("name"), jurisdiction.get("level"),
                 _code(off.get("kecamatan")), _code(off.get("desa")), institution["id"] if institution else None,
                 bool(off.get("former")))
        if institution:
            rows.add("institutions", institution["id"], institution.get("name"), institution.get("acronym"), None, None, 0)
    for inst in record.get("institutions") or []:
        rows.add("institutions", inst["id"], inst.get("name"), inst.get("acronym"), inst.get("kind"),
                 _code(inst.get("region")), 0)
        for m in inst.get("mentions") or []:
            rows.add("institution_mentions", doc_id, inst["id"], m["text"], m["start"], m["end"])
    for kind in ("provinces", "regions"):
        for place in record.get(kind) or []:
            level = place.get("level") or "provinsi"
            for m in place.get("mentions") or []:
                rows.add("place_mentions", doc_id, place["code"], level, place.get("name"), m["text"], m["start"], m["end"])
    for ent in record.get("entities") or []:
        code = ent.get("kb_id")
        if ent.get("label") == "LOCATION" and code and _LOCAL_CODE.match(code):
            rows.add("place_mentions", doc_id, code, _local_level(code), None, ent["text"], ent["start"], ent["end"])
    for quote in record.get("quotes") or []:
        speaker = (quote.get("speaker") or {}).get("name")
        rows.add("quotes", doc_id, _person_of(speaker, by_name, by_key), speaker, quote["text"], quote["start"], quote["end"])
    for event in record.get("events") or []:
        person = (event.get("person") or {}).get("name")
        amount = event.get("amount") or {}
        sentence = event.get("sentence") if isinstance(event.get("sentence"), dict) else {}
        body = event.get("institution") or {}
        if body.get("id"):
            rows.add("institutions", body["id"], body.get("name"), body.get("acronym"), None, None, 0)
        rows.add("events", doc_id, event.get("type"), _person_of(person, by_name, by_key), person, event.get("initials"),
                 body.get("id"), amount.get("value"), amount.get("kind"), amount.get("text"),
                 event.get("date"), sentence.get("years"), sentence.get("months"), event.get("start"), event.get("end"))


def _arrow_type(sql_type: str) -> Any:
    import pyarrow as pa

    return {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(),
            "BOOLEAN": pa.bool_(), "DATE": pa.string(), "VARCHAR[]": pa.list_(pa.string())}[sql_type]


def insert_rows(con: Any, table: str, rows: list[tuple], where: str = "") -> None:
    """Insert rows (tuples in ``TABLES`` column order) through an Arrow table; dates as ISO text."""
    import pyarrow as pa

    if not rows:
        return
    columns = TABLES[table]
    arrays = [pa.array([row[i] for row in rows], type=_arrow_type(t)) for i, (_, t) in enumerate(columns)]
    batch = pa.Table.from_arrays(arrays, names=[c for c, _ in columns])
    con.register("_batch", batch)
    try:
        select = ", ".join(f"TRY_CAST({_quote(c)} AS DATE)" if t == "DATE" else _quote(c) for c, t in columns)
        con.execute(f"INSERT INTO {table} SELECT {select} FROM _batch {where}")
    finally:
        con.unregister("_batch")


def load_resolver(con: Any) -> Resolver:
    """The resolver state of a corpus database: one profile per person, rebuilt from its tables."""
    next_id = con.execute("SELECT coalesce(max(person_id), 0) + 1 FROM person_links").fetchone()[0]
    resolver = Resolver(next_id)
    profiles: dict[int, Profile] = {}

    def profile(pid: int) -> Profile:
        return profiles.setdefault(pid, Profile(pid))

    for pid, name in con.execute("SELECT DISTINCT person_id, name FROM document_persons ORDER BY ALL").fetchall():
        key = name_key(name)
        if key:
            profile(pid).names.setdefault(key, name)
    for pid, title, jur, kec, desa, inst in con.execute(
            "SELECT DISTINCT person_id, title, jurisdiction_code, kecamatan_code, desa_code, institution_id "
            "FROM office_mentions WHERE person_id IS NOT NULL").fetchall():
        profile(pid).offices.add(OfficeRef(title or "", jur, kec, desa, inst))
    for pid, provinces, regions, first, last in con.execute(
            "SELECT dp.person_id, flatten(list(d.provinces)), flatten(list(d.regions)), min(d.published)::VARCHAR, "
            "max(d.published)::VARCHAR FROM document_persons dp JOIN documents d USING (doc_id) GROUP BY dp.person_id").fetchall():
        p = profile(pid)
        p.provinces.update(provinces or [])
        p.regions.update(regions or [])
        p.first, p.last = first, last
    for pid, names in con.execute(
            "SELECT a.person_id, list(DISTINCT b.name) FROM document_persons a JOIN document_persons b "
            "ON a.doc_id = b.doc_id AND a.person_id <> b.person_id GROUP BY a.person_id").fetchall():
        profile(pid).co_names.update(k for k in map(name_key, names) if len(k) >= 2)
    for pid in sorted(profiles):
        if profiles[pid].names:
            resolver.add_profile(profiles[pid])
    return resolver


_PERSONS_SQL = """
INSERT INTO persons
WITH names AS (
    SELECT dp.person_id, dp.name, count(*) AS n, min(d.published) AS first_seen, max(d.published) AS last_seen
    FROM document_persons dp JOIN documents d USING (doc_id)
    WHERE dp.person_id IN (SELECT person_id FROM _affected)
    GROUP BY dp.person_id, dp.name)
SELECT person_id, arg_max(name, [n, length(name)]), list(name ORDER BY n DESC, length(name) DESC, name),
       sum(n)::INTEGER, min(first_seen), max(last_seen)
FROM names GROUP BY person_id
"""
_OFFICES_SQL = """
INSERT INTO offices
SELECT om.person_id, om.title, om.jurisdiction_code, any_value(om.jurisdiction_name), any_value(om.level),
       om.kecamatan_code, om.desa_code, om.institution_id, min(d.published), max(d.published),
       count(DISTINCT om.doc_id)::INTEGER, bool_and(om.former)
FROM office_mentions om JOIN documents d USING (doc_id)
WHERE om.person_id IN (SELECT person_id FROM _affected)
GROUP BY om.person_id, om.title, om.jurisdiction_code, om.kecamatan_code, om.desa_code, om.institution_id
"""
_INSTITUTIONS_SQL = """
UPDATE institutions SET n_docs = (SELECT count(DISTINCT doc_id) FROM institution_mentions m
                                  WHERE m.institution_id = institutions.institution_id)
WHERE institution_id IN (SELECT institution_id FROM _touched)
"""


class CorpusBuilder:
    """Loads batches of records into an open corpus database (see the module docs)."""

    def __init__(self, con: Any, *, fail_hook: Optional[Callable[[str], None]] = None) -> None:
        self.con = con
        create_schema(con)
        self.resolver = load_resolver(con)
        self.summary = BuildSummary()
        # called before each table is written; tests raise from it to simulate a crash mid-batch
        self.fail_hook = fail_hook

    def load_batch(self, batch: list[tuple[str, dict[str, Any]]]) -> None:
        """Resolve and write one batch in one transaction; on any error roll back and re-raise."""
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            counts = self._load(batch)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            self.resolver = load_resolver(con)
            raise
        for name, value in counts.items():
            setattr(self.summary, name, getattr(self.summary, name) + value)
        self.summary.batches += 1

    def _load(self, batch: list[tuple[str, dict[str, Any]]]) -> dict[str, int]:
        import pyarrow as pa

        con = self.con
        digests = [content_hash(record) for _, record in batch]
        ids = [str(record["id"]) for _, record in batch]
        con.register("_ids", pa.table({"doc_id": ids}))
        try:
            known = dict(con.execute("SELECT doc_id, content_hash FROM documents WHERE doc_id IN (SELECT doc_id FROM _ids)").fetchall())
        finally:
            con.unregister("_ids")
        fresh = [(s, r, d) for (s, r), d in zip(batch, digests) if known.get(str(r["id"])) != d]
        replaced = [str(r["id"]) for _, r, _ in fresh if str(r["id"]) in known]
        affected: set[int] = set()
        if replaced:
            affected |= self._delete_documents(replaced)
            self.resolver = load_resolver(con)
        rows = _Rows()
        first_new = self.resolver.next_id
        for source, record, digest in fresh:
            provinces = document_provinces(record)
            items = document_items(record, provinces, _published(record))
            links = self.resolver.resolve_document(items)
            affected.update(link.person_id for link in links)
            record_rows(rows, source, record, digest, links, items, provinces)
        for table, table_rows in rows.tables.items():
            if self.fail_hook:
                self.fail_hook(table)
            if table == "institutions":
                self._insert_institutions(table_rows)
            elif table not in ("persons", "offices"):
                insert_rows(con, table, table_rows)
        self._refresh(affected, {r[1] for r in rows.tables["institution_mentions"]})
        return {"read": len(batch), "loaded": len(fresh), "unchanged": len(batch) - len(fresh),
                "replaced": len(replaced), "new_persons": self.resolver.next_id - first_new}

    def _delete_documents(self, doc_ids: list[str]) -> set[int]:
        import pyarrow as pa

        con = self.con
        con.register("_gone", pa.table({"doc_id": doc_ids}))
        try:
            persons = {r[0] for r in con.execute(
                "SELECT DISTINCT person_id FROM document_persons WHERE doc_id IN (SELECT doc_id FROM _gone)").fetchall()}
            for table in DOCUMENT_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT doc_id FROM _gone)")
        finally:
            con.unregister("_gone")
        return persons

    def _insert_institutions(self, rows: list[tuple]) -> None:
        first: dict[str, tuple] = {}
        for row in rows:  # the first full description of an id wins (official refs have no kind)
            if row[0] not in first or (first[row[0]][3] is None and row[3] is not None):
                first[row[0]] = row
        insert_rows(self.con, "institutions", list(first.values()),
                    "WHERE institution_id NOT IN (SELECT institution_id FROM institutions)")

    def _refresh(self, persons: set[int], institutions: set[str]) -> None:
        """Recompute the aggregate rows (persons, offices, institution counts) the batch touched."""
        import pyarrow as pa

        con = self.con
        con.register("_affected", pa.table({"person_id": pa.array(sorted(persons), type=pa.int32())}))
        con.register("_touched", pa.table({"institution_id": pa.array(sorted(institutions), type=pa.string())}))
        try:
            for table, sql in (("persons", _PERSONS_SQL), ("offices", _OFFICES_SQL)):
                if self.fail_hook:
                    self.fail_hook(table)
                con.execute(f"DELETE FROM {table} WHERE person_id IN (SELECT person_id FROM _affected)")
                con.execute(sql)
            con.execute(_INSTITUTIONS_SQL)
        finally:
            con.unregister("_affected")
            con.unregister("_touched")


def batches(records: Iterable[tuple[str, dict[str, Any]]], size: int) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Batches of at most ``size`` records; a doc_id repeated inside a batch starts the next one."""
    batch: list[tuple[str, dict[str, Any]]] = []
    ids: set[str] = set()
    for source, record in records:
        doc_id = str(record["id"])
        if len(batch) >= size or doc_id in ids:
            yield batch
            batch, ids = [], set()
        batch.append((source, record))
        ids.add(doc_id)
    if batch:
        yield batch


def build_corpus(paths: Iterable[Union[str, Path]], db: Union[str, Path], *, append: bool = False,
                 overwrite: bool = False, batch_size: int = DEFAULT_BATCH,
                 progress: Optional[Callable[[BuildSummary], None]] = None) -> BuildSummary:
    """Load the records in ``paths`` (JSONL, JSONL.gz, Parquet files or folders) into ``db``.

    A new database needs neither flag; an existing one needs ``append=True`` (add records, keep
    every id) or ``overwrite=True`` (start again).
    """
    db = Path(db)
    if db.exists() and not (append or overwrite):
        raise CorpusError(f"{db} exists: pass --append to add records to it, or --overwrite to rebuild it")
    if db.exists() and overwrite and not append:
        db.unlink()
        Path(f"{db}.wal").unlink(missing_ok=True)
    counts = ReadCounts()
    started = time.perf_counter()
    con = connect(db)
    try:
        builder = CorpusBuilder(con)
        for batch in batches(iter_records(paths, counts), batch_size):
            builder.load_batch(batch)
            if progress:
                builder.summary.seconds = time.perf_counter() - started
                progress(builder.summary)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    summary = builder.summary
    summary.skipped_errors = counts.errors
    summary.seconds = time.perf_counter() - started
    return summary
