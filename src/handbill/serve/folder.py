"""The leaflet folder as the web page sees it: the fields of every language, read from and written back to
``leaflet.toml`` and ``statement.<lang>.md``, with a version tag per file so that a stale save is refused.

    folder = LeafletFolder(Path("leaflets/victory-day-2023"))
    form = folder.read_form()                         # what the page shows, with each file's tag
    tag = folder.save("slogan:fa", "...", form.tags["leaflet.toml"])   # or StaleSave, FieldRefused

The folder stays the source of truth: every save rewrites one file atomically (a temporary file in the
folder, then a rename), ``leaflet.toml`` through tomlkit so its comments and layout stay as a person left
them. A field is named by a small fixed vocabulary (``statement:fa``, ``title:fa``, ``slogan:fa``, ``date``,
``layouts``, ``signatories``, ``url``); a request never names a path. Language codes are checked before they become
part of a file name, and every file is confined to the folder (load.paths.confine) before it is read.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import re
import stat
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Comment, Table, Whitespace

from handbill.atomic import replace_file
from handbill.errors import InputError
from handbill.load.leaflet import url_problem
from handbill.load.paths import confine
from handbill.load.toml import read_toml
from handbill.model import Leaflet

LEAFLET_FILE = "leaflet.toml"
MAX_TEXT_BYTES = 1_000_000  # a statement or leaflet.toml: a few kilobytes in practice
LANG_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")
LINE_FIELDS = ("title", "organisation", "place_date")  # leaflet lines, per language where supported
ABSENT = "absent"  # the tag of a file that does not exist yet


class FieldRefused(ValueError):
    """A save the folder will not make (an unknown field, a malformed language code or value)."""


@dataclass
class StaleSave(Exception):
    """The file changed since the page read it (another tab, or an editor): nothing was written."""

    file: str
    tag: str  # the file's tag now
    current: Any  # the field's value now, to show beside the unsaved text


@dataclass(frozen=True)
class Form:
    """What the page shows: every language's fields, the shared fields and each file's version tag."""

    main_lang: str
    langs: tuple[str, ...]
    lines: dict[str, dict[str, str]]  # lang -> title/organisation/place_date
    slogans: dict[str, str]
    statements: dict[str, str]
    date: str
    layouts: tuple[str, ...]
    signatories: tuple[tuple[str, str], ...]
    logo: str
    url: str = ""  # the web address printed as a QR code
    tags: dict[str, str] = field(default_factory=dict)


def supports(key: str) -> bool:
    """Whether the leaflet model has this field (``translations``, ``logo``) in this version of handbill."""
    return key in {f.name for f in dataclasses.fields(Leaflet)}


def check_lang(code: str) -> str:
    """A language code safe to put in a file name (``statement.<lang>.md``); FieldRefused otherwise."""
    if not isinstance(code, str) or not LANG_CODE.match(code):
        raise FieldRefused(f"not a language code: {code!r} (use a code such as fa, tr, pt-BR)")
    return code


def tag_of(data: bytes | None) -> str:
    """A file's version tag: a digest of its bytes (ABSENT when there is no file)."""
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()[:32]


class LeafletFolder:
    """One leaflet folder, read and written for the web page."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path).resolve()
        self.lock = threading.Lock()  # a save reads the tag and writes the file as one step

    # -- reading ---------------------------------------------------------------------------------------

    def file(self, name: str) -> Path:
        """A file of the folder by its plain name (``leaflet.toml``, ``statement.fa.md``), confined to it."""
        if name != LEAFLET_FILE and not re.fullmatch(r"statement\.[A-Za-z0-9-]+\.md|logo\.(png|jpg|svg)", name):
            raise FieldRefused(f"not a file the page edits: {name!r}")
        path = self.path / name
        if path.exists() or path.is_symlink():
            confine(path, [self.path], what=name, limit=MAX_TEXT_BYTES if name.endswith((".md", ".toml")) else None)
        return path

    def read_bytes(self, name: str) -> bytes | None:
        """A file's bytes, or None when it does not exist."""
        path = self.file(name)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def tag(self, name: str) -> str:
        """The version tag of a file as it is on disk now."""
        return tag_of(self.read_bytes(name))

    def document(self) -> tomlkit.TOMLDocument:
        """``leaflet.toml`` parsed by tomlkit (comments and layout kept)."""
        data = self.read_bytes(LEAFLET_FILE)
        if data is None:
            raise InputError("no leaflet.toml in this folder", file=self.path)
        try:
            return tomlkit.parse(data.decode("utf-8"))
        except (UnicodeDecodeError, tomlkit.exceptions.ParseError) as exc:
            read_toml(self.path / LEAFLET_FILE)  # the command line's message (curly quotes, a missing =, ...)
            raise InputError(f"leaflet.toml cannot be read: {exc}", file=self.path / LEAFLET_FILE,
                             hint="fix it in a text editor (the page edits a leaflet.toml that reads)") from None

    def statement_langs(self) -> list[str]:
        """The languages that have a ``statement.<lang>.md``."""
        langs = []
        for entry in sorted(self.path.iterdir()):
            match = re.fullmatch(r"statement\.([A-Za-z0-9-]+)\.md", entry.name)
            if match and LANG_CODE.match(match.group(1)):
                langs.append(match.group(1))
        return langs

    def read_form(self) -> Form:
        """Every field of every language, as on disk now."""
        raw = self.read_bytes(LEAFLET_FILE)
        doc = self.document()
        main = str(doc.get("lang", "en"))
        slogans = {str(t.get("lang", "")): str(t.get("text", "")) for t in _tables(doc, "slogans")}
        translations = doc.get("translations", {})
        langs = [main] + [code for code in [*self.statement_langs(), *slogans, *translations] if code != main]
        langs = list(dict.fromkeys(code for code in langs if LANG_CODE.match(code)))
        lines = {lang: {key: _line(doc, lang, main, key) for key in LINE_FIELDS} for lang in langs}
        tags = {LEAFLET_FILE: tag_of(raw)}
        statements = {}
        for lang in langs:
            name = f"statement.{lang}.md"
            data = self.read_bytes(name)
            tags[name] = tag_of(data)
            statements[lang] = data.decode("utf-8", errors="replace") if data is not None else ""
        signatories = tuple((str(t.get("name", "")), str(t.get("country", "")))
                            for t in _tables(doc, "signatories"))
        date = doc.get("date", "")
        return Form(main_lang=main, langs=tuple(langs), lines=lines, slogans=slogans, statements=statements,
                    date=date.isoformat() if isinstance(date, datetime.date) else str(date),
                    layouts=tuple(str(name) for name in doc.get("layouts", [])),
                    signatories=signatories, logo=str(doc.get("logo", "")), url=str(doc.get("url", "")),
                    tags=tags)

    def value(self, field_id: str) -> Any:
        """A field's value as on disk now (what a stale save shows beside the unsaved text)."""
        form = self.read_form()
        kind, _, lang = field_id.partition(":")
        if kind == "statement":
            return form.statements.get(lang, "")
        if kind in LINE_FIELDS:
            return form.lines.get(lang, {}).get(kind, "")
        if kind == "slogan":
            return form.slogans.get(lang, "")
        if kind == "signatories":
            return [list(pair) for pair in form.signatories]
        return {"date": form.date, "layouts": list(form.layouts), "logo": form.logo, "url": form.url}.get(kind)

    # -- writing ---------------------------------------------------------------------------------------

    @staticmethod
    def file_of(field_id: str) -> str:
        """The file a field is saved in."""
        kind, _, lang = field_id.partition(":")
        if kind == "statement":
            return f"statement.{check_lang(lang)}.md"
        return LEAFLET_FILE

    def save(self, field_id: str, value: Any, tag: str) -> str:
        """Write one field if its file is still at ``tag``; returns the file's new tag.

        Raises:
            FieldRefused: an unknown field or a value of the wrong kind (nothing written).
            StaleSave: the file changed since ``tag`` (nothing written).
        """
        name = self.file_of(field_id)
        with self.lock:
            return self._save(name, field_id, value, tag)

    def _save(self, name: str, field_id: str, value: Any, tag: str) -> str:
        old = self.read_bytes(name)
        if name != LEAFLET_FILE:
            if not isinstance(value, str):
                raise FieldRefused("a statement is text")
            new = _normalise_text(value).encode("utf-8")
        else:
            doc = self.document()
            _apply(doc, field_id, value)  # an unknown field or a bad value is refused before the tag is compared
            new = tomlkit.dumps(doc).encode("utf-8")
        if tag_of(old) != tag:
            raise StaleSave(name, tag_of(old), self.value(field_id))
        if len(new) > MAX_TEXT_BYTES:
            raise FieldRefused(f"{name} would be {len(new):,} bytes; at most {MAX_TEXT_BYTES:,} are supported")
        if new != old:
            self.write(name, new)
        return tag_of(new)

    def save_logo(self, extension: str, data: bytes, tag: str) -> str:
        """Write ``logo.<extension>`` (bytes already checked as an image) and name it in leaflet.toml, if
        leaflet.toml is still at ``tag``; returns its new tag (StaleSave otherwise, nothing written)."""
        name = f"logo.{extension}"
        if extension not in ("png", "jpg", "svg"):
            raise FieldRefused(f"not a logo file type: {extension!r}")
        with self.lock:
            old = self.read_bytes(LEAFLET_FILE)
            if tag_of(old) != tag:
                raise StaleSave(LEAFLET_FILE, tag_of(old), self.value("logo"))
            doc = self.document()
            doc["logo"] = name
            new = tomlkit.dumps(doc).encode("utf-8")
            self.write(name, data)
            self.write(LEAFLET_FILE, new)
            return tag_of(new)

    def write(self, name: str, data: bytes) -> None:
        """Replace a file of the folder atomically: the old file or the whole new one, never half.

        The new file keeps the old one's permissions (a folder shared with a group stays readable to it); a
        new file gets what the umask gives any new file (0644 under the usual 022). The writer is the
        output's and the cache's (atomic.py).
        """
        path = self.file(name)
        try:
            mode: int | None = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = None
        if mode is None:
            replace_file(path, data)
        else:
            replace_file(path, data, mode=mode, exact=True)


def _normalise_text(text: str) -> str:
    """Text as a file holds it: Unix line ends, one final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip("\n") + "\n" if text.strip() else ""


def _tables(doc: tomlkit.TOMLDocument, key: str) -> list[Any]:
    value = doc.get(key, [])
    return [t for t in value if isinstance(t, dict)] if isinstance(value, list) else []


def _line(doc: tomlkit.TOMLDocument, lang: str, main: str, key: str) -> str:
    if lang == main:
        return str(doc.get(key, ""))
    table = doc.get("translations", {}).get(lang, {})
    return str(table.get(key, "")) if isinstance(table, dict) else ""


def _apply(doc: tomlkit.TOMLDocument, field_id: str, value: Any) -> None:
    """Change one field of a parsed leaflet.toml in place (FieldRefused for an unknown field or bad value)."""
    kind, _, lang = field_id.partition(":")
    if kind in LINE_FIELDS or kind == "slogan":
        check_lang(lang)
        if not isinstance(value, str):
            raise FieldRefused(f"{kind} is text")
        value = value.replace("\r", "").strip()
    if kind in LINE_FIELDS:
        _set_line(doc, lang, kind, value)
    elif kind == "slogan":
        _set_slogan(doc, lang, value)
    elif field_id == "date":
        try:
            doc["date"] = datetime.date.fromisoformat(str(value))
        except ValueError:
            raise FieldRefused(f"not a date: {value!r} (YYYY-MM-DD)") from None
    elif field_id == "layouts":
        if not isinstance(value, list) or not all(isinstance(v, str) and re.fullmatch(r"[\w.-]{1,80}", v)
                                                  for v in value):
            raise FieldRefused("layouts is a list of layout names")
        _replace_list(doc, "layouts", value)
    elif field_id == "signatories":
        _set_signatories(doc, value)
    elif field_id == "url":
        _set_url(doc, value)
    else:
        raise FieldRefused(f"not a field the page edits: {field_id!r}")


def _set_url(doc: tomlkit.TOMLDocument, value: Any) -> None:
    """The web address for the QR code, checked as ``handbill build`` checks it; empty removes it."""
    if not isinstance(value, str):
        raise FieldRefused("url is text")
    value = value.strip()
    problem = url_problem(value)
    if problem is not None:
        raise FieldRefused(f"url {problem[0]} ({problem[1]})")
    if value:
        doc["url"] = value
    elif "url" in doc:
        del doc["url"]


def _set_line(doc: tomlkit.TOMLDocument, lang: str, key: str, value: str) -> None:
    if lang == str(doc.get("lang", "")):
        if value:
            doc[key] = value
        elif key in doc and key != "title":
            del doc[key]
        else:
            doc[key] = value  # an empty title stays, so that check names it
        return
    if not supports("translations"):
        raise FieldRefused(f"this version of handbill has no per-language {key}: edit it in the main language")
    if "translations" not in doc:
        doc["translations"] = tomlkit.table(is_super_table=True)
    translations = doc["translations"]
    if lang not in translations:
        if not value:
            return
        translations[lang] = tomlkit.table()
    table = translations[lang]
    if value:
        table[key] = value
    elif key in table:
        del table[key]
        if not table:
            del translations[lang]


def _set_slogan(doc: tomlkit.TOMLDocument, lang: str, value: str) -> None:
    """Set, add (after the last slogan) or, when empty, remove the slogan in a language."""
    slogans = doc.get("slogans")
    if isinstance(slogans, AoT):
        for index, table in enumerate(slogans):
            if table.get("lang") == lang:
                if value:
                    table["text"] = value
                else:
                    _remove_table(slogans, index)
                return
    if not value:
        return
    table = tomlkit.table()
    table["lang"] = lang
    table["text"] = value
    _append_table(doc, "slogans", table)


def _set_signatories(doc: tomlkit.TOMLDocument, value: Any) -> None:
    """The signatories as [[name, country], ...]; rows without a name are dropped; tables kept in place."""
    if not isinstance(value, list) or not all(isinstance(row, list) and len(row) == 2 and
                                              all(isinstance(part, str) for part in row) for row in value):
        raise FieldRefused("signatories is a list of [name, country] pairs")
    rows = [(name.strip(), country.strip()) for name, country in value if name.strip()]
    existing = doc.get("signatories")
    tables = existing if isinstance(existing, AoT) else None
    for index, (name, country) in enumerate(rows):
        if tables is not None and index < len(tables):
            table = tables[index]
        else:
            table = tomlkit.table()
            _append_table(doc, "signatories", table)
            tables = doc["signatories"]
        table["name"] = name
        if country:
            table["country"] = country
        elif "country" in table:
            del table["country"]
    while tables is not None and len(tables) > len(rows):
        _remove_table(tables, len(tables) - 1)
    if tables is not None and not len(tables):
        del doc["signatories"]


def _append_table(doc: tomlkit.TOMLDocument, key: str, table: Table) -> None:
    """Append a table to an array of tables; comments trailing the last table (they introduce what follows
    it in the file) move below the new one, so the new block sits with its kind."""
    tables = doc.get(key)
    if not isinstance(tables, AoT) or not len(tables):
        if key in doc:
            del doc[key]
        doc.append(key, tomlkit.aot())
        tables = doc[key]
        tables.append(table)
        return
    last = tables[-1]
    body = last.value.body
    tail = len(body)
    while tail and isinstance(body[tail - 1][1], Comment | Whitespace):
        tail -= 1
    moved = body[tail:]
    del body[tail:]
    if not moved:
        moved = [(None, Whitespace("\n"))]
    last.value.body.append((None, Whitespace("\n")))
    tables.append(table)
    table.value.body.extend(moved)


def _remove_table(tables: AoT, index: int) -> None:
    """Remove one table of an array; comments trailing it stay (they belong to what follows)."""
    body = tables[index].value.body
    tail = len(body)
    while tail and isinstance(body[tail - 1][1], Comment | Whitespace):
        tail -= 1
    trailing = body[tail:]
    del tables[index]
    if trailing and index > 0:
        previous = tables[index - 1].value.body
        while previous and isinstance(previous[-1][1], Comment | Whitespace):
            previous.pop()
        previous.extend(trailing)


def _replace_list(doc: tomlkit.TOMLDocument, key: str, values: list[str]) -> None:
    array = tomlkit.array()
    array.extend(values)
    doc[key] = array  # tomlkit keeps the line's comment
