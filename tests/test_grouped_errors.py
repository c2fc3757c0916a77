"""An error that several versions share word for word is given once, naming the versions, in check and
in build (findings.py, report.py): a character no font has in a signatory's name fails every flyer."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_TOML, write_leaflet
from handbill.build import build
from handbill.check import run_check
from handbill.report import summary_table


def _leaflet(folder: Path) -> Path:
    toml = MINIMAL_TOML + '\n[[signatories]]\nname = "Friends of \U00010FB0"\n'  # Chorasmian: no font has it
    return write_leaflet(folder, toml, {"en": "# Hi\n\nText.\n", "de": "# Hallo\n\nText.\n"})


def test_an_error_of_every_version_is_given_once(tmp_path):
    report = run_check(_leaflet(tmp_path / "l"))
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.job for f in errors] == ["a4-flyer.en", "a4-flyer.de"]  # each version still fails
    assert errors[0].field == "signatories[1].name" and errors[0].message == errors[1].message
    text = report.to_text()
    assert text.count("U+10FB0 CHORASMIAN LETTER ALEPH") == 1, text
    assert "the same for 2 versions: a4-flyer.en, a4-flyer.de" in text
    assert "error    fonts        the same as a4-flyer.en (above)" in text


def test_build_lists_the_versions_of_one_error_once(tmp_path):
    report = build(_leaflet(tmp_path / "l"), out_dir=tmp_path / "out")
    assert len(report.failed) == 2
    table = summary_table(report.results, report.skipped)
    failed = [line for line in table.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and failed[0].startswith("failed   a4-flyer.en, a4-flyer.de (2 versions): "), failed
    assert "signatories[1].name" in failed[0] and "U+10FB0" in failed[0]
