"""Kecamatan, distrik, desa and kelurahan named with their level word, alone or in a list.

"Kecamatan Laonti dan Kolono", "Distrik Kurulu, Distrik Asologaima, dan Distrik Walelagama",
"lima kecamatan terdampak, yakni Barabai, Pandawan, … dan Labuan Amas Selatan": each name is a
place (never a person) and gets its Kemendagri code when the gazetteer knows it inside the
kabupaten/kota or province the text names, or when a name of two words or more is unique.

A dateline that names no kabupaten/kota ("SOE, Warta —") is such a place too.

The spans go to ``doc.spans["warta_local_places"]`` (label LOCATION, ``kb_id`` the code or "").
"""

from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from warta.gazetteer import LocalArea, LocalAreaIndex, load_desa, load_kecamatan
from warta.layout import dateline_place

# the level word names the kind of place: "Kecamatan Kuwus", "Kel. Sungguminasa", "Distrik Kurulu"
LEVEL_WORDS = {
    "kecamatan": "kecamatan", "kec.": "kecamatan", "distrik": "kecamatan",
    "desa": "desa", "kelurahan": "desa", "kel.": "desa", "nagari": "desa", "gampong": "desa", "kampung": "desa",
}
# "lima kecamatan terdampak, yakni Barabai, …": the words that open a list of the places counted
LIST_OPENERS = frozenset({"yakni", "yaitu", "meliputi", ":", "seperti", "lain", "antaranya"})  # "antara lain", "di antaranya"
LIST_JOINERS = (
    [","], ["dan"], ["serta"], [",", "dan"], [",", "serta"],
)
LOCATIVE_WORDS = ("di", "ke", "dari", "menuju")
MAX_OPENER_GAP = 12  # "kecamatan [terdampak banjir ,] yakni", "gampong [di Kecamatan Kuta Baro dan X ,] seperti"
MAX_UNLISTED_WORDS = 3
MAX_ITEMS = 20


def _index(level: str) -> LocalAreaIndex:
    return load_kecamatan() if level == "kecamatan" else load_desa()


def _lookup(index: LocalAreaIndex, doc: Doc, pos: int, context: set[str]) -> tuple[int, Optional[LocalArea], bool]:
    """Longest capitalised name at ``pos``: (end, area or None, known to the gazetteer)."""
    end = pos
    while end < len(doc) and end - pos < max(index.max_words, 1) and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    for n in range(end - pos, 0, -1):
        found = index.named(doc[pos : pos + n].text)
        if not found:
            continue
        near = [a for a in found if a.kabkota_code in context] or [a for a in found if a.code[:2] in context]
        if len(near) == 1:
            return pos + n, near[0], True
        if not near and len(found) == 1 and n > 1:
            return pos + n, found[0], True
        return pos + n, None, bool(near)
    return end, None, False


def dateline_local_place(doc: Doc, context: set[str]) -> Optional[Span]:
    """"SOE, Warta —", "WAMENA (Lintas Nusa) -": a dateline that names no kabupaten/kota is a
    kecamatan or a desa, never a person; coded when the text's regions decide."""
    place = dateline_place(doc)
    if place is None:
        return None
    for level in ("kecamatan", "desa"):
        found = _index(level).named(place.text)
        near = [a for a in found if a.kabkota_code in context] or [a for a in found if a.code[:2] in context]
        if len(near) == 1:
            return Span(doc, place.start, place.end, label="LOCATION", kb_id=near[0].code)
    return Span(doc, place.start, place.end, label="LOCATION")


def places_beside_regions(doc: Doc, regions: list[Span]) -> list[Span]:
    """"Kantor Bupati TTS, Soe, Rabu", "di Selong, Lombok Timur": a kecamatan or desa of the
    kabupaten/kota written next to it, after a comma."""
    spans: list[Span] = []
    for region in regions:
        if "." not in region.kb_id_:
            continue
        candidates = []
        if region.end + 1 < len(doc) and doc[region.end].text == ",":
            candidates.append(region.end + 1)
        if region.start >= 2 and doc[region.start - 1].text == ",":
            start = region.start - 1
            while start > 0 and region.start - 1 - start < 3 and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and not doc[start - 1].is_sent_start:
                start -= 1
            if start < region.start - 1:
                candidates.append(start)
        for pos in candidates:
            if not (doc[pos].text[:1].isupper() and doc[pos].is_alpha):
                continue
            for level in ("kecamatan", "desa"):
                end, area, _ = _lookup(_index(level), doc, pos, {region.kb_id_})
                if area is not None and area.kabkota_code == region.kb_id_ and (pos > region.start or end == region.start - 1):
                    spans.append(Span(doc, pos, end, label="LOCATION", kb_id=area.code))
                    break
    return spans


def places_after_locatives(doc: Doc, context: set[str]) -> list[Span]:
    """"membangun di Sepaku", "menuju Ledokombo": a kecamatan or desa of a kabupaten/kota the text
    names, right after a locative preposition."""
    kabkota = {c for c in context if "." in c}
    if not kabkota:
        return []
    spans: list[Span] = []
    hashes = numpy.array([doc.vocab.strings.add(w) for w in LOCATIVE_WORDS], dtype="uint64")
    for i in numpy.nonzero(numpy.isin(doc.to_array(LOWER), hashes))[0].tolist():
        pos = i + 1
        if pos >= len(doc) or not (doc[pos].text[:1].isupper() and doc[pos].is_alpha) or doc[pos].lower_ in LEVEL_WORDS:
            continue
        for level in ("kecamatan", "desa"):
            end, area, _ = _lookup(_index(level), doc, pos, kabkota)
            if area is not None and area.kabkota_code in kabkota:
                spans.append(Span(doc, pos, end, label="LOCATION", kb_id=area.code))
                break
    return spans


def kecamatan_after_item(doc: Doc, pos: int, context: set[str]) -> tuple[int, Optional[Span]]:
    """"… Teupin Batee di Kecamatan Blang Bintang, …": the kecamatan named after a listed desa, and
    the position after it (``pos`` and None when there is none)."""
    if not (pos + 2 < len(doc) and doc[pos].lower_ == "di" and LEVEL_WORDS.get(doc[pos + 1].lower_) == "kecamatan"
            and doc[pos + 2].text[:1].isupper()):
        return pos, None
    end, area, _ = _lookup(load_kecamatan(), doc, pos + 2, context)
    return end, Span(doc, pos + 2, end, label="LOCATION", kb_id=area.code if area else "")


def find_local_places(doc: Doc, context: set[str]) -> list[Span]:
    """The places named after a level word, coded where the gazetteer and ``context`` (the
    kabupaten/kota and province codes the text names) decide."""
    spans: list[Span] = []
    n = len(doc)
    hashes = numpy.array([doc.vocab.strings.add(w) for w in LEVEL_WORDS], dtype="uint64")
    after = 0  # the end of the last list read
    for i in numpy.nonzero(numpy.isin(doc.to_array(LOWER), hashes))[0].tolist():
        level = LEVEL_WORDS[doc[i].lower_]
        if i < after or i + 1 >= n:
            continue
        index = _index(level)
        pos = i + 1
        opened = False
        if not doc[pos].text[:1].isupper():
            opener = next((j for j in range(pos, min(pos + MAX_OPENER_GAP, n)) if doc[j].lower_ in LIST_OPENERS
                           and not any(t.text in (".", "!", "?") or t.is_space for t in doc[pos:j])), None)
            if doc[i].text[:1].isupper() or opener is None or opener + 1 >= n:
                continue
            pos, opened = opener + 1, True  # the list opened by "yakni" after a count
        items = 0
        while pos < n and items < MAX_ITEMS:
            repeated = LEVEL_WORDS.get(doc[pos].lower_) == level and pos + 1 < n and doc[pos + 1].text[:1].isupper()
            start = pos + 1 if repeated else pos
            if not doc[start].text[:1].isupper():
                break
            end, area, known = _lookup(index, doc, start, context)
            run_end = start
            while run_end < n and run_end - start < MAX_UNLISTED_WORDS and doc[run_end].text[:1].isupper() and doc[run_end].is_alpha:
                run_end += 1
            if opened and (not known or run_end > end):
                # "sejumlah desa terendam, antara lain Cot Lamme, Lamgeumok, …": counted places,
                # listed or not (the gazetteer's "Cot" is not this "Cot Lamme")
                end, area = run_end, None
            elif not known:
                break  # "Kepala Desa Bontolempangang, Haris": an unknown name is left to the model
            spans.append(Span(doc, start, end, label="LOCATION", kb_id=area.code if area else ""))
            items += 1
            end, kecamatan = kecamatan_after_item(doc, end, context)
            if kecamatan is not None:
                spans.append(kecamatan)
            joiner = next((len(j) for j in LIST_JOINERS if [t.lower_ for t in doc[end : end + len(j)]] == j
                           and end + len(j) < n and (doc[end + len(j)].text[:1].isupper() or LEVEL_WORDS.get(doc[end + len(j)].lower_) == level)), None)
            if joiner is None:
                break
            pos = end + joiner
        after = pos
    return list({(s.start, s.end): s for s in spans}.values())  # a kecamatan after a list item is read twice
