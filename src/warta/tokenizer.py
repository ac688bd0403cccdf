"""Tokenizer for Indonesian news text.

spaCy's Indonesian defaults split several things that news text uses as single units: dates such as
"(3/9/2025)", abbreviations that keep their period ("Kombes Pol.", "Pj.", "Ir."), and acronyms
with a hyphen ("KemenPAN-RB"). This module adds those rules on top of the defaults and registers
the result as ``warta.news_tokenizer.v1`` so a pipeline config can name it.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from spacy.lang.id import Indonesian
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from warta.resources import load_abbreviations

# "3/9/2025", "31/8", "3-9-2025"; "KemenPAN-RB", "PDI-P", "Covid-19"; "08.30", "1.250.000".
_TOKEN_MATCH = re.compile(
    r"^(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?"
    r"|\d{1,2}-\d{1,2}-\d{4}"
    r"|(?:[A-Za-z]*[A-Z]{2}[A-Za-z]*|[A-Z])(?:-[A-Z0-9]+)+"
    r"|[A-Za-z]+-\d{1,3}"
    r")$"
)
# "Rp3,5" → "Rp" "3,5"; "Rp." stays an abbreviation only when followed by a space.
_EXTRA_PREFIXES = [r"Rp(?=\d)", r"US\$(?=\d)"]
# "Makassar—Gubernur" and "–" used as a dash between words; "Jakarta-Cikampek" (two names).
_EXTRA_INFIXES = [r"(?<=[\w.,])[—–](?=\w)", r"(?<=[a-z])-(?=[A-Z][a-z])"]


def _special_cases(forms: Iterable[str]) -> dict[str, list[dict]]:
    cases: dict[str, list[dict]] = {}
    for form in forms:
        form = form.strip()
        if not form or " " in form:
            continue
        cases[form] = [{ORTH: form}]
    return cases


def create_news_tokenizer(nlp) -> Tokenizer:
    """Build the news tokenizer for ``nlp`` (an Indonesian Language)."""
    defaults = Indonesian.Defaults
    prefixes = list(defaults.prefixes) + _EXTRA_PREFIXES
    infixes = list(defaults.infixes) + _EXTRA_INFIXES
    rules = dict(defaults.tokenizer_exceptions)
    rules.update(_special_cases(load_abbreviations()))
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(prefixes).search,
        suffix_search=compile_suffix_regex(defaults.suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=_TOKEN_MATCH.match,
        url_match=defaults.url_match,
    )


@registry.tokenizers("warta.news_tokenizer.v1")
def news_tokenizer() -> Callable:
    return create_news_tokenizer
