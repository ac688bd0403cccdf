"""Build src/warta/data/common_words.txt: words that Indonesian text writes in lowercase and almost
never uses inside a person's name.

Method: count, over the NER train splits (cased corpora) and the UD Indonesian treebanks, how often
each word form occurs in lowercase inside a sentence, and how often it occurs inside a PERSON entity
(NERP's lowercase PPL spans count as name evidence too). A form is a common word when it occurs in
lowercase at least ``--min-lower`` times and inside names at most ``--max-name-share`` of that.
Only word forms are written, never text. Usage:

    python scripts/build_common_words.py ../shared/data -o src/warta/data/common_words.txt
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

CASED = ("nerui", "nerugm", "idner2k", "nergrit")
PERSON_TAGS = ("PER", "PERSON", "PPL")


def read_conll(path: Path):
    """Sentences of (token, tag) pairs from a token TAB tag file."""
    sentence: list[tuple[str, str]] = []
    for line in path.open(encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        token, _, tag = line.partition("\t")
        sentence.append((token, tag))
    if sentence:
        yield sentence


def read_conllu(path: Path):
    sentence: list[tuple[str, str]] = []
    for line in path.open(encoding="utf-8"):
        if line.startswith("#"):
            continue
        if not line.strip():
            if sentence:
                yield sentence
            sentence = []
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        sentence.append((cols[1], "O"))
    if sentence:
        yield sentence


def count(data: Path) -> tuple[Counter, Counter]:
    lower, in_name = Counter(), Counter()
    sources = [read_conll(data / "ner" / f"{name}.train.tsv") for name in CASED]
    sources += [read_conllu(p) for p in sorted((data / "ud").glob("*.conllu"))]
    for source in sources:
        for sentence in source:
            for i, (token, tag) in enumerate(sentence):
                if tag.split("-")[-1] in PERSON_TAGS:
                    in_name[token.lower()] += 1
                elif i > 0 and token.isalpha() and token.islower():
                    lower[token] += 1
    for sentence in read_conll(data / "ner" / "nerp.train.tsv"):
        for token, tag in sentence:
            if tag.split("-")[-1] in PERSON_TAGS:
                in_name[token.lower()] += 1
    return lower, in_name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data folder (ner/ and ud/)")
    parser.add_argument("-o", "--out", type=Path, required=True)
    parser.add_argument("--min-lower", type=int, default=10)
    parser.add_argument("--max-name-share", type=float, default=0.02)
    args = parser.parse_args()
    lower, in_name = count(args.data)
    words = sorted(w for w, n in lower.items() if n >= args.min_lower and len(w) > 1 and in_name[w] <= args.max_name_share * n)
    header = [
        "# Common words: written in lowercase in running text and (almost) never part of a person's name.",
        "# Built by scripts/build_common_words.py from the NER train splits (NER UI, NER UGM, idner-news-2k,",
        "# NERGrit, NERP for name evidence) and the UD Indonesian CSUI/GSD treebanks; word forms only.",
        f"# min lowercase occurrences {args.min_lower}, max share inside names {args.max_name_share}; {len(words)} words.",
    ]
    args.out.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out}")


if __name__ == "__main__":
    main()
