"""Train warta's compact Stanza models for Indonesian, offline, with Stanza's own trainers.

No Stanza Indonesian model can be downloaded where warta is built, so this module trains them
from the shared data (``../shared/data`` next to the repository, or ``--data-dir``):

* ``tokenize``, ``mwt``, ``pos`` (UPOS, XPOS, UFeats), ``lemma`` and ``depparse`` on
  UD Indonesian-CSUI train (every 10th sentence held out as the dev set for early stopping);
* ``ner`` on the shared NER corpora, merged, harmonized to PER/ORG/LOC and deduplicated
  against every dev split exactly as for the spaCy model (:func:`warta.training.build_train_sentences`),
  with NER UI + idner-news-2k dev for checkpoint selection;
* ``pretrain``: the word vectors the POS, depparse and NER trainers need. No pretrained vectors
  can be downloaded, so small word2vec vectors (gensim) are trained on the lower-cased *training*
  text (CSUI train + the NER train splits) and converted to Stanza's ``.pt`` pretrain format.

Each trainer is run as ``python -m stanza.models.<trainer> --mode train ...`` with one thread;
the final models land in ``models/stanza/id/<processor>/warta.pt`` together with a
``resources.json`` so that ``stanza.Pipeline("id", dir="models/stanza", package="warta",
download_method=None)`` finds them. :func:`evaluate` scores the finished pipeline end to end
(raw text in) on CSUI test and GSD dev with the CoNLL 2018 shared task scorer, and the NER
on every shared NER dev split.

    python scripts/train_stanza.py all            # prepare, vectors, train every model, evaluate
    python scripts/train_stanza.py train pos      # one step
    python scripts/train_stanza.py evaluate
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Optional

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUTPUT = REPO_ROOT / "models" / "stanza"
DEFAULT_WORK = REPO_ROOT / "training" / "stanza"
LANG = "id"
PACKAGE = "warta"
SHORTHAND = "id_csui"
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
STEPS = ("prepare", "vectors", "tokenize", "mwt", "pos", "lemma", "depparse", "ner", "install", "evaluate")
SEED = 1234

# Compact hyper-parameters: small hidden sizes so the committed models stay a few MB each, and step
# budgets that train on one CPU thread in minutes. Anything here can be overridden from the command line
# with ``--extra <step> "--flag value"``.
HYPER: dict[str, list[str]] = {
    "tokenize": ["--emb_dim", "32", "--hidden_dim", "64", "--steps", "4000", "--eval_steps", "250",
                 "--max_steps_before_stop", "1500", "--batch_size", "32"],
    "mwt": ["--hidden_dim", "64", "--emb_dim", "32", "--num_epoch", "30", "--batch_size", "32"],
    "pos": ["--hidden_dim", "128", "--char_hidden_dim", "128", "--deep_biaff_hidden_dim", "128",
            "--composite_deep_biaff_hidden_dim", "64", "--word_emb_dim", "50", "--char_emb_dim", "50",
            "--tag_emb_dim", "32", "--transformed_dim", "64", "--max_steps", "1100", "--eval_interval", "100",
            "--max_steps_before_stop", "600", "--batch_size", "32"],
    "lemma": ["--hidden_dim", "64", "--emb_dim", "32", "--pos_dim", "32", "--num_epoch", "8",
              "--decay_epoch", "5", "--batch_size", "200"],
    "depparse": ["--hidden_dim", "160", "--char_hidden_dim", "96", "--deep_biaff_hidden_dim", "160",
                 "--deep_biaff_output_dim", "64", "--word_emb_dim", "50", "--char_emb_dim", "50",
                 "--tag_emb_dim", "32", "--transformed_dim", "64", "--num_layers", "2",
                 "--max_steps", "1000", "--eval_interval", "100", "--max_steps_before_stop", "500",
                 "--second_optim_start_step", "700", "--batch_size", "1000", "--no_checkpoint"],
    "ner": ["--hidden_dim", "128", "--char_hidden_dim", "64", "--word_emb_dim", "50", "--char_emb_dim", "40",
            "--max_steps", "2500", "--eval_interval", "250", "--max_steps_no_improve", "1000",
            "--batch_size", "32", "--scheme", "bioes"],
}
VECTORS = {"vector_size": 50, "window": 5, "min_count": 2, "epochs": 10, "sg": 1, "max_vocab": 40000}


# --------------------------------------------------------------------------- paths


def default_data_dir() -> Path:
    """The shared data: ``$WARTA_DATA_DIR`` or ``../shared/data`` next to the repository."""
    env = os.environ.get("WARTA_DATA_DIR")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


class Paths:
    def __init__(self, work_dir: Path, data_dir: Path, output_dir: Path):
        self.work = Path(work_dir)
        self.data = Path(data_dir)
        self.output = Path(output_dir)
        self.ud = self.data / "ud"
        self.ner_data = self.data / "ner"
        self.prep = self.work / "data"
        self.saved = self.work / "saved"
        self.logs = self.work / "logs"
        self.eval = self.work / "eval"

    def ud_file(self, name: str) -> Path:
        return self.ud / f"{name}.conllu"

    def prep_file(self, name: str) -> Path:
        return self.prep / name

    def saved_model(self, processor: str) -> Path:
        return self.saved / f"{processor}.pt"

    def pretrain(self) -> Path:
        return self.saved / "pretrain.pt"

    def installed(self, processor: str) -> Path:
        return self.output / LANG / processor / f"{PACKAGE}.pt"


# --------------------------------------------------------------------------- CoNLL-U helpers


def read_conllu_blocks(path: Path) -> list[list[str]]:
    """Sentences of a CoNLL-U file as lists of lines (comments included)."""
    blocks, cur = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                blocks.append(cur)
                cur = []
            continue
        cur.append(line)
    if cur:
        blocks.append(cur)
    return blocks


def block_text(block: list[str]) -> str:
    """The ``# text`` of a sentence, or its tokens joined by SpaceAfter."""
    for line in block:
        if line.startswith("# text = "):
            return line[len("# text = "):]
    out = []
    skip_until = 0
    for line in block:
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue
        if "-" in cols[0]:
            a, b = cols[0].split("-")
            skip_until = int(b)
        elif int(cols[0]) <= skip_until:
            continue
        out.append(cols[1] + ("" if "SpaceAfter=No" in cols[9] else " "))
    return "".join(out).strip()


def write_conllu(blocks: Sequence[list[str]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\n".join(b) + "\n\n" for b in blocks), encoding="utf-8")


def paragraphs(blocks: Sequence[list[str]], size: int = 5) -> list[str]:
    """Raw text: sentences joined by a space, ``size`` sentences per paragraph (blank line between)."""
    texts = [block_text(b) for b in blocks]
    return [" ".join(texts[i : i + size]) for i in range(0, len(texts), size)]


def raw_text(blocks: Sequence[list[str]], size: int = 5) -> str:
    return "\n\n".join(paragraphs(blocks, size)) + "\n"


# --------------------------------------------------------------------------- steps


def _run(cmd: list[str], log: Path) -> None:
    """Run a Stanza trainer with one thread, logging to ``log``; raise on failure."""
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
    log.parent.mkdir(parents=True, exist_ok=True)
    print("$", " ".join(cmd), flush=True)
    t0 = time.time()
    with open(log, "w", encoding="utf-8") as fh:
        fh.write("$ " + " ".join(cmd) + "\n")
        fh.flush()
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=str(log.parent))
    took = time.time() - t0
    with open(log, "a", encoding="utf-8") as fh:
        fh.write(f"\n# exit {proc.returncode} after {took:.0f}s\n")
    if proc.returncode != 0:
        tail = "".join(log.read_text(encoding="utf-8").splitlines(keepends=True)[-30:])
        raise RuntimeError(f"{cmd[2]} failed (exit {proc.returncode}); see {log}:\n{tail}")
    print(f"  done in {took:.0f}s (log: {log})", flush=True)


def prepare(paths: Paths, *, dev_every: int = 10) -> dict[str, Any]:
    """Split CSUI train into train/dev, write CoNLL-U, raw text, tokenizer labels and NER JSON."""
    from stanza.utils.datasets import prepare_tokenizer_data

    paths.prep.mkdir(parents=True, exist_ok=True)
    blocks = read_conllu_blocks(paths.ud_file("id_csui-ud-train"))
    dev = [b for i, b in enumerate(blocks) if i % dev_every == dev_every - 1]
    train = [b for i, b in enumerate(blocks) if i % dev_every != dev_every - 1]
    stats: dict[str, Any] = {"ud_train_sentences": len(train), "ud_dev_sentences": len(dev)}
    for name, part in (("train", train), ("dev", dev)):
        conllu = paths.prep_file(f"{SHORTHAND}.{name}.conllu")
        txt = paths.prep_file(f"{SHORTHAND}.{name}.txt")
        write_conllu(part, conllu)
        txt.write_text(raw_text(part), encoding="utf-8")
        prepare_tokenizer_data.main([
            str(txt), str(conllu),
            "-o", str(paths.prep_file(f"{SHORTHAND}-ud-{name}.toklabels")),
            "-m", str(paths.prep_file(f"{SHORTHAND}-ud-{name}-mwt.json")),
        ])
    for gold in ("id_csui-ud-test", "id_gsd-ud-dev"):
        blocks_g = read_conllu_blocks(paths.ud_file(gold))
        paths.prep_file(f"{gold}.txt").write_text(raw_text(blocks_g), encoding="utf-8")
        stats[f"{gold}_sentences"] = len(blocks_g)
    stats.update(prepare_ner(paths))
    (paths.prep / "stats.json").write_text(json.dumps(stats, indent=2) + "\n")
    return stats


def prepare_ner(paths: Paths) -> dict[str, Any]:
    """NER train/dev JSON in Stanza's format from the merged, harmonized shared corpora."""
    from warta.conll import harmonize_sentence, read_conll
    from warta.training import SELECTION_DEV, build_train_sentences

    pairs, stats = build_train_sentences(paths.ner_data)
    rng = random.Random(0)
    rng.shuffle(pairs)

    def to_json(sents):
        return [[{"text": tok, "ner": tag} for tok, tag in s] for s in sents]

    train = [s for _, s in pairs]
    dev = []
    for name in SELECTION_DEV:
        dev.extend(harmonize_sentence(s) for s in read_conll(paths.ner_data / f"{name}.dev.tsv"))
    paths.prep_file("ner.train.json").write_text(json.dumps(to_json(train), ensure_ascii=False))
    paths.prep_file("ner.dev.json").write_text(json.dumps(to_json(dev), ensure_ascii=False))
    return {"ner_train_sentences": len(train), "ner_dev_sentences": len(dev), "ner_corpus": stats}


def vector_corpus(paths: Paths) -> list[list[str]]:
    """Lower-cased training sentences for the word vectors: CSUI train + every NER train split."""
    from warta.conll import read_conll

    sents: list[list[str]] = []
    for block in read_conllu_blocks(paths.ud_file("id_csui-ud-train")):
        words = [ln.split("\t")[1] for ln in block if not ln.startswith("#") and ln.split("\t")[0].isdigit()]
        sents.append([w.lower() for w in words])
    for tsv in sorted(paths.ner_data.glob("*.train.tsv")):
        for s in read_conll(tsv):
            sents.append([w.lower() for tok, _ in s for w in tok.split()])
    return sents


def build_vectors(paths: Paths, **options: Any) -> dict[str, Any]:
    """Train word2vec vectors and convert them to Stanza's pretrain ``.pt``."""
    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    opts = dict(VECTORS, **options)
    max_vocab = opts.pop("max_vocab")
    sents = vector_corpus(paths)
    model = Word2Vec(sentences=sents, workers=1, seed=SEED, **opts)
    words = model.wv.index_to_key[:max_vocab]
    paths.saved.mkdir(parents=True, exist_ok=True)
    vec = paths.saved / "pretrain.vec"
    with open(vec, "w", encoding="utf-8") as fh:
        fh.write(f"{len(words)} {model.vector_size}\n")
        for w in words:
            fh.write(w + " " + " ".join(f"{x:.5f}" for x in model.wv[w]) + "\n")
    if paths.pretrain().exists():
        paths.pretrain().unlink()
    pt = Pretrain(str(paths.pretrain()), str(vec))
    pt.load()
    return {"sentences": len(sents), "tokens": sum(map(len, sents)), "vocab": len(words), **opts, "max_vocab": max_vocab}


def _trainer(module: str) -> list[str]:
    return [sys.executable, "-m", f"stanza.models.{module}"]


def train_step(paths: Paths, step: str, extra: Sequence[str] = ()) -> Path:
    """Train one processor with Stanza's trainer; returns the saved model path."""
    p = paths.prep_file
    saved = paths.saved
    saved.mkdir(parents=True, exist_ok=True)
    out = paths.eval / f"dev.{step}.pred"
    out.parent.mkdir(parents=True, exist_ok=True)
    common = ["--save_dir", str(saved), "--save_name", f"{step}.pt", "--seed", str(SEED)]
    pretrain = ["--wordvec_pretrain_file", str(paths.pretrain())]
    train_c, dev_c = str(p(f"{SHORTHAND}.train.conllu")), str(p(f"{SHORTHAND}.dev.conllu"))
    if step == "tokenize":
        cmd = _trainer("tokenizer") + [
            "--mode", "train", "--lang", LANG, "--shorthand", SHORTHAND,
            "--txt_file", str(p(f"{SHORTHAND}.train.txt")),
            "--label_file", str(p(f"{SHORTHAND}-ud-train.toklabels")),
            "--mwt_json_file", str(p(f"{SHORTHAND}-ud-dev-mwt.json")),
            "--dev_txt_file", str(p(f"{SHORTHAND}.dev.txt")),
            "--dev_label_file", str(p(f"{SHORTHAND}-ud-dev.toklabels")),
            "--dev_conll_gold", dev_c, "--conll_file", str(out) + ".conllu", "--use_mwt",
        ]
    elif step == "mwt":
        cmd = _trainer("mwt_expander") + [
            "--mode", "train", "--lang", LANG, "--shorthand", SHORTHAND, "--train_file", train_c,
            "--eval_file", dev_c, "--output_file", str(out) + ".conllu", "--gold_file", dev_c,
        ]
    elif step == "pos":
        cmd = _trainer("tagger") + [
            "--mode", "train", "--lang", LANG, "--shorthand", SHORTHAND, "--train_file", train_c,
            "--eval_file", dev_c, "--output_file", str(out) + ".conllu", *pretrain,
        ]
    elif step == "lemma":
        cmd = _trainer("lemmatizer") + [
            "--mode", "train", "--shorthand", SHORTHAND, "--train_file", train_c,
            "--eval_file", dev_c, "--output_file", str(out) + ".conllu",
        ]
    elif step == "depparse":
        cmd = _trainer("parser") + [
            "--mode", "train", "--lang", LANG, "--shorthand", SHORTHAND, "--train_file", train_c,
            "--eval_file", dev_c, "--output_file", str(out) + ".conllu", *pretrain,
        ]
    elif step == "ner":
        cmd = _trainer("ner_tagger") + [
            "--mode", "train", "--shorthand", "id_warta", "--train_file", str(p("ner.train.json")),
            "--eval_file", str(p("ner.dev.json")), *pretrain,
        ]
    else:
        raise ValueError(f"unknown training step {step!r}")
    cmd += common + HYPER[step] + list(extra)
    _run(cmd, paths.logs / f"{step}.log")
    model = saved / f"{step}.pt"
    if not model.exists():
        raise RuntimeError(f"{step}: trainer finished but {model} was not written")
    return model


def resources_json() -> dict[str, Any]:
    """The ``resources.json`` Stanza reads with ``download_method=None``: one package, ``warta``."""
    dep = [{"model": "pretrain", "package": PACKAGE}]
    lang: dict[str, Any] = {"lang_name": "Indonesian", "pretrain": {PACKAGE: {}}}
    for proc in PROCESSORS:
        lang[proc] = {PACKAGE: ({"dependencies": dep} if proc in ("pos", "depparse", "ner") else {})}
    lang["default_processors"] = {proc: PACKAGE for proc in PROCESSORS}
    lang["default_dependencies"] = {}
    lang["packages"] = {PACKAGE: {proc: PACKAGE for proc in PROCESSORS}}
    return {LANG: lang}


def _halve_checkpoint(src: Path, dst: Path) -> None:
    """Save a Stanza model with its weights in float16 (half the size on disk).

    Stanza builds each model in float32 and copies the saved weights in with ``load_state_dict``,
    which casts them back, so the stored precision is the only change. Pretrain vectors are used
    as stored and therefore are kept in float32.
    """
    import torch

    data = torch.load(src, map_location="cpu", weights_only=False)

    def half(obj):
        if isinstance(obj, torch.Tensor) and obj.is_floating_point():
            return obj.to(torch.float16)
        if isinstance(obj, dict):
            return {k: half(v) for k, v in obj.items()}
        return obj

    for key in ("model",):
        if key in data:
            data[key] = half(data[key])
    torch.save(data, dst, _use_new_zipfile_serialization=False)


def install(paths: Paths, *, half: bool = True) -> dict[str, int]:
    """Copy the trained models to ``output/id/<processor>/warta.pt``; write ``resources.json``.

    With ``half`` the model weights are stored in float16 (see :func:`_halve_checkpoint`).
    """
    sizes = {}
    for proc in PROCESSORS + ("pretrain",):
        src = paths.pretrain() if proc == "pretrain" else paths.saved_model(proc)
        if not src.exists():
            print(f"  skip {proc}: {src} not trained", flush=True)
            continue
        dst = paths.installed(proc)
        dst.parent.mkdir(parents=True, exist_ok=True)
        if half and proc != "pretrain":
            _halve_checkpoint(src, dst)
        else:
            shutil.copyfile(src, dst)
        sizes[proc] = dst.stat().st_size
    (paths.output / "resources.json").write_text(json.dumps(resources_json(), indent=2) + "\n")
    return sizes


# --------------------------------------------------------------------------- evaluation


def ud_scores(gold: Path, system: Path) -> dict[str, float]:
    """CoNLL 2018 shared task F1 (percent) for the metrics warta cares about."""
    from stanza.models.common.utils import ud_scores as _ud_scores

    ev = _ud_scores(str(gold), str(system))
    return {m: round(100 * ev[m].f1, 2) for m in ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")}


def evaluate_ud(paths: Paths, nlp: Any = None) -> dict[str, dict[str, float]]:
    """Run the installed pipeline on the raw text of CSUI test and GSD dev; score end to end."""
    import stanza
    from stanza.utils.conll import CoNLL

    if nlp is None:
        nlp = stanza.Pipeline(LANG, dir=str(paths.output), package=PACKAGE, processors="tokenize,mwt,pos,lemma,depparse",
                              download_method=None, use_gpu=False, logging_level="WARN")
    results = {}
    paths.eval.mkdir(parents=True, exist_ok=True)
    for gold in ("id_csui-ud-test", "id_gsd-ud-dev"):
        text = paths.prep_file(f"{gold}.txt").read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = nlp(text)
        took = time.perf_counter() - t0
        system = paths.eval / f"{gold}.stanza.conllu"
        CoNLL.write_doc2conll(doc, str(system))
        scores = ud_scores(paths.ud_file(gold), system)
        scores["tokens_per_s"] = round(doc.num_tokens / took, 1)
        results[gold] = scores
    return results


def evaluate_ner(paths: Paths, model: Optional[Path] = None) -> dict[str, Any]:
    """Stanza NER on every shared NER dev split with the gold tokenization (PER/ORG/LOC F1)."""
    import stanza

    from warta.conll import evaluate_conll, read_conll
    from warta.training import DATASETS, chunks_to_tags

    model = model or paths.installed("ner")
    nlp = stanza.Pipeline(LANG, dir=str(paths.output), processors="tokenize,ner", package=PACKAGE,
                          tokenize_pretokenized=True, ner_model_path=str(model),
                          ner_pretrain_path=str(paths.installed("pretrain")),
                          download_method=None, use_gpu=False, logging_level="WARN")
    out: dict[str, Any] = {}
    total_tokens, total_time = 0, 0.0
    for name in DATASETS:
        path = paths.ner_data / f"{name}.dev.tsv"
        if not path.exists():
            continue
        gold = read_conll(path)
        words = [[t.replace(" ", "_") or "_" for t, _ in s] for s in gold]
        t0 = time.perf_counter()
        doc = nlp(words)
        total_time += time.perf_counter() - t0
        total_tokens += sum(map(len, words))
        pred = []
        for sent, ssent in zip(gold, doc.sentences):
            index = {tok.start_char: i for i, tok in enumerate(ssent.tokens)}
            ends = {tok.end_char: i for i, tok in enumerate(ssent.tokens)}
            chunks = [(e.type, index[e.start_char], ends[e.end_char] + 1) for e in ssent.ents
                      if e.start_char in index and e.end_char in ends]
            pred.append(list(zip([t for t, _ in sent], chunks_to_tags(len(sent), chunks))))
        res = evaluate_conll(gold, pred)
        out[name] = {"f1": round(100 * res["f1"], 2), "precision": round(100 * res["precision"], 2),
                     "recall": round(100 * res["recall"], 2),
                     "per_type": {t: round(100 * s["f1"], 2) for t, s in res["per_type"].items()}}
    out["tokens_per_s"] = round(total_tokens / total_time, 1) if total_time else None
    return out


def evaluate_spacy_ner(paths: Paths) -> dict[str, Any]:
    """warta's shipped spaCy NER (``ner`` + its ``tok2vec`` only) on the same dev splits, for comparison."""
    import warta
    from warta.pipeline import WARTA_COMPONENTS
    from warta.training import evaluate_dev_splits, read_conll

    nlp = warta.load(exclude=["sentencizer", *WARTA_COMPONENTS])
    t0 = time.perf_counter()
    res = evaluate_dev_splits(nlp, paths.ner_data)
    took = time.perf_counter() - t0
    n_tokens = sum(len(s) for name in res for s in read_conll(paths.ner_data / f"{name}.dev.tsv"))
    out: dict[str, Any] = {
        name: {"f1": round(100 * r["f1"], 2), "precision": round(100 * r["precision"], 2),
               "recall": round(100 * r["recall"], 2),
               "per_type": {t: round(100 * v["f1"], 2) for t, v in r["per_type"].items()}}
        for name, r in res.items()
    }
    out["tokens_per_s"] = round(n_tokens / took, 1)
    out["model"] = f"{nlp.meta.get('name')} {nlp.meta.get('version')}"
    return out


def evaluate(paths: Paths) -> dict[str, Any]:
    results: dict[str, Any] = {"ud": evaluate_ud(paths)}
    if paths.installed("ner").exists():
        results["ner_dev"] = evaluate_ner(paths)
    try:
        results["ner_dev_spacy"] = evaluate_spacy_ner(paths)
    except Exception as e:  # the spaCy model is optional for this comparison
        results["ner_dev_spacy"] = {"error": f"{type(e).__name__}: {e}"}
    results["sizes_bytes"] = {p.relative_to(paths.output).as_posix(): p.stat().st_size
                              for p in sorted(paths.output.rglob("*.pt"))}
    results["total_bytes"] = sum(results["sizes_bytes"].values())
    (paths.output / "scores.json").write_text(json.dumps(results, indent=2) + "\n")
    return results


# --------------------------------------------------------------------------- driver


def run(steps: Sequence[str], *, work_dir: Path = DEFAULT_WORK, data_dir: Optional[Path] = None,
        output_dir: Path = DEFAULT_OUTPUT, extra: Optional[dict[str, list[str]]] = None) -> dict[str, Any]:
    """Run the named steps in order (``all`` = every step)."""
    import torch

    torch.set_num_threads(1)
    paths = Paths(work_dir, data_dir or default_data_dir(), output_dir)
    if not paths.ud.exists():
        raise FileNotFoundError(f"UD data not found at {paths.ud}; pass --data-dir (the shared data folder)")
    todo = list(STEPS) if "all" in steps else list(steps)
    report: dict[str, Any] = {}
    for step in STEPS:
        if step not in todo:
            continue
        t0 = time.time()
        print(f"== {step}", flush=True)
        if step == "prepare":
            report[step] = prepare(paths)
        elif step == "vectors":
            report[step] = build_vectors(paths)
        elif step == "install":
            report[step] = install(paths)
        elif step == "evaluate":
            report[step] = evaluate(paths)
        else:
            report[step] = str(train_step(paths, step, (extra or {}).get(step, [])))
        print(json.dumps(report[step], indent=2) if not isinstance(report[step], str) else report[step], flush=True)
        print(f"   {step}: {time.time() - t0:.0f}s", flush=True)
    return report


def main(argv: Optional[Sequence[str]] = None) -> None:
    import argparse
    import shlex

    ap = argparse.ArgumentParser(
        prog="train_stanza",
        description="Train warta's Stanza models (tokenize, mwt, pos, lemma, depparse, ner) offline.",
    )
    ap.add_argument("steps", nargs="*", default=["all"],
                    help=f"steps to run, in this order: {', '.join(STEPS)}; or 'all' (default)")
    ap.add_argument("--data-dir", type=Path, default=None, help="shared data folder (with ud/ and ner/)")
    ap.add_argument("--work-dir", type=Path, default=DEFAULT_WORK, help="scratch folder for data and checkpoints")
    ap.add_argument("--output-dir", type=Path, default=DEFAULT_OUTPUT, help="where the finished models go")
    ap.add_argument("--extra", nargs=2, action="append", default=[], metavar=("STEP", "ARGS"),
                    help='extra trainer arguments for one step, e.g. --extra ner "--max_steps 2000"')
    args = ap.parse_args(argv)
    unknown = [s for s in args.steps if s not in STEPS and s != "all"]
    if unknown:
        ap.error(f"unknown step(s) {unknown}; choose from {STEPS}")
    extra: dict[str, list[str]] = {}
    for step, more in args.extra:
        extra.setdefault(step, []).extend(shlex.split(more))
    run(args.steps, work_dir=args.work_dir, data_dir=args.data_dir, output_dir=args.output_dir, extra=extra)


if __name__ == "__main__":
    main()
