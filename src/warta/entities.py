"""The final entity layer: one flat, non-overlapping ``doc.ents`` from the model and the rules.

The rule components know identities (a region code, an institution id, an official's name) and
win where they overlap a model span; a position title ("Kajari Medan") blocks model spans that
swallow it; model spans that nothing covers are kept with a fine label. Each mention is therefore
counted once. Organizations (companies, parties, clubs, media …) are the ORGANIZATION entities left
at the end, plus known names from ``organization_names.tsv``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from warta.abbreviation import lowercase_definitions, skip_parenthetical
from warta.catalog import load_catalog
from warta.component import SettingsComponent
from warta.extensions import SPANS_INITIALS, SPANS_INSTITUTIONS, SPANS_LOCAL_PLACES, SPANS_REGIONS, SPANS_TITLES, register_extensions
from warta.gazetteer import load_desa, load_kecamatan, load_organization_names
from warta.layout import dateline_agency, headline_tokens, lowercase_text, noise_tokens
from warta.persons import LOCATIVES
from warta.resources import load_lexicon

# Model labels from the training corpora → warta's fine labels.
MODEL_LABELS = {
    "PER": "PERSON", "PERSON": "PERSON",
    "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION",
    "LOC": "LOCATION", "LOCATION": "LOCATION",
}


def _char_spans(doc: Doc, items: Iterable[dict], label: str) -> list[Span]:
    spans = []
    for item in items:
        for start, end in item.get("mentions", []):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans


def _rule_spans(doc: Doc, known_organizations: Iterable[Span]) -> list[Span]:
    spans: list[Span] = []
    if SPANS_INSTITUTIONS in doc.spans:
        spans += [Span(doc, s.start, s.end, label="INSTITUTION", kb_id=s.kb_id) for s in doc.spans[SPANS_INSTITUTIONS]]
    spans += _char_spans(doc, doc._.warta_persons or [], "PERSON")
    if SPANS_INITIALS in doc.spans:
        spans += list(doc.spans[SPANS_INITIALS])
    if SPANS_REGIONS in doc.spans:
        spans += [Span(doc, s.start, s.end, label=s.label_, kb_id=s.kb_id) for s in doc.spans[SPANS_REGIONS]]
    if SPANS_LOCAL_PLACES in doc.spans:
        spans += list(doc.spans[SPANS_LOCAL_PLACES])
    spans += list(known_organizations)
    return sorted(spans, key=lambda s: (-(s.end - s.start), s.start))


def merge_entities(doc: Doc, known_organizations: Iterable[Span] = (), *, prefer_model: bool = True) -> list[Span]:
    """One flat list of entities from the model's ``doc.ents`` and the rule components' spans.

    ``prefer_model``: model spans keep their boundaries (they follow the annotation conventions the
    model was trained on) and take the rule's label and id where a rule span has the same extent;
    rule spans fill the gaps. Otherwise rule spans win and model spans fill the gaps. Either way a
    model span that glues a position title to a name ("Kajari Medan Fitriani Lubis") is dropped.
    """
    model, rules = _candidates(doc, known_organizations)
    return _claim(doc, model + rules if prefer_model else rules + model)


DASHES = frozenset({"—", "–"})
# Lowercase words that still end a place's name as some texts write it: "Jakarta selatan".
_REGION_LEVEL_WORDS = frozenset({"provinsi", "prov.", "kabupaten", "kab.", "kota", "pemprov", "pemkab", "pemkot"})
_NAME_TAIL_WORDS = frozenset({"utara", "selatan", "timur", "barat", "tengah", "tenggara", "daya", "laut", "raya", "baru", "hulu", "hilir"})
_DEGREE = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.){1,4}(?:[A-Za-z]{1,3})?$")  # "M.Kes.", "S.Pd.", "Ak."


def _candidates(doc: Doc, known_organizations: Iterable[Span]) -> tuple[list[Span], list[Span]]:
    """The model spans worth keeping (relabelled) and the rule spans, longest first."""
    rules = _rule_spans(doc, known_organizations)
    by_extent = {(s.start, s.end): s for s in reversed(rules)}
    titles = list(doc.spans[SPANS_TITLES]) if SPANS_TITLES in doc.spans else []
    persons = [s for s in rules if s.label_ == "PERSON"]

    not_names = _not_names()
    title_starts = {t.start for t in titles}
    institutions = [s for s in rules if s.label_ == "INSTITUTION"]
    regions = [s for s in rules if s.label_ in ("PROVINCE", "REGION")]
    local_places = list(doc.spans[SPANS_LOCAL_PLACES]) if SPANS_LOCAL_PLACES in doc.spans else []

    def glued(ent: Span) -> bool:
        def overlaps(other: Span) -> bool:
            return other.start < ent.end and ent.start < other.end
        if ent.start in title_starts:
            return True  # "Kapolsek Bulak AKP": a span opening with a position title
        if ent.label_ in ("PER", "PERSON") and any(t.start <= ent.start and ent.end <= t.end for t in titles):
            return True  # "Camat [Tamalate] Andi Rahman": the office's place, not a person
        return any(map(overlaps, titles)) and any(overlaps(p) and (p.start, p.end) != (ent.start, ent.end) for p in persons)

    headline = headline_tokens(doc)
    body_words = {t.text for t in doc if t.i not in headline} if headline else set()

    def doubtful_in_headline(ent: Span) -> bool:
        # Title case hides what is a name: keep a headline span only if no rule span overlaps it
        # and the body uses its words too.
        if ent.start not in headline:
            return False
        return any(r.start < ent.end and ent.start < r.end for r in rules) or not all(t.text in body_words for t in ent)

    noise = noise_tokens(doc)
    found = dateline_agency(doc)
    agency = [found] if found is not None and any((s.start, s.end) == (found.start, found.end) for s in known_organizations) else []
    not_organizations = _not_organizations()
    things = lowercase_definitions(doc)
    model = []
    cased: Optional[bool] = None  # computed only when the model proposes an all-lowercase span
    for ent in doc.ents:
        if ent[0].is_lower:
            if cased is None:
                cased = not lowercase_text(doc) and any(t.is_title and not t.is_sent_start for t in doc[:400])
            if cased and all(t.is_lower or not t.is_alpha for t in ent):
                continue  # "selimut", "mesin dompeng": in cased text a name is capitalised
        if ent.start in noise or any(d.start < ent.end and ent.start < d.end for d in agency):
            continue  # bylines, captions, "Baca juga" links; "PALEMBANG, [Sumsel Ekspres] –"
        if ent.label_ in ("ORG", "ORGANIZATION") and (ent.text in not_organizations or ent.text in things):
            continue  # "KUHP", "APBD", "Pilkada": laws, budgets and events, not bodies
        if ent.text in _parliament_organs() and (ent.start, ent.end) not in by_extent:
            continue
        if all(t.text in not_names or _DEGREE.match(t.text) or t.is_punct for t in ent):
            continue  # "M.Kes.", "S.Pd.", "Ak.": degrees after a name are no entity
        if not any(c.isalpha() for c in ent.text) or any(t.like_email for t in ent):
            continue  # "24/11/2025", "pengaduan@balikpapan.go.id"
        brackets = [t.text for t in ent if t.text in ("(", ")")]
        if brackets and brackets[0] == ")":
            # "RSUD) Komodo": the name starts after the bracket
            after = next(t.i for t in ent if t.text == ")") + 1
            if after >= ent.end:
                continue
            ent = Span(doc, after, ent.end, label=ent.label_)
        elif brackets and brackets[-1] == "(":
            # "Kementerian Dalam Negeri (Kemendagri": the name stops at the bracket
            cut = max(t.i for t in ent if t.text == "(")
            if cut == ent.start:
                continue
            ent = Span(doc, ent.start, cut, label=ent.label_)
        if all(t.is_punct for t in ent):
            continue
        if ent[0].text[:1].isupper() and (ent[-1].is_lower or ent[-1].is_punct) and len(ent) > 1:
            # "[Badan Kepegawaian … Manusia menyusun aplikasi pemantauan]": a capitalised name
            # does not end in lowercase words
            end = ent.end
            while (end > ent.start + 1 and (doc[end - 1].is_lower or doc[end - 1].is_punct)
                   and doc[end - 1].text not in (")", "'") and doc[end - 1].lower_ not in _NAME_TAIL_WORDS):
                end -= 1
            if end < ent.end and not any(t.text == "(" for t in doc[end : ent.end]):
                ent = Span(doc, ent.start, end, label=ent.label_)
        if glued(ent) or any(t.is_space or t.text in DASHES for t in ent) or doubtful_in_headline(ent):
            # a title glued to a name, a span across a paragraph break or a dash ("Warta — Pemerintah
            # Provinsi …" after a dateline), a doubtful headline span
            continue
        rule = by_extent.get((ent.start, ent.end))
        tail = next((p for p in persons if p.end == ent.end and ent.start < p.start and len(p) > 1), None) if rule is None else None
        if tail is not None and ent.label_ in ("ORG", "ORGANIZATION"):
            # "Persija Thomas Dörner": the organization, then the person the rules found in it
            head = doc[ent.start : tail.start]
            if not (doc[ent.start].text == "Komisi" and len(head) == 2) and not all(t.text in not_names for t in head):
                # not "[Komisi A] Joko Santoso" (an organ) nor "[dr.] Moh. Hafid" (an honorific)
                model.append(Span(doc, ent.start, tail.start, label="ORGANIZATION"))
            model.append(tail)
            continue
        if rule is None and ent.label_ in ("LOC", "LOCATION"):
            # "Provinsi [Jawa Timur]": the model's place is a region the rules coded
            region = next((r for r in regions if r.start <= ent.start and ent.end <= r.end), None)
            cut_front = region is not None and any(t.lower_ not in _REGION_LEVEL_WORDS for t in doc[region.start : ent.start])
            if region is not None and (ent.end < region.end or cut_front):
                rule = region  # "[Papua Barat] Daya", "Hulu [Sungai Tengah]": a cut name is another region's, take the whole
            elif region is not None:
                rule = Span(doc, ent.start, ent.end, label=region.label_, kb_id=region.kb_id)
        if rule is None and ent.label_ in ("ORG", "ORGANIZATION"):
            # "[Komisi Pemilihan Umum (KPU)]": a name and its short form, both one institution's
            inside = [i for i in institutions if ent.start <= i.start and i.end <= ent.end]
            covered = {t for i in inside for t in range(i.start, i.end)}
            if inside and len({i.kb_id for i in inside}) == 1 and all(t.i in covered or t.text in "()" for t in ent):
                rule = Span(doc, ent.start, ent.end, label="INSTITUTION", kb_id=inside[0].kb_id)
        if rule is None and ent.label_ in ("ORG", "ORGANIZATION", "LOC", "LOCATION"):
            # "[Dinas Lingkungan Hidup] dan Kehutanan Aceh", "[Kejari] Palembang", "Pengadilan
            # Tipikor ([Tipikor]) Makassar", "Otorita Ibu [Kota Nusantara]": the model's span is
            # part of an institution the rules know; it takes the unit's whole name and id, and
            # the region after it stays a region of its own.
            rule = _institution_unit(doc, ent, institutions, regions)
        if rule is None and ent.label_ in ("PER", "PERSON") and any(i.start < ent.end and ent.start < i.end for i in institutions):
            continue  # "[MDA Gianyar]" read as a person: the institution and its region are rule spans
        place = next((p for p in local_places if p.start < ent.end and ent.start < p.end), None)
        if place is not None and rule is None and ent.label_ in ("PER", "PERSON", "ORG", "ORGANIZATION"):
            # "Distrik [Walelagama]" in a list of distrik: a place, whatever the model says
            continue
        if rule is None and ent.label_ in ("PER", "PERSON"):
            # ranks, honorifics and degrees around a name are not part of it ("Letkol Inf [Andi
            # Saputra]", "[Muhammad Saleh], M.Si"), as in the NER corpora; alone they are nobody's
            start, end = ent.start, ent.end
            while start < end and (doc[start].text in not_names or doc[start].text in ("Pol", "Pol.", "TNI")):
                start += 1
            while end > start and (doc[end - 1].text in not_names or doc[end - 1].text in (",", "-")):
                end -= 1
            if start == end:
                continue
            if (start, end) != (ent.start, ent.end):
                ent = Span(doc, start, end, label=ent.label_)
                rule = by_extent.get((start, end))
        if rule is None and ent.label_ in ("PER", "PERSON") and ent.start > 0 and doc[ent.start - 1].text in LOCATIVES:
            ent = Span(doc, ent.start, ent.end, label="LOC")  # "di [Sepaku]": the model's person is a place
        if rule is None and ent.label_ in ("PER", "PERSON"):
            # a person the rules read further than the model did ("Rahmat" → "Rahmat Lamasi",
            # "kata [Prasetio [Edi Marsudi]]")
            rule = next((p for p in persons if p.start <= ent.start and ent.end <= p.end and len(p) > len(ent)), None)
        model.append(rule if rule is not None else Span(doc, ent.start, ent.end, label=MODEL_LABELS.get(ent.label_, ent.label_)))
    return model, rules


@lru_cache(maxsize=1)
def _not_organizations() -> frozenset[str]:
    return frozenset(load_lexicon()["not_organizations"])


@lru_cache(maxsize=1)
def _parliament_organs() -> frozenset[str]:
    """Short names of the DPR's organs ("Banggar", "Baleg"); no rule claimed them, so they are a
    DPRD's organ ("Banggar DPRD Konsel … Banggar meminta"), not an entity of their own."""
    entries = load_catalog().institutions.values()
    return frozenset(f for e in entries if any(x.endswith(" DPR") for x in e.forms) for f in e.forms if " " not in f)


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Honorifics and degrees, with and without their periods."""
    catalog = load_catalog()
    forms = catalog.honorifics_before | catalog.honorifics_after
    return frozenset(forms | {f.rstrip(".") for f in forms})


def _institution_unit(doc: Doc, ent: Span, institutions: list[Span], regions: list[Span]) -> Optional[Span]:
    """The institution span around ``ent`` cut before a region that ends it ("Kejari" of
    "Kejari Palembang"), labelled INSTITUTION with the institution's id; None if none holds it."""
    for inst in institutions:
        if not (inst.start <= ent.start and ent.end <= inst.end):
            continue
        end = inst.end
        tail = next((r for r in regions if r.end == inst.end and inst.start < r.start), None)
        if tail is not None:
            end = tail.start
            while end > inst.start and doc[end - 1].lower_ in ("provinsi", "kabupaten", "kota", "kab.", "prov."):
                end -= 1
        if ent.end <= end:
            return Span(doc, inst.start, end, label="INSTITUTION", kb_id=inst.kb_id)
        if tail is not None and ent.end <= tail.start:
            return Span(doc, inst.start, tail.start, label="INSTITUTION", kb_id=inst.kb_id)  # "Kantor Wali Kota"
        # the model's span reaches into the region: the institution as a whole
        return Span(doc, inst.start, inst.end, label="INSTITUTION", kb_id=inst.kb_id)
    return None


def _claim(doc: Doc, spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans, first come first served, in document order."""
    taken = [False] * len(doc)
    kept: list[Span] = []
    for span in spans:
        if span.start < span.end and not any(taken[span.start : span.end]):
            kept.append(span)
            for i in range(span.start, span.end):
                taken[i] = True
    return sorted(kept, key=lambda s: s.start)


# "Kecamatan Kuwus", "Desa Bontolempangang", "Kel. Sungguminasa": a level word names the kind of place.
LOCAL_LEVEL_WORDS = {"kecamatan": "kecamatan", "kec.": "kecamatan", "distrik": "kecamatan", "desa": "desa", "kelurahan": "desa", "kel.": "desa", "nagari": "desa", "gampong": "desa", "kampung": "desa"}


def _code_local_places(doc: Doc, ents: list[Span]) -> list[Span]:
    """Give a place written with its level word the Kemendagri code of that kecamatan or desa,
    when the name is unique inside the kabupaten/kota or province the text names (or, for a
    name of two words or more, unique in the country)."""
    def level_at(ent: Span) -> int:
        return ent.start if doc[ent.start].lower_ in LOCAL_LEVEL_WORDS else ent.start - 1

    if not any(ent.label_ == "LOCATION" and level_at(ent) >= 0 and doc[level_at(ent)].lower_ in LOCAL_LEVEL_WORDS for ent in ents):
        return ents
    context = {s.kb_id_ for s in doc.spans[SPANS_REGIONS]} if SPANS_REGIONS in doc.spans else set()
    out = []
    for ent in ents:
        if ent.label_ == "LOCATION" and not ent.kb_id_:
            level_at = ent.start if doc[ent.start].lower_ in LOCAL_LEVEL_WORDS else ent.start - 1
            if level_at >= 0 and doc[level_at].lower_ in LOCAL_LEVEL_WORDS and level_at + 1 < ent.end:
                areas = load_kecamatan() if LOCAL_LEVEL_WORDS[doc[level_at].lower_] == "kecamatan" else load_desa()
                found = areas.named(doc[level_at + 1 : ent.end].text)
                near = [a for a in found if a.kabkota_code in context] or [a for a in found if a.code[:2] in context]
                if len(near) == 1 or (not near and len(found) == 1 and ent.end - level_at > 2):
                    ent = Span(doc, ent.start, ent.end, label=ent.label_, kb_id=(near or found)[0].code)
        out.append(ent)
    return out


def _organization_name(span: Span) -> str:
    """The name as later mentions write it: "Perusahaan Umum Daerah (Perumda) Air Minum Kota
    Kupang" → "Perumda Air Minum Kota Kupang" (a short form defined inside the name replaces the
    words it stands for)."""
    words = [t.text for t in span]
    while len(words) > 2 and words[-1] in ("Tbk", "Tbk.", "(Persero)"):
        words = words[:-1]  # "PT Semen Baturaja Tbk" is "PT Semen Baturaja"
    if words != [t.text for t in span]:
        return " ".join(words)
    if "(" in words[1:-2] and words.index("(") + 2 < len(words) and words[words.index("(") + 2] == ")":
        i = words.index("(")
        return " ".join([words[i + 1], *words[i + 3 :]]) if i + 3 < len(words) else span.text
    return span.text


def _name_word(token) -> bool:
    """A word of an organization's name: capitalised or an acronym, not punctuation."""
    return token.text[:1].isupper() and (token.is_alpha or token.text.replace("-", "").isalnum())


class EntityMerger(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_entities", *, min_organization_chars: int = 3, prefer_model: bool = True) -> None:
        self.name = name
        self.nlp = nlp
        self.settings = {"min_organization_chars": min_organization_chars, "prefer_model": prefer_model}
        register_extensions()
        self.configure()

    def configure(self) -> None:
        lexicon = load_lexicon()
        self.cues = {kind: frozenset(words) for kind, words in lexicon["organization_cues"].items()}
        self.phrase_cues = {kind: [cue for cue in cues if " " in cue] for kind, cues in self.cues.items()}
        catalog = load_catalog()
        self.not_names = catalog.honorifics_before | catalog.honorifics_after
        ambiguous = set(lexicon["ambiguous_organization_names"])
        self.known = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.known_kind: dict[str, str] = {}
        # Names that are organizations wherever they appear: parties, media, NGOs, and
        # organization_names.tsv (clubs, companies and media named after a place).
        named = [(name, kind) for kind in ("party", "media", "ngo") for name in lexicon["organization_cues"][kind]]
        for name, kind in [*load_organization_names(), *named]:
            if name not in ambiguous:
                self.known.add("ORG", [self.nlp.make_doc(name)])
                self.known_kind[name] = kind
        # "PT Sulawesi Nikel Mandiri", "Universitas Airlangga", "Partai Golkar": a prefix word and
        # the capitalised words after it name one organization, region names included.
        self.prefixes = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.company_prefix_words = frozenset(w for w in lexicon["organization_prefixes"]["company"] if " " not in w)
        self.party_names = frozenset(w for w in lexicon["organization_cues"]["party"] if " " not in w and w != "Partai")
        for kind, forms in lexicon["organization_prefixes"].items():
            self.prefixes.add(kind, [self.nlp.make_doc(form) for form in forms])

    def _prefixed_organizations(self, doc: Doc) -> tuple[list[Span], dict[str, str]]:
        """Prefix + capitalised run, stopped by a person's name ("Rektor Universitas Airlangga
        Mohammad Nasih"); not in a title-case headline. Returns the spans and their kinds. (A token
        Matcher walks every token in Python; the phrase matcher finds the rare prefix words in C.)"""
        persons = {i for span in _char_spans(doc, doc._.warta_persons or [], "PERSON") for i in range(span.start, span.end)}
        region_starts = {s.start for s in doc.spans[SPANS_REGIONS]} if SPANS_REGIONS in doc.spans else set()
        persons |= {i for e in doc.ents if e.label_ in ("PER", "PERSON") for i in range(e.start, e.end)}
        headline = headline_tokens(doc)
        spans, kinds = [], {}
        for match_id, start, end in self.prefixes(doc):
            if start in headline:
                continue
            stop = end
            while stop < len(doc) and stop not in persons:
                after = skip_parenthetical(doc, stop) if doc[stop].text == "(" else stop
                if after > stop and after < len(doc) and _name_word(doc[after]) and after not in region_starts:
                    # "Perusahaan Umum Daerah (Perumda) Air Minum Kota Kupang"; but "Partai
                    # Kebangkitan Bangsa (PKB) Banten" is the party's branch, named by the party
                    stop = after
                if not _name_word(doc[stop]):
                    break
                stop += 1
                if self.nlp.vocab.strings[match_id] == "party" and doc[stop - 1].text in self.party_names:
                    break  # "Partai Gerindra Suhardi": the party's short name ends it
            if stop < len(doc) and doc[stop].text in ("Tbk", "Tbk.", "(Persero)"):
                stop += 1
            if stop > end:
                span = Span(doc, start, stop, label="ORGANIZATION")
                kinds.setdefault(span.text, self.nlp.vocab.strings[match_id])
                spans.append(span)
        return spans, kinds

    def _dateline_agency(self, doc: Doc) -> list[Span]:
        """"PONTIANAK, Warta —" / "Makassar (Lintas Nusa) -": the agency is a media organization."""
        span = dateline_agency(doc)
        return [span] if span is not None else []

    def _plausible_organization(self, span: Span) -> bool:
        text = span.text
        return (
            len(text) >= self.settings["min_organization_chars"]
            and text[:1].isupper()
            and text not in self.not_names
            and any(c.isalpha() for c in text)
        )

    def organization_kind(self, span: Span) -> Optional[str]:
        if span.text in self.known_kind:
            return self.known_kind[span.text]
        words = {t.text for t in span}
        for kind, cues in self.cues.items():
            if words & cues or any(cue in span.text for cue in self.phrase_cues[kind]):
                return kind
        return None

    def __call__(self, doc: Doc) -> Doc:
        known = [Span(doc, s, e, label="ORGANIZATION") for _, s, e in self.known(doc)]
        prefixed, prefixed_kinds = self._prefixed_organizations(doc)
        known += prefixed

        dateline = self._dateline_agency(doc)
        model, rules = _candidates(doc, known + dateline)
        # Organizations are what no rule explains: rule spans first, whatever doc.ents prefers.
        rule_first = _claim(doc, rules + model)
        ents = _claim(doc, model + rules) if self.settings["prefer_model"] else rule_first
        doc.set_ents(_code_local_places(doc, ents), default="outside")
        media = {(s.start, s.end) for s in dateline}
        in_titles = {i for t in doc.spans[SPANS_TITLES] for i in range(t.start, t.end)} if SPANS_TITLES in doc.spans else set()
        organizations: dict[str, dict] = {}
        short_forms: dict[str, dict] = {}
        ends: dict[int, dict] = {}  # token end of an organization mention -> its record
        for span in rule_first:
            if span.label_ != "ORGANIZATION" or not self._plausible_organization(span) or in_titles.intersection(range(span.start, span.end)):
                continue
            defined_by = ends.get(span.start - 1) if span.start > 0 and doc[span.start - 1].text == "(" else None
            if defined_by is None:
                defined_by = short_forms.get(span.text)
            if defined_by is not None:
                # "Partai Kebangkitan Bangsa (PKB)": the short form is the same organization
                short_forms[span.text] = defined_by
                defined_by["mentions"].append([span.start_char, span.end_char])
                continue
            kind = "media" if (span.start, span.end) in media else self.organization_kind(span) or prefixed_kinds.get(span.text, "other")
            name = _organization_name(span)
            org = organizations.setdefault(name, {"name": name, "kind": kind, "mentions": []})
            org["mentions"].append([span.start_char, span.end_char])
            ends[span.end] = org
        doc._.warta_organizations = self._merge_organizations(organizations)
        companies = [span for span in prefixed if prefixed_kinds.get(span.text) in ("company", "university")]
        if companies and SPANS_REGIONS in doc.spans:
            # "PT Sawit Raja Ampat Lestari": a place inside a company's name is no mention of the
            # region (the entity keeps its code)
            doc.spans[SPANS_REGIONS] = [
                r for r in doc.spans[SPANS_REGIONS] if not any(c.start < r.start and r.end <= c.end for c in companies)
            ]
        return doc

    def _merge_organizations(self, organizations: dict[str, dict]) -> list[dict]:
        """One record per company: "PT Bank Sumut" and "Bank Sumut", "Perumda Tirta Kahuripan" and
        "Tirta Kahuripan", "… Sewakadarma Kota Denpasar" and "… Sewakadarma" (the longest name wins)."""
        by_core: dict[str, dict] = {}
        for org in sorted(organizations.values(), key=lambda o: -len(o["name"])):
            words = org["name"].split()
            while len(words) > 1 and words[0] in self.company_prefix_words:
                words = words[1:]
            for n in range(len(words) - 1, 0, -1):  # a region after the name: "… Kota Denpasar"
                if words[n] in ("Kota", "Kabupaten", "Kab.", "Provinsi"):
                    words = words[:n]
                    break
            core = " ".join(words).lower()
            kept = by_core.get(core)
            if kept is None or org["kind"] != kept["kind"] and "other" not in (org["kind"], kept["kind"]):
                by_core.setdefault(core, org)
                if kept is not None:
                    by_core[core + "\0" + org["name"]] = org
                continue
            kept["mentions"] = sorted(kept["mentions"] + org["mentions"])
        return sorted(by_core.values(), key=lambda o: o["mentions"][0][0])


@Language.factory(
    "warta_entities",
    default_config={"min_organization_chars": 3, "prefer_model": True},
    assigns=["doc.ents", "doc._.warta_organizations"],
    requires=["doc.spans"],
)
def make_entity_merger(nlp: Language, name: str, min_organization_chars: int, prefer_model: bool) -> EntityMerger:
    return EntityMerger(nlp, name, min_organization_chars=min_organization_chars, prefer_model=prefer_model)
