"""The creation date written into every PDF: from the sources, never from the clock.

    created = creation_time(leaflet.date)   # 2023-05-09 12:00 UTC for the seed leaflet

Same sources, same bytes: the date comes from the leaflet's ``date`` (noon UTC, so it is the same
calendar day in every time zone), unless ``SOURCE_DATE_EPOCH`` is set, in which case it wins
(https://reproducible-builds.org/specs/source-date-epoch/: a build system can pin the date of a
whole release).
"""

from __future__ import annotations

import datetime
import os

from handbill.errors import InputError

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
_NOON = datetime.time(12, 0)
_LATEST = 253402300799  # 9999-12-31 23:59:59 UTC, the last moment a PDF date can hold


def creation_time(date: datetime.date, environ: dict[str, str] | None = None) -> datetime.datetime:
    """The PDF creation time for a leaflet dated ``date``: noon UTC that day, or SOURCE_DATE_EPOCH.

    Raises:
        InputError: SOURCE_DATE_EPOCH is set but is not a whole number of seconds in 1970..9999.
    """
    env = os.environ if environ is None else environ
    value = env.get(SOURCE_DATE_EPOCH)
    if value is None or value == "":
        return datetime.datetime.combine(date, _NOON, tzinfo=datetime.UTC)
    text = value.strip()
    if not text.isascii() or not text.isdigit() or int(text) > _LATEST:
        raise InputError(f"the environment variable {SOURCE_DATE_EPOCH}={value!r} is not a time",
                         hint="set it to whole seconds since 1970-01-01 UTC (e.g. $(git log -1 --format=%ct)) "
                              "or unset it")
    return datetime.datetime.fromtimestamp(int(text), tz=datetime.UTC)
