"""warta tag-conll / evaluate-conll: the full pipeline on given tokens, alignment always kept."""

import json

from typer.testing import CliRunner

from warta.cli import app
from warta.conll import read_conll, tag_with_pipeline

ODD = (
    "Gubernur\tO\nJawa\tB-LOCATION\nTimur\tI-LOCATION\nDewi\tB-PERSON\nLestari\tI-PERSON\nhadir\tO\n.\tO\n"
    "\n\n\n"  # several blank lines: still one sentence break
    "New York\tB-LOCATION\tEXTRA\textra\n"  # a token with a space and extra columns
    "dan\tO\r\n"  # CRLF
    "KPK\tB-ORGANIZATION\n"
    "\n"
    + "".join(f"kata{i}\tO\n" for i in range(3000))  # a very long sentence
    + "\n"
)


def test_alignment_on_odd_input(nlp, tmp_path):
    path = tmp_path / "odd.tsv"
    path.write_text(ODD, encoding="utf-8", newline="")
    gold = read_conll(path)
    tagged = tag_with_pipeline(nlp, gold)
    assert [len(s) for s in tagged] == [len(s) for s in gold] == [7, 3, 3000]
    assert [t for t, _ in tagged[1]] == ["New York", "dan", "KPK"]
    assert dict(tagged[0])["Dewi"] == "B-PER"
    assert tagged[0][1][1] == "B-LOC" and tagged[0][2][1] == "I-LOC"
    assert dict(tagged[1])["KPK"] == "B-ORG"
    assert all(tag in ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC") for s in tagged for _, tag in s)


def test_tag_conll_command_writes_token_gold_predicted(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text(ODD, encoding="utf-8", newline="")
    out = tmp_path / "out.tsv"
    result = CliRunner().invoke(app, ["tag-conll", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    blocks = [b for b in out.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    assert [len(b.strip("\n").split("\n")) for b in blocks] == [7, 3, 3000]
    first = blocks[0].split("\n")[3].split("\t")
    assert first == ["Dewi", "B-PERSON", "B-PER"]
    assert all(len(line.split("\t")) == 3 for b in blocks for line in b.strip("\n").split("\n"))


def test_evaluate_conll_command_scores_a_perfect_and_an_empty_guess(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("Gubernur\tO\nJawa\tB-LOC\nTimur\tI-LOC\nDewi\tB-PER\nLestari\tI-PER\nhadir\tO\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-conll", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)[str(path)]
    assert scores["n_gold"] == 2
    assert scores["f1"] == 1.0
    missing = CliRunner().invoke(app, ["evaluate-conll", str(tmp_path / "none.tsv")])
    assert missing.exit_code == 2


def test_bracket_glued_to_an_abbreviation_ends_the_name_before_it(nlp):
    words = "Ketua Komisi Pemberantasan Korupsi (KPK) bertemu warga Surabaya (22/8) .".split()
    tagged = dict(tag_with_pipeline(nlp, [words])[0])
    assert [tagged[w] for w in ("Komisi", "Pemberantasan", "Korupsi", "(KPK)")] == ["B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    assert tagged["Surabaya"] == "B-LOC" and tagged["(22/8)"] == "O"  # a date is no abbreviation
    split = dict(tag_with_pipeline(nlp, ["Komisi Pemberantasan Korupsi ( KPK ) hadir".split()])[0])
    assert split["("] == "O"  # warta's own tokens: the abbreviation stands apart
