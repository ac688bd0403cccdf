"""Custom attributes warta's components set on a spaCy ``Doc``.

Components write plain JSON-like values (character offsets, codes, ids) so a Doc round-trips
through ``DocBin`` with ``store_user_data=True`` and across worker processes.

- ``doc._.warta_institutions``: [{"id", "name", "acronym", "kind", "region", "mentions": [[start, end], ...]}]
- ``doc._.warta_organizations``: [{"name", "kind", "mentions"}]
- ``doc._.warta_officials``: [{"name", "title", "jurisdiction", "institution", "mentions", "name_mentions"}]
- ``doc._.warta_persons``: [{"name", "mentions", "official"}]
- ``doc._.warta_quotes``: [{"speaker", "start", "end"}]
"""

from __future__ import annotations

from spacy.tokens import Doc

SPANS_REGIONS = "warta_regions"
SPANS_INSTITUTIONS = "warta_institutions"
SPANS_ORGANIZATIONS = "warta_organizations"
SPANS_OFFICIALS = "warta_officials"
SPANS_TITLES = "warta_titles"
SPANS_INITIALS = "warta_initials"  # persons named only by initials ("berinisial AS"): entities, not person records
SPANS_LOCAL_PLACES = "warta_local_places"  # kecamatan and desa named with their level word (warta.local_places)

DOC_ATTRIBUTES = (
    "warta_institutions",
    "warta_organizations",
    "warta_officials",
    "warta_persons",
    "warta_quotes",
)


def register_extensions() -> None:
    """Register warta's Doc attributes (idempotent)."""
    for attr in DOC_ATTRIBUTES:
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


register_extensions()
