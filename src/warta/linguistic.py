"""Token-level analysis for ``--linguistic`` output: text, lemma, UPOS, features, dependency head.

Engine-neutral: the spaCy engine gives tokens and sentences (no lemmas, tags or parse in the
shipped model), the Stanza engine adds lemma, UPOS, XPOS, features and the dependency parse.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


def linguistic_tokens(doc: Doc, *, offset: int = 0) -> list[dict[str, Any]]:
    """Tokens with their analysis, for ``--linguistic`` output (whitespace tokens left out).

    Each item: ``i`` (position in this list), ``start``/``end`` (character offsets, plus
    ``offset``), ``text``, ``lemma``, ``upos``, ``xpos``, ``morph`` (UD features string),
    ``head`` (``i`` of the syntactic head; a sentence root points to itself; None when the
    doc has no parse), ``dep`` (UD relation, ``root`` for roots; None without a parse),
    ``sent`` (sentence number, 0-based). Works on Docs from either engine.
    """
    kept = [t for t in doc if not t.is_space]
    index = {t.i: n for n, t in enumerate(kept)}
    has_parse = doc.has_annotation("DEP")
    sent_of: dict[int, int] = {}
    if doc.has_annotation("SENT_START") or has_parse:
        for s_no, sent in enumerate(doc.sents):
            for t in sent:
                sent_of[t.i] = s_no
    out = []
    for n, t in enumerate(kept):
        head = None
        dep = None
        if has_parse:
            h = t.head
            while h.is_space and h.head.i != h.i:
                h = h.head
            head = index.get(h.i, n)
            dep = "root" if t.dep_ == "ROOT" or head == n else t.dep_
        out.append(
            {
                "i": n,
                "start": t.idx + offset,
                "end": t.idx + len(t.text) + offset,
                "text": t.text,
                "lemma": t.lemma_ or None,
                "upos": t.pos_ or None,
                "xpos": t.tag_ or None,
                "morph": str(t.morph) or None,
                "head": head,
                "dep": dep,
                "sent": sent_of.get(t.i, 0),
            }
        )
    return out
