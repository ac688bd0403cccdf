"""Scoring warta against the hand-checked gold records in ``corpus/``.

``corpus/articles/ID.txt`` holds the text and ``corpus/gold/ID.json`` the gold record (format in
corpus/README.md). Each category is scored by one-to-one matching per document, summed over the
corpus (micro P/R/F1):
- provinces, regions: Kemendagri codes;
- persons: names, equal after normalisation or one a word-subset of the other (≥ 2 words);
- officials: the person's name as above, the same jurisdiction code (or both none) and a
  compatible title (equal, one a word-prefix of the other, or forms of one catalog title);
- institutions: any of the gold name/acronym/aliases equals the predicted name, acronym or a
  mention text; or, for a regional body, the same region code and the body's catalog name or
  acronym inside a gold form ("bps:61" matches "Badan Pusat Statistik Kalbar");
- quotes: the quoted text (ignoring edge punctuation and spaces) and the speaker's name.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional, Sequence

from warta.catalog import load_catalog

CATEGORIES = ("officials", "institutions", "provinces", "regions", "persons", "quotes", "organizations")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class GoldDocument:
    id: str
    split: str
    text: str
    gold: dict[str, Any]


def load_gold_corpus(corpus_dir: str | Path, split: Optional[str] = None) -> list[GoldDocument]:
    """Articles with their gold records, sorted by id; ``split`` keeps only 'dev' or 'test'."""
    corpus = Path(corpus_dir)
    documents = []
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = corpus / "articles" / f"{gold_path.stem}.txt"
        if not text_path.exists():
            raise FileNotFoundError(f"gold record {gold_path} has no article {text_path}")
        if split and gold.get("split") != split:
            continue
        documents.append(GoldDocument(gold_path.stem, gold.get("split", ""), text_path.read_text(encoding="utf-8"), gold))
    if not documents:
        raise FileNotFoundError(f"no gold records found in {corpus / 'gold'}" + (f" for split {split!r}" if split else ""))
    return documents


def normalize(text: Optional[str]) -> str:
    text = (text or "").lower().replace("walikota", "wali kota")
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def names_match(a: str, b: str) -> bool:
    x, y = normalize(a).split(), normalize(b).split()
    if not x or not y:
        return False
    if x == y:
        return True
    small, big = (x, y) if len(x) <= len(y) else (y, x)
    return len(small) >= 2 and set(small) <= set(big)


def _title_key(title: str) -> str:
    norm = normalize(title)
    for entry in load_catalog().titles:
        if norm in {normalize(f) for f in entry.forms}:
            return normalize(entry.title)
    return norm


_ACTING = {"pj": "penjabat", "plt": "pelaksana tugas", "plh": "pelaksana harian", "pjs": "penjabat sementara"}


def _title_words(title: str) -> list[str]:
    title = re.sub(r"\([^)]*\)", " ", title)
    return " ".join(_ACTING.get(w, w) for w in normalize(title).split()).split()


def titles_match(a: str, b: str) -> bool:
    """Compatible titles: equal, one a word-prefix of the other, the same first two words, or forms
    of one catalog title ("Mendagri" / "Menteri Dalam Negeri")."""
    x, y = _title_words(a), _title_words(b)
    if not x or not y:
        return False
    n = min(len(x), len(y), 2)
    if x[: len(y)] == y or y[: len(x)] == x or x[:n] == y[:n] and n == 2:
        return True
    return _title_key(a) == _title_key(b)


def _match(gold: Sequence[Any], predicted: Sequence[Any], same: Callable[[Any, Any], bool], score: Score, label: Callable[[Any], str], doc_id: str) -> None:
    unmatched = list(range(len(predicted)))
    for g in gold:
        hit = next((i for i in unmatched if same(g, predicted[i])), None)
        if hit is None:
            score.fn += 1
            score.errors.append(f"{doc_id}\tmissed\t{label(g)}")
        else:
            unmatched.remove(hit)
            score.tp += 1
    score.fp += len(unmatched)
    score.errors.extend(f"{doc_id}\tspurious\t{label(predicted[i])}" for i in unmatched)


def _institution_forms(gold: dict) -> set[str]:
    return {normalize(f) for f in [gold.get("name"), gold.get("acronym"), *gold.get("aliases", [])] if f}


def _predicted_institution_forms(pred: dict) -> set[str]:
    forms = [pred.get("name"), pred.get("acronym")] + [m["text"] for m in pred.get("mentions", [])]
    return {normalize(f) for f in forms if f}


def _base_forms(pred: dict) -> set[str]:
    """Catalog forms of the body behind a regional instance ("bps:61" → "Badan Pusat Statistik", "BPS")."""
    base = load_catalog().get(pred["id"].split(":")[0])
    return {normalize(f) for f in base.forms} if base else set()


def _contains_words(text: str, part: str) -> bool:
    return bool(part) and f" {part} " in f" {text} "


def institutions_match(gold: dict, pred: dict) -> bool:
    """Same surface form, or (for regional bodies) the same region and the body's name inside a gold form."""
    if _institution_forms(gold) & _predicted_institution_forms(pred):
        return True
    gold_region = gold.get("region")
    pred_region = (pred.get("region") or {}).get("code")
    if not gold_region or gold_region != pred_region:
        return False
    return any(_contains_words(g, b) for g in _institution_forms(gold) for b in _base_forms(pred))


def _quote_key(text: str) -> str:
    return normalize(text)


def score_document(gold: dict, record: dict, scores: dict[str, Score], doc_id: str) -> None:
    _match(gold.get("provinces", []), [p["code"] for p in record["provinces"]], lambda g, p: g == p, scores["provinces"], str, doc_id)
    _match(gold.get("regions", []), [r["code"] for r in record["regions"]], lambda g, p: g == p, scores["regions"], str, doc_id)
    _match(gold.get("persons", []), [p["name"] for p in record["persons"]], names_match, scores["persons"], str, doc_id)
    _match(
        gold.get("officials", []),
        record["officials"],
        lambda g, p: names_match(g["name"], p["name"])
        and (g.get("jurisdiction") or None) == ((p.get("jurisdiction") or {}).get("code"))
        and titles_match(g["title"], p["title"]),
        scores["officials"],
        lambda o: f"{o.get('title')} | {o['name']} | {o.get('jurisdiction')}",
        doc_id,
    )
    _match(
        gold.get("institutions", []),
        record["institutions"],
        institutions_match,
        scores["institutions"],
        lambda i: i.get("name", ""),
        doc_id,
    )
    _match(
        gold.get("organizations", []),
        [o["name"] for o in record.get("organizations", [])],
        lambda g, p: normalize(g) == normalize(p),
        scores["organizations"],
        str,
        doc_id,
    )
    _match(
        gold.get("quotes", []),
        record["quotes"],
        lambda g, p: _quote_key(g["text"]) == _quote_key(p["text"])
        and ((g.get("speaker") is None and p.get("speaker") is None) or (g.get("speaker") and p.get("speaker") and names_match(g["speaker"], p["speaker"]["name"]))),
        scores["quotes"],
        lambda q: f"{(q.get('speaker') or {}).get('name') if isinstance(q.get('speaker'), dict) else q.get('speaker')}: {q['text'][:50]}",
        doc_id,
    )


def evaluate_gold(extract_many: Callable[[Iterable[tuple[str, str]]], Iterable[Any]], documents: Sequence[GoldDocument]) -> dict[str, Score]:
    """Score records produced by ``extract_many`` (e.g. ``Extractor().extract_many``) against gold."""
    scores = {category: Score() for category in CATEGORIES}
    records = extract_many((doc.id, doc.text) for doc in documents)
    for doc, record in zip(documents, records):
        data = record.to_dict() if hasattr(record, "to_dict") else record
        score_document(doc.gold, data, scores, doc.id)
    return scores
