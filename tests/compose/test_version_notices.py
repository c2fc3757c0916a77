"""A layout that shows a statement's headline and lead lines but none of its paragraphs says so
(compose/content.py's version_notices), as one that has no frame for the logo does."""

from __future__ import annotations

from conftest import MINIMAL_TOML, write_leaflet
from handbill.build import plan
from handbill.compose.content import version_notices


def _notices(tmp_path, statement: str, layout: str) -> list[str]:
    leaflet, jobs, _ = plan(write_leaflet(tmp_path / "l", MINIMAL_TOML, {"en": statement}), layouts=[layout])
    [job] = [job for job in jobs if job.lang == "en"]
    return [notice.message for notice in version_notices(leaflet, job.layout, "en")]


def test_the_a5_handbill_says_it_prints_no_paragraph(tmp_path):
    found = _notices(tmp_path, "# Hi\n\n## Bread for all\n\nThe text of the statement.\n", "a5-handbill")
    assert "layout a5-handbill prints the statements' headline and '## ' lead lines, none of their paragraphs" in found


def test_the_flyer_and_the_poster_say_nothing_of_it(tmp_path):
    for layout in ("a4-flyer", "a3-poster"):
        found = _notices(tmp_path / layout, "# Hi\n\n## Bread\n\nThe text.\n", layout)
        assert not any("none of their paragraphs" in message for message in found), layout
