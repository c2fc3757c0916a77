"""No shipped layout leaves more than a quarter of a page blank (issue 10, "layouts that fit the content").

Each layout is composed for the seed's slogans and signatories with a statement of 150, 600 and 1,500
words of real prose (the Universal Declaration of Human Rights, several paragraphs: tests/udhr.py), with
the group's logo and a url for the QR code, and once without them. Every page is rendered at one pixel per
millimetre and the largest empty rectangle inside its trim is measured (tests/blank.py): what a reader
sees as an empty column, a blank bottom third or a dead gap. One typesetting session serves every case.

Layouts are listed by kind; each kind's list is owned by the engineer of those layouts (print layouts:
flyer; posters and social sizes: posters) and a new shipped layout belongs in one of them
(``test_every_shipped_layout_is_measured``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from blank import blank_fractions
from conftest import ROOT, SEED, write_leaflet
from handbill.build import plan
from handbill.compose import compose
from handbill.pipeline import Session
from handbill.render.draw import render_pdf
from logo_leaflet import draw_group_logo
from udhr import statement

pytestmark = pytest.mark.slow

LIMIT = 0.25  # the largest blank rectangle of a page, as a fraction of the trimmed page
WORDS = [150, 600, 1500]

# Print layouts that set the statement or the slogans on paper (engineer flyer).
PRINT_LAYOUTS = ["a4-flyer", "letter-flyer", "a5-handbill", "a6-card", "riso-2colour"]
# Posters and social sizes (engineer posters). Posters set no statement: the statement's length changes
# nothing on them, the logo and QR code do (their frames close up without them).
POSTER_LAYOUTS = ["a3-poster", "a2-poster", "tabloid-poster", "poster-type", "poster-photo", "poster-bold"]
SOCIAL_LAYOUTS = ["square-post", "portrait-post", "story"]
# Layouts not measured here, each with the reason.
NOT_MEASURED: dict[str, str] = {}
LAYOUTS = PRINT_LAYOUTS + POSTER_LAYOUTS + SOCIAL_LAYOUTS
# Cases known to fail, being fixed (issue 10): (layout, words), words 0 for the case without logo or url.
# Strict: a case that starts passing fails here until it is taken off this list.
OPEN: set[tuple[str, int]] = set()
URL = "https://example.org/rally-2023-05-09"


def _leaflet(folder: Path, words: int, extras: bool) -> Path:
    """The seed's leaflet.toml (11 slogans, 16 signatories) with a statement of ``words`` words, and with the
    logo and url when ``extras``."""
    toml = (SEED / "leaflet.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?m)^layouts = .*$", 'layouts = ["a4-flyer"]', toml)
    if extras:
        toml = toml.replace("\n[[slogans]]", f'\nurl = "{URL}"\nlogo = "logo.png"\n\n[[slogans]]', 1)
    folder = write_leaflet(folder, toml, {"en": statement(words)})
    if extras:
        draw_group_logo(folder / "logo.png")
    return folder


@pytest.fixture(scope="module")
def session() -> Session:
    return Session.for_leaflet(SEED)


@pytest.fixture(scope="module")
def leaflets(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, bool], Path]:
    root = tmp_path_factory.mktemp("blank")
    return {(words, extras): _leaflet(root / f"w{words}-{extras}", words, extras)
            for words in WORDS for extras in (True, False)}


def _cases(words: list[int]) -> list[object]:
    return [pytest.param(layout, count, id=f"{layout}-{count or 'no-logo-or-url'}",
                         marks=[pytest.mark.xfail(strict=True, reason="issue 10: open")] if (layout, count) in OPEN
                         else []) for layout in LAYOUTS for count in words]


def _fractions(folder: Path, layout: str, session: Session, tmp_path: Path) -> list[float]:
    _, jobs, _ = plan(folder, layouts=[layout], langs=["en"])
    assert jobs, layout
    pdf = tmp_path / f"{layout}.pdf"
    pdf.write_bytes(render_pdf(compose(jobs[0], session.setter)))
    return blank_fractions(pdf)


@pytest.mark.parametrize(("layout", "words"), _cases(WORDS))
def test_no_page_is_more_than_a_quarter_blank(layout: str, words: int, leaflets, session: Session,
                                              tmp_path: Path) -> None:
    fractions = _fractions(leaflets[words, True], layout, session, tmp_path)
    assert max(fractions) <= LIMIT, f"{layout}, {words} words, logo and QR: blank per page {fractions}"


@pytest.mark.parametrize(("layout", "words"), _cases([0]))
def test_no_page_is_more_than_a_quarter_blank_without_logo_or_qr(layout: str, words: int, leaflets, session: Session,
                                                                 tmp_path: Path) -> None:
    fractions = _fractions(leaflets[600, False], layout, session, tmp_path)
    assert max(fractions) <= LIMIT, f"{layout}, 600 words, no logo or url: blank per page {fractions}"


def test_every_shipped_layout_is_measured() -> None:
    shipped = {path.stem for path in (ROOT / "layouts").glob("*.toml")}
    assert shipped == set(LAYOUTS) | set(NOT_MEASURED), "add the layout to a list (or say why not)"
