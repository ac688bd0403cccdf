"""Speed and memory of the full warta pipeline in one process.

Reads at least ``--mb`` megabytes of news text: the sentences of the shared Indonesian NER and UD
corpora (real news sentences, grouped into articles of ~20 sentences) when ``--shared`` points at
them, otherwise synthetic articles from ``make_articles.py``; the texts are cycled to reach the size.
Prints tokens/s for spaCy's bare Indonesian tokenizer, warta's news tokenizer, the pipeline
(``nlp.pipe``) and the whole library path to records (``Extractor.extract_many``), each with its
ratio to the bare tokenizer, and the process's peak RSS.

    python benchmarks/bench_pipeline.py --mb 5 --shared ../shared/data
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from itertools import cycle
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from threadpoolctl import threadpool_limits

import warta

ARTICLE_SENTENCES = 20


def shared_articles(data_dir: Path) -> list[str]:
    """News sentences from the shared NER and UD files, detokenized and grouped into articles."""
    sentences: list[str] = []
    for path in sorted((data_dir / "ner").glob("*.tsv")):
        if path.name.startswith("nerp"):
            continue  # lowercased text: not what users feed in
        tokens: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                tokens.append(line.split("\t")[0])
            elif tokens:
                sentences.append(_detokenize(tokens))
                tokens = []
    for path in sorted((data_dir / "ud").glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                sentences.append(line[len("# text = "):])
    return [" ".join(sentences[i : i + ARTICLE_SENTENCES]) for i in range(0, len(sentences), ARTICLE_SENTENCES)]


def _detokenize(tokens: list[str]) -> str:
    text = " ".join(tokens)
    for punct in (" ,", " .", " :", " ;", " )", " ?", " !"):
        text = text.replace(punct, punct[1:])
    return text.replace("( ", "(")


def synthetic_articles(n: int = 2000) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_articles import articles

    return [a["text"] for a in articles(n)]


def take_megabytes(texts: list[str], megabytes: float) -> list[str]:
    out, size = [], 0
    for text in cycle(texts):
        out.append(text)
        size += len(text.encode("utf-8"))
        if size >= megabytes * 1_000_000:
            return out
    return out


def timed(label: str, tokens: Iterable[int]) -> tuple[str, int, float, float]:
    """Label, tokens, wall seconds and CPU seconds of this process (all threads)."""
    start, cpu_start = time.perf_counter(), time.process_time()
    total = sum(tokens)
    return label, total, time.perf_counter() - start, time.process_time() - cpu_start


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="megabytes of text (default 5)")
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"), help="shared data directory")
    parser.add_argument("--model", default=None, help="pipeline directory (default: the shipped model)")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS threads for the ner's matrix products (default 1: one core)")
    args = parser.parse_args(argv)
    threadpool_limits(args.blas_threads, user_api="blas")

    source = "shared NER/UD sentences" if (args.shared / "ner").is_dir() else "synthetic articles"
    base = shared_articles(args.shared) if (args.shared / "ner").is_dir() else synthetic_articles()
    texts = take_megabytes(base, args.mb)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
    print(f"text: {megabytes:.1f} MB in {len(texts)} articles ({source}); BLAS threads: {args.blas_threads}")

    bare = spacy.blank("id")
    nlp = warta.load(args.model)
    extractor = warta.Extractor(model=nlp, batch_size=args.batch_size)
    rss_after_load = peak_rss_mb()

    def pipe_tokens() -> Iterator[int]:
        for doc in nlp.pipe(texts, batch_size=args.batch_size):
            yield len(doc)

    def record_tokens() -> Iterator[int]:
        # The library path, records included; token counts come from the tokenizer, which is cheap.
        for text, _ in zip(texts, extractor.extract_many(texts)):
            yield 0

    rows = [
        timed("spaCy Indonesian tokenizer (bare)", (len(bare.tokenizer(t)) for t in texts)),
        timed("warta news tokenizer", (len(nlp.tokenizer(t)) for t in texts)),
        timed("warta pipeline, nlp.pipe", pipe_tokens()),
    ]
    n_tokens = rows[1][1]
    label, _, seconds, cpu = timed("warta records, Extractor.extract_many", record_tokens())
    rows.append((label, n_tokens, seconds, cpu))
    bare_rate = rows[0][1] / rows[0][2]
    # tokens/CPU-s is the steadier figure on a shared machine; with one BLAS thread it is per core.
    print(f"{'stage':<60} {'tokens':>9} {'seconds':>8} {'tokens/s':>9} {'vs bare':>8} {'tokens/CPU-s':>13}")
    for label, tokens, seconds, cpu in rows:
        rate = tokens / seconds
        print(f"{label:<60} {tokens:>9} {seconds:>8.1f} {rate:>9.0f} {rate / bare_rate:>8.3f} {tokens / cpu:>13.0f}")
    print(f"pipeline components: {', '.join(nlp.pipe_names)}")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (after loading the model: {rss_after_load:.0f} MB)")


if __name__ == "__main__":
    main()
