"""What each block holds for a version (compose/content.py): list labels in the version's own digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill import api
from handbill.build import plan
from handbill.compose import compose
from handbill.compose.content import LABEL_SPACE, statement_paragraphs
from handbill.errors import InputError
from handbill.model import PlacedLine
from handbill.text.paragraph import Typesetter


@pytest.mark.parametrize(("lang", "first", "second"), [("fa", "۱.", "۲."), ("bn", "১.", "২."), ("en", "1.", "2."),
                                                       ("ar", "1.", "2.")])
def test_numbered_list_labels_are_written_in_the_versions_digits(tmp_path: Path, lang: str, first: str,
                                                                 second: str):
    """A volunteer's Dari list read `1.` beside a date in Persian digits (tester 5); CLDR's default
    numbering system decides (Arabic's is Latin)."""
    folder = write_leaflet(tmp_path / "lists", MINIMAL_TOML, {"en": "# T\n\nText.\n",
                                                             lang: "# T\n\nText.\n\n1. one\n2. two\n"})
    leaflet = api.load_leaflet(folder)
    items = [p for p in statement_paragraphs(leaflet, lang, "body", False) if p.style == "list"]
    labels = [p.spans[0].text for p in items]
    assert labels == [f"{first}{LABEL_SPACE}", f"{second}{LABEL_SPACE}"]
    assert all(p.label == len(label) for p, label in zip(items, labels, strict=True))


def test_a_missing_version_names_the_close_one_the_leaflet_has(tmp_path: Path):
    """`--lang fa` on a leaflet with Dari (fa-AF) said only "add statement.fa.md" (tester 5)."""
    folder = write_leaflet(tmp_path / "dari", MINIMAL_TOML, {"en": "# T\n\nText.\n", "prs": "# ت\n\nمتن.\n"})
    with pytest.raises(InputError, match=r"statement\.fa\.md; the leaflet has 'fa-AF' \(Dari\)"):
        plan(folder, layouts=["a4-flyer"], langs=["fa"])


ITEM = "Everyone has the right to freedom of movement and residence within the borders of each State."
ITEM_FA = "هر کس حق دارد که در داخل هر کشوری آزادانه عبور و مرور کند و محل اقامت خود را انتخاب نماید."


@pytest.mark.parametrize(("lang", "item"), [("en", ITEM), ("fa", ITEM_FA)])
def test_a_list_items_later_lines_hang_under_its_text_not_its_label(tmp_path: Path, setter: Typesetter, lang: str,
                                                                    item: str):
    """A wrapped list item's second line starts under the text after `1.`, on the start side (the right in
    Persian), as a list is set in print; it went back under the number (tester 5's Dari and English flyers)."""
    statements = {"en": "# T\n\nText.\n", lang: f"# T\n\nText.\n\n1. {item}\n2. {item}\n"}
    _, jobs, _ = plan(write_leaflet(tmp_path / "hang", MINIMAL_TOML, statements), layouts=["a4-flyer"],
                      langs=[lang])
    document = compose(jobs[0], setter)
    lines = [item for item in document.pages[0].items
             if isinstance(item, PlacedLine) and item.tag is not None and item.tag.role == "LI"]
    first_item = [line for line in lines if line.tag == lines[0].tag]
    assert len(first_item) >= 2
    rtl = lang == "fa"
    edge = [(-(line.x + line.line.width) if rtl else line.x) for line in first_item]  # the start side
    label = edge[1] - edge[0]
    size = first_item[0].line.glyphs[0].size
    assert 0.5 * size < label < 2.5 * size, edge  # `1.` and its space: 0.7 em in Persian, 1.1 em in English
    assert all(abs(e - edge[1]) < 0.01 for e in edge[1:]), edge  # every later line at the text's edge
