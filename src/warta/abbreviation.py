"""Acronyms defined in the text: "Komisi Pemilihan Umum (KPU)".

A Schwartz–Hearst style matcher: the acronym's letters must appear in order in the long form, the
first letter starting its first word, and the long form is the shortest run of capitalised words
(with connectors such as "dan") before the parenthesis that satisfies that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9&/.\-]{1,14}$")
CONNECTORS = frozenset({"dan", "untuk", "atas", "dari", "di", "pada", "&", "-", "serta", "dengan", "bagi", "se-"})
MAX_LONG_FORM = 12


@dataclass(frozen=True)
class AcronymDefinition:
    long_start: int  # token index of the long form's first token
    long_end: int  # token index one past the long form (the "(" token)
    acronym_index: int  # token index of the acronym inside the parentheses

    def acronym(self, doc: Doc) -> str:
        return doc[self.acronym_index].text


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text)) and sum(c.isupper() for c in text) >= 2


def letters_match(acronym: str, long_form: str) -> bool:
    """Schwartz–Hearst check: every acronym letter found right-to-left in the long form."""
    short = [c.lower() for c in acronym if c.isalnum()]
    long = long_form.lower()
    if not short or not long:
        return False
    li = len(long) - 1
    for si in range(len(short) - 1, -1, -1):
        char = short[si]
        while li >= 0 and (long[li] != char or (si == 0 and li > 0 and long[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
    return True


def find_acronym_definitions(doc: Doc) -> list[AcronymDefinition]:
    found: list[AcronymDefinition] = []
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not is_acronym(doc[i + 1].text):
            continue
        acronym = doc[i + 1].text
        for start in range(i - 1, max(-1, i - 1 - MAX_LONG_FORM), -1):
            token = doc[start]
            if token.is_sent_start and start != i - 1 and not token.text[:1].isupper():
                break
            if not (token.text[:1].isupper() or token.lower_ in CONNECTORS or token.text.isdigit()):
                break
            if token.lower_ in CONNECTORS:
                continue
            if letters_match(acronym, doc[start:i].text):
                found.append(AcronymDefinition(start, i, i + 1))
                break
    return found


def lowercase_definitions(doc: Doc) -> set[str]:
    """Acronyms this text defines with a lowercase long form: "bantuan keuangan desa (BKD)",
    "laporan hasil pemeriksaan (LHP)". They name a thing, not a body, here."""
    found = set()
    orth = doc.to_array("ORTH")
    opening = doc.vocab.strings["("]
    for i in (int(j) for j in (orth == opening).nonzero()[0]):  # only the brackets, found in C
        if i < 1 or i + 2 >= len(doc) or doc[i + 2].text != ")" or not is_acronym(doc[i + 1].text):
            continue
        acronym = doc[i + 1].text
        letters = sum(c.isalpha() for c in acronym)
        start = i
        while start > 0 and i - start < letters + 2 and doc[start - 1].is_lower and doc[start - 1].is_alpha:
            start -= 1
        words = [t.text for t in doc[start:i] if t.lower_ not in CONNECTORS]
        # the initials of the words right before the bracket spell the acronym
        if len(words) >= 2 and "".join(w[0] for w in words[-letters:]).lower() == acronym.lower():
            found.add(acronym)
    return found


def skip_parenthetical(doc: Doc, i: int, max_tokens: int = 6) -> int:
    """Index after a short "( … )" group starting at ``i``, or ``i`` when there is none."""
    if i >= len(doc) or doc[i].text != "(":
        return i
    for j in range(i + 1, min(len(doc), i + max_tokens + 2)):
        if doc[j].text == ")":
            return j + 1
        if doc[j].text in ("(", ".", "“", "”"):
            break
    return i
