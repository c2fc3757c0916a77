"""What each block holds for one version: paragraphs of text with their language and style name."""

from __future__ import annotations

from dataclasses import dataclass, replace

from handbill.load.dates import format_long_date
from handbill.load.numerals import native_digits
from handbill.model import Layout, Leaflet, Notice, Signatory, Statement
from handbill.text.paragraph import Span

LABEL_SPACE = "\u00a0"  # between a list item's bullet or number and its text: never a line break
NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class Para:
    """A paragraph before typesetting: spans, language, the layout style to use, and its source."""

    spans: tuple[Span, ...]
    lang: str
    style: str
    source: str  # e.g. "slogans[2]" or "statement.en.md:14", for messages
    indent: bool = False
    label: int = 0  # characters at the start that are a list item's label (bullet or number and a space)
    heading: bool = False  # a statement's subheading: kept with the paragraph after it, tagged H2


def version_statement(leaflet: Leaflet, lang: str) -> Statement | None:
    """The statement in the version's language, else in the leaflet's main language."""
    return leaflet.statements.get(lang) or leaflet.statements.get(leaflet.lang)


def _base(lang: str) -> str:
    return lang.split("-")[0].lower()


def leaflet_line(leaflet: Leaflet, key: str, lang: str) -> tuple[str, str, bool]:
    """A leaflet line (``title``, ``organisation``, ``place_date``) for a version: its text with ``{date}``
    written out, the language it is in, and whether it is another language's line (a fallback).

    ``[translations.<lang>]`` first (the exact code, then its base language), else the top-level line,
    which is in the leaflet's main language.
    """
    for code in dict.fromkeys((lang.lower(), _base(lang))):
        text = leaflet.translations.get(code, {}).get(key)
        if text:
            return _with_date(text, leaflet, lang), lang, False
    text = str(getattr(leaflet, key))
    return _with_date(text, leaflet, leaflet.lang), leaflet.lang, bool(text) and _base(lang) != _base(leaflet.lang)


def _with_date(text: str, leaflet: Leaflet, lang: str) -> str:
    if "{date}" not in text:
        return text
    return text.replace("{date}", format_long_date(leaflet.date, lang) or leaflet.date.isoformat())


def _headline(leaflet: Leaflet, lang: str) -> tuple[Para, bool]:
    """The version's headline and whether it is another language's: the statement's ``# `` line, else
    ``[translations.<lang>] title``, else the main statement's headline or the title."""
    own = leaflet.statements.get(lang)
    if own is not None and own.headline is not None:
        return Para(own.headline.inlines, own.lang, "", f"{own.path.name}:{own.headline.line}"), False
    for code in dict.fromkeys((lang.lower(), _base(lang))):
        title = leaflet.translations.get(code, {}).get("title")
        if title:
            return Para((Span(_with_date(title, leaflet, lang)),), lang, "", f"translations.{code}.title"), False
    main = leaflet.statements.get(leaflet.lang)
    other = _base(lang) != _base(leaflet.lang)
    if main is not None and main.headline is not None and own is None:
        return Para(main.headline.inlines, main.lang, "", f"{main.path.name}:{main.headline.line}"), other
    return Para((Span(leaflet.title),), leaflet.lang, "", "title"), other


def block_paragraphs(block: str, style: str, leaflet: Leaflet, lang: str) -> list[Para]:
    """The paragraphs of one block (everything but the statement flow)."""
    if block == "hero":
        slogan = leaflet.slogan(lang) or (leaflet.slogans[0] if leaflet.slogans else None)
        if slogan is None:
            return []
        index = leaflet.slogans.index(slogan) + 1
        return [Para((Span(slogan.text),), slogan.lang, style, f"slogans[{index}]")]
    if block in ("slogans", "band"):
        return [Para((Span(s.text),), s.lang, style, f"slogans[{i}]")
                for i, s in enumerate(leaflet.slogans, 1) if block == "slogans" or s.lang != lang]
    statement = version_statement(leaflet, lang)
    if block == "headline":
        para = _headline(leaflet, lang)[0]
        return [Para(para.spans, para.lang, style, para.source)]
    if block == "lead":
        if statement is None:
            return []
        return [Para(b.inlines, statement.lang, style, f"{statement.path.name}:{b.line}") for b in statement.leads]
    if block == "organisation":
        lines = [(leaflet_line(leaflet, key, lang), key) for key in ("organisation", "place_date")]
        return [Para((Span(text),), text_lang, style, key) for (text, text_lang, _), key in lines if text]
    if block == "signatories":
        return [Para((Span(signatory_text(s)),), leaflet.lang, style, f"signatories[{i}]")
                for i, s in enumerate(leaflet.signatories, 1)]
    raise ValueError(f"block {block!r} has no paragraphs")


def signatory_text(signatory: Signatory) -> str:
    """``Name — Country`` that never breaks between the dash and the country nor inside the country
    (no-break spaces): a line may break only inside the name or before the dash."""
    if not signatory.country:
        return signatory.name
    country = signatory.country.replace(" ", NO_BREAK_SPACE)
    return f"{signatory.name} \u2014{NO_BREAK_SPACE}{country}"


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
        elif block.kind == "subheading":  # in the body's style, bold
            bold = tuple(replace(inline, bold=True) for inline in block.inlines)
            paras.append(Para(bold, lang, body_style, source, heading=True))
        elif block.kind == "quote":
            paras.append(Para(block.inlines, lang, "quote", source, indent=True))
        elif block.kind == "list_item":
            # a list's numbers in the version's own digits, as its date is (Persian ۱. ۲. ۳., Bengali ১. ২.)
            label = f"{native_digits(block.label, lang)}{LABEL_SPACE}" if block.label else ""
            spans = (Span(label), *block.inlines) if label else block.inlines
            paras.append(Para(spans, lang, "list", source, indent=True, label=len(label)))
        else:
            paras.append(Para(block.inlines, lang, body_style, source))
    return paras


def version_notices(leaflet: Leaflet, layout: Layout, lang: str) -> list[Notice]:
    """What a version prints in another language than its own, and leaflet content its layout cannot show.

    ``check`` and ``build`` report these alike (one truth for problems).
    """
    toml = leaflet.folder / "leaflet.toml"
    blocks = {frame.block for page in (*layout.pages, *layout.long_pages) for frame in page.frames}
    notices: list[Notice] = []
    main = leaflet.lang
    # one notice per line, at its [translations.<lang>] key (handbill serve shows each at its field)
    if "headline" in blocks and _headline(leaflet, lang)[1]:
        own = leaflet.statements.get(lang)
        why = f" ({own.path.name} has no '# ' line)" if own is not None else ""
        own_file = own.path.name if own is not None else f"statement.{lang}.md"  # the user's own spelling
        notices.append(Notice(f"the '{lang}' version prints its headline in '{main}'{why}", file=toml,
                              field=f"translations.{lang}.title",
                              hint=f"add a '# ' line to {own_file}, or title = \"...\" under "
                                   f"[translations.{lang}] in leaflet.toml"))
    if "organisation" in blocks:
        for key in ("organisation", "place_date"):
            if leaflet_line(leaflet, key, lang)[2]:
                notices.append(Notice(f"the '{lang}' version prints its {key} in '{main}'", file=toml,
                                      field=f"translations.{lang}.{key}",
                                      hint=f"add {key} = \"...\" under [translations.{lang}] in leaflet.toml"
                                           + (" ({date} writes the date in the version's language)"
                                              if key == "place_date" else "")))
    if "lead" in blocks and lang not in leaflet.statements and _base(lang) != _base(main):
        main_statement = leaflet.statements.get(main)
        if main_statement is not None and main_statement.leads:
            notices.append(Notice(f"the '{lang}' version prints the lead lines of {main_statement.path.name}",
                                  file=toml, hint=f"add statement.{lang}.md with its '## ' lines"))
    if "hero" in blocks and leaflet.slogans and leaflet.slogan(lang) is None:
        notices.append(Notice(f"the '{lang}' version prints the slogan in '{leaflet.slogans[0].lang}' large",
                              file=toml, field="slogans",
                              hint=f"add a [[slogans]] entry with lang = \"{lang}\""))
    statement = leaflet.statements.get(lang)
    if "lead" in blocks and "statement" not in blocks and statement is not None and statement.body:
        # a layout that shows the statement's headline and lead lines but not its text (the A5 handbill):
        # the same words for every version, so the warning is given once
        notices.append(Notice(f"layout {layout.name} prints the statements' headline and '## ' lead lines, none "
                              "of their paragraphs", file=layout.path,
                              hint="for the whole statement choose a layout with a statement frame (a4-flyer; "
                                   "handbill layouts), or say what matters most in the '## ' lines"))
    for key in ("logo", "photo"):
        if getattr(leaflet, key) and key not in blocks:
            notices.append(Notice(f"layout {layout.name} has no {key} frame: the {key} is printed nowhere",
                                  file=toml, field=key,
                                  hint=f"choose a layout with a {key} frame (handbill layouts), or add a frame "
                                       f"with block = \"{key}\" to your own layout"))
    if "photo" in blocks and not leaflet.photo:  # a photo design without its photo: the layout still builds
        notices.append(Notice(f"layout {layout.name} has a photo frame and the leaflet has no photo: the "
                              "poster is built without one", file=toml, field="photo",
                              hint="add photo = \"photo.jpg\" (a file in the leaflet folder, 2,400 px wide or more "
                                   "for an A3 poster) to leaflet.toml, or choose another layout"))
    if leaflet.url and "qr" not in blocks:
        notices.append(Notice(f"layout {layout.name} has no QR code frame: the url is printed nowhere", file=toml,
                              field="url", hint="choose a layout with a qr frame (handbill layouts), or add one "
                                                "to your own layout"))
    return notices
