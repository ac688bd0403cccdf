"""Officials: persons named together with a public position.

Patterns (titles from titles.jsonl, ranks and degrees from honorifics.jsonl):
- title [region | unit words + institution] [,] [(ACRONYM)] [ranks] NAME — "Gubernur Kalimantan Barat
  Arman Sutedja", "Kepala Dinas Kesehatan Kabupaten Banyumas, Rina Widyastuti,", "Kapolda Sulsel
  Irjen Pol. Andi Baso", lists such as "Bupati Bantul A, Bupati Kulon Progo B, dan Wali Kota
  Yogyakarta C";
- NAME , title … — "Arman Sutedja, Gubernur Kalbar, …" (apposition).
When the Doc carries a dependency parse (the Stanza engine), appositions from the parse
(:func:`warta.syntax.appositive_pairs`) also name officials: they see past words the surface rules
stop at ("Camat Sukamaju, Hendra Gunawan," where the unknown place is not the name) and give every
name of a coordinated list its title ("Budi dan Rina, anggota DPRD …").
A generic title ("Ketua", "Kepala", "Direktur") makes an official only with a public institution
after it, so "Direktur Utama PT Maju" or "pelatih Persib" do not. The name's extent comes from the
model's PER entity when there is one, else from the run of capitalised words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from warta.abbreviation import skip_parenthetical
from warta.catalog import TitleEntry, load_catalog
from warta.component import SettingsComponent
from warta.extensions import SPANS_INSTITUTIONS, SPANS_REGIONS, SPANS_TITLES, register_extensions
from warta.gazetteer import LocalAreaIndex, load_desa, load_gazetteer, load_kecamatan
from warta.layout import headline_tokens, lowercase_text, noise_tokens
from warta.names import clean_name, is_degree, is_rank, load_name_lexicon, looks_like_name, name_length, skip_honorifics
from warta.resources import load_countries, load_lexicon
from warta.syntax import appositive_pairs

MAX_NAME_TOKENS = 5
MAX_UNIT_TOKENS = 10
# Titles of offices below kabupaten/kota: the place after them is usually not in the gazetteer.
LOCAL_TERRITORIAL = frozenset({"kecamatan", "desa_kelurahan", "desa", "kelurahan"})
AREA_LEVEL_WORDS = frozenset({"desa", "kelurahan", "kel.", "gampong", "nagari", "kampung", "kalurahan", "kecamatan", "kec.", "distrik"})
HOME_COUNTRY = ("Indonesia", "Republik Indonesia")
ROMAN_NUMERAL = re.compile(r"^(?!I$)[IVXL]+$")  # lone "I" opens Balinese names: "I Made Suarjana"
INITIALS = re.compile(r"^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})$")
DPRD_COMMISSIONS = frozenset("ABCDE")
# "Disdikpora", "Dinkes", "Disperindag": a regional agency's acronym opens with Dis-/Din-.
DINAS_ACRONYM = re.compile(r"^Di[sn][bcdfghjklmnpqrstvwxz][a-z]+[A-Za-z]*$")  # not "Disiplin", "Dinas"  # DPR's commissions are numbered I–XIII
# The level of region an office without its region takes from the text, by the title's territory.
TEXT_LEVELS = {"provinsi": "provinsi", "kabupaten_kota": "kabupaten_kota", "kabupaten": "kabupaten", "kota": "kota",
               "kecamatan": "kabupaten_kota", "desa_kelurahan": "kabupaten_kota"}
FORMER_WORDS = frozenset({"mantan", "eks", "bekas"})  # "mantan Wali Kota Salatiga": a past office
BREAKS = frozenset({",", ".", ";", ":", "(", ")", "“", "”", '"', "'", "—", "–", "-", "!", "?"})


def taken_by_others(kept: list, match: tuple) -> set[int]:
    """Token indices covered by the other title matches."""
    return {i for m in kept if m is not match for i in range(m[0], m[1])}


@dataclass
class _Official:
    name: str
    title: str
    jurisdiction: Optional[str]
    institution: Optional[dict]
    name_span: tuple[int, int]
    title_span: tuple[int, int]
    former: bool = False


@dataclass
class _Context:
    """What the steps of the reader know about one document."""

    regions_at: dict[int, Span]
    institutions: list[Span]
    per_at: dict[int, Span]
    places_at: dict[int, int]
    blocked: set[int]
    titles: list[tuple[int, int, TitleEntry]]
    title_tokens: set[int]
    title_starts: frozenset[int]
    context_codes: set[str]
    appositions: dict
    not_regions: set[int] = field(default_factory=set)


@dataclass
class _Reading:
    """One title read left to right: the office phrase ends at ``pos``, the name starts at ``name_pos``."""

    start: int
    end: int
    entry: TitleEntry
    pos: int
    jurisdiction: Optional[str] = None
    institution: Optional[Span] = None
    inst_ref: Optional[dict] = None
    title_text: str = ""
    title_end: int = 0
    name_pos: int = 0
    local: Optional[tuple[int, Optional[str]]] = None
    holder: Optional[tuple[int, int]] = None  # a name written before the title ("X sebagai Kepala …")
    unit_office: bool = False  # a unit of government the catalog does not know ("Kepala Dinas PUBMSDA")
    unit_region: bool = False  # the region is the government unit's ("Kepala Disdikpora DIY")
    place_only: bool = False  # a local office's place is read and no name follows it


class OfficialRecognizer(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_officials", *, catalog_dir: Optional[str] = None) -> None:
        self.name = name
        self.nlp = nlp
        self.settings = {"catalog_dir": catalog_dir}
        register_extensions()
        self.configure()

    def configure(self) -> None:
        catalog = self.catalog = load_catalog(self.settings["catalog_dir"])
        self.gazetteer = load_gazetteer()
        self.kecamatan = load_kecamatan()
        lexicon = load_lexicon()
        self.stopwords = frozenset(lexicon["name_stopwords"])
        self.particles = frozenset(lexicon["name_particles"])
        self.name_abbreviations = frozenset(lexicon["name_abbreviations"])
        self.unit_words = frozenset(lexicon["unit_words"])
        self.qualifiers = sorted((q.split() for q in lexicon["office_qualifiers"]), key=len, reverse=True)
        self.holder_links = frozenset(lexicon["holder_links"])
        self.shared_offices = frozenset(lexicon["shared_offices"])
        self.government_unit_titles = frozenset(lexicon["government_unit_titles"])
        # "Peraturan Menteri …", "Jalan Gubernur Suryo": a title naming a document or a street
        # "Kantor Camat Sebuku", "Rumah Dinas Bupati": a building named after the office
        self.not_office_words = frozenset(
            w.lower() for w in lexicon["regulation_words"] + lexicon["street_words"] + lexicon["facility_words"] + ["Kantor", "Rumah", "Rujab", "Rumdin", "Dinas"]
        )
        # "Ketua DPD PDIP Jawa Barat", "Ketua Bappilu PPP Fernita Darwis": a party word after the
        # office makes it a party post, and a party name never starts a person's name
        self.party_words = frozenset(w for w in lexicon["organization_cues"]["party"] if " " not in w)
        self.organization_words = frozenset(w for ws in lexicon["organization_prefixes"].values() for w in ws if " " not in w) | self.party_words
        self.honorifics = catalog.honorifics_before | {h.rstrip(".") for h in catalog.honorifics_before}
        self.degrees = catalog.honorifics_after
        self.names = load_name_lexicon()
        self.countries = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.countries.add("COUNTRY", [self.nlp.make_doc(name) for name in (*load_countries(), *HOME_COUNTRY)])
        self.titles: dict[str, TitleEntry] = {}
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        self.lower_matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        for n, entry in enumerate(catalog.titles):
            key = f"title-{n}"
            self.titles[key] = entry
            for form in entry.forms:
                self.matcher.add(key, [self.nlp.make_doc(form)])
                self.lower_matcher.add(key, [self.nlp.make_doc(form.lower())])

    # -- title matches ---------------------------------------------------------------------
    def _title_matches(self, doc: Doc) -> list[tuple[int, int, TitleEntry]]:
        raw = [(s, e, self.titles[self.nlp.vocab.strings[m]]) for m, s, e in self.matcher(doc)]
        raw += [
            (s, e, self.titles[self.nlp.vocab.strings[m]])
            for m, s, e in self.lower_matcher(doc)
            # lowercase titles count in apposition or right before a model person; checked later
            if doc[s].is_lower or (e - s > 1 and doc[s].is_title and all(t.is_lower for t in doc[s + 1:e]))
        ]
        raw.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: set[int] = set()
        kept = []
        for start, end, entry in raw:
            if not taken.intersection(range(start, end)):
                kept.append((start, end, entry))
                taken.update(range(start, end))
        kept.sort()
        # A one-word title closing a name is the name's last word: "Wakil Wali Kota Bekasi Fikri
        # Ramadhan Hakim memerintahkan …" (Hakim), "… Andi Lurah," (not before a name).
        kept = [m for m in kept if not (
            m[1] - m[0] == 1 and m[0] > 0 and doc[m[0] - 1].text[:1].isupper() and doc[m[0] - 1].is_alpha
            and not doc[m[0] - 1].is_sent_start and m[0] - 1 not in taken_by_others(kept, m)
            and (m[1] >= len(doc) or not doc[m[1]].text[:1].isupper())
        )]
        # A title in parentheses only repeats the one before it: "Penjabat (Pj.) Gubernur",
        # "Kepala Seksi Tindak Pidana Khusus (Kasi Pidsus) Kejari Medan".
        kept = [m for m in kept if not (m[0] > 0 and doc[m[0] - 1].text == "(" and m[1] < len(doc) and doc[m[1]].text == ")")]
        # An acting prefix ("Pj.", "Plt.") joins the title right after it.
        merged: list[tuple[int, int, TitleEntry]] = []
        for start, end, entry in kept:
            if merged and merged[-1][2].acting and skip_parenthetical(doc, merged[-1][1]) == start:
                merged[-1] = (merged[-1][0], end, entry)
            elif merged and merged[-1][2].acting and merged[-1][1] == start:
                merged[-1] = (merged[-1][0], end, entry)
            elif merged and merged[-1][1] == start and doc[merged[-1][1] - 1].text == "Wakil":
                merged[-1] = (merged[-1][0], end, entry)
            else:
                merged.append((start, end, entry))
        return [m for m in merged if not m[2].acting]

    # -- the phrase after a title --------------------------------------------------------------

    def _after_title(self, doc: Doc, start: int, end: int, entry: TitleEntry, regions_at: dict[int, Span], institutions: list[Span], title_starts: frozenset[int] = frozenset()):
        """Jurisdiction, institution span and the token index where a name may start."""
        pos = end
        jurisdiction = None
        institution: Optional[Span] = None
        for span in institutions:  # institution starting inside the title: "Kepala Dinas" + "Dinas Kesehatan Banyumas"
            if start < span.start < end < span.end:
                institution, pos = span, span.end
                break
            if start < span.start and span.end == end and entry.institution and span.kb_id_.startswith(entry.institution + ":"):
                institution = span  # "Kepala Satpol PP" after "Satpol PP Kota Malang": the one unit of the text
                break
        if institution is None:
            inside = next((regions_at[i] for i in range(start + 1, end) if i in regions_at and regions_at[i].end > end), None)
            after_short_form = skip_parenthetical(doc, pos)  # "Sekretaris Daerah (Sekda) Provinsi Riau"
            if inside is not None:
                jurisdiction, pos = inside.kb_id_, inside.end
            elif after_short_form in regions_at:
                jurisdiction, pos = regions_at[after_short_form].kb_id_, regions_at[after_short_form].end
            elif self._skip_unit_number(doc, after_short_form) > after_short_form:
                # "Dandim 1504/Ambon", "Komandan Korem (Danrem) 151/Binaiya": the numbered unit is
                # the body, a region in its name its territory
                unit_end = self._skip_unit_number(doc, after_short_form)
                region = regions_at.get(unit_end - 1)
                return (region.kb_id_ if region is not None and region.end == unit_end else None), None, unit_end
        if institution is None and jurisdiction is None:
            scan = pos
            while scan < len(doc) and scan - pos <= MAX_UNIT_TOKENS and scan not in title_starts:
                span = next((s for s in institutions if s.start == scan), None)
                if span is not None:
                    institution, pos = span, span.end
                    break
                text = doc[scan].text
                if text == "(" and skip_parenthetical(doc, scan) > scan:
                    scan = skip_parenthetical(doc, scan)  # "Kepala Seksi Tindak Pidana Khusus (Kasi Pidsus) Kejari Medan"
                    continue
                if text in (",", "dan") and scan + 1 < len(doc) and doc[scan + 1].text[:1].isupper():
                    scan += 1  # "Kepala Pusat Data, Informasi, dan Komunikasi Kebencanaan BNPB"
                    continue
                if text not in self.unit_words and not (text[:1].isupper() and text not in BREAKS):
                    break
                scan += 1
        if institution is not None and jurisdiction is None:
            code = institution.kb_id_.rsplit(":", 1)[1] if ":" in institution.kb_id_ else None
            if code and self.gazetteer.get(code):
                jurisdiction = code
        return jurisdiction, institution, pos

    def _skip_place_chain(self, doc: Doc, pos: int, regions_at: dict[int, Span]) -> int:
        """From the comma after a desa or kecamatan, skip ", Kecamatan X" and ", <region>" parts;
        returns the position of the last comma skipped to (``pos`` if there is none)."""
        while pos + 2 < len(doc) and doc[pos].text in (",", "di"):
            nxt = pos + 1
            if nxt in regions_at:
                end = regions_at[nxt].end
            elif doc[pos].text == "di" and doc[nxt].text[:1].isupper():
                end = nxt  # "Kepala Desa Bukit Raya di Tenggarong Seberang, Suparman"
                while end < len(doc) and end - nxt < 4 and doc[end].text[:1].isupper() and doc[end].text not in BREAKS:
                    end += 1
            elif doc[nxt].lower_ in AREA_LEVEL_WORDS and doc[nxt + 1].text[:1].isupper():
                end = nxt + 1
                while end < len(doc) and end - nxt <= 4 and doc[end].text[:1].isupper() and doc[end].text not in BREAKS:
                    end += 1
            else:
                break
            if end >= len(doc) or doc[end].text != ",":
                break
            pos = end
        return pos

    def _kecamatan_codes_after(self, doc: Doc, pos: int, context_codes: set[str]) -> set[str]:
        """Codes of a kecamatan named right after ``pos``: "di Tenggarong Seberang", ", Kecamatan Kuta Alam"."""
        if pos + 1 >= len(doc) or doc[pos].text not in (",", "di"):
            return set()
        start = pos + 1 + (doc[pos + 1].lower_ in ("kecamatan", "kec.", "distrik"))
        for n in range(min(4, len(doc) - start), 0, -1):
            found = self.kecamatan.named(doc[start : start + n].text)
            near = {k.code for k in found if k.kabkota_code in context_codes or k.code[:2] in context_codes}
            if near:
                return near
        return set()

    def _national(self, entry: TitleEntry) -> bool:
        """An office of a national body ("Menteri Dalam Negeri", "Presiden")."""
        body = self.catalog.get(entry.institution) if entry.institution else None
        return body is not None and not body.regional

    def _skip_unit_number(self, doc: Doc, pos: int) -> int:
        """Skip a military or police unit number: "Danrem 031/Wirabima", "Dandim 0418/Palembang"."""
        if pos + 2 < len(doc) and (doc[pos].is_digit or ROMAN_NUMERAL.match(doc[pos].text)) and doc[pos + 1].text == "/" and doc[pos + 2].text[:1].isupper():
            return pos + 3
        return pos

    def _skip_qualifier(self, doc: Doc, pos: int) -> int:
        """Skip "nonaktif", "terpilih", "saat itu" … between an office and the name, up to a comma
        when one follows ("Bupati Muara Enim nonaktif, Juarsah")."""
        for phrase in self.qualifiers:
            n = len(phrase)
            if [t.lower_ for t in doc[pos : pos + n]] == phrase:
                return pos + n
        return pos

    def _skip_affiliation(self, doc: Doc, pos: int) -> int:
        """Skip "dari Fraksi Partai Golkar,", "Fraksi PAN (PAN)," or "asal Nusa Tenggara Barat," up
        to the comma before the name."""
        if pos >= len(doc) or not (doc[pos].lower_ in ("dari", "fraksi", "asal", "dapil") or doc[pos].text in ("Divisi", "Bidang", "Seksi", "Bagian", "Subbagian", "Subbidang")):
            return pos  # "Anggota KPU Lampung Tengah Divisi Teknis, Rudi Antoni"
        i = pos + 1
        while i < min(len(doc), pos + 10):
            if doc[i].text == ",":
                return i
            if doc[i].text == "(" and skip_parenthetical(doc, i) > i:
                i = skip_parenthetical(doc, i)
                continue
            if not (doc[i].text[:1].isupper() or doc[i].text == "-" or doc[i].is_digit or doc[i].lower_ in ("daerah", "pemilihan")):
                break
            i += 1
        return pos

    def _skip_honorifics(self, doc: Doc, pos: int) -> int:
        """Past ranks and honorifics in any spelling: "Irjen Pol. Dr. H.", "IPTU", "Kombespol"."""
        return pos + skip_honorifics([t.text for t in doc[pos : pos + 8]], self.names)

    def _name_at(self, doc: Doc, pos: int, blocked: set[int], per_at: dict[int, Span]) -> Optional[tuple[int, int]]:
        """The name starting at ``pos``: the run of name words (names.name_length), or the model's
        person there when it runs further (a long name the rule cut, a name that is also a word)."""
        if pos >= len(doc) or pos in blocked or ROMAN_NUMERAL.match(doc[pos].text):
            return None  # a unit number ("Kodam V Jaya") does not start a name
        if doc[pos].text in self.party_words:
            return None
        model_end = pos
        if pos in per_at:
            model_end = per_at[pos].end
            while model_end > pos + 1 and (is_degree(doc[model_end - 1].text, self.names) or doc[model_end - 1].text in BREAKS):
                model_end -= 1
        words = []
        for token in doc[pos : pos + MAX_NAME_TOKENS]:
            if token.i in blocked:
                break
            words.append(token.text)
        end = max(pos + name_length(words, self.names), model_end)
        return (pos, end) if end > pos else None

    def _clean_name(self, doc: Doc, start: int, end: int) -> str:
        return clean_name([t.text for t in doc[start:end]], self.names)

    # -- the reader: find titles → read the unit chain → read the local area → read the names →
    # attach → merge. Each step is a method below; __call__ only sequences them.

    def __call__(self, doc: Doc) -> Doc:
        ctx = self.document_context(doc)
        found: list[_Official] = []
        title_spans = []
        for title in ctx.titles:
            reading = self.read_unit_chain(doc, ctx, title)
            if reading is None:
                continue
            self.read_local_area(doc, ctx, reading)
            names = self.read_names(doc, ctx, reading)
            if not names:
                continue
            title_spans.append(Span(doc, reading.start, max(reading.pos, reading.title_end), label="TITLE"))
            found += self.attach(doc, reading, names)
        found += self.read_titles_after_names(doc, ctx, found)
        doc.spans[SPANS_TITLES] = title_spans
        if ctx.not_regions:
            doc.spans[SPANS_REGIONS] = [s for s in doc.spans[SPANS_REGIONS] if s.start not in ctx.not_regions]
        doc._.warta_officials = self._merge(doc, found)
        return doc

    def document_context(self, doc: Doc) -> "_Context":
        """What every step reads: regions, institutions and model persons by position, places that
        can qualify a title, the tokens no name may take, and the title matches themselves."""
        regions_at = {s.start: s for s in doc.spans[SPANS_REGIONS]} if SPANS_REGIONS in doc.spans else {}
        institutions = list(doc.spans[SPANS_INSTITUTIONS]) if SPANS_INSTITUTIONS in doc.spans else []
        per_at = {e.start: e for e in doc.ents if e.label_ in ("PER", "PERSON")}
        # Places that can qualify a title: countries, and places the model found ("Presiden Prancis …")
        places_at: dict[int, int] = {}
        for _, start, end in sorted(self.countries(doc), key=lambda m: m[1] - m[2]):  # longest first
            places_at.setdefault(start, end)
        for ent in doc.ents:
            if ent.label_ in ("LOC", "GPE", "LOCATION"):
                places_at.setdefault(ent.start, ent.end)
        blocked = {i for s in institutions for i in range(s.start, s.end)} | {i for s in regions_at.values() for i in range(s.start, s.end)}
        titles = self.find_titles(doc)
        title_tokens = {i for s, e, _ in titles for i in range(s, e)}
        return _Context(
            regions_at=regions_at,
            institutions=institutions,
            per_at=per_at,
            places_at=places_at,
            blocked=blocked,
            titles=titles,
            title_tokens=title_tokens,
            # "Camat Tamalanrea Rusdi dan Kadis PUPR …": the next office ends a unit chain
            title_starts=frozenset(s for s, _, _ in titles),
            context_codes={s.kb_id_ for s in regions_at.values() if s.kb_id_},
            appositions=self._parsed_appositions(doc, titles, blocked | title_tokens),
        )

    def find_titles(self, doc: Doc) -> list[tuple[int, int, TitleEntry]]:
        """Catalog titles in the body of the text: not in the headline, page furniture ("Baca juga:
        Gubernur X Minta …"), or naming a document or a street."""
        headline = headline_tokens(doc)
        noise = noise_tokens(doc)
        return [t for t in self._title_matches(doc) if t[0] not in headline and t[0] not in noise and not self._names_no_office(doc, t[0])]

    def read_unit_chain(self, doc: Doc, ctx: "_Context", title: tuple[int, int, TitleEntry]) -> Optional["_Reading"]:
        """The region, unit and institution after a title, and the title as written. None when a
        generic title ("Ketua", "hakim") has no public body to belong to."""
        start, end, entry = title
        jurisdiction, institution, pos = self._after_title(doc, start, end, entry, ctx.regions_at, ctx.institutions, ctx.title_starts)
        if jurisdiction is not None and pos + 1 < len(doc) and doc[pos].text == "Kota" and pos + 1 not in ctx.regions_at and pos > end:
            pos += 1  # "Kapolresta Sorong Kota Kombes …", "Polres Bima Kota": the city's unit
        r = _Reading(start=start, end=end, entry=entry, pos=pos, jurisdiction=jurisdiction, institution=institution)
        self._national_office_opens_name(doc, ctx, r)
        if (entry.generic and r.institution is None and not self._generic_office_body(doc, ctx, r)
                and not self._rank_confirms_office(doc, ctx, r) and not self._government_unit_office(doc, ctx, r)):
            return None
        if r.pos > end and self._skip_unit_number(doc, skip_parenthetical(doc, end)) == r.pos:
            r.title_text = re.sub(r" \([^)]*\)", "", doc[start:r.pos].text)  # "Dandim 0418/Palembang"
        else:
            r.title_text = self._title_text(doc, start, end, r.pos, r.institution, ctx.regions_at)
        r.inst_ref = self._institution_ref(doc, entry, r.institution, r.jurisdiction)
        if entry.institution is None and r.institution is None and r.jurisdiction and entry.territorial is None and not r.unit_region:
            r.jurisdiction = None  # a region after a title of no catalog body is not its jurisdiction
        self._camat_kecamatan(doc, ctx, r)
        r.holder = self._holder_before_title(doc, ctx, r)
        return r

    def _holder_before_title(self, doc: Doc, ctx: "_Context", r: "_Reading") -> Optional[tuple[int, int]]:
        """The office written after its holder: "Rudi Hartono sebagai Pj. Kepala Desa Sukamaju",
        "Halim, selaku Ketua Komisi III DPR", "Sari Dewi (Kabid Anggaran BPKAD)"."""
        link = r.start - 1
        if link < 1:
            return None
        if doc[link].text == "(":
            close = skip_parenthetical(doc, link)
            # the whole parenthesis is the office: its unit chain ends at the bracket
            if close <= link or not r.pos <= close - 1 <= r.pos + 3 or any(t.is_lower for t in doc[r.pos : close - 1]):
                return None
        elif doc[link].lower_ not in self.holder_links:
            return None
        end = link - (doc[link - 1].text == ",")
        return self._name_before(doc, end, ctx.per_at, ctx.blocked | ctx.title_tokens, single_word_opens=True)

    def _national_office_opens_name(self, doc: Doc, ctx: "_Context", r: "_Reading") -> None:
        """"Wakil Menteri Dalam Negeri Bima Arya Sugiarto": a national office governs no region, so
        a place-named word after it opens the name."""
        end = r.end
        if (r.jurisdiction is not None and r.institution is None and r.entry.territorial is None and end in ctx.regions_at
                and ctx.regions_at[end].end == r.pos and self._national(r.entry) and self._name_follows(doc, r.pos)):
            r.jurisdiction, r.pos = None, end
            ctx.not_regions.add(end)
            ctx.blocked -= set(range(end, ctx.regions_at[end].end))

    def _generic_office_body(self, doc: Doc, ctx: "_Context", r: "_Reading") -> bool:
        """The body of a generic title that names none: a commission of the one parliament of the
        text ("Wakil Ketua Komisi A Rasyid": A–E are a DPRD's, I–XIII the DPR's or a DPRD's), or the
        one court of the text ("hakim ketua Andi Suryadi")."""
        pos = r.pos
        commission = doc[pos + 1].text if pos + 1 < len(doc) and doc[pos].text == "Komisi" else None
        parliaments = {s.kb_id_: s for s in ctx.institutions if s.kb_id_.split(":", 1)[0] in ("dprd", "dprk", "dpr")}
        if commission in DPRD_COMMISSIONS:
            parliaments = {k: s for k, s in parliaments.items() if k != "dpr"}
        elif commission is None or not (commission == "I" or ROMAN_NUMERAL.match(commission)):
            parliaments = {}
        bodies = self._bodies_of_kind(ctx.institutions, r.entry.body_kind) if r.entry.body_kind and r.jurisdiction is None else {}
        if r.jurisdiction is None and len(parliaments) == 1:
            r.institution = next(iter(parliaments.values()))
            r.pos += 2
        elif len(bodies) == 1 and self._name_follows(doc, self._skip_honorifics(doc, self._skip_qualifier(doc, pos))):
            r.institution = next(iter(bodies.values()))
        else:
            return False
        r.jurisdiction = r.institution.kb_id_.split(":", 1)[1] if ":" in r.institution.kb_id_ else None
        return True

    def _rank_confirms_office(self, doc: Doc, ctx: "_Context", r: "_Reading") -> bool:
        """"Kasubdit Tipikor Kompol Rudi Hartono", "Kasi Intel AKP Budi": a generic title, a few unit
        words and a police or military rank before a name is an office of the force, though the
        text names the force elsewhere or not at all."""
        pos = r.pos
        while pos < len(doc) and pos - r.pos < 4 and doc[pos].text[:1].isupper() and not is_rank(doc[pos].text, self.names) and pos not in ctx.title_starts:
            pos += 1
        if pos >= len(doc) or not is_rank(doc[pos].text, self.names) or not self._name_follows(doc, self._skip_honorifics(doc, pos)):
            return False
        r.pos = pos
        return True

    def _government_unit_office(self, doc: Doc, ctx: "_Context", r: "_Reading") -> bool:
        """"Kepala Dinas PUBMSDA Rina Wati", "Kepala Disdikpora DIY, Rina", "Kabid Cipta Karya Rina":
        a title that names a unit of government (Dinas, Bidang, Seksi, Biro, or a Dis-/Din- acronym
        after "Kepala") before a unit the catalog does not know, then a name after a comma or the
        model's person, is an office of that government."""
        words = [t.text for t in doc[r.start : r.end]]
        unit_title = " ".join(words[:2]) in self.government_unit_titles or words[0] in self.government_unit_titles
        pos = r.pos
        if not unit_title and not (pos < len(doc) and DINAS_ACRONYM.match(doc[pos].text)):
            return False
        scan, region = pos, None
        while scan < len(doc) and scan - pos < 4 and scan not in ctx.per_at and doc[scan].text[:1].isupper() and scan not in ctx.title_starts:
            if scan in ctx.regions_at:
                region, scan = ctx.regions_at[scan], ctx.regions_at[scan].end
            elif doc[scan].text.isupper() and scan + 1 < len(doc) and not doc[scan + 1].text.isupper() and name_length([doc[scan + 1].text], self.names):
                scan += 1  # "Kepala Dinas PUBMSDA Rina …": an acronym, then a name
                break
            else:
                scan += 1
        if scan < len(doc) and doc[scan].text == "," and scan + 1 < len(doc) and (scan + 1 in ctx.per_at or self._name_follows(doc, scan + 1)):
            r.pos = scan  # "…, Suhirman"
        elif scan > pos and (scan in ctx.per_at or doc[scan - 1].text.isupper() and self._name_follows(doc, scan)):
            r.pos = scan  # the model's person or an acronym ends the unit: "Kabid Cipta Karya [Rina Wati]"
        else:
            return False
        if any(t.text in self.organization_words for t in doc[pos : r.pos]):
            r.pos = pos
            return False  # "Kepala Bagian Umum PT Maju Jaya, Budi": a company's unit
        if region is not None and r.jurisdiction is None:
            r.jurisdiction = region.kb_id_  # "Kepala Disdikpora DIY": the agency's region
        r.unit_region = region is not None
        r.unit_office = True
        return True

    def _camat_kecamatan(self, doc: Doc, ctx: "_Context", r: "_Reading") -> None:
        """A Camat's place is a kecamatan, even one named like a kabupaten ("Camat Karanganyar"):
        another kabupaten named in the text decides first ("… di Kabupaten Demak"), then its namesake."""
        if not (r.entry.territorial == "kecamatan" and r.jurisdiction is not None and len(r.jurisdiction) == 5):
            return
        named = self._kecamatan_at(doc, r.end, ctx.context_codes - {r.jurisdiction})
        if named is None or named[1] is None:
            named = self._kecamatan_at(doc, r.end, {r.jurisdiction})
        if named is not None and named[0] >= r.pos and named[1] is not None:
            # "Camat Karanganyar", "Kepala Distrik [Mimika] Baru": the kecamatan may run on
            r.jurisdiction, r.pos = named[1], named[0]
            r.inst_ref = self._institution_ref(doc, r.entry, r.institution, r.jurisdiction)
            ctx.not_regions.add(r.end)  # not a mention of the kabupaten

    def read_local_area(self, doc: Doc, ctx: "_Context", r: "_Reading") -> None:
        """Between the office and the name: qualifiers and affiliations ("nonaktif", "dari Fraksi
        PAN,"), a kecamatan or desa of a local office, a foreign country, commas, short forms in
        parentheses and ranks. Sets ``name_pos``, and the local code when a place is read."""
        name_pos = self._skip_affiliation(doc, self._skip_qualifier(doc, r.pos))
        r.title_end = r.pos
        if r.jurisdiction is None and r.entry.territorial in LOCAL_TERRITORIAL:
            name_pos = self._read_village_or_kecamatan(doc, ctx, r, name_pos)
        name_pos = self._skip_foreign_place(doc, ctx, r, name_pos)
        while name_pos < len(doc):
            if doc[name_pos].text == ",":
                name_pos += 1
            elif skip_parenthetical(doc, name_pos) > name_pos:
                name_pos = skip_parenthetical(doc, name_pos)
            else:
                break
        r.name_pos = self._skip_honorifics(doc, name_pos)
        self._jurisdiction_from_text(doc, ctx, r)

    def _jurisdiction_from_text(self, doc: Doc, ctx: "_Context", r: "_Reading") -> None:
        """An office of a regional government named without its region ("Bupati Made Sutarna",
        "Wakil Gubernur dr. Reny", "Kades Mlatiharjo X" for an unlisted desa) governs the one region
        of that level the text names; with two or none, the text does not decide and none is set."""
        level = TEXT_LEVELS.get(r.entry.territorial or "", "any" if r.unit_office else None)
        if r.jurisdiction is not None or r.institution is not None or level is None:
            return
        codes = set(ctx.context_codes) | {s.kb_id_.rsplit(":", 1)[1] for s in ctx.institutions if ":" in s.kb_id_}
        if level == "provinsi":
            found = {c[:2] for c in codes if c[:2].isdigit()}
        elif level == "any":  # a Dinas of the one kabupaten/kota the text names, else of its one province
            found = {c[:5] for c in codes if len(c) >= 5} or {c[:2] for c in codes if c[:2].isdigit()}
        else:
            found = {c[:5] for c in codes if len(c) >= 5 and (level == "kabupaten_kota" or (c[3] == "7") == (level == "kota"))}
        if len(found) == 1:
            r.jurisdiction = found.pop()
            r.inst_ref = self._institution_ref(doc, r.entry, r.institution, r.jurisdiction)

    def _read_village_or_kecamatan(self, doc: Doc, ctx: "_Context", r: "_Reading", name_pos: int) -> int:
        """"Camat Bulak Suprayitno", "Kapolsek Pulau Banyak Barat Iptu Hendra", "Keuchik Gampong
        Lampulo, Kecamatan Kuta Alam, Banda Aceh, Teuku Bahrul": the kecamatan or desa is part of
        the office and coded from the gazetteer; the name comes after it."""
        if name_pos + 1 < len(doc) and doc[name_pos].lower_ in AREA_LEVEL_WORDS and doc[name_pos + 1].text[:1].isupper():
            name_pos += 1  # "Keuchik Gampong Lampulo", "Perbekel Desa Tibubeneng": the level word
        local = None
        if r.entry.territorial == "kecamatan":
            local = self._kecamatan_at(doc, name_pos, ctx.context_codes)
        elif r.entry.territorial == "desa_kelurahan":
            local = self._area_at(load_desa(), doc, name_pos, ctx.context_codes)
            if local is not None and local[1] is None:
                # two desa of that name in the kabupaten: the kecamatan after it decides
                # ("Bukit Raya di Tenggarong Seberang")
                named = self._kecamatan_codes_after(doc, local[0], ctx.context_codes)
                if named:
                    local = self._area_at(load_desa(), doc, name_pos, named) or local
        if local is None:
            return name_pos
        local = (self._skip_place_chain(doc, local[0], ctx.regions_at), local[1])
        after_qualifier = self._skip_qualifier(doc, local[0])  # "… Durian Rambun saat ini, Jamaluddin"
        if after_qualifier > local[0] and after_qualifier < len(doc) and doc[after_qualifier].text == ",":
            local = (after_qualifier, local[1])
        cue = local[0] + (local[0] < len(doc) and doc[local[0]].text == ",")
        initials = cue + 1 if cue + 1 < len(doc) and doc[cue].lower_ in ("berinisial", "inisial") else None
        if initials is not None and INITIALS.match(doc[initials].text):
            # "mantan Kepala Desa Durian Rambun, Kecamatan Muara Siau, berinisial SH (49)"
            ctx.per_at = {**ctx.per_at, initials: Span(doc, initials, initials + 1, label="PER")}
            local = (initials, local[1])
        after = local[0] + 1 if local[0] < len(doc) and doc[local[0]].text == "," else local[0]
        if r.holder is None and not self._name_follows(doc, self._skip_honorifics(doc, after)):
            r.place_only = True  # "Perbekel Bongkasa⏎", "surat Kepala Desa Suko Awin Jaya, …": the office, no holder
            return name_pos
        r.local = local
        r.title_end = local[0]
        r.jurisdiction = local[1]
        r.inst_ref = self._institution_ref(doc, r.entry, r.institution, r.jurisdiction)
        return local[0]

    def _skip_foreign_place(self, doc: Doc, ctx: "_Context", r: "_Reading", name_pos: int) -> int:
        """"Presiden Amerika Serikat Joe Biden": a place outside the gazetteer right before a name
        holds a foreign office, not the catalog's (Indonesian) one (only for an office without a
        region: "Bupati Sintang [Yohanes] Ding Lawing" is a name the model misread as a place)."""
        if r.jurisdiction is not None:
            return name_pos
        place_end = self._place_qualifier_end(doc, name_pos, ctx.places_at)
        if place_end is None:
            return name_pos
        after_place = place_end + 1 if place_end < len(doc) and doc[place_end].text == "," else place_end
        if name_pos in ctx.blocked or not self._name_follows(doc, after_place):
            return name_pos
        if r.institution is None and doc[name_pos:place_end].text not in HOME_COUNTRY:
            r.inst_ref = None
        return place_end

    def read_names(self, doc: Doc, ctx: "_Context", r: "_Reading") -> list[tuple[int, int]]:
        """The person or persons holding the office: the name after the title (past an unlisted
        place or unit name), the other judges of a panel, the names a parse puts in apposition, or
        the name before ", title"."""
        blocked = ctx.blocked | ctx.title_tokens
        start, end, entry = r.start, r.end, r.entry
        if r.holder is not None:
            return [r.holder]
        if r.place_only:
            return []
        capitalized_title = doc[start].text[:1].isupper() and not doc[end - 1].is_lower  # not "Jaksa penuntut umum"
        # "hakim ketua Andi Suryadi", "wakil bupati Gowa Abdul Rauf": a lowercase title needs a
        # capitalized name or the model's person right after it
        name = (self._name_at(doc, r.name_pos, blocked, ctx.per_at)
                if capitalized_title or r.name_pos in ctx.per_at or self._name_follows(doc, r.name_pos) else None)
        if name and r.local is None and entry.territorial in LOCAL_TERRITORIAL and r.jurisdiction is None:
            name = self._name_after_unlisted_place(doc, ctx, r, name)
        if name and r.local is None and (r.institution is not None or entry.institution):
            name = self._name_after_unit_name(doc, ctx, r, name)
        names = [name] if name else []
        if name and (entry.body_kind == "court" or self._shared_office(r)):
            names += self._more_names(doc, name[1], ctx.per_at, blocked)  # "hakim anggota A dan B", "Anggota KPU A, B, dan C"
        parsed = ctx.appositions.get(start)
        if parsed:
            phrase, parsed_names = parsed
            inside_title = name is not None and phrase[0] <= name[0] < phrase[1] and name[0] not in ctx.per_at
            if name is None or name in parsed_names or inside_title:
                # the rule's "name" is a word of the title phrase ("Camat Sukamaju", and the
                # model saw no person there), or the parse adds the other names of a list
                names = parsed_names
        if not names:
            name = self._apposition_name(doc, start, ctx.per_at, blocked)
            if name is None or self._name_follows(doc, r.pos):
                return []
            names = [name]
        return names

    def _name_after_unlisted_place(self, doc: Doc, ctx: "_Context", r: "_Reading", name: tuple[int, int]) -> Optional[tuple[int, int]]:
        """A local office before a place the gazetteer does not know: "Kepala Desa Sukamaju, Haris
        Daeng Sila" (the place, a comma, the name) or "Camat Tamalate Andi Rahman" (first word)."""
        blocked = ctx.blocked | ctx.title_tokens
        chain_end = self._skip_place_chain(doc, name[1], ctx.regions_at)
        after = self._skip_honorifics(doc, chain_end + 1) if chain_end < len(doc) and doc[chain_end].text == "," else None
        if after is not None and name[1] - name[0] <= 3 and self._name_follows(doc, after) and after not in ctx.blocked:
            r.title_end = chain_end
            return self._name_at(doc, after, blocked, ctx.per_at)
        if name[1] - name[0] >= 3:
            r.title_end = name[0] + 1
            return (name[0] + 1, name[1])
        return name

    def _name_after_unit_name(self, doc: Doc, ctx: "_Context", r: "_Reading", name: tuple[int, int]) -> Optional[tuple[int, int]]:
        """"Direktur RSUD Komodo, dr. Maria Fatima Djung,": the unit's name, then the person (a
        rank or honorific before the second name says which one is the person)."""
        comma = name[1] < len(doc) and doc[name[1]].text == ","
        if not (name[1] - name[0] <= 3 and name[1] + comma < len(doc) and name[0] not in ctx.per_at
                and self._skip_honorifics(doc, name[1] + comma) > name[1] + comma):
            return name  # "Direktur RSUD Wangaya dr. Made …": no comma needed before an honorific
        after = self._skip_honorifics(doc, name[1] + comma)
        if self._name_follows(doc, after) and after not in ctx.blocked:
            r.title_end = name[1]
            return self._name_at(doc, after, ctx.blocked | ctx.title_tokens, ctx.per_at)
        return name

    def _shared_office(self, r: "_Reading") -> bool:
        """An office many hold at once, so a list of names may follow it ("Anggota KPU A, B, dan C")."""
        words = r.title_text.lower().split()
        return bool(words) and (words[0] in self.shared_offices or " ".join(words[:2]) in self.shared_offices)

    def attach(self, doc: Doc, r: "_Reading", names: list[tuple[int, int]]) -> list[_Official]:
        """One official per name, with the title, jurisdiction and institution read for the office.
        Initials ("Kepala Desa Sausu, AS,") name no one a reader can follow: no official."""
        names = [n for n in names if not all(INITIALS.match(t.text) for t in doc[n[0]:n[1]])]
        return [
            _Official(
                name=self._clean_name(doc, *name),
                title=r.title_text,
                jurisdiction=r.jurisdiction,
                institution=r.inst_ref,
                name_span=name,
                title_span=(r.start, r.pos),
                former=r.start > 0 and doc[r.start - 1].lower_ in FORMER_WORDS,
            )
            for name in names
        ]

    def read_titles_after_names(self, doc: Doc, ctx: "_Context", found: list[_Official]) -> list[_Official]:
        """Offices written after the name: none yet beyond the apposition of read_names."""
        return []

    def _parsed_appositions(self, doc: Doc, titles: list[tuple[int, int, TitleEntry]], blocked: set[int]) -> dict[int, tuple[tuple[int, int], list[tuple[int, int]]]]:
        """Title start -> (title phrase, names in apposition to it), from the dependency parse."""
        if not titles or not doc.has_annotation("DEP"):
            return {}
        starts = sorted(s for s, _, _ in titles)

        def is_title(span: Span) -> bool:
            # the phrase opens with one of the catalog titles found above ("Plt." may precede it)
            return any(span.start <= s < min(span.end, span.start + 3) for s in starts)

        out: dict[int, tuple[tuple[int, int], list[tuple[int, int]]]] = {}
        for person, phrase in appositive_pairs(doc, is_title=is_title):
            if blocked.intersection(range(person.start, person.end)) or not self._name_like(person):
                continue
            if person.start > 0 and doc[person.start - 1].text == "(":
                continue  # a short form in parentheses: "Asisten Pidana Khusus (Aspidsus)"
            start = next(s for s in starts if phrase.start <= s < phrase.end)
            names = out.setdefault(start, ((phrase.start, phrase.end), []))[1]
            names.append((person.start, person.end))
        return out

    def _name_like(self, span: Span) -> bool:
        """Capitalised words, none a degree, rank, stopword or punctuation: the parser's PROPN is not enough."""
        return all(
            t.text[:1].isupper() and t.text not in BREAKS and t.text not in self.degrees and t.text not in self.honorifics
            and t.text not in self.stopwords and not any(c in t.text for c in "()[],;")
            or t.text in self.particles
            for t in span
        ) and span[0].text not in self.particles

    def _kecamatan_at(self, doc: Doc, pos: int, context_codes: set[str]) -> Optional[tuple[int, Optional[str]]]:
        return self._area_at(self.kecamatan, doc, pos, context_codes)

    def _area_at(self, areas: LocalAreaIndex, doc: Doc, pos: int, context_codes: set[str]) -> Optional[tuple[int, Optional[str]]]:
        """End and code of a kecamatan or desa named at ``pos`` after a title of that level. A
        one-word name ("Bulak") is taken only when the document names its kabupaten/kota or
        province; a longer one ("Pulau Banyak Barat") also without, coded when the name is unique."""
        for n in range(min(areas.max_words, len(doc) - pos), 0, -1):
            words = doc[pos:pos + n]
            if not all(t.text[:1].isupper() for t in words) and not lowercase_text(doc):
                continue
            found = areas.named(words.text)
            if not found:
                continue
            near = ([k for k in found if k.kecamatan_code in context_codes] or [k for k in found if k.kabkota_code in context_codes]
                    or [k for k in found if k.code[:2] in context_codes])
            if near:
                return pos + n, near[0].code if len(near) == 1 else None
            if n > 1:
                return pos + n, found[0].code if len(found) == 1 else None
            if areas is self.kecamatan and len(found) == 1 and not context_codes and self._name_follows(doc, pos + 1):
                return pos + 1, found[0].code  # "Camat Sepaku Hendrik Sulaiman": the one kecamatan of that name
            return None
        return None

    def _place_qualifier_end(self, doc: Doc, pos: int, places_at: dict[int, int]) -> Optional[int]:
        """End of "Jepang" or "Indonesia untuk Jepang" at ``pos`` (None if no place starts there)."""
        end = places_at.get(pos)
        if end is not None and end + 1 < len(doc) and doc[end].lower_ == "untuk" and end + 1 in places_at:
            end = places_at[end + 1]  # "Duta Besar Indonesia untuk Jepang …"
        return end

    def _names_no_office(self, doc: Doc, start: int) -> bool:
        """"Peraturan Menteri Perhubungan Nomor …", "Jalan Gubernur Suryo": a document or a street."""
        return start > 0 and doc[start - 1].lower_ in self.not_office_words

    def _name_follows(self, doc: Doc, pos: int) -> bool:
        if pos < len(doc) and lowercase_text(doc):
            return any(e.start == pos and e.label_ in ("PER", "PERSON") for e in doc.ents)  # names are not capitalised
        return pos < len(doc) and doc[pos].text[:1].isupper() and doc[pos].text not in BREAKS

    def _apposition_name(self, doc: Doc, title_start: int, per_at: dict[int, Span], blocked: set[int]) -> Optional[tuple[int, int]]:
        """NAME , title — the name ends right before the comma."""
        comma = title_start - 1
        if comma < 1 or doc[comma].text != ",":
            return None
        return self._name_before(doc, comma, per_at, blocked)

    def _name_before(self, doc: Doc, end: int, per_at: dict[int, Span], blocked: set[int], single_word_opens: bool = False) -> Optional[tuple[int, int]]:
        """The name ending right before ``end``, past its degrees ("Kadek Sudana, S.Sos (Kasat …)"):
        the run of name words, or the model's person there when it starts earlier. A one-word run
        opening a sentence is a name only with ``single_word_opens`` ("Halim, selaku Ketua …"), and
        then only if it looks like one."""
        while end > 1 and (is_degree(doc[end - 1].text, self.names) or doc[end - 1].text == "," and is_degree(doc[end - 2].text, self.names)):
            end -= 1
        if end > 0 and doc[end - 1].text == ",":
            end -= 1
        model_start = next((ent.start for ent in per_at.values() if ent.end == end), None)
        start = end
        while start > 0 and end - start < MAX_NAME_TOKENS:
            token = doc[start - 1]
            if token.i in blocked or not (token.text[:1].isupper() or token.text in self.particles) or token.text in BREAKS:
                break
            start -= 1
        while start < end and (doc[start].text in self.honorifics or doc[start].text in self.stopwords):
            start += 1
        if model_start is not None and (start >= end or model_start <= start or not looks_like_name([t.text for t in doc[start:model_start]], self.names)):
            return model_start, end  # "22. Hadjar [Ibrahim Kodai] sebagai": the run adds the first name
        if start >= end:
            return None
        if doc[start].is_sent_start and end - start == 1:
            if not (single_word_opens and looks_like_name([doc[start].text], self.names)):
                return None
        return start, end

    def _title_text(self, doc: Doc, start: int, end: int, pos: int, institution: Optional[Span], regions_at: dict[int, Span]) -> str:
        """The position as written, without its region: "Gubernur", "Kepala Dinas Kesehatan", "Ketua KPK"."""
        stop = pos
        for i in range(start + 1, pos):
            if i in regions_at:
                stop = i
                break
        while stop > end and doc[stop - 1].text in (",", "Provinsi", "Kabupaten", "Kota", "Perwakilan"):
            stop -= 1
        words, depth = [], 0
        for token in doc[start:stop]:  # drop parenthesised short forms: "Penjabat (Pj.) Gubernur"
            depth += token.text == "("
            if depth == 0 and token.text != ",":
                words.append(token.text)
            depth -= token.text == ")" and depth > 0
        return " ".join(words)

    def _more_names(self, doc: Doc, pos: int, per_at: dict[int, Span], blocked: set[int]) -> list[tuple[int, int]]:
        """Names listed right after a name: ", B dan C" (judges of one panel, members of one
        commission); a nickname after "alias" and the name's degrees are skipped."""
        names = []
        while pos < len(doc):
            if doc[pos].lower_ == "alias" and pos + 1 < len(doc):
                pos += 2  # "Indra Jaya alias IJ, …"
                continue
            if doc[pos].text not in (",", "dan", "serta"):
                break
            nxt = pos + 1 + (doc[pos].text == "," and pos + 1 < len(doc) and doc[pos + 1].text in ("dan", "serta"))
            if nxt < len(doc) and doc[pos].text == "," and is_degree(doc[nxt].text, self.names):
                pos = nxt + 1  # "Gatot Sarwadi, S.H., M.H., …": the name's degrees
                continue
            name = self._name_at(doc, self._skip_honorifics(doc, nxt), blocked, per_at) if nxt not in blocked else None
            if name is None:
                break
            names.append(name)
            pos = name[1]
        return names

    def _bodies_of_kind(self, institutions: list[Span], kind: str) -> dict[str, Span]:
        """The institutions of the text whose catalog kind is ``kind``, by id (first mention)."""
        bodies: dict[str, Span] = {}
        for span in institutions:
            body = self.catalog.get(span.kb_id_.split(":", 1)[0])
            if body is not None and body.kind == kind:
                bodies.setdefault(span.kb_id_, span)
        return bodies

    def _institution_ref(self, doc: Doc, entry: TitleEntry, institution: Optional[Span], jurisdiction: Optional[str]) -> Optional[dict]:
        if institution is not None:
            for inst in doc._.warta_institutions or []:
                if inst["id"] == institution.kb_id_:
                    return {"id": inst["id"], "name": inst["name"], "acronym": inst.get("acronym")}
            return {"id": institution.kb_id_, "name": institution.text, "acronym": None}
        if entry.institution:
            body = self.catalog.get(entry.institution)
            if body is None:
                return None
            if body.regional:
                if not jurisdiction:
                    return None
                region = self.gazetteer.get(jurisdiction) or self.kecamatan.get(jurisdiction) or load_desa().get(jurisdiction)
                name = f"{body.name} {region.name}" if region else body.name
                return {"id": f"{body.id}:{jurisdiction}", "name": name, "acronym": None}
            return {"id": body.id, "name": body.name, "acronym": body.acronym}
        return None

    def _merge(self, doc: Doc, found: list[_Official]) -> list[dict]:
        merged: dict[str, dict] = {}
        words_of = [off.name.lower().split() for off in found]
        # full names first, so a one-word reference joins the record of its full name
        for off in sorted(found, key=lambda o: (" " not in o.name, o.name_span[0])):
            key = off.name.lower()
            if " " not in key:
                # "Danrem Hendra" after "Komandan Korem 151/Binaiya … Hendra Wicaksono": one person
                longer = {" ".join(w) for w in words_of if len(w) > 1 and key in w}
                if len(longer) == 1:
                    key = longer.pop()
            start, end = off.name_span
            mention = [doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)]
            current = merged.get(key)
            if current is None:
                merged[key] = {"name": off.name, "title": off.title, **_split_jurisdiction(off.jurisdiction), "institution": off.institution, "former": off.former, "mentions": [mention]}
                continue
            if mention not in current["mentions"]:
                current["mentions"].append(mention)
            if current["jurisdiction"] is None and off.jurisdiction:
                current.update(_split_jurisdiction(off.jurisdiction))
            current["institution"] = current["institution"] or off.institution
        for record in merged.values():
            record["mentions"].sort()
        return sorted(merged.values(), key=lambda r: r["mentions"][0][0])


def _split_jurisdiction(code: Optional[str]) -> dict[str, Optional[str]]:
    """A kecamatan or desa office is attached to its kabupaten/kota; the kecamatan and desa apart."""
    if code is None or len(code) <= 5:
        return {"jurisdiction": code, "kecamatan": None, "desa": None}
    return {"jurisdiction": code[:5], "kecamatan": code[:8], "desa": code if len(code) > 8 else None}


@Language.factory(
    "warta_officials",
    default_config={"catalog_dir": None},
    assigns=["doc.spans", "doc._.warta_officials"],
    requires=["doc.spans"],
)
def make_official_recognizer(nlp: Language, name: str, catalog_dir: Optional[str]) -> OfficialRecognizer:
    return OfficialRecognizer(nlp, name, catalog_dir=catalog_dir)
