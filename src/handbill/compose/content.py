"""What each block holds for one version: paragraphs of text with their language and style name."""

from __future__ import annotations

from dataclasses import dataclass

from handbill.model import Leaflet, Statement
from handbill.text.paragraph import Span

BULLET = "•\u00a0"


@dataclass(frozen=True)
class Para:
    """A paragraph before typesetting: spans, language, the layout style to use, and its source."""

    spans: tuple[Span, ...]
    lang: str
    style: str
    source: str  # e.g. "slogans[2]" or "statement.en.md:14", for messages
    indent: bool = False


def version_statement(leaflet: Leaflet, lang: str) -> Statement | None:
    """The statement in the version's language, else in the leaflet's main language."""
    return leaflet.statements.get(lang) or leaflet.statements.get(leaflet.lang)


def block_paragraphs(block: str, style: str, leaflet: Leaflet, lang: str) -> list[Para]:
    """The paragraphs of one block (everything but the statement flow)."""
    if block == "hero":
        slogan = leaflet.slogan(lang) or (leaflet.slogans[0] if leaflet.slogans else None)
        if slogan is None:
            return []
        index = leaflet.slogans.index(slogan)
        return [Para((Span(slogan.text),), slogan.lang, style, f"slogans[{index}]")]
    if block in ("slogans", "band"):
        return [Para((Span(s.text),), s.lang, style, f"slogans[{i}]")
                for i, s in enumerate(leaflet.slogans) if block == "slogans" or s.lang != lang]
    statement = version_statement(leaflet, lang)
    if block == "headline":
        if statement is not None and statement.headline is not None:
            return [Para(statement.headline.inlines, statement.lang, style,
                         f"{statement.path.name}:{statement.headline.line}")]
        return [Para((Span(leaflet.title),), leaflet.lang, style, "title")]
    if block == "lead":
        if statement is None:
            return []
        return [Para(b.inlines, statement.lang, style, f"{statement.path.name}:{b.line}") for b in statement.leads]
    if block == "organisation":
        parts = [(leaflet.organisation, "organisation"), (leaflet.place_date, "place_date")]
        return [Para((Span(text),), leaflet.lang, style, key) for text, key in parts if text]
    if block == "signatories":
        return [Para((Span(s.label()),), leaflet.lang, style, f"signatories[{i}]")
                for i, s in enumerate(leaflet.signatories)]
    raise ValueError(f"block {block!r} has no paragraphs")


def statement_paragraphs(leaflet: Leaflet, lang: str, body_style: str, has_lead_frame: bool) -> list[Para]:
    """The statement's flowing text: lead lines (unless a frame shows them), paragraphs, quotes, lists."""
    statement = leaflet.statements.get(lang)
    if statement is None:
        return []
    paras: list[Para] = []
    for block in statement.blocks:
        source = f"{statement.path.name}:{block.line}"
        if block.kind == "headline" or (block.kind == "lead" and has_lead_frame):
            continue
        if block.kind == "lead":
            paras.append(Para(block.inlines, lang, "lead", source))
        elif block.kind == "quote":
            paras.append(Para(block.inlines, lang, "quote", source, indent=True))
        elif block.kind == "list_item":
            paras.append(Para((Span(BULLET), *block.inlines), lang, "list", source, indent=True))
        else:
            paras.append(Para(block.inlines, lang, body_style, source))
    return paras
