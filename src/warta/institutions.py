"""Public-sector institutions and other organizations.

Finds, in order of trust:
1. catalog names, acronyms and aliases (institutions.jsonl, regional_bodies.jsonl);
2. a body followed by a region ("Polda Sulsel", "Dinas Kesehatan Kabupaten Banyumas",
   "BPKP Perwakilan Jawa Tengah") using the region spans of ``warta_regions``;
3. acronyms defined in the text ("Komisi Pemilihan Umum (KPU)") and their later uses;
4. model ORG entities the catalog does not know, when headed by a public-sector word ("Badan …",
   "Dinas …") and not a company, party, club or media name. Other ORG entities are listed as
   organizations by ``warta_entities``.

All mentions of one institution share one id: the catalog id ("kpk"), or body and region code
("kejari:12.71") for regional bodies. A bare regional body ("Kejari") joins the only instance of the
same body with a region in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from warta.abbreviation import find_acronym_definitions, lowercase_definitions, skip_parenthetical
from warta.catalog import InstitutionEntry, load_catalog, slugify
from warta.component import SettingsComponent
from warta.extensions import SPANS_INSTITUTIONS, SPANS_REGIONS, register_extensions
from warta.gazetteer import load_gazetteer
from warta.layout import noise_tokens
from warta.resources import load_lexicon

# Words that may stand between a body and its region: "BPKP Perwakilan Jawa Tengah", "Polres Metro
# Jakarta Selatan", "BPK RI Perwakilan Provinsi Jawa Tengah".
REGION_CONNECTORS = frozenset({"Perwakilan", "Wilayah", "Metro", "Provinsi", "Kabupaten", "Kota", "RI"})
# Heads of regional units the catalog cannot list one by one: "Dinas Tanaman Pangan, Hortikultura,
# dan Perkebunan Provinsi Papua Barat", "Stasiun Geofisika Ternate".
GENERIC_REGIONAL_HEADS = frozenset({"Dinas", "Badan", "Balai", "Stasiun", "Kantor", "UPTD", "UPT"})
MAX_GENERIC_TOKENS = 12
GENERIC_GOVERNMENT = frozenset({"pemda-umum", "pemerintah-pusat"})
COMMISSION_ID = re.compile(r"^(?:[A-E]|[IVX]+)$")  # "Komisi A", "Komisi IV"
REGIONAL_LEGISLATURES = frozenset({"DPRD", "DPRK", "DPRA", "DPRP", "DPRPB"})


@dataclass
class _Found:
    start: int
    end: int
    entry: InstitutionEntry
    region: Optional[str] = None
    surface: str = ""

    @property
    def id(self) -> str:
        return f"{self.entry.id}:{self.region}" if self.region else self.entry.id


@dataclass
class _Cluster:
    id: str
    name: str
    acronym: Optional[str]
    kind: str
    region: Optional[str]
    spans: list[tuple[int, int]] = field(default_factory=list)


class InstitutionRecognizer(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_institutions", *, catalog_dir: Optional[str] = None, use_model_entities: bool = True) -> None:
        self.name = name
        self.nlp = nlp
        self.settings = {"catalog_dir": catalog_dir, "use_model_entities": use_model_entities}
        register_extensions()
        self.configure()

    def configure(self) -> None:
        self.catalog = load_catalog(self.settings["catalog_dir"])
        self.gazetteer = load_gazetteer()
        lexicon = load_lexicon()
        self.heads = frozenset(lexicon["institution_heads"])
        self.generic_when_bare = frozenset(lexicon["generic_when_bare"])
        self.document_words = frozenset(lexicon["document_words"])
        self.org_cues = {kind: frozenset(words) for kind, words in lexicon["organization_cues"].items()}
        vocab = self.nlp.vocab
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        # Order of entries decides ties: national entries first, so a bare "KPU" is the national body.
        # organs of the DPR ("Banggar DPR"): the same name before "DPRD" is the regional legislature's organ
        self.dpr_organs = frozenset(e.id for e in self.catalog.institutions.values() if any(f.endswith(" DPR") for f in e.forms))
        self.order = {entry_id: n for n, entry_id in enumerate(sorted(self.catalog.institutions, key=lambda i: self.catalog.institutions[i].regional))}
        for entry in self.catalog.institutions.values():
            for form in entry.forms:
                pattern = self.nlp.make_doc(form)
                if len(pattern) == 1 or any(c.isupper() for c in form[1:].replace(" ", "")[:3]) and len(pattern) <= 3:
                    self.exact.add(entry.id, [pattern])
                else:
                    self.lower.add(entry.id, [pattern])

    # -- finding -----------------------------------------------------------------------------
    def _catalog_matches(self, doc: Doc, regions_at: dict[int, Span]) -> list[_Found]:
        by_span: dict[tuple[int, int], list[InstitutionEntry]] = {}
        for match_id, start, end in self.exact(doc):
            by_span.setdefault((start, end), []).append(self.catalog.institutions[self.nlp.vocab.strings[match_id]])
        for match_id, start, end in self.lower(doc):
            if doc[start].text[:1].isupper():
                by_span.setdefault((start, end), []).append(self.catalog.institutions[self.nlp.vocab.strings[match_id]])
        found = []
        # "Badan Anggaran (Banggar) DPRD Konsel … Banggar meminta": an organ of the DPRD, which is
        # found on its own, in every mention; "Banggar DPR" stays the parliament's
        dprd_organs = set()
        for (start, end), entries in by_span.items():
            after = end + 1 if end < len(doc) and doc[end].text == ")" else skip_parenthetical(doc, end)
            if after < len(doc) and doc[after].text in REGIONAL_LEGISLATURES and all(e.id in self.dpr_organs for e in entries):
                dprd_organs.update(e.id for e in entries)
        for (start, end), entries in by_span.items():
            if (doc[start:end].text in self.catalog.honorifics_after and start > 1 and doc[start - 1].text == ","
                    and (doc[start - 2].ent_type_ in ("PER", "PERSON") or doc[start - 2].text in self.catalog.honorifics_after)):
                continue  # "Zulkifli Ahmad, MA,": a degree, not the Mahkamah Agung
            if any(e.id in GENERIC_GOVERNMENT for e in entries) and self._in_document_title(doc, start):
                continue  # "Laporan Keuangan Pemerintah Daerah": a report, not the body
            if all(e.id in dprd_organs for e in entries) and not (end < len(doc) and doc[end].text == "DPR") \
                    and not doc[start:end].text.endswith(" DPR"):
                continue
            region, region_end = self._region_after(doc, start, end, regions_at)
            entries.sort(key=lambda e: (e.regional != bool(region), self.order[e.id]))
            entry = entries[0]
            if region and not entry.regional and entry.id in self.catalog.regional_counterpart:
                entry = self.catalog.institutions[self.catalog.regional_counterpart[entry.id]]  # "KPU" + region → KPU Provinsi
            if region and entry.regional and not self._level_fits(entry, region):
                region, region_end = None, end
            if self._party_board(doc, region_end if region else end):
                continue  # "DPD PDI-P", "DPW Partai Golkar": a party's regional board
            found.append(_Found(start, region_end if region else end, entry, region))
        return found

    def _in_document_title(self, doc: Doc, start: int) -> bool:
        i = start
        while i > 0 and start - i < 5 and doc[i - 1].text[:1].isupper() and not doc[i - 1].is_sent_start:
            i -= 1
        return i < start and doc[i].text in self.document_words

    def _party_board(self, doc: Doc, end: int) -> bool:
        return end < len(doc) and (doc[end].text in self.org_cues["party"] or doc[end].text == "Partai")

    def _level_fits(self, entry: InstitutionEntry, code: str) -> bool:
        level = entry.level or "any"
        is_province = "." not in code
        if level == "provinsi":
            return is_province
        if level == "kabupaten_kota":
            return not is_province
        return True

    def _region_after(self, doc: Doc, start: int, end: int, regions_at: dict[int, Span]) -> tuple[Optional[str], int]:
        """Region span that starts inside the body's last token run or right after it."""
        for i in range(start + 1, end):  # "Pemerintah Provinsi Jawa Timur": region span begins at "Provinsi"
            if i in regions_at and regions_at[i].end > end:
                return regions_at[i].kb_id_, regions_at[i].end
        i = skip_parenthetical(doc, end)  # "Badan Narkotika Nasional Provinsi (BNNP) Riau"
        while i < len(doc) and doc[i].text in REGION_CONNECTORS and i not in regions_at:
            i += 1
        if i in regions_at:
            return regions_at[i].kb_id_, regions_at[i].end
        seat = skip_parenthetical(doc, end)
        if seat + 2 < len(doc) and doc[seat].text == "pada" and doc[seat + 1].text in ("Pengadilan", "PN"):
            # "Pengadilan Tipikor pada Pengadilan Negeri Palangka Raya": the court sits at the PN,
            # whose name is part of its own
            j = seat + 2 + (doc[seat + 1].text == "Pengadilan" and doc[seat + 2].text == "Negeri")
            while j < len(doc) and doc[j].text in REGION_CONNECTORS and j not in regions_at:
                j += 1
            if j in regions_at:
                return regions_at[j].kb_id_, regions_at[j].end
        return None, end

    def __call__(self, doc: Doc) -> Doc:
        regions_at = {span.start: span for span in doc.spans[SPANS_REGIONS]} if SPANS_REGIONS in doc.spans else {}
        found = self._catalog_matches(doc, regions_at)
        things = lowercase_definitions(doc)
        if things:  # "bantuan keuangan desa (BKD)" is not the Badan Kepegawaian Daerah
            found = [f for f in found if doc[f.start : f.end].text not in things and doc[f.start].text not in things]
        found += self._defined_acronyms(doc, found, regions_at)
        found += self._generic_regional(doc, regions_at, {f.start for f in found})
        noise = noise_tokens(doc)
        found = _longest_first([f for f in found if f.start not in noise])
        clusters = self._cluster(doc, found)
        found = [f for f in found if f.id in clusters and (f.start, f.end) in clusters[f.id].spans]  # generic references left out
        extra = self._model_institutions(doc, found, clusters) if self.settings["use_model_entities"] else []
        spans = [Span(doc, f.start, f.end, label="INSTITUTION", kb_id=f.id) for f in found] + extra
        doc.spans[SPANS_INSTITUTIONS] = sorted(spans, key=lambda s: s.start)
        doc._.warta_institutions = [
            {
                "id": c.id,
                "name": c.name,
                "acronym": c.acronym,
                "kind": c.kind,
                "region": c.region,
                "mentions": [[doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)] for s, e in c.spans],
            }
            for c in clusters.values()
            if c.region or c.id not in self.generic_when_bare  # "dibawa ke Rutan", "di PN": which one, the text does not say
        ]
        return doc

    def _generic_regional(self, doc: Doc, regions_at: dict[int, Span], catalog_starts: set[int]) -> list[_Found]:
        """A unit head, capitalised words (with ", " and "dan" lists) and then a region."""
        out = []
        for token in doc:
            if token.text not in GENERIC_REGIONAL_HEADS:
                continue
            i, words = token.i + 1, 0
            while i < len(doc) and i - token.i <= MAX_GENERIC_TOKENS and i not in regions_at and i not in catalog_starts:
                text = doc[i].text
                if text == "(" and skip_parenthetical(doc, i) > i:
                    i = skip_parenthetical(doc, i)  # "… Bina Konstruksi (SDABMBK) Kota Medan"
                elif text in (",", "dan", "serta", "&"):
                    j = i + 1
                    while j < len(doc) and doc[j].text in (",", "dan", "serta", "&"):
                        j += 1
                    if j >= len(doc) or not doc[j].text[:1].isupper() or doc[j].text in GENERIC_REGIONAL_HEADS:
                        break
                    i = j
                elif text[:1].isupper() and text not in GENERIC_REGIONAL_HEADS and text not in REGION_CONNECTORS:
                    i, words = i + 1, words + 1
                else:
                    break
            while i < len(doc) and doc[i].text in REGION_CONNECTORS and i not in regions_at:
                i += 1
            if words and i in regions_at:
                body = " ".join(t.text for t in doc[token.i : i] if t.text not in REGION_CONNECTORS)
                body = re.sub(r" \([^)]*\)", "", body).replace(" ,", ",")
                entry = InstitutionEntry(id=slugify(body), name=body, kind="regional_agency", regional=True, level="any")
                out.append(_Found(token.i, regions_at[i].end, entry, regions_at[i].kb_id_))
        return out

    def _defined_acronyms(self, doc: Doc, found: list[_Found], regions_at: dict[int, Span]) -> list[_Found]:
        """Entries for acronyms defined in this text, and every later use of them."""
        out: list[_Found] = []
        ends = {f.end: f for f in found}
        starts_known = {(f.start, f.end) for f in found}
        local: dict[str, InstitutionEntry] = {}
        for definition in find_acronym_definitions(doc):
            acronym = definition.acronym(doc)
            if any(s <= definition.acronym_index < e for s, e in starts_known):
                continue  # the acronym is itself a catalog match
            known = ends.get(definition.long_end)
            if known is not None and known.start >= definition.long_start:
                local[acronym] = known.entry
                continue
            long_form = doc[definition.long_start : definition.long_end]
            if long_form[0].text not in self.heads or self._organization_kind(long_form):
                continue  # organizations defined with an acronym ("Lembaga Bantuan Hukum (LBH)") are left to the organization step
            entry = InstitutionEntry(id="local-" + slugify(long_form.text), name=long_form.text, kind="other", acronyms=(acronym,))
            local[acronym] = entry
            # "Majelis Desa Adat (MDA) Kabupaten Gianyar": the region after the short form is the body's
            region, end = self._region_after(doc, definition.long_start, definition.long_end, regions_at)
            out.append(_Found(definition.long_start, end if region else definition.long_end, entry, region))
        if not local:
            return out
        for i, token in enumerate(doc):
            entry = local.get(token.text)
            if entry is not None and (i, i + 1) not in starts_known:
                region, end = self._region_after(doc, i, i + 1, regions_at)
                out.append(_Found(i, end if region else i + 1, entry, region))
        return out

    # -- clustering ----------------------------------------------------------------------------
    def _cluster(self, doc: Doc, found: list[_Found]) -> dict[str, _Cluster]:
        with_region: dict[str, set[str]] = {}
        for f in found:
            if f.region:
                with_region.setdefault(f.entry.id, set()).add(f.region)
        clusters: dict[str, _Cluster] = {}
        # "Badan Pemeriksa Keuangan" written out: the text speaks of the national body too, so a
        # bare "BPK" stays national even in a story about one of its regional offices
        named_nationally = {
            f.entry.id for f in found
            if not f.region and f.entry.id in self.catalog.regional_counterpart
            and doc[f.start : f.end].text not in self.catalog.institutions[self.catalog.regional_counterpart[f.entry.id]].forms
        }
        # "Pemkab Lombok Timur … Inspektorat menemukan …": a bare organ of regional government
        # belongs to the one regional government the text names
        local_bodies = ("regional_government", "regional_agency", "regional_legislature")
        governments = {f.region for f in found if f.region and f.entry.kind == "regional_government"}
        seats = {f.region for f in found if f.region and f.entry.kind in local_bodies}
        home = next(iter(governments)) if len(governments) == 1 and seats == governments else None
        for f in found:
            counterpart = self.catalog.regional_counterpart.get(f.entry.id)
            if f.entry.id in named_nationally:
                counterpart = None
            if (not f.region and counterpart and len(with_region.get(counterpart, ())) == 1
                    and doc[f.start : f.end].text in self.catalog.institutions[counterpart].forms):
                # bare "KPU" in a story about KPU Jabar; "Kementerian PUPR" stays the ministry
                f.entry = self.catalog.institutions[counterpart]
            if not f.region and (f.entry.regional or f.entry.id.startswith("local-")) and len(with_region.get(f.entry.id, ())) == 1:
                f.region = next(iter(with_region[f.entry.id]))
            elif (not f.region and home and f.entry.kind in local_bodies[1:] and f.entry.level != "kecamatan"
                  and not with_region.get(f.entry.id) and self._level_fits(f.entry, home)):
                f.region = home
            if not f.region and f.entry.kind == "regional_government" and doc[f.end - 1].is_lower:
                continue  # "Pemerintah kabupaten menetapkan …": a generic reference, not a named body
            cluster = clusters.get(f.id)
            if cluster is None:
                cluster = clusters[f.id] = _Cluster(
                    id=f.id,
                    name=self._name(f),
                    acronym=self._acronym(doc, f),
                    kind=f.entry.kind,
                    region=f.region,
                )
            cluster.spans.append((f.start, f.end))
        return clusters

    def _name(self, f: _Found) -> str:
        """Body name plus region: "Kejaksaan Negeri Kota Medan"; "Pemerintah Kabupaten" + "Sleman"."""
        region = self.gazetteer.get(f.region) if f.region else None
        if region is None:
            return f.entry.name
        ends_with_level = f.entry.name.split()[-1] in ("Kabupaten", "Kota")
        return f"{f.entry.name} {region.short_name if ends_with_level and region.level != 'provinsi' else region.name}"

    def _acronym(self, doc: Doc, f: _Found) -> Optional[str]:
        acronym = f.entry.acronym
        if not acronym:
            return None
        if f.region:
            text = doc[f.start : f.end].text
            if text.startswith(tuple(f.entry.acronyms)):
                return text  # as written: "Kejari Medan", "Polda Sulsel"
        return acronym

    # -- model entities ------------------------------------------------------------------------
    def _covered(self, found: list[_Found], start: int, end: int) -> bool:
        return any(f.start < end and start < f.end for f in found)

    def _model_institutions(self, doc: Doc, found: list[_Found], clusters: dict[str, _Cluster]) -> list[Span]:
        spans = []
        noise = noise_tokens(doc)
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "ORGANIZATION") or self._covered(found, ent.start, ent.end) or ent.start in noise:
                continue
            if ent[0].text not in self.heads or self._organization_kind(ent):
                continue
            if ent[0].text == "Komisi" and len(ent) > 1 and COMMISSION_ID.match(ent[1].text):
                continue  # "Ketua [Komisi A Joko Santoso]": a parliament's commission is its organ, then a name
            institution_id = "other:" + slugify(ent.text)
            cluster = clusters.setdefault(institution_id, _Cluster(institution_id, ent.text, None, "other", None))
            cluster.spans.append((ent.start, ent.end))
            spans.append(Span(doc, ent.start, ent.end, label="INSTITUTION", kb_id=institution_id))
        return spans

    def _organization_kind(self, span: Span) -> Optional[str]:
        words = {t.text for t in span}
        text = span.text
        for kind, cues in self.org_cues.items():
            if words & cues or text in cues or any(" " in cue and cue in text for cue in cues):
                return kind
        return None


def _longest_first(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    taken: set[int] = set()
    for f in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if not taken.intersection(range(f.start, f.end)):
            kept.append(f)
            taken.update(range(f.start, f.end))
    return sorted(kept, key=lambda f: f.start)


@Language.factory(
    "warta_institutions",
    default_config={"catalog_dir": None, "use_model_entities": True},
    assigns=["doc.spans", "doc._.warta_institutions"],
)
def make_institution_recognizer(nlp: Language, name: str, catalog_dir: Optional[str], use_model_entities: bool) -> InstitutionRecognizer:
    return InstitutionRecognizer(nlp, name, catalog_dir=catalog_dir, use_model_entities=use_model_entities)
