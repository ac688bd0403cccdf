"""Tests for warta.conll: reading odd input, label mapping, BIO repair, evaluation arithmetic."""

from __future__ import annotations

import io

import pytest

from warta.conll import (
    evaluate_conll,
    format_conll,
    format_report,
    get_chunks,
    harmonize_label,
    harmonize_tag,
    harmonize_tags,
    parse_conll,
    read_conll,
    repair_bio,
    sentence_entities,
)

GOLD = """\
Joko\tB-PER
Widodo\tI-PER
ke\tO
Jakarta\tB-LOC
dan\tO
KPK\tB-ORG

Presiden\tO
Susilo\tB-PER
Bambang\tI-PER
Yudhoyono\tI-PER

Bandung\tB-LOC
"""

PRED = """\
Joko\tB-PER
Widodo\tI-PER
ke\tO
Jakarta\tB-ORG
dan\tO
KPK\tB-ORG

Presiden\tB-PER
Susilo\tI-PER
Bambang\tI-PER
Yudhoyono\tI-PER

Bandung\tO
"""


def test_evaluation_arithmetic_by_hand() -> None:
    # gold chunks: PER Joko Widodo, LOC Jakarta, ORG KPK, PER Susilo..Yudhoyono, LOC Bandung = 5
    # pred chunks: PER Joko Widodo, ORG Jakarta, ORG KPK, PER Presiden..Yudhoyono = 4
    # correct: Joko Widodo, KPK = 2  ->  P = 2/4, R = 2/5, F1 = 2*.5*.4/.9 = 4/9
    res = evaluate_conll(parse_conll(GOLD), parse_conll(PRED))
    assert (res["tp"], res["n_pred"], res["n_gold"]) == (2, 4, 5)
    assert res["precision"] == pytest.approx(0.5)
    assert res["recall"] == pytest.approx(0.4)
    assert res["f1"] == pytest.approx(4 / 9)
    per = res["per_type"]
    # PER: gold 2, pred 2, tp 1
    assert per["PER"]["precision"] == pytest.approx(0.5)
    assert per["PER"]["recall"] == pytest.approx(0.5)
    assert per["PER"]["f1"] == pytest.approx(0.5)
    # ORG: gold 1, pred 2, tp 1 -> P .5, R 1, F 2/3
    assert per["ORG"]["precision"] == pytest.approx(0.5)
    assert per["ORG"]["recall"] == pytest.approx(1.0)
    assert per["ORG"]["f1"] == pytest.approx(2 / 3)
    # LOC: gold 2, pred 0 -> all zero (no division error)
    assert (per["LOC"]["tp"], per["LOC"]["n_pred"], per["LOC"]["n_gold"]) == (0, 0, 2)
    assert per["LOC"]["precision"] == 0.0 and per["LOC"]["f1"] == 0.0
    # token accuracy: 11 tokens, tags differ at Jakarta, Presiden, Susilo (B vs I), Bandung -> 7/11
    assert res["n_tokens"] == 11 and res["n_sentences"] == 3
    assert res["token_accuracy"] == pytest.approx(7 / 11)


def test_perfect_and_empty() -> None:
    gold = parse_conll(GOLD)
    res = evaluate_conll(gold, gold)
    assert res["f1"] == pytest.approx(1.0) and res["tp"] == 5
    # no entities anywhere: everything 0, no ZeroDivisionError
    empty = [[("a", "O"), ("b", "O")]]
    res = evaluate_conll(empty, empty)
    assert (res["precision"], res["recall"], res["f1"]) == (0.0, 0.0, 0.0)


def test_harmonized_labels_are_compared_coarse() -> None:
    # gold in NER UGM labels, prediction in coarse labels; TIME is ignored
    gold = [[("Jokowi", "B-PERSON"), ("ke", "O"), ("Solo", "B-LOCATION"), ("Senin", "B-TIME")]]
    pred = [[("Jokowi", "B-PER"), ("ke", "O"), ("Solo", "B-LOC"), ("Senin", "O")]]
    res = evaluate_conll(gold, pred)
    assert (res["tp"], res["n_pred"], res["n_gold"]) == (2, 2, 2)
    assert set(res["per_type"]) == {"PER", "ORG", "LOC"}
    # without harmonization the types differ, nothing matches, TIME counts
    raw = evaluate_conll(gold, pred, harmonize=False)
    assert (raw["tp"], raw["n_pred"], raw["n_gold"]) == (0, 2, 3)


def test_tags_only_input_and_restricting_types() -> None:
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"]]
    res = evaluate_conll(gold, pred, types=["PER"])
    assert (res["tp"], res["n_pred"], res["n_gold"]) == (1, 1, 1)


def test_mismatched_input_raises() -> None:
    with pytest.raises(ValueError):
        evaluate_conll([["O"]], [["O"], ["O"]])
    with pytest.raises(ValueError):
        evaluate_conll([["O", "O"]], [["O"]])
    with pytest.raises(ValueError):
        evaluate_conll([[("a", "O")]], [[("b", "O")]])


def test_bio_repair_like_conlleval() -> None:
    tags = ["O", "I-PER", "I-PER", "I-LOC", "B-LOC", "I-LOC", "O", "I-ORG"]
    assert repair_bio(tags) == ["O", "B-PER", "I-PER", "B-LOC", "B-LOC", "I-LOC", "O", "B-ORG"]
    assert get_chunks(tags) == [("PER", 1, 3), ("LOC", 3, 4), ("LOC", 4, 6), ("ORG", 7, 8)]
    assert get_chunks(repair_bio(tags)) == get_chunks(tags)
    # an I- start in gold and a B- start in the prediction are the same chunk
    res = evaluate_conll([["I-PER", "I-PER"]], [["B-PER", "I-PER"]])
    assert res["f1"] == pytest.approx(1.0)


def test_iobes_and_io_schemes() -> None:
    assert get_chunks(["S-PER", "B-LOC", "E-LOC", "S-LOC", "O"]) == [
        ("PER", 0, 1),
        ("LOC", 1, 3),
        ("LOC", 3, 4),
    ]
    assert repair_bio(["S-PER", "B-LOC", "E-LOC", "S-LOC"]) == ["B-PER", "B-LOC", "I-LOC", "B-LOC"]
    # bare labels are IO: consecutive equal labels form one chunk
    assert get_chunks(["PER", "PER", "O", "LOC"]) == [("PER", 0, 2), ("LOC", 3, 4)]


def test_label_mapping() -> None:
    for label in ("PERSON", "PER", "PPL", "person"):
        assert harmonize_label(label) == "PER"
    for label in ("ORGANIZATION", "ORGANISATION", "ORG", "IND"):
        assert harmonize_label(label) == "ORG"
    for label in ("LOCATION", "PLACE", "PLC", "LOC"):
        assert harmonize_label(label) == "LOC"
    for label in ("TIME", "QUANTITY", "EVT", "FNB", "MISC"):
        assert harmonize_label(label) is None
    assert harmonize_tag("B-PLACE") == "B-LOC"
    assert harmonize_tag("I-ORGANISATION") == "I-ORG"
    assert harmonize_tag("I-QUANTITY") == "O"
    assert harmonize_tag("O") == "O"
    assert harmonize_tag("S-PPL") == "B-PER"
    # mapping then repair: I-IND after an EVT that became O starts an ORG chunk
    assert harmonize_tags(["B-EVT", "I-EVT", "I-IND", "I-IND"]) == ["O", "O", "B-ORG", "I-ORG"]


def test_reading_odd_input() -> None:
    text = (
        "\ufeff-DOCSTART-\tO\r\n"
        "\r\n"
        "Gubernur\tO\tNOUN\textra\r\n"  # extra columns ignored
        "New York\tB-LOC\r\n"  # token containing a space
        "  \t \r\n"  # stray whitespace-only line ends the sentence
        "\r\n"
        "\r\n"  # several blank lines: no empty sentence
        "Jakarta B-LOC\r\n"  # no tab: last whitespace field is the tag
        "Pusat\tI-LOC\n"
        "tanpa-tag\n"  # missing tag -> O
        "\n"
        "\n"
    )
    sents = parse_conll(text)
    assert sents == [
        [("Gubernur", "O"), ("New York", "B-LOC")],
        [("Jakarta", "B-LOC"), ("Pusat", "I-LOC"), ("tanpa-tag", "O")],
    ]
    assert sentence_entities(sents[1]) == [("LOC", "Jakarta Pusat")]
    # same through a file object, and lone CR line endings
    assert read_conll(io.StringIO(text.replace("\r\n", "\r"))) == sents


def test_read_file_harmonize_and_roundtrip(tmp_path) -> None:
    path = tmp_path / "x.tsv"
    path.write_bytes("Jokowi\tI-PPL\r\nke\tO\r\nbali\tB-PLC\r\n\r\nsate\tB-FNB\r\n".encode("utf-8"))
    sents = read_conll(path, harmonize=True)
    assert sents == [[("Jokowi", "B-PER"), ("ke", "O"), ("bali", "B-LOC")], [("sate", "O")]]
    assert parse_conll(format_conll(sents)) == sents


def test_format_report_mentions_scores() -> None:
    res = evaluate_conll(parse_conll(GOLD), parse_conll(PRED))
    report = format_report(res, title="toy")
    assert report.splitlines()[0] == "toy"
    assert "44.44" in report  # micro F1 in percent
    assert "66.67" in report  # ORG F1
