"""Matched sizes (compose/match.py) are computed once per process for all of a layout's versions, not
once per job: a leaflet in n languages otherwise fits every version's hero and band n times over."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, write_leaflet
from handbill.build import plan
from handbill.compose import compose, match
from handbill.fonts.catalog import load_catalog
from handbill.model import PlacedLine
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


def _hero_sizes(document, slogans: dict[str, str]) -> list[tuple[str, float]]:
    """(text, glyph size) of a composed poster's slogan lines (its hero and its band), in reading order."""
    texts = set(slogans.values())
    return [(line.tag.text, round(line.line.glyphs[0].size, 6)) for page in document.pages for line in page.items
            if isinstance(line, PlacedLine) and line.tag is not None and line.tag.text in texts and line.line.glyphs]


@pytest.mark.parametrize("layout", ["poster-type", "a3-poster"])
def test_a_shared_cache_sets_stretched_heroes_as_a_fresh_typesetter_does(tmp_path: Path, layout: str):
    """A stretched hero is matched in each version's own stretched box (compose/document.py, match.py):
    the cache must key on those boxes, so every job sets its hero as a typesetter with nothing cached does,
    also after the leaflet is edited in the same process (handbill serve)."""
    slogans = {**SLOGANS, "he": "לחם ושושנים לכולם"}
    setter = Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))
    for n, edit in enumerate(("", " y trabajo")):
        texts = {**slogans, "es": slogans["es"] + edit}
        toml = f'title = "T"\ndate = 2024-05-01\nlang = "en"\nlayouts = ["{layout}"]\norganisation = "N"\n'
        toml += "".join(f'[[slogans]]\nlang = "{lang}"\ntext = "{text}"\n' for lang, text in texts.items())
        _, jobs, _ = plan(write_leaflet(tmp_path / f"five{n}", toml))
        shared = {job.lang: _hero_sizes(compose(job, setter), texts) for job in jobs}
        for job in jobs:
            fresh = Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))
            assert _hero_sizes(compose(job, fresh), texts) == shared[job.lang], (n, job.lang)
        heroes = {lang: next(size for text, size in lines if text == texts[lang]) for lang, lines in shared.items()}
        assert len(set(heroes[lang] for lang in ("en", "fr", "de"))) == 1  # Latin heroes matched to one size
