"""Corpus preparation, training and evaluation of warta's statistical NER (PER/ORG/LOC).

The shared corpora (see ``shared/data/README.md``) are merged into spaCy DocBin files:

* labels are harmonized to PER/ORG/LOC with :mod:`warta.conll` (TIME, QUANTITY, EVT, FNB -> O);
* every training sentence that also occurs in *any* dev split (compared lower-cased,
  letters and digits only) is dropped, so dev scores are not inflated by the cross-dataset
  overlaps (idner2k.dev is 90% nerugm.train, nerugm.dev is 77% idner2k.train, ...);
* NER UGM and idner-news-2k annotate the same sentences: the idner2k annotation is used
  (PER/ORG/LOC, titles outside person names, nested places split, like NER UI), carried
  over onto the NER UGM tokenization, which splits punctuation the way the other corpora
  (and a tokenizer) do; idner2k writes ``(PDIP),`` as one token;
* NERP (all lower-case) sentences that duplicate a cased news sentence are dropped;
* NERP multi-word tokens (``kerja sama``) are split into words for training;
* optional upsampling per dataset and case-augmented copies (UPPER/Title/lower).

Training uses spaCy's own loop (``spacy.cli.train.train``) with the seed from the
config's ``[system] seed``. The evaluation helpers tag the dev files with the gold
tokenization and score them with :func:`warta.conll.evaluate_conll`.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from warta.conll import (
    Sentence,
    evaluate_conll,
    get_chunks,
    harmonize_sentence,
    read_conll,
)

DATASETS: tuple[str, ...] = ("nerui", "nerugm", "idner2k", "nergrit", "nerp")
NEWS_DATASETS: tuple[str, ...] = ("nerui", "nerugm", "idner2k")
DEFAULT_INCLUDE: tuple[str, ...] = ("nerui", "idner2k", "nergrit", "nerp")
SELECTION_DEV: tuple[str, ...] = ("nerui", "idner2k")
# the recipe of the shipped model (see models/NER_EXPERIMENTS.md): news upweighted,
# 30% of the cased sentences added again in UPPER/Title/lower case
DEFAULT_REPEAT: dict[str, int] = {"nerui": 3, "idner2k": 2}
DEFAULT_CASE_AUGMENT: float = 0.3
# one of idner2k's repeats keeps its own tokens ("(PDIP),"), as its dev/test files have them
DEFAULT_GLUED_COPY: bool = False
# copies of the cased sentences with their entities swapped for other mentions (off: not shipped)
DEFAULT_MENTION_SWAP: float = 0.0
def _config_path(name: str) -> Path:
    """A training config shipped in the wheel (warta/configs) or in the source checkout (configs/)."""
    package = Path(__file__).resolve().parent
    for base in (package / "configs", package.parents[1] / "configs"):
        if (base / name).is_file():
            return base / name
    return package.parents[1] / "configs" / name


DEFAULT_CONFIG = _config_path("ner.cfg")



# --------------------------------------------------------------------------- helpers


def sentence_key(tokens: Iterable[str]) -> str:
    """Key for duplicate detection: lower-cased letters and digits only."""
    return "".join(ch for ch in "".join(tokens).lower() if ch.isalnum())


def _tokens(sent: Sentence) -> list[str]:
    return [t for t, _ in sent]


def _tags(sent: Sentence) -> list[str]:
    return [g for _, g in sent]


def split_multiword_tokens(sent: Sentence) -> Sentence:
    """Split tokens containing spaces (NERP ``kerja sama``) into words, extending tags."""
    out: Sentence = []
    for token, tag in sent:
        parts = token.split()
        if len(parts) <= 1:
            out.append((token.strip() or token, tag))
            continue
        out.append((parts[0], tag))
        cont = "O" if tag == "O" else "I-" + tag.split("-", 1)[1]
        out.extend((p, cont) for p in parts[1:])
    return out


def chunks_to_tags(n: int, chunks: Iterable[tuple[str, int, int]]) -> list[str]:
    """BIO tags of length ``n`` from (type, start, end) chunks."""
    tags = ["O"] * n
    for typ, start, end in chunks:
        tags[start] = f"B-{typ}"
        for i in range(start + 1, end):
            tags[i] = f"I-{typ}"
    return tags


def transfer_annotation(source: Sentence, target_tokens: Sequence[str]) -> Sentence | None:
    """Carry ``source``'s entity chunks onto another tokenization of the same text.

    The texts are matched on their letters and digits only (the corpora differ in
    quotes and spacing); a chunk covers the target tokens holding its letters, plus a
    closing bracket that balances one inside the chunk (``Partai ... ( PPP )``), so
    punctuation the source glued to words is dropped (``(PDIP),`` -> ``PDIP``).
    Returns None when the letters and digits of the two texts differ.
    """
    def alnum_len(tok: str) -> int:
        return sum(ch.isalnum() for ch in tok)

    if sentence_key(_tokens(source)) != sentence_key(target_tokens):
        return None
    tgt_of_char: list[int] = []
    for i, tok in enumerate(target_tokens):
        tgt_of_char.extend([i] * alnum_len(tok.lower()))
    src_start: list[int] = []
    pos = 0
    for tok in _tokens(source):
        src_start.append(pos)
        pos += alnum_len(tok.lower())
    src_start.append(pos)
    chunks = []
    for typ, s, e in get_chunks(_tags(source)):
        c0, c1 = src_start[s], src_start[e]
        if c1 <= c0:
            continue
        t0, t1 = tgt_of_char[c0], tgt_of_char[c1 - 1] + 1
        toks = list(target_tokens[t0:t1])
        opened = sum(t == "(" for t in toks) - sum(t == ")" for t in toks)
        if opened > 0 and t1 < len(target_tokens) and target_tokens[t1] == ")":
            t1 += 1
        chunks.append((typ, t0, t1))
    chunks.sort(key=lambda c: c[1])
    kept, last_end = [], 0
    for c in chunks:
        if c[1] >= last_end:
            kept.append(c)
            last_end = c[2]
    tags = chunks_to_tags(len(target_tokens), kept)
    return list(zip(target_tokens, tags))


def case_variant(sent: Sentence, mode: str) -> Sentence:
    """Return a copy with tokens in ``upper``, ``title`` (headline) or ``lower`` case."""
    if mode == "upper":
        f = str.upper
    elif mode == "lower":
        f = str.lower
    elif mode == "title":
        def f(tok: str) -> str:
            return tok[:1].upper() + tok[1:] if tok[:1].isalpha() else tok
    else:
        raise ValueError(f"unknown case mode {mode!r}")
    return [(f(t), g) for t, g in sent]


def swap_mentions(sent: Sentence, pools: dict[str, Sequence[tuple[str, ...]]], rng: random.Random) -> Sentence:
    """A copy with every entity replaced by a random mention of the same type from ``pools``
    ("di Sleman" -> "di Kluet Utara"), so the model learns from the context as well as the name."""
    tags = _tags(sent)
    tokens = _tokens(sent)
    out: Sentence = []
    pos = 0
    for typ, start, end in get_chunks(tags):
        out.extend(zip(tokens[pos:start], tags[pos:start]))
        pool = pools.get(typ)
        words = list(rng.choice(pool)) if pool else tokens[start:end]
        out.extend((w, ("B-" if i == 0 else "I-") + typ) for i, w in enumerate(words))
        pos = end
    out.extend(zip(tokens[pos:], tags[pos:]))
    return out


def gazetteer_place_names() -> list[tuple[str, ...]]:
    """Region (province, kabupaten, kota) short names and kecamatan names from warta's gazetteer."""
    from warta.gazetteer import REGIONS_FILE, load_kecamatan, read_regions
    from warta.resources import data_path

    names = {r.short_name for r in read_regions(data_path(REGIONS_FILE))} | {k.name for k in load_kecamatan()}
    return sorted(tuple(n.split()) for n in names if n)


# --------------------------------------------------------------------------- corpus


def load_datasets(data_dir: str | Path, split: str) -> dict[str, list[Sentence]]:
    """Read ``<name>.<split>.tsv`` for every dataset present, harmonized to PER/ORG/LOC."""
    data_dir = Path(data_dir)
    out: dict[str, list[Sentence]] = {}
    for name in DATASETS:
        path = data_dir / f"{name}.{split}.tsv"
        if path.exists():
            out[name] = [harmonize_sentence(s) for s in read_conll(path)]
    return out


def build_train_sentences(
    data_dir: str | Path,
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    ugm_labels: str = "idner2k",
    repeat: dict[str, int] | None = None,
    case_augment: float = 0.0,
    case_augment_datasets: Sequence[str] = ("nerui", "idner2k", "nerugm", "nergrit"),
    glued_copy: bool = False,
    mention_swap: float = 0.0,
    seed: int = 0,
) -> tuple[list[tuple[str, Sentence]], dict[str, Any]]:
    """Merged, deduplicated training sentences as (dataset, sentence) pairs plus statistics.

    ``include`` names the datasets to use (``idner2k`` and ``nerugm`` denote the same
    sentences; ``ugm_labels`` picks whose labels: "idner2k" (default) or "nerugm").
    ``repeat`` upsamples a dataset (e.g. {"nerui": 2}); ``case_augment`` adds that
    fraction of the cased sentences again in UPPER, Title or lower case (chosen at random).
    ``glued_copy``: the first repeat of idner2k keeps idner2k's own tokens, where brackets
    and commas stick to words (``(PDIP),``) as in its dev and test files, so the model also
    sees such tokens; the other copies use the NER UGM tokenization.
    ``mention_swap`` adds that fraction of the cased sentences again with every entity replaced
    by another mention of its type from the same dataset (places also from the gazetteer).
    """
    rng = random.Random(seed)
    train = load_datasets(data_dir, "train")
    dev = load_datasets(data_dir, "dev")
    dev_keys = {sentence_key(_tokens(s)) for sents in dev.values() for s in sents}
    stats: dict[str, Any] = {"dropped_dev_overlap": {}, "dropped_duplicate": {}, "kept": {}}
    seen: set[str] = set()
    out: list[tuple[str, Sentence]] = []
    own_tokens: dict[str, Sentence] = {}

    def add(name: str, sents: Iterable[Sentence]) -> None:
        kept = dev_drop = dup = 0
        for s in sents:
            key = sentence_key(_tokens(s))
            if not key:
                continue
            if key in dev_keys:
                dev_drop += 1
                continue
            if key in seen:
                dup += 1
                continue
            seen.add(key)
            out.append((name, split_multiword_tokens(s)))
            kept += 1
        stats["dropped_dev_overlap"][name] = dev_drop
        stats["dropped_duplicate"][name] = dup
        stats["kept"][name] = kept

    if "nerui" in include:
        add("nerui", train["nerui"])
    if "idner2k" in include or "nerugm" in include:
        ugm_by_key = {sentence_key(_tokens(s)): s for s in train.get("nerugm", []) + dev.get("nerugm", [])}
        if ugm_labels == "idner2k":
            merged, transferred = [], 0
            for s in train.get("idner2k", []):
                own_tokens[sentence_key(_tokens(s))] = s
                target = ugm_by_key.get(sentence_key(_tokens(s)))
                moved = transfer_annotation(s, _tokens(target)) if target is not None else None
                if moved is not None:
                    transferred += 1
                merged.append(moved if moved is not None else s)
            stats["idner2k_transferred_to_ugm_tokens"] = transferred
            add("idner2k", merged)
        elif ugm_labels == "nerugm":
            add("nerugm", train.get("nerugm", []))
        else:
            raise ValueError(f"ugm_labels must be 'idner2k' or 'nerugm', not {ugm_labels!r}")
    if "nergrit" in include:
        add("nergrit", train["nergrit"])
    if "nerp" in include:
        add("nerp", train["nerp"])

    originals = [(d, s) for d, s in out if d in case_augment_datasets]
    for name, n in (repeat or {}).items():
        extra = [(d, s) for d, s in out if d == name]
        for i in range(max(0, n - 1)):
            if i == 0 and glued_copy and name == "idner2k":
                out.extend((d, own_tokens.get(sentence_key(_tokens(s)), s)) for d, s in extra)
            else:
                out.extend(extra)
    if case_augment > 0:
        base = [(d, s) for d, s in out if d in case_augment_datasets]
        picked = rng.sample(base, int(round(case_augment * len(base))))
        for d, s in picked:
            out.append((f"{d}+case", case_variant(s, rng.choice(("upper", "title", "lower")))))
    if mention_swap > 0:
        swap_rng = random.Random(seed + 1)
        places = gazetteer_place_names()
        pools: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        for d, s in originals:
            for typ, a, b in get_chunks(_tags(s)):
                pools.setdefault(d, {}).setdefault(typ, []).append(tuple(_tokens(s)[a:b]))
        with_entities = [(d, s) for d, s in originals if any(g != "O" for g in _tags(s))]
        for d, s in swap_rng.sample(with_entities, int(round(mention_swap * len(with_entities)))):
            dataset_pools = dict(pools.get(d, {}))
            if swap_rng.random() < 0.5:
                dataset_pools["LOC"] = places
            out.append((f"{d}+swap", swap_mentions(s, dataset_pools, swap_rng)))
    stats["total_sentences"] = len(out)
    stats["total_tokens"] = sum(len(s) for _, s in out)
    return out, stats


def sentence_to_doc(nlp_or_vocab: Any, sent: Sentence):
    """A spaCy Doc with the sentence's tokens and gold entities."""
    from spacy.tokens import Doc, Span

    vocab = getattr(nlp_or_vocab, "vocab", nlp_or_vocab)
    words = _tokens(sent)
    doc = Doc(vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
    doc.ents = [Span(doc, s, e, label=t) for t, s, e in get_chunks(_tags(sent))]
    return doc


def write_docbin(nlp: Any, sents: Iterable[Sentence], path: str | Path) -> int:
    """Write sentences as a DocBin; returns the number of docs."""
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=False)
    n = 0
    for s in sents:
        db.add(sentence_to_doc(nlp, s))
        n += 1
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def prepare_corpus(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    ugm_labels: str = "idner2k",
    repeat: dict[str, int] | None = DEFAULT_REPEAT,
    case_augment: float = DEFAULT_CASE_AUGMENT,
    glued_copy: bool = DEFAULT_GLUED_COPY,
    mention_swap: float = DEFAULT_MENTION_SWAP,
    selection_dev: Sequence[str] = SELECTION_DEV,
    seed: int = 0,
) -> dict[str, Any]:
    """Write ``train.spacy``, ``dev.spacy`` (checkpoint selection: NER UI + idner2k dev),
    ``dev_<dataset>.spacy`` for every dev split and ``corpus.json`` (statistics) to ``out_dir``.
    """
    import spacy

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("id")
    pairs, stats = build_train_sentences(
        data_dir, include=include, ugm_labels=ugm_labels, repeat=repeat,
        case_augment=case_augment, glued_copy=glued_copy, mention_swap=mention_swap, seed=seed,
    )
    rng = random.Random(seed)
    rng.shuffle(pairs)
    write_docbin(nlp, (s for _, s in pairs), out_dir / "train.spacy")
    dev = load_datasets(data_dir, "dev")
    for name, sents in dev.items():
        write_docbin(nlp, sents, out_dir / f"dev_{name}.spacy")
    write_docbin(nlp, (s for name in selection_dev for s in dev.get(name, [])), out_dir / "dev.spacy")
    stats.update(
        include=list(include), ugm_labels=ugm_labels, repeat=repeat or {}, case_augment=case_augment,
        glued_copy=glued_copy, mention_swap=mention_swap,
        selection_dev=list(selection_dev), seed=seed, data_dir=str(data_dir),
        per_source={src: sum(1 for d, _ in pairs if d == src) for src in sorted({d for d, _ in pairs})},
        entities={lab: sum(1 for _, s in pairs for c in get_chunks(_tags(s)) if c[0] == lab)
                  for lab in ("PER", "ORG", "LOC")},
    )
    (out_dir / "corpus.json").write_text(json.dumps(stats, indent=2, ensure_ascii=False) + "\n")
    return stats


# --------------------------------------------------------------------------- training


def write_pretraining_text(data_dir: str | Path, out_path: str | Path, *, ud_dir: str | Path | None = None,
                           include: Sequence[str] = DEFAULT_INCLUDE) -> int:
    """Raw text for :func:`pretrain_tok2vec` as JSONL ``{"text": ...}``: every deduplicated NER
    training sentence (dev-split sentences removed, no repeats or case copies) plus the
    ``# text`` lines of ``ud_dir/id_csui-ud-train.conllu`` that are not NER dev sentences.
    Returns the number of lines written."""
    pairs, _ = build_train_sentences(data_dir, include=include)
    texts = [" ".join(_tokens(s)) for _, s in pairs]
    ud_file = Path(ud_dir) / "id_csui-ud-train.conllu" if ud_dir is not None else None
    if ud_file is not None and ud_file.exists():
        dev_keys = {sentence_key(_tokens(s)) for sents in load_datasets(data_dir, "dev").values() for s in sents}
        for line in ud_file.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                text = line[len("# text = "):].strip()
                if sentence_key([text]) not in dev_keys:
                    texts.append(text)
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with out_path.open("w", encoding="utf-8") as f:
        for text in texts:
            f.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def pretrain_tok2vec(
    config_path: str | Path,
    text_path: str | Path,
    out_path: str | Path,
    *,
    epochs: int = 40,
    seed: int = 0,
    words_per_batch: int = 3000,
) -> Path:
    """Pretrain the ner's own tok2vec on raw text with spaCy's character objective (predict
    each word's first and last 4 characters from its context) and write its weights.

    ``spacy pretrain`` cannot be used as is: the ner's ``tok2vec`` ref also holds the
    parser's input projection, so the pretrainable part is its first layer. NumPy ops on
    one BLAS thread (deterministic; thinc's BLIS build is slow here)."""
    from spacy import util
    from spacy.ml.models.multi_task import create_pretrain_characters
    from spacy.training.pretrain import make_update
    from thinc.api import Adam, fix_random_seed, set_dropout_rate, use_ops
    from threadpoolctl import threadpool_limits

    fix_random_seed(seed)
    rng = random.Random(seed)
    with threadpool_limits(1, user_api="blas"), use_ops("numpy", use_blis=False):
        nlp = util.load_model_from_config(util.load_config(Path(config_path)).interpolate(), auto_fill=True)
        tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
        sample = [nlp.make_doc("Gubernur meninjau lokasi banjir di Medan .")]
        tok2vec.initialize(X=sample)
        model = create_pretrain_characters(maxout_pieces=3, hidden_size=300, n_characters=4)(nlp.vocab, tok2vec)
        model.initialize(X=sample)
        set_dropout_rate(model, 0.2)
        objective = model.attrs["loss"]
        optimizer = Adam(0.001, L2=0.01, grad_clip=1.0, use_averages=True, L2_is_weight_decay=True)
        with Path(text_path).open(encoding="utf-8") as f:
            docs = [nlp.make_doc(json.loads(line)["text"]) for line in f if line.strip()]
        docs = [d for d in docs if len(d) >= 5]
        for epoch in range(epochs):
            rng.shuffle(docs)
            batch: list = []
            words = 0
            loss = 0.0
            for doc in docs:
                batch.append(doc)
                words += len(doc)
                if words >= words_per_batch:
                    loss += make_update(model, batch, optimizer, objective)
                    batch, words = [], 0
            if batch:
                loss += make_update(model, batch, optimizer, objective)
            print(f"pretrain epoch {epoch + 1}/{epochs} loss {loss:.0f}", flush=True)
        out_path = Path(out_path)
        out_path.parent.mkdir(parents=True, exist_ok=True)
        with tok2vec.use_params(optimizer.averages):
            out_path.write_bytes(tok2vec.to_bytes())
    return out_path


def load_ner_tok2vec(path: str | None):
    """``[initialize.after_init]`` callback: copy pretrained weights (``warta.training
    pretrain``) into the ner's own tok2vec, the embedding + encoder part of its ``tok2vec`` ref."""
    def load(nlp: Any) -> Any:
        if path:
            layer = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
            layer.from_bytes(Path(path).read_bytes())
        return nlp

    return load


def _register_callbacks() -> None:
    from spacy.util import registry

    from warta.gazetteer_features import register

    if "warta.load_ner_tok2vec.v1" not in registry.callbacks:
        registry.callbacks.register("warta.load_ner_tok2vec.v1", func=load_ner_tok2vec)
    register()  # warta.GazetteerHashEmbed.v1 with its typed signature (import warta registers a shim)


def train_ner(
    config_path: str | Path,
    output_dir: str | Path,
    *,
    corpus_dir: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    use_gpu: int = -1,
    blas: str = "blis",
) -> Path:
    """Train with spaCy's loop; returns ``output_dir/model-best``.

    ``corpus_dir`` (from :func:`prepare_corpus`) sets ``paths.train``/``paths.dev``.
    Seeds come from the config (``[system] seed``); spaCy fixes them before init.
    ``blas``: "blis" (thinc's default; rebuilds the shipped model byte for byte) or "openblas"
    (numpy's OpenBLAS on one thread: faster here, the same recipe with different
    rounding, so a different model of the same quality; see models/NER_EXPERIMENTS.md).
    """
    if blas not in ("blis", "openblas"):
        raise ValueError(f"blas must be 'blis' or 'openblas', not {blas!r}")
    from spacy.cli.train import train

    _register_callbacks()
    ov = dict(overrides or {})
    if corpus_dir is not None:
        ov.setdefault("paths.train", str(Path(corpus_dir) / "train.spacy"))
        ov.setdefault("paths.dev", str(Path(corpus_dir) / "dev.spacy"))
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    if use_gpu >= 0 or blas == "blis":
        train(Path(config_path), output_dir, use_gpu=use_gpu, overrides=ov)
        return output_dir / "model-best"
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    # One BLAS thread keeps the floating-point sums, and so the model, the same on any machine.
    with threadpool_limits(1, user_api="blas"), use_ops("numpy", use_blis=False):
        train(Path(config_path), output_dir, use_gpu=use_gpu, overrides=ov)
    return output_dir / "model-best"


def build_ner(
    data_dir: str | Path,
    work_dir: str | Path,
    *,
    config_path: str | Path = DEFAULT_CONFIG,
    blas: str = "blis",
    **prepare_kwargs: Any,
) -> Path:
    """Prepare the corpus under ``work_dir/corpus`` and train into ``work_dir``; returns model-best."""
    work_dir = Path(work_dir)
    prepare_corpus(data_dir, work_dir / "corpus", **prepare_kwargs)
    return train_ner(config_path, work_dir, corpus_dir=work_dir / "corpus", blas=blas)


# --------------------------------------------------------------------------- tagging / evaluation


def tag_sentences(nlp: Any, sents: Sequence[Sentence], *, batch_size: int = 256) -> list[Sentence]:
    """Tag pre-tokenized sentences with ``nlp``'s entity recognizer(s); returns BIO sentences.

    The gold tokenization is kept (one Doc word per CoNLL token); only the pipeline's
    components run, not its tokenizer. Entity labels are returned as the model writes them.
    """
    from spacy.tokens import Doc

    docs = (
        Doc(nlp.vocab, words=_tokens(s), spaces=[True] * (len(s) - 1) + [False]) for s in sents
    )
    out: list[Sentence] = []
    for sent, doc in zip(sents, nlp.pipe(docs, batch_size=batch_size)):
        tags = chunks_to_tags(len(doc), ((e.label_, e.start, e.end) for e in doc.ents))
        out.append(list(zip(_tokens(sent), tags)))
    return out


def evaluate_model(nlp: Any, conll_path: str | Path) -> dict:
    """Tag a CoNLL file with ``nlp`` and score it (entity level, PER/ORG/LOC)."""
    gold = read_conll(conll_path)
    return evaluate_conll(gold, tag_sentences(nlp, gold))


def evaluate_dev_splits(nlp: Any, data_dir: str | Path, names: Sequence[str] = DATASETS) -> dict[str, dict]:
    """Score ``nlp`` on every ``<name>.dev.tsv`` found in ``data_dir``."""
    res = {}
    for name in names:
        path = Path(data_dir) / f"{name}.dev.tsv"
        if path.exists():
            res[name] = evaluate_model(nlp, path)
    return res


def measure_speed(
    nlp: Any, sents: Sequence[Sentence], *, repeats: int = 3, batch_size: int = 256, cpu: bool = False
) -> float:
    """Tokens per second of ``nlp``'s components on pre-tokenized sentences (best of ``repeats``).

    With ``cpu`` the process CPU time is used instead of wall-clock time, which is less
    disturbed by other processes on a shared machine (but counts every thread).
    """
    from spacy.tokens import Doc

    clock = time.process_time if cpu else time.perf_counter
    words = [_tokens(s) for s in sents]
    n_tokens = sum(len(w) for w in words)
    best = 0.0
    for _ in range(repeats):
        docs = [Doc(nlp.vocab, words=w) for w in words]
        t0 = clock()
        for _doc in nlp.pipe(docs, batch_size=batch_size):
            pass
        best = max(best, n_tokens / max(clock() - t0, 1e-9))
    return best


def model_size_bytes(path: str | Path) -> int:
    """Total size of the files under ``path``."""
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


# --------------------------------------------------------------------------- command line


def _parse_repeat(items: Sequence[str]) -> dict[str, int]:
    out = {}
    for item in items:
        name, _, n = item.partition("=")
        out[name] = int(n or 2)
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m warta.training prepare|train|evaluate ...`` (a stand-in until ``warta train``)."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m warta.training")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare", help="write DocBins from the shared corpora")
    p.add_argument("data_dir")
    p.add_argument("out_dir")
    p.add_argument("--include", default=",".join(DEFAULT_INCLUDE))
    p.add_argument("--ugm-labels", default="idner2k", choices=("idner2k", "nerugm"))
    p.add_argument("--repeat", nargs="*", default=[f"{k}={v}" for k, v in DEFAULT_REPEAT.items()],
                   help="dataset=N upsampling (default: nerui=3 idner2k=2; give none to disable)")
    p.add_argument("--case-augment", type=float, default=DEFAULT_CASE_AUGMENT)
    p.add_argument("--glued-copy", action=argparse.BooleanOptionalAction, default=DEFAULT_GLUED_COPY,
                   help="one idner2k repeat keeps its own tokens, punctuation glued to words")
    p.add_argument("--mention-swap", type=float, default=DEFAULT_MENTION_SWAP,
                   help="fraction of cased sentences added again with entities swapped for other mentions")
    p.add_argument("--seed", type=int, default=0)
    t = sub.add_parser("train", help="train with a spaCy config")
    t.add_argument("config")
    t.add_argument("output_dir")
    t.add_argument("--corpus", required=True)
    t.add_argument("--set", nargs="*", default=[], help="config overrides section.key=value")
    t.add_argument("--blas", default="blis", choices=("blis", "openblas"),
                   help="blis rebuilds the shipped model exactly; openblas trains faster here")
    r = sub.add_parser("pretrain", help="pretrain the ner's tok2vec on the training text (not in the recipe: no gain)")
    r.add_argument("config")
    r.add_argument("data_dir", help="the NER corpora")
    r.add_argument("out", help="weights file; use it with --set paths.ner_tok2vec=OUT and [initialize.after_init]")
    r.add_argument("--ud-dir", default=None, help="UD treebanks: adds id_csui-ud-train's sentences")
    r.add_argument("--epochs", type=int, default=40)
    e = sub.add_parser("evaluate", help="score a pipeline on the dev splits")
    e.add_argument("model")
    e.add_argument("data_dir")
    e.add_argument("--json", default=None, help="also write the scores here")
    args = ap.parse_args(argv)

    if args.cmd == "prepare":
        stats = prepare_corpus(
            args.data_dir, args.out_dir, include=[x for x in args.include.split(",") if x],
            ugm_labels=args.ugm_labels, repeat=_parse_repeat(args.repeat),
            case_augment=args.case_augment, glued_copy=args.glued_copy, mention_swap=args.mention_swap, seed=args.seed,
        )
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    elif args.cmd == "train":
        from confection import try_load_json  # noqa: F401  (spaCy dependency)

        overrides = {}
        for item in args.set:
            key, _, value = item.partition("=")
            overrides[key] = try_load_json(value)
        print(train_ner(args.config, args.output_dir, corpus_dir=args.corpus, overrides=overrides, blas=args.blas))
    elif args.cmd == "pretrain":
        text = Path(args.out).with_suffix(".text.jsonl")
        print(f"{write_pretraining_text(args.data_dir, text, ud_dir=args.ud_dir)} sentences in {text}")
        print(pretrain_tok2vec(args.config, text, args.out, epochs=args.epochs))
    elif args.cmd == "evaluate":
        import spacy

        from warta.conll import format_report

        nlp = spacy.load(args.model)
        res = evaluate_dev_splits(nlp, args.data_dir)
        for name, r in res.items():
            print(format_report(r, title=f"== {name}.dev"))
        dev_sents = [s for name in DATASETS for s in read_conll(Path(args.data_dir) / f"{name}.dev.tsv")]
        speed = measure_speed(nlp, dev_sents)
        speed_cpu = measure_speed(nlp, dev_sents, cpu=True)
        size = model_size_bytes(args.model)
        print(f"speed {speed:,.0f} tokens/s wall, {speed_cpu:,.0f} tokens/CPU-s  size {size / 1e6:.1f} MB")
        print("summary " + "  ".join(f"{n} {100 * r['f1']:.2f}" for n, r in res.items()))
        if args.json:
            Path(args.json).write_text(json.dumps(
                {"scores": res, "tokens_per_s": speed, "tokens_per_cpu_s": speed_cpu, "size_bytes": size}, indent=2) + "\n")


if __name__ == "__main__":
    main()
