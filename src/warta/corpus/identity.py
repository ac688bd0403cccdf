"""Cross-document person identity: which (document, person) items are one real person.

Method (incremental greedy linking with explained scores):

1. **Names.** ``name_key`` strips ranks, honorifics and degrees (honorifics.jsonl) and the
   nickname prefixes the press puts before a short name ("Bang", "Cak", identity.json), then maps
   each token to one spelling: given-name forms ("Moh." → muhammad), old spelling ("Soe" → su,
   "Dj" → j), doubled letters, a final -y. ``name_similarity`` compares two keys: the same key,
   a key inside a longer one ("Herman Deru" in "Herman Deru Saputra"), one surname or given name
   ("Deru"), a nickname cut from a name ("Rizal" of "Syahrizal", "Jokowi" of "Joko Widodo"),
   or tokens spelled almost alike. Tokens too common to identify anyone ("Muhammad", "Andi",
   "Made") never carry a match alone.
2. **Blocking.** Candidates are the persons one of whose names holds all the words of the name,
   or is made of some of them; a word may be cut short ("Rizal" ~ "Syahrizal"), looked up by
   its first or last four or more letters.
3. **Evidence.** ``score`` adds to the name score what the two sides share or contradict: the
   same office, jurisdiction or institution; offices in different provinces, or village-level
   offices in different kabupaten/kota; documents about other provinces only; co-mentioned
   persons; dates far apart. An item joins the best candidate scoring at least ``THRESHOLD``,
   else it becomes a new person. Within one document the pairs are assigned best first, one
   person per item.
4. **Incremental.** A ``Resolver`` holds one ``Profile`` per person; new items only ever join a
   profile or open a new id, so ids are never renumbered. Every decision comes back as a ``Link``
   with its evidence, which the store writes to ``person_links``.
"""

from __future__ import annotations

import re
from itertools import combinations
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable, Optional

from warta.resources import load_data_jsonl, load_identity_data

Key = tuple[str, ...]

THRESHOLD = 0.6
# Name scores (see name_similarity)
EXACT, EXACT_SINGLE, SUBSET, PART, NICKNAME, FUZZY = 1.0, 0.7, 0.75, 0.45, 0.4, 0.5
# Evidence weights (see score)
SAME_OFFICE, SAME_JURISDICTION, SAME_INSTITUTION, SAME_PROVINCE = 0.4, 0.3, 0.2, 0.1
CO_MENTION, CO_MENTION_CAP, CLOSE_IN_TIME = 0.15, 0.3, 0.05
OFFICE_PROVINCES_DIFFER, LOCAL_OFFICES_DIFFER, REGIONAL_OFFICES_DIFFER = -0.5, -0.4, -0.15
AREA_DIFFERS, DOCUMENT_AREAS_DIFFER, FAR_IN_TIME = -0.45, -0.2, -0.1
SAME_KABKOTA, OTHER_KABKOTA = 0.1, -0.2

_SPLIT = re.compile(r"[\s,;/]+")
_PUNCT = re.compile(r"[^\w'-]+")


# ------------------------------------------------------------------------------------------ names

@dataclass(frozen=True)
class NameForms:
    before: dict[str, tuple[tuple[str, ...], ...]]  # first word -> honorifics and ranks before a name, longest first
    after: frozenset[str]  # degrees written after a name
    nickname_prefixes: frozenset[str]
    given: dict[str, str]
    spelling: tuple[tuple[str, str], ...]
    weak: frozenset[str]


def _fold(token: str) -> str:
    return token.lower().rstrip(".")


@lru_cache(maxsize=1)
def name_forms() -> NameForms:
    rows = load_data_jsonl("honorifics.jsonl")
    data = load_identity_data()
    before = {tuple(_fold(t) for t in r["form"].split()) for r in rows
              if r.get("position") == "before" and r.get("kind") != "nobility"}
    after = {r["form"] for r in rows if r.get("position") == "after"}
    after |= {f.rstrip(".") for f in after}
    given = {form: canonical for canonical, forms in data["given_name_forms"].items() for form in forms}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for form in sorted(before, key=len, reverse=True):
        by_first.setdefault(form[0], []).append(form)
    return NameForms(
        before={first: tuple(forms) for first, forms in by_first.items()},
        after=frozenset(after),
        nickname_prefixes=frozenset(_fold(p) for p in data["nickname_prefixes"]),
        given=given,
        spelling=tuple((a, b) for a, b in data["spelling_rules"]),
        weak=frozenset(data["weak_tokens"]),
    )


def strip_titles(name: str) -> list[str]:
    """The words of a name without ranks, honorifics and degrees before or after it
    ("Dr. H. Herman Deru, S.H., M.M." → ["Herman", "Deru"])."""
    forms = name_forms()
    words = [w for w in _SPLIT.split(name.strip()) if w]
    while words and (words[-1] in forms.after or words[-1].strip("()") in forms.after):
        words.pop()
    stripped = True
    while stripped and len(words) > 1:
        stripped = False
        folded = [_fold(w) for w in words]
        for form in forms.before.get(folded[0], ()):
            if len(form) < len(words) and tuple(folded[: len(form)]) == form:
                words = words[len(form):]
                stripped = True
                break
    return words


def display_name(name: str) -> str:
    """A name as written, without ranks, honorifics and degrees."""
    return " ".join(strip_titles(name))


@lru_cache(maxsize=65536)
def canonical_token(token: str) -> str:
    """One spelling per name token: given-name forms, old spelling, doubled letters, final -y."""
    forms = name_forms()
    token = token.lower().strip(".'-")
    if token in forms.given:
        return forms.given[token]
    for old, new in forms.spelling:
        token = token.replace(old, new)
    token = re.sub(r"(.)\1+", r"\1", token)
    if len(token) > 2 and token.endswith("y"):
        token = token[:-1] + "i"
    return forms.given.get(token, token)


@lru_cache(maxsize=65536)
def name_key(name: str) -> Key:
    """The comparison key of a person name: canonical tokens without titles or nickname prefixes."""
    words = [_PUNCT.sub("", w) for w in strip_titles(name)]
    words = [w for w in words if w]
    prefixes = name_forms().nickname_prefixes
    while len(words) > 1 and _fold(words[0]) in prefixes:
        words = words[1:]
    return tuple(canonical_token(w) for w in words if canonical_token(w))


def is_weak(token: str) -> bool:
    """A token too common (or too short) to identify a person on its own."""
    return len(token) < 3 or token in name_forms().weak


@lru_cache(maxsize=1 << 18)
def _token_match(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) > len(b):
        a, b = b, a
    if len(a) == 1:  # an initial ("M. Yusuf")
        return 0.9 if a == b[0] else 0.0
    if len(a) >= 4 and (b.startswith(a) or b.endswith(a)) and not is_weak(a):
        return 0.8  # a name cut short in the press ("Rizal" of "Syahrizal")
    if a[0] != b[0] or len(a) < 5 or len(b) - len(a) > 2:
        return 0.0
    ratio = SequenceMatcher(None, a, b).ratio()
    return ratio if ratio >= 0.85 else 0.0


def _nickname_of(nick: str, full: Key) -> bool:
    """A short name cut from a full name: the start or end of one of its words ("Rizal" of
    "Syahrizal"), or the first syllables of two words run together ("Jokowi")."""
    if len(nick) < 3 or is_weak(nick):
        return False
    if any(len(t) > len(nick) and (t.startswith(nick) or t.endswith(nick)) for t in full if not is_weak(t)):
        return True
    for first, second in zip(full, full[1:]):
        for cut in range(2, min(len(first), 5) + 1):
            if nick.startswith(first[:cut]) and len(nick) - cut >= 2 and second.startswith(nick[cut:]):
                return True
    return False


@lru_cache(maxsize=1 << 18)
def name_similarity(a: Key, b: Key) -> tuple[float, str]:
    """How far two name keys can be one person's names, from the names alone: (score, how)."""
    if not a or not b:
        return 0.0, "none"
    if a == b:
        if len(a) == 1:
            return (0.0, "weak") if is_weak(a[0]) else (EXACT_SINGLE, "same single name")
        return (EXACT, "same name") if any(not is_weak(t) for t in a) else (SUBSET, "same common name")
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    free = list(long)
    scores = []
    for token in short:
        best = max(((_token_match(token, t), i) for i, t in enumerate(free)), default=(0.0, -1))
        if best[0] <= 0:
            break
        scores.append(best[0])
        free.pop(best[1])
    else:
        strong = [t for t in short if not is_weak(t)]
        if not strong:
            return 0.0, "weak"
        if min(scores) < 1.0:
            return FUZZY, "spelled almost alike"
        if len(short) >= 2:
            return SUBSET, "name inside the other"
        return PART, "one part of the name"
    if len(short) == 1 and _nickname_of(short[0], long):
        return NICKNAME, "nickname"
    return 0.0, "different"


# ------------------------------------------------------------------------------------ evidence

@dataclass(frozen=True)
class OfficeRef:
    """An office as evidence: title, the codes it is attached to, its institution."""

    title: str
    jurisdiction: Optional[str] = None
    kecamatan: Optional[str] = None
    desa: Optional[str] = None
    institution: Optional[str] = None

    @property
    def province(self) -> Optional[str]:
        return self.jurisdiction[:2] if self.jurisdiction else None

    @property
    def kabkota(self) -> Optional[str]:
        code = self.desa or self.kecamatan or self.jurisdiction
        return code[:5] if code and len(code) >= 5 else None

    @property
    def local(self) -> bool:
        """A kecamatan- or village-level office: one place, held by one person at a time."""
        return bool(self.kecamatan or self.desa)


def title_key(title: str) -> str:
    return " ".join(re.sub(r"^(pj|plt|plh|penjabat)\.?\s+", "", title.lower()).split())


@dataclass
class Item:
    """One person of one document, with the evidence the document gives about them."""

    doc_id: str
    name: str
    key: Key
    offices: tuple[OfficeRef, ...] = ()
    provinces: frozenset[str] = frozenset()  # provinces the document is about
    regions: frozenset[str] = frozenset()  # kabupaten/kota the document names
    co_names: frozenset[Key] = frozenset()  # the other persons of the document
    date: Optional[str] = None  # ISO date of the document


@dataclass
class Profile:
    """What the corpus knows about one person."""

    person_id: int
    names: dict[Key, str] = field(default_factory=dict)
    offices: set[OfficeRef] = field(default_factory=set)
    provinces: set[str] = field(default_factory=set)
    regions: set[str] = field(default_factory=set)
    co_names: set[Key] = field(default_factory=set)
    first: Optional[str] = None
    last: Optional[str] = None

    def add(self, item: Item) -> None:
        self.names.setdefault(item.key, item.name)
        self.offices.update(item.offices)
        self.provinces.update(item.provinces)
        self.regions.update(item.regions)
        self.co_names.update(item.co_names)
        if item.date:
            self.first = min(self.first or item.date, item.date)
            self.last = max(self.last or item.date, item.date)


@dataclass(frozen=True)
class Link:
    """The decision for one item: the person it joined or opened, and why."""

    doc_id: str
    name: str
    person_id: int
    decision: str  # "merge" | "new"
    matched_name: Optional[str] = None
    candidate_id: Optional[int] = None  # for "new": the best candidate that was not good enough
    score: Optional[float] = None
    evidence: str = ""


def _place(office: OfficeRef) -> Optional[str]:
    """The finest place of an office: its desa or kecamatan for a local office, else its jurisdiction."""
    return office.desa or office.kecamatan or office.jurisdiction


def _office_evidence(item: Item, profile: Profile) -> list[tuple[float, str]]:
    found: list[tuple[float, str]] = []
    if not item.offices or not profile.offices:
        return found
    pairs = [(o, p) for o in item.offices for p in profile.offices]
    same = [o for o, p in pairs if title_key(o.title) == title_key(p.title) and o.jurisdiction == p.jurisdiction
            and o.institution == p.institution and (o.jurisdiction or o.institution)]
    if same:
        found.append((SAME_OFFICE, f"same office {same[0].title} {same[0].jurisdiction or same[0].institution}"))
    else:
        places = {_place(o) for o, p in pairs if o.jurisdiction and _place(o) == _place(p)}
        if places:
            found.append((SAME_JURISDICTION, f"offices in {sorted(places)[0]}"))
        bodies = {o.institution for o, p in pairs if o.institution and o.institution == p.institution}
        if bodies:
            found.append((SAME_INSTITUTION, f"same institution {sorted(bodies)[0]}"))
    mine = {o.province for o in item.offices if o.province}
    theirs = {p.province for p in profile.offices if p.province}
    if mine and theirs:
        if not mine & theirs:
            found.append((OFFICE_PROVINCES_DIFFER, f"offices in provinces {sorted(mine)} vs {sorted(theirs)}"))
            return found
        if not same and not found:
            found.append((SAME_PROVINCE, f"offices in province {sorted(mine & theirs)[0]}"))
    mine_local = {o.kabkota for o in item.offices if o.local and o.kabkota}
    theirs_local = {p.kabkota for p in profile.offices if p.local and p.kabkota}
    if mine_local and theirs_local and not mine_local & theirs_local:
        found.append((LOCAL_OFFICES_DIFFER, f"village-level offices in {sorted(mine_local)} vs {sorted(theirs_local)}"))
        return found
    mine_kab = {o.kabkota for o in item.offices if o.kabkota}
    theirs_kab = {p.kabkota for p in profile.offices if p.kabkota}
    if mine_kab and theirs_kab and not mine_kab & theirs_kab and not same:
        found.append((REGIONAL_OFFICES_DIFFER, f"offices in {sorted(mine_kab)} vs {sorted(theirs_kab)}"))
    return found


def _area_evidence(item: Item, profile: Profile) -> list[tuple[float, str]]:
    """Where each side is placed: by a regional office, or only by the places of its documents."""
    mine = {o.province for o in item.offices if o.province}
    theirs = {p.province for p in profile.offices if p.province}
    if mine and theirs:
        return []  # compared office by office
    if mine or theirs:
        placed, other = (mine | item.provinces, profile.provinces) if mine else (theirs | profile.provinces, item.provinces)
        if other and not other & placed:
            return [(AREA_DIFFERS, f"office in {sorted(mine or theirs)} and a document about {sorted(other)} only")]
        offices = item.offices if mine else profile.offices
        kabkota = {o.kabkota for o in offices if o.kabkota}
        named = profile.regions if mine else item.regions
        if kabkota and named:
            if kabkota & named:
                return [(SAME_KABKOTA, f"office in {sorted(kabkota & named)[0]}, which the other document names")]
            return [(OTHER_KABKOTA, f"office in {sorted(kabkota)} and a document about {sorted(named)}")]
        return []
    if item.offices or profile.offices:
        return []  # national offices: their holders appear in documents about any province
    if item.provinces and profile.provinces and not item.provinces & profile.provinces:
        return [(DOCUMENT_AREAS_DIFFER, f"documents about {sorted(item.provinces)} vs {sorted(profile.provinces)}")]
    return []


def _years_apart(date: str, first: str, last: str) -> float:
    year = int(date[:4])
    return max(0, int(first[:4]) - year, year - int(last[:4]))


def score(item: Item, profile: Profile) -> tuple[float, float, str, list[str]]:
    """(total, name score, matched name, evidence) of ``item`` being the person of ``profile``."""
    best, how, matched = 0.0, "", ""
    for key, written in profile.names.items():
        value, reason = name_similarity(item.key, key)
        if value > best:
            best, how, matched = value, reason, written
    if best <= 0:
        return 0.0, 0.0, "", []
    parts: list[tuple[float, str]] = [(best, f"name: {how} ({matched})")]
    parts += _office_evidence(item, profile)
    parts += _area_evidence(item, profile)
    shared = item.co_names & profile.co_names
    if shared:
        names = ", ".join(" ".join(k) for k in sorted(shared)[:2])
        parts.append((min(CO_MENTION * len(shared), CO_MENTION_CAP), f"co-mentioned with {names}"))
    if item.date and profile.first and profile.last:
        apart = _years_apart(item.date, profile.first, profile.last)
        if apart <= 2:
            parts.append((CLOSE_IN_TIME, "documents within two years"))
        elif apart > 10:
            parts.append((FAR_IN_TIME, f"documents {apart:.0f} years apart"))
    total = round(sum(v for v, _ in parts), 4)
    if best < SUBSET and total - best < 0.1:  # a short or fuzzy name needs some evidence
        total = min(total, THRESHOLD - 0.01)
    return total, best, matched, [f"{v:+.2f} {text}" for v, text in parts]


# ------------------------------------------------------------------------------------ resolver

def _words(key: Key) -> Key:
    """The words of a name key that can find it: sorted, without initials, at most six."""
    return tuple(sorted({t for t in key if len(t) >= 2}))[:6] or key


class Resolver:
    """Incremental person resolution over a stream of documents (see the module docs)."""

    def __init__(self, next_id: int = 1) -> None:
        self.next_id = next_id
        self.profiles: dict[int, Profile] = {}
        self._tokens: dict[str, set[int]] = {}  # name word -> persons
        self._names: dict[Key, set[int]] = {}  # the sorted words of a name -> persons
        self._affixes: dict[str, set[str]] = {}  # first or last 4+ letters -> the words they start or end

    def add_profile(self, profile: Profile) -> None:
        self.profiles[profile.person_id] = profile
        for key in profile.names:
            self._index_key(key, profile.person_id)
        self.next_id = max(self.next_id, profile.person_id + 1)

    def _index_key(self, key: Key, person_id: int) -> None:
        words = _words(key)
        self._names.setdefault(words, set()).add(person_id)
        for token in words:
            if token not in self._tokens:
                for cut in range(4, len(token)):
                    self._affixes.setdefault(token[:cut], set()).add(token)
                    self._affixes.setdefault(token[-cut:], set()).add(token)
                self._tokens[token] = set()
            self._tokens[token].add(person_id)

    def _persons_with(self, tokens: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for token in tokens:
            found |= self._tokens.get(token, set())
        return found

    def candidates(self, key: Key) -> set[int]:
        """Persons who may bear this name: one of whose names holds all its words, or is made of
        some of them, or which has one of its words cut short and another whole ("Rizal Nasution" ~
        "Syahrizal Nasution"); for a one-word name, every person with that word or a word it may
        be cut from ("Rizal" ~ "Syahrizal", "Jokowi" ~ "Joko")."""
        words = _words(key)
        if len(words) == 1:
            token = words[0]
            return self._persons_with({token} | self._affixes.get(token, set()) | self._affixes.get(token[:4], set()))
        postings = sorted((self._tokens.get(t, set()) for t in words), key=len)
        found = set(postings[0]).intersection(*postings[1:])
        for size in range(1, len(words)):
            for part in combinations(words, size):
                found |= self._names.get(part, set())
        for token in words:  # a word cut short: persons with the longer word and another word of the name
            others = set(words) - {token}
            for pid in self._persons_with(self._affixes.get(token, set()) - {token}):
                if any(others & set(name) for name in self.profiles[pid].names):
                    found.add(pid)
        return found

    def resolve_document(self, items: list[Item]) -> list[Link]:
        """Assign every item of one document a person id, best-scoring pairs first."""
        scored = []
        best_rejected: dict[int, tuple[float, int]] = {}
        for i, item in enumerate(items):
            for pid in self.candidates(item.key):
                total, _, matched, evidence = score(item, self.profiles[pid])
                if total >= THRESHOLD:
                    scored.append((-total, pid, i, matched, evidence))
                elif total > best_rejected.get(i, (0.0, 0))[0]:
                    best_rejected[i] = (total, pid)
        scored.sort()
        links: dict[int, Link] = {}
        taken: set[int] = set()
        for negative, pid, i, matched, evidence in scored:
            if i in links or pid in taken:
                continue
            links[i] = Link(items[i].doc_id, items[i].name, pid, "merge", matched, pid, -negative, "; ".join(evidence))
            taken.add(pid)
        for i, item in enumerate(items):
            if i not in links:
                pid = self.next_id
                self.next_id += 1
                rejected = best_rejected.get(i)
                evidence = ""
                if rejected:
                    evidence = "; ".join(score(item, self.profiles[rejected[1]])[3])
                links[i] = Link(item.doc_id, item.name, pid, "new", None, rejected[1] if rejected else None,
                                rejected[0] if rejected else None, evidence)
        for i, item in enumerate(items):
            pid = links[i].person_id
            profile = self.profiles.get(pid)
            if profile is None:
                profile = self.profiles[pid] = Profile(pid)
            new_names = item.key not in profile.names
            profile.add(item)
            if new_names:
                self._index_key(item.key, pid)
        return [links[i] for i in range(len(items))]


def document_items(record: dict, provinces: Iterable[str], date: Optional[str] = None) -> list[Item]:
    """The person items of one record (its ``persons``, with offices from its ``officials``)."""
    offices: dict[str, list[OfficeRef]] = {}
    for off in record.get("officials") or []:
        offices.setdefault(off["name"], []).append(OfficeRef(
            title=off.get("title") or "",
            jurisdiction=(off.get("jurisdiction") or {}).get("code"),
            kecamatan=(off.get("kecamatan") or {}).get("code"),
            desa=(off.get("desa") or {}).get("code"),
            institution=(off.get("institution") or {}).get("id"),
        ))
    people = [p["name"] for p in record.get("persons") or []]
    people += [name for name in offices if name not in people]
    keys = {name: name_key(name) for name in people}
    provinces = frozenset(provinces)
    regions = frozenset(r["code"] for r in record.get("regions") or [])
    items = []
    for name in people:
        if not keys[name]:
            continue
        co = frozenset(k for other, k in keys.items() if other != name and len(k) >= 2)
        items.append(Item(str(record["id"]), name, keys[name], tuple(offices.get(name, ())), provinces, regions, co, date))
    return items
