"""Document layout cues: the headline.

News headlines are written in title case ("Kepala Daerah Sepakati Pengolahan Sampah Bersama"), so
capitalisation, which the rules read as a sign of names, means nothing there.
"""

from __future__ import annotations

from spacy.tokens import Doc

MIN_HEADLINE_WORDS = 3
TITLE_CASE_SHARE = 0.7


def headline_tokens(doc: Doc) -> range:
    """Token indices of a title-case first line followed by a blank line (empty range if none)."""
    text = doc.text
    end_char = text.find("\n")
    if end_char <= 0 or not text[end_char + 1 :].lstrip(" \t\r").startswith("\n"):
        return range(0)  # no blank line after the first line
    words = [t for t in doc if t.idx < end_char and t.is_alpha]
    if len(words) < MIN_HEADLINE_WORDS:
        return range(0)
    capitalised = sum(1 for t in words if t.text[:1].isupper())
    if capitalised / len(words) < TITLE_CASE_SHARE:
        return range(0)
    last = max(t.i for t in doc if t.idx < end_char)
    return range(0, last + 1)
