"""The statement's markdown subset: ``# `` headline, ``## `` lead lines, paragraphs, ``> `` quotes,
``- `` list items, ``*emphasis*`` and ``**strong**``. Lines of one paragraph are joined with spaces."""

from __future__ import annotations

import re
from pathlib import Path

from handbill.errors import InputError
from handbill.load.files import read_text
from handbill.load.text_checks import describe, stray_line_break
from handbill.model import Inline, Statement, TextBlock

MAX_STATEMENT_BYTES = 200_000  # about 30 pages of text: far more than any leaflet holds
MAX_BLOCK_CHARS = 20_000  # one paragraph, quote or list item (about three columns of an A4 flyer)
MAX_BLOCKS = 2_000  # paragraphs, quotes, list items and headings in one statement
_EMPHASIS = re.compile(r"(\*\*[^*]+?\*\*|\*[^*\s][^*]*?\*)")


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """Split text into plain, ``*italic*`` and ``**bold**`` stretches; a lone ``*`` stays text."""
    inlines: list[Inline] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            inlines.append(Inline(text[position:match.start()]))
        token = match.group(0)
        if token.startswith("**"):
            inlines.append(Inline(token[2:-2], bold=True))
        else:
            inlines.append(Inline(token[1:-1], italic=True))
        position = match.end()
    if position < len(text):
        inlines.append(Inline(text[position:]))
    return tuple(i for i in inlines if i.text)


def parse_statement(text: str, lang: str, path: Path) -> Statement:
    """Parse a statement file's text into blocks."""
    blocks: list[TextBlock] = []
    pending: list[str] = []
    kind = "paragraph"
    start_line = 0

    def flush() -> None:
        nonlocal pending
        if pending:
            joined = " ".join(part.strip() for part in pending if part.strip())
            if joined:
                add(TextBlock(kind, parse_inlines(joined), start_line), joined)  # type: ignore[arg-type]
        pending = []

    def add(block: TextBlock, text: str) -> None:
        if len(text) > MAX_BLOCK_CHARS:
            raise InputError(f"this {block.kind.replace('_', ' ')} is {len(text):,} characters long; at most "
                             f"{MAX_BLOCK_CHARS:,} are supported", file=path, line=block.line,
                             hint="separate paragraphs with an empty line")
        if len(blocks) >= MAX_BLOCKS:
            raise InputError(f"more than {MAX_BLOCKS:,} paragraphs", file=path, line=block.line,
                             hint="a leaflet statement should be a few pages at most")
        blocks.append(block)

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        level = len(stripped) - len(stripped.lstrip("#"))
        if level and (stripped[level:].startswith(" ") or stripped == "#" * level):
            # a heading; '#hashtag' (no space after the marks) is ordinary text, as in CommonMark
            flush()
            heading = stripped[level:].strip()
            if level > 2:
                raise InputError(f"unsupported heading '{stripped[:20]}'", file=path, line=number,
                                 hint="use '# ' for the headline and '## ' for lead lines")
            if not heading:
                raise InputError("empty heading", file=path, line=number,
                                 hint="write the headline after '# ', or delete the line")
            add(TextBlock("headline" if level == 1 else "lead", parse_inlines(heading), number), heading)
            continue
        if stripped.startswith(">"):
            content = stripped[1:].strip()
            if kind != "quote":
                flush()
                kind, start_line = "quote", number
            if not content:
                flush()
                continue
            pending.append(content)
            continue
        if stripped.startswith(("- ", "* ")) and not _EMPHASIS.match(stripped):
            flush()
            kind, start_line = "list_item", number
            pending.append(stripped[2:])
            flush()
            kind = "paragraph"
            continue
        if kind != "paragraph" or not pending:
            flush()
            kind, start_line = "paragraph", number
        pending.append(stripped)
    flush()
    headlines = [b for b in blocks if b.kind == "headline"]
    if len(headlines) > 1:
        raise InputError("more than one '# ' headline", file=path, line=headlines[1].line,
                         hint="keep one '# ' line; use '## ' for lead lines")
    if not any(b.kind in ("paragraph", "quote", "list_item") for b in blocks) and not headlines:
        raise InputError("the statement is empty", file=path, hint="write the statement's paragraphs")
    return Statement(lang, path, tuple(blocks))


def read_statement(path: Path, lang: str) -> Statement:
    """Read and parse ``statement.<lang>.md`` (at most MAX_STATEMENT_BYTES)."""
    text = read_text(path, limit=MAX_STATEMENT_BYTES, hint="a leaflet statement should be a few pages at most")
    stray = stray_line_break(text)
    if stray is not None:
        line, ch = stray
        raise InputError(f"contains {describe(ch)}, which is not text (it would silently become a line break "
                         "and shift the line numbers after it)", file=path, line=line,
                         hint="delete it; end lines with a plain newline (it often comes from copy-paste or a "
                              "word processor)")
    return parse_statement(text, lang, path)
