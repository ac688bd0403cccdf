import spacy

import warta  # noqa: F401  registers the tokenizer
from warta.tokenizer import create_news_tokenizer


def tokens(text: str) -> list[str]:
    nlp = spacy.blank("id")
    nlp.tokenizer = create_news_tokenizer(nlp)
    return [t.text for t in nlp(text)]


def test_dateline_and_dates_stay_whole():
    assert tokens("Makassar — Rabu (3/9/2025) pukul 10.00 WITA") == [
        "Makassar", "—", "Rabu", "(", "3/9/2025", ")", "pukul", "10.00", "WITA",
    ]
    assert tokens("Sabtu (31/8).")[:5] == ["Sabtu", "(", "31/8", ")", "."]


def test_rank_and_acting_abbreviations_keep_their_period():
    toks = tokens("Kombes Pol. Budi dan Pj. Bupati serta Ir. H. Joko, S.H., M.Si. hadir.")
    for form in ("Pol.", "Pj.", "Ir.", "H.", "S.H.", "M.Si."):
        assert form in toks
    assert toks[-1] == "."


def test_money_and_hyphenated_acronyms():
    assert tokens("Rp 3,5 triliun") == ["Rp", "3,5", "triliun"]
    assert tokens("Rp3,5 miliar")[:2] == ["Rp", "3,5"]
    assert "KemenPAN-RB" in tokens("kata KemenPAN-RB kemarin")
    assert "PDI-P" in tokens("kader PDI-P")


def test_email_and_url_are_single_tokens():
    toks = tokens("Kirim ke humas@kpk.go.id atau buka https://kpk.go.id/berita.")
    assert "humas@kpk.go.id" in toks
    assert "https://kpk.go.id/berita" in toks


def test_saved_pipeline_keeps_tokenizer_rules(tmp_path):
    nlp = warta.build_pipeline()
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert [t.text for t in loaded("Rabu (3/9/2025) Kombes Pol. Budi")] == ["Rabu", "(", "3/9/2025", ")", "Kombes", "Pol.", "Budi"]


def test_route_between_two_places_is_split_but_reduplication_is_not():
    assert tokens("tol Jakarta-Cikampek macet")[1:4] == ["Jakarta", "-", "Cikampek"]
    assert "anak-anak" in tokens("anak-anak bermain")


def test_degrees_without_their_last_period_are_one_token(nlp):
    assert tokens("dr. Baiq Rahmawati Sp.PD, mengatakan")[:5] == ["dr.", "Baiq", "Rahmawati", "Sp.PD", ","]
    # the shipped pipeline's tokenizer file carries the same rule, and the degree is not part of the name
    doc = nlp("Direktur RSUD Lombok Timur, dr. Baiq Rahmawati Sp.PD, mengatakan stok cukup.")
    assert [o["name"] for o in doc._.warta_officials] == ["Baiq Rahmawati"]
