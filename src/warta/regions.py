"""``warta_regions``: province and kabupaten/kota mentions as spans with Kemendagri codes.

Each mention becomes a span in ``doc.spans["warta_regions"]`` labelled ``PROVINCE`` or ``REGION``
(kabupaten/kota) with ``kb_id_`` set to the code ("35", "35.07"). Spans never overlap; the longest
reading wins ("Kepulauan Riau" over "Riau", "Papua Barat Daya" over "Papua").

How a name is resolved:

- A level word before the name is part of the span and decides the level: "Provinsi Jawa Timur",
  "Kabupaten Malang", "Kab. Malang", "Kota Administrasi Jakarta Pusat".
- A title or body before the name decides the level but stays out of the span: Gubernur/Pemprov/
  Polda/Kejati/… → province, Bupati/Wabup/Pemkab → kabupaten, Wali Kota/Wawali/Pemkot/Polresta/
  Polrestabes → kota ("Wali Kota Malang" → span "Malang", Kota Malang). A bracketed abbreviation
  counts: "Pemerintah Kota (Pemkot) Jambi" → Kota Jambi, span "Jambi". Offices found at every level
  (Polres, Kejari, DPRD, KPU, Dinas …) accept weak aliases without choosing the level, except that
  "Polres X" is the kabupaten's force when X names both ("Polres Malang Kota" is the city's).
- A short form in brackets right after a region names it there and later: "Kotawaringin Barat
  (Kobar)".
- Without a cue (or when the cue fits no reading) a bare name is read as, in order: the province
  ("Jambi", "Bengkulu", "Gorontalo", "Yogyakarta" → the province), else the kota ("Malang",
  "Bogor", "Bekasi" … → Kota, the usual referent of a bare city name in news), else the kabupaten.
- ``weak`` aliases (region_aliases.tsv) need a cue that fits ("Metro", "Batu", "Banjar", "Puncak",
  "Toba", "OKI" …); ``common`` names ("Batang", "Pati", "Bone", "Agam" …) are not taken bare at the
  start of a sentence, where they are as likely to be ordinary words, nor inside a title-case
  headline ("1,2 Juta Batang Rokok") unless after "di"/"ke"/"dari"; datelines are accepted.
- Names must be title-case or upper-case as written ("batang" is a stem; "MALANG, Warta —" is a
  dateline).

Not mentions: a name inside a club, company, media or party name (organization_names.tsv and the
patterns below: "Persib Bandung", "Bali United", "Bank Jateng", "Bali Post"), after a geographic or
street word ("Pulau Bangka", "Selat Bali", "Danau Toba", "Jalan Malang"), inside a school or
university name ("Universitas Negeri Malang"), "Papua Nugini", and any name inside a PER/PERSON
entity of ``doc.ents`` ("Andi Malang").
"""

from __future__ import annotations

import json
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Union

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from warta.extensions import SPANS_LOCAL_PLACES, SPANS_REGIONS
from warta.layout import lowercase_text, noise_tokens
from warta.local_places import dateline_local_place, find_local_places, places_after_locatives, places_beside_regions
from warta.gazetteer import ALIASES_FILE, REGIONS_FILE, Entry, Gazetteer, load_gazetteer, load_organization_names
from warta.resources import load_data_jsonl

LABEL_PROVINCE = "PROVINCE"
LABEL_REGION = "REGION"
_BLOCK = "warta_regions_block"
_PERSON_LABELS = frozenset({"PER", "PERSON"})

# Level words: part of the span. "Kab"/"Prov" also cover tokenizers that split off the period.
_LEVEL_WORDS = {
    "provinsi": "provinsi",
    "propinsi": "provinsi",
    "prov.": "provinsi",
    "prov": "provinsi",
    "kabupaten": "kabupaten",
    "kab.": "kabupaten",
    "kab": "kabupaten",
    "kota": "kota",
}
# Titles and bodies: decide the level, stay out of the span. "Wali Kota" is handled with "kota".
_TITLE_CUES = {
    "gubernur": "provinsi",
    "wagub": "provinsi",
    "pemprov": "provinsi",
    "pemprop": "provinsi",
    "polda": "provinsi",
    "kapolda": "provinsi",
    "wakapolda": "provinsi",
    "kejati": "provinsi",
    "kajati": "provinsi",
    "bnnp": "provinsi",
    "kanwil": "provinsi",
    "sekdaprov": "provinsi",
    "bupati": "kabupaten",
    "wabup": "kabupaten",
    "pemkab": "kabupaten",
    "pemko": "kota",
    "walikota": "kota",
    "wawali": "kota",
    "wawalkot": "kota",
    "pemkot": "kota",
    "polresta": "kota",
    "polrestabes": "kota",
    "kapolresta": "kota",
    "kapolrestabes": "kota",
}
# Offices and bodies that exist at every level ("Kapolres PPU", "Kejari Kukar", "KPU Toba"): they
# cue a region name without choosing its level, and a name after them is not a person's.
_ANY_LEVEL_CUES = frozenset(
    {
        "polres", "kapolres", "wakapolres", "kejari", "kajari", "dprd", "kpu", "kpud", "bawaslu",
        "bpbd", "bappeda", "setda", "sekda", "rsud", "inspektorat", "dinkes", "disdik", "satpol",
        "pupr", "bpkad", "bapenda", "dpmd", "dukcapil", "disdukcapil", "kodim", "dandim",
    }
)
_KABUPATEN_POLICE = frozenset({"polres", "kapolres", "wakapolres"})
# A region name right after these names something else: an island, strait, street, station, a
# people or language ("suku Banjar"), "Roh Kudus", "Tanah Papua" (all six Papuan provinces). Skipped when the pair is itself a region name
# ("Pulau Morotai", "Gunung Kidul", "Teluk Bintuni").
_NOT_REGION_BEFORE = frozenset(
    {
        "pulau", "kepulauan", "selat", "teluk", "laut", "danau", "sungai", "bengawan", "gunung",
        "tanjung", "semenanjung", "samudra", "samudera", "tanah",
        "jalan", "jl.", "jln.", "jl", "gang", "gg.", "tol",
        "stasiun", "bandara", "pelabuhan", "terminal",
        "suku", "bahasa", "nasi", "roh",
        "kecamatan", "kec.", "distrik", "desa", "kelurahan", "kel.", "dusun",  # "Kecamatan Jombang" (in Jember)
    }
)
# Organization name patterns: "<prefix> <region>" and "<region> <suffix>" (the latter only uncued).
_ORG_BEFORE = frozenset({"bank", "bpd", "semen", "tribun", "radar", "harian", "pos", "arema", "united", "fc"})
_ORG_AFTER = frozenset({"united", "fc", "putra", "post", "pos", "tv", "ekspres", "ekspress", "express", "city"})
_NOT_REGION_AFTER = frozenset({"nugini"})  # "Papua Nugini"; "Papua New Guinea" is checked below
# Club prefixes: Persib, Persija, Persebaya, Persipura …; PSM, PSS, PSIS … (listed: PSBB, PSN, PSU
# and PSI are not clubs, and a region after them is a real mention).
_PERS_CLUB = re.compile(r"^Pers[aeiu][a-z]{1,6}$")
_NOT_PERS_CLUB = frozenset(
    {
        "Persatuan", "Persero", "Perseroan", "Persada", "Persegi", "Persen", "Persil", "Persiapan",
        "Persekutuan", "Persetujuan", "Persediaan", "Persekusi", "Persaingan", "Persembahan",
        "Perseteruan", "Persidangan", "Persisnya",
    }
)
_PS_CLUBS = frozenset(
    {"PSM", "PSS", "PSIS", "PSMS", "PSBS", "PSIM", "PSPS", "PSCS", "PSKC", "PSBI", "PSMP", "PSGC", "PSDS", "PSIR", "PSKT"}
)
# School, university and facility names: "Universitas Negeri Malang", "UIN Jakarta", "SMA Negeri 1
# Pati", "Stadion Gelora Bandung Lautan Api".
_SCHOOL_WORDS = frozenset(
    {
        "universitas", "univ.", "institut", "politeknik", "poltek", "akademi", "sekolah", "uin", "iain",
        "stain", "upn", "stikes", "stie", "stkip", "sma", "smk", "smp", "sman", "smkn", "smpn", "sd",
        "sdn", "mts", "mtsn", "man",
        # facilities named after people and places: "Stadion Gelora Bandung Lautan Api"
        "stadion", "gelora", "gor", "masjid", "hotel",
    }
)
_SCHOOL_LOOKBACK = 5
_SENTENCE_END = frozenset({".", "!", "?", "…", "...", "—", "–", "-", ":"})
_OPENERS = frozenset({'"', "“", "'", "‘", "(", "["})
_DASHES = frozenset({"-", "—", "–", "--"})
_DATELINE_NEXT = frozenset({",", "("}) | _DASHES
_PLACE_PREPOSITIONS = frozenset({"di", "ke", "dari", "asal"})
_HEADLINE_MAX_TOKENS = 30
_CATALOG_FILES = ("institutions.jsonl", "regional_bodies.jsonl", "titles.jsonl")


@Language.factory(
    "warta_regions",
    default_config={"gazetteer_path": None},
    assigns=["doc.spans"],
)
def make_region_recognizer(nlp: Language, name: str, gazetteer_path: Optional[str]) -> "RegionRecognizer":
    return RegionRecognizer(nlp, name, gazetteer_path=gazetteer_path)


class RegionRecognizer:
    """Finds province and kabupaten/kota mentions (see the module docstring for the rules)."""

    def __init__(self, nlp: Language, name: str = "warta_regions", *, gazetteer_path: Optional[str] = None) -> None:
        self.nlp = nlp
        self.name = name
        self.key = SPANS_REGIONS
        self.gazetteer_path = str(gazetteer_path) if gazetteer_path else None
        self._matcher: Optional[PhraseMatcher] = None
        self._lowercase = False
        # spacy.load builds components from the saved config before from_disk: a custom gazetteer
        # that now lives only in the saved pipeline is picked up there instead.
        if self.gazetteer_path is None or Path(self.gazetteer_path).exists():
            self._build()

    # -- setup -----------------------------------------------------------------------------------

    def _build(self) -> None:
        """Compile the matcher once: every surface form plus the organization names."""
        self.gazetteer: Gazetteer = load_gazetteer(self.gazetteer_path)
        self._matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        self._forms: dict[int, str] = {}
        for form in self.gazetteer.surface_forms:
            key = f"warta_region:{form}"
            patterns = [doc for written in self.gazetteer.written_forms(form) for doc in self._pattern_docs(written)]
            self._matcher.add(key, _dedupe(patterns))
            self._forms[self.nlp.vocab.strings[key]] = form
        organizations = [name for name, _ in load_organization_names()]
        self._org_key = self.nlp.vocab.strings.add("warta_region_organization")
        self._matcher.add(
            "warta_region_organization",
            _dedupe(doc for name in organizations for doc in self._pattern_docs(name)),
        )

    def _pattern_docs(self, text: str) -> list[Doc]:
        """The form as the pipeline's tokenizer splits it, and as other splits of it would look
        ("Pare-pare" is one token or three, "Kep." one or two, depending on the tokenizer)."""
        vocab = self.nlp.vocab
        words = text.split()
        hyphen_split = [part for word in words for part in re.split(r"(-)", word) if part]
        period_split = [part for word in words for part in re.split(r"(\.)", word) if part]
        docs = [self.nlp.make_doc(text), Doc(vocab, words=words)]
        if hyphen_split != words:
            docs.append(Doc(vocab, words=hyphen_split))
        if period_split != words:
            docs.append(Doc(vocab, words=period_split))
        return docs

    # -- processing --------------------------------------------------------------------------------

    def __call__(self, doc: Doc) -> Doc:
        if self._matcher is None:
            self._build()  # raises FileNotFoundError for a gazetteer_path that does not exist
        person = _person_tokens(doc)
        self._lowercase = lowercase_text(doc)
        regions: list[Span] = []
        blocks: list[Span] = []
        listed: Optional[tuple[int, str]] = None  # end and level of the last cued region
        for match_id, start, end in self._matcher(doc):
            if match_id == self._org_key:
                blocks.append(Span(doc, start, end, label=_BLOCK))
                continue
            form = self._forms[match_id]
            level = self._consider(doc, start, end, form, person, regions, blocks, _list_level(doc, start, listed))
            if level is not None:
                listed = (end, level)
        # Blocks first: on a tie filter_spans keeps the earlier span.
        kept = [span for span in filter_spans(blocks + regions) if span.label_ != _BLOCK]
        spans = kept + _defined_short_forms(doc, kept)
        noise = noise_tokens(doc)  # "Baca juga: … di Sinjai": another story's places
        doc.spans[self.key] = sorted((s for s in spans if s.start not in noise), key=lambda s: s.start)
        taken = {i for s in doc.spans[self.key] for i in range(s.start, s.end)}
        context = {s.kb_id_ for s in doc.spans[self.key]}
        local = find_local_places(doc, context)
        for extra in (places_beside_regions(doc, doc.spans[self.key]), places_after_locatives(doc, context)):
            local += [s for s in extra if not any(s.start < o.end and o.start < s.end for o in local)]
        dateline = dateline_local_place(doc, context)
        if (dateline is not None and not self.gazetteer.entries(dateline.text)  # "NUNUKAN": a kabupaten's name, not its kecamatan
                and not any(s.start < dateline.end and dateline.start < s.end for s in local)):
            local.insert(0, dateline)
        doc.spans[SPANS_LOCAL_PLACES] = [s for s in local if s.start not in noise and not taken.intersection(range(s.start, s.end))]
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def _consider(
        self,
        doc: Doc,
        start: int,
        end: int,
        form: str,
        person: dict[int, tuple[int, int]],
        regions: list[Span],
        blocks: list[Span],
        list_level: Optional[str] = None,
    ) -> Optional[str]:
        """Add the region at ``start:end`` if it is one; returns the level its cue asked for, if any."""
        if not self._case_ok(doc, start, end, form):
            return None
        entries = self.gazetteer.surface_forms[form]
        cue_level, level_start = _cue(doc, start)
        if cue_level is None and list_level is not None:
            cue_level = list_level  # "Bupati Malang, Blitar dan Kediri": the cue covers the list
        any_level = cue_level is None and start > 0 and doc[start - 1].lower_ in _ANY_LEVEL_CUES
        chosen: Optional[Entry] = None
        span_start = start
        if cue_level is not None:
            chosen = next((e for e in entries if e.region.level == cue_level), None)
            if chosen is not None and level_start is not None:
                span_start = level_start
        if chosen is None and any_level and doc[start - 1].lower_ in _KABUPATEN_POLICE:
            # "Polres Sorong", "Kapolres Malang": the kabupaten's force; the city's is "Polres
            # Malang Kota" or a Polresta
            city = end < len(doc) and doc[end].text == "Kota"
            chosen = next((e for e in entries if e.region.level == ("kota" if city else "kabupaten")), None)
        if chosen is None:
            chosen = next((e for e in entries if e.kind != "weak"), None)
            if chosen is None and any_level:
                chosen = next((e for e in entries if e.region.level != "provinsi"), None)
            if chosen is None:
                return None
            if chosen.kind == "common" and not _common_name_ok(doc, start, end):
                return None
        if cue_level is None and chosen.region.level == "provinsi" and _dateline(doc, start, end):
            # "YOGYAKARTA, Warta —", "JAMBI (Antara) -": a dateline names the city
            chosen = next((e for e in entries if e.region.level == "kota"), chosen)
        cued = cue_level is not None or any_level
        if person and chosen.region.level != "provinsi" and _in_person(person, start, end, cued=cued):
            return None
        block = self._block(doc, start, end, span_start, cued=cued)
        if block is not None:
            blocks.append(block)
            return None
        label = LABEL_PROVINCE if chosen.region.level == "provinsi" else LABEL_REGION
        regions.append(Span(doc, span_start, end, label=label, kb_id=chosen.region.code))
        return cue_level if cue_level == chosen.region.level else None

    def _case_ok(self, doc: Doc, start: int, end: int, form: str) -> bool:
        """Title-case or upper-case as written: "batang", "jawa timur" are not names, unless the
        whole text is lowercase and the name has two words or more ("kalimantan timur") or follows a
        level word or an office ("kota samarinda", "bupati gresik")."""
        if self._lowercase and (end - start >= 2 or start > 0 and (doc[start - 1].lower_ in _LEVEL_WORDS or doc[start - 1].lower_ in _TITLE_CUES)):
            return True  # "kalimantan timur", "kota samarinda", "bupati gresik"
        words = doc[start:end].text.split()
        for written in self.gazetteer.written_forms(form):
            expected = written.split()
            if len(expected) == len(words):
                if all(_word_ok(word, canon) or i > 0 and canon in _DIRECTIONS and word == canon.lower()
                       for i, (word, canon) in enumerate(zip(words, expected))):  # "Papua barat", as typed in a hurry
                    return True
            elif all(not t.text[:1].isalpha() or t.text[:1].isupper() for t in doc[start:end]):
                return True
        return False

    def _block(self, doc: Doc, start: int, end: int, span_start: int, *, cued: bool) -> Optional[Span]:
        """A span covering the name and the word that makes it part of something else, or None."""
        if not cued and start > 0:
            prev = doc[start - 1]
            if prev.lower_ in _NOT_REGION_BEFORE and not self.gazetteer.entries(doc[start - 1 : end].text):
                return Span(doc, start - 1, end, label=_BLOCK)
            if _capitalised(prev.text) and (
                prev.lower_ in _ORG_BEFORE
                or prev.text in _PS_CLUBS
                or (_PERS_CLUB.match(prev.text) and prev.text not in _NOT_PERS_CLUB)
            ):
                return Span(doc, start - 1, end, label=_BLOCK)
        if not cued and end < len(doc):
            nxt = doc[end]
            if _capitalised(nxt.text):
                if nxt.lower_ in _ORG_AFTER or nxt.lower_ in _NOT_REGION_AFTER:
                    return Span(doc, start, end + 1, label=_BLOCK)
                if nxt.lower_ == "new" and end + 1 < len(doc) and doc[end + 1].lower_ == "guinea":
                    return Span(doc, start, end + 2, label=_BLOCK)
        school = _school_start(doc, span_start)
        if school is not None:
            return Span(doc, school, end, label=_BLOCK)
        return None

    # -- serialization ---------------------------------------------------------------------------

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> None:
        """Write ``cfg.json``; a custom gazetteer is copied next to it so the pipeline is portable."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        cfg = {"gazetteer_path": self.gazetteer_path, "bundled": False}
        if self.gazetteer_path:
            source = Path(self.gazetteer_path)
            source = source / REGIONS_FILE if source.is_dir() else source
            if source.resolve() != (path / REGIONS_FILE).resolve():
                shutil.copyfile(source, path / REGIONS_FILE)
            aliases = source.parent / ALIASES_FILE
            if aliases.exists() and aliases.resolve() != (path / ALIASES_FILE).resolve():
                shutil.copyfile(aliases, path / ALIASES_FILE)
            cfg["bundled"] = True
        (path / "cfg.json").write_text(json.dumps(cfg, ensure_ascii=False, indent=2), encoding="utf-8")

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = ()) -> "RegionRecognizer":
        path = ensure_path(path)
        cfg_file = path / "cfg.json"
        if not cfg_file.exists():
            return self
        cfg = json.loads(cfg_file.read_text(encoding="utf-8"))
        gazetteer_path = str(path / REGIONS_FILE) if cfg.get("bundled") else cfg.get("gazetteer_path")
        if gazetteer_path != self.gazetteer_path or self._matcher is None:
            self.gazetteer_path = gazetteer_path
            self._build()
        return self


# -- helpers ---------------------------------------------------------------------------------------


def _defined_short_forms(doc: Doc, regions: list[Span]) -> list[Span]:
    """"Kabupaten Kotawaringin Barat (Kobar)": a short form defined in brackets after a region
    names that region there and wherever the text uses it again."""
    defined: dict[str, Span] = {}
    for span in regions:
        j = span.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            short = doc[j + 1].text
            name = [t.text for t in span if t.lower_ not in _LEVEL_WORDS]
            dateline = j + 3 < len(doc) and doc[j + 3].text in _DASHES  # "JAKARTA (Antara) -"
            if (short[:1].isupper() and short.isalpha() and 2 <= len(short) <= 12 and not dateline
                    and name and short[0].lower() == name[0][0].lower()):
                defined.setdefault(short, span)
    if not defined:
        return []
    taken = {i for span in regions for i in range(span.start, span.end)}
    return [
        Span(doc, t.i, t.i + 1, label=defined[t.text].label_, kb_id=defined[t.text].kb_id)
        for t in doc
        if t.text in defined and t.i not in taken
    ]


def _dedupe(docs: Iterable[Doc]) -> list[Doc]:
    seen: dict[tuple[str, ...], Doc] = {}
    for doc in docs:
        seen.setdefault(tuple(token.lower_ for token in doc), doc)
    return list(seen.values())


def _person_tokens(doc: Doc) -> dict[int, tuple[int, int]]:
    """Token index → (start, end) of the PER/PERSON entity holding it.

    A statistical model sometimes tags a body and its region as a person ("Bawaslu Jabar",
    "Dinkes Pontianak", "Pemprov Kalbar"): an entity opening with a cue word or with a word from
    the institution and title catalogs is not treated as a person.
    """
    tokens: dict[int, tuple[int, int]] = {}
    body_words = _body_words()
    for ent in doc.ents:
        if ent.label_ not in _PERSON_LABELS:
            continue
        first = ent[0]
        if first.lower_ in _TITLE_CUES or first.lower_ in _LEVEL_WORDS:
            continue
        if first.lower_ in body_words and first.text[:1].isupper():
            continue
        for i in range(ent.start, ent.end):
            tokens[i] = (ent.start, ent.end)
    return tokens


def _in_person(person: dict[int, tuple[int, int]], start: int, end: int, *, cued: bool) -> bool:
    """Is a kabupaten/kota name at ``start:end`` part of a person's name?

    "Andi Malang": yes. "Bima Arya" (the name opens a longer entity): yes, unless a cue precedes it
    ("Bupati Bogor Rudy …" glued by the model). An entity that is just the name ("Fakfak" tagged
    PER) is the model's mistake, not a person called Fakfak.
    """
    entity = next((person[i] for i in range(start, end) if i in person), None)
    if entity is None:
        return False
    ent_start, ent_end = entity
    if start > ent_start:
        return True
    if start < ent_start or (ent_start, ent_end) == (start, end):
        return False
    return not cued


@lru_cache(maxsize=1)
def _body_words() -> frozenset[str]:
    """First words of institution names, acronyms and titles from the catalogs in ``warta/data``
    ("Bawaslu", "Dinkes", "Kapolres"): a person entity never starts with one."""
    words: set[str] = set()
    for name in _CATALOG_FILES:
        for row in load_data_jsonl(name):
            for key in ("name", "acronyms", "aliases", "short", "head_titles", "deputy_titles", "forms"):
                values = row.get(key) or ()
                for value in [values] if isinstance(values, str) else values:
                    if isinstance(value, str) and value.split():
                        words.add(value.split()[0].lower())
    return frozenset(words)


_DIRECTIONS = frozenset({"Barat", "Timur", "Utara", "Selatan", "Tengah", "Daya", "Laut", "Darat"})


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _word_ok(word: str, canon: str) -> bool:
    if word == canon or word.isupper():
        return True
    if len(canon) > 1 and canon.isupper():
        return False  # "DI Yogyakarta" is not "Di Yogyakarta" at a sentence start
    if not canon[:1].isupper():  # "dan" in "Pangkajene dan Kepulauan", digits in "50 Kota"
        return word.lower() == canon.lower()
    return word[:1].isupper()


def _all_upper(doc: Doc, start: int, end: int) -> bool:
    return all(token.text.isupper() for token in doc[start:end] if token.is_alpha)


def _common_name_ok(doc: Doc, start: int, end: int) -> bool:
    """May a bare name that is also an ordinary word ("Batang", "Pati") be read as the region?"""
    if _all_upper(doc, start, end) and end < len(doc) and doc[end].text in _DATELINE_NEXT:
        return True  # "BATANG, Warta —", "PATI (Antara) -"
    if _title_case_dateline(doc, start, end):
        return True  # "Batang (Lintas Nusa) - …", "Pati, Warta — …"
    if _sentence_initial(doc, start):
        return False
    # In a title-case headline every word is capitalised ("1,2 Juta Batang Rokok Ilegal"), unless
    # a preposition marks the place ("Banjir Rob Rendam Pesisir di Batang").
    if start > 0 and doc[start - 1].text in _PLACE_PREPOSITIONS:
        return True
    return not _in_headline(doc, start)


def _dateline(doc: Doc, start: int, end: int) -> bool:
    """The place of a dateline: at a line start, in capitals before "," "(" or a dash, or in title
    case before "(Agency) -", ", Agency —" or a dash."""
    if start > 0 and "\n" not in doc[start - 1].text:
        return False
    if _all_upper(doc, start, end) and end < len(doc) and doc[end].text in _DATELINE_NEXT:
        return True
    return _title_case_dateline(doc, start, end)


def _title_case_dateline(doc: Doc, start: int, end: int) -> bool:
    """A line that opens with the name, then "(Agency) -", ", Agency —" or a dash."""
    if start > 0 and "\n" not in doc[start - 1].text:
        return False
    rest = [t.text for t in doc[end : end + 6]]
    if rest[:1] and rest[0] in _DASHES:
        return True
    if rest[:1] == ["("] and ")" in rest:
        after = rest.index(")") + 1
        return after < len(rest) and rest[after] in _DASHES
    return len(rest) >= 3 and rest[0] == "," and rest[1][:1].isupper() and rest[2] in _DASHES


def _in_headline(doc: Doc, i: int) -> bool:
    """Is token ``i`` on a short line where nearly every word is capitalised?"""
    left = i
    while left > 0 and "\n" not in doc[left - 1].text and i - left < _HEADLINE_MAX_TOKENS:
        left -= 1
    right = i
    while right + 1 < len(doc) and "\n" not in doc[right + 1].text and right - i < _HEADLINE_MAX_TOKENS:
        right += 1
    if i - left >= _HEADLINE_MAX_TOKENS or right - i >= _HEADLINE_MAX_TOKENS:
        return False
    # The line's first word and the name itself are capitalised anyway: they do not count.
    words = [t.text for t in doc[left + 1 : right + 1] if t.i != i and t.is_alpha and len(t.text) >= 4]
    if len(words) < 3:
        return False
    capitalised = sum(1 for word in words if word[:1].isupper())
    return capitalised >= 0.75 * len(words)


def _list_level(doc: Doc, start: int, listed: Optional[tuple[int, str]]) -> Optional[str]:
    """The level of the cued region that this one follows in a list ("Malang, Blitar dan Kediri")."""
    if listed is None:
        return None
    end, level = listed
    between = [t.lower_ for t in doc[end:start]]
    if between in ([","], ["dan"], ["serta"], [",", "dan"], [",", "serta"]):
        return level
    return None


def _cue(doc: Doc, start: int) -> tuple[Optional[str], Optional[int]]:
    """The level a cue right before ``start`` asks for, and where a written level word starts."""
    i = start - 1
    if i < 0:
        return None, None
    token = doc[i]
    lower = token.lower_
    # "Pemerintah Kota (Pemkot) Jambi", "Kepolisian Daerah (Polda) Jambi": the abbreviation or the
    # word before the bracket is the cue; neither joins the span.
    if lower == ")" and i >= 2 and doc[i - 2].text == "(":
        abbreviation = doc[i - 1].lower_
        if abbreviation in _TITLE_CUES:
            return _TITLE_CUES[abbreviation], None
        if i >= 3:
            before = doc[i - 3].lower_
            level = _LEVEL_WORDS.get(before) or _TITLE_CUES.get(before)
            if level is not None:
                return level, None
        return None, None
    # "Kab" "." when the tokenizer splits the abbreviation.
    if lower == "." and i > 0 and doc[i - 1].lower_ in ("kab", "prov") and not doc[i - 1].whitespace_:
        return _LEVEL_WORDS[doc[i - 1].lower_], i - 1
    if lower == "administrasi" and i > 0 and doc[i - 1].lower_ in ("kota", "kabupaten"):
        i -= 1
        lower = doc[i].lower_
    if lower == "kota" and i > 0 and doc[i - 1].lower_ in ("wali", "ibu"):
        return "kota", None  # "Wali Kota Malang", "ibu kota Jambi": not a level word
    if lower in _LEVEL_WORDS:
        return _LEVEL_WORDS[lower], i
    if lower in _TITLE_CUES:
        return _TITLE_CUES[lower], None
    return None, None


def _sentence_initial(doc: Doc, start: int) -> bool:
    i = start
    while i > 0 and doc[i - 1].text in _OPENERS:
        i -= 1
    if i == 0:
        return True
    if doc.has_annotation("SENT_START") and doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or prev.text in _SENTENCE_END


def _school_start(doc: Doc, start: int) -> Optional[int]:
    """Start of a school/university name that ends with the region ("Universitas Negeri Malang")."""
    i = start - 1
    lowest = max(0, start - _SCHOOL_LOOKBACK)
    while i >= lowest:
        token = doc[i]
        if token.lower_ in _SCHOOL_WORDS and (_capitalised(token.text) or token.text.isupper()):
            return i
        if not (token.is_digit or (token.is_alpha and _capitalised(token.text))):
            return None
        i -= 1
    return None
