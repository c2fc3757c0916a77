"""The checked-in bidi tables are what scripts/gen-bidi-tables makes from the UCD."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UCD = Path("/usr/share/unicode")


def _generator():
    loader = importlib.machinery.SourceFileLoader("gen_bidi_tables", str(ROOT / "scripts" / "gen-bidi-tables"))
    spec = importlib.util.spec_from_loader("gen_bidi_tables", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.skipif(not (UCD / "extracted" / "DerivedBidiClass.txt").exists(),
                    reason="Debian's unicode-data is not installed (scripts/install-system-deps --test)")
def test_bidi_tables_match_the_ucd() -> None:
    generated = _generator().render(UCD)
    checked_in = (ROOT / "src" / "handbill" / "text" / "bidi_tables.py").read_text(encoding="utf-8")
    assert generated == checked_in, "run scripts/gen-bidi-tables and commit the result"
