"""``handbill new NAME``: a new leaflet folder to fill in, with comments that explain each field."""

from __future__ import annotations

import datetime
from pathlib import Path

from handbill.errors import HandbillError
from handbill.load.placeholders import (
    COUNTRY,
    FIRST_PARAGRAPH,
    HEADLINE,
    ORGANISATION,
    PLACE,
    SIGNATORY,
    SLOGAN,
    TITLE,
)

LEAFLET_TEMPLATE = '''# {name}: fill in the fields below, then run: handbill build {folder}
#
# Text goes between double quotes; write a straight double quote inside text as \\".
# Language codes are BCP 47: en, tr, ar, fa, ckb (Kurdish Sorani), kmr (Kurmanji), hy, el, ...

title = "{TITLE}"            # short title: the PDF's title when a version has no headline
date = {date}                          # the day of the action, YYYY-MM-DD (no quotes); also the PDF date
lang = "{lang}"                                # the leaflet's main language
layouts = ["a4-flyer", "a3-poster"]       # see: handbill layouts
organisation = "{ORGANISATION}"
place_date = "{PLACE}, {{date}}"           # {{date}}: the date above, written out in each version's language
# url = "https://example.org/event"       # printed as a QR code where the layout has a qr frame
# logo = "logo.svg"                       # a file in this folder (SVG, PDF, PNG or JPEG); SVG prints sharpest
# languages = ["{lang}"]                   # build only these versions (default: every language given)

# The lines above in other languages (each version prints its own; check says when one is missing):
# [translations.fa]
# title = "..."
# organisation = "..."
# place_date = "..., {{date}}"

# One [[slogans]] block per language, in the order they are printed.
# Each poster version (a3-poster.<lang>.pdf) shows its own language's slogan large.
[[slogans]]
lang = "{lang}"
text = "{SLOGAN}"

# [[slogans]]
# lang = "fa"
# text = "..."

# One [[signatories]] block per signing organisation; country is optional.
[[signatories]]
name = "{SIGNATORY}"
country = "{COUNTRY}"
'''

STATEMENT_TEMPLATE = '''# {HEADLINE}

## A lead line, printed large under the headline (optional; delete if not needed)

{FIRST_PARAGRAPH} Write each paragraph as one block of text; leave an empty line between paragraphs.
*Words between single stars* are emphasised, **between double stars** bold.

> A quotation starts with '> '. An empty '>' line separates quoted paragraphs.

- A list item starts with '- ', a numbered one with '1. '.

Add translations beside this file as statement.fa.md, statement.tr.md and so on (one per language code):
each becomes its own flyer, right to left where the language is.
'''

_PLACEHOLDERS = {"TITLE": TITLE, "ORGANISATION": ORGANISATION, "PLACE": PLACE, "SLOGAN": SLOGAN,
                 "SIGNATORY": SIGNATORY, "COUNTRY": COUNTRY, "HEADLINE": HEADLINE, "FIRST_PARAGRAPH": FIRST_PARAGRAPH}


def new_leaflet(folder: Path, lang: str = "en") -> list[Path]:
    """Create a leaflet folder with a commented leaflet.toml and a statement template."""
    if folder.exists() and any(folder.iterdir()):
        raise HandbillError("folder exists and is not empty", file=folder, hint="choose a new name")
    folder.mkdir(parents=True, exist_ok=True)
    today = datetime.date.today()
    leaflet = folder / "leaflet.toml"
    leaflet.write_text(LEAFLET_TEMPLATE.format(name=folder.name, folder=folder, date=today.isoformat(), lang=lang,
                                              **_PLACEHOLDERS),
                      encoding="utf-8")
    statement = folder / f"statement.{lang}.md"
    statement.write_text(STATEMENT_TEMPLATE.format(**_PLACEHOLDERS), encoding="utf-8")
    return [leaflet, statement]
