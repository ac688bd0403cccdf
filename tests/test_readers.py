"""warta.readers: every input becomes a document or an error record, in a deterministic order."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.readers import (
    InputDocument,
    InputError,
    ReadOptions,
    decode_bytes,
    iter_documents,
    resolve_inputs,
)
from warta.record import ErrorRecord


def items(paths, **kwargs):
    return list(iter_documents([str(p) for p in paths], **kwargs))


def docs(found):
    return [i for i in found if isinstance(i, InputDocument)]


def errors(found):
    return [i for i in found if isinstance(i, ErrorRecord)]


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_text_file_is_one_document_named_by_stem(tmp_path):
    (tmp_path / "berita-1.txt").write_text("Gubernur Jawa Barat berkata.", encoding="utf-8")
    [doc] = items([tmp_path / "berita-1.txt"])
    assert (doc.id, doc.text, doc.source, doc.line, doc.warnings) == (
        "berita-1", "Gubernur Jawa Barat berkata.", str(tmp_path / "berita-1.txt"), None, [])


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zz", encoding="utf-8")
    (tmp_path / "a" / "y.txt").write_text("yy", encoding="utf-8")
    write_jsonl(tmp_path / "a" / "x.jsonl", [{"id": "j1", "text": "jj"}])
    (tmp_path / "a" / "notes.md").write_text("skipped", encoding="utf-8")
    (tmp_path / ".hidden" / "h.txt").write_text("skipped", encoding="utf-8")
    (tmp_path / "c.txt.gz").write_bytes(gzip.compress(b"gz text"))
    assert [d.id for d in docs(items([tmp_path]))] == ["j1", "y", "z", "c"]


def test_jsonl_fields_ids_and_line_numbers(tmp_path):
    path = write_jsonl(tmp_path / "arsip.jsonl", [
        {"id": "a", "text": "satu"},
        "",
        {"text": "tanpa id"},
        {"id": 7, "text": "angka"},
    ])
    found = items([path])
    assert [(d.id, d.text, d.line) for d in docs(found)] == [("a", "satu", 1), ("arsip:3", "tanpa id", 3), ("7", "angka", 4)]
    custom = write_jsonl(tmp_path / "custom.jsonl", [{"kode": "k1", "isi": "teks"}])
    [doc] = items([custom], id_field="kode", text_field="isi")
    assert (doc.id, doc.text) == ("k1", "teks")


def test_jsonl_bad_lines_are_error_records(tmp_path):
    path = write_jsonl(tmp_path / "bad.jsonl", [
        "{not json",
        "[1, 2]",
        {"id": "no-text"},
        {"id": "empty", "text": "   "},
        {"id": "num", "text": 42},
        {"id": "ok", "text": "baik"},
    ])
    path.write_bytes(path.read_bytes() + b'{"id": "torn", "te')  # a truncated last line
    found = items([path])
    assert [(e.error, e.line, e.id) for e in errors(found)] == [
        ("invalid_json", 1, None), ("not_an_object", 2, None), ("missing_text", 3, "no-text"),
        ("empty_text", 4, "empty"), ("invalid_text", 5, "num"), ("invalid_json", 7, None),
    ]
    assert all(e.source == str(path) and e.reason for e in errors(found))
    assert [d.id for d in docs(found)] == ["ok"]


def test_csv_columns_rows_and_missing_text(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text('id,judul,text\n1,A,"baris\npanjang"\n2,B\n3,C,\n,D,tanpa id\n', encoding="utf-8")
    found = items([path])
    assert [(d.id, d.text, d.line) for d in docs(found)] == [("1", "baris\npanjang", 1), ("data:4", "tanpa id", 4)]
    assert [(e.error, e.line, e.id) for e in errors(found)] == [("missing_text", 2, "2"), ("empty_text", 3, "3")]
    other = tmp_path / "other.csv"
    other.write_text("kode,isi\nk,teks\n", encoding="utf-8")
    [doc] = items([other], text_column="isi", id_column="kode")
    assert (doc.id, doc.text) == ("k", "teks")


def test_csv_without_text_column_is_unusable(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("id,body\n1,x\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text column 'text'"):
        resolve_inputs([path])


def test_parquet_input(tmp_path):
    path = tmp_path / "arsip.parquet"
    pq.write_table(pa.table({"id": ["a", None, "c"], "text": ["satu", "dua", None]}), path)
    found = items([path])
    assert [(d.id, d.text, d.line) for d in docs(found)] == [("a", "satu", 1), ("arsip:2", "dua", 2)]
    assert [(e.error, e.line) for e in errors(found)] == [("missing_text", 3)]
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "nocol.parquet")
    with pytest.raises(InputError, match="no text column"):
        resolve_inputs([tmp_path / "nocol.parquet"])


def test_gzip_jsonl_and_text(tmp_path):
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "gz"}\n'))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress("teks gzip".encode()))
    (tmp_path / "broken.jsonl.gz").write_bytes(b"not gzip at all")
    found = items([tmp_path / "a.jsonl.gz", tmp_path / "b.txt.gz", tmp_path / "broken.jsonl.gz"])
    assert [(d.id, d.text) for d in docs(found)] == [("g1", "gz"), ("b", "teks gzip")]
    assert [e.error for e in errors(found)] == ["read_error"]


def test_non_utf8_is_decoded_with_fallback_and_flagged(tmp_path):
    (tmp_path / "lama.txt").write_bytes("Kafe di Bandung – “enak”".encode("cp1252"))
    path = tmp_path / "mixed.jsonl"
    path.write_bytes('{"id": "u", "text": "utf ✓"}\n'.encode() + b'{"id": "c", "text": "caf\xe9"}\n')
    found = items([tmp_path / "lama.txt", path])
    assert [d.text for d in docs(found)] == ["Kafe di Bandung – “enak”", "utf ✓", "café"]
    assert [[w.error for w in d.warnings] for d in docs(found)] == [["warning:non_utf8"], [], ["warning:non_utf8"]]
    assert docs(found)[2].warnings[0].line == 2


def test_decode_bytes():
    assert decode_bytes("\ufeffteks".encode("utf-8")) == ("teks", False)
    assert decode_bytes(b"\x81\x93x\x94") == ("\x81“x”", True)  # 0x81 is undefined in cp1252: read as Latin-1
    assert decode_bytes(b"\xe9", "latin-1") == ("é", True)


def test_binary_file_is_one_error(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "data.jsonl").write_bytes(b"\x00\x01\x02" * 100)
    found = items([tmp_path / "image.txt", tmp_path / "data.jsonl"])
    assert [(e.error, e.line) for e in found] == [("binary_file", None), ("binary_file", None)]


def test_unusable_inputs_raise(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        resolve_inputs([tmp_path / "missing.txt"])
    (tmp_path / "data.xlsx").write_bytes(b"x")
    with pytest.raises(InputError, match="unknown input type"):
        resolve_inputs([tmp_path / "data.xlsx"])
    with pytest.raises(InputError):
        ReadOptions(on_duplicate_id="merge")
    with pytest.raises(InputError):
        ReadOptions(fallback_encoding="no-such-codec")


def test_format_in_overrides_extension(tmp_path):
    path = write_jsonl(tmp_path / "data.log", [{"id": "x", "text": "t"}])
    assert [d.id for d in docs(items([path], format_in="jsonl"))] == ["x"]


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Teks dari stdin".encode())))
    [doc] = items(["-"])
    assert (doc.id, doc.text, doc.source) == ("stdin", "Teks dari stdin", "-")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s1", "text": "a"}\n{"text": "b"}\n')))
    assert [d.id for d in docs(items(["-"], format_in="jsonl"))] == ["s1", "stdin:2"]


def test_duplicate_ids_are_reported_or_renamed(tmp_path):
    path = write_jsonl(tmp_path / "dup.jsonl", [{"id": "a", "text": "1"}, {"id": "a", "text": "2"}, {"id": "a#2", "text": "3"},
                                               {"id": "a", "text": "4"}])
    found = items([path])
    assert [i.id for i in found] == ["a", "a", "a#2", "a"]
    assert [type(i).__name__ for i in found] == ["InputDocument", "ErrorRecord", "InputDocument", "ErrorRecord"]
    assert errors(found)[0].error == "duplicate_id" and errors(found)[0].line == 2
    renamed = items([path], on_duplicate_id="rename")
    # streaming: a later literal "a#2" is itself a duplicate by then
    assert [(d.id, d.text) for d in renamed] == [("a", "1"), ("a#2", "2"), ("a#2#2", "3"), ("a#3", "4")]
    assert [w.error for d in renamed for w in d.warnings] == ["warning:duplicate_id_renamed"] * 3


def test_html_files_are_passed_as_bytes(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "page.html").write_bytes(b"<html><body><p>Berita</p></body></html>")
    [doc] = items([tmp_path / "page.html"])
    assert doc.html and isinstance(doc.text, bytes) and doc.id == "page"


# ---------------------------------------------------------------------------------------- properties

json_values = st.one_of(st.none(), st.integers(), st.text(max_size=20), st.booleans())
jsonl_lines = st.lists(
    st.one_of(
        st.fixed_dictionaries({"id": st.text(min_size=1, max_size=12), "text": st.text(max_size=60)}),
        st.dictionaries(st.sampled_from(["id", "text", "other"]), json_values, max_size=3),
        # No NUL: a NUL byte makes the whole file binary (one binary_file error, tested separately).
        st.text(alphabet=st.characters(blacklist_characters="\n\r\x00", blacklist_categories=("Cs",)), min_size=1, max_size=30),
    ),
    max_size=25,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=jsonl_lines)
def test_every_jsonl_line_yields_exactly_one_item(tmp_path, lines):
    path = tmp_path / "prop.jsonl"
    raw = [line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines]
    path.write_text("".join(r + "\n" for r in raw), encoding="utf-8")
    found = list(iter_documents([path], on_duplicate_id="rename"))
    # Blank means ASCII whitespace only (as the reader sees bytes); "\x1f" is a malformed line, not a blank one.
    nonblank = [n for n, r in enumerate(raw, start=1) if r.encode("utf-8").strip()]
    assert [i.line for i in found] == nonblank
    for item in found:
        original = raw[item.line - 1]
        if isinstance(item, InputDocument):
            obj = json.loads(original)
            assert item.text == obj["text"] and item.text.strip()
    ids = [d.id for d in docs(found)]
    assert len(ids) == len(set(ids))


csv_cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(csv_cells, csv_cells), max_size=20))
def test_csv_rows_round_trip(tmp_path, rows):
    path = tmp_path / "prop.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows(rows)
    found = list(iter_documents([path], on_duplicate_id="rename"))
    assert len(found) == len(rows)
    for number, ((doc_id, text), item) in enumerate(zip(rows, found), start=1):
        assert item.line == number
        if text.strip():
            assert isinstance(item, InputDocument) and item.text == text
            expected = doc_id or f"prop:{number}"
            assert item.id == expected or (item.id.startswith(expected + "#") and item.warnings)
        else:
            assert isinstance(item, ErrorRecord) and item.error == "empty_text"
