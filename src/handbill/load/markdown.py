"""The statement's markdown subset: ``# `` headline, ``## `` lead lines, paragraphs, ``> `` quotes,
``- `` list items, ``*emphasis*`` and ``**strong**``. Lines of one paragraph are joined with spaces."""

from __future__ import annotations

import re
from pathlib import Path

from handbill.errors import InputError
from handbill.model import Inline, Statement, TextBlock

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
                blocks.append(TextBlock(kind, parse_inlines(joined), start_line))  # type: ignore[arg-type]
        pending = []

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if stripped.startswith("#"):
            flush()
            level = len(stripped) - len(stripped.lstrip("#"))
            if level > 2 or not stripped[level:].startswith(" "):
                raise InputError(f"unsupported heading '{stripped[:20]}'", file=path, line=number,
                                 hint="use '# ' for the headline and '## ' for lead lines")
            blocks.append(TextBlock("headline" if level == 1 else "lead", parse_inlines(stripped[level:].strip()),
                                    number))
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
    """Read and parse ``statement.<lang>.md``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", file=path, hint="save the file as UTF-8") from None
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror}", file=path) from None
    return parse_statement(text, lang, path)
