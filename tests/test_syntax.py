"""Dependency helpers (warta.syntax) on hand-built parses: no parser needed."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from warta.syntax import appositive_pairs, coordinated_groups


def _parsed(words, heads, deps, pos):
    return Doc(spacy.blank("id").vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_appositive_pairs_title_after_name():
    words = ["Rina", "Widyastuti", ",", "Kepala", "Dinas", "Kesehatan", "Jawa", "Barat", ",", "mengatakan", "itu"]
    heads = [9, 0, 3, 0, 3, 4, 4, 6, 3, 9, 9]
    deps = ["nsubj", "flat:name", "punct", "appos", "nmod", "nmod", "nmod", "flat:name", "punct", "ROOT", "obj"]
    pos = ["PROPN", "PROPN", "PUNCT", "NOUN", "NOUN", "NOUN", "PROPN", "PROPN", "PUNCT", "VERB", "PRON"]
    doc = _parsed(words, heads, deps, pos)
    pairs = appositive_pairs(doc)
    assert [(p.text, t.text) for p, t in pairs] == [("Rina Widyastuti", "Kepala Dinas Kesehatan Jawa Barat")]


def test_appositive_pairs_name_after_title():
    words = ["kata", "Direktur", "Pendanaan", "Bappenas", ",", "RM", "Dewo", "Broto", "di", "Jakarta"]
    heads = [0, 0, 1, 1, 5, 1, 5, 5, 9, 0]
    deps = ["ROOT", "nsubj", "nmod", "nmod", "punct", "appos", "flat:name", "flat:name", "case", "obl"]
    pos = ["VERB", "NOUN", "NOUN", "PROPN", "PUNCT", "PROPN", "PROPN", "PROPN", "ADP", "PROPN"]
    doc = _parsed(words, heads, deps, pos)
    pairs = appositive_pairs(doc)
    assert [(p.text, t.text) for p, t in pairs] == [("RM Dewo Broto", "Direktur Pendanaan Bappenas")]
    # a caller's title check can veto
    assert appositive_pairs(doc, is_title=lambda span: span[0].text == "Kepala") == []


def test_appositive_pairs_coordinated_names_share_title():
    words = ["Budi", "dan", "Rina", ",", "Anggota", "DPRD", ",", "hadir"]
    heads = [7, 2, 0, 4, 0, 4, 4, 7]
    deps = ["nsubj", "cc", "conj", "punct", "appos", "nmod", "punct", "ROOT"]
    pos = ["PROPN", "CCONJ", "PROPN", "PUNCT", "NOUN", "PROPN", "PUNCT", "VERB"]
    doc = _parsed(words, heads, deps, pos)
    assert [(p.text, t.text) for p, t in appositive_pairs(doc)] == [("Budi", "Anggota DPRD"), ("Rina", "Anggota DPRD")]


def test_appositive_pairs_proper_noun_title_from_catalog():
    # GSD often tags titles PROPN: the catalog's title words tell the title side
    words = ["Sri", "Mulyani", ",", "Menteri", "Keuangan", ",", "hadir"]
    heads = [6, 0, 3, 0, 3, 3, 6]
    deps = ["nsubj", "flat:name", "punct", "appos", "flat", "punct", "ROOT"]
    pos = ["PROPN", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB"]
    doc = _parsed(words, heads, deps, pos)
    assert [(p.text, t.text) for p, t in appositive_pairs(doc)] == [("Sri Mulyani", "Menteri Keuangan")]


def test_coordinated_groups():
    words = ["Bupati", "Sleman", ",", "Bupati", "Bantul", "dan", "Wali", "Kota", "Yogyakarta", "hadir"]
    heads = [9, 0, 3, 0, 3, 6, 0, 6, 7, 9]
    deps = ["nsubj", "nmod", "punct", "conj", "nmod", "cc", "conj", "compound", "nmod", "ROOT"]
    pos = ["NOUN", "PROPN", "PUNCT", "NOUN", "PROPN", "CCONJ", "NOUN", "NOUN", "PROPN", "VERB"]
    doc = _parsed(words, heads, deps, pos)
    assert [[s.text for s in g] for g in coordinated_groups(doc)] == [["Bupati Sleman", "Bupati Bantul", "Wali Kota Yogyakarta"]]


def test_helpers_without_parse():
    doc = Doc(spacy.blank("id").vocab, words=["Rina", ",", "Kepala"])
    assert appositive_pairs(doc) == [] and coordinated_groups(doc) == []


# --------------------------------------------------------------------------- officials use the parse


def _officials(rules_nlp, doc):
    for name, component in rules_nlp.pipeline:
        if name != "sentencizer":  # the parse already sets sentence boundaries
            doc = component(doc)
    return [(o["name"], o["title"]) for o in doc._.warta_officials]


def test_parsed_apposition_names_the_official_after_an_unknown_place(rules_nlp):
    # "Sukamaju" is no coded region: the parse reads it as part of the office; so do the surface
    # rules for a kecamatan- or village-level title followed by "place, Name,"
    words = ["Camat", "Sukamaju", ",", "Hendra", "Wijaya", ",", "meminta", "warga", "bersabar", "."]
    heads = [6, 0, 3, 0, 3, 3, 6, 6, 6, 6]
    deps = ["nsubj", "flat:name", "punct", "appos", "flat:name", "punct", "ROOT", "obj", "xcomp", "punct"]
    pos = ["NOUN", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "VERB", "NOUN", "VERB", "PUNCT"]
    assert _officials(rules_nlp, _parsed(words, heads, deps, pos)) == [("Hendra Wijaya", "Camat")]
    assert _officials(rules_nlp, Doc(rules_nlp.vocab, words=words)) == [("Hendra Wijaya", "Camat")]


def test_parsed_coordinated_names_share_the_title(rules_nlp):
    words = ["Budi", "Santoso", "dan", "Rina", "Lestari", ",", "Anggota", "DPR", ",", "hadir"]
    heads = [9, 0, 3, 0, 3, 6, 0, 6, 6, 9]
    deps = ["nsubj", "flat:name", "cc", "conj", "flat:name", "punct", "appos", "nmod", "punct", "ROOT"]
    pos = ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT", "NOUN", "PROPN", "PUNCT", "VERB"]
    assert _officials(rules_nlp, _parsed(words, heads, deps, pos)) == [("Budi Santoso", "Anggota DPR"), ("Rina Lestari", "Anggota DPR")]
    # without the parse only the name next to the title is known
    assert _officials(rules_nlp, Doc(rules_nlp.vocab, words=words)) == [("Rina Lestari", "Anggota DPR")]


def test_parsed_apposition_skips_short_forms_and_degrees(rules_nlp):
    # a parser may attach "(Kadis)" or a degree as an apposition: neither is a person
    words = ["Kepala", "Dinas", "Kesehatan", "(", "Kadis", ")", "Rina", "Lestari", ",", "S.H.", ",", "hadir"]
    heads = [11, 0, 1, 4, 0, 4, 0, 6, 9, 0, 11, 11]
    deps = ["nsubj", "nmod", "nmod", "punct", "appos", "punct", "flat:name", "flat:name", "punct", "appos", "punct", "ROOT"]
    pos = ["NOUN", "NOUN", "NOUN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "VERB"]
    assert _officials(rules_nlp, _parsed(words, heads, deps, pos)) == [("Rina Lestari", "Kepala Dinas Kesehatan")]
