"""Loading a leaflet folder: leaflet.toml and every statement.<lang>.md beside it."""

from __future__ import annotations

import datetime
import re
import unicodedata
from pathlib import Path

from handbill.errors import InputError
from handbill.load.markdown import read_statement
from handbill.load.text_checks import bad_character, describe, is_language_code
from handbill.load.toml import Fields, read_toml
from handbill.model import Leaflet, Signatory, Slogan, Statement

LEAFLET_FILE = "leaflet.toml"
_STATEMENT = re.compile(r"^statement\.([A-Za-z0-9-]+)\.md$")
LEAFLET_KEYS = ("title", "date", "lang", "layouts", "organisation", "place_date", "slogans", "signatories",
                "languages")
MAX_SLOGANS = 64
MAX_SIGNATORIES = 500
MAX_STATEMENT_BYTES = 200_000


def load_leaflet(folder: Path) -> Leaflet:
    """Read and validate a leaflet folder; every problem is an InputError naming file and key."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError("leaflet folder not found", file=folder,
                         hint="give the folder that holds leaflet.toml, e.g. leaflets/victory-day-2023")
    path = folder / LEAFLET_FILE
    if not path.is_file():
        raise InputError("no leaflet.toml in this folder", file=folder,
                         hint="create one with 'handbill new NAME' or copy leaflets/victory-day-2023/leaflet.toml")
    fields = Fields(read_toml(path), path)
    fields.check_keys(LEAFLET_KEYS)
    lang = _language(fields, "lang")
    date = fields.get("date", datetime.date, required=True)
    if isinstance(date, datetime.datetime):
        date = date.date()
    layouts = fields.get("layouts", list, required=True)
    for i, name in enumerate(layouts):
        if not isinstance(name, str) or not name.strip():
            raise fields.error(f"layouts[{i}]", "expected a layout name (a string)")
    languages = fields.get("languages", list, [])
    for i, code in enumerate(languages):
        if not isinstance(code, str) or not is_language_code(code):
            raise fields.error(f"languages[{i}]", f"not a language code: {code!r}", "use BCP 47 codes: en, fa, kmr")
    slogans = _slogans(fields)
    signatories = _signatories(fields)
    statements = _statements(folder)
    return Leaflet(
        folder=folder,
        title=_clean(fields, "title"),
        date=date,
        lang=lang,
        layouts=tuple(layouts),
        organisation=_clean(fields, "organisation", ""),
        place_date=_clean(fields, "place_date", ""),
        slogans=slogans,
        signatories=signatories,
        statements=statements,
        languages=tuple(languages),
    )


def _clean(fields: Fields, name: str, default: object = ..., *, allow_empty: bool = False) -> str:
    """A text field checked for characters that cannot be printed, NFC-normalised."""
    value = fields.text(name, default, allow_empty=allow_empty)
    bad = bad_character(value)
    if bad is not None:
        raise fields.error(name, f"contains {describe(bad[1])} at character {bad[0] + 1}",
                           "delete it (it often comes from copy-paste)")
    return unicodedata.normalize("NFC", value)


def _language(fields: Fields, name: str) -> str:
    code = fields.text(name)
    if not is_language_code(code):
        raise fields.error(name, f"not a language code: {code!r}", "use a BCP 47 code such as en, ar, fa, kmr, hy")
    return code


def _slogans(fields: Fields) -> tuple[Slogan, ...]:
    tables = fields.tables("slogans")
    if len(tables) > MAX_SLOGANS:
        raise fields.error("slogans", f"{len(tables)} slogans; at most {MAX_SLOGANS} are supported")
    slogans: list[Slogan] = []
    seen: dict[str, str] = {}
    for table in tables:
        table.check_keys(["lang", "text"])
        lang = _language(table, "lang")
        if lang in seen:
            raise table.error("lang", f"a second slogan in '{lang}' (the first is {seen[lang]})",
                              "keep one slogan per language")
        seen[lang] = table.key("lang")
        slogans.append(Slogan(lang, _clean(table, "text")))
    return tuple(slogans)


def _signatories(fields: Fields) -> tuple[Signatory, ...]:
    tables = fields.tables("signatories")
    if len(tables) > MAX_SIGNATORIES:
        raise fields.error("signatories", f"{len(tables)} signatories; at most {MAX_SIGNATORIES} are supported")
    result = []
    for table in tables:
        table.check_keys(["name", "country"])
        country = _clean(table, "country", None) if "country" in table.table else None
        result.append(Signatory(_clean(table, "name"), country))
    return tuple(result)


def _statements(folder: Path) -> dict[str, Statement]:
    statements: dict[str, Statement] = {}
    for path in sorted(folder.iterdir()):
        match = _STATEMENT.match(path.name)
        if not match:
            continue
        lang = match.group(1)
        if not is_language_code(lang):
            raise InputError(f"'{lang}' in the file name is not a language code", file=path,
                             hint="name statements statement.<lang>.md, e.g. statement.fa.md")
        if path.stat().st_size > MAX_STATEMENT_BYTES:
            raise InputError(f"statement is {path.stat().st_size} bytes; at most {MAX_STATEMENT_BYTES} are supported",
                             file=path, hint="a leaflet statement should be a few pages at most")
        statement = read_statement(path, lang)
        for block in statement.blocks:
            bad = bad_character(block.text)
            if bad is not None:
                raise InputError(f"contains {describe(bad[1])}", file=path, line=block.line,
                                 hint="delete it (it often comes from copy-paste)")
        statements[lang] = statement
    return statements
