#!/usr/bin/env python
"""Score trained ner models inside the whole warta pipeline on every CoNLL dev split.

    python scripts/score_ner_in_pipeline.py training/ner-floor/model-best training/ner-best/model-best
    python scripts/score_ner_in_pipeline.py --shipped --json scores.json

Each model is put into a fresh pipeline (`warta.build_pipeline`: news tokenizer, the model's
components, warta's rule components) and tagged with `warta tag-conll`'s code, so two training
recipes are compared with the same rules around them. Prints micro F1 (%) per dev split.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import warta
from warta.conll import evaluate_conll, read_conll, tag_with_pipeline
from warta.training import DATASETS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", help="trained spaCy pipelines holding a ner (model-best directories)")
    parser.add_argument("--shipped", action="store_true", help="also score the shipped default pipeline")
    parser.add_argument("--data-dir", default="../shared/data/ner")
    parser.add_argument("--json", dest="json_path", help="write the scores to this file")
    args = parser.parse_args()

    runs: dict[str, str | None] = {m: m for m in args.models}
    if args.shipped:
        runs["shipped"] = None
    splits = [d for d in DATASETS if (Path(args.data_dir) / f"{d}.dev.tsv").exists()]
    scores: dict[str, dict[str, float]] = {}
    print("run\t" + "\t".join(splits))
    for name, path in runs.items():
        nlp = warta.load() if path is None else warta.build_pipeline(path)
        scores[name] = {}
        for split in splits:
            gold = read_conll(Path(args.data_dir) / f"{split}.dev.tsv", harmonize=True)
            scores[name][split] = round(100 * evaluate_conll(gold, tag_with_pipeline(nlp, gold))["f1"], 2)
        print(name + "\t" + "\t".join(f"{scores[name][s]:.2f}" for s in splits), flush=True)
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(scores, indent=2) + "\n")


if __name__ == "__main__":
    main()
