"""Optical sizes on the seed's posters, measured on the composed pages: scripts in one band look equally
large, and a poster's hero looks equally large in every language unless its text cannot fit."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import ROOT, write_leaflet
from handbill.build import plan
from handbill.compose import compose
from handbill.compose.match import MATCH_FLOOR, matched_target
from handbill.errors import TextOverflowError
from handbill.fonts.optical import cap_height, ideographic_face, x_height
from handbill.model import MM, ComposedDocument, PlacedLine
from handbill.pipeline import Session
from handbill.text.optical import ICF_OVER_CAP
from handbill.text.script import COMMON, INHERITED, char_script

SEED = ROOT / "leaflets" / "victory-day-2023"
POSTERS = ("a3-poster", "a2-poster", "tabloid-poster")
LATIN_X_OVER_CAP = 0.546 / 0.714  # Noto Sans Bold, the catalog's Latin face: x-height over cap height
HERO_TOLERANCE = 0.15  # the limit: heroes of one leaflet's posters within 15 % in cap height


@pytest.fixture(scope="module")
def setter():
    return Session.for_leaflet(SEED).setter


def seed_jobs(layout: str, langs: list[str] | None = None, folder: Path = SEED):
    _, jobs, _ = plan(folder, [layout], langs)
    return jobs


def letters_height(line: PlacedLine) -> tuple[str, float] | None:
    """(script, x-height in points) of the face and script drawing most of a line's letters, measured on
    its placed glyphs; None for a line in a script with no measure."""
    counts: Counter[tuple[int, str]] = Counter()
    glyphs = {}
    for glyph in line.line.glyphs:
        scripts = {char_script(c) for c in glyph.text} - {COMMON, INHERITED}
        if len(scripts) == 1:
            key = (id(glyph.face), scripts.pop())
            counts[key] += 1
            glyphs[key] = glyph
    if not counts:
        return None
    key, _ = counts.most_common(1)[0]
    glyph = glyphs[key]
    height = x_height(glyph.face, key[1])
    if height is None and ideographic_face(glyph.face, key[1]) is not None:  # CJK: its face as Latin capitals
        height = ideographic_face(glyph.face, key[1]) / ICF_OVER_CAP * LATIN_X_OVER_CAP
    return None if height is None else (key[1], glyph.size * height)


def lines_in(document: ComposedDocument, top_mm: float, bottom_mm: float) -> list[PlacedLine]:
    """The first page's lines whose baseline lies between two distances from the top (mm)."""
    return [item for item in document.pages[0].items if isinstance(item, PlacedLine) and item.line.glyphs
            and top_mm * MM <= document.height - item.y <= bottom_mm * MM]


def hero_cap_height(document: ComposedDocument) -> float:
    """The hero's height in Latin cap heights (points): the largest type on the page, its x-height (letter
    body) scaled by the Latin face's cap height over its x-height, so every script is compared alike."""
    lines = [item for item in document.pages[0].items if isinstance(item, PlacedLine) and item.line.glyphs]
    biggest = max(max(g.size for g in line.line.glyphs) for line in lines)
    hero = [line for line in lines if max(g.size for g in line.line.glyphs) == biggest]
    measured = [m for m in map(letters_height, hero) if m is not None]
    latin = next(g.face for line in lines for g in line.line.glyphs if g.text and char_script(g.text[0]) == "Latn")
    ratio = cap_height(latin) / (x_height(latin, "Latn") or 1.0)
    return max(h for _, h in measured) * ratio


def test_every_script_in_the_slogan_band_looks_equally_large(setter):
    job = seed_jobs("a3-poster", ["en"])[0]
    band = lines_in(compose(job, setter), 218, 336)  # the band frame of a3-poster.toml
    measured = [m for m in map(letters_height, band) if m is not None]
    assert {script for script, _ in measured} >= {"Latn", "Arab", "Grek", "Armn"}
    heights = [h for _, h in measured]
    assert max(heights) / min(heights) < 1.04, measured


@pytest.mark.parametrize(("layout", "top_mm", "bottom_mm"), [("a4-flyer", 0, 56), ("poster-type", 0, 420)])
def test_the_flyers_slogan_list_and_the_type_posters_band_look_equally_large_in_every_script(
        setter, layout, top_mm, bottom_mm):
    """Both are sized by x-height: before, the flyer's Persian line (Noto Naskh Arabic at the Arabic size)
    drew 16 % smaller than its Arabic and Latin lines."""
    job = seed_jobs(layout, ["en"])[0]
    document = compose(job, setter)
    hero = max(g.size for item in document.pages[0].items if isinstance(item, PlacedLine) for g in item.line.glyphs)
    slogans = {s.text for s in job.leaflet.slogans}
    lines = [line for line in lines_in(document, top_mm, bottom_mm) if line.tag is not None
             and line.tag.text in slogans and max(g.size for g in line.line.glyphs) < hero]
    measured = [m for m in map(letters_height, lines) if m is not None]
    assert {script for script, _ in measured} >= {"Latn", "Arab", "Grek", "Armn"}
    heights = [h for _, h in measured]
    assert max(heights) / min(heights) < 1.04, measured


def test_sized_by_em_the_persian_band_line_looks_smaller_than_the_arabic(setter):
    # the same band with the Naskh line at Noto Sans Arabic's size: what the issue saw, and what the test catches
    job = seed_jobs("a3-poster", ["en"])[0]
    styles = dict(job.layout.styles)
    band = styles["band"]
    styles["band"] = replace(band, base=replace(band.base, size_by="em"), scripts={})
    document = compose(replace(job, layout=replace(job.layout, styles=styles)), setter)
    # the band sits between the headline and the organisation (a stack: where depends on the hero); the
    # hero and the headline of the English poster are Latin, so the Arabic-script lines there are the band's
    arabic = [m for m in map(letters_height, lines_in(document, 140, 345)) if m is not None and m[0] == "Arab"]
    assert len(arabic) == 2
    assert min(h for _, h in arabic) / max(h for _, h in arabic) < 0.88


@pytest.mark.parametrize("layout", POSTERS)
def test_heroes_are_equally_large_in_every_language_unless_the_text_cannot_fit(setter, layout):
    jobs = seed_jobs(layout)
    assert len(jobs) == 11
    heights = {job.lang: hero_cap_height(compose(job, setter)) for job in jobs}
    largest = max(heights.values())
    small = {lang: h for lang, h in heights.items() if h < (1 - HERO_TOLERANCE) * largest}
    assert len(small) <= 1, heights  # the seed: only the long Armenian slogan falls short
    for lang, height in small.items():
        job = next(j for j in jobs if j.lang == lang)
        # it cannot fit at the size the others have: set at exactly that size, it overflows the frame
        hero = job.layout.styles["hero"]
        fixed_pt = (1 - HERO_TOLERANCE) * largest / height * hero.for_script("Armn").size
        fixed = replace(hero.base, size=fixed_pt, min_size=fixed_pt, max_size=fixed_pt)
        styles = {**job.layout.styles, "hero": replace(hero, base=fixed, scripts={})}
        with pytest.raises(TextOverflowError):
            compose(replace(job, layout=replace(job.layout, styles=styles)), setter)


def test_a_version_built_alone_has_the_hero_it_has_among_the_others(setter):
    alone = compose(seed_jobs("a3-poster", ["el"])[0], setter)
    among = next(compose(job, setter) for job in seed_jobs("a3-poster") if job.lang == "el")
    assert hero_cap_height(alone) == hero_cap_height(among)


def test_the_common_height_is_the_smallest_that_reaches_the_floor_of_the_median():
    assert matched_target([45, 48, 50, 60, 62]) == 45  # 45 >= 0.85 x 50: everyone comes down to 45
    assert matched_target([10, 50, 52, 60]) == 50  # 10 is far below the median: it does not pull the rest down
    assert matched_target([40, 41, 50, 60, 62]) == 50  # two short of 0.85 x 50 are set on their own
    assert pytest.approx(1 - HERO_TOLERANCE) == MATCH_FLOOR


MIXED = {"en": "Free and equal in dignity!", "he": "חופשיים ושווים בכבוד!", "hi": "गरिमा में स्वतंत्र और समान!",
         "th": "เสรีและเสมอภาคในศักดิ์ศรี!", "zh": "在尊严上自由平等！"}


def test_latin_hebrew_hindi_thai_and_chinese_heroes_look_equally_large(tmp_path: Path):
    """Each script's measure (Hebrew letter height, Devanagari headline, Thai base consonants, the CJK
    ideographic face as Latin capitals) matched to Latin's x-height: within 5 % across the five posters.
    Before (each script at its face's design size), Hebrew was 10 % and Hindi 14 % larger than Latin."""
    toml = ('title = "Rights"\ndate = 2024-05-01\nlang = "en"\nlayouts = ["a3-poster"]\norganisation = "Network"\n'
            + "".join(f'[[slogans]]\nlang = "{lang}"\ntext = "{text}"\n' for lang, text in MIXED.items()))
    folder = write_leaflet(tmp_path / "mixed", toml)
    setter = Session.for_leaflet(folder).setter
    heights = {}
    for job in seed_jobs("a3-poster", folder=folder):
        document = compose(job, setter)
        hero = [item for item in document.pages[0].items if isinstance(item, PlacedLine) and item.tag is not None
                and item.tag.text == MIXED[job.lang] and item.line.glyphs]
        measured = {m for m in map(letters_height, hero) if m is not None}
        if not measured:
            pytest.skip(f"{job.lang}: no font with a measure for its script here")
        heights[job.lang] = max(h for _, h in measured)
    assert len(heights) == 5
    assert min(heights.values()) / max(heights.values()) > 0.95, heights


SCRIPTS = ROOT / "tests" / "fixtures" / "scripts"


@pytest.mark.parametrize("layout", ["poster-type", "a3-poster"])
def test_stretched_heroes_are_matched_in_each_versions_own_stretched_box(tmp_path: Path, layout: str):
    """A stretched hero is set again in a box grown by its own version's spare height (its headline and
    band leave different room in each version); the size must still be the same in every version. Before,
    each version matched all the others in its own stretched box: poster-type's English hero came out
    71.7 pt of x-height against 65.5 for the French, Spanish, Hebrew and Hindi ones."""
    folder = tmp_path / "scripts"
    folder.mkdir()
    langs = ["en", "es", "fr", "he", "hi"]
    toml = (SCRIPTS / "leaflet.toml").read_text(encoding="utf-8")
    kept = re.sub(r'\[\[slogans\]\]\nlang = "([^"]*)"\ntext = "[^"]*"\n\n',
                  lambda m: m.group(0) if m.group(1) in langs else "", toml)
    write_leaflet(folder, kept.replace('layouts = ["a4-flyer", "a3-poster"]', f'layouts = ["{layout}"]'),
                  {lang: (SCRIPTS / f"statement.{lang}.md").read_text(encoding="utf-8") for lang in langs})
    setter = Session.for_leaflet(folder).setter
    heights = {job.lang: hero_cap_height(compose(job, setter)) for job in seed_jobs(layout, folder=folder)}
    assert len(heights) == len(langs)
    median = statistics.median(heights.values())
    matched = [h for h in heights.values() if h >= MATCH_FLOOR * median]
    assert len(matched) >= 4 and max(matched) / min(matched) < 1.01, heights
