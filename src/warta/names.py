"""Is this a person's name? One judgement for officials, persons and quotes.

Method: a name is a run of capitalised words that are not common words of the language, not stop
words, not ranks, honorifics or degrees; particles ("bin", "La", "van") may stand inside it. What
counts as a common word is data: ``common_words.txt``, built by ``scripts/build_common_words.py``
from words that running text writes in lowercase and almost never uses inside a name, so "Periode",
"Upaya" or "Jabatan" after a title are not read as a person, while "Budi" or "Agung" still are.
Ranks and honorifics come from ``honorifics.jsonl`` and are read in any case and glued to their
corps ("IPTU", "Kombespol", "Irjenpol"), because crawled news writes them every way.

Functions work on word strings so they can be tested and reused without a Doc; the components pass
``token.text`` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from warta.resources import data_path, load_data_jsonl, load_lexicon, read_word_list

PUNCTUATION = frozenset(",.;:()“”\"'—–-!?/[]")
# Kinds of honorifics.jsonl that stand before a name and are not part of it.
BEFORE_KINDS = frozenset({"police_rank", "military_rank", "rank", "rank_qualifier", "military_corps", "academic", "religious", "nobility", "courtesy"})
RANK_KINDS = frozenset({"police_rank", "military_rank", "rank"})
# Corps words written after or glued to a rank: "Kombes Pol", "Kombespol", "Brigjen TNI".
CORPS_SUFFIXES = ("pol", "polisi", "tni")
CLITICS = ("nya", "lah", "kah", "pun")
# Degrees not in the list still have their shape: "S.Tr.K", "S.IK", "M.Kes", "Sp.PK" (not "M." alone).
DEGREE_SHAPE = re.compile(r"^(?:S|M|Sp|A)\.(?:[A-Z][A-Za-z]{0,3}\.?){1,3}$")
# Lone capitals and two-to-four capital initials ("H", "AS", "I.G.N.") are not common words.
INITIALS = re.compile(r"^(?:[A-Z]\.?){1,4}$")


@dataclass(frozen=True)
class NameLexicon:
    """The word lists behind the judgement, all lowercase except ``degrees`` and ``particles``."""

    common: frozenset[str]
    stopwords: frozenset[str]
    particles: frozenset[str]
    honorifics: frozenset[str]
    degrees: frozenset[str]
    abbreviations: frozenset[str]
    openers: frozenset[str] = frozenset()
    ranks: frozenset[str] = frozenset()  # police and military ranks only, lowercase


@lru_cache(maxsize=None)
def load_name_lexicon() -> NameLexicon:
    """The lexicon from common_words.txt, lexicon.json and honorifics.jsonl (cached)."""
    lexicon = load_lexicon()
    honorifics: set[str] = set()
    ranks: set[str] = set()
    degrees: set[str] = set()
    for row in load_data_jsonl("honorifics.jsonl"):
        form = row.get("form", "")
        if row.get("position") == "after" or row.get("kind") == "degree":
            degrees.add(form)
            degrees.add(form.rstrip("."))
            continue
        if row.get("kind") not in BEFORE_KINDS:
            continue
        key = form.lower()
        honorifics.add(key)
        honorifics.add(key.rstrip("."))
        if row.get("kind") in RANK_KINDS and " " not in key:
            ranks.add(key.rstrip("."))
        if row.get("kind") == "police_rank" and " " not in key:
            honorifics.update(key.rstrip(".") + suffix for suffix in CORPS_SUFFIXES)
            ranks.update(key.rstrip(".") + suffix for suffix in CORPS_SUFFIXES)
    honorifics.update(CORPS_SUFFIXES)
    honorifics.add("pol.")
    return NameLexicon(
        common=frozenset(read_word_list(data_path("common_words.txt"))),
        stopwords=frozenset(w.lower() for w in lexicon["name_stopwords"]),
        particles=frozenset(lexicon["name_particles"]),
        honorifics=frozenset(honorifics),
        degrees=frozenset(degrees),
        abbreviations=frozenset(lexicon["name_abbreviations"]),
        openers=frozenset(lexicon.get("name_openers", ())),
        ranks=frozenset(ranks),
    )


def is_honorific(word: str, lexicon: NameLexicon | None = None) -> bool:
    """A rank, honorific or courtesy title in any case: "Irjen", "IPTU", "Kombespol", "Hj.", "dr"."""
    lexicon = lexicon or load_name_lexicon()
    key = word.lower()
    return key in lexicon.honorifics or key.rstrip(".") in lexicon.honorifics


def is_rank(word: str, lexicon: NameLexicon | None = None) -> bool:
    """A police or military rank in any case: "Kompol", "IPTU", "Letkol", "Kombespol"."""
    lexicon = lexicon or load_name_lexicon()
    return word.lower().rstrip(".") in lexicon.ranks


def is_degree(word: str, lexicon: NameLexicon | None = None) -> bool:
    """An academic or professional degree after a name: "S.H.", "M.Si", "S.IK"."""
    lexicon = lexicon or load_name_lexicon()
    return word in lexicon.degrees or word.rstrip(",") in lexicon.degrees or bool(DEGREE_SHAPE.match(word))


def is_common_word(word: str, lexicon: NameLexicon | None = None) -> bool:
    """A word of the running language ("Periode", "Upaya", "Rinciannya"), not a name part; the
    clitics -nya, -lah, -kah and -pun are taken off first, since the list holds base forms."""
    lexicon = lexicon or load_name_lexicon()
    if INITIALS.match(word):
        return False
    key = word.lower()
    return key in lexicon.common or any(key.endswith(c) and key[: -len(c)] in lexicon.common for c in CLITICS)


def is_name_word(word: str, lexicon: NameLexicon | None = None, *, first: bool = True) -> bool:
    """A word that can stand in a person's name: capitalised, not punctuation, a stop word, a rank
    or a degree. A name's first word is not a common word either; later words may be ("Mario
    Adil", "Rizky Harapan"), since given and family names are often words. Initials count."""
    lexicon = lexicon or load_name_lexicon()
    if not word or not word[:1].isupper() or word in PUNCTUATION or any(c in word for c in "()[];,\"“”"):
        return False
    if word.lower() in lexicon.stopwords or is_degree(word, lexicon) or first and is_common_word(word, lexicon):
        return False
    if word.endswith(".") and len(word) > 3 and word not in lexicon.abbreviations and not INITIALS.match(word):
        return False  # "Pol.", "Pemprov." : an abbreviation, not a name
    return not is_honorific(word, lexicon)


def name_length(words: Sequence[str], lexicon: NameLexicon | None = None) -> int:
    """How many of the leading ``words`` form a name: name words, with particles inside
    ("Andi Baso", "Muhammad bin Abdullah", "Wa Ode Nurhayati"); 0 when the first is not one."""
    lexicon = lexicon or load_name_lexicon()
    n = 0
    # "Lalu Muhammad", "Anak Agung Made": an opener that is also a common word needs a name after it
    opener = 2 if " ".join(words[:2]) in lexicon.openers else 1 if words and words[0] in lexicon.openers else 0
    if opener:
        rest = name_length(words[opener:], lexicon)
        return opener + rest if rest else 0
    for i, word in enumerate(words):
        if word in lexicon.particles and i > 0 or word in ("La", "Wa") and i == 0:
            n = i + 1 if i == 0 else n
            continue
        if not (is_name_word(word, lexicon, first=i == 0) or i > 0 and INITIALS.match(word) and not is_degree(word, lexicon)):
            break  # a middle initial is part of the name ("Krisno H Siregar"), an honorific elsewhere
        n = i + 1
    # particles only count between name words
    while n > 0 and words[n - 1] in lexicon.particles and words[n - 1] not in ("La", "Wa"):
        n -= 1
    return n


def looks_like_name(words: Sequence[str], lexicon: NameLexicon | None = None) -> bool:
    """All the words form a name, and not only of initials ("AS", "H.") which name no one here."""
    lexicon = lexicon or load_name_lexicon()
    words = [w for w in words if w]
    if not words or name_length(words, lexicon) != len(words):
        return False
    return not all(INITIALS.match(w) for w in words)


def skip_honorifics(words: Sequence[str], lexicon: NameLexicon | None = None) -> int:
    """How many leading ``words`` are ranks and honorifics ("Kombes Pol. Dr. H."), with the pairs
    of honorifics.jsonl ("Tuan Guru", "Sri Sultan")."""
    lexicon = lexicon or load_name_lexicon()
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}".lower() in lexicon.honorifics:
            i += 2
        elif is_honorific(words[i], lexicon):
            i += 1
        else:
            break
    return i


def clean_name(words: Sequence[str], lexicon: NameLexicon | None = None) -> str:
    """The name without ranks, honorifics and degrees: "Irjen Pol. Andi Baso, S.H." → "Andi Baso"."""
    lexicon = lexicon or load_name_lexicon()
    start = skip_honorifics(words, lexicon)
    kept = [w for w in words[start:] if not is_degree(w, lexicon) and w not in PUNCTUATION]
    return " ".join(kept) if kept else " ".join(words)
