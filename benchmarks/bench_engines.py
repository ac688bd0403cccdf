#!/usr/bin/env python
"""Compare warta's two engines on the same texts: speed, peak memory, tokenization and sentences.

    OMP_NUM_THREADS=1 python benchmarks/bench_engines.py                 # both engines
    python benchmarks/bench_engines.py --engines stanza --json bench.json

Each engine runs in its own child process (so peak RSS is its own), with one torch/BLAS thread:

* speed: the full warta pipeline (analysis + NER + rule components) over the texts in
  ``corpus/articles`` (or ``--texts DIR``), after one warm-up document; tokens/s counts
  non-whitespace tokens, and the same texts go to both engines;
* peak RSS: ``ru_maxrss`` of the child after loading and running everything;
* output quality: F1 per record field on the test half of warta's gold corpus (``corpus/gold``,
  scored by :func:`warta.evaluation.evaluate_gold`), so the engines are compared on what warta outputs;
* tokenization and sentence segmentation: raw text rebuilt from UD Indonesian-CSUI test and GSD
  dev (``--data-dir``; five sentences per paragraph) is segmented by each engine and scored with
  the CoNLL 2018 shared task scorer (Tokens, Words, Sentences F1), from each engine's ``Doc`` (whose
  tokens are words: no multi-word tokens); for Stanza also from its own output
  (``segmentation_stanza_raw``, with multi-word tokens and before warta re-joins abbreviations).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
UD_SETS = ("id_csui-ud-test", "id_gsd-ud-dev")


def _texts(directory: Path) -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.txt"))]


def _raw_text(gold: Path) -> str:
    from warta.stanza_training import raw_text, read_conllu_blocks

    return raw_text(read_conllu_blocks(gold))


def _spacy_conllu(doc) -> str:
    """CoNLL-U of a spaCy Doc's tokens and sentences (flat trees: the scorer needs one root)."""
    lines = []
    for sent in doc.sents:
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        for n, t in enumerate(toks, 1):
            text = t.text.replace(" ", "_") if t.text.strip() else "_"
            lines.append(f"{n}\t{text}\t_\t_\t_\t_\t{0 if n == 1 else 1}\t{'root' if n == 1 else 'dep'}\t_\t_")
        lines.append("")
    return "\n".join(lines) + "\n"


def _score(gold: Path, system_text: str) -> dict:
    from stanza.models.common.utils import ud_scores

    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False, encoding="utf-8") as fh:
        fh.write(system_text)
        path = fh.name
    try:
        ev = ud_scores(str(gold), path)
    finally:
        os.unlink(path)
    return {m: round(100 * ev[m].f1, 2) for m in ("Tokens", "Words", "Sentences")}


def child(args: argparse.Namespace) -> dict:
    if args.engine.startswith("stanza"):  # torch only for Stanza: importing it would inflate the spaCy RSS
        import torch

        torch.set_num_threads(1)
    import warta

    t0 = time.perf_counter()
    if args.engine == "spacy":
        nlp = warta.load()
    else:
        from warta.stanza_engine import load_stanza_pipeline

        nlp = load_stanza_pipeline(stanza_dir=args.stanza_dir,
                                   use_stanza_ner=True if args.engine == "stanza-ner" else args.stanza_ner)
    load_s = time.perf_counter() - t0
    out: dict = {"engine": args.engine, "load_s": round(load_s, 2), "pipeline": nlp.pipe_names,
                 "ner": nlp.meta.get("ner", "spacy" if "ner" in nlp.pipe_names else None)}

    texts = _texts(Path(args.texts))
    if texts:
        nlp(texts[0][1])  # warm-up
        t0 = time.perf_counter()
        n_tokens = n_chars = 0
        for doc in nlp.pipe((t for _, t in texts), batch_size=8):
            n_tokens += sum(not t.is_space for t in doc)
            n_chars += len(doc.text)
        took = time.perf_counter() - t0
        out["speed"] = {"docs": len(texts), "tokens": n_tokens, "chars": n_chars, "seconds": round(took, 2),
                        "tokens_per_s": round(n_tokens / took, 1), "docs_per_s": round(len(texts) / took, 2)}

    gold_dir = Path(args.texts).parent
    if (gold_dir / "gold").is_dir():
        from warta.evaluation import evaluate_gold, load_gold_corpus

        ex = warta.Extractor(model=nlp)
        scores = evaluate_gold(ex.extract_many, load_gold_corpus(gold_dir, split="test"))
        out["gold_test_f1"] = {k: round(100 * v.f1, 1) for k, v in scores.items()}

    data = Path(args.data_dir) / "ud"
    out["segmentation"] = {}
    if args.engine == "spacy":  # tokenizer and sentence splitter only: the rest does not segment
        seg = warta.load(exclude=[p for p in nlp.pipe_names if p != "sentencizer"])
    for name in UD_SETS:
        gold = data / f"{name}.conllu"
        if not gold.exists():
            continue
        text = _raw_text(gold)
        t0 = time.perf_counter()
        if args.engine == "spacy":
            system = _spacy_conllu(seg(text))
        else:  # the engine's Doc (abbreviations re-joined, clitics as separate tokens)
            system = _spacy_conllu(nlp.tokenizer(text))
        scores = _score(gold, system)
        scores["seconds"] = round(time.perf_counter() - t0, 2)
        out["segmentation"][name] = scores
        if args.engine != "spacy":  # Stanza's own output, with its multi-word tokens
            out.setdefault("segmentation_stanza_raw", {})[name] = _score(gold, _stanza_conllu(nlp.tokenizer.snlp(text)))
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def _stanza_conllu(sdoc) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".conllu", delete=False) as fh:
        path = fh.name
    from stanza.utils.conll import CoNLL

    CoNLL.write_doc2conll(sdoc, path)
    try:
        return Path(path).read_text(encoding="utf-8")
    finally:
        os.unlink(path)


def table(results: list[dict]) -> str:
    rows = ["| engine | NER | load s | tokens/s | docs/s | peak RSS MB | CSUI test tokens / words / sentences F1 | GSD dev tokens / words / sentences F1 |",
            "|---|---|---|---|---|---|---|---|"]
    for r in results:
        seg = r.get("segmentation", {})

        def cell(name):
            s = seg.get(name)
            return f"{s['Tokens']:.2f} / {s['Words']:.2f} / {s['Sentences']:.2f}" if s else "n/a"

        sp = r.get("speed", {})
        rows.append(f"| {r['engine']} | {r.get('ner')} | {r['load_s']} | {sp.get('tokens_per_s', 'n/a')} | "
                    f"{sp.get('docs_per_s', 'n/a')} | {r['peak_rss_mb']} | {cell(UD_SETS[0])} | {cell(UD_SETS[1])} |")
    cats = sorted({c for r in results for c in r.get("gold_test_f1", {})})
    if cats:
        rows += ["", "| engine | NER | " + " | ".join(cats) + " |", "|---|---|" + "---|" * len(cats)]
        for r in results:
            g = r.get("gold_test_f1", {})
            rows.append(f"| {r['engine']} | {r.get('ner')} | " + " | ".join(str(g.get(c, "n/a")) for c in cats) + " |")
    return "\n".join(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engines", default="spacy,stanza,stanza-ner",
                    help="comma-separated: spacy, stanza (default NER), stanza-ner (Stanza's NER)")
    ap.add_argument("--texts", default=str(ROOT / "corpus" / "articles"))
    ap.add_argument("--data-dir", default=os.environ.get("WARTA_DATA_DIR", str(ROOT.parent / "shared" / "data")))
    ap.add_argument("--stanza-dir", default=None)
    ap.add_argument("--stanza-ner", action="store_true", default=None, help="Stanza engine: use Stanza's NER")
    ap.add_argument("--json", default=None, help="write the results here")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        args.engine = args.child
        print(json.dumps(child(args)))
        return
    results = []
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    for engine in args.engines.split(","):
        cmd = [sys.executable, __file__, "--child", engine, "--texts", args.texts, "--data-dir", args.data_dir]
        if args.stanza_dir:
            cmd += ["--stanza-dir", args.stanza_dir]
        if args.stanza_ner:
            cmd += ["--stanza-ner"]
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            raise SystemExit(f"{engine} benchmark failed")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1], indent=2), flush=True)
    print(table(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
