"""Tests for warta.gazetteer_features: name-list matching and the ner embedding architecture."""

from __future__ import annotations

import subprocess
import sys

import spacy
from spacy.tokens import Doc
from spacy.training import Example

from warta.gazetteer_features import LISTS, list_names, phrase_table, phrase_variants, token_states


def test_phrase_variants_split_punctuation_and_final_periods() -> None:
    assert phrase_variants("Badan Pusat Statistik (BPS)") == {("badan", "pusat", "statistik", "(", "bps", ")")}
    assert phrase_variants("Irjen Pol.") == {("irjen", "pol."), ("irjen", "pol", "."), ("irjen", "pol")}
    assert phrase_variants("PDI-P") == {("pdi-p",)}


def test_lists_come_from_the_data_files() -> None:
    assert "Jawa Barat" in list_names("region")
    assert "Amerika Serikat" in list_names("country")
    assert "Badan Pusat Statistik" in list_names("institution")
    assert "Gubernur" in list_names("title")
    # one-word village names include function words ("Yang", "Dari"): only longer names are kept
    assert all(" " in name for name in list_names("desa"))


def test_token_states_longest_match_per_list_case_insensitive() -> None:
    words = "GUBERNUR jawa barat bertemu Persib Bandung di Amerika Serikat".split()
    doc = Doc(spacy.blank("id").vocab, words=words)
    states = token_states(doc, phrase_table(LISTS))
    col = {name: [int(v) for v in states[:, i]] for i, name in enumerate(LISTS)}
    assert col["title"][:2] == [1, 0]
    assert col["region"][1:3] == [1, 2]  # "Jawa Barat", not "Jawa" + "Barat"
    assert col["institution"][4:6] == [1, 2]  # "Persib Bandung" ...
    assert col["region"][5] == 1  # ... whose "Bandung" is also a region
    assert col["country"][7:9] == [1, 2]
    assert sum(col["country"][:7]) == 0


def test_architecture_trains_saves_and_reloads_in_a_fresh_process(tmp_path) -> None:
    from warta.training import DEFAULT_CONFIG

    config = spacy.util.load_config(DEFAULT_CONFIG)
    embed = config["components"]["ner"]["model"]["tok2vec"]["embed"]
    embed["@architectures"] = "warta.GazetteerHashEmbed.v1"
    del embed["include_static_vectors"]
    embed["gazetteer_lists"] = ["region", "institution"]
    embed["gazetteer_width"] = 4
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    words = "Gubernur Jawa Barat datang ke Badan Pusat Statistik".split()
    gold = Doc(nlp.vocab, words=words, ents=["O", "B-LOC", "I-LOC", "O", "O", "B-ORG", "I-ORG", "I-ORG"])
    examples = [Example(Doc(nlp.vocab, words=words), gold)]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(5):
        nlp.update(examples, sgd=optimizer)
    nlp.to_disk(tmp_path / "model")
    code = (
        "import warta, spacy, sys; from spacy.tokens import Doc; "
        f"nlp = spacy.load({str(tmp_path / 'model')!r}); "
        f"print(nlp(Doc(nlp.vocab, words={words!r})).ents)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(nlp(Doc(nlp.vocab, words=words)).ents)
