"""The PDF creation date comes from the sources (the leaflet's date) or SOURCE_DATE_EPOCH, never the clock."""

from __future__ import annotations

import datetime

import pytest

from conftest import MINIMAL_TOML, write_leaflet
from handbill.errors import InputError
from handbill.load import load_leaflet
from handbill.load.dates import creation_time, format_long_date

MAY_9 = datetime.date(2023, 5, 9)


def test_noon_utc_of_the_leaflet_date() -> None:
    """Noon UTC is the same calendar day from UTC-12 to UTC+12."""
    assert creation_time(MAY_9, {}) == datetime.datetime(2023, 5, 9, 12, 0, tzinfo=datetime.UTC)


def test_source_date_epoch_wins() -> None:
    assert creation_time(MAY_9, {"SOURCE_DATE_EPOCH": "1700000000"}) == datetime.datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=datetime.UTC)
    assert creation_time(MAY_9, {"SOURCE_DATE_EPOCH": ""}) == creation_time(MAY_9, {})


@pytest.mark.parametrize("value", ["yesterday", "-1", "1.5", "99999999999999999999", "１２３"])
def test_a_malformed_source_date_epoch_is_an_error(value: str) -> None:
    with pytest.raises(InputError, match="SOURCE_DATE_EPOCH"):
        creation_time(MAY_9, {"SOURCE_DATE_EPOCH": value})


def test_loading_reports_a_malformed_source_date_epoch_once(tmp_path, monkeypatch) -> None:
    """Checked when the leaflet loads, so the build stops with one message instead of one per job."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "last tuesday")
    folder = write_leaflet(tmp_path / "lf", MINIMAL_TOML, {"en": "# Hi\n\nText.\n"})
    with pytest.raises(InputError, match="not a time"):
        load_leaflet(folder)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "9 May 2023"), ("en-US", "May 9, 2023"), ("tr", "9 Mayıs 2023"), ("fa", "۹ مه ۲۰۲۳"),
    ("de", "9. Mai 2023"), ("ckb", "٩ی ئایاری ٢٠٢٣"),
])
def test_dates_are_written_per_language_from_cldr(lang: str, expected: str) -> None:
    assert format_long_date(datetime.date(2023, 5, 9), lang) == expected


def test_a_language_cldr_does_not_know_has_no_long_date() -> None:
    assert format_long_date(datetime.date(2023, 5, 9), "qaa") is None
