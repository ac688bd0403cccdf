"""Persons: one record per person per document, officials included.

Mentions come from officials (title + name), the model's PER entities and names right after a
speech verb ("kata Rina"). A one-word mention joins the only longer name that contains it, so
"Rina" after "Rina Widyastuti" is the same person; every later standalone use of a first or last
name that belongs to exactly one person is added as a mention too.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.lang.id.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span

from warta.catalog import load_catalog
from warta.component import SettingsComponent
from warta.local_places import LEVEL_WORDS
from warta.layout import dateline_agency, headline_tokens, lowercase_text, noise_tokens
from warta.names import is_name_word, load_name_lexicon, name_length
from warta.extensions import SPANS_INITIALS, SPANS_INSTITUTIONS, SPANS_LOCAL_PLACES, SPANS_REGIONS, SPANS_TITLES, register_extensions
from warta.resources import load_lexicon

BREAKS = frozenset({",", ".", ";", ":", "(", ")", "“", "”", '"', "!", "?"})
# Suspects and witnesses named by initials: "berinisial AS", "inisial HDS", "MR (45) dan SN (38)".
INITIALS = re.compile(r"^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})$")
INITIALS_CUES = frozenset({"inisial", "berinisial"})
LIST_WORDS = frozenset({",", "dan", "serta"})


MAX_NAME_WORDS = 5


LOCATIVES = frozenset({"di", "menuju"})  # a name right after them is a place


PAIR_JOINERS = frozenset({"-", "–", "—", "/"})


def split_pairs(texts: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """A candidate pair is two persons: "Andi Rahman - Sitti Aminah", "Rudi/Hendra" (the model
    often reads a running-mate pair as one name). A dash before a lowercase part is inside one
    name ("Song Hye - kyo"), and hyphenated names are one token."""
    parts, begin = [], start
    for i in range(start, end):
        if texts[i] in PAIR_JOINERS and i > begin and i + 1 < end and texts[i + 1][:1].isupper():
            parts.append((begin, i))
            begin = i + 1
    if end > begin:
        parts.append((begin, end))
    return parts


class PersonResolver(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_persons", *, link_short_names: bool = True) -> None:
        self.name = name
        self.settings = {"link_short_names": link_short_names}
        self._lowercase = False
        register_extensions()
        self.configure()

    def configure(self) -> None:
        catalog = load_catalog()
        lexicon = load_lexicon()
        self.honorifics = catalog.honorifics_before | {h.rstrip(".") for h in catalog.honorifics_before}
        self.degrees = catalog.honorifics_after
        # abbreviated honorifics that only ever open a person's name ("Ny.", "Hj.", "dr.", "Pdt.")
        self.name_openers = frozenset(h for h in catalog.honorifics_before if h.endswith(".") and " " not in h)
        self.stopwords = frozenset(lexicon["name_stopwords"])
        self.particles = frozenset(lexicon["name_particles"])
        self.names = load_name_lexicon()
        self.speech_verbs = frozenset(v for v in lexicon["speech_verbs"] if " " not in v)
        self.title_words = frozenset(w for t in catalog.titles for form in t.forms for w in form.split())
        # "pelatih Persib Rogerio Salgado": a club, party or media name glued before a name.
        cues = lexicon["organization_cues"]
        self.organization_words = frozenset(w for kind in ("club", "party", "media") for w in cues[kind] if " " not in w)
        # the names among them, without the generic words that open longer names ("Partai", "Bank")
        generic = {w for forms in lexicon["organization_prefixes"].values() for w in forms} | set(lexicon["ambiguous_organization_names"])
        self.organization_names = self.organization_words - generic
        # "mengatakan Perusahaan Umum Daerah …", "kata Dinas …": a body, not a speaker's name
        self.roles = frozenset(lexicon["person_roles"])
        self.place_words = frozenset(w.split()[-1] for w in lexicon["facility_words"] + lexicon["street_words"])
        self.organization_prefix_words = frozenset(
            w for forms in lexicon["organization_prefixes"].values() for w in forms if " " not in w and w != "Partai"
        )
        self.body_first_words = frozenset(w.split()[0] for w in generic | set(lexicon["institution_heads"]))

    def _strip(self, doc: Doc, start: int, end: int) -> Optional[tuple[int, int]]:
        while start + 2 < end and f"{doc[start].text} {doc[start + 1].text}" in self.honorifics:
            start += 2  # "Sri Sultan", "Tuan Guru"
        while start < end and (
            doc[start].text in self.honorifics
            or doc[start].text in self.title_words
            or doc[start].text in self.organization_words
            or doc[start].text in ("Pol", "Pol.", "TNI")
        ):
            start += 1
        while end > start and (doc[end - 1].text in self.degrees or doc[end - 1].text in BREAKS):
            end -= 1
        if start >= end or doc[start].text in self.stopwords or not (doc[start].text[:1].isupper() or self._lowercase and doc[start].is_alpha):
            return None
        return start, end

    def _name_after_organization(self, doc: Doc, texts: list[str], ent, blocked: set[int]) -> Optional[tuple[int, int]]:
        """"pelatih [Persija Thomas Dörner]ORG": a model organization that opens with a known club,
        party or media name and goes on with two or more name words holds a person's name."""
        if ent.label_ not in ("ORG", "ORGANIZATION") or len(ent) < 3 or texts[ent.start] not in self.organization_names:
            return None
        rest = range(ent.start + 1, ent.end)
        if len(rest) > MAX_NAME_WORDS or blocked.intersection(rest):
            return None
        for i in rest:
            text = texts[i]
            if not (text[:1].isupper() and text.isalpha()) or text in self.organization_words or text in self.stopwords or text in self.title_words:
                return None
        return ent.start + 1, ent.end

    def _extend_left(self, doc: Doc, texts: list[str], start: int, blocked: set[int]) -> int:
        """Where a model person span that started late begins: "PPK 4.5 [Viktor] Aprianus Nalle",
        "tendangan [Matheus] Henrique Machado", "Muh. Akbar". One name word before it joins (not a
        common word, title, rank, stop word, or a word of a body or place) unless it opens the
        sentence, where capitals say nothing ("Kehadiran Jokowi", "Raja Abdullah")."""
        before = start - 1
        if before < 0 or before in blocked or doc[start].is_sent_start or doc[before].is_sent_start or texts[before] in self.title_words or texts[before] in self.organization_words:
            return start
        opens_run = before == 0 or not texts[before - 1][:1].isupper()  # not "Cipta [Karya] Yulianti"
        if (opens_run and is_name_word(texts[before], self.names) and not texts[before].isupper()
                and texts[before].lower() not in self.roles and not any(c.isdigit() for c in texts[before])):
            return before
        return start

    def _extend_name(self, doc: Doc, texts: list[str], start: int, end: int, blocked: set[int]) -> int:
        """Where a model person span that stopped short ends: "Rahmat" + "Lamasi" up to the comma.
        Only a capitalised run that closes at punctuation counts, so a name is not run into the
        next word of a title-case phrase."""
        stop = end
        while (stop < len(texts) and stop - start < MAX_NAME_WORDS and stop not in blocked
               and texts[stop][:1].isupper() and texts[stop].isalpha() and not doc[stop].is_sent_start
               and texts[stop] not in self.stopwords and texts[stop] not in self.title_words
               and texts[stop] not in self.honorifics and texts[stop] not in self.organization_words):
            stop += 1
        if stop > end and (stop == len(texts) or texts[stop] in BREAKS):
            return stop
        if (end - start == 1 and 0 < stop - end <= 2 and stop < len(texts) and doc[stop].is_lower and doc[stop].is_alpha
                and not any(t.lower_ in STOP_WORDS for t in doc[end:stop])):  # not "Rahmat Pergi Bersama rombongan
            return stop  # "Terdakwa [Yohanes] Tambun yang …", "hakim ketua [Eddy] Parulian Siregar dengan …"
        return end

    def _initials_names(self, texts: list[str], blocked: set[int]) -> list[tuple[int, int]]:
        """Initials the text presents as a person's: after "(ber)inisial" ("tersangka berinisial
        AS", "inisial MR (45) dan SN (38)"), or followed by an age in brackets ("AB (45)")."""
        out = []
        n = len(texts)

        def age_at(j: int) -> bool:
            return j + 2 < n and texts[j] == "(" and texts[j + 1].isdecimal() and 10 <= int(texts[j + 1]) <= 99 and texts[j + 2] == ")"

        for i, text in enumerate(texts):
            if text.lower() in INITIALS_CUES:
                j = i + 1 + (i + 1 < n and texts[i + 1] == ":")
                while j < n and INITIALS.match(texts[j]) and j not in blocked:
                    out.append((j, j + 1))
                    j += 4 if age_at(j + 1) else 1
                    if j < n and texts[j] in LIST_WORDS:
                        j += 1 + (j + 1 < n and texts[j + 1] in LIST_WORDS)
                    else:
                        break
            elif INITIALS.match(text) and i not in blocked and age_at(i + 1):
                out.append((i, i + 1))
        return sorted(set(out))

    def _honorific_names(self, doc: Doc, texts: list[str], blocked: set[int]) -> list[tuple[int, int]]:
        """'Ny. Dorkas Liunokas,', 'Hj. Siti Aminah yang …': a capitalised run after an abbreviated
        honorific, closed by punctuation or a lowercase word ("RSUD dr. Soetomo" is a facility)."""
        out = []
        n = len(texts)
        for i, text in enumerate(texts):
            if text not in self.name_openers or i in blocked or (i > 0 and (texts[i - 1] in self.place_words or texts[i - 1] in self.name_openers)):
                continue
            start = i + 1
            while start < n and texts[start] in self.honorifics:
                start += 1
            end = start
            while (end < n and end - start < 4 and end not in blocked and texts[end][:1].isupper() and doc[end].is_alpha
                   and texts[end] not in self.stopwords and texts[end] not in self.title_words and texts[end] not in self.organization_words):
                end += 1
            if end > start and (end == n or texts[end] in BREAKS or doc[end].is_lower or texts[end] in self.degrees):
                out.append((start, end))
        return out

    def _role_names(self, doc: Doc, texts: list[str], blocked: set[int]) -> list[tuple[int, int]]:
        """'warga Desa Bumi Harapan, Sibukdin, mengaku …', 'Pegiat antikorupsi dari Maluku Corruption
        Watch, Novi Pinontoan, menilai …': a name between commas after a role of a person."""
        out = []
        n = len(texts)
        for c, text in enumerate(texts):
            if text != "," or c + 1 >= n or c + 1 in blocked:
                continue
            start = c + 1
            end = start
            while (end < n and end - start < 4 and end not in blocked and (texts[end][:1].isupper() or texts[end] in self.particles)
                   and doc[end].is_alpha and texts[end] not in self.stopwords and texts[end] not in self.title_words
                   and texts[end] not in self.honorifics):
                end += 1
            after = end + 3 if end + 3 < n and texts[end] == "(" and texts[end + 1].isdecimal() and texts[end + 2] == ")" else end
            if end == start or after >= n or texts[after] != ",":
                continue  # (an age may stand before the comma: "warga Desa Sukamaju, Sarinah (52), …")
            if any(texts[i].lower() in LEVEL_WORDS or texts[i] in self.body_first_words or texts[i] in self.organization_words
                   or texts[i] in self.place_words for i in range(start, end)):
                continue  # "warga Desa Sukamaju, Kecamatan Tanjung,": a place or a body, not a name
            j = c - 1
            # (a place phrase in between says where, not who: "wartawan di Hotel Crowne Plaza, Milan,")
            while j >= 0 and c - j <= 8 and texts[j] not in (",", ".", "\"", "“", "”", "di", "ke", "pada") and not doc[j].is_space:
                if texts[j].lower() in self.roles and (j == 0 or texts[j - 1].lower() not in ("para", "kepada")):
                    out.append((start, end))
                    break
                j -= 1
        return out

    def _speech_names(self, texts: list[str], blocked: set[int]) -> list[tuple[int, int]]:
        """'kata Rina', 'ujar Arman Sutedja': a capitalised run right after a speech verb."""
        out = []
        n = len(texts)
        for i, text in enumerate(texts):
            if text.lower() not in self.speech_verbs or i + 1 >= n:
                continue
            start = i + 1
            if start + 1 < n and texts[start] in self.roles and texts[start + 1][:1].isupper():
                start += 1  # "ucap jaksa Wahyu Dwi Nugroho", "kata warga Siti"
            while start < n and texts[start] in self.honorifics:
                start += 1
            if start < n and texts[start] in self.body_first_words:
                continue
            end = start
            while end < n and end - start < 4 and end not in blocked and (texts[end][:1].isupper() or texts[end] in self.particles) and texts[end] not in BREAKS and texts[end] not in self.stopwords and texts[end] not in self.title_words:
                end += 1
            if end > start:
                out.append((start, end))
        return out

    def __call__(self, doc: Doc) -> Doc:
        self._lowercase = lowercase_text(doc)
        officials = doc._.warta_officials or []
        blocked: set[int] = set()
        for group in (SPANS_INSTITUTIONS, SPANS_REGIONS, SPANS_TITLES, SPANS_LOCAL_PLACES):
            if group in doc.spans:
                blocked.update(i for s in doc.spans[group] for i in range(s.start, s.end))

        candidates: list[tuple[int, int, bool]] = []  # token start, end, from an official
        for off in officials:
            for start_char, end_char in off["mentions"]:
                span = doc.char_span(start_char, end_char, alignment_mode="expand")
                if span is not None:
                    candidates.append((span.start, span.end, True))
        texts = [t.text for t in doc]  # one pass over the tokens; the loops below index it
        headline = headline_tokens(doc)
        body_words = set(texts[headline.stop :]) if headline else set()
        agency = dateline_agency(doc)
        for ent in doc.ents:
            if agency is not None and agency.start < ent.end and ent.start < agency.end:
                continue  # "PALEMBANG, Sumsel Ekspres –": the news agency of the dateline
            if not all(t.is_alpha or t.text in "-'’." or t.text.replace("-", "").replace("'", "").replace(".", "").isalpha() for t in ent):
                continue  # "Õ6-²öë¨": decoded garbage
            if ent.start in headline and not all(t.text in body_words for t in ent):
                continue  # a title-case headline: only names the body confirms
            customary = ent.end - ent.start > 2 and texts[ent.start] in ("La", "Wa") and texts[ent.start + 1] == "Ode"
            if (ent.label_ in ("PER", "PERSON") or customary) and not blocked.intersection(range(ent.start, ent.end)):
                # ("[La Ode Muhammad Sarafuddin]ORG": a Buton/Muna name is a person's, whatever the label)
                if ent.start > 0 and texts[ent.start - 1] in self.organization_prefix_words:
                    continue  # "Universitas [Airlangga]", "Yayasan [Habibie]": a name of a body
                before = ent.start
                while before > 0 and texts[before - 1] in self.honorifics:
                    before -= 1
                if before > 0 and texts[before - 1] in self.place_words:
                    continue  # "Stadion Haji [Agus Salim]", "Jalan [Sudirman]": a place named after someone
                if before == ent.start and ent.start > 0 and texts[ent.start - 1] in LOCATIVES:
                    continue  # "membangun di [Sepaku]", "menuju [Sepaku]": a place, not a person
                left = self._extend_left(doc, texts, ent.start, blocked)
                for start, end in split_pairs(texts, left, self._extend_name(doc, texts, ent.start, ent.end, blocked)):
                    stripped = self._strip(doc, start, end)
                    if stripped:
                        candidates.append((*stripped, False))
        for ent in doc.ents:
            glued = self._name_after_organization(doc, texts, ent, blocked)
            if glued is not None:
                candidates.append((*glued, False))
        # the model's organizations and places are not speakers' names: "menurut Samsung"
        not_persons = blocked | {i for e in doc.ents if e.label_ not in ("PER", "PERSON") for i in range(e.start, e.end)}
        for start, end in self._speech_names(texts, not_persons) + self._honorific_names(doc, texts, not_persons) + self._role_names(doc, texts, blocked):
            candidates.append((start, end, False))

        # Initials are a person's ("berinisial AS") but not a name a reader can follow across
        # documents: entities (PERSON), no person record.
        doc.spans[SPANS_INITIALS] = [Span(doc, start, end, label="PERSON") for start, end in self._initials_names(texts, blocked)]

        noise = noise_tokens(doc)
        if noise:  # "Penulis: Rahmat Laode | Editor: …", photo credits: not people in the story
            candidates = [c for c in candidates if c[2] or not noise.intersection(range(c[0], c[1]))]
            blocked |= noise
        # a name never runs across a paragraph break
        candidates = [(s, next((t.i for t in doc[s:e] if t.is_space), e), o) for s, e, o in candidates]
        candidates = [c for c in candidates if c[1] > c[0]]

        # a name the text uses as a place is a place wherever it stands ("… serta Lam Glumpang, Miruk")
        place_names = {s.text for s in doc.spans[SPANS_LOCAL_PLACES]} if SPANS_LOCAL_PLACES in doc.spans else set()
        candidates = [c for c in candidates if c[2] or doc[c[0]:c[1]].text not in place_names]
        persons: list[dict] = []
        official_names = {off["name"].lower(): off for off in officials}
        taken: set[int] = set()
        spans_by_person: list[list[tuple[int, int]]] = []

        # Longest names first, so short forms can join them.
        for start, end, is_official in sorted(set(candidates), key=lambda c: (-(c[1] - c[0]), c[0])):
            if taken.intersection(range(start, end)):
                continue
            words = [t.text for t in doc[start:end] if t.text not in self.honorifics]
            if not words or (len(words) == 1 and words[0].isupper() and len(words[0]) <= 4) or (
                    self._lowercase and len(words) == 1 and start > 0 and texts[start - 1].lower() in INITIALS_CUES):
                continue  # initials ("MS", "RH"), as the press names suspects, are not a name
            if not is_official and len(words) == 1 and not name_length(words, self.names) and not self._lowercase:
                continue  # "Rinciannya", "Periode", "S.Sos" alone: not a name ("Paripurna Sugarda" is one)
            owner = self._owner(persons, words)
            if owner is None:
                name = " ".join(words)
                persons.append({"name": name, "words": set(words), "official": name.lower() in official_names or is_official})
                spans_by_person.append([])
                owner = len(persons) - 1
            spans_by_person[owner].append((start, end))
            taken.update(range(start, end))

        self._expand_single_names(doc, texts, persons, spans_by_person, taken | blocked | set(headline))
        if self.settings["link_short_names"]:
            self._link_short_names(doc, texts, persons, spans_by_person, taken | blocked)

        records = []
        for person, spans in zip(persons, spans_by_person):
            spans.sort()
            mentions = [[doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)] for s, e in spans]
            records.append({"name": person["name"], "official": person["official"], "mentions": mentions})
            official = official_names.get(person["name"].lower())
            if official is not None:
                for mention in mentions:
                    if mention not in official["mentions"]:
                        official["mentions"].append(mention)
                official["mentions"].sort()
        records.sort(key=lambda r: r["mentions"][0][0])
        doc._.warta_persons = records
        return doc

    def _owner(self, persons: list[dict], words: list[str]) -> Optional[int]:
        """The one known person whose name contains all of ``words`` (None if none or several)."""
        matches = [n for n, p in enumerate(persons) if set(words) <= p["words"]]
        return matches[0] if len(matches) == 1 else None

    def _expand_single_names(self, doc: Doc, texts: list[str], persons: list[dict], spans_by_person: list[list[tuple[int, int]]], taken: set[int]) -> None:
        """A one-word person ("kata Nadia") named in full earlier ("…, Nadia Rahmawati, menyebut")."""
        for n, person in enumerate(persons):
            if len(person["words"]) != 1 or not spans_by_person[n]:
                continue
            word = next(iter(person["words"]))
            first = min(s for s, _ in spans_by_person[n])
            for i in range(first):
                if texts[i] != word or i in taken:
                    continue
                start, end = i, i + 1
                while start > 0 and self._name_word(doc[start - 1], taken) and end - start < 4:
                    start -= 1
                while end < len(doc) and self._name_word(doc[end], taken) and end - start < 4:
                    end += 1
                if end - start >= 2:
                    person["name"] = " ".join(t.text for t in doc[start:end])
                    person["words"] = {t.text for t in doc[start:end]}
                    spans_by_person[n].append((start, end))
                    taken.update(range(start, end))
                    break

    def _name_word(self, token, taken: set[int]) -> bool:
        text = token.text
        return (
            token.i not in taken
            and text[:1].isupper()
            and text not in BREAKS
            and text not in self.stopwords
            and text not in self.title_words
            and text not in self.honorifics
            and not token.is_sent_start
        )

    def _link_short_names(self, doc: Doc, texts: list[str], persons: list[dict], spans_by_person: list[list[tuple[int, int]]], taken: set[int]) -> None:
        owners: dict[str, Optional[int]] = {}
        for n, person in enumerate(persons):
            for word in person["words"]:
                if len(word) > 2 and word[:1].isupper() and word not in self.particles:
                    owners[word] = n if word not in owners else None
        first_seen = {n: min(s for s, _ in spans) for n, spans in enumerate(spans_by_person) if spans}
        for i, text in enumerate(texts):
            owner = owners.get(text)
            if owner is None or i in taken or i < first_seen.get(owner, len(doc)):
                continue
            token = doc[i]
            neighbours = [doc[j] for j in (token.i - 1, token.i + 1) if 0 <= j < len(doc)]
            if any(t.text[:1].isupper() and t.i not in taken and not t.is_sent_start and t.text not in BREAKS for t in neighbours if t.i == token.i + 1):
                continue  # part of a longer unknown name
            spans_by_person[owner].append((token.i, token.i + 1))
            taken.add(token.i)


@Language.factory("warta_persons", default_config={"link_short_names": True}, assigns=["doc._.warta_persons", "doc.spans"])
def make_person_resolver(nlp: Language, name: str, link_short_names: bool) -> PersonResolver:
    return PersonResolver(nlp, name, link_short_names=link_short_names)
