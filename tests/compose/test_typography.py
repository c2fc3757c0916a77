"""Typesetting a designer would not send back, on the seed and on a short and a long statement: no widow
or orphan line, no empty statement column on any page, no signatory split between name and country."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from conftest import SEED, write_leaflet
from handbill.build import plan
from handbill.compose import compose
from handbill.model import ComposedDocument, PlacedLine
from handbill.text.paragraph import Typesetter
from udhr import statement

LAYOUTS = ["a4-flyer", "letter-flyer"]


def leaflet_with(folder: Path, words: int) -> Path:
    """The seed's leaflet.toml (slogans, 16 signatories) with a statement of ``words`` words."""
    toml = (SEED / "leaflet.toml").read_text(encoding="utf-8").replace('layouts = ["a4-flyer", "a3-poster"]',
                                                                      f"layouts = {LAYOUTS!r}".replace("'", '"'))
    return write_leaflet(folder, toml, {"en": statement(words)})


def documents(folder: Path, setter: Typesetter) -> list[tuple[str, ComposedDocument]]:
    _, jobs, _ = plan(folder, layouts=LAYOUTS, langs=["en"])
    return [(job.label, compose(job, setter)) for job in jobs]


def line_text(item: PlacedLine) -> str:
    return "".join(g.text for g in item.line.glyphs)


def statement_lines(document: ComposedDocument):
    """(page, column x, paragraph, y) of every statement line: statement paragraphs are P, LI and
    BlockQuote tags whose block comes first in reading order after the headline... (set at 9-16 pt)."""
    out = []
    for number, page in enumerate(document.pages):
        for item in page.items:
            if isinstance(item, PlacedLine) and item.tag is not None and item.tag.role in ("P", "BlockQuote") \
                    and item.line.glyphs and item.line.glyphs[0].size < 17:
                out.append((number, round(item.x / 20), item.tag.order, -item.y))
    return out


def check(label: str, document: ComposedDocument, signatories: list[tuple[str, str]]) -> None:
    columns: dict[tuple[int, int], list[tuple[tuple[int, int], float]]] = defaultdict(list)
    for page, x, order, y in statement_lines(document):
        columns[page, x].append((order, y))
    paragraphs: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)  # order -> [(page, column)]
    for (page, x), lines in sorted(columns.items()):
        for order, _ in sorted(lines, key=lambda line: line[1]):
            paragraphs[order].append((page, x))
    for order, places in paragraphs.items():
        pieces = [places.count(p) for p in dict.fromkeys(places)]
        if len(pieces) > 1:
            assert min(pieces) >= 2, f"{label}: paragraph {order} broken {pieces} across columns"
    pages = {page for page, _ in columns}
    for page in pages:
        xs = {x for p, x in columns if p == page}
        frame_columns = 2
        assert len(xs) >= frame_columns, f"{label}: page {page + 1} sets the statement in {len(xs)} column(s)"
    lines_by_para: dict[tuple[int, int], list[str]] = defaultdict(list)
    for page in document.pages:
        for item in page.items:
            if isinstance(item, PlacedLine) and item.tag is not None and item.tag.role == "LI":
                lines_by_para[item.tag.order].append(line_text(item))
    for name, country in signatories:
        if not country:
            continue
        hits = [lines for lines in lines_by_para.values() if name.split()[0] in lines[0]]
        assert hits, name
        lines = hits[0]
        if len(lines) > 1:
            assert country.replace(" ", "\u00a0") in lines[-1] or country in lines[-1], (label, lines)
            assert not lines[-1].replace("\u2014", "").strip().startswith(country) or lines[-1].lstrip().startswith(
                "\u2014"), (label, lines)


def seed_signatories() -> list[tuple[str, str]]:
    import tomllib

    data = tomllib.loads((SEED / "leaflet.toml").read_text(encoding="utf-8"))
    return [(s["name"], s.get("country", "")) for s in data["signatories"]]


@pytest.mark.slow
@pytest.mark.parametrize("words", [0, 150, 1500])
def test_no_widows_orphans_empty_columns_or_split_signatories(tmp_path: Path, setter: Typesetter, words: int):
    folder = SEED if words == 0 else leaflet_with(tmp_path / "leaflet", words)
    for label, document in documents(folder, setter):
        check(label, document, seed_signatories())
