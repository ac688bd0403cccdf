"""The document record: schema, offsets, JSON, DataFrames; and robustness on arbitrary input."""

import json

import jsonschema
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warta
from warta.record import document_json_schema

ARTICLE = (
    "PONTIANAK, Warta — Gubernur Kalimantan Barat Arman Sutedja meminta Pemprov Kalbar dan "
    "Kejaksaan Tinggi Kalimantan Barat mengawasi dana desa. “Tidak boleh ada kebocoran,” ujar Arman. "
    "Komisi Pemberantasan Korupsi (KPK) ikut memantau. Kepala Dinas PUPR Kota Pontianak, Budi Rahardjo, "
    "mengatakan proyek selesai Desember."
)


def all_offsets(record: dict):
    for ent in record["entities"]:
        yield ent
    for key in ("officials", "persons", "institutions", "organizations", "provinces", "regions"):
        for item in record[key]:
            yield from item["mentions"]


def test_record_validates_against_schema_and_offsets_are_valid(extractor):
    record = extractor.extract(ARTICLE, id="a1").to_dict()
    jsonschema.validate(record, document_json_schema())
    for mention in all_offsets(record):
        assert ARTICLE[mention["start"] : mention["end"]] == mention["text"]
    for quote in record["quotes"]:
        assert ARTICLE[quote["start"] : quote["end"]] == quote["text"]
    assert record["schema_version"] == warta.record.SCHEMA_VERSION
    assert {p["code"] for p in record["provinces"]} == {"61"}
    assert any(i["id"] == "kpk" for i in record["institutions"])


def test_record_json_round_trip(extractor):
    record = extractor.extract(ARTICLE, id="a1")
    again = warta.DocumentRecord.model_validate(json.loads(record.to_json()))
    assert again == record


def test_frames_have_one_row_per_item(extractor):
    records = list(extractor.extract_many([("a1", ARTICLE), ("a2", "Tidak ada berita hari ini.")]))
    officials = warta.to_frame(records, kind="officials")
    assert set(officials.doc_id) == {"a1"}
    assert "Arman Sutedja" in set(officials.name)
    assert officials.loc[officials.name == "Arman Sutedja", "jurisdiction_code"].item() == "61"
    assert warta.to_frame(records, kind="provinces").shape[0] == 1
    with pytest.raises(ValueError):
        warta.to_frame(records, kind="nope")


def test_extract_frame_marks_bad_rows_without_raising(extractor):
    frame = pd.DataFrame({"text": [ARTICLE, None, ""]})
    out = extractor.extract_frame(frame, text_col="text")
    assert out.loc[1, "error"] and out.loc[0, "error"] is None
    assert out.loc[0, "provinces"][0]["code"] == "61"
    assert out.loc[2, "officials"] == []


def test_non_string_text_is_a_clear_error(extractor):
    with pytest.raises(TypeError, match="must be a str"):
        extractor.extract(None)


def test_committed_schema_matches_the_model():
    from importlib import resources

    committed = json.loads(resources.files("warta").joinpath("schema/document.schema.json").read_text(encoding="utf-8"))
    assert committed == document_json_schema()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300) | st.text(alphabet=st.sampled_from(list("“”\"(),.— \nKPUGubernur Jatim Riau Kota Malang ")), max_size=200))
def test_any_unicode_input_gives_valid_offsets(extractor, text):
    record = extractor.extract(text).to_dict()
    for mention in all_offsets(record):
        assert 0 <= mention["start"] <= mention["end"] <= len(text)
        assert text[mention["start"] : mention["end"]] == mention["text"]
    for quote in record["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]


def test_linguistic_tokens_with_the_spacy_engine(nlp):
    text = "Gubernur Jawa Timur hadir.\n\nBupati Sleman juga."
    record = warta.Extractor(model=nlp, linguistic=True).extract(text).to_dict()
    tokens = record["tokens"]
    assert all(text[t["start"] : t["end"]] == t["text"] for t in tokens)
    assert "\n\n" not in [t["text"] for t in tokens]  # whitespace tokens are left out
    assert [t["sent"] for t in tokens][-1] == 1
    assert warta.Extractor(model=nlp).extract(text).tokens is None


def test_village_office_fills_the_desa_of_the_record(rules_extractor):
    record = rules_extractor.extract("Di Kabupaten Gowa, Kepala Desa Pattallassang Sirajuddin tidak hadir.")
    official = next(o for o in record.officials if o.name == "Sirajuddin")
    assert (official.desa.code, official.desa.name, official.desa.level) == ("73.06.13.2005", "Pattallassang", "desa")
    assert official.kecamatan.code == "73.06.13" and official.jurisdiction.code == "73.06"
    frame = warta.to_frame([record], kind="officials")
    assert frame.loc[frame["name"] == "Sirajuddin", "desa_code"].item() == "73.06.13.2005"
