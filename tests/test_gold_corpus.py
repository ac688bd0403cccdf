"""The gold corpus itself: every record loads, is consistent with its article and uses real codes.

These checks guard hand-written gold (corpus/README.md) against slips that would silently skew
every evaluate-gold figure: a quotation not in the text, an official missing from persons, a
code that is not a Kemendagri code, a person shared by the dev and test halves.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from warta.evaluation import load_gold_corpus, names_match
from warta.resources import data_path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOCUMENTS = load_gold_corpus(CORPUS)
KEYS = ["id", "split", "officials", "persons", "institutions", "organizations", "provinces", "regions", "quotes"]
OPENING = "\"“”‘’"


def _codes() -> set[str]:
    with open(data_path("regions.tsv"), encoding="utf-8") as handle:
        return {row["code"] for row in csv.DictReader(handle, delimiter="\t")}


CODES = _codes()


def test_both_halves_have_articles_and_ids_run_without_gaps():
    numbers = sorted(int(doc.id[:3]) for doc in DOCUMENTS)
    assert numbers == list(range(1, len(numbers) + 1))
    assert {doc.split for doc in DOCUMENTS} == {"dev", "test"}


@pytest.mark.parametrize("doc", DOCUMENTS, ids=lambda d: d.id)
def test_gold_record_is_consistent_with_its_article(doc):
    gold, text = doc.gold, doc.text.rstrip("\n")
    assert list(gold) == KEYS and gold["id"] == doc.id
    for quote in gold["quotes"]:
        start = text.find(quote["text"])
        end = start + len(quote["text"])
        assert start > 0 and text[start - 1] in OPENING, quote["text"]
        assert end == len(text) or text[end] in OPENING, quote["text"]  # closed, or cut off by the end
        assert quote["speaker"] is None or quote["speaker"] in gold["persons"]
    forms = {f for inst in gold["institutions"] for f in (inst["name"], inst["acronym"], *inst["aliases"]) if f}
    for official in gold["officials"]:
        assert official["name"] in gold["persons"]
        assert official["institution"] is None or official["institution"] in forms
        assert official["jurisdiction"] is None or official["jurisdiction"] in CODES
    for code in gold["provinces"]:
        assert re.fullmatch(r"\d\d", code) and code in CODES
    for code in gold["regions"]:
        assert re.fullmatch(r"\d\d\.\d\d", code) and code in CODES
    for inst in gold["institutions"]:
        assert inst["region"] is None or inst["region"] in gold["regions"] + gold["provinces"]


def test_no_person_appears_in_both_halves():
    dev = [p for doc in DOCUMENTS if doc.split == "dev" for p in doc.gold["persons"]]
    test = [p for doc in DOCUMENTS if doc.split == "test" for p in doc.gold["persons"]]
    assert not [(a, b) for a in dev for b in test if names_match(a, b)]
