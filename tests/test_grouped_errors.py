"""An error that several versions share word for word (the A4 flyer's band of every slogan) is given
once, naming the versions, in check and in build (findings.py, report.py, compose/overflow.py)."""

from __future__ import annotations

from pathlib import Path

from conftest import MINIMAL_TOML, write_leaflet
from handbill.build import build
from handbill.check import run_check
from handbill.report import summary_table

LONG = " ".join(["Bread and roses for everyone who works and everyone who cannot."] * 14)  # 900 characters
LANGS = ("de", "fr", "es", "it", "pt", "nl", "pl", "sv", "da", "fi", "cs")


def _leaflet(folder: Path) -> Path:
    toml = MINIMAL_TOML.replace('text = "Bread and roses"', f'text = "{LONG}"') + "".join(
        f'[[slogans]]\nlang = "{lang}"\ntext = "{LONG}"\n' for lang in LANGS)
    return write_leaflet(folder, toml, {"en": "# Hi\n\nText.\n", "de": "# Hallo\n\nText.\n"})


def test_the_slogan_band_is_named_and_reported_once(tmp_path):
    report = run_check(_leaflet(tmp_path / "l"))
    errors = [f for f in report.findings if f.severity == "error"]
    assert [f.job for f in errors] == ["a4-flyer.en", "a4-flyer.de"]  # each version still fails
    error = errors[0]
    assert error.message.startswith("the slogan band (12 slogans) does not fit layout a4-flyer: it is about")
    assert error.field == "slogans" and ".text" not in error.where
    assert error.hint.startswith("shorten the slogans by at least about") and " in all" in error.hint
    text = report.to_text()
    assert text.count("the slogan band (12 slogans) does not fit") == 1
    assert "the same for 2 versions: a4-flyer.en, a4-flyer.de" in text
    assert "error    overflow     the same as a4-flyer.en (above)" in text


def test_build_lists_the_versions_of_one_error_once(tmp_path):
    report = build(_leaflet(tmp_path / "l"), out_dir=tmp_path / "out")
    assert len(report.failed) == 2
    table = summary_table(report.results, report.skipped)
    failed = [line for line in table.splitlines() if line.startswith("failed")]
    assert len(failed) == 1 and failed[0].startswith("failed   a4-flyer.en, a4-flyer.de (2 versions): ")
    assert "slogan band (12 slogans)" in failed[0]
