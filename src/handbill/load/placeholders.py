"""The placeholder texts of the ``handbill new`` template, and the warnings for those still in a leaflet.

One place of truth: handbill/scaffold.py writes its templates from these strings, and check and build
compare a leaflet's texts with the same strings, so a placeholder never reaches the print shop unnoticed.
"""

from __future__ import annotations

from handbill.model import Leaflet, Notice

TITLE = "Title of the leaflet"
ORGANISATION = "Name of the organisation"
PLACE = "Your city"
SLOGAN = "Your slogan here!"
SIGNATORY = "First signing organisation"
COUNTRY = "Country"
HEADLINE = "The headline of the statement"
FIRST_PARAGRAPH = "The first paragraph."

_HINT = "replace the template's placeholder with your own text"


def placeholder_notices(leaflet: Leaflet) -> list[Notice]:
    """A warning for each text of the leaflet that is still the template's placeholder."""
    toml = leaflet.folder / "leaflet.toml"
    found: list[tuple[str, str]] = []
    if leaflet.title.strip() == TITLE:
        found.append(("title", TITLE))
    if leaflet.organisation.strip() == ORGANISATION:
        found.append(("organisation", ORGANISATION))
    if leaflet.place_date.strip().startswith(PLACE):
        found.append(("place_date", PLACE))
    found += [(f"slogans[{i}].text", SLOGAN) for i, s in enumerate(leaflet.slogans, 1) if s.text.strip() == SLOGAN]
    for i, signatory in enumerate(leaflet.signatories, 1):
        if signatory.name.strip() == SIGNATORY:
            found.append((f"signatories[{i}].name", SIGNATORY))
        if (signatory.country or "").strip() == COUNTRY:
            found.append((f"signatories[{i}].country", COUNTRY))
    notices = [Notice(f"still the template's placeholder {text!r}", file=toml, field=key, hint=_HINT)
               for key, text in found]
    for statement in leaflet.statements.values():
        for block in statement.blocks:
            text = block.text.strip()
            if text == HEADLINE or text.startswith(FIRST_PARAGRAPH):
                notices.append(Notice(f"still the template's placeholder {text[:40]!r}", file=statement.path,
                                      line=block.line, hint=_HINT))
    return notices
