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
from handbill.load.numerals import in_numbering_system

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


_WORLD_ENGLISH = "en_001"  # plain "en": day month year, as most English outside the US writes it


def format_long_date(date: datetime.date, lang: str) -> str | None:
    """A date written out the way a language writes it, from CLDR through Babel, in its own digits.

        format_long_date(date(2023, 5, 9), "en")  ->  "9 May 2023"     ("en-US": "May 9, 2023")
        format_long_date(date(2023, 5, 9), "fa")  ->  "۹ مه ۲۰۲۳"
        format_long_date(date(2023, 5, 9), "tr")  ->  "9 Mayıs 2023"

    Babel formats the words and order (CLDR's long date format); the digits are mapped to the
    language's default numbering system (Persian ``arabext``), which Babel's date formatting leaves
    Latin. None when CLDR has no data for the language.
    """
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date

    locale = None
    candidates = [_WORLD_ENGLISH] if lang.lower() == "en" else [lang, lang.split("-")[0]]
    for candidate in candidates:
        try:
            locale = Locale.parse(candidate.replace("-", "_"))
            break
        except (UnknownLocaleError, ValueError):
            continue
    if locale is None:
        return None
    text = format_date(date, "long", locale=locale)
    return in_numbering_system(text, locale.default_numbering_system)
