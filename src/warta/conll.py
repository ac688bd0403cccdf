"""CoNLL reading, label harmonization and conlleval-style entity evaluation.

Pure Python (no spaCy). A sentence is a list of ``(token, tag)`` pairs; tags are
BIO (``B-PER``, ``I-PER``, ``O``). IOBES/BILOU prefixes and bare IO labels are
accepted and converted.

Harmonization maps every corpus' entity types onto the coarse set used by warta:

* PER: PERSON, PER, PPL (NERP "people")
* ORG: ORGANIZATION, ORGANISATION, ORG, IND (NERP "industry/organisation": companies,
  media, clubs, parties, agencies; a minority of product/brand names is also tagged IND)
* LOC: LOCATION, LOC, PLACE, PLC, GPE
* everything else (TIME, QUANTITY, EVT, FNB, MISC, ...) becomes O.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, Union

Sentence = list[tuple[str, str]]
Chunk = tuple[str, int, int]  # (type, start, end) with end exclusive

COARSE_TYPES: tuple[str, ...] = ("PER", "ORG", "LOC")

LABEL_MAP: dict[str, str] = {
    "PERSON": "PER",
    "PER": "PER",
    "PPL": "PER",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "ORG": "ORG",
    "IND": "ORG",
    "LOCATION": "LOC",
    "LOC": "LOC",
    "PLACE": "LOC",
    "PLC": "LOC",
    "GPE": "LOC",
}

_TAG_RE = re.compile(r"^([BIESLU])[-_](.+)$", re.IGNORECASE)
_BARE_TAG_RE = re.compile(r"^[BIESLUO]$", re.IGNORECASE)
_OUTSIDE = {"O", "0", "_", "-", ""}
PathLike = Union[str, "os.PathLike[str]"]


# --------------------------------------------------------------------------- reading


def _split_line(line: str) -> tuple[str, str] | None:
    """Split one non-blank line into (token, tag); None for lines to skip."""
    if "\t" in line:
        fields = line.split("\t")
        token = fields[0].strip()
        tag = fields[1].strip() if len(fields) > 1 else ""
    else:
        # no tab: "token tag" separated by whitespace; the last field is the tag
        # if it looks like one, otherwise the whole line is a token tagged O.
        fields = line.split()
        if len(fields) >= 2 and _looks_like_tag(fields[-1]):
            token, tag = " ".join(fields[:-1]), fields[-1]
        else:
            token, tag = line.strip(), "O"
    if not token or token.startswith("-DOCSTART-"):
        return None
    return token, (tag or "O")


def _looks_like_tag(field: str) -> bool:
    return field.upper() in _OUTSIDE or bool(_TAG_RE.match(field))


def iter_conll(lines: Iterable[str]) -> Iterator[Sentence]:
    """Yield sentences from CoNLL lines (token TAB tag [TAB extra...]).

    Blank or whitespace-only lines end a sentence; empty sentences are skipped;
    CR/CRLF line endings, a BOM and ``-DOCSTART-`` lines are tolerated; tokens may
    contain spaces (only TAB separates columns when a TAB is present); columns
    after the second are ignored.
    """
    current: Sentence = []
    for raw in lines:
        text = raw.replace("\r\n", "\n").replace("\r", "\n")
        if text.endswith("\n"):
            text = text[:-1]
        for line in text.split("\n"):
            line = line.lstrip("\ufeff")
            if not line.strip():
                if current:
                    yield current
                    current = []
                continue
            item = _split_line(line)
            if item is None:
                if line.startswith("-DOCSTART-") and current:
                    yield current
                    current = []
                continue
            current.append(item)
    if current:
        yield current


def parse_conll(text: str) -> list[Sentence]:
    """Parse CoNLL text into sentences."""
    return list(iter_conll([text]))


def read_conll(source: PathLike | TextIO, *, harmonize: bool = False) -> list[Sentence]:
    """Read a CoNLL file (path or open text file); optionally harmonize tags to PER/ORG/LOC."""
    if isinstance(source, (str, os.PathLike)):
        with open(source, encoding="utf-8", errors="replace", newline="") as fh:
            sents = list(iter_conll(fh))
    else:
        sents = list(iter_conll(source))
    if harmonize:
        sents = [harmonize_sentence(s) for s in sents]
    return sents


def write_conll(sents: Iterable[Sentence], dest: PathLike | TextIO) -> None:
    """Write sentences as token TAB tag lines with a blank line after each sentence."""
    def _write(fh: TextIO) -> None:
        for sent in sents:
            for token, tag in sent:
                fh.write(f"{token.replace(chr(9), ' ')}\t{tag}\n")
            fh.write("\n")

    if isinstance(dest, (str, os.PathLike)):
        with open(dest, "w", encoding="utf-8", newline="\n") as fh:
            _write(fh)
    else:
        _write(dest)


def format_conll(sents: Iterable[Sentence]) -> str:
    """Return sentences as CoNLL text."""
    buf = io.StringIO()
    write_conll(sents, buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- labels


def split_tag(tag: str) -> tuple[str, str]:
    """Split a tag into (prefix, type): ``B-PER`` -> (B, PER), ``O`` -> (O, "").

    IOBES/BILOU prefixes are kept as given (upper-cased); a bare label such as
    ``PER`` is read as IO scheme, i.e. (I, PER).
    """
    tag = tag.strip()
    if tag.upper() in _OUTSIDE:
        return "O", ""
    m = _TAG_RE.match(tag)
    if m:
        return m.group(1).upper(), m.group(2)
    if _BARE_TAG_RE.match(tag):  # a lone "B"/"I" without a type
        return tag.upper(), ""
    return "I", tag


def harmonize_label(label: str) -> str | None:
    """Map a corpus entity type to PER/ORG/LOC, or None when it is not kept."""
    return LABEL_MAP.get(label.strip().upper())


def harmonize_tag(tag: str) -> str:
    """Map one tag to coarse BIO (``B-PERSON`` -> ``B-PER``, ``I-TIME`` -> ``O``)."""
    prefix, label = split_tag(tag)
    if prefix == "O":
        return "O"
    coarse = harmonize_label(label)
    if coarse is None:
        return "O"
    return f"{_to_bio_prefix(prefix)}-{coarse}"


def _to_bio_prefix(prefix: str) -> str:
    return "B" if prefix in ("B", "S", "U") else "I"


def to_bio(tags: Sequence[str]) -> list[str]:
    """Normalise tags to BIO prefixes (S/U -> B, E/L -> I, bare labels -> I) without repair."""
    out = []
    for tag in tags:
        prefix, label = split_tag(tag)
        out.append("O" if prefix == "O" or not label else f"{_to_bio_prefix(prefix)}-{label}")
    return out


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Return valid BIO: an I-X not preceded by B-X/I-X starts a chunk (becomes B-X).

    This is how conlleval reads such tags, so repaired tags give the same chunks.
    """
    out: list[str] = []
    prev_type = ""
    for tag in to_bio(tags):
        if tag == "O":
            out.append(tag)
            prev_type = ""
            continue
        prefix, label = tag.split("-", 1)
        if prefix == "I" and prev_type != label:
            tag = f"B-{label}"
        out.append(tag)
        prev_type = label
    return out


def harmonize_tags(tags: Sequence[str]) -> list[str]:
    """Harmonize and BIO-repair a tag sequence."""
    return repair_bio([harmonize_tag(t) for t in tags])


def harmonize_sentence(sent: Sentence) -> Sentence:
    """Harmonize a sentence's tags to repaired PER/ORG/LOC BIO."""
    tags = harmonize_tags([t for _, t in sent])
    return [(tok, tag) for (tok, _), tag in zip(sent, tags)]


# --------------------------------------------------------------------------- chunks


def get_chunks(tags: Sequence[str]) -> list[Chunk]:
    """Return conlleval chunks as (type, start, end) with ``end`` exclusive.

    A chunk starts at B-X (or S-/U-), or at I-X (or E-/L-) following O or a
    different type; it ends before O, B-*, or a tag of another type. E-/L-/S-/U-
    also close the chunk, as in conlleval.
    """
    chunks: list[Chunk] = []
    start = -1
    cur_type = ""
    prev_prefix = "O"
    for i, tag in enumerate(tags):
        prefix, label = split_tag(tag)
        if prefix != "O" and not label:
            prefix = "O"  # a typeless B/I is treated as outside
        # does a chunk end before this token?
        ends = cur_type and (
            prefix in ("O", "B", "S", "U")
            or label != cur_type
            or prev_prefix in ("E", "L", "S", "U")
        )
        if ends:
            chunks.append((cur_type, start, i))
            cur_type = ""
        if prefix != "O" and not cur_type:
            cur_type, start = label, i
        prev_prefix = prefix
    if cur_type:
        chunks.append((cur_type, start, len(tags)))
    return chunks


def sentence_entities(sent: Sentence) -> list[tuple[str, str]]:
    """Return (type, text) of each chunk in a sentence (tokens joined by a space)."""
    tokens = [t for t, _ in sent]
    return [(typ, " ".join(tokens[s:e])) for typ, s, e in get_chunks([t for _, t in sent])]


# --------------------------------------------------------------------------- evaluation

SentenceLike = Union[Sequence[str], Sequence[tuple[str, str]]]


def _tags_of(sent: SentenceLike) -> list[str]:
    return [item if isinstance(item, str) else item[1] for item in sent]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "n_pred": n_pred, "n_gold": n_gold}


def evaluate_conll(
    gold_sents: Sequence[SentenceLike],
    pred_sents: Sequence[SentenceLike],
    *,
    harmonize: bool = True,
    types: Iterable[str] | None = None,
) -> dict:
    """Entity-level micro P/R/F1 (exact span and type) plus per-type scores.

    Each sentence is a list of tags or of (token, tag) pairs; gold and predicted
    sentences must align one to one with equal lengths (tokens, when given, are
    checked too). With ``harmonize`` (default) both sides are mapped to PER/ORG/LOC
    first; otherwise types are compared as written. Tags are BIO-repaired as
    conlleval does. ``types`` restricts scoring to those types (default: all seen;
    with harmonize, the per-type table always lists PER, ORG and LOC).

    Returns a dict with precision/recall/f1 in [0, 1], tp, n_pred, n_gold,
    n_sentences, n_tokens, token_accuracy and ``per_type`` {type: same keys}.
    """
    if len(gold_sents) != len(pred_sents):
        raise ValueError(f"sentence count differs: gold {len(gold_sents)} vs pred {len(pred_sents)}")
    keep = set(types) if types is not None else None
    tp_by: dict[str, int] = {}
    gold_by: dict[str, int] = {}
    pred_by: dict[str, int] = {}
    n_tokens = correct_tokens = 0
    for i, (gsent, psent) in enumerate(zip(gold_sents, pred_sents)):
        if len(gsent) != len(psent):
            raise ValueError(f"sentence {i}: {len(gsent)} gold tokens vs {len(psent)} predicted")
        for g_item, p_item in zip(gsent, psent):
            if not isinstance(g_item, str) and not isinstance(p_item, str) and g_item[0] != p_item[0]:
                raise ValueError(f"sentence {i}: token mismatch {g_item[0]!r} vs {p_item[0]!r}")
        gtags, ptags = _tags_of(gsent), _tags_of(psent)
        if harmonize:
            gtags, ptags = harmonize_tags(gtags), harmonize_tags(ptags)
        else:
            gtags, ptags = repair_bio(gtags), repair_bio(ptags)
        n_tokens += len(gtags)
        correct_tokens += sum(g == p for g, p in zip(gtags, ptags))
        gold = {c for c in get_chunks(gtags) if keep is None or c[0] in keep}
        pred = {c for c in get_chunks(ptags) if keep is None or c[0] in keep}
        for typ, _, _ in gold:
            gold_by[typ] = gold_by.get(typ, 0) + 1
        for typ, _, _ in pred:
            pred_by[typ] = pred_by.get(typ, 0) + 1
        for typ, _, _ in gold & pred:
            tp_by[typ] = tp_by.get(typ, 0) + 1
    all_types = set(gold_by) | set(pred_by)
    if harmonize and keep is None:
        all_types |= set(COARSE_TYPES)
    if keep is not None:
        all_types |= keep
    result: dict = _prf(sum(tp_by.values()), sum(pred_by.values()), sum(gold_by.values()))
    result["n_sentences"] = len(gold_sents)
    result["n_tokens"] = n_tokens
    result["token_accuracy"] = correct_tokens / n_tokens if n_tokens else 0.0
    result["per_type"] = {
        t: _prf(tp_by.get(t, 0), pred_by.get(t, 0), gold_by.get(t, 0)) for t in sorted(all_types)
    }
    return result


def format_report(result: dict, title: str | None = None) -> str:
    """Render an ``evaluate_conll`` result as a conlleval-like text table (percentages)."""
    lines = []
    if title:
        lines.append(title)
    lines.append(
        f"processed {result['n_tokens']} tokens in {result['n_sentences']} sentences; "
        f"found {result['n_pred']} phrases; correct {result['tp']}; gold {result['n_gold']}."
    )
    lines.append(f"token accuracy: {100 * result['token_accuracy']:6.2f}%")
    header = f"{'type':<8} {'prec':>7} {'rec':>7} {'f1':>7} {'tp':>6} {'pred':>6} {'gold':>6}"
    lines.append(header)
    lines.append("-" * len(header))

    def row(name: str, s: dict) -> str:
        return (
            f"{name:<8} {100 * s['precision']:7.2f} {100 * s['recall']:7.2f} {100 * s['f1']:7.2f} "
            f"{s['tp']:6d} {s['n_pred']:6d} {s['n_gold']:6d}"
        )

    for typ, s in result["per_type"].items():
        lines.append(row(typ, s))
    lines.append("-" * len(header))
    lines.append(row("micro", result))
    return "\n".join(lines)


def load_corpus(path: PathLike) -> list[Sentence]:
    """Read a CoNLL file and harmonize it to PER/ORG/LOC (convenience for training/eval)."""
    return read_conll(Path(path), harmonize=True)


# --------------------------------------------------------------------------- tagging with warta


# A token glued to its brackets by another tokenizer: "(BEI)", "(Persero)", "(PPP),".
_BRACKETED_RE = re.compile(r"^[(\[](?=[^)\]]*[^\W\d_])\w(?:.*\w)?[)\]][,.;:]?$")


def tag_with_pipeline(nlp, sents: Sequence[SentenceLike], *, batch_size: int = 64) -> list[Sentence]:
    """Run a whole warta pipeline on exactly the given tokens and return coarse BIO tags.

    No re-tokenization: each CoNLL token is one spaCy token. The pipeline's final entities are
    mapped to PER/ORG/LOC (officials and persons → PER; institutions and organizations → ORG;
    provinces, regions and other places → LOC); anything else is O. The output has the same
    sentences and tokens as the input, always.

    Some corpora glue brackets to words ("(BEI)"), which warta's tokenizer never does. Such a
    bracketed token right after an organization or place ("Bursa Efek Indonesia (BEI)") is
    tagged as the end of that name: the convention of the corpora written this way
    (idner-news-2k, NERP), where 27 of 31 such tokens after an ORG or LOC in idner2k.train are
    inside the name.
    """
    from spacy.tokens import Doc

    from warta.record import COARSE_CLASS

    token_lists = [[item if isinstance(item, str) else item[0] for item in sent] for sent in sents]
    # spaCy tokens cannot be empty or contain whitespace runs at the edges; keep the text for output.
    words_lists = [[w.strip() or "_" for w in words] for words in token_lists]
    docs = (Doc(nlp.vocab, words=words, spaces=[True] * len(words)) for words in words_lists)
    tagged: list[Sentence] = []
    for tokens, doc in zip(token_lists, nlp.pipe(docs, batch_size=batch_size)):
        chunks = [(COARSE_CLASS.get(e.label_, ""), e.start, e.end) for e in doc.ents]
        chunks = [c for c in chunks if c[0] in COARSE_TYPES]
        covered = {i for _, start, end in chunks for i in range(start, end)}
        for k, (label, start, end) in enumerate(chunks):
            if (
                label in ("ORG", "LOC")
                and end < len(doc)
                and end not in covered
                and _BRACKETED_RE.match(doc[end].text)
            ):
                chunks[k] = (label, start, end + 1)
        tags = ["O"] * len(tokens)
        for label, start, end in chunks:
            tags[start] = f"B-{label}"
            for i in range(start + 1, end):
                tags[i] = f"I-{label}"
        tagged.append(list(zip(tokens, tags)))
    return tagged


def format_tagged(gold: Sequence[Sentence], predicted: Sequence[Sentence]) -> Iterator[str]:
    """Lines ``token TAB gold TAB predicted``, a blank line after each sentence."""
    for gsent, psent in zip(gold, predicted):
        for (token, gtag), (_, ptag) in zip(gsent, psent):
            yield f"{token.replace(chr(9), ' ')}\t{gtag}\t{ptag}\n"
        yield "\n"
