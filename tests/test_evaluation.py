"""Gold-corpus scoring: matching rules and arithmetic on small hand-made records."""

import json

from typer.testing import CliRunner

from warta.cli import app
from warta.evaluation import CATEGORIES, Score, names_match, score_document, titles_match


def empty_record(**fields):
    record = {key: [] for key in ("officials", "persons", "institutions", "organizations", "provinces", "regions", "quotes")}
    record.update(fields)
    return record


def test_score_arithmetic():
    score = Score(tp=3, fp=1, fn=2)
    assert score.precision == 0.75
    assert score.recall == 0.6
    assert round(score.f1, 4) == round(2 * 0.75 * 0.6 / 1.35, 4)
    assert Score().f1 == 0.0


def test_name_and_title_matching_rules():
    assert names_match("Arman Sutedja", "arman  sutedja")
    assert names_match("Andi Baso Tenri", "Andi Baso")  # two or more shared words
    assert not names_match("Rina Widyastuti", "Rina")
    assert titles_match("Ketua", "Ketua KPK")
    assert titles_match("Pj. Gubernur", "Penjabat Gubernur")
    assert titles_match("Mendagri", "Menteri Dalam Negeri")
    assert not titles_match("Bupati", "Gubernur")


def test_score_document_counts_each_category():
    gold = {
        "provinces": ["61", "35"],
        "regions": ["61.71"],
        "persons": ["Arman Sutedja"],
        "officials": [{"name": "Arman Sutedja", "title": "Gubernur", "jurisdiction": "61", "institution": None}],
        "institutions": [{"name": "Komisi Pemberantasan Korupsi", "acronym": "KPK", "aliases": [], "region": None}],
        "quotes": [{"speaker": "Arman Sutedja", "text": "Kami siap,"}],
    }
    record = empty_record(
        provinces=[{"code": "61"}, {"code": "31"}],
        regions=[{"code": "61.71"}],
        persons=[{"name": "Arman Sutedja"}, {"name": "Budi"}],
        officials=[{"name": "Arman Sutedja", "title": "Gubernur", "jurisdiction": {"code": "61"}}],
        institutions=[{"id": "kpk", "name": "Komisi Pemberantasan Tindak Pidana Korupsi", "acronym": "KPK", "mentions": []}],
        quotes=[{"speaker": {"name": "Arman Sutedja"}, "text": "Kami siap,"}],
    )
    scores = {c: Score() for c in CATEGORIES}
    score_document(gold, record, scores, "d1")
    assert (scores["provinces"].tp, scores["provinces"].fp, scores["provinces"].fn) == (1, 1, 1)
    assert (scores["persons"].tp, scores["persons"].fp) == (1, 1)
    assert scores["officials"].tp == 1 and scores["institutions"].tp == 1 and scores["quotes"].tp == 1


def test_official_with_wrong_jurisdiction_is_a_miss_and_a_false_positive():
    gold = {"officials": [{"name": "Rina Widyastuti", "title": "Bupati", "jurisdiction": "33.02"}]}
    record = empty_record(officials=[{"name": "Rina Widyastuti", "title": "Bupati", "jurisdiction": {"code": "33"}}])
    scores = {c: Score() for c in CATEGORIES}
    score_document(gold, record, scores, "d1")
    assert (scores["officials"].tp, scores["officials"].fp, scores["officials"].fn) == (0, 1, 1)


def test_evaluate_gold_command_on_a_tiny_corpus(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Gubernur Jawa Timur Dewi Lestari meninjau banjir di Kota Malang.", encoding="utf-8")
    gold = {"id": "a", "split": "test", "officials": [{"name": "Dewi Lestari", "title": "Gubernur", "jurisdiction": "35", "institution": None}],
            "persons": ["Dewi Lestari"], "institutions": [], "organizations": [], "provinces": ["35"], "regions": ["35.73"], "quotes": []}
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate-gold", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["officials"]["f1"] == 1.0
    assert scores["provinces"]["f1"] == 1.0 and scores["regions"]["f1"] == 1.0


def test_evaluate_gold_command_reports_a_missing_corpus(tmp_path):
    result = CliRunner().invoke(app, ["evaluate-gold", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "no gold records" in result.output
