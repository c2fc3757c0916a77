"""Statements in Markdown, parsed by a CommonMark parser (markdown-it-py) and mapped to handbill's blocks.

    # Headline                 -> headline        (one per statement)
    ## Lead line               -> lead            (before the first paragraph, quote or list)
    ## Section heading         -> subheading      (after one: set in the statement's flow, bold, an H2)
    paragraph text             -> paragraph       (lines of a paragraph are joined with spaces)
    > quoted text              -> quote
    - item  /  1. item         -> list_item       (label "•" or "1.", "2.", ...)
    •<tab>item                 -> list_item       (a bullet pasted from a word processor, as "- item")
    *em*  **strong**  ***both***                   (italic, bold, bold italic)

What a leaflet cannot show is a warning naming the line, and is never printed as markup: a link
prints its text (the address is dropped: give it as the leaflet's ``url`` for a QR code), inline code
its text, HTML and images are left out, an indented or fenced code block is set as a paragraph, a star
or underscore that opens emphasis and never closes it is dropped, a table (GitHub's ``| a | b |``) is
set as one paragraph per row, its cells joined by commas. ``#Word`` at the start of a
paragraph stays text, as CommonMark has it (a hashtag), with a warning in case a headline was meant.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from handbill.errors import InputError
from handbill.load.files import read_text
from handbill.load.text_checks import describe, stray_line_break
from handbill.model import Inline, Notice, Statement, TextBlock

MAX_STATEMENT_BYTES = 200_000  # about 30 pages of text: far more than any leaflet holds
MAX_BLOCK_CHARS = 20_000  # one paragraph, quote or list item (about three columns of an A4 flyer)
MAX_BLOCKS = 2_000  # paragraphs, quotes, list items and headings in one statement
MAX_NESTING = 20  # quotes and lists inside each other (markdown-it-py's own limit is 100)
_STRAY_DELIMITER = re.compile(r"(?<![\w*])\*+(?=\S)|(?<=\S)\*+(?![\w*])|(?<![\w_])__?(?=\w)|(?<=\w)__?(?![\w_])")
_HASH_START = re.compile(r"^#{1,6}\S")
# a bullet a word processor writes (Word's "•" and a tab): read as Markdown's "- " (same line, same column count)
_WORD_BULLET = re.compile(r"^([ \t]{0,3})[•◦▪‣⁃](?:[ \t]+)", re.MULTILINE)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.enable("table")  # so a table is recognised (and warned about), not printed as '| a | b |'
    md.disable("text_join")  # keeps escaped characters (\*) apart from text, so they are never taken as markup
    return md


@dataclass
class _Builder:
    """Blocks and warnings collected while walking markdown-it-py's token stream."""

    path: Path
    blocks: list[TextBlock] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)

    def warn(self, line: int, message: str, hint: str = "") -> None:
        notice = Notice(message, file=self.path, line=line, hint=hint)
        if notice not in self.notices:
            self.notices.append(notice)

    def add(self, kind: str, inlines: tuple[Inline, ...], line: int, label: str = "") -> None:
        text = "".join(i.text for i in inlines)
        if not text.strip():
            return
        if len(text) > MAX_BLOCK_CHARS:
            raise InputError(f"this {kind.replace('_', ' ')} is {len(text):,} characters long; at most "
                             f"{MAX_BLOCK_CHARS:,} are supported", file=self.path, line=line,
                             hint="separate paragraphs with an empty line")
        if len(self.blocks) >= MAX_BLOCKS:
            raise InputError(f"more than {MAX_BLOCKS:,} paragraphs", file=self.path, line=line,
                             hint="a leaflet statement should be a few pages at most")
        self.blocks.append(TextBlock(kind, inlines, line, label))  # type: ignore[arg-type]


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """Inline Markdown (``*italic*``, ``**bold**``) of one line of text as plain, italic and bold stretches."""
    builder = _Builder(Path("-"))
    tokens = _parser().parseInline(text)
    return _inlines(tokens[0].children or [], 1, builder) if tokens else ()


def parse_statement(text: str, lang: str, path: Path) -> Statement:
    """Parse a statement file's text into blocks and warnings (see the module docstring)."""
    builder = _Builder(path)
    text = _WORD_BULLET.sub(lambda m: f"{m.group(1)}- ", text)
    try:
        tokens = _parser().parse(text)
    except RecursionError:
        raise InputError("quotes or lists nested too deeply", file=path,
                         hint=f"a leaflet needs at most a few levels of '>' and '-' (the limit is {MAX_NESTING})"
                         ) from None
    _walk(tokens, builder)
    blocks = builder.blocks
    headlines = [b for b in blocks if b.kind == "headline"]
    if len(headlines) > 1:
        raise InputError("more than one '# ' headline", file=path, line=headlines[1].line,
                         hint="keep one '# ' line; use '## ' for lead lines")
    if not any(b.kind in ("paragraph", "quote", "list_item") for b in blocks) and not headlines:
        raise InputError("the statement is empty", file=path, hint="write the statement's paragraphs")
    return Statement(lang, path, tuple(blocks), tuple(builder.notices))


def _walk(tokens: Sequence[Token], builder: _Builder) -> None:
    """Map block tokens to handbill blocks: the kind comes from the innermost quote or list around them."""
    walker = _Walker(builder)
    for token in tokens:
        handle = walker.handlers.get(token.type)
        if handle is not None:
            handle(token, token.map[0] + 1 if token.map else 0)


class _Walker:
    """The state of one walk over the block tokens, with one method per kind of token."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.context: list[str] = []  # "quote", "list", innermost last; list items' labels in ``labels``
        self.labels: list[str] = []
        self.item_open: list[bool] = []  # per open list item: has its first paragraph been added?
        self.heading = 0
        self.warned_nesting = False
        self.row: list[tuple[Inline, ...]] | None = None  # the cells of the table row being read
        self.row_line = 0
        self.handlers: dict[str, Callable[[Token, int], None]] = {
            "blockquote_open": self._quote_open,
            "bullet_list_open": self._list_open,
            "ordered_list_open": self._list_open,
            "blockquote_close": self._close,
            "bullet_list_close": self._close,
            "ordered_list_close": self._close,
            "list_item_open": self._item_open,
            "list_item_close": self._item_close,
            "heading_open": self._heading_open,
            "heading_close": self._heading_close,
            "inline": self._inline,
            "code_block": self._code,
            "fence": self._code,
            "html_block": self._html,
            "hr": self._rule,
            "table_open": self._table_open,
            "tr_open": self._row_open,
            "tr_close": self._row_close,
        }

    def _quote_open(self, token: Token, line: int) -> None:
        self.context.append("quote")

    def _list_open(self, token: Token, line: int) -> None:
        if "list" in self.context and not self.warned_nesting:
            self.builder.warn(line, "a list inside a list item is set as items of the outer list",
                              "a leaflet shows one level of list")
            self.warned_nesting = True
        self.context.append("list")
        ordered = token.type == "ordered_list_open"
        start = int(str(token.attrs.get("start", 1))) if ordered else 0
        self.labels.append(str(start) if ordered else "•")

    def _close(self, token: Token, line: int) -> None:
        self.context.pop()
        if token.type != "blockquote_close":
            self.labels.pop()

    def _item_open(self, token: Token, line: int) -> None:
        self.item_open.append(False)

    def _item_close(self, token: Token, line: int) -> None:
        self.item_open.pop()
        if self.labels and self.labels[-1] != "•":
            self.labels[-1] = str(int(self.labels[-1]) + 1)

    def _heading_open(self, token: Token, line: int) -> None:
        self.heading = int(token.tag[1])
        if self.heading > 2:
            raise InputError(f"unsupported heading '{'#' * self.heading} '", file=self.builder.path, line=line,
                             hint="use '# ' for the headline and '## ' for lead lines")
        if self.context:
            raise InputError("a heading inside a quote or list", file=self.builder.path, line=line,
                             hint="put '# ' and '## ' lines at the start of a line, outside quotes and lists")

    def _heading_close(self, token: Token, line: int) -> None:
        self.heading = 0

    def _table_open(self, token: Token, line: int) -> None:
        self.builder.warn(line, "a table is not shown as a table on a leaflet: each row is set as a paragraph, "
                          "its cells joined by commas", "write the table as a list ('- a: b') or as sentences")

    def _row_open(self, token: Token, line: int) -> None:
        self.row, self.row_line = [], line

    def _row_close(self, token: Token, line: int) -> None:
        cells = [cell for cell in self.row or [] if "".join(i.text for i in cell).strip()]
        self.row = None
        joined: list[Inline] = []
        for cell in cells:
            joined += [*([Inline(", ")] if joined else []), *cell]
        kind = "quote" if "quote" in self.context else "paragraph"
        self.builder.add(kind, _merge(joined), self.row_line)

    def _inline(self, token: Token, line: int) -> None:
        inlines = _inlines(token.children or [], line, self.builder)
        if self.row is not None:
            self.row.append(inlines)
            return
        if not self.heading:
            _paragraph(token, inlines, line, self.context, self.labels, self.item_open, self.builder)
            return
        if not "".join(i.text for i in inlines).strip():
            raise InputError("empty heading", file=self.builder.path, line=line,
                             hint="write the headline after '# ', or delete the line")
        body = any(b.kind in ("paragraph", "quote", "list_item") for b in self.builder.blocks)
        self.builder.add("headline" if self.heading == 1 else "subheading" if body else "lead", inlines, line)

    def _code(self, token: Token, line: int) -> None:
        indented = token.type == "code_block"
        how = "indented by four spaces or more" if indented else "between ``` fences"
        self.builder.warn(line, f"text {how} is a code block in Markdown; it is set as a paragraph",
                          "start the paragraph at the beginning of the line" if indented else "remove the ``` lines")
        text = " ".join(part.strip() for part in token.content.splitlines() if part.strip())
        self.builder.add("paragraph", (Inline(text),), line)

    def _html(self, token: Token, line: int) -> None:
        if not token.content.lstrip().startswith("<!--"):  # a comment is the author's note, left out quietly
            self.builder.warn(line, "HTML is not shown on a leaflet", "write the text without HTML tags")

    def _rule(self, token: Token, line: int) -> None:
        self.builder.warn(line, "a horizontal rule (---, ***) is not shown on a leaflet",
                          "delete the line; leave an empty line between paragraphs")


def _paragraph(token: Token, inlines: tuple[Inline, ...], line: int, context: list[str], labels: list[str],
               item_open: list[bool], builder: _Builder) -> None:
    """A paragraph in its context: a quote, a list item (the item's first paragraph carries its label)."""
    text = "".join(i.text for i in inlines)
    if not context and _HASH_START.match(token.content):
        builder.warn(line, f"'{token.content.split()[0][:30]}' starts with '#' but no space: it is printed as text",
                     "write '# Headline' (with a space) for a headline, or '\\#' to print a hashtag without this "
                     "warning")
    if context and context[-1] == "list":
        if item_open and not item_open[-1]:
            item_open[-1] = True
            label = labels[-1] if labels[-1] == "•" else f"{labels[-1]}."
            builder.add("list_item", inlines, line, label)
        else:
            builder.add("list_item", inlines, line)  # a later paragraph of the same item, without a label
    elif context:
        builder.add("quote", inlines, line)
    elif text:
        builder.add("paragraph", inlines, line)


def _inlines(children: Sequence[Token], line: int, builder: _Builder) -> tuple[Inline, ...]:
    """Inline tokens as plain, italic and bold stretches; what cannot be shown is a warning."""
    result: list[Inline] = []
    bold = italic = 0
    for child in children:
        kind = child.type
        if kind == "softbreak" or kind == "hardbreak":
            result.append(Inline(" ", bold > 0, italic > 0))
            line += 1
        elif kind == "text":
            text = child.content
            if _STRAY_DELIMITER.search(text):
                builder.warn(line, "a '*' or '_' opens emphasis that is never closed; it is left out",
                             "close it ('*word*', '**word**'), or write '\\*' to print a star")
                text = _STRAY_DELIMITER.sub("", text)
            result.append(Inline(text, bold > 0, italic > 0))
        elif kind == "text_special":  # an escaped character (\*, \#): the character itself
            result.append(Inline(child.content, bold > 0, italic > 0))
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "code_inline":
            builder.warn(line, f"`{child.content[:30]}` is code in Markdown; it is printed as plain text",
                         "remove the backticks")
            result.append(Inline(child.content, bold > 0, italic > 0))
        elif kind == "link_open":
            href = str(child.attrs.get("href", ""))
            builder.warn(line, f"a link's address ({href[:60]}) cannot be followed on paper: only its text is "
                         "printed", "give the address as url in leaflet.toml (printed as a QR code), or write it "
                         "out in the text")
        elif kind == "image":
            builder.warn(line, "an image inside the statement is not shown",
                         "put pictures in leaflet.toml (logo, photo) where the layout has a frame for them")
        elif kind == "html_inline" and not child.content.startswith("<!--"):
            builder.warn(line, "HTML tags are not shown on a leaflet (the text between them is)",
                         "write the text without HTML tags")
        # link_close and anything else carries no text
    return _merge(result)


def _merge(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent stretches of the same emphasis joined, empty ones dropped, runs of spaces collapsed."""
    merged: list[Inline] = []
    for inline in inlines:
        if not inline.text:
            continue
        if merged and (merged[-1].bold, merged[-1].italic) == (inline.bold, inline.italic):
            merged[-1] = Inline(merged[-1].text + inline.text, inline.bold, inline.italic)
        else:
            merged.append(inline)
    if merged:
        merged[0] = Inline(merged[0].text.lstrip(), merged[0].bold, merged[0].italic)
        merged[-1] = Inline(merged[-1].text.rstrip(), merged[-1].bold, merged[-1].italic)
    return tuple(i for i in merged if i.text)


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
