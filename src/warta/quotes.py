"""Direct quotes and who said them.

Method: a scanner pairs quotation marks of every style the press uses (“…”, "…", ’’…’’, ‘‘…’’,
''…'', «…», &quot;…&quot;, mixed “…" and "…”; ‘…’ and '…' only before a speech verb) and keeps
the quotations that read as speech: they end in punctuation, or a speech verb stands next to them.
Scare quotes around a phrase are skipped. A quotation left open is one paragraph long: when the
next paragraph opens a quotation too it is the first part of a quotation over several paragraphs
(all parts take the speaker of the part that closes); otherwise (a text cut off, a lost mark) it
is a quote of its own when it opens a paragraph or a sentence.

The speaker is, in order:
- the person right after a speech verb following the quote: “…,” ujar Arman Sutedja;
- a title alone after the verb ("ujar Kapolres", "kata hakim"): the official holding it;
- a quotation continued after its attribution: “…,” kata Arman. “…”;
- a person named in the same sentence before it with a speech verb or a colon: Rina mengatakan, “…”
  (also "kata Rina:" closing the paragraph before);
- otherwise ("ujarnya", "kata dia", "tutur politikus itu", no attribution, an attribution the
  crawler cut off) the last plausible speaker before it: the speaker of an earlier quote, a person
  or a title that is the subject of a sentence ("Rina menambahkan", "Kapolres menjelaskan") or
  follows a speech verb ("Menurut Rina"); sentences whose subject is a pronoun ("Ia menegaskan")
  pass on to the one before, and an unnamed subject ("Seorang warga mengaku …") means nobody.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc

from warta.catalog import load_catalog
from warta.component import SettingsComponent
from warta.extensions import register_extensions
from warta.layout import NOISE_KEY, noise_tokens
from warta.resources import load_lexicon, load_quote_cues

# Marks: double ones (curly, straight, doubled apostrophes, guillemets, HTML-escaped) and single
# ones (an apostrophe is also a letter in "Jum'at", "Ma’ruf": only at a word's edge).
_MARK = re.compile(r"&quot;|‘‘|’’|''|``|[“”„«»\"]|(?<!\w)[‘'](?=\w)|(?<=[\w,.!?…])[’'](?!\w)")
_OPEN_ONLY = frozenset({"“", "„", "«", "‘‘", "``", "‘"})
_CLOSE_ONLY = frozenset({"”", "»"})
_SINGLE = frozenset({"‘", "’", "'"})
_ABBREVIATION = re.compile(r"\b[A-Z][A-Za-z]{0,3}\.")  # "Dr.", "Ir.", "H.", "Prof.": no sentence end
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’']?\s+|\n")
_WORD = re.compile(r"[A-Za-z][\w-]*")
_AFTER_WINDOW = 80
_BEFORE_WINDOW = 200
_BACK_WINDOW = 1500
_SPACES = re.compile(r"\s*")
# between a title and its holder's name: the unit, region, commas, an acronym in brackets
_TITLE_TO_NAME = re.compile(r"[\s,]*(?:(?:[A-Z][\w.'’&/-]*|\([^)]*\)|dan|di|dari)[\s,]*)*$")  # how far back a "katanya" may look for its speaker


@dataclass(frozen=True)
class Quotation:
    """One run of quoted text: ``start:end`` is the inside, ``open_at:close_at`` the marks."""

    open_at: int
    start: int
    end: int
    close_at: int  # end of the closing mark (== end when the quotation is left open)
    closed: bool
    single: bool


def find_quotations(text: str) -> list[Quotation]:
    """Pair opening and closing marks. Straight and single marks never span a line; a curly
    quotation may (a broken line inside it) until another opening mark."""
    found: list[Quotation] = []
    opener: Optional[re.Match] = None
    for mark in _MARK.finditer(text):
        kind = mark.group()
        single = kind in _SINGLE
        if opener is not None:
            same_class = (opener.group() in _SINGLE) == single
            crosses_line = "\n" in text[opener.end() : mark.start()]
            if crosses_line and (opener.group() not in _OPEN_ONLY or opener.group() == "‘" or kind in _OPEN_ONLY):
                found.append(_left_open(text, opener))
                opener = None
            elif same_class and kind not in _OPEN_ONLY:
                found.append(Quotation(opener.start(), opener.end(), mark.start(), mark.end(), True, single))
                opener = None
                continue
            elif same_class and kind in _OPEN_ONLY:
                found.append(_left_open(text, opener))
                opener = None
            else:
                continue
        if kind not in _CLOSE_ONLY and _can_open(text, mark):
            opener = mark
    if opener is not None:
        found.append(_left_open(text, opener))
    return [q for q in found if q.end - q.start >= 2]


def _can_open(text: str, mark: re.Match) -> bool:
    if mark.group() in _OPEN_ONLY:
        return True
    after = text[mark.end() : mark.end() + 1]
    return bool(after) and not after.isspace()


def _left_open(text: str, opener: re.Match) -> Quotation:
    end = text.find("\n", opener.end())
    end = len(text) if end < 0 else end
    while end > opener.end() and text[end - 1].isspace():
        end -= 1
    return Quotation(opener.start(), opener.end(), end, end, False, opener.group() in _SINGLE)


def sentence_start(text: str, position: int, floor: int = 0) -> int:
    """Where the sentence holding ``position`` starts (abbreviations such as "Dr." do not end one)."""
    lower = max(floor, position - 400)
    head = _ABBREVIATION.sub(lambda m: "#" * len(m.group()), text[lower:position])
    return lower + max((m.end() for m in _SENTENCE_END.finditer(head)), default=0)


def _mask_quotations(text: str, quotations: Iterable[Quotation]) -> str:
    """The text with every quotation blanked, so narration can be read on its own."""
    chars = list(text)
    for q in quotations:
        for i in range(q.open_at, q.close_at):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


class QuoteDetector(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_quotes", *, min_words: int = 3) -> None:
        self.name = name
        self.settings = {"min_words": min_words}
        register_extensions()
        self.configure()

    def configure(self) -> None:
        lexicon = load_lexicon()
        cues = load_quote_cues()
        verbs = list(lexicon["speech_verbs"]) + [v for v in cues["after_verbs"] if v not in lexicon["speech_verbs"]]
        self.speech_verbs = frozenset(v for v in lexicon["speech_verbs"] if " " not in v)
        self.inverted_speech = frozenset(v for v in self.speech_verbs if not re.match(r"(?:me|be[rl])", v)) | {"menurut"}
        self.pronouns = frozenset(cues["pronouns"])
        self.adverbs = frozenset(cues["subject_adverbs"])
        self.not_verbs = frozenset(cues["not_verbs"])
        self.passive_speech = frozenset(cues["passive_speech"])
        self.acting = tuple(sorted(cues["acting_prefixes"], key=len, reverse=True))
        self.roles = frozenset(lexicon["person_roles"])
        self.prepositions = frozenset(cues["object_prepositions"])
        self.function_words = frozenset(cues["function_words"]) - self.adverbs
        self.particles = frozenset(lexicon["name_particles"])
        words = "|".join(sorted((re.escape(v) for v in verbs), key=len, reverse=True))
        pronouns = "|".join(cues["pronouns"])
        anaphor_ends = "|".join(cues["anaphor_ends"])
        self.after_re = re.compile(rf"^\s*[,.!?]?\s*(?:[—–-]\s*)?({words})\b(?:\s+(?:{pronouns})\b)?", re.IGNORECASE)
        # an unknown verb with "-nya" right after a quotation that ends in a comma: “…,” semprotnya
        self.after_nya_re = re.compile(r"^\s*,?\s*([a-z]{3,}nya)\b")
        self.pronoun_end_re = re.compile(rf"\s(?:{pronouns})$", re.IGNORECASE)
        self.before_re = re.compile(rf"\b({words})\b[^.!?“”\"]*$|:\s*$", re.IGNORECASE)
        # "… ,” tutur politikus Partai Demokrasi Indonesia Perjuangan (PDI-P) itu.": a description
        # ending in "itu"/"tersebut"/"ini" refers back to someone already named.
        self.anaphor_re = re.compile(rf"^\s+(?:sang\s+)?[A-Za-z][\w-]*(?:\s+[^\s.!?“”\"]+){{0,8}}?\s+(?:{anaphor_ends})\b")
        openers = "|".join(sorted(map(re.escape, cues["unnamed_openers"]), key=len, reverse=True))
        groups = "|".join(sorted(map(re.escape, cues["unnamed_groups"]), key=len, reverse=True))
        roles = "|".join(sorted(map(re.escape, lexicon["person_roles"]), key=len, reverse=True))
        # "Seorang sopir …", "Salah satu warga …", "Warga Desa Sukamaju …": somebody left unnamed
        self.unnamed_re = re.compile(rf"^(?:[^,]{{0,30}},\s*)?(?:{openers}|(?:{groups})\s+(?:{roles}))\b", re.IGNORECASE)
        catalog = load_catalog()
        forms: dict[str, tuple[str, ...]] = {}
        for entry in catalog.titles:
            for form in entry.forms:
                forms.setdefault(form.lower(), tuple(f.lower() for f in entry.forms))
        for role in self.roles:
            forms.setdefault(role, (role,))
        self.title_forms = forms
        alternatives = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
        acting = "|".join(re.escape(a) for a in self.acting)
        self.title_re = re.compile(rf"(?:(?:{acting})\s+)?({alternatives})\b", re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        noise_tokens(doc)
        furniture = [(span.start_char, span.end_char) for span in doc.spans[NOISE_KEY]]
        # a quotation in a "Baca juga:" headline or a caption belongs to another story, not this one
        quotations = [q for q in find_quotations(text) if not any(a <= q.open_at < b for a, b in furniture)]
        inside = [(q.open_at, q.close_at) for q in quotations]
        # Names inside quotations are not candidates for who is speaking.
        mentions = sorted(
            (s, e, p["name"]) for p in doc._.warta_persons or [] for s, e in p["mentions"] if not any(a <= s < b for a, b in inside)
        )
        officials = [(o["name"], o["title"].lower(), sorted(s for s, _ in o["mentions"])) for o in doc._.warta_officials or [] if o.get("title")]
        context = _Context(text, _mask_quotations(text, quotations), mentions, [m[0] for m in mentions], officials)
        quotes: list[dict] = context.quotes
        for quotation in quotations:
            if not quotation.closed:
                continue
            quote = self._closed_quote(context, quotation, quotes)
            if quote is not None:
                quotes.append(quote)
        quotes += self._open_quotes(context, quotations, quotes)
        doc._.warta_quotes = sorted(({k: q[k] for k in ("speaker", "start", "end")} for q in quotes), key=lambda q: q["start"])
        return doc

    def _closed_quote(self, ctx: "_Context", q: Quotation, earlier: list[dict]) -> Optional[dict]:
        text = ctx.text
        inner = text[q.start : q.end]
        after = text[q.close_at : q.close_at + _AFTER_WINDOW]
        after_verb = self.after_re.match(after)
        if after_verb is None and inner.rstrip()[-1:] == ",":
            after_verb = self.after_nya_re.match(after)
        before_verb = self._before_verb(text, q.open_at)
        speechlike = inner.rstrip()[-1:] in ",.!?…" or after_verb or before_verb
        if not speechlike or len(inner.split()) < self.settings["min_words"] and not after_verb:
            return None
        if q.single and not after_verb:
            return None
        speaker = None
        resolved = False
        if after_verb:
            speaker, resolved = self._after_speaker(ctx, q, after_verb)
        if not resolved and earlier and earlier[-1]["speaker"] and not after_verb:
            # “…,” kata Arman. “Setiap bulan …” — a quotation continued after its attribution.
            gap = text[earlier[-1]["close_at"] : q.open_at]
            if len(gap) < 80 and "\n" not in gap and self.after_re.match(gap):
                speaker, resolved = earlier[-1]["speaker"], True
        if not resolved and before_verb:
            speaker = self._before_speaker(ctx, q.open_at)
            resolved = speaker is not None
        if not resolved and not after_verb:
            speaker = self._speaker_back(ctx, q.open_at, earlier)
        return {"speaker": speaker, "start": q.start, "end": q.end, "close_at": q.close_at, "open_at": q.open_at}

    def _before_verb(self, text: str, open_at: int) -> Optional[re.Match]:
        before = text[max(0, open_at - _BEFORE_WINDOW) : open_at]
        line = before.split("\n")[-1]
        if not line.strip():  # "kata Rina:" closing the paragraph before the quotation
            previous = before.rstrip().split("\n")[-1]
            return re.search(r":\s*$", previous)
        return self.before_re.search(line)

    def _before_speaker(self, ctx: "_Context", open_at: int) -> Optional[str]:
        upper = open_at
        while upper > 0 and ctx.text[upper - 1].isspace():
            upper -= 1
        lower = sentence_start(ctx.masked, upper)
        if ctx.masked[lower:upper].strip() == ":" or not ctx.masked[lower:upper].strip():
            lower = sentence_start(ctx.masked, max(0, lower - 1))
        return _last_before(ctx.mentions, ctx.starts, open_at, lower)

    def _after_speaker(self, ctx: "_Context", q: Quotation, verb: re.Match) -> tuple[Optional[str], bool]:
        """The speaker an attribution after the quotation names: (speaker, decided)."""
        text = ctx.text
        word = verb.group(1).lower()
        verb_end = q.close_at + verb.end()
        rest = text[verb_end : verb_end + _AFTER_WINDOW]
        if word.endswith("nya") or self.pronoun_end_re.search(verb.group().lower()):
            return self._speaker_back(ctx, q.open_at, None), True
        person = _first_after(ctx.mentions, ctx.starts, verb_end, verb_end + _AFTER_WINDOW, text)
        if person is not None and not _cut_off(text, verb_end):
            return person, True
        holder = self._title_holder(ctx, rest, verb_end)
        if holder is not None:
            return holder, True
        if self.anaphor_re.match(rest) or _cut_off(text, verb_end):
            # "tutur politikus PDI-P itu", or the crawler cut the text inside the attribution
            return self._speaker_back(ctx, q.open_at, None), True
        return None, True

    def _title_holder(self, ctx: "_Context", rest: str, position: int) -> Optional[str]:
        """'ujar Kapolres kepada …', 'kata hakim saat …', 'ujar Pj Gubernur Jawa Barat ini': the
        official holding the title named right there."""
        match = self.title_re.match(rest.lstrip())
        if match is None:
            return None
        return _holder(ctx.officials, self.title_forms[match.group(1).lower()], match.group(1).lower(), position)

    def _speaker_back(self, ctx: "_Context", upper: int, earlier: Optional[list[dict]]) -> Optional[str]:
        """The last plausible speaker before ``upper`` (see the module docstring)."""
        floor = max(0, upper - _BACK_WINDOW)
        quote_at = position = upper
        while position > floor:
            start = sentence_start(ctx.masked, position, floor)
            found, decided = self._sentence_speaker(ctx, start, ctx.masked[start:position])
            if decided:
                return found
            quote = ctx.quote_in(start, upper)
            if quote is not None:
                return quote["speaker"]
            upper = position = start
            while position > floor and ctx.masked[position - 1].isspace():
                position -= 1  # over blank lines and blanked quotations (quote_in still sees those)
        return _subject_before(ctx.mentions, ctx.starts, quote_at, ctx.text)

    def _sentence_speaker(self, ctx: "_Context", start: int, sentence: str) -> tuple[Optional[str], bool]:
        """The speaker a sentence of narration introduces, if it introduces one."""
        if not sentence.strip():
            return None, False
        end = start + len(sentence)
        i = bisect_left(ctx.starts, start)
        candidates: list[tuple[int, Optional[str]]] = []
        while i < len(ctx.mentions) and ctx.mentions[i][0] < end:
            s, e, name = ctx.mentions[i]
            if self._introduces(ctx.masked, start, s, e):
                candidates.append((s, name))
            i += 1
        for match in self.title_re.finditer(sentence):
            s, e = start + match.start(), start + match.end()
            if match.group(1)[:1].islower() and " " in match.group(1):
                continue  # "kepala daerah": a lowercase phrase is a description, not a title
            if any(_TITLE_TO_NAME.match(ctx.masked, e, m[0]) for m in ctx.mentions_near(e) if m[0] < end):
                continue  # "Kapolres Mimika, AKBP Budi, …": the name itself is the candidate
            unit_end = _skip_capitalised(ctx.masked, e)
            if self._introduces(ctx.masked, start, s, unit_end):
                holder = _holder(ctx.officials, self.title_forms[match.group(1).lower()], match.group(1).lower(), s)
                if holder is not None:
                    candidates.append((s, holder))
        if candidates:
            return min(candidates)[1], True
        body = sentence.strip()
        if self.unnamed_re.match(body) and any(self._verb_like(w) for w in _WORD.findall(body)[:12]):
            return None, True  # "Seorang sopir truk … mengeluhkan …": someone unnamed speaks next
        return None, False

    def _introduces(self, masked: str, sentence_start_at: int, start: int, end: int) -> bool:
        """A name (or title) is the subject of its sentence, or follows a speech verb."""
        prefix = masked[sentence_start_at:start]
        last = _WORD.findall(_strip_capitalised_tail(prefix))
        if last and (last[-1].lower() in self.inverted_speech or last[-1].lower() in self.passive_speech):
            return True  # "kata Rina", "Menurut Rina", "disampaikan Rina" (not "mengatakan, Rina …")
        if any(self._verb_like(w) for w in _WORD.findall(prefix) if w[:1].islower()):
            return False
        glued = _WORD.findall(re.sub(r"(?:\s+[A-Z][\w.'’-]*)*\s*$", "", prefix))
        if glued and glued[-1].lower() in self.prepositions:
            return False  # "meminta bantuan kepada Rina": an object, not a subject
        return self._verb_follows(masked, end)

    def _verb_follows(self, masked: str, end: int) -> bool:
        rest = masked[end : end + 160]
        rest = re.sub(r"^\s*\([^)]{0,40}\)", "", rest)  # "(45)", "(Kadis)"
        apposition = re.match(r"^\s*,[^,.;:!?\n]{1,90},", rest)
        if apposition and self._verb_after_words(rest[apposition.end() :]):
            return True
        rest = re.sub(r"^\s*(?:selaku|sebagai)\b[^,.;:!?\n]{1,90},", ",", rest)
        return self._verb_after_words(rest)

    def _verb_after_words(self, rest: str) -> bool:
        """The predicate comes next: a verb, perhaps after adverbs or the rest of a name; after a
        comma any content word ("… binti Hashim (30), datang …")."""
        rest = re.sub(r"^((?:\s*(?:[A-Z][\w.'’-]*|\([^)]{0,40}\)))*)\s*\(?[^()\w]{0,2}\d+\)", r"\1", rest[:160])
        after_comma = False
        for match in re.finditer(r",|[A-Za-z][\w-]*", rest[:120]):
            word = match.group()
            if word == ",":
                after_comma = True
                continue
            lower = word.lower()
            if lower in self.speech_verbs or self._verb_like(lower):
                return True
            if lower in self.function_words:
                return False
            if lower in self.adverbs or word[:1].isupper() or lower in self.particles:
                continue
            return after_comma
        return False

    def _verb_like(self, word: str) -> bool:
        lower = word.lower()
        return bool(re.match(r"^(?:me|be[rl])[a-z]{3,}$", lower)) and lower not in self.not_verbs or lower in self.speech_verbs

    def _open_quotes(self, ctx: "_Context", quotations: list[Quotation], quotes: list[dict]) -> list[dict]:
        """Quotations left open. One whose next paragraph opens a quotation is the first part of a
        quotation over several paragraphs: “Data ini masih sementara. ⏎ “Kami perbarui besok,”
        tutur Dani. The others stand alone when they open a paragraph or a sentence."""
        text = ctx.text
        by_open = {q["open_at"]: q for q in quotes}
        found: list[dict] = []
        for q in reversed([q for q in quotations if not q.closed]):
            segment = text[q.start : q.end]
            if len(segment.split()) < self.settings["min_words"] or q.single:
                continue
            following = _SPACES.match(text, q.end).end()
            part = by_open.get(following) if following < len(text) and text[q.end : following].count("\n") else None
            if part is not None:
                quote = {"speaker": part["speaker"], "start": q.start, "end": q.end, "close_at": q.end, "open_at": q.open_at}
            elif self._stands_alone(text, q):
                before = self._before_verb(text, q.open_at)
                speaker = self._before_speaker(ctx, q.open_at) if before else None
                if speaker is None:
                    speaker = self._speaker_back(ctx, q.open_at, None)
                quote = {"speaker": speaker, "start": q.start, "end": q.end, "close_at": q.end, "open_at": q.open_at}
            else:
                continue
            by_open[q.open_at] = quote
            found.append(quote)
        return found

    @staticmethod
    def _stands_alone(text: str, q: Quotation) -> bool:
        head = text[: q.open_at].rstrip(" \t>")
        return not head or head[-1] in "\n.!?:"


class _Context:
    """What the speaker rules read: the text, the text without quotations, person mentions outside
    quotations, officials (name, title, mention starts), and the quotes found so far."""

    def __init__(self, text: str, masked: str, mentions: list, starts: list[int], officials: list) -> None:
        self.text = text
        self.masked = masked
        self.mentions = mentions
        self.starts = starts
        self.officials = officials
        self.quotes: list[dict] = []

    def mentions_near(self, position: int) -> list:
        i = bisect_left(self.starts, position)
        return self.mentions[i : i + 3]

    def quote_in(self, start: int, end: int) -> Optional[dict]:
        """The last quote found so far that lies in ``start:end``."""
        inside = [q for q in self.quotes if start <= q["open_at"] < end]
        return inside[-1] if inside else None


def _cut_off(text: str, position: int) -> bool:
    """The text ends inside this attribution, mid-word: the crawler cut it ("…,” ungkap Kombe")."""
    rest = text[position:].rstrip()
    return len(rest) < _AFTER_WINDOW and not re.search(r"[.!?\n]", rest) and (not rest or rest[-1].isalnum())


def _holder(officials: list, forms: tuple[str, ...], form: str, position: int) -> Optional[str]:
    """The official whose title is ``form`` (or another form of the same title), mentioned last
    before ``position`` (or first after it)."""
    forms = tuple(sorted({form, *forms}, key=len, reverse=True))
    best: Optional[tuple[int, int, str]] = None
    for name, title, starts in officials:
        bare = re.sub(r"^(?:pj\.?|plt\.?|plh\.?|penjabat)\s+", "", title)
        if any(bare == f or bare.startswith(f + " ") for f in forms):
            rank = 0
        elif any(re.search(rf"\b{re.escape(f)}\b", bare) for f in forms):
            rank = 1
        else:
            continue
        before = [s for s in starts if s < position]
        key = (rank, -(before[-1]) if before else min(starts), name)
        if best is None or key < best:
            best = key
    return best[2] if best else None


def _skip_capitalised(text: str, position: int) -> int:
    """Past the capitalised unit words after a title ("Kalaksa [BPBD Provinsi NTB]")."""
    match = re.match(r"(?:\s+(?:[A-Z][\w.-]*|dan|\d+))*", text[position:])
    return position + (match.end() if match else 0)


def _strip_capitalised_tail(prefix: str) -> str:
    return re.sub(r"(?:[\s,]+(?:[A-Z][\w.'’-]*|\([^)]*\)))*[\s,]*$", "", prefix)


def _first_after(mentions, starts, lower: int, upper: int, text: str) -> Optional[str]:
    i = bisect_left(starts, lower)
    if i < len(mentions) and mentions[i][0] < upper and not re.search(r"[.!?]\s", _ABBREVIATION.sub("", text[lower : mentions[i][0]])):
        return mentions[i][2]
    return None


def _subject_before(mentions, starts, upper: int, text: str) -> Optional[str]:
    """The first person named in the sentence of the last person named before ``upper``."""
    i = bisect_left(starts, upper) - 1
    if i < 0:
        return None
    boundary = sentence_start(text, mentions[i][0])
    while i > 0 and mentions[i - 1][0] >= boundary:
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
