"""Reference renderings: every page of the seed's PDFs and of the world fixture's flyers, rendered at
low resolution and compared with the PNGs stored in tests/reference/.

A layout change that moves a frame, a font change that drops a glyph, a colour that shifts: each
shows up here as pixels that differ. After an intended change, look at the new renderings, then
store them::

    HANDBILL_REGENERATE=1 .venv/bin/python -m pytest tests/test_reference.py

The comparison allows rasteriser noise (a pixel may differ by up to NOISE grey levels) and nothing
else: any pixel further off fails the page. Two tests show that this catches a frame moved by 1 mm
and a single glyph dropped.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from handbill.build import BuildReport
from handbill.compose import compose, plan_jobs
from handbill.load import find_layout, load_layout, load_leaflet
from handbill.model import MM, ComposedDocument, PlacedLine
from handbill.pipeline import Session
from handbill.project import layout_search_path
from handbill.render.draw import render_pdf

DPI = 36  # 1 mm is 1.4 px: a frame moved by 1 mm moves every edge in it by at least one pixel
NOISE = 24  # grey levels a pixel may differ by (antialiasing of the same shapes)
REFERENCE = Path(__file__).resolve().parent / "reference"
REGENERATE = os.environ.get("HANDBILL_REGENERATE") == "1"
SEED = Path(__file__).resolve().parents[1] / "leaflets" / "victory-day-2023"


def pages_of(pdf: bytes) -> list[Image.Image]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=DPI / 72, grayscale=True).to_pil().convert("L") for page in document]
    finally:
        document.close()


def difference(image: Image.Image, reference: Image.Image) -> tuple[int, int]:
    """(pixels further off than NOISE, the largest difference); a size change counts every pixel."""
    if image.size != reference.size:
        return image.width * image.height, 255
    diff = ImageChops.difference(image, reference)
    histogram = diff.histogram()
    return sum(histogram[NOISE + 1:]), max((v for v, n in enumerate(histogram) if n), default=0)


def compare(name: str, pdf: bytes) -> list[str]:
    """Problems of one PDF against its stored pages (or store them when regenerating)."""
    problems = []
    pages = pages_of(pdf)
    for stale in sorted(REFERENCE.glob(f"{name}-*.png")):  # a page the PDF no longer has
        number = stale.stem[len(Path(name).name) + 1:]
        if number.isdigit() and int(number) > len(pages):
            if REGENERATE:
                stale.unlink()
            else:
                problems.append(f"{stale.name}: the PDF has {len(pages)} page(s), the reference more")
    for number, image in enumerate(pages, start=1):
        path = REFERENCE / f"{name}-{number}.png"
        if REGENERATE:
            path.parent.mkdir(parents=True, exist_ok=True)
            image.save(path, optimize=True)
            continue
        if not path.exists():
            problems.append(f"{path.name}: no reference rendering (regenerate, see the module docstring)")
            continue
        off, worst = difference(image, Image.open(path).convert("L"))
        if off:
            problems.append(f"{path.name}: {off} pixels differ by more than {NOISE} (up to {worst})")
    return problems


def test_the_seed_renders_as_its_reference(seed_build: tuple[BuildReport, Path]) -> None:
    report, _ = seed_build
    problems = [p for path in report.written if path.name.endswith(".pdf") and ".imposed" not in path.name
                and ".separations" not in path.name
                for p in compare(f"seed/{path.stem}", path.read_bytes())]
    assert not problems, "\n".join(problems) + "\nif intended: HANDBILL_REGENERATE=1 pytest tests/test_reference.py"


def test_the_world_fixture_renders_as_its_reference(world_build: tuple[BuildReport, Path]) -> None:
    report, _ = world_build
    problems = [p for path in report.written if path.suffix == ".pdf"
                for p in compare(f"world/{path.stem}", path.read_bytes())]
    assert not problems, "\n".join(problems) + "\nif intended: HANDBILL_REGENERATE=1 pytest tests/test_reference.py"


# -- the comparison catches small defects -------------------------------------------------------------

def seed_card(move_mm: float = 0.0) -> tuple[ComposedDocument, Session]:
    """The seed's A6 card in English, composed here, with its hero frame moved right by move_mm."""
    leaflet = load_leaflet(SEED)
    search = layout_search_path(SEED)
    layout = load_layout(find_layout("a6-card", search), search)
    if move_mm:
        page = layout.pages[0]
        frames = tuple(dataclasses.replace(f, x=f.x + move_mm * MM) if f.block == "hero" else f
                       for f in page.frames)
        layout = dataclasses.replace(layout, pages=(dataclasses.replace(page, frames=frames), *layout.pages[1:]))
    jobs, _ = plan_jobs(leaflet, [layout], ["en"])
    session = Session.for_leaflet(SEED)
    return compose(jobs[0], session.setter), session


@pytest.mark.skipif(REGENERATE, reason="regenerating")
def test_a_frame_moved_by_one_millimetre_is_caught() -> None:
    reference = pages_of(render_pdf(seed_card()[0]))[0]
    moved = pages_of(render_pdf(seed_card(move_mm=1.0)[0]))[0]
    off, worst = difference(moved, reference)
    assert off > 0 and worst > NOISE


@pytest.mark.skipif(REGENERATE, reason="regenerating")
def test_a_single_dropped_glyph_is_caught() -> None:
    document, _ = seed_card()
    reference = pages_of(render_pdf(document))[0]
    page = document.pages[0]
    index, line = next((i, item) for i, item in enumerate(page.items)
                       if isinstance(item, PlacedLine) and len(item.line.glyphs) > 3)
    glyphs = line.line.glyphs
    victim = next(k for k, g in enumerate(glyphs) if g.text.strip())
    fewer = dataclasses.replace(line.line, glyphs=glyphs[:victim] + glyphs[victim + 1:])
    shorter = dataclasses.replace(line, line=fewer)
    items = (*page.items[:index], shorter, *page.items[index + 1:])
    dropped = dataclasses.replace(document, pages=(dataclasses.replace(page, items=items), *document.pages[1:]))
    off, worst = difference(pages_of(render_pdf(dropped))[0], reference)
    assert off > 0 and worst > NOISE
