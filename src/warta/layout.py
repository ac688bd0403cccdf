"""Document layout cues: the headline, and the lines scraped pages add around the story.

News headlines are written in title case ("Kepala Daerah Sepakati Pengolahan Sampah Bersama"), so
capitalisation, which the rules read as a sign of names, means nothing there. Text scraped from news
sites also carries bylines ("Penulis: … | Editor: …"), photo captions and credits, "Baca juga:"
links to other stories, tags and advertising markers: none of them is part of the story, and the
rule components find nothing in them.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span

MIN_HEADLINE_WORDS = 3
TITLE_CASE_SHARE = 0.7
MAX_HEADLINE_TOKENS = 120  # a longer first line is not a headline
# A lede dense with titles and names is as capitalised as a headline, but longer and it ends a
# sentence: "PEKANBARU — Sekretaris Daerah Provinsi Riau SF Hariyanto … di Kantor Gubernur Riau."
MAX_HEADLINE_WORDS = 25


# "Beranda > Daerah > Papua": a site's breadcrumb above the headline
_BREADCRUMB = re.compile(r"^[ \t]*[^\n>»›]{1,40}(?:[ \t][>»›][ \t][^\n>»›]{1,40}){1,6}[ \t]*$", re.MULTILINE)


def headline_tokens(doc: Doc) -> range:
    """Token indices of a title-case first line followed by a blank line (empty range if none);
    a breadcrumb line before it is skipped."""
    # Only the first lines matter: reading them avoids building the text of a long document.
    text = doc[: MAX_HEADLINE_TOKENS + 1].text
    start_char = 0
    crumb = _BREADCRUMB.match(text)
    if crumb is not None and crumb.start() == 0:
        start_char = len(text) - len(text[crumb.end() :].lstrip())
    end_char = text.find("\n", start_char)
    if end_char <= start_char or not text[end_char + 1 :].lstrip(" \t\r").startswith("\n"):
        return range(0)  # no blank line after the first line
    first_line = [t for t in doc[: MAX_HEADLINE_TOKENS + 1] if start_char <= t.idx < end_char and not t.is_space]
    words = [t for t in first_line if t.is_alpha]
    if len(words) < MIN_HEADLINE_WORDS or len(words) > MAX_HEADLINE_WORDS:
        return range(0)
    if first_line[-1].text in (".", "!") and sum(t.text in (".", "!", "?") for t in first_line) > 1:
        return range(0)  # two sentences or more: a paragraph
    capitalised = sum(1 for t in words if t.text[:1].isupper())
    if capitalised / len(words) < TITLE_CASE_SHARE:
        return range(0)
    return range(first_line[0].i, first_line[-1].i + 1)


# A line that opens with one of these labels (and a colon), or is only a credit in brackets.
_NOISE_LINE = re.compile(
    r"^[ \t]*(?:"
    r"(?:Penulis|Editor|Reporter|Pewarta|Redaktur|Wartawan|Kontributor|Fotografer|Foto|Video|Grafis|Sumber foto"
    r"|Baca [Jj]uga|BACA JUGA|Lihat [Jj]uga|LIHAT JUGA|Simak [Jj]uga|Artikel [Tt]erkait|Berita [Tt]erkait"
    r"|Tag|Tags|TAG|Topik|Kata [Kk]unci|Oleh|Bagikan(?: artikel| berita)?(?: ini)?|Share(?: this)?|Dibaca)[ \t]*:"
    r"(?:[ \t]*\n(?:[ \t]*[-•*][^\n]*\n)*[ \t]*[-•*]?)?"  # "Baca Juga:" and the linked titles on the next lines
    r"|Posting Komentar|Tulis Komentar|Komentar untuk"  # a comment widget quoting the headline
    r"|ADVERTISEMENT|Advertisement|SCROLL TO CONTINUE|Scroll to continue|Copyright|©"
    r"|\((?:[^()\n/]{1,30}/){1,3}[^()\n/]{1,30}\)[ \t]*$"  # "(WartaSultra/Rahmat Laode)", "(ant/ril)"
    r"|\((?:adv|\*|ant|ril)\)[ \t]*$"
    r"|[^\n]*\((?:Foto|FOTO|Dok|Dok\.|Ilustrasi)[^()\n]{0,60}\)[ \t]*$"  # a caption ending in its credit
    r"|[^\n>»›]{1,40}(?:[ \t][>»›][ \t][^\n>»›]{1,40}){1,6}[ \t]*$"  # a breadcrumb
    r"|(?:(?:Facebook|Twitter|X|WhatsApp|Telegram|LINE|Line|Instagram|TikTok|YouTube|LinkedIn|Email|E-mail|Salin [Tt]autan|Copy [Ll]ink)[ \t|,/·•]*){2,}$"
    r").*$",
    re.MULTILINE,
)
NOISE_KEY = "warta_noise"
# A reporter's credit closing a paragraph: "… ,” tutupnya. (Ant)", "(Alan)", "--Bayu/Portal.com" at a
# headline's end. Only the credit is furniture, not the line before it.
_END_CREDIT = re.compile(r"(?<=[.!?”\"’)])[ \t]*\([A-Za-z]{2,12}(?:/[A-Za-z]{2,12})?\)[ \t]*$|[ \t]*-{2}[A-Z][\w.]*(?:/[\w.]+)+[ \t]*$", re.MULTILINE)


def noise_tokens(doc: Doc) -> set[int]:
    """Token indices on bylines, captions, "Baca juga" links, tags and ad markers. Found once per
    Doc and kept in ``doc.spans["warta_noise"]``."""
    if NOISE_KEY not in doc.spans:
        spans = []
        for match in (*_NOISE_LINE.finditer(doc.text), *_END_CREDIT.finditer(doc.text)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and len(span):
                spans.append(Span(doc, span.start, span.end, label="NOISE"))
        doc.spans[NOISE_KEY] = spans
    return {i for span in doc.spans[NOISE_KEY] for i in range(span.start, span.end)}


LOWERCASE_KEY = "warta_lowercase"
LOWERCASE_SHARE = 0.97
MIN_LOWERCASE_WORDS = 20


def lowercase_text(doc: Doc) -> bool:
    """Is the whole text written in lowercase (as some social-media news is, and NERP)? Then
    capitalisation says nothing about names, and the model's persons are taken as written."""
    cached = doc.user_data.get(LOWERCASE_KEY)
    if cached is None:
        words = [t for t in doc[:400] if t.is_alpha and len(t) > 1]
        cached = len(words) >= MIN_LOWERCASE_WORDS and sum(t.is_lower for t in words) >= LOWERCASE_SHARE * len(words)
        doc.user_data[LOWERCASE_KEY] = cached
    return cached


# A dateline opens the body: a place of one to four capitalised words, then the agency after a comma
# or in parentheses, then a dash.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z.'’]*(?: [A-Z][A-Za-z.'’]*){0,3}(?:,\s*([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})\s*[—–-]|\s*\(([A-Z][\w.]*(?: [A-Z][\w.]*){0,3})\)\s*[—–-])",
    re.MULTILINE,
)
DATELINE_TOKENS = 250  # the dateline is looked for in the first 2,000 characters, at most this many tokens


def dateline_place(doc: Doc) -> Optional[Span]:
    """"SOE, Warta —": the place's span, if the text opens with a dateline."""
    match = _DATELINE.search(doc[:DATELINE_TOKENS].text[:2000])
    if match is None:
        return None
    place = doc.text[match.start() : match.end()].split(",")[0].split("(")[0].rstrip()
    return doc.char_span(match.start(), match.start() + len(place), label="LOCATION")


def dateline_agency(doc: Doc) -> Optional[Span]:
    """"PONTIANAK, Warta —" / "Makassar (Lintas Nusa) -": the agency's span, if the text opens
    with a dateline."""
    match = _DATELINE.search(doc[:DATELINE_TOKENS].text[:2000])
    if match is None:
        return None
    group = 1 if match.group(1) else 2
    return doc.char_span(match.start(group), match.end(group), label="ORGANIZATION")
