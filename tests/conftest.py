"""Shared fixtures: pipelines are built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

import warta

# CI runs the property tests with a fixed seed, so a red build is reproducible; locally they explore.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def rules_nlp():
    """warta's rule components without the statistical NER: deterministic behaviour of the rules."""
    return warta.build_pipeline()


@pytest.fixture(scope="session")
def nlp():
    """The shipped default pipeline (trained NER + rules), loaded offline from the package."""
    return warta.load()


@pytest.fixture(scope="session")
def extractor(nlp):
    return warta.Extractor(model=nlp)


@pytest.fixture(scope="session")
def rules_extractor(rules_nlp):
    return warta.Extractor(model=rules_nlp)
