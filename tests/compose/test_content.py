"""What each block holds for a version (compose/content.py): list labels in the version's own digits."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill import api
from handbill.compose.content import LABEL_SPACE, statement_paragraphs


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
    from handbill.build import plan
    from handbill.errors import InputError

    folder = write_leaflet(tmp_path / "dari", MINIMAL_TOML, {"en": "# T\n\nText.\n", "prs": "# ت\n\nمتن.\n"})
    with pytest.raises(InputError, match=r"statement\.fa\.md; the leaflet has 'fa-AF' \(Dari\)"):
        plan(folder, layouts=["a4-flyer"], langs=["fa"])
