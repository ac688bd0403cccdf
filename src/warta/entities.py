"""The final entity layer: one flat, non-overlapping ``doc.ents`` from the model and the rules.

The rule components know identities (a region code, an institution id, an official's name) and
win where they overlap a model span; model spans that no rule covers are kept with a fine label.
Each mention is therefore counted once.
"""

from __future__ import annotations

from typing import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.component import SettingsComponent
from warta.extensions import SPANS_INSTITUTIONS, SPANS_REGIONS, register_extensions

# Model labels from the training corpora → warta's fine labels.
MODEL_LABELS = {
    "PER": "PERSON", "PERSON": "PERSON",
    "ORG": "ORGANIZATION", "ORGANIZATION": "ORGANIZATION",
    "LOC": "LOCATION", "LOCATION": "LOCATION",
}


def _char_spans(doc: Doc, items: Iterable[dict], label: str, key: str = "mentions") -> list[Span]:
    spans = []
    for item in items:
        for start, end in item.get(key, []):
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    return spans


def merge_entities(doc: Doc) -> list[Span]:
    """Rule spans first (longest first), then model spans that overlap none of them."""
    rule_spans: list[Span] = []
    if SPANS_INSTITUTIONS in doc.spans:
        rule_spans += [Span(doc, s.start, s.end, label="INSTITUTION", kb_id=s.kb_id) for s in doc.spans[SPANS_INSTITUTIONS]]
    rule_spans += _char_spans(doc, doc._.warta_organizations or [], "ORGANIZATION")
    rule_spans += _char_spans(doc, doc._.warta_persons or [], "PERSON")
    if SPANS_REGIONS in doc.spans:
        rule_spans += [Span(doc, s.start, s.end, label=s.label_, kb_id=s.kb_id) for s in doc.spans[SPANS_REGIONS]]

    taken = [False] * len(doc)
    kept: list[Span] = []

    def claim(span: Span) -> None:
        if span.start < span.end and not any(taken[span.start : span.end]):
            kept.append(span)
            for i in range(span.start, span.end):
                taken[i] = True

    for span in sorted(rule_spans, key=lambda s: (-(s.end - s.start), s.start)):
        claim(span)
    for ent in doc.ents:
        claim(Span(doc, ent.start, ent.end, label=MODEL_LABELS.get(ent.label_, ent.label_)))
    return sorted(kept, key=lambda s: s.start)


class EntityMerger(SettingsComponent):
    def __init__(self, nlp: Language, name: str = "warta_entities") -> None:
        self.name = name
        self.settings = {}
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc.set_ents(merge_entities(doc), default="outside")
        return doc


@Language.factory("warta_entities", assigns=["doc.ents"], requires=["doc.spans"])
def make_entity_merger(nlp: Language, name: str) -> EntityMerger:
    return EntityMerger(nlp, name)
