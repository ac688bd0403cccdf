"""The Stanza engine end to end, offline, with the compact models committed in models/stanza.

Skipped only when the ``stanza`` extra is not installed (CI installs ``.[test,stanza]``).
"""

from __future__ import annotations

import json
import socket
from pathlib import Path
from types import SimpleNamespace

import pytest

stanza = pytest.importorskip("stanza")

import spacy  # noqa: E402

from warta.stanza_engine import (  # noqa: E402
    StanzaModelsNotFoundError,
    linguistic_tokens,
    load_stanza_pipeline,
    resolve_stanza_dir,
    stanza_to_doc,
)
from warta.syntax import appositive_pairs  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STANZA_DIR = ROOT / "models" / "stanza"
CORPUS = ROOT / "corpus"

TEXT = (
    "  Gubernur Kalimantan Barat Arman Sutedja meresmikan jembatan di Pontianak, Senin (3/6).\n\n"
    "Rina Widyastuti, Kepala Dinas Kesehatan Jawa Barat, mengatakan  vaksinasi dilanjutkan di ruang kerjanya.\t"
    "\"Kami siap,\" katanya. Bupati Sleman dan Wali Kota Yogyakarta hadir.  \n"
)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test: the engine must work offline."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def stanza_nlp():
    """Stanza analysis only (no warta components): tokenizer mapping and annotations."""
    return load_stanza_pipeline(stanza_dir=STANZA_DIR, use_stanza_ner=True, components=[])


@pytest.fixture(scope="session")
def stanza_extractor():
    import warta

    return warta.Extractor(engine="stanza", stanza_dir=STANZA_DIR)


# --------------------------------------------------------------------------- models on disk


def test_committed_models_are_complete_and_small():
    resources = json.loads((STANZA_DIR / "resources.json").read_text())
    assert "warta" in resources["id"]["tokenize"]
    sizes = {}
    for proc in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner", "pretrain"):
        path = STANZA_DIR / "id" / proc / "warta.pt"
        assert path.exists(), path
        sizes[proc] = path.stat().st_size
    assert sum(sizes.values()) < 30 * 1024 * 1024, sizes
    assert (STANZA_DIR / "MODEL_CARD.md").exists()


def test_missing_models_error_says_what_to_do(tmp_path):
    with pytest.raises(StanzaModelsNotFoundError) as info:
        load_stanza_pipeline(stanza_dir=tmp_path, components=[])
    message = str(info.value)
    assert "stanza-download" in message and "--stanza-dir" in message and str(tmp_path) in message


def test_default_directory_is_found_offline(monkeypatch):
    monkeypatch.delenv("STANZA_RESOURCES_DIR", raising=False)
    assert (resolve_stanza_dir() / "resources.json").exists()


def test_stanza_resources_dir_without_indonesian_models_falls_back(monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    assert resolve_stanza_dir() != tmp_path


# --------------------------------------------------------------------------- Stanza -> Doc


def test_text_offsets_and_whitespace_are_preserved(stanza_nlp):
    doc = stanza_nlp(TEXT)
    assert doc.text == TEXT
    for tok in doc:
        assert TEXT[tok.idx : tok.idx + len(tok.text)] == tok.text
    assert all(not t.text.strip() for t in doc if t.is_space)


def test_annotations_are_mapped(stanza_nlp):
    doc = stanza_nlp(TEXT)
    words = [t for t in doc if not t.is_space]
    assert all(t.pos_ for t in words)
    assert all(t.lemma_ for t in words)
    assert doc.has_annotation("DEP")
    assert len(list(doc.sents)) >= 3
    for sent in doc.sents:
        roots = [t for t in sent if t.dep_ == "ROOT"]
        assert len(roots) == 1
        assert all(sent.start <= t.head.i < sent.end for t in sent)
    by_text = {t.text: t for t in words}
    assert by_text["Gubernur"].pos_ in ("NOUN", "PROPN")
    assert by_text["meresmikan"].pos_ == "VERB"
    # "kerjanya" is a multi-word token: kerja + nya, both with their own analysis
    kerja = by_text["kerja"]
    assert kerja.nbor().text == "nya" and kerja.nbor().idx == kerja.idx + len("kerja")
    assert not kerja.whitespace_


def test_stanza_ner_sets_entities(stanza_nlp):
    doc = stanza_nlp(TEXT)
    labels = {e.label_ for e in doc.ents}
    assert labels <= {"PER", "ORG", "LOC"}
    assert labels, "the Stanza NER found no entity at all"
    for ent in doc.ents:
        assert TEXT[ent.start_char : ent.end_char] == ent.text


def test_empty_and_blank_texts(stanza_nlp):
    for text in ("", "   ", "\n\n"):
        doc = stanza_nlp(text)
        assert doc.text == text


def _fake_word(id, text, upos="NOUN", head=0, deprel="root", lemma=None):
    return SimpleNamespace(id=id, text=text, upos=upos, xpos=None, lemma=lemma or text.lower(), feats=None,
                           head=head, deprel=deprel)


def test_mapping_of_irregular_multiword_tokens_and_dropped_characters():
    # "satu-satunya" = satu + nya does not spell the token: it stays one token with its head
    # word's analysis; the zero-width character Stanza drops (offsets skip it) becomes a token.
    text = "satu-satunya\u200bJakarta"
    w1 = _fake_word(1, "satu", "NUM", 0, "root")
    w2 = _fake_word(2, "nya", "PRON", 1, "nmod:poss")
    w3 = _fake_word(3, "Jakarta", "PROPN", 1, "nmod")
    tok1 = SimpleNamespace(text="satu-satunya", start_char=0, end_char=12, words=[w1, w2])
    tok2 = SimpleNamespace(text="Jakarta", start_char=13, end_char=20, words=[w3])
    sdoc = SimpleNamespace(sentences=[SimpleNamespace(tokens=[tok1, tok2], words=[w1, w2, w3])], ents=[])
    doc = stanza_to_doc(spacy.blank("id").vocab, text, sdoc)
    assert doc.text == text
    assert [t.text for t in doc] == ["satu-satunya", "\u200b", "Jakarta"]
    assert doc[0].pos_ == "NUM" and doc[0].dep_ == "ROOT"
    assert doc[2].head.i == 0 and doc[2].dep_ == "nmod"


# --------------------------------------------------------------------------- linguistic output


def test_linguistic_tokens(stanza_nlp):
    doc = stanza_nlp(TEXT)
    toks = linguistic_tokens(doc, offset=100)
    assert toks and all(not t["text"].isspace() for t in toks)
    for t in toks:
        assert TEXT[t["start"] - 100 : t["end"] - 100] == t["text"]
        assert set(t) >= {"start", "end", "text", "lemma", "upos", "head", "dep"}
        assert 0 <= t["head"] < len(toks)
        assert toks[t["head"]]["sent"] == t["sent"]
    assert sum(t["dep"] == "root" for t in toks) == len({t["sent"] for t in toks})
    json.dumps(toks)


# --------------------------------------------------------------------------- warta on Stanza


def _check_offsets(text, data):
    for ent in data["entities"]:
        assert text[ent["start"] : ent["end"]] == ent["text"]
    for key in ("officials", "persons", "institutions", "organizations", "provinces", "regions"):
        for item in data[key]:
            for m in item["mentions"]:
                assert text[m["start"] : m["end"]] == m["text"], (key, m)
    for q in data["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]


def test_extractor_record_is_schema_valid_with_valid_offsets(stanza_extractor):
    jsonschema = pytest.importorskip("jsonschema")
    from warta import document_json_schema

    record = stanza_extractor.extract(TEXT, id="t1")
    data = record.to_dict()
    jsonschema.validate(data, document_json_schema())
    _check_offsets(TEXT, data)
    assert stanza_extractor.nlp.meta["warta_engine"] == "stanza"
    assert any(p["name"] == "Kalimantan Barat" or p["code"] == "61" for p in data["provinces"])


def test_extractor_stanza_ner_variant(tmp_path):
    import warta

    ex = warta.Extractor(engine="stanza", stanza_dir=STANZA_DIR, use_stanza_ner=True)
    assert ex.nlp.meta["ner"] == "stanza"
    data = ex.extract(TEXT).to_dict()
    _check_offsets(TEXT, data)


def test_extract_many_over_the_corpus(stanza_extractor):
    jsonschema = pytest.importorskip("jsonschema")
    from warta import document_json_schema

    texts = []
    for path in sorted((CORPUS / "articles").glob("*.txt"))[:3]:
        texts.append((path.stem, path.read_text(encoding="utf-8")))
    if not texts:
        texts = [("a", TEXT), ("b", "Wali Kota Surabaya hadir.")]
    schema = document_json_schema()
    for (doc_id, text), record in zip(texts, stanza_extractor.extract_many(texts)):
        data = record.to_dict()
        assert data["id"] == doc_id
        jsonschema.validate(data, schema)
        _check_offsets(text, data)


def test_appositive_pairs_on_the_stanza_parse(stanza_nlp):
    # the committed depparse model attaches both appositive orders as `appos`
    doc = stanza_nlp("Rina Widyastuti, Kepala Dinas Kesehatan Jawa Barat, mengatakan vaksinasi dilanjutkan.")
    assert [(p.text, t.text) for p, t in appositive_pairs(doc)] == [("Rina Widyastuti", "Kepala Dinas Kesehatan Jawa Barat")]
    doc = stanza_nlp("Hal itu disampaikan Kepala Dinas Pendidikan Kota Medan, Budi Santoso, di kantornya.")
    assert [(p.text, t.text) for p, t in appositive_pairs(doc)] == [("Budi Santoso", "Kepala Dinas Pendidikan Kota Medan")]


def test_officials_use_the_stanza_parse(stanza_extractor):
    # "Sukamaju" is no coded region; the parse, not the word order, shows who the village head is
    record = stanza_extractor.extract("Kepala Desa Sukamaju, Hendra Wijaya, mengatakan warga sudah siap.")
    assert [(o.name, o.title) for o in record.officials] == [("Hendra Wijaya", "Kepala Desa")]


def test_stanza_download_offline_says_what_to_do(tmp_path):
    from warta.stanza_engine import download_stanza_models

    with pytest.raises(RuntimeError, match="needs internet access") as info:
        download_stanza_models(tmp_path / "stanza")
    assert "--stanza-dir" in str(info.value)


def test_model_argument_spacy_pipeline_or_stanza_dir():
    nlp = load_stanza_pipeline(ROOT / "models" / "warta-id-news", stanza_dir=STANZA_DIR, components=[])
    assert nlp.meta["ner"] == "spacy" and nlp.meta["stanza_dir"] == str(STANZA_DIR)
    nlp = load_stanza_pipeline(STANZA_DIR, components=[], use_stanza_ner=True)
    assert nlp.meta["stanza_dir"] == str(STANZA_DIR) and nlp.meta["ner"] == "stanza"


def test_explicit_missing_spacy_model_is_an_error(tmp_path):
    from warta.pipeline import ModelNotFoundError

    with pytest.raises((ModelNotFoundError, OSError)):
        load_stanza_pipeline(tmp_path / "no-such-model", stanza_dir=STANZA_DIR, components=[])


def test_abbreviations_split_by_stanza_are_rejoined(stanza_nlp):
    # Stanza's small tokenizer splits "Pol." and breaks the sentence after it; warta's rules expect
    # the abbreviation as one token inside the sentence, as the spaCy engine gives it
    text = "Kapolda Lampung Irjen Pol. Rudi Hartanto Simorangkir mengatakan penangkapan itu. Ia hadir."
    doc = stanza_nlp(text)
    assert doc.text == text
    assert "Pol." in [t.text for t in doc]
    sents = [s.text for s in doc.sents]
    assert sents[0].startswith("Kapolda") and "Rudi Hartanto" in sents[0]
    assert sum(t.dep_ == "ROOT" for t in doc) == len(sents)


def test_linguistic_flag_adds_analysed_tokens_to_records(tmp_path):
    """warta extract --engine stanza --linguistic: tokens with lemma, UPOS and heads, offsets valid."""
    from typer.testing import CliRunner

    from warta.cli import app

    text = "Gubernur Jawa Timur Dewi Lestari meresmikan jembatan di Kota Malang."
    source = tmp_path / "a.txt"
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(source), "-o", str(out), "--engine", "stanza", "--linguistic", "--no-progress"])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    tokens = record["tokens"]
    assert [t["text"] for t in tokens][:3] == ["Gubernur", "Jawa", "Timur"]
    assert all(text[t["start"] : t["end"]] == t["text"] for t in tokens)
    assert any(t["upos"] == "PROPN" for t in tokens) and all(t["lemma"] for t in tokens)
    assert sum(t["head"] == t["i"] for t in tokens) == 1  # one root in the one sentence
