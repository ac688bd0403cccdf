"""Document layout cues: the headline.

News headlines are written in title case ("Kepala Daerah Sepakati Pengolahan Sampah Bersama"), so
capitalisation, which the rules read as a sign of names, means nothing there.
"""

from __future__ import annotations

from spacy.tokens import Doc

MIN_HEADLINE_WORDS = 3
TITLE_CASE_SHARE = 0.7
MAX_HEADLINE_TOKENS = 120  # a longer first line is not a headline
# A lede dense with titles and names is as capitalised as a headline, but longer and it ends a
# sentence: "PEKANBARU — Sekretaris Daerah Provinsi Riau SF Hariyanto … di Kantor Gubernur Riau."
MAX_HEADLINE_WORDS = 25


def headline_tokens(doc: Doc) -> range:
    """Token indices of a title-case first line followed by a blank line (empty range if none)."""
    # Only the first lines matter: reading them avoids building the text of a long document.
    text = doc[: MAX_HEADLINE_TOKENS + 1].text
    end_char = text.find("\n")
    if end_char <= 0 or not text[end_char + 1 :].lstrip(" \t\r").startswith("\n"):
        return range(0)  # no blank line after the first line
    first_line = [t for t in doc[: MAX_HEADLINE_TOKENS + 1] if t.idx < end_char]
    words = [t for t in first_line if t.is_alpha]
    if len(words) < MIN_HEADLINE_WORDS or len(words) > MAX_HEADLINE_WORDS:
        return range(0)
    if first_line[-1].text in (".", "!") and sum(t.text in (".", "!", "?") for t in first_line) > 1:
        return range(0)  # two sentences or more: a paragraph
    capitalised = sum(1 for t in words if t.text[:1].isupper())
    if capitalised / len(words) < TITLE_CASE_SHARE:
        return range(0)
    return range(0, first_line[-1].i + 1)
