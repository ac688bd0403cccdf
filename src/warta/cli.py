"""The ``warta`` command line: a thin layer over ``warta.batch``, ``warta.readers`` and ``warta.writers``.

Adding a command: write one function decorated with ``@app.command()`` (or on a sub-app added
with ``app.add_typer``), import what it needs inside the function so ``warta --help`` stays fast,
and report unusable input with ``fail(message)`` (one line on stderr, exit code 2).

Exit codes: 0 success; 1 some documents failed (see the errors file); 2 unusable input or
options; 130 interrupted (rerun with ``--resume``).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn, Optional

import typer

app = typer.Typer(
    name="warta",
    help="Extract officials, institutions, provinces, regions, persons and quotes from Indonesian news.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

EXIT_FAILED_DOCUMENTS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one line ``warta: error: ...`` on stderr and exit with ``code``."""
    typer.echo(f"warta: error: {message}", err=True)
    raise typer.Exit(code)


class OutFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"


class InFormat(str, Enum):
    auto = "auto"
    txt = "txt"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    html = "html"


class Engine(str, Enum):
    spacy = "spacy"
    stanza = "stanza"
    dask = "dask"


# Same names as warta.frames.KINDS (a test checks), listed here so --help needs no pandas.
class Kind(str, Enum):
    documents = "documents"
    entities = "entities"
    officials = "officials"
    persons = "persons"
    institutions = "institutions"
    organizations = "organizations"
    provinces = "provinces"
    regions = "regions"
    quotes = "quotes"


class OnDuplicate(str, Enum):
    error = "error"
    rename = "rename"


INPUT_HELP = "Input options"
OUTPUT_HELP = "Output options"
RUN_HELP = "Model and run options"


@app.command(no_args_is_help=True)
def extract(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...", show_default=False,
        help="Files, directories (read recursively, sorted: .txt .jsonl .ndjson .csv .parquet .html .htm "
             "and .gz of .txt/.jsonl/.csv) or '-' for standard input.",
    ),
    output: str = typer.Option("-", "--output", "-o", help="Output file or directory; '-' is standard output.",
                               rich_help_panel=OUTPUT_HELP),
    fmt: Optional[OutFormat] = typer.Option(
        None, "--format", "-f", show_default=False, rich_help_panel=OUTPUT_HELP,
        help="Output format (default: from the output's extension; jsonl for stdout). jsonl: one record per "
             "line; json: an array; csv: one row per item of --kind (default entities); parquet: one row per "
             "document with nested columns, or a flat table with --kind. A Parquet path ending in .parquet is "
             "one file, any other path a directory of part files (use one for large runs).",
    ),
    kind: Optional[Kind] = typer.Option(
        None, "--kind", "--parquet-kind", show_default=False, rich_help_panel=OUTPUT_HELP,
        help="Table for csv (default entities) and parquet (default documents) output.",
    ),
    include_text: bool = typer.Option(False, "--include-text", help="Put each document's text in its record.",
                                      rich_help_panel=OUTPUT_HELP),
    linguistic: bool = typer.Option(False, "--linguistic", rich_help_panel=OUTPUT_HELP,
                                    help="Add the tokens with lemma, UPOS, features and dependency head to each "
                                         "record (filled by --engine stanza; the spaCy engine gives tokens and sentences)."),
    errors: Optional[str] = typer.Option(
        None, "--errors", "-e", show_default=False, rich_help_panel=OUTPUT_HELP,
        help="JSONL file of error records (source, line/row, reason) for inputs that yield no record, and of "
             "warnings (error 'warning:...'). Default: OUTPUT.errors.jsonl; stderr when writing to stdout.",
    ),
    rows_per_file: int = typer.Option(10_000, "--rows-per-file", min=1, rich_help_panel=OUTPUT_HELP,
                                      help="Documents per Parquet part file."),
    format_in: InFormat = typer.Option(InFormat.auto, "--format-in", rich_help_panel=INPUT_HELP,
                                       help="Input format; auto goes by extension. '-' is one text unless jsonl or html."),
    id_field: str = typer.Option("id", "--id-field", rich_help_panel=INPUT_HELP,
                                 help="JSONL id field (missing: FILESTEM:LINE)."),
    text_field: str = typer.Option("text", "--text-field", rich_help_panel=INPUT_HELP, help="JSONL text field."),
    id_column: str = typer.Option("id", "--id-column", rich_help_panel=INPUT_HELP,
                                  help="CSV/Parquet id column (missing: FILESTEM:ROW)."),
    text_column: str = typer.Option("text", "--text-column", rich_help_panel=INPUT_HELP, help="CSV/Parquet text column."),
    html: bool = typer.Option(False, "--html", rich_help_panel=INPUT_HELP,
                              help="Inputs are raw HTML pages: extract the article text with trafilatura "
                                   "(pip install 'warta[html]'). .html/.htm files always are."),
    fallback_encoding: str = typer.Option("cp1252", "--fallback-encoding", rich_help_panel=INPUT_HELP,
                                          help="Decoding for input that is not UTF-8 (flagged warning:non_utf8)."),
    on_duplicate_id: OnDuplicate = typer.Option(
        OnDuplicate.error, "--on-duplicate-id", rich_help_panel=INPUT_HELP,
        help="A repeated id: error (report, do not process) or rename (process as ID#2, warn).",
    ),
    model: Optional[str] = typer.Option(None, "--model", "-m", show_default=False, rich_help_panel=RUN_HELP,
                                        help="Saved pipeline directory or shipped model name (default: warta-id-news)."),
    engine: Engine = typer.Option(Engine.spacy, "--engine", rich_help_panel=RUN_HELP,
                                  help="spacy; stanza (Stanza's tokens, tags and parse under warta's NER and rules); dask (the spaCy pipeline on Dask)."),
    stanza_dir: Optional[str] = typer.Option(None, "--stanza-dir", show_default=False, rich_help_panel=RUN_HELP,
                                             help="Stanza model directory (--engine stanza)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", show_default=False, rich_help_panel=RUN_HELP,
                                            help="Dask scheduler address (default: a LocalCluster of --workers processes)."),
    workers: int = typer.Option(1, "--workers", "-j", min=1, rich_help_panel=RUN_HELP,
                                help="Worker processes, each loading the model once."),
    batch_size: int = typer.Option(64, "--batch-size", min=1, rich_help_panel=RUN_HELP,
                                   help="Documents per batch (the unit of work and of --resume)."),
    max_chars: int = typer.Option(100_000, "--max-chars", min=1000, rich_help_panel=RUN_HELP,
                                  help="Longer texts are processed in pieces (split at paragraphs/sentences)."),
    resume: bool = typer.Option(False, "--resume", rich_help_panel=RUN_HELP,
                                help="Continue an interrupted run into the same output: each document exactly once."),
    overwrite: bool = typer.Option(False, "--overwrite", rich_help_panel=RUN_HELP,
                                   help="Start again over the output of an interrupted run."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", show_default=False,
                                            rich_help_panel=RUN_HELP,
                                            help="Progress bar on stderr (default: when stderr is a terminal and the "
                                                 "output is a file)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", rich_help_panel=RUN_HELP, help="No summary line."),
) -> None:
    """Extract records from news texts: one record per document, failures as error records.

    Output follows input order. Every input yields a record or an error record; a summary line (read / written / failed) goes to stderr; the exit code is 1 when any document failed, 2 for unusable input, 130 when interrupted. A journal OUTPUT.warta-journal lets --resume continue after Ctrl-C or kill -9 with each document exactly once.

    Examples:

      warta extract berita/ -o berita.jsonl --workers 2

      warta extract arsip.jsonl.gz --text-field isi -o arsip.parquet --resume

      cat artikel.txt | warta extract - --model models/warta-id-news
    """
    from warta.batch import ResumeError, WorkerStartError, run_batch
    from warta.pipeline import ModelNotFoundError
    from warta.readers import InputError, ReadOptions
    from warta.writers import OutputError

    if engine is not Engine.stanza and stanza_dir:
        fail("--stanza-dir applies to --engine stanza")
    if scheduler and engine is not Engine.dask:
        fail("--scheduler applies to --engine dask")
    if resume and overwrite:
        fail("--resume and --overwrite exclude each other")
    show_progress = progress if progress is not None else (output != "-" and sys.stderr.isatty())
    try:
        read_options = ReadOptions(
            format_in=format_in.value, id_field=id_field, text_field=text_field, id_column=id_column,
            text_column=text_column, html=html, fallback_encoding=fallback_encoding,
            on_duplicate_id=on_duplicate_id.value,
        )
        with _Progress(show_progress) as bar:
            summary = run_batch(
                paths, output, fmt=fmt.value if fmt else None, kind=kind.value if kind else None, errors=errors,
                read_options=read_options, model=model, engine=engine.value,
                engine_options={"stanza_dir": stanza_dir} if stanza_dir else None,
                workers=workers, batch_size=batch_size, max_chars=max_chars, include_text=include_text,
                linguistic=linguistic,
                resume=resume, overwrite=overwrite, rows_per_file=rows_per_file, scheduler=scheduler,
                progress=bar.update,
            )
    except (InputError, OutputError, ResumeError, ModelNotFoundError, WorkerStartError) as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        note = "" if output == "-" else "; rerun with --resume to continue"
        fail(f"interrupted{note}", EXIT_INTERRUPTED)
    except OSError as exc:
        fail(f"{exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}")
    if not quiet:
        typer.echo(summary.line(), err=True)
    if summary.failed:
        raise typer.Exit(EXIT_FAILED_DOCUMENTS)


class _Progress:
    """A rich progress display on stderr, or nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.progress: Any = None

    def __enter__(self) -> "_Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self.progress = Progress(
                SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(), console=Console(stderr=True), transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("starting", total=None, rate="")
        return self

    def update(self, summary: Any) -> None:
        if self.progress is None:
            return
        done = summary.read - summary.skipped
        rate = f"{done / summary.seconds:.0f} docs/s" if summary.seconds > 0 else ""
        self.progress.update(self.task, description=f"read {summary.read} · written {summary.written} · "
                                                    f"failed {summary.failed}", rate=rate)

    def __exit__(self, *_: Any) -> None:
        if self.progress is not None:
            self.progress.stop()


def schema_text() -> str:
    """The JSON Schema of a document record, as committed in ``warta/schema/document.schema.json``."""
    import json

    from warta.record import document_json_schema

    return json.dumps(document_json_schema(), indent=2, ensure_ascii=False) + "\n"


@app.command()
def schema(
    output: Optional[Path] = typer.Option(None, "--output", "-o", show_default=False,
                                          help="Write to this file instead of standard output."),
) -> None:
    """Print the JSON Schema of a document record (one line of `warta extract` JSONL output)."""
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


models_app = typer.Typer(help="Manage model files (nothing is ever downloaded implicitly).", no_args_is_help=True)
app.add_typer(models_app, name="models")


@models_app.command("stanza-download")
def stanza_download(
    stanza_dir: Optional[Path] = typer.Option(None, "--stanza-dir", help="Where to put the models (default: Stanza's STANZA_RESOURCES_DIR or ~/stanza_resources)."),
    package: str = typer.Option("default", "--package", help="Stanza package name for Indonesian."),
) -> None:
    """Download Stanza's official Indonesian models (needs internet). Then use them with
    `warta extract --engine stanza --stanza-dir DIR`."""
    try:
        from warta.stanza_engine import download_stanza_models
    except ImportError as err:
        fail(f"{err}. Install the extra: pip install 'warta[stanza]'")
    try:
        location = download_stanza_models(stanza_dir=str(stanza_dir) if stanza_dir else None, package=package)
    except (RuntimeError, ImportError) as err:
        fail(str(err))
    typer.echo(f"Stanza models in {location}", err=True)


@app.command("evaluate-gold")
def evaluate_gold_command(
    corpus: Path = typer.Argument(Path("corpus"), help="Corpus directory with articles/ and gold/ (see corpus/README.md)."),
    split: Optional[str] = typer.Option(None, "--split", help="Score only the 'dev' or 'test' articles."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A saved pipeline directory (default: the shipped model)."),
    show_errors: Optional[str] = typer.Option(None, "--errors", help="Also list misses and spurious items for these categories, comma-separated (e.g. officials,quotes)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    engine: Engine = typer.Option(Engine.spacy, "--engine", help="spacy or stanza (dask scores as spacy does)."),
    stanza_dir: Optional[str] = typer.Option(None, "--stanza-dir", show_default=False, help="Stanza model directory (--engine stanza)."),
) -> None:
    """Score warta against the hand-checked gold records: P/R/F1 for officials, institutions,
    provinces, regions, persons, quotes and organizations (matching rules: warta.evaluation)."""
    import json

    from rich.console import Console
    from rich.table import Table

    from warta.evaluation import evaluate_gold, load_gold_corpus
    from warta.extractor import Extractor

    try:
        documents = load_gold_corpus(corpus, split)
    except (FileNotFoundError, ValueError) as err:
        fail(str(err))
    if engine is Engine.stanza:
        extractor = Extractor(model, engine="stanza", **({"stanza_dir": stanza_dir} if stanza_dir else {}))
    else:
        extractor = Extractor(model)
    scores = evaluate_gold(extractor.extract_many, documents)
    if as_json:
        typer.echo(json.dumps({name: score.as_dict() for name, score in scores.items()}, indent=2))
    else:
        table = Table(title=f"warta on {corpus} ({split or 'all'}: {len(documents)} articles)")
        for column in ("category", "P", "R", "F1", "tp", "fp", "fn"):
            table.add_column(column, justify="left" if column == "category" else "right")
        for name, score in scores.items():
            table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}", str(score.tp), str(score.fp), str(score.fn))
        Console().print(table)
    for name in (show_errors or "").split(","):
        if name.strip() in scores:
            typer.echo("\n".join(scores[name.strip()].errors))


@app.command()
def train(
    data_dir: Path = typer.Option(Path("../shared/data/ner"), "--data", help="Directory with the NER corpora (*.train.tsv, *.dev.tsv)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="spaCy training config for the ner component (default: configs/ner.cfg)."),
    work_dir: Path = typer.Option(Path("training/ner"), "--work-dir", help="Where the prepared corpus and the training run go."),
    output: Path = typer.Option(Path("models/warta-id-news"), "--output", "-o", help="Where the assembled pipeline is saved."),
    blas: str = typer.Option("blis", "--blas", help="blis rebuilds the shipped model exactly; openblas trains faster here (a different model of the same quality)."),
) -> None:
    """Rebuild the shipped model from the shared NER corpora with the recipe of warta.training
    (harmonized, deduplicated, news upweighted, case-augmented; seeds fixed), then assemble the
    full warta pipeline around the trained ner in OUTPUT."""
    from warta.pipeline import assemble_model
    from warta.training import DEFAULT_CONFIG, build_ner

    config = config or DEFAULT_CONFIG
    if not data_dir.is_dir():
        fail(f"{data_dir}: not a directory with NER corpora")
    if not Path(config).is_file():
        fail(f"{config}: no such config")
    if blas not in ("blis", "openblas"):
        fail("--blas must be blis or openblas")
    best = build_ner(data_dir, work_dir, config_path=config, blas=blas)
    typer.echo(f"assembled pipeline: {assemble_model(best, output)}", err=True)


def _conll_pipeline(model: Optional[Path], model_only: bool):
    from warta.pipeline import WARTA_COMPONENTS, load

    nlp = load(model)
    if model_only:
        nlp.select_pipes(disable=[name for name in WARTA_COMPONENTS if name in nlp.pipe_names])
    return nlp


@app.command("tag-conll")
def tag_conll_command(
    input_path: Path = typer.Argument(..., help="CoNLL file: token TAB tag per line (extra columns ignored), blank line between sentences."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A saved pipeline directory (default: the shipped model)."),
    model_only: bool = typer.Option(False, "--model-only", help="Use only the statistical NER, without warta's rule components."),
) -> None:
    """Run the full pipeline on exactly the tokens of a CoNLL file and write
    `token TAB gold TAB predicted` (BIO over PER/ORG/LOC), one line per input token."""
    from warta.conll import format_tagged, read_conll, tag_with_pipeline

    if not input_path.is_file():
        fail(f"{input_path}: no such file")
    gold = read_conll(input_path)
    predicted = tag_with_pipeline(_conll_pipeline(model, model_only), gold)
    lines = format_tagged(gold, predicted)
    if output is None:
        sys.stdout.writelines(lines)
    else:
        with open(output, "w", encoding="utf-8") as handle:
            handle.writelines(lines)


@app.command("evaluate-conll")
def evaluate_conll_command(
    input_paths: list[Path] = typer.Argument(..., help="CoNLL files with gold tags (PERSON/PER/PPL, ORGANIZATION/ORGANISATION/ORG/IND, LOCATION/PLACE/PLC/LOC are mapped to PER/ORG/LOC)."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A saved pipeline directory (default: the shipped model)."),
    model_only: bool = typer.Option(False, "--model-only", help="Use only the statistical NER, without warta's rule components."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Entity-level micro and per-type P/R/F1 (exact span and type, conlleval chunking) of the
    pipeline on CoNLL files."""
    import json

    from warta.conll import evaluate_conll, format_report, read_conll, tag_with_pipeline

    for path in input_paths:
        if not path.is_file():
            fail(f"{path}: no such file")
    nlp = _conll_pipeline(model, model_only)
    results = {}
    for path in input_paths:
        gold = read_conll(path)
        results[str(path)] = evaluate_conll(gold, tag_with_pipeline(nlp, gold))
    if as_json:
        typer.echo(json.dumps(results, indent=2))
    else:
        typer.echo("\n\n".join(format_report(result, title=path) for path, result in results.items()))


# ------------------------------------------------------------------------------------------ corpus

corpus_app = typer.Typer(help="A DuckDB corpus database of extracted records, one identity per person across documents.",
                         no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

DB_OPTION = typer.Option(Path("corpus.duckdb"), "--db", help="The corpus database file.")


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


FORMAT_OPTION = typer.Option(TableFormat.table, "--format", "-f", help="table (on the terminal), csv, json or jsonl.")


def _print_frame(frame: Any, fmt: TableFormat, title: Optional[str] = None) -> None:
    """A DataFrame on standard output in ``fmt``."""
    if fmt is TableFormat.csv:
        sys.stdout.write(frame.to_csv(index=False))
    elif fmt is TableFormat.jsonl:
        sys.stdout.write(frame.to_json(orient="records", lines=True, force_ascii=False, date_format="iso"))
    elif fmt is TableFormat.json:
        sys.stdout.write(frame.to_json(orient="records", force_ascii=False, date_format="iso", indent=2) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        for column in frame.columns:
            table.add_column(str(column))
        for row in frame.itertuples(index=False):
            table.add_row(*("" if v is None or (isinstance(v, float) and v != v) else str(v) for v in row))
        Console(width=200).print(table)


def _open_corpus(db: Path) -> Any:
    from warta.corpus.query import Corpus
    from warta.corpus.store import CorpusError

    try:
        return Corpus(db)
    except CorpusError as err:
        fail(str(err))


@corpus_app.command("build", no_args_is_help=True)
def corpus_build(
    records: list[str] = typer.Argument(..., metavar="RECORDS...", show_default=False,
                                        help="Output of `warta extract`: .jsonl, .jsonl.gz, .parquet files or folders of them "
                                             "(Parquet part files of -f parquet or of a Dask run)."),
    db: Path = DB_OPTION,
    append: bool = typer.Option(False, "--append", help="Add to an existing database; existing person ids are kept."),
    overwrite: bool = typer.Option(False, "--overwrite", help="Replace an existing database."),
    batch_size: int = typer.Option(1000, "--batch-size", min=1, help="Records per transaction."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
) -> None:
    """Load records into the corpus database, one transaction per batch. Records already loaded
    (same id and content) are skipped, so a rerun changes nothing."""
    from warta.corpus.sources import RecordInputError
    from warta.corpus.store import CorpusError, build_corpus

    if append and overwrite:
        fail("--append and --overwrite exclude each other")
    try:
        summary = build_corpus(records, db, append=append, overwrite=overwrite, batch_size=batch_size)
    except (CorpusError, RecordInputError) as err:
        fail(str(err))
    if not quiet:
        typer.echo(summary.line(), err=True)


@corpus_app.command("officials")
def corpus_officials(
    db: Path = DB_OPTION,
    province: Optional[str] = typer.Option(None, "--province", "-p", help="Province: name, press alias or code (Sumsel, 16)."),
    region: Optional[str] = typer.Option(None, "--region", help="Kabupaten/kota: name or code (Kota Medan, 12.71)."),
    title: Optional[str] = typer.Option(None, "--title", "-t", help="Title, case-insensitive; % is a wildcard (%Gubernur)."),
    fmt: TableFormat = FORMAT_OPTION,
) -> None:
    """Office holders: person, title, jurisdiction, institution, first and last seen."""
    from warta.corpus.store import CorpusError

    with _open_corpus(db) as corpus:
        try:
            frame = corpus.officials(province=province, title=title, region=region)
        except CorpusError as err:
            fail(str(err))
        _print_frame(frame, fmt, "officials")


@corpus_app.command("person", no_args_is_help=True)
def corpus_person(
    name: str = typer.Argument(..., help="A name as the press writes it (titles are ignored), or a person_id."),
    db: Path = DB_OPTION,
    fmt: TableFormat = FORMAT_OPTION,
) -> None:
    """One person: offices, documents in time order and quotes (csv/jsonl: the documents)."""
    import json

    with _open_corpus(db) as corpus:
        record = corpus.person(int(name) if name.isdigit() else name)
    if record.persons.empty:
        fail(f"no person named {name!r} in {db}")
    if fmt is TableFormat.json:
        parts = {part: json.loads(getattr(record, part).to_json(orient="records", date_format="iso", force_ascii=False))
                 for part in ("persons", "offices", "timeline", "quotes")}
        typer.echo(json.dumps(parts, ensure_ascii=False, indent=2))
    elif fmt is TableFormat.table:
        for part in ("persons", "offices", "timeline", "quotes"):
            _print_frame(getattr(record, part), fmt, part)
    else:
        _print_frame(record.timeline, fmt)


@corpus_app.command("institution", no_args_is_help=True)
def corpus_institution(
    institution: str = typer.Argument(..., help="Catalog id (kpk, kejari:12.71), name or acronym."),
    db: Path = DB_OPTION,
    fmt: TableFormat = FORMAT_OPTION,
) -> None:
    """One institution: what it is, its documents and its officials (csv/jsonl: the documents)."""
    with _open_corpus(db) as corpus:
        record = corpus.institution(institution)
    if record.info.empty:
        fail(f"no institution {institution!r} in {db}")
    parts = ("info", "documents", "officials") if fmt is TableFormat.table else ("documents",)
    for part in parts:
        _print_frame(getattr(record, part), fmt, part)


@corpus_app.command("sql", no_args_is_help=True)
def corpus_sql(
    query: str = typer.Argument(..., help="A SQL query over the corpus tables (read-only)."),
    db: Path = DB_OPTION,
    fmt: TableFormat = FORMAT_OPTION,
) -> None:
    """Run SQL over the corpus tables (documents, persons, offices, person_mentions, person_links,
    institutions, institution_mentions, place_mentions, quotes, events, ...)."""
    import duckdb

    with _open_corpus(db) as corpus:
        try:
            frame = corpus.sql(query)
        except duckdb.Error as err:
            fail(str(err).splitlines()[0])
        _print_frame(frame, fmt)


@corpus_app.command("evaluate")
def corpus_evaluate(
    gold_set: Path = typer.Argument(Path("corpus/identity"), help="Identity test set: articles/, gold.jsonl, identities.jsonl."),
    model: Optional[Path] = typer.Option(None, "--model", "-m", help="A saved pipeline directory (default: the shipped model)."),
    keep_db: Optional[Path] = typer.Option(None, "--db", help="Keep the corpus database built here (default: a temporary one)."),
    show_errors: bool = typer.Option(False, "--errors", help="List merged and split identities and unfound persons."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
) -> None:
    """Extract the identity test set, build a corpus from it and score person ids: pairwise
    precision, recall and F1 over (document, person) items, and namesakes merged."""
    import json

    from warta.corpus.evaluation import evaluate_identity

    if not (gold_set / "gold.jsonl").is_file():
        fail(f"{gold_set}: no gold.jsonl (see corpus/README.md)")
    score = evaluate_identity(gold_set, model=model, db=keep_db)
    if as_json:
        typer.echo(json.dumps(score.as_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo(f"identity on {gold_set}: {score.items} items ({score.aligned} found), {score.gold_pairs} gold pairs")
        typer.echo(f"pairwise P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  "
                   f"namesake pairs merged: {len(score.namesake_merges)}")
    if show_errors:
        typer.echo("\n".join(score.errors + score.namesake_merges))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
