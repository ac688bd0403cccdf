"""Dependency-parse helpers: appositions and coordination, for any parsed spaCy ``Doc``.

The officials component uses them when the Doc carries a parse (the Stanza engine, or a spaCy
pipeline with a parser): "Rina Widyastuti, Kepala Dinas Kesehatan Jawa Barat, ..." pairs a name
with a title across words the surface rules cannot see past. Docs without a parse get [].
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Optional

from spacy.tokens import Doc, Span, Token

_NAME_DEPS = {"flat", "flat:name", "compound", "flat:foreign"}
_CUT_DEPS = {"punct", "acl", "acl:relcl", "advcl", "parataxis", "conj", "cc", "appos", "nsubj", "obj", "ccomp",
             "xcomp", "case", "mark"}


def _name_span(head: Token) -> Span:
    """The head token plus its contiguous flat/flat:name dependents (a proper name)."""
    lo = hi = head.i
    members = {head.i} | {c.i for c in head.children if c.dep_ in _NAME_DEPS}
    while lo - 1 in members:
        lo -= 1
    while hi + 1 in members:
        hi += 1
    return head.doc[lo : hi + 1]


def _phrase_span(head: Token) -> Span:
    """The head's subtree, cut before clausal, coordinated, appositive or punctuation dependents."""
    doc = head.doc
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in _CUT_DEPS:
            excluded.update(t.i for t in child.subtree)
    lo = hi = head.i
    while lo - 1 >= 0 and lo - 1 not in excluded and doc[lo - 1] in head.subtree and not doc[lo - 1].is_space:
        lo -= 1
    while hi + 1 < len(doc) and hi + 1 not in excluded and doc[hi + 1] in head.subtree and not doc[hi + 1].is_space:
        hi += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo : hi + 1]


def _looks_like_name(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


_TITLE_WORDS: Optional[frozenset[str]] = None


def _title_words() -> frozenset[str]:
    """First words of the title forms in warta's catalog ("kepala", "gubernur", "direktur", ...)."""
    global _TITLE_WORDS
    if _TITLE_WORDS is None:
        words: set[str] = set()
        try:
            from warta.catalog import load_catalog

            for entry in load_catalog().titles:
                for form in entry.forms:
                    if form.split():
                        words.add(form.split()[0].lower())
        except Exception:  # pragma: no cover - the catalog is part of the package
            pass
        _TITLE_WORDS = frozenset(words)
    return _TITLE_WORDS


def default_is_title(span: Span) -> bool:
    """A span is a title when its first word starts a title in warta's catalog, or is a capitalised NOUN."""
    if not len(span):
        return False
    first = span[0]
    return first.lower_ in _title_words() or (first.pos_ == "NOUN" and first.text[:1].isupper())


def appositive_pairs(
    doc: Doc,
    *,
    is_title: Optional[Callable[[Span], bool]] = None,
    is_person: Optional[Callable[[Span], bool]] = None,
) -> list[tuple[Span, Span]]:
    """(person span, title span) pairs linked by an ``appos`` relation in the dependency parse.

    Both orders are found: "Rina Widyastuti, Kepala Dinas Kesehatan Jawa Barat, ..." (title
    appositive to the name) and "Kepala Dinas Kesehatan Jawa Barat, Rina Widyastuti, ..." (name
    appositive to the title). Names coordinated with ``conj`` under one appositive title
    ("Budi dan Rina, anggota DPRD ...") each get a pair with that title.

    The person span is the name head with its contiguous ``flat``/``flat:name``/``compound``
    dependents; the title span is the other side's head with its modifiers (``nmod``, ``amod``,
    ``flat``, ...), cut before clauses (``acl``, ``acl:relcl``), punctuation, coordination and
    further appositions, without leading/trailing punctuation.

    ``is_title(span)``: is the span a title? Default :func:`default_is_title` (first word starts a
    title form of warta's catalog, or is a capitalised NOUN). ``is_person(span)``: is the span a
    person name? Default: its root is a capitalised PROPN and it overlaps no non-PER entity in
    ``doc.ents``. Returns [] for a Doc without a parse. Pairs are sorted by the person span's
    start; a person span is paired once (its first appositive title).
    """
    if not doc.has_annotation("DEP"):
        return []
    is_title = is_title or default_is_title
    ent_label = {t.i: ent.label_ for ent in doc.ents for t in ent}

    def person(span: Span) -> bool:
        if is_person is not None:
            return is_person(span)
        if not _looks_like_name(span.root):
            return False
        labels = {ent_label.get(t.i) for t in span} - {None}
        return not labels or labels <= {"PER", "PERSON"}

    pairs: list[tuple[Span, Span]] = []
    seen: set[tuple[int, int]] = set()

    def add(name_head: Token, title_head: Token) -> None:
        title = _phrase_span(title_head)
        for nh in [name_head, *[c for c in name_head.conjuncts if c.i > name_head.i]]:
            name = _name_span(nh)
            key = (name.start, name.end)
            if key in seen or not len(title) or title.start < name.end and name.start < title.end:
                continue
            if person(name):
                seen.add(key)
                pairs.append((name, title))

    for tok in doc:
        if tok.dep_ != "appos" or tok.head.i == tok.i:
            continue
        head = tok.head
        head_title = is_title(_phrase_span(head))
        dep_title = is_title(_phrase_span(tok))
        if dep_title and not head_title:
            add(head, tok)  # "NAME, TITLE"
        elif head_title and not dep_title:
            add(tok, head)  # "TITLE, NAME"
    pairs.sort(key=lambda p: p[0].start)
    return pairs


def coordinated_groups(doc: Doc) -> list[list[Span]]:
    """Coordinated phrases (``conj``): for "Bupati Sleman, Bupati Bantul dan Wali Kota Yogyakarta"
    one group of three spans. Each span is the conjunct's phrase without the ``cc``/``punct``
    that joins it; groups are in document order. Returns [] for a Doc without a parse.
    """
    if not doc.has_annotation("DEP"):
        return []
    groups = []
    for tok in doc:
        if tok.dep_ == "conj" or not any(c.dep_ == "conj" for c in tok.children):
            continue
        members = [tok, *sorted(tok.conjuncts, key=lambda t: t.i)]
        groups.append([_phrase_span(t) for t in members])
    return groups


__all__ = ["appositive_pairs", "coordinated_groups", "default_is_title"]
