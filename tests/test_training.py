"""Tests for warta.training: corpus helpers, and a few training steps on a tiny hand-made corpus."""

from __future__ import annotations

from pathlib import Path

from warta.conll import sentence_entities
from warta.training import (
    DEFAULT_CONFIG,
    build_train_sentences,
    case_variant,
    chunks_to_tags,
    sentence_key,
    split_multiword_tokens,
    swap_mentions,
    train_ner,
    transfer_annotation,
    write_docbin,
)


def test_sentence_key_ignores_case_spacing_and_punctuation() -> None:
    assert sentence_key(["Partai", "(", "PDIP", ")", ","]) == sentence_key(["partai", "(PDIP),"])


def test_transfer_annotation_drops_glued_punctuation_keeps_balanced_brackets() -> None:
    source = [("Rieke", "B-PER"), ("(PDIP),", "B-ORG"), ("Partai", "B-ORG"), ("Demokrat", "I-ORG"),
              ("(PD)", "I-ORG"), ("menang", "O")]
    target = ["Rieke", "(", "PDIP", ")", ",", "Partai", "Demokrat", "(", "PD", ")", "menang"]
    moved = transfer_annotation(source, target)
    assert moved is not None
    assert sentence_entities(moved) == [("PER", "Rieke"), ("ORG", "PDIP"), ("ORG", "Partai Demokrat ( PD )")]
    assert transfer_annotation(source, ["lain", "kalimat"]) is None


def test_split_multiword_tokens_extends_tags() -> None:
    sent = [("kerja sama", "O"), ("telur asin", "B-LOC"), ("kota baru", "I-LOC")]
    assert split_multiword_tokens(sent) == [
        ("kerja", "O"), ("sama", "O"), ("telur", "B-LOC"), ("asin", "I-LOC"), ("kota", "I-LOC"),
        ("baru", "I-LOC"),
    ]


def test_case_variant_and_chunks_to_tags() -> None:
    sent = [("di", "O"), ("Jakarta", "B-LOC"), ("(", "O")]
    assert case_variant(sent, "upper") == [("DI", "O"), ("JAKARTA", "B-LOC"), ("(", "O")]
    assert case_variant(sent, "title")[0] == ("Di", "O")
    assert chunks_to_tags(4, [("PER", 0, 2), ("LOC", 3, 4)]) == ["B-PER", "I-PER", "O", "B-LOC"]


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_swap_mentions_replaces_each_entity_by_one_of_its_type() -> None:
    import random

    sent = [("Bupati", "O"), ("Dewi", "B-PER"), ("Lestari", "I-PER"), ("tiba", "O"), ("di", "O"),
            ("Sleman", "B-LOC"), (".", "O")]
    pools = {"PER": [("Arman",)], "LOC": [("Kluet", "Utara")]}
    swapped = swap_mentions(sent, pools, random.Random(0))
    assert sentence_entities(swapped) == [("PER", "Arman"), ("LOC", "Kluet Utara")]
    assert [t for t, g in swapped if g == "O"] == ["Bupati", "tiba", "di", "."]
    assert swap_mentions(sent, {}, random.Random(0)) == sent  # no pool: the sentence as it was


def test_build_train_sentences_dedups_and_removes_dev_overlap(tmp_path: Path) -> None:
    _write(tmp_path / "nerui.train.tsv", "Jokowi\tB-PERSON\nke\tO\nSolo\tB-LOCATION\n\nA\tO\n\nJokowi\tB-PERSON\nke\tO\nSolo\tB-LOCATION\n\n")
    _write(tmp_path / "nerui.dev.tsv", "A\tO\n\n")
    # NER UGM and idner2k: same sentence, different tokenization and labels
    _write(tmp_path / "nerugm.train.tsv", "Ketua\tB-PERSON\nPKB\tI-PERSON\n(\tO\nSBY\tB-PERSON\n)\tO\n\n")
    _write(tmp_path / "idner2k.train.tsv", "Ketua\tO\nPKB\tB-ORG\n(SBY)\tB-PER\n\n")
    # NERP: lower-cased duplicate of a news sentence, plus a new one with an EVT
    _write(tmp_path / "nerp.train.tsv", "jokowi\tB-PPL\nke\tO\nsolo\tB-PLC\n\npiala\tB-EVT\ndunia\tI-EVT\n\n")
    pairs, stats = build_train_sentences(tmp_path, include=("nerui", "idner2k", "nerp"))
    assert stats["dropped_dev_overlap"]["nerui"] == 1
    assert stats["dropped_duplicate"]["nerui"] == 1
    assert stats["dropped_duplicate"]["nerp"] == 1
    by_source = {}
    for name, sent in pairs:
        by_source.setdefault(name, []).append(sent)
    assert sentence_entities(by_source["idner2k"][0]) == [("ORG", "PKB"), ("PER", "SBY")]
    assert [t for t, _ in by_source["idner2k"][0]] == ["Ketua", "PKB", "(", "SBY", ")"]
    assert by_source["nerp"] == [[("piala", "O"), ("dunia", "O")]]


def test_glued_copy_repeats_idner2k_in_its_own_tokens(tmp_path: Path) -> None:
    _write(tmp_path / "nerugm.train.tsv", "Ketua\tO\nPKB\tB-ORGANIZATION\n(\tO\nSBY\tB-PERSON\n)\tO\n\n")
    _write(tmp_path / "idner2k.train.tsv", "Ketua\tO\nPKB\tB-ORG\n(SBY)\tB-PER\n\n")
    pairs, _ = build_train_sentences(tmp_path, include=("idner2k",), repeat={"idner2k": 3}, glued_copy=True)
    tokens = [[t for t, _ in sent] for _, sent in pairs]
    assert tokens == [["Ketua", "PKB", "(", "SBY", ")"], ["Ketua", "PKB", "(SBY)"], ["Ketua", "PKB", "(", "SBY", ")"]]
    assert sentence_entities(pairs[1][1]) == [("ORG", "PKB"), ("PER", "(SBY)")]
    plain, _ = build_train_sentences(tmp_path, include=("idner2k",), repeat={"idner2k": 3})
    assert all(t == ["Ketua", "PKB", "(", "SBY", ")"] for t in ([t for t, _ in s] for _, s in plain))


def test_train_ner_runs_spacy_training_with_the_shipped_config(tmp_path: Path) -> None:
    import spacy
    from thinc.api import NumpyOps, get_current_ops

    names = ["Rina Lestari", "Budi Santoso", "Hendra Wijaya", "Sari Dewi"]
    places = ["Medan", "Kupang", "Ambon", "Palu"]
    sents = []
    for name, place in zip(names, places):
        first, last = name.split()
        sents.append([(first, "B-PER"), (last, "I-PER"), ("tiba", "O"), ("di", "O"), (place, "B-LOC"), ("kemarin", "O")])
    nlp = spacy.blank("id")
    write_docbin(nlp, sents * 5, tmp_path / "corpus" / "train.spacy")
    write_docbin(nlp, sents, tmp_path / "corpus" / "dev.spacy")
    best = train_ner(DEFAULT_CONFIG, tmp_path / "run", corpus_dir=tmp_path / "corpus",
                     overrides={"training.max_steps": 30, "training.eval_frequency": 10}, blas="openblas")
    trained = spacy.load(best)
    assert trained.pipe_names == ["ner"]
    assert set(trained.get_pipe("ner").labels) == {"PER", "LOC"}
    # training switched ops only inside its own scope
    ops = get_current_ops()
    assert type(ops) is NumpyOps and ops.use_blis


def test_pretrained_tok2vec_weights_are_loaded_into_the_ner(tmp_path: Path) -> None:
    import numpy
    import spacy
    from spacy.training import Example

    from warta.training import load_ner_tok2vec, pretrain_tok2vec

    text = tmp_path / "text.jsonl"
    text.write_text(
        "\n".join('{"text": "Gubernur Jawa Barat meninjau lokasi banjir di Kabupaten Bandung hari ini ."}' for _ in range(4)),
        encoding="utf-8",
    )
    weights = pretrain_tok2vec(DEFAULT_CONFIG, text, tmp_path / "tok2vec.bin", epochs=2)
    config = spacy.util.load_config(DEFAULT_CONFIG)
    nlp = spacy.util.load_model_from_config(config, auto_fill=True)
    doc = nlp.make_doc("Rina tiba di Medan")
    nlp.initialize(lambda: [Example.from_dict(doc, {"entities": ["U-PER", "O", "O", "U-LOC"]})])
    layer = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    before = [p.copy() for p in _params(layer)]
    load_ner_tok2vec(str(weights))(nlp)
    after = _params(layer)
    assert any(not numpy.array_equal(a, b) for a, b in zip(before, after))
    # the same bytes again: nothing changes
    load_ner_tok2vec(str(weights))(nlp)
    assert all(numpy.array_equal(a, b) for a, b in zip(after, _params(layer)))


def _params(layer):
    return [node.get_param(name).copy() for node in layer.walk() for name in node.param_names if node.has_param(name)]
