"""Every character of a version that no font has, in one message (not one build per emoji).

The text stage stops at the first character that neither the font chain nor discovery has
(MissingGlyphError, text/prepare.py). The composer then looks through every paragraph the version may
print (statement, headline, slogans, organisation and date, signatories) for all such characters, and
raises one error that names the file and line of the first, lists them all with where they are, and
says what to do (fonts/catalog.py's suggestion: for emoji, a black-and-white emoji font).
"""

from __future__ import annotations

import re
from pathlib import Path

from fontTools import unicodedata as ftu

from handbill.compose.content import Para, block_paragraphs, statement_paragraphs
from handbill.compose.plan import Job
from handbill.errors import MissingGlyphError, character_name
from handbill.fonts.catalog import EMOJI_HINT, is_emoji
from handbill.text.paragraph import Typesetter

LEAFLET_FILE = "leaflet.toml"
_STATEMENT_LINE = re.compile(r"^(?P<file>.+\.md):(?P<line>\d+)$")
_ENTRY = re.compile(r"^(?P<array>slogans|signatories)\[\d+\]$")


def version_paragraphs(job: Job) -> list[Para]:
    """Every paragraph a version may print, in reading order (the statement first)."""
    leaflet, lang = job.leaflet, job.lang
    paras = statement_paragraphs(leaflet, lang, "body", has_lead_frame=False)
    for block in ("headline", "slogans", "organisation", "signatories"):
        paras += block_paragraphs(block, "", leaflet, lang)
    return paras


def all_missing(job: Job, setter: Typesetter, first: MissingGlyphError) -> MissingGlyphError:
    """``first`` (the character the text stage stopped at) with every other character of the version that
    no font has, located at the first paragraph holding each (its file and line, or its key)."""
    found: dict[str, str] = {}
    for para in version_paragraphs(job):
        text = "".join(span.text for span in para.spans)
        for char in setter.uncovered(text, para.lang):
            found.setdefault(char, para.source)
    if first.char not in found:  # text the scan does not know (a layout's own text): as the text stage said
        return first
    chars = list(found)
    file, line, field = source_of(found[chars[0]], job.leaflet.folder)
    files = {source_of(source, job.leaflet.folder)[0] for source in found.values()}
    block = "version" if len(files) > 1 else "statement" if file.suffix == ".md" else first.block
    return MissingGlyphError(chars[0], lang=first.lang, block=block, fonts=first.fonts,
                             suggestion=_hint(chars, first, setter), file=file, line=line, field=field,
                             others=tuple(chars[1:]), listing=_listing(chars, found) if len(chars) > 1 else None)


def _hint(chars: list[str], first: MissingGlyphError, setter: Typesetter) -> str:
    """The catalog's suggestion for the characters: for emoji, and for the first other character."""
    others = [char for char in chars if not is_emoji(char)]
    if not others:
        return EMOJI_HINT
    hint = first.hint if first.char == others[0] and first.hint else \
        setter.catalog.suggestion(ftu.script(others[0]), others[0], first.fonts)
    return hint if len(others) == len(chars) else f"{hint}; for the emoji: {EMOJI_HINT}"


def _listing(chars: list[str], found: dict[str, str]) -> list[str]:
    """``line 5: U+1F1FA REGIONAL INDICATOR SYMBOL LETTER U, U+1F1E6 ...`` per source, in order."""
    by_source: dict[str, list[str]] = {}
    for char in chars:
        by_source.setdefault(found[char], []).append(f"U+{ord(char):04X} {character_name(char)}")
    if len(by_source) == 1:  # all where the message says: the names alone
        return [", ".join(next(iter(by_source.values())))]
    parts = []
    for source, names in by_source.items():
        match = _STATEMENT_LINE.match(source)
        where = f"line {match['line']}" if match else f"leaflet.toml {_field(source)}"
        parts.append(f"{where}: {', '.join(names)}")
    return parts


def source_of(source: str, folder: Path) -> tuple[Path, int | None, str | None]:
    """A paragraph's source (``statement.uk.md:5``, ``slogans[3]``, ``title``) as file, line and key."""
    match = _STATEMENT_LINE.match(source)
    if match:
        return folder / match["file"], int(match["line"]), None
    return folder / LEAFLET_FILE, None, _field(source)


def _field(source: str) -> str:
    match = _ENTRY.match(source)
    if match:
        return f"{source}.{'text' if match['array'] == 'slogans' else 'name'}"
    return source
