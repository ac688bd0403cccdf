"""The corpus database: building, reruns, appends, crashes, identities across documents, queries, CLI."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.corpus import Corpus, build_corpus
from warta.corpus.evaluation import evaluate_identity, score_identities
from warta.corpus.identity import name_key, name_similarity, strip_titles
from warta.corpus.sources import RecordInputError
from warta.corpus.store import SCHEMA_VERSION, TABLES, CorpusBuilder, CorpusError, batches, connect

ROOT = Path(__file__).resolve().parents[1]

# Fictional persons, sentences written for this test.
ARTICLES = [
    ("a1", "PALEMBANG, Warta — Kapolda Sumatera Selatan Irjen Pol. Drs. Gunadi Prasetya Wirabumi, M.Si. memimpin "
           "penggerebekan gudang sabu di Palembang. \"Kami kejar pemasoknya,\" kata Gunadi."),
    ("a2", "PALEMBANG, Warta — Gubernur Sumatera Selatan Dr. H. Gunadi Prasetya Wirabumi, S.H., M.M. meresmikan jalan "
           "provinsi di Lahat. \"Petani kopi butuh jalan yang baik,\" ujar Gunadi."),
    ("a3", "BANYUMAS, Warta — Kepala Desa Margasana, Kecamatan Jatilawang, Kabupaten Banyumas, Suparman, meresmikan "
           "sumur bor desa. \"Warga tidak perlu membeli air lagi,\" kata Suparman."),
    ("a4", "KLATEN, Warta — Kepala Desa Jambakan, Kecamatan Bayat, Kabupaten Klaten, Suparman, membuka pasar gerabah. "
           "\"Perajin kami siap menerima wisatawan,\" kata Suparman."),
    ("a5", "BANGKINANG, Warta — Bupati Kampar Abdul Wahid meminta warga bantaran sungai mengungsi. "
           "\"Keselamatan warga nomor satu,\" ujar Abdul Wahid. Kepala Pelaksana BPBD Kabupaten Kampar Yusran Hadi "
           "menyiapkan tenda pengungsian."),
    ("a6", "MAKASSAR, Warta — Ekonom Universitas Hasanuddin, Abdul Wahid, menilai inflasi Kota Makassar masih terkendali. "
           "\"Harga cabai perlu diawasi,\" kata Abdul Wahid."),
    ("a7", "PALEMBANG, Warta — Gubernur Sumsel Gunadi Prasetya Wirabumi meminta stok beras dijaga menjelang Ramadan. "
           "Kepala Perum Bulog Sumatera Selatan Yusran Hadi menyebut stok cukup."),
]


@pytest.fixture(scope="module")
def records(extractor):
    return [r.to_dict() for r in extractor.extract_many(ARTICLES)]


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}
    finally:
        con.close()


def persons_by_doc(db: Path) -> dict[tuple[str, str], int]:
    con = connect(db, read_only=True)
    try:
        return {(d, n): p for d, n, p in con.execute("SELECT doc_id, name, person_id FROM document_persons").fetchall()}
    finally:
        con.close()


def person_of(persons: dict[tuple[str, str], int], doc: str, word: str) -> int:
    [pid] = [p for (d, n), p in persons.items() if d == doc and word in n]
    return pid


# ----------------------------------------------------------------------------------------- names

def test_titles_and_spellings_reduce_to_one_key():
    assert strip_titles("Dr. H. Herman Deru, S.H., M.M.") == ["Herman", "Deru"]
    assert strip_titles("Irjen Pol. Drs. Soejono Djatmiko") == ["Soejono", "Djatmiko"]
    assert name_key("Irjen Pol. Drs. Soejono Djatmiko") == name_key("Suyono Jatmiko")
    assert name_key("Moh. Fadil Lubis") == name_key("Muhammad Fadhil Lubis")
    assert name_key("Bang Rizal") == name_key("Rizal")


def test_name_similarity_orders_evidence():
    full = name_key("Herman Deru Saputra")
    same = name_similarity(full, name_key("H. Herman Deru Saputra, S.E."))[0]
    inside = name_similarity(full, name_key("Herman Deru"))[0]
    part = name_similarity(full, name_key("Deru"))[0]
    assert same > inside > part > 0
    assert name_similarity(name_key("Hendri Saputra"), name_key("Hendra Saputra"))[0] == 0
    assert name_similarity(name_key("Jokowi"), name_key("Joko Widodo"))[0] > 0  # a blend the press uses
    assert name_similarity(name_key("Muhammad"), name_key("Muhammad Yusuf"))[0] == 0  # too common alone


def test_pairwise_scores_count_pairs():
    gold = {"d1": [("Ana Putri", "ana"), ("Budi Karya", "budi")], "d2": [("Ana Putri", "ana")],
            "d3": [("Ana Putri", "ana2")]}
    system = {"d1": [("Ana Putri", 1), ("Budi Karya", 2)], "d2": [("Ana Putri", 1)], "d3": [("Ana Putri", 1)]}
    score = score_identities(gold, system, {"ana": "ana-putri", "ana2": "ana-putri"})
    # gold pairs: (d1 ana, d2 ana); predicted: the three Ana items together = 3 pairs, one right
    assert (score.gold_pairs, score.predicted_pairs, score.true_pairs) == (1, 3, 1)
    assert score.recall == 1.0 and round(score.precision, 3) == 0.333
    assert score.namesake_merges == ["person 1: namesakes ana-putri merged"]


# ----------------------------------------------------------------------------------------- build

def test_build_gives_the_tables(tmp_path, records):
    source = write_jsonl(tmp_path / "r.jsonl", records)
    summary = build_corpus([source], tmp_path / "c.duckdb")
    assert (summary.read, summary.loaded) == (len(ARTICLES), len(ARTICLES))
    con = connect(tmp_path / "c.duckdb", read_only=True)
    columns = {t: {r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()} for t in TABLES}
    assert {"doc_id", "source", "published", "n_chars"} <= columns["documents"]
    assert {"person_id", "name", "aliases", "n_docs"} <= columns["persons"]
    assert {"person_id", "title", "jurisdiction_code", "institution_id", "first_seen", "last_seen", "n_docs"} <= columns["offices"]
    assert {"doc_id", "type", "person_id", "institution_id", "amount", "date"} <= columns["events"]
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(ARTICLES)
    # every quote of a named speaker points at the speaker's person
    assert con.execute("SELECT count(*) FROM quotes WHERE speaker IS NOT NULL AND person_id IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM place_mentions WHERE code = '33.02.03.2005'").fetchone()[0] >= 1
    con.close()


def test_same_person_across_honorifics_and_offices_namesakes_apart(tmp_path, records):
    build_corpus([write_jsonl(tmp_path / "r.jsonl", records)], tmp_path / "c.duckdb")
    persons = persons_by_doc(tmp_path / "c.duckdb")
    # "Irjen Pol. Drs. … M.Si." Kapolda, "Dr. H. … S.H., M.M." Gubernur, plain "Gubernur Sumsel …": one person
    assert person_of(persons, "a1", "Gunadi") == person_of(persons, "a2", "Gunadi") == person_of(persons, "a7", "Gunadi")
    # two village heads named Suparman in two kabupaten; a bupati and an economist named Abdul Wahid
    assert person_of(persons, "a3", "Suparman") != person_of(persons, "a4", "Suparman")
    assert person_of(persons, "a5", "Abdul Wahid") != person_of(persons, "a6", "Abdul Wahid")
    con = connect(tmp_path / "c.duckdb", read_only=True)
    evidence = con.execute("SELECT evidence FROM person_links WHERE doc_id = 'a2' AND decision = 'merge'").fetchone()[0]
    assert "16" in evidence  # the shared province of the Kapolda and Gubernur offices is the evidence
    con.close()


def test_rerun_changes_nothing(tmp_path, records):
    source = write_jsonl(tmp_path / "r.jsonl", records)
    db = tmp_path / "c.duckdb"
    build_corpus([source], db)
    before = snapshot(db)
    summary = build_corpus([source], db, append=True)
    assert (summary.loaded, summary.unchanged) == (0, len(ARTICLES))
    assert snapshot(db) == before
    with pytest.raises(CorpusError, match="--append"):
        build_corpus([source], db)


def test_append_keeps_ids_and_joins_known_persons(tmp_path, records):
    db = tmp_path / "c.duckdb"
    build_corpus([write_jsonl(tmp_path / "a.jsonl", records[:4])], db)
    first = persons_by_doc(db)
    build_corpus([write_jsonl(tmp_path / "b.jsonl", records[4:])], db, append=True)
    after = persons_by_doc(db)
    assert {k: v for k, v in after.items() if k in first} == first
    assert person_of(after, "a7", "Gunadi") == person_of(first, "a1", "Gunadi")
    assert min(v for k, v in after.items() if k not in first and "Gunadi" not in k[1]) > max(first.values())


def test_changed_record_replaces_the_old_one(tmp_path, records):
    db = tmp_path / "c.duckdb"
    build_corpus([write_jsonl(tmp_path / "a.jsonl", records)], db)
    changed = dict(records[5], quotes=[])
    summary = build_corpus([write_jsonl(tmp_path / "b.jsonl", [changed])], db, append=True)
    assert summary.replaced == 1
    con = connect(db, read_only=True)
    assert con.execute("SELECT count(*) FROM quotes WHERE doc_id = 'a6'").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(ARTICLES)
    con.close()


def test_crash_mid_batch_leaves_the_database_as_before(tmp_path, records):
    db = tmp_path / "c.duckdb"
    build_corpus([write_jsonl(tmp_path / "a.jsonl", records[:3])], db)
    before = snapshot(db)

    def crash(table: str) -> None:
        if table == "quotes":  # documents, persons and mentions of the batch are written by now
            raise RuntimeError("simulated crash")

    con = connect(db)
    builder = CorpusBuilder(con, fail_hook=crash)
    with pytest.raises(RuntimeError, match="simulated"):
        builder.load_batch([("b.jsonl", r) for r in records[3:]])
    builder.fail_hook = None
    assert builder.resolver.next_id == max(persons_by_doc_con(con).values()) + 1
    con.close()
    assert snapshot(db) == before
    # the same records then load as in one clean run
    build_corpus([write_jsonl(tmp_path / "b.jsonl", records[3:])], db, append=True)
    clean = tmp_path / "clean.duckdb"
    build_corpus([write_jsonl(tmp_path / "a.jsonl", records[:3])], clean)
    build_corpus([tmp_path / "b.jsonl"], clean, append=True)
    assert persons_by_doc(db) == persons_by_doc(clean)


def persons_by_doc_con(con) -> dict[tuple[str, str], int]:
    return {(d, n): p for d, n, p in con.execute("SELECT doc_id, name, person_id FROM document_persons").fetchall()}


def test_batches_split_on_repeated_ids():
    rows = [("s", {"id": i}) for i in ("a", "b", "a", "c")]
    assert [[r["id"] for _, r in b] for b in batches(rows, 10)] == [["a", "b"], ["a", "c"]]


def test_parquet_and_gzip_inputs_hold_the_same_records(tmp_path, records):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from warta.dask import arrow_schema
    from warta.writers import open_writer

    db = tmp_path / "c.duckdb"
    with gzip.open(tmp_path / "r.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    assert build_corpus([tmp_path / "r.jsonl.gz"], db).loaded == len(ARTICLES)
    before = snapshot(db)
    # -f parquet part files, and the layout of a Dask run with a failed row
    with open_writer(tmp_path / "parts", "parquet", rows_per_file=3) as writer:
        writer.write_many(records)
    dask_dir = tmp_path / "dask"
    dask_dir.mkdir()
    rows = [dict(r, error=None, reason=None) for r in records]
    rows.append(dict(records[0], id="broken", error="empty_text", reason="empty text"))
    pq.write_table(pa.Table.from_pylist(rows[:4], schema=arrow_schema()), dask_dir / "part.0.parquet")
    pq.write_table(pa.Table.from_pylist(rows[4:], schema=arrow_schema()), dask_dir / "part.1.parquet")
    for folder in (tmp_path / "parts", dask_dir):
        summary = build_corpus([folder], db, append=True)
        assert (summary.read, summary.unchanged) == (len(ARTICLES), len(ARTICLES))
    assert summary.skipped_errors == 1
    assert snapshot(db) == before
    with pytest.raises(RecordInputError):
        build_corpus([tmp_path / "nothing-here"], tmp_path / "x.duckdb")


def test_events_load_when_records_have_them(tmp_path, records):
    record = dict(records[4], schema_version="1.1", published="2025-03-04", events=[{
        "type": "tersangka", "person": {"name": "Abdul Wahid"}, "initials": None,
        "institution": {"id": "kpk", "name": "Komisi Pemberantasan Korupsi", "acronym": "KPK"},
        "amount": {"value": 1_200_000_000, "kind": "kerugian_negara", "text": "Rp1,2 miliar", "start": 10, "end": 22},
        "sentence": None, "date": "2025-03-03", "start": 0, "end": 50}])
    db = tmp_path / "c.duckdb"
    build_corpus([write_jsonl(tmp_path / "r.jsonl", [record])], db)
    with Corpus(db) as corpus:
        events = corpus.sql("SELECT e.type, e.amount, e.date::VARCHAR AS date, p.name FROM events e JOIN persons p USING (person_id)")
        assert events.to_dict("records") == [{"type": "tersangka", "amount": 1_200_000_000, "date": "2025-03-03", "name": "Abdul Wahid"}]
        assert str(corpus.sql("SELECT published FROM documents")["published"][0])[:10] == "2025-03-04"
        assert len(corpus.institution("kpk").events) == 1


# ----------------------------------------------------------------------------------------- query

def test_corpus_queries(tmp_path, records):
    db = tmp_path / "c.duckdb"
    build_corpus([write_jsonl(tmp_path / "r.jsonl", records)], db)
    import warta

    assert warta.Corpus is Corpus
    with Corpus(db) as corpus:
        sumsel = corpus.officials(province="Sumsel")
        gunadi = sumsel[sumsel["name"].str.contains("Gunadi")]
        assert set(gunadi["title"]) == {"Kapolda", "Gubernur"} and gunadi["person_id"].nunique() == 1
        assert corpus.officials(province="16").equals(sumsel)
        assert set(corpus.officials(title="gubernur")["name"]) == {"Gunadi Prasetya Wirabumi"}
        assert set(corpus.officials(region="Banyumas")["name"]) == {"Suparman"}
        person = corpus.person("Gunadi")
        assert len(person.persons) == 1 and len(person.timeline) == 3 and len(person.quotes) == 2
        assert len(corpus.person("Suparman").persons) == 2  # namesakes: both, apart
        assert corpus.institution("polda:16").officials["name"].tolist() == ["Gunadi Prasetya Wirabumi"]
        assert corpus.sql("SELECT count(*) AS n FROM persons WHERE name = 'Abdul Wahid'")["n"][0] == 2
        with pytest.raises(CorpusError):
            corpus.officials(province="Atlantis")


# ------------------------------------------------------------------------------------------- CLI

def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_cli_corpus_commands(tmp_path, records):
    source = write_jsonl(tmp_path / "r.jsonl", records)
    db = str(tmp_path / "c.duckdb")
    built = invoke("corpus", "build", str(source), "--db", db)
    assert built.exit_code == 0 and f"loaded {len(ARTICLES)}" in built.stderr
    again = invoke("corpus", "build", str(source), "--db", db)
    assert again.exit_code == 2 and "--append" in again.stderr
    assert "loaded 0" in invoke("corpus", "build", str(source), "--db", db, "--append").stderr
    officials = invoke("corpus", "officials", "--province", "Sumsel", "-f", "csv", "--db", db)
    frame = pd.read_csv(pd.io.common.StringIO(officials.stdout))
    assert {"Kapolda", "Gubernur"} <= set(frame["title"])
    person = invoke("corpus", "person", "Gunadi Prasetya Wirabumi", "--db", db, "-f", "json")
    data = json.loads(person.stdout)
    assert {o["title"] for o in data["offices"]} == {"Kapolda", "Gubernur"} and len(data["timeline"]) == 3
    assert invoke("corpus", "person", "Nobody Here", "--db", db).exit_code == 2
    rows = json.loads(invoke("corpus", "sql", "SELECT count(*) AS n FROM documents", "--db", db, "-f", "json").stdout)
    assert rows == [{"n": len(ARTICLES)}]
    assert invoke("corpus", "sql", "SELECT * FROM nowhere", "--db", db).exit_code == 2
    assert invoke("corpus", "officials", "--db", str(tmp_path / "missing.duckdb")).exit_code == 2


def test_identity_test_set_scores(tmp_path, nlp):
    """The identity test set of corpus/identity: the figures the README reports."""
    score = evaluate_identity(ROOT / "corpus" / "identity", model=nlp, db=tmp_path / "identity.duckdb")
    assert score.items >= 60 and score.aligned == score.items
    assert score.f1 >= 0.95, score.errors
    assert score.namesake_merges == []
