"""Direct quotes and who said them.

A quote is text between double quotation marks (curly or straight) that reads as speech: it ends
in punctuation, or a speech verb stands next to it. Scare quotes around a phrase are skipped. A
quotation over several paragraphs (each opens with a mark, only the last closes) is one quote per
paragraph, all with the speaker of the last.
The speaker is, in order:
- the person right after a speech verb following the quote: “…,” ujar Arman Sutedja;
- for "ujarnya/katanya/tegasnya": the last person named before the quote (outside quotations);
- a person named earlier in the same sentence with a speech verb or a colon: Rina mengatakan, “…”.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from warta.component import SettingsComponent
from warta.extensions import register_extensions
from warta.resources import load_lexicon

# “curly”, "straight", «guillemets», &quot;HTML-escaped&quot; and 'single' (the last only before a
# speech verb: an apostrophe is also a letter in "Jum'at", "Ma'ruf").
_QUOTE = re.compile(r"“([^”“]{2,}?)”|\"([^\"\n]{2,}?)\"|«([^»]{2,}?)»|&quot;((?:(?!&quot;)[^\n]){2,}?)&quot;|(?<!\w)'([^'\n]{2,}?)'(?!\w)")
_SINGLE = 5
_PARAGRAPH_OPENER = re.compile(r"(?m)^[ \t]*([“\"])")
_AFTER_WINDOW = 80
# "… ,” tutur politikus Partai Demokrasi Indonesia Perjuangan (PDI-P) itu.": a description ending
# in "itu"/"tersebut" refers back to someone already named.
_ANAPHOR = re.compile(r"^\s+(?:sang\s+)?[a-z][\w-]*(?:\s+[^\s.!?“”\"]+){0,8}?\s+(?:itu|tersebut)\b")
_ABBREVIATION = re.compile(r"\b[A-Z][A-Za-z]{0,3}\.")  # "Dr.", "Ir.", "H.", "Prof.": no sentence end
_BEFORE_WINDOW = 200


class QuoteDetector(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_quotes", *, min_words: int = 3) -> None:
        self.name = name
        self.settings = {"min_words": min_words}
        register_extensions()
        self.configure()

    def configure(self) -> None:
        verbs = load_lexicon()["speech_verbs"]
        self.nya_verbs = frozenset(v for v in verbs if v.endswith("nya"))
        self.after_verbs = frozenset(v for v in verbs if " " not in v)
        words = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
        self.after_re = re.compile(rf"^\s*[,.!?]?\s*(?:—\s*)?({words})\b", re.IGNORECASE)
        self.before_re = re.compile(rf"\b({words})\b[^.!?“”\"]*$|:\s*$", re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        persons = doc._.warta_persons or []
        matches = list(_QUOTE.finditer(text))
        inside = [(m.start(), m.end()) for m in matches]
        # Names inside quotations are not candidates for who is speaking.
        mentions = sorted(
            (s, e, p["name"]) for p in persons for s, e in p["mentions"] if not any(a <= s < b for a, b in inside)
        )
        starts = [m[0] for m in mentions]
        quotes: list[dict] = []
        for match in matches:
            group = next(g for g in (1, 2, 3, 4, 5) if match.group(g) is not None)
            start, end = match.start(group), match.end(group)
            inner = match.group(group)
            after = text[match.end() : match.end() + _AFTER_WINDOW]
            before = text[max(0, match.start() - _BEFORE_WINDOW) : match.start()]
            after_verb = self.after_re.match(after)
            before_verb = self.before_re.search(before.split("\n")[-1])
            speechlike = inner.rstrip()[-1:] in ",.!?…" or after_verb or before_verb
            if not speechlike or len(inner.split()) < self.settings["min_words"] and not after_verb:
                continue
            if group == _SINGLE and not after_verb:
                continue
            speaker = None
            if after_verb:
                verb = after_verb.group(1).lower()
                rest = after[after_verb.end() :]
                if verb in self.nya_verbs or verb.endswith(" dia") or _ANAPHOR.match(rest):
                    # "ujarnya", "kata dia", "tutur politikus PDI-P itu": the subject of the last
                    # sentence that names someone ("Rieke … meminta Kapolri Haryo …" → Rieke)
                    speaker = _subject_before(mentions, starts, match.start(), text, inside)
                else:
                    verb_end = match.end() + after_verb.end()
                    speaker = _first_after(mentions, starts, verb_end, verb_end + _AFTER_WINDOW, text)
            if speaker is None and quotes and quotes[-1]["speaker"] and not after_verb:
                # “…,” kata Arman. “Setiap bulan …” — a quotation continued after its attribution.
                gap = text[quotes[-1]["end"] : match.start()]
                if len(gap) < 80 and "\n" not in gap and self.after_re.match(gap[1:] if gap[:1] in "”\"" else gap):
                    speaker = quotes[-1]["speaker"]
            if speaker is None and before_verb:
                sentence_start = max(before.rfind(". "), before.rfind("\n"))
                lower = match.start() - len(before) + (sentence_start + 1 if sentence_start >= 0 else 0)
                speaker = _last_before(mentions, starts, match.start(), lower)
            quotes.append({"speaker": speaker, "start": start, "end": end})
        quotes += self._open_paragraphs(text, quotes, inside)
        doc._.warta_quotes = sorted(quotes, key=lambda q: q["start"])
        return doc

    def _open_paragraphs(self, text: str, quotes: list[dict], inside: list[tuple[int, int]]) -> list[dict]:
        """A quotation over several paragraphs opens each paragraph and closes only the last:
        “Data ini masih sementara. ⏎ “Kami perbarui besok,” tutur Dani. The open paragraphs take
        the speaker of the quotation that closes."""
        by_start = {q["start"]: q for q in quotes}
        found: list[dict] = []
        for opener in reversed(list(_PARAGRAPH_OPENER.finditer(text))):
            start = opener.end()
            if any(a <= opener.start(1) < b for a, b in inside):
                continue
            para_end = text.find("\n", start)
            segment = text[start:para_end].rstrip() if para_end > 0 else ""
            if not segment or any(mark in segment for mark in "”\"") or len(segment.split()) < self.settings["min_words"]:
                continue
            following = _PARAGRAPH_OPENER.match(text, para_end + 1)
            while following is None and para_end + 1 < len(text) and text[para_end + 1] in " \t\r\n":
                para_end += 1
                following = _PARAGRAPH_OPENER.match(text, para_end + 1)
            closing = by_start.get(following.end()) if following else None
            if closing is None:
                continue
            quote = {"speaker": closing["speaker"], "start": start, "end": start + len(segment)}
            by_start[start] = quote
            found.append(quote)
        return found


def _first_after(mentions, starts, lower: int, upper: int, text: str) -> Optional[str]:
    i = bisect_left(starts, lower)
    if i < len(mentions) and mentions[i][0] < upper and not re.search(r"[.!?]\s", _ABBREVIATION.sub("", text[lower : mentions[i][0]])):
        return mentions[i][2]
    return None


def _subject_before(mentions, starts, upper: int, text: str, inside: list[tuple[int, int]]) -> Optional[str]:
    """The first person named in the sentence of the last person named before ``upper``."""
    i = bisect_left(starts, upper) - 1
    if i < 0:
        return None
    last = mentions[i][0]
    head = _ABBREVIATION.sub(lambda m: "#" * len(m.group()), text[max(0, last - 300) : last])
    boundary = max((m.end() for m in re.finditer(r"[.!?]\s|\n", head)), default=0) + max(0, last - 300)
    while i > 0 and mentions[i - 1][0] >= boundary and not any(a <= boundary < b for a, b in inside):
        i -= 1
    return mentions[i][2]


def _last_before(mentions, starts, upper: int, lower: int = 0) -> Optional[str]:
    i = bisect_left(starts, upper) - 1
    if i >= 0 and mentions[i][0] >= lower:
        return mentions[i][2]
    return None


@Language.factory("warta_quotes", default_config={"min_words": 3}, assigns=["doc._.warta_quotes"])
def make_quote_detector(nlp: Language, name: str, min_words: int) -> QuoteDetector:
    return QuoteDetector(nlp, name, min_words=min_words)
