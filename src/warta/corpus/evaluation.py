"""Scoring cross-document identity against a gold file: pairwise precision, recall and F1.

A gold set is a folder (see ``corpus/README.md``, "Identity test set") with ``articles/*.txt``,
``gold.jsonl`` (per article: every named person and their identity) and ``identities.jsonl``
(each identity, with the namesake group of people who share a name).

Items are (document, gold person) pairs. Each is aligned to the person of that document in the
corpus database whose name matches best; an item with no match counts as a person of its own.
A pair of items is predicted together when both got the same ``person_id`` and is gold together
when both have the same identity: precision and recall are over these pairs. ``namesake_merges``
lists the pairs of namesakes (different identities of one group) that got the same id.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from warta.corpus.identity import PART, name_key, name_similarity


@dataclass
class IdentityScore:
    items: int = 0
    aligned: int = 0
    gold_pairs: int = 0
    predicted_pairs: int = 0
    true_pairs: int = 0
    namesake_merges: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "items": self.items, "aligned": self.aligned, "gold_pairs": self.gold_pairs,
                "predicted_pairs": self.predicted_pairs, "true_pairs": self.true_pairs,
                "namesake_merges": self.namesake_merges, "errors": self.errors}


def load_identity_gold(directory: Union[str, Path]) -> tuple[dict[str, list[tuple[str, str]]], dict[str, str]]:
    """``({doc_id: [(name, identity), ...]}, {identity: namesake group})`` of a gold set."""
    directory = Path(directory)
    gold: dict[str, list[tuple[str, str]]] = {}
    with open(directory / "gold.jsonl", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                gold[row["id"]] = [(p["name"], p["identity"]) for p in row["persons"]]
    groups: dict[str, str] = {}
    path = directory / "identities.jsonl"
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    if row.get("namesakes"):
                        groups[row["identity"]] = row["namesakes"]
    return gold, groups


def align(gold_names: list[str], system: list[tuple[str, int]]) -> list[Optional[int]]:
    """The person_id of each gold name among the system persons of the same document (best
    name match first, one to one), or None."""
    pairs = []
    for g, gold_name in enumerate(gold_names):
        for s, (name, _) in enumerate(system):
            value = name_similarity(name_key(gold_name), name_key(name))[0]
            if value >= PART:
                pairs.append((-value, g, s))
    result: list[Optional[int]] = [None] * len(gold_names)
    used: set[int] = set()
    for _, g, s in sorted(pairs):
        if result[g] is None and s not in used:
            result[g] = system[s][1]
            used.add(s)
    return result


def _pairs(counts: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in counts.values())


def score_identities(gold: dict[str, list[tuple[str, str]]], system: dict[str, list[tuple[str, int]]],
                     namesakes: Optional[dict[str, str]] = None) -> IdentityScore:
    """Pairwise identity scores of the system persons (``{doc_id: [(name, person_id)]}``)."""
    result = IdentityScore()
    items: list[tuple[str, str, object]] = []  # (doc, identity, predicted id)
    for doc_id, persons in gold.items():
        ids = align([name for name, _ in persons], system.get(doc_id, []))
        for (name, identity), pid in zip(persons, ids):
            result.items += 1
            if pid is None:
                result.errors.append(f"{doc_id}: {name} not found in the corpus")
                items.append((doc_id, identity, ("missing", doc_id, name)))
            else:
                result.aligned += 1
                items.append((doc_id, identity, pid))
    result.gold_pairs = _pairs(Counter(identity for _, identity, _ in items))
    result.predicted_pairs = _pairs(Counter(pid for _, _, pid in items))
    result.true_pairs = _pairs(Counter((identity, pid) for _, identity, pid in items))
    by_pid: dict[object, set[str]] = {}
    for _, identity, pid in items:
        by_pid.setdefault(pid, set()).add(identity)
    for pid, identities in sorted(by_pid.items(), key=str):
        if len(identities) > 1:
            result.errors.append(f"person {pid} merges {sorted(identities)}")
            groups = Counter((namesakes or {}).get(i) for i in identities)
            for group, n in groups.items():
                if group and n > 1:
                    result.namesake_merges.append(f"person {pid}: namesakes {group} merged")
    by_identity: dict[str, set[object]] = {}
    for _, identity, pid in items:
        by_identity.setdefault(identity, set()).add(pid)
    for identity, pids in sorted(by_identity.items()):
        if len(pids) > 1:
            result.errors.append(f"{identity} split over persons {sorted(map(str, pids))}")
    return result


def system_persons(con: Any) -> dict[str, list[tuple[str, int]]]:
    persons: dict[str, list[tuple[str, int]]] = {}
    for doc_id, name, pid in con.execute("SELECT doc_id, name, person_id FROM document_persons ORDER BY ALL").fetchall():
        persons.setdefault(doc_id, []).append((name, pid))
    return persons


def evaluate_identity(directory: Union[str, Path], *, model: Any = None, db: Union[str, Path, None] = None) -> IdentityScore:
    """Extract the gold set's articles with warta, build a corpus database from the records
    (``db``, else a temporary one) and score its person ids against the gold identities."""
    from warta.corpus.store import build_corpus, connect
    from warta.extractor import Extractor

    directory = Path(directory)
    gold, namesakes = load_identity_gold(directory)
    articles = sorted((directory / "articles").glob("*.txt"))
    extractor = Extractor(model)
    with tempfile.TemporaryDirectory(prefix="warta-identity-") as tmp:
        records = Path(tmp) / "records.jsonl"
        items = ((p.stem, p.read_text(encoding="utf-8")) for p in articles)
        with open(records, "w", encoding="utf-8") as handle:
            for record in extractor.extract_many(items):
                handle.write(record.to_json() + "\n")
        target = Path(db) if db else Path(tmp) / "identity.duckdb"
        build_corpus([records], target, overwrite=True)
        con = connect(target, read_only=True)
        try:
            return score_identities(gold, system_persons(con), namesakes)
        finally:
            con.close()
