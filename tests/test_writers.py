"""warta.writers: each format round-trips records and resumes from a checkpoint."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.frames import to_frame
from warta.record import DocumentRecord
from warta.writers import (
    CsvWriter,
    JsonlWriter,
    JsonWriter,
    OutputError,
    ParquetWriter,
    arrow_schema,
    format_for_path,
    open_writer,
)


def record(i: int, text: str = "Gubernur Jawa Barat Arman Sutedja") -> DocumentRecord:
    return DocumentRecord.model_validate({
        "id": f"d{i}",
        "text": None,
        "entities": [
            {"start": 0, "end": 8, "text": "Gubernur", "label": "PERSON", "coarse": "PER", "kb_id": None},
            {"start": 9, "end": 19, "text": "Jawa Barat", "label": "PROVINCE", "coarse": "LOC", "kb_id": "32"},
        ][: i % 3],
        "officials": [{"name": "Arman Sutedja", "title": "Gubernur",
                       "jurisdiction": {"code": "32", "name": "Jawa Barat", "level": "provinsi"},
                       "institution": None, "mentions": [{"start": 0, "end": 33, "text": text}]}] if i % 2 else [],
        "provinces": [{"code": "32", "name": "Jawa Barat", "mentions": [{"start": 9, "end": 19, "text": "Jawa Barat"}]}],
    })


RECORDS = [record(i) for i in range(7)]


def test_format_for_path():
    assert [format_for_path(p) for p in ("-", "a.jsonl", "a.json", "a.csv", "a.parquet", "outdir")] == [
        "jsonl", "json", "csv", "parquet", "parquet", "jsonl"][:1] + ["jsonl", "json", "csv", "parquet", "jsonl"]
    assert format_for_path("outdir", "parquet") == "parquet"
    with pytest.raises(OutputError):
        format_for_path("a.xlsx")
    with pytest.raises(OutputError):
        open_writer("-", "parquet")
    with pytest.raises(OutputError, match="--kind"):
        open_writer("-", "jsonl", kind="officials")


def test_jsonl_lines_are_record_to_json(tmp_path):
    path = tmp_path / "out.jsonl"
    with open_writer(path) as writer:
        writer.write_many(RECORDS[:3])
        writer.write(RECORDS[3].to_dict())
    assert path.read_text(encoding="utf-8").splitlines() == [r.to_json() for r in RECORDS[:4]]


def test_json_array_file_and_stream(tmp_path):
    path = tmp_path / "out.json"
    with open_writer(path) as writer:
        writer.write_many(RECORDS)
        assert not path.exists()  # renamed into place on close
    assert json.loads(path.read_text(encoding="utf-8")) == [r.to_dict() for r in RECORDS]
    assert not (tmp_path / "out.json.warta-staging.jsonl").exists()
    stream = io.StringIO()
    with JsonWriter(stream) as writer:
        writer.write_many(RECORDS[:2])
    assert json.loads(stream.getvalue()) == [r.to_dict() for r in RECORDS[:2]]
    empty = io.StringIO()
    JsonWriter(empty).close()
    assert json.loads(empty.getvalue()) == []


def test_csv_rows_are_entities(tmp_path):
    path = tmp_path / "out.csv"
    with open_writer(path) as writer:
        for r in RECORDS:
            writer.write(r)
            writer.checkpoint()
    frame = pd.read_csv(path, dtype={"kb_id": str})
    expected = to_frame(RECORDS, kind="entities")
    assert list(frame.columns) == ["doc_id", "start", "end", "text", "label", "coarse", "kb_id"]
    assert frame["doc_id"].tolist() == expected["doc_id"].tolist()
    assert frame["kb_id"].fillna("").tolist() == expected["kb_id"].fillna("").tolist()
    officials = tmp_path / "officials.csv"
    with open_writer(officials, kind="officials") as writer:
        writer.write_many(RECORDS)
    assert pd.read_csv(officials)["name"].tolist() == ["Arman Sutedja"] * 3


def test_parquet_documents_nested_round_trip(tmp_path):
    path = tmp_path / "out.parquet"
    with open_writer(path, rows_per_file=3) as writer:
        for r in RECORDS:
            writer.write(r)
            writer.checkpoint()
    table = pq.read_table(path)
    assert table.schema.equals(arrow_schema("documents"))
    assert [DocumentRecord.model_validate(row) for row in table.to_pylist()] == RECORDS
    assert not (tmp_path / "out.parquet.warta-parts").exists()


def test_parquet_flat_kind_and_empty_output(tmp_path):
    with open_writer(tmp_path / "ents.parquet", kind="entities") as writer:
        writer.write_many(RECORDS)
    frame = pd.read_parquet(tmp_path / "ents.parquet")
    assert len(frame) == len(to_frame(RECORDS, kind="entities"))
    with open_writer(tmp_path / "empty.parquet", kind="officials"):
        pass
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0
    with pytest.raises(OutputError):
        open_writer(tmp_path / "x.parquet", kind="nope")


def test_parquet_dataset_directory_checkpoints_per_part(tmp_path):
    out = tmp_path / "dataset"
    writer = ParquetWriter(out, rows_per_file=3)
    states = []
    for r in RECORDS:
        writer.write(r)
        states.append(writer.checkpoint())
    assert states == [None, None, {"parts": 1}, None, None, {"parts": 2}, None]
    writer.abort()
    assert sorted(p.name for p in out.iterdir()) == ["part-000000.parquet", "part-000001.parquet"]
    (out / "part-000002.parquet").write_bytes(b"a part written after the last checkpoint")
    resumed = ParquetWriter(out, rows_per_file=3, resume_state={"parts": 1})
    resumed.write_many(RECORDS[3:])
    resumed.close()
    assert pd.read_parquet(out)["id"].tolist() == [r.id for r in RECORDS]


def test_jsonl_and_csv_resume_cut_back_to_the_checkpoint(tmp_path):
    for cls, path in ((JsonlWriter, tmp_path / "out.jsonl"), (CsvWriter, tmp_path / "out.csv")):
        writer = cls(path)
        writer.write_many(RECORDS[:3])
        state = writer.checkpoint()
        writer.write_many(RECORDS[3:5])
        writer.checkpoint()
        writer.abort()
        with open(path, "ab") as handle:
            handle.write(b'{"schema_version": "1.0", "id": "tor')  # a torn line
        resumed = cls(path, resume_state=state)
        resumed.write_many(RECORDS[3:])
        resumed.close()
        fresh = tmp_path / f"fresh{path.suffix}"
        with cls(fresh) as writer:
            writer.write_many(RECORDS)
        assert path.read_bytes() == fresh.read_bytes()


def test_resume_state_larger_than_file_is_refused(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot resume"):
        JsonlWriter(path, resume_state={"size": 100})


texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ids=st.lists(texts, max_size=8), quote=texts)
def test_any_text_round_trips_through_every_format(tmp_path, ids, quote):
    records = [DocumentRecord(id=doc_id, text=quote,
                              quotes=[{"speaker": {"name": doc_id}, "text": quote, "start": 0, "end": len(quote)}])
               for doc_id in ids]
    for name in ("r.jsonl", "r.json", "r.parquet"):
        with open_writer(tmp_path / name) as writer:
            writer.write_many(records)
    jsonl = [json.loads(line) for line in (tmp_path / "r.jsonl").read_bytes().split(b"\n") if line]
    assert jsonl == [r.to_dict() for r in records]
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8")) == [r.to_dict() for r in records]
    assert pq.read_table(tmp_path / "r.parquet").to_pylist() == [r.to_dict() for r in records]
    with open_writer(tmp_path / "q.csv", kind="quotes") as writer:
        writer.write_many(records)
    frame = pd.read_csv(tmp_path / "q.csv", dtype=str, keep_default_na=False)
    assert frame["text"].tolist() == [quote] * len(records)
