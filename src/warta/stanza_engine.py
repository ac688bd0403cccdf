"""The Stanza engine: Stanza's Indonesian analysis under warta's rule components, offline.

``load_stanza_pipeline()`` returns a spaCy ``Language`` whose tokenizer runs a Stanza pipeline
(tokenize, mwt, pos, lemma, depparse and optionally ner) and maps its analysis onto a spaCy
``Doc``:

* tokens keep their character offsets into the original text and ``doc.text == text`` exactly
  (runs of whitespace other than one space become whitespace tokens, as in spaCy);
* a multi-word token (``menyetujuinya`` = ``menyetujui`` + ``nya``) becomes its words when the
  words spell the token exactly, otherwise one token carrying its syntactic head word's analysis;
* sentences, UPOS (``token.pos_``), XPOS (``token.tag_``), lemma, morphological features and
  dependency heads/labels are set from Stanza; ``doc.ents`` from Stanza NER when it is used.

warta's rule components (:data:`warta.pipeline.WARTA_COMPONENTS`) then run on top, so the record
schema is the same as with the spaCy engine.

Models load from a local directory only (``download_method=None``): ``stanza_dir``, else
``$STANZA_RESOURCES_DIR`` when it holds Indonesian models, else the compact models warta ships in
``models/stanza`` (trained by ``scripts/train_stanza.py``; see ``models/stanza/MODEL_CARD.md``).
:func:`download_stanza_models` fetches Stanza's official Indonesian models for users with internet.

Also here: :func:`linguistic_tokens` (tokens with lemma/UPOS/head for ``--linguistic`` output),
and, re-exported from :mod:`warta.syntax`, :func:`appositive_pairs` and :func:`coordinated_groups`.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

LANG = "id"
PACKAGE = "warta"
DEFAULT_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
# Which statistical NER the engine uses by default: "spacy" (warta's spaCy NER component run on the
# Stanza tokens) or "stanza" (Stanza's NER trained by scripts/train_stanza.py). Chosen on the shared
# dev splits; see models/stanza/MODEL_CARD.md.
DEFAULT_NER = "spacy"
STANZA_DIR_ENV = "STANZA_RESOURCES_DIR"
SPACE_DEP = "dep"

logger = logging.getLogger(__name__)

PathLike = Union[str, "os.PathLike[str]"]


class StanzaModelsNotFoundError(FileNotFoundError):
    """No usable Stanza Indonesian models in the directories searched."""


class StanzaNotInstalledError(ImportError):
    """The ``stanza`` package (the ``warta[stanza]`` extra) is not installed."""


# --------------------------------------------------------------------------- model directories


def shipped_stanza_dirs() -> list[Path]:
    """Where warta's own Stanza models are looked for: inside the package, then the source checkout."""
    package = Path(__file__).resolve().parent
    return [package / "models" / "stanza", package.parents[1] / "models" / "stanza"]


def _has_models(directory: Path, processors: Iterable[str] = ("tokenize",)) -> bool:
    resources = directory / "resources.json"
    if not resources.exists() or not (directory / LANG).is_dir():
        return False
    return all(any((directory / LANG / proc).glob("*.pt")) for proc in processors)


def _package_for(directory: Path) -> str:
    """``warta`` for warta's models, ``default`` for Stanza's official ones."""
    try:
        resources = json.loads((directory / "resources.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "default"
    lang = resources.get(LANG, {})
    return PACKAGE if PACKAGE in lang.get("tokenize", {}) else "default"


def missing_models_message(searched: Sequence[Path]) -> str:
    where = ", ".join(str(p) for p in searched) or "(nowhere)"
    return (
        f"No Stanza Indonesian models found (looked in {where}). warta never downloads models "
        "implicitly. Either use a warta checkout or install that ships models/stanza, or download "
        "Stanza's official Indonesian models on a machine with internet access:\n"
        "    warta models stanza-download --stanza-dir DIR\n"
        "(or: python -c \"import stanza; stanza.download('id', model_dir='DIR')\")\n"
        "then pass --stanza-dir DIR (Extractor(engine='stanza', stanza_dir='DIR')) or set "
        f"{STANZA_DIR_ENV}=DIR."
    )


def resolve_stanza_dir(stanza_dir: Optional[PathLike] = None, processors: Iterable[str] = ("tokenize",)) -> Path:
    """The directory to load Stanza models from.

    ``stanza_dir`` when given (it must hold the models); else ``$STANZA_RESOURCES_DIR`` when it
    holds Indonesian models; else warta's shipped models.
    """
    processors = [p for p in processors if p != "ner"]
    if stanza_dir is not None:
        path = Path(stanza_dir).expanduser()
        if not _has_models(path, processors):
            raise StanzaModelsNotFoundError(missing_models_message([path]))
        return path
    searched = []
    env = os.environ.get(STANZA_DIR_ENV)
    if env:
        path = Path(env).expanduser()
        searched.append(path)
        if _has_models(path, processors):
            return path
    for path in shipped_stanza_dirs():
        searched.append(path)
        if _has_models(path, processors):
            return path
    raise StanzaModelsNotFoundError(missing_models_message(searched))


def _import_stanza():
    try:
        import stanza
    except ImportError as e:  # pragma: no cover - exercised only without the extra
        raise StanzaNotInstalledError(
            "The Stanza engine needs the 'stanza' extra: pip install 'warta[stanza]'"
        ) from e
    return stanza


def download_stanza_models(
    stanza_dir: Optional[PathLike] = None,
    processors: Sequence[str] = DEFAULT_PROCESSORS,
    package: str = "default",
) -> Path:
    """Download Stanza's official Indonesian models (needs internet) into ``stanza_dir``.

    ``stanza_dir`` defaults to ``$STANZA_RESOURCES_DIR`` or Stanza's own default. Returns the
    directory; pass it as ``--stanza-dir`` afterwards. Stanza publishes no Indonesian NER, so
    the engine then uses warta's spaCy NER.
    """
    stanza = _import_stanza()
    from stanza.resources.common import DEFAULT_MODEL_DIR

    target = Path(stanza_dir or os.environ.get(STANZA_DIR_ENV) or DEFAULT_MODEL_DIR).expanduser()
    try:
        stanza.download(LANG, model_dir=str(target), processors=",".join(processors), package=package)
    except Exception as e:  # requests' ConnectionError, HTTPError, ... all mean the same here
        raise RuntimeError(
            f"Downloading Stanza's Indonesian models into {target} failed ({type(e).__name__}: {e}). "
            "This needs internet access to Stanza's model hosting. Offline, use the models warta "
            "ships in models/stanza (the default), or copy a downloaded model directory here and "
            "pass it with --stanza-dir."
        ) from e
    return target


# --------------------------------------------------------------------------- Stanza -> spaCy


def _head_word(words: Sequence[Any]) -> Any:
    """The word of a multi-word token whose head lies outside the token (else the first)."""
    ids = {w.id for w in words}
    for w in words:
        if getattr(w, "head", None) is None or w.head not in ids:
            return w
    return words[0]


class _Unit:
    """A Stanza token (or an abbreviation re-joined from two) with its Stanza sentence index."""

    __slots__ = ("start", "end", "words", "si", "one_token", "joins_next")

    def __init__(self, start: int, end: int, words: list, si: int, one_token: bool = False):
        self.start, self.end, self.words, self.si = start, end, words, si
        self.one_token = one_token
        self.joins_next = False


# abbreviations that may end a sentence: no sentence join after them
SENTENCE_FINAL_ABBREVIATIONS = frozenset({"dll.", "dsb.", "dst.", "dkk.", "tsb.", "dll", "dsb", "dst"})


def _units(text: str, sdoc: Any, abbreviations: frozenset[str]) -> list[_Unit]:
    """Stanza's tokens in order; with ``abbreviations`` a known abbreviation split from its period
    ("Pol" + ".") is one unit again, and a sentence break Stanza put after it is marked for joining.
    """
    units = []
    for si, sent in enumerate(sdoc.sentences):
        for tok in sent.tokens:
            if tok.start_char is None or tok.end_char is None:
                raise ValueError(f"Stanza token {tok.text!r} has no character offsets")
            units.append(_Unit(tok.start_char, tok.end_char, list(tok.words), si))
    if not abbreviations:
        return units
    out: list[_Unit] = []
    i = 0
    while i < len(units):
        u = units[i]
        v = units[i + 1] if i + 1 < len(units) else None
        if (v is not None and v.si == u.si and v.start == u.end and text[v.start : v.end] == "."
                and text[u.start : v.end] in abbreviations):
            form = text[u.start : v.end]
            merged = _Unit(u.start, v.end, u.words + v.words, u.si, one_token=True)
            nxt = units[i + 2] if i + 2 < len(units) else None
            if nxt is not None and nxt.si != u.si and form not in SENTENCE_FINAL_ABBREVIATIONS:
                merged.joins_next = True
            out.append(merged)
            i += 2
            continue
        out.append(u)
        i += 1
    # a join is recorded on the last unit of the sentence
    for k, u in enumerate(out):
        if u.joins_next and k + 1 < len(out) and out[k + 1].si == u.si:
            u.joins_next = False
    return out


def stanza_to_doc(vocab: Any, text: str, sdoc: Any, *, with_ents: bool = True,
                  abbreviations: frozenset[str] = frozenset()) -> Doc:
    """Map a Stanza ``Document`` of ``text`` onto a spaCy ``Doc`` with ``doc.text == text``.

    ``abbreviations`` (e.g. warta's "Pol.", "Ir.", "Pj."): when Stanza splits one from its period,
    the two become one token again (with the analysis of the word), and a sentence break Stanza
    put right after it is undone (the second sentence's root attaches to the first's as
    ``parataxis``), as warta's own tokenizer and rules expect.
    """
    words: list[str] = []
    spaces: list[bool] = []
    pos: list[str] = []
    tags: list[Optional[str]] = []
    lemmas: list[Optional[str]] = []
    morphs: list[Optional[str]] = []
    heads: list[Optional[int]] = []  # absolute index; None = fill in later
    deps: list[Optional[str]] = []
    sent_starts: list[Optional[bool]] = []
    is_space: list[bool] = []
    parsed = False
    cursor = 0

    def add(form: str, *, space: bool = False, upos: str = "", xpos=None, lemma=None, feats=None,
            start: bool = False, ws: bool = False) -> int:
        words.append(form)
        spaces.append(space)
        pos.append(upos)
        tags.append(xpos)
        lemmas.append(lemma)
        morphs.append(feats)
        heads.append(None)
        deps.append(None)
        sent_starts.append(start)
        is_space.append(ws)
        return len(words) - 1

    def add_gap(gap: str) -> None:
        if not gap:
            return
        if words and gap[0] == " " and not spaces[-1]:
            spaces[-1] = True
            gap = gap[1:]
            if not gap:
                return
        if gap.isspace():
            add(gap, upos="SPACE", lemma=gap, ws=True, start=not words)
        else:  # characters Stanza dropped: keep them as a token so the text stays intact
            add(gap, upos="X", lemma=gap, start=not words)

    units = _units(text, sdoc, abbreviations)
    # Stanza sentences joined to the previous one (split after an abbreviation) share a group
    joined = {u.si for u in units if u.joins_next}
    group: dict[int, int] = {}
    g = -1
    for si in range(len(sdoc.sentences)):
        if si == 0 or si - 1 not in joined:
            g += 1
        group[si] = g
    word_index: dict[tuple[int, int], int] = {}
    group_tokens: dict[int, list[int]] = {}
    prev_group = None
    for u in units:
        if u.start < cursor:
            raise ValueError(f"Stanza token {text[u.start:u.end]!r} has no usable character offsets")
        add_gap(text[cursor : u.start])
        g = group[u.si]
        first = g != prev_group and not (words and all(is_space))  # leading whitespace joins sentence 1
        prev_group = g
        surface = text[u.start : u.end]
        created = []
        if not u.one_token and len(u.words) > 1 and "".join(w.text for w in u.words) == surface:
            for w in u.words:
                i = add(w.text, upos=w.upos or "X", xpos=w.xpos, lemma=w.lemma, feats=w.feats, start=first)
                first = False
                word_index[(u.si, w.id)] = i
                created.append(i)
        else:
            head = _head_word(u.words) if u.words else None
            i = add(surface, upos=(head.upos if head else None) or "X", xpos=head.xpos if head else None,
                    lemma=(head.lemma if head and not u.one_token else surface),
                    feats=head.feats if head else None, start=first)
            for w in u.words:
                word_index[(u.si, w.id)] = i
            created.append(i)
        group_tokens.setdefault(g, []).extend(created)
        cursor = u.end

    # dependency heads (only when every word of the document has one)
    all_words = [w for u in units for w in u.words]
    parsed = bool(all_words) and all(getattr(w, "head", None) is not None for w in all_words)
    if parsed:
        group_root: dict[int, int] = {}
        for u in units:
            one = len({word_index[(u.si, w.id)] for w in u.words}) == 1 and len(u.words) > 1
            for w in ([_head_word(u.words)] if one else u.words):
                i = word_index[(u.si, w.id)]
                target = word_index.get((u.si, w.head)) if w.head else None
                if target is None or target == i:
                    root = group_root.setdefault(group[u.si], i)
                    heads[i], deps[i] = (i, "ROOT") if root == i else (root, "parataxis")
                else:
                    heads[i], deps[i] = target, w.deprel or "dep"
        # whitespace tokens inside a sentence attach to the previous token
        for ids in group_tokens.values():
            lo, hi = ids[0], ids[-1]
            for i in range(lo, hi + 1):
                if heads[i] is None:
                    heads[i], deps[i] = (i - 1 if i > lo else hi), SPACE_DEP
    add_gap(text[cursor:])

    tags = [t or "" for t in tags]
    lemmas = [lem if lem is not None else w for lem, w in zip(lemmas, words)]
    morphs = [m if m and m != "_" else "" for m in morphs]
    n = len(words)
    if n and not sent_starts[0]:
        sent_starts[0] = True
    if parsed:
        # whitespace (or dropped characters) between sentences: attach to the previous token,
        # leading ones to the next non-space token; a token left over (no parse) heads itself
        for i in range(n):
            if heads[i] is None:
                j = i - 1 if i > 0 else next((k for k in range(n) if heads[k] is not None and not is_space[k]), i)
                heads[i], deps[i] = j, SPACE_DEP if j != i else "ROOT"
        # a leading whitespace token must not form its own sentence
        doc = Doc(vocab, words=words, spaces=spaces, pos=pos, tags=tags, lemmas=lemmas, morphs=morphs,
                  heads=heads, deps=deps)
    else:
        doc = Doc(vocab, words=words, spaces=spaces, pos=pos, tags=tags, lemmas=lemmas, morphs=morphs,
                  sent_starts=[bool(s) for s in sent_starts])
    if doc.text != text:  # pragma: no cover - guarded by construction
        raise AssertionError("Stanza -> spaCy mapping changed the text")
    if with_ents and getattr(sdoc, "ents", None):
        spans = []
        for ent in sdoc.ents:
            span = doc.char_span(ent.start_char, ent.end_char, label=ent.type, alignment_mode="contract")
            if span is None or not len(span):
                span = doc.char_span(ent.start_char, ent.end_char, label=ent.type, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.ents = filter_spans(spans)
    return doc


class StanzaTokenizer:
    """A spaCy tokenizer that runs a Stanza pipeline and returns the mapped ``Doc``."""

    def __init__(self, vocab: Any, stanza_dir: Path, processors: Sequence[str], package: str,
                 stanza_options: Optional[dict[str, Any]] = None):
        stanza = _import_stanza()
        self.vocab = vocab
        self.stanza_dir = Path(stanza_dir)
        self.processors = tuple(processors)
        self.package = package
        self.stanza_options = dict(stanza_options or {})
        proc_spec: Any = {p: package for p in self.processors} if package != "default" else ",".join(self.processors)
        options = dict(self.stanza_options)
        options.setdefault("use_gpu", False)
        options.setdefault("logging_level", "WARN")
        self.snlp = stanza.Pipeline(
            LANG, dir=str(self.stanza_dir), processors=proc_spec, package=None if package != "default" else "default",
            download_method=None, **options,
        )
        self.with_ents = "ner" in self.processors
        try:
            from warta.resources import load_abbreviations

            self.abbreviations = frozenset(load_abbreviations())
        except Exception:  # pragma: no cover - the list ships with the package
            self.abbreviations = frozenset()

    def __call__(self, text: str) -> Doc:
        if not text.strip():
            words = [text] if text else []
            return Doc(self.vocab, words=words, spaces=[False] * len(words))
        sdoc = self.snlp(text)
        return stanza_to_doc(self.vocab, text, sdoc, with_ents=self.with_ents, abbreviations=self.abbreviations)

    def pipe(self, texts: Iterable[str], batch_size: int = 32) -> Iterable[Doc]:
        for text in texts:
            yield self(text)

    def __reduce__(self):
        return (StanzaTokenizer, (self.vocab, self.stanza_dir, self.processors, self.package, self.stanza_options))


# --------------------------------------------------------------------------- pipeline


def _load_spacy_pipeline(model: Union[str, Path, Language, None]) -> Optional[Language]:
    """warta's spaCy pipeline (default: the shipped ``warta-id-news``), or None when there is none."""
    if isinstance(model, Language):
        return model
    from warta.pipeline import ModelNotFoundError, load

    try:
        return load(model)
    except (ModelNotFoundError, OSError) as e:
        if model is not None:  # asked for explicitly: say so
            raise
        logger.warning("warta's spaCy pipeline is not available (%s)", e)
        return None


def load_stanza_pipeline(
    model: Union[str, Path, Language, None] = None,
    *,
    stanza_dir: Optional[PathLike] = None,
    processors: Optional[Sequence[str]] = None,
    use_stanza_ner: Optional[bool] = None,
    spacy_model: Union[str, Path, Language, None] = None,
    components: Optional[Sequence[str]] = None,
    **stanza_options: Any,
) -> Language:
    """A spaCy ``Language`` running Stanza for the analysis and warta's components on top.

    ``stanza_dir``: directory of Stanza models (``resources.json`` + ``id/<processor>/``); default
    ``$STANZA_RESOURCES_DIR`` if it holds Indonesian models, else warta's shipped models.
    ``model`` (what ``Extractor(model, engine="stanza")`` passes): a Stanza model directory (has
    ``resources.json``) is taken as ``stanza_dir``; anything else (a saved warta pipeline, a shipped
    model name, a ``Language``) as ``spacy_model``.
    ``processors``: Stanza processors (default tokenize, mwt, pos, lemma, depparse).
    ``use_stanza_ner``: True = Stanza's NER sets ``doc.ents``; False = warta's spaCy ``ner``
    (from ``spacy_model``, default the shipped ``warta-id-news``) runs on the Stanza tokens;
    None = :data:`DEFAULT_NER`, falling back to the other when that one is not available.
    ``components``: warta components to run (default all of ``WARTA_COMPONENTS``, loaded ready-made
    from the spaCy pipeline when it is available).
    Other keyword arguments go to ``stanza.Pipeline`` (e.g. ``tokenize_batch_size``).

    Raises :class:`StanzaModelsNotFoundError` (a ``FileNotFoundError``, message says what to do)
    when no models are found, and :class:`StanzaNotInstalledError` without the ``stanza`` extra.
    """
    import spacy

    from warta.pipeline import WARTA_COMPONENTS

    _import_stanza()
    if isinstance(model, (str, os.PathLike)):
        # a saved spaCy pipeline (config.cfg) supplies the NER and components; anything else is
        # a Stanza model directory
        if (Path(model) / "resources.json").exists():
            stanza_dir = stanza_dir if stanza_dir is not None else model
        elif spacy_model is None:
            spacy_model = model
    elif isinstance(model, Language) and spacy_model is None:
        spacy_model = model
    procs = [p for p in (processors if processors is not None else DEFAULT_PROCESSORS) if p != "ner"]
    directory = resolve_stanza_dir(stanza_dir, procs)
    package = _package_for(directory)
    ner_dir = directory / LANG / "ner"
    stanza_ner_available = ner_dir.is_dir() and any(ner_dir.glob("*.pt"))

    base = _load_spacy_pipeline(spacy_model)
    spacy_ner_available = base is not None and "ner" in base.pipe_names
    if use_stanza_ner is None:
        if DEFAULT_NER == "stanza":
            use_stanza_ner = stanza_ner_available or not spacy_ner_available
        else:
            use_stanza_ner = not spacy_ner_available and stanza_ner_available
    if use_stanza_ner and not stanza_ner_available:
        raise StanzaModelsNotFoundError(
            f"No Stanza NER model in {ner_dir}: Stanza publishes no Indonesian NER; warta's is trained by "
            "scripts/train_stanza.py. Use use_stanza_ner=False for warta's spaCy NER."
        )
    if not use_stanza_ner and not spacy_ner_available:
        warnings.warn("warta's spaCy NER model was not found: the Stanza engine runs without statistical NER",
                      stacklevel=2)
    if use_stanza_ner:
        procs.append("ner")
    wanted = list(WARTA_COMPONENTS if components is None else components)
    statistical = [] if use_stanza_ner or base is None else [n for n in base.pipe_names if n in ("tok2vec", "ner")]

    if base is not None and not isinstance(spacy_model, Language) and components is None and all(
        n in base.pipe_names for n in wanted
    ):
        # the shipped pipeline, ready-made: keep its statistical NER (unless Stanza's is used) and
        # warta's components; drop everything that segments sentences (Stanza does)
        nlp = base
        for name in list(nlp.pipe_names):
            if name not in wanted and name not in statistical:
                nlp.remove_pipe(name)
    else:
        nlp = spacy.blank(LANG)
        for name in statistical:  # the ner may listen to a shared tok2vec: bring that along
            nlp.add_pipe(name, source=base)
        for name in wanted:
            if base is not None and name in base.pipe_names:
                nlp.add_pipe(name, source=base)
            else:
                nlp.add_pipe(name)
    nlp.tokenizer = StanzaTokenizer(nlp.vocab, directory, procs, package, stanza_options)
    nlp.meta.update(
        {
            "name": "warta_stanza",
            "description": "warta on Stanza: Stanza tokenize/mwt/pos/lemma/depparse, warta's rule components",
            "warta_engine": "stanza",
            "stanza_dir": str(directory),
            "stanza_package": package,
            "stanza_processors": procs,
            "ner": "stanza" if use_stanza_ner else ("spacy" if spacy_ner_available else None),
        }
    )
    return nlp


# --------------------------------------------------------------------------- linguistic output

from warta.linguistic import linguistic_tokens  # noqa: E402,F401  (re-exported: engine-neutral)


# --------------------------------------------------------------------------- dependency helpers

# Engine-neutral, in warta.syntax; re-exported for callers of the first release.
from warta.syntax import appositive_pairs, coordinated_groups, default_is_title  # noqa: E402,F401


__all__ = [
    "DEFAULT_NER",
    "DEFAULT_PROCESSORS",
    "StanzaModelsNotFoundError",
    "StanzaNotInstalledError",
    "StanzaTokenizer",
    "appositive_pairs",
    "coordinated_groups",
    "default_is_title",
    "download_stanza_models",
    "linguistic_tokens",
    "load_stanza_pipeline",
    "resolve_stanza_dir",
    "shipped_stanza_dirs",
    "stanza_to_doc",
]
