"""Fixtures for the text engine's own tests: the project's font catalog and a typesetter on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbill.fonts.catalog import FontCatalog, load_catalog
from handbill.text.paragraph import Typesetter
from handbill.text.shape import force_fallback_shaper

CATALOG = Path(__file__).resolve().parents[2] / "fonts" / "catalog.toml"


@pytest.fixture(scope="session")
def catalog() -> FontCatalog:
    """The shipped catalog, resolved against the installed Debian fonts."""
    return load_catalog(CATALOG)


@pytest.fixture
def setter(catalog: FontCatalog) -> Typesetter:
    """A typesetter with empty caches."""
    return Typesetter(catalog)


@pytest.fixture
def fallback_shaper():
    """Shape with arabic-reshaper instead of HarfBuzz for the test, then switch back."""
    force_fallback_shaper(True)
    yield
    force_fallback_shaper(False)
