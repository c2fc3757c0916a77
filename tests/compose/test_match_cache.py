"""Matched sizes (compose/match.py) are computed once per process for all of a layout's versions, not
once per job: a leaflet in n languages otherwise fits every version's hero and band n times over."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write_leaflet
from handbill.build import plan
from handbill.compose import compose, match
from handbill.fonts.catalog import load_catalog
from handbill.text.paragraph import Typesetter

SLOGANS = {"en": "Bread and roses for all", "fr": "Du pain et des roses", "de": "Brot und Rosen für alle",
           "es": "Pan y rosas para todos"}


def test_each_versions_matched_height_is_computed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    toml = 'title = "T"\ndate = 2024-05-01\nlang = "en"\nlayouts = ["a3-poster"]\norganisation = "N"\n'
    toml += "".join(f'[[slogans]]\nlang = "{lang}"\ntext = "{text}"\n' for lang, text in SLOGANS.items())
    _, jobs, _ = plan(write_leaflet(tmp_path / "four", toml))
    setter = Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))
    calls: list[str] = []
    largest = match._largest

    def counted(setter, job, frame, boxes, paras):
        calls.append(job.lang)
        return largest(setter, job, frame, boxes, paras)

    monkeypatch.setattr(match, "_largest", counted)
    compose(jobs[0], setter)
    first = len(calls)
    assert first >= len(SLOGANS)  # every version's hero (and band) measured for the first job
    for job in jobs[1:]:
        compose(job, setter)
    assert len(calls) < 2 * first  # without the cache: 4 times first (each job measures every version)
    other = Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))  # another catalog may set other sizes
    compose(jobs[1], other)
    assert len(calls) > first
