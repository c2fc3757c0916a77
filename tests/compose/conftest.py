"""Fixtures for the compose tests: a typesetter on the shipped font catalog, fresh for each module."""

from __future__ import annotations

import pytest

from conftest import ROOT
from handbill.fonts.catalog import load_catalog
from handbill.text.paragraph import Typesetter


@pytest.fixture(scope="module")
def setter() -> Typesetter:
    return Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))
