"""Text copied out of the two-column A4 and Letter flyers comes back in reading order (issue: tester's 13).

poppler (pdftotext, and the viewers built on it) orders a page's text by its own layout analysis, not
by the order it is drawn in. Two things in the flyer's design made it interleave the columns:

- a line pitch of 1.5 times the font size or more (the Arabic-script body was set at exactly 1.5):
  poppler groups lines into a paragraph block only while they are less than 1.5 font sizes apart, so
  each Persian line became a block of its own and the columns were read line by line across;
- paragraphs set apart by more than that: each paragraph became a block, and two columns whose
  paragraphs start (or end) level with each other look to poppler like the cells of a table, read
  row by row (``TextPage::coalesce``, the "tableId" rule).

The flyer's styles keep the line pitch, and the pitch across a paragraph break, under 1.5 font sizes
(``layouts/README.md``), so each column is one block and read whole. The leaflet's signatory line sits
under the first column and poppler may read it between the columns: it is taken out before the check.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handbill.build import build
from pdfcheck import info, normalise, pdftotext, squeeze

FIXTURE = Path(__file__).parent / "fixtures" / "udhr"
SIGNATORY = "Berlin Solidarity Network"
LEAFLET = f'''title = "Universal Declaration of Human Rights"
date = 2026-12-10
lang = "en"
layouts = ["a4-flyer", "letter-flyer"]
organisation = "{SIGNATORY}"

[translations.fa]
organisation = "شبکه همبستگی برلین"

[[slogans]]
lang = "en"
text = "Equal in dignity and rights!"

[[slogans]]
lang = "fa"
text = "زن، زندگی، آزادی"

[[signatories]]
name = "{SIGNATORY}"
country = "Germany"
'''


def paragraphs(lang: str) -> list[str]:
    """The statement's body paragraphs as written (quote marks and the headline left out)."""
    text = (FIXTURE / f"statement.{lang}.md").read_text(encoding="utf-8")
    blocks = [block.strip() for block in text.split("\n\n")]
    return [block.removeprefix("> ") for block in blocks if block and not block.startswith("#")]


@pytest.fixture(scope="module")
def flyers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("udhr") / "udhr"
    folder.mkdir()
    (folder / "leaflet.toml").write_text(LEAFLET, encoding="utf-8")
    for lang in ("en", "fa"):
        shutil.copy(FIXTURE / f"statement.{lang}.md", folder)
    out = folder.parent / "out"
    report = build(folder, out_dir=out)
    assert not report.failed, [r.error for r in report.failed]
    return out / "udhr"


@pytest.mark.parametrize("layout", ["a4-flyer", "letter-flyer"])
@pytest.mark.parametrize("lang", ["en", "fa"])
def test_pdftotext_gives_the_paragraphs_of_a_two_column_flyer_in_order(flyers: Path, layout: str,
                                                                        lang: str) -> None:
    pdf = flyers / f"{layout}.{lang}.pdf"
    assert info(pdf)["Pages"] == "1"  # the one-sided design: both columns on one page
    lines = normalise(pdftotext(pdf), keep_newlines=True).splitlines()
    page = squeeze("\n".join(line for line in lines if SIGNATORY not in line))
    found = [page.find(squeeze(paragraph)) for paragraph in paragraphs(lang)]
    assert -1 not in found, [p[:40] for p, at in zip(paragraphs(lang), found, strict=True) if at < 0]
    assert found == sorted(found), found
