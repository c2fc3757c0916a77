"""Loading a leaflet folder: leaflet.toml and every statement.<lang>.md beside it."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

from handbill import languages as language_data
from handbill.errors import InputError
from handbill.frozen import FrozenMap
from handbill.load.dates import creation_time
from handbill.load.markdown import read_statement
from handbill.load.misnamed import STATEMENT_NAME, misnamed_statements
from handbill.load.paths import check_image, confine, safe_leaflet_path
from handbill.load.placeholders import placeholder_notices
from handbill.load.text_checks import bad_character, describe, has_visible, language_problem
from handbill.load.toml import Fields, read_toml
from handbill.load.vector import is_vector, vector_size
from handbill.load.versions import one_version_per_language
from handbill.model import Leaflet, Signatory, Slogan, Statement

LEAFLET_FILE = "leaflet.toml"
_STATEMENT = STATEMENT_NAME
LEAFLET_KEYS = ("title", "date", "lang", "layouts", "organisation", "place_date", "slogans", "signatories",
                "languages", "url", "translations", "logo", "photo")
TRANSLATED_KEYS = ("title", "organisation", "place_date")  # the lines [translations.<lang>] may give
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SINGULAR = {"slogans": "slogan", "signatories": "signatory"}
MAX_SLOGANS = 64
MAX_SIGNATORIES = 500
MAX_STATEMENTS = 100  # languages of one leaflet
MAX_LAYOUTS = 32  # layouts one leaflet names
MAX_URL_CHARS = 1_000  # the address printed as a QR code: longer ones give codes too dense to scan
MAX_FIELD_CHARS = {"title": 300, "text": 1_000, "name": 300, "country": 100, "organisation": 300,
                   "place_date": 300}  # characters, per text field of leaflet.toml (see docs/limits.md)


def load_leaflet(folder: Path) -> Leaflet:
    """Read and validate a leaflet folder; every problem is an InputError naming file and key."""
    folder = Path(folder)
    if folder.is_file():
        raise InputError("this is a file: give the folder, not the file", file=folder,
                         hint=f"give the folder that holds leaflet.toml: {folder.parent}")
    if not folder.is_dir():
        raise InputError("leaflet folder not found", file=folder,
                         hint="give the folder that holds leaflet.toml, e.g. leaflets/victory-day-2023")
    path = folder / LEAFLET_FILE
    if not path.is_file():
        raise InputError("no leaflet.toml in this folder", file=folder,
                         hint="create one with 'handbill new NAME' or copy leaflets/victory-day-2023/leaflet.toml")
    confine(path, [folder], what=LEAFLET_FILE)
    fields = Fields(read_toml(path), path)
    fields.check_keys(LEAFLET_KEYS)
    lang = _language(fields, "lang")
    if isinstance(fields.table.get("date"), str):
        raise fields.error("date", f"expected date (year-month-day), got text {fields.table['date'][:40]!r}",
                           "write the date without quotes, year-month-day: date = 2026-05-09")
    date = fields.get("date", datetime.date, required=True)
    if isinstance(date, datetime.datetime):
        date = date.date()
    creation_time(date)  # a malformed SOURCE_DATE_EPOCH is reported now, not once per job
    layouts = fields.get("layouts", list, required=True)
    if not layouts:
        raise fields.error("layouts", "names no layout, so nothing would be made",
                           'list at least one, e.g. layouts = ["a4-flyer"] (handbill layouts lists them)')
    if len(layouts) > MAX_LAYOUTS:
        raise fields.error("layouts", f"{len(layouts)} layouts; at most {MAX_LAYOUTS} are supported")
    for i, name in enumerate(layouts):
        if not isinstance(name, str) or not name.strip():
            raise fields.error(f"layouts[{i + 1}]", "expected a layout name (a string)")
        if name in layouts[:i]:
            raise fields.error(f"layouts[{i + 1}]", f"'{name}' is listed twice", "list each layout once")
    languages = fields.get("languages", list, [])
    for i, code in enumerate(languages):
        problem = language_problem(code) if isinstance(code, str) else (f"not a language code: {code!r}", "")
        if problem is not None:
            raise fields.error(f"languages[{i + 1}]", problem[0], problem[1] or "use BCP 47 codes: en, fa, kmr")
    languages = [language_data.canonical(code) for code in languages]
    slogans = _slogans(fields)
    signatories = _signatories(fields)
    statements = _statements(folder)
    leaflet = one_version_per_language(Leaflet(
        folder=folder,
        title=_clean(fields, "title"),
        date=date,
        lang=lang,
        layouts=tuple(layouts),
        organisation=_clean(fields, "organisation", ""),
        place_date=_clean(fields, "place_date", ""),
        slogans=slogans,
        signatories=signatories,
        statements=FrozenMap(statements),
        languages=tuple(languages),
        url=_url(fields),
        translations=_translations(fields),
        warnings=(*misnamed_statements(folder, sorted(p.name for p in folder.iterdir())),
                  *(notice for statement in statements.values() for notice in statement.warnings)),
        logo=_picture(fields, folder, "logo"),
        photo=_picture(fields, folder, "photo"),
    ))
    return replace(leaflet, warnings=(*leaflet.warnings, *placeholder_notices(leaflet)))


def _picture(fields: Fields, folder: Path, key: str) -> str:
    """``logo`` or ``photo``: a PNG, JPEG or SVG file in the leaflet folder, checked to exist and open."""
    name = fields.text(key, "")
    if not name:
        return ""
    path = safe_leaflet_path(folder, name, key, source=fields.path)
    if is_vector(path):
        vector_size(path, key, source=fields.path)  # drawn as vectors: what cannot be is refused now
        return name
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise fields.error(key, f"{name!r} is not a PNG, JPEG, SVG or PDF file",
                           "save the picture as PNG, SVG or PDF (a logo) or JPEG (a photo) in the leaflet folder")
    check_image(path, key, source=fields.path)
    return name


def _translations(fields: Fields) -> FrozenMap[str, FrozenMap[str, str]]:
    """``[translations.<lang>]`` tables: the leaflet's lines (title, organisation, place_date) per language.

    The top-level values are in the main language (``lang``); a version in another language takes its
    own table's line, and says so in check and build when it has to print the main language's instead.
    """
    table = fields.table_of("translations")
    result: dict[str, FrozenMap[str, str]] = {}
    for code in table.table:
        problem = language_problem(code)
        if problem is not None:
            raise table.error(code, problem[0], problem[1] or "name the table by a language code: [translations.fa]")
        lines = table.table_of(code)
        lines.check_keys(TRANSLATED_KEYS)
        result[language_data.canonical(code).lower()] = FrozenMap(
            {key: _clean(lines, key) for key in TRANSLATED_KEYS if key in lines.table})
    return FrozenMap(result)

def _url(fields: Fields) -> str:
    """The leaflet's web address (for QR codes): ASCII, with a scheme."""
    url = fields.text("url", "")
    problem = url_problem(url)
    if problem is not None:
        raise fields.error("url", *problem)
    return url


def url_problem(url: str) -> tuple[str, str] | None:
    """(message, hint) when a leaflet's ``url`` cannot be printed as a QR code, else None (also for no url);
    the one rule for leaflet.toml and the browser page."""
    if len(url) > MAX_URL_CHARS:
        return (f"is {len(url):,} characters long; at most {MAX_URL_CHARS:,} fit a QR code that can still be "
                "scanned", "use a shorter address (a link shortener, or your own)")
    if url and (not url.isascii() or " " in url or "://" not in url):
        return (f"not a web address: {url!r}",
                'write it in full, e.g. url = "https://example.org/may9" (percent-encode non-ASCII)')
    return None


def _clean(fields: Fields, name: str, default: object = ..., *, allow_empty: bool = False) -> str:
    """A text field checked for characters that cannot be printed and for its length, NFC-normalised.

    Text made only of invisible characters (spaces, zero-width or bidi controls) counts as empty: it
    would print nothing. Zero-width joiners and bidi controls inside visible text are kept.
    """
    value = fields.text(name, default, allow_empty=allow_empty)
    if value and not allow_empty and not has_visible(value):
        raise fields.error(name, "is empty (it holds only invisible characters)", "write the text, or remove the entry")
    limit = MAX_FIELD_CHARS.get(name, 1_000)
    if value and len(value) > limit:
        raise fields.error(name, f"is {len(value):,} characters long; at most {limit:,} are supported",
                           "a leaflet field is a line or two; the statement goes in statement.<lang>.md")
    bad = bad_character(value) if value else None
    if bad is not None:
        raise fields.error(name, f"contains {describe(bad[1])} at character {bad[0] + 1}",
                           "delete it (it often comes from copy-paste)")
    for match in _PLACEHOLDER.finditer(value or ""):
        if match.group(1) != "date":
            raise fields.error(name, f"unknown placeholder {match.group(0)!r}",
                               "{date} is the leaflet's date written out in the line's language; other braces "
                               "are not allowed")
    return unicodedata.normalize("NFC", value) if value else value


def _language(fields: Fields, name: str) -> str:
    """A language code, canonicalised (``per`` -> ``fa``, ``iw`` -> ``he``; see handbill.languages)."""
    code = fields.text(name)
    problem = language_problem(code)
    if problem is not None:
        raise fields.error(name, *problem)
    return language_data.canonical(code)


def _slogans(fields: Fields) -> tuple[Slogan, ...]:
    tables = fields.tables("slogans")
    if len(tables) > MAX_SLOGANS:
        raise fields.error("slogans", f"{len(tables)} slogans; at most {MAX_SLOGANS} are supported")
    slogans: list[Slogan] = []
    seen: dict[str, str] = {}
    for table in tables:
        _misplaced(table, "slogans", ("lang", "text"))
        table.check_keys(["lang", "text"])
        lang = _language(table, "lang")
        if lang in seen:  # canonical tags: pt-BR and pt-br, fa and per are one language
            raise table.error("lang", f"a second slogan in '{lang}' ({language_data.name(lang)}; the first is "
                              f"{seen[lang]})", "keep one slogan per language")
        seen[lang] = table.key("lang")
        slogans.append(Slogan(lang, _clean(table, "text")))
    return tuple(slogans)


def _misplaced(table: Fields, name: str, own: tuple[str, ...]) -> None:
    """A leaflet key written below a ``[[slogans]]`` or ``[[signatories]]`` line belongs to that table in TOML."""
    for key in table.table:
        if key in LEAFLET_KEYS and key not in own:
            raise table.error(key, f"'{key}' is a leaflet key, but written below a [[{name}]] line, TOML reads it "
                              f"as part of that {_SINGULAR[name]}",
                              f"move the line '{key} = ...' above the first [[...]] line of leaflet.toml")


def _signatories(fields: Fields) -> tuple[Signatory, ...]:
    tables = fields.tables("signatories")
    if len(tables) > MAX_SIGNATORIES:
        raise fields.error("signatories", f"{len(tables)} signatories; at most {MAX_SIGNATORIES} are supported")
    result = []
    for table in tables:
        _misplaced(table, "signatories", ("name", "country"))
        table.check_keys(["name", "country"])
        country = _clean(table, "country", None) if "country" in table.table else None
        result.append(Signatory(_clean(table, "name"), country))
    return tuple(result)


def _statements(folder: Path) -> dict[str, Statement]:
    """Every ``statement.<lang>.md`` of the folder, by language (a broken link or folder is an error)."""
    statements: dict[str, Statement] = {}
    seen: dict[str, Path] = {}
    try:
        names = sorted(entry.name for entry in folder.iterdir())
    except OSError as exc:
        raise InputError(f"cannot list the leaflet folder: {exc.strerror}", file=folder) from None
    for name in names:
        match = _STATEMENT.match(name)
        if not match:
            continue
        path = folder / name
        lang = match.group(1)
        problem = language_problem(lang)
        if problem is not None:
            raise InputError(f"the file name's language code: {problem[0]}", file=path,
                             hint=f"{problem[1]} (statements are named statement.<lang>.md, e.g. statement.fa.md)")
        lang = language_data.canonical(lang)
        if lang in seen:
            raise InputError(f"a second statement in '{lang}' ({language_data.name(lang)}; the first is "
                             f"{seen[lang].name})", file=path,
                             hint="both files' codes name one language (codes ignore case; 'per' and 'fas' "
                                  "are 'fa'): keep one of the two files")
        seen[lang] = path
        if len(seen) > MAX_STATEMENTS:
            raise InputError(f"more than {MAX_STATEMENTS} statement files; at most {MAX_STATEMENTS} languages are "
                             "supported", file=folder)
        confine(path, [folder], what=f"statement {name}")  # a link to a file elsewhere is refused
        statement = read_statement(path, lang)
        for block in statement.blocks:
            bad = bad_character(block.text)
            if bad is not None:
                raise InputError(f"contains {describe(bad[1])}", file=path, line=block.line,
                                 hint="delete it (it often comes from copy-paste)")
        statements[lang] = statement
    return statements
