"""One pane per language, keyed the way the leaflet's versions are: the page matches fields, previews,
download links and problems by this one key, whatever code the leaflet's files write.

    panes(form, aliases)      # statement.prs.md -> the pane 'fa-AF' (Dari), its fields saved under 'prs'
    lang_key("iw")            # 'he': the code of the versions a written code makes

A leaflet may write a language in a form the loader canonicalises (``prs`` -> ``fa-AF``, ``iw`` -> ``he``,
``per`` -> ``fa``) or renames (``fa`` beside ``fa-IR`` -> ``fa-IR``, load/versions.py): its versions carry
the canonical code, its fields stay where the volunteer wrote them. A pane therefore has one key (the
versions' code) and, per field, the code it is saved under (``statement.prs.md``, ``[translations.prs]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from handbill import languages
from handbill.serve.folder import ABSENT, Form


@dataclass(frozen=True)
class Pane:
    """One language on the page: the code of its versions, and the code each of its fields is saved under."""

    key: str  # the versions' code (fa-AF for a statement.prs.md)
    name: str  # English name, for the heading
    rtl: bool
    main: bool  # the leaflet's main language (its lines are the top-level keys of leaflet.toml)
    statement: str  # statement.<statement>.md
    slogan: str  # [[slogans]] lang = "<slogan>"
    lines: str  # [translations.<lines>] (or the top level for the main language)
    codes: tuple[str, ...]  # every code the leaflet writes for this language


def lang_key(code: str, aliases: Mapping[str, str] | None = None) -> str:
    """The code of the versions a written code makes (``prs`` -> ``fa-AF``); the code itself if invalid."""
    try:
        canonical = languages.canonical(code)
    except languages.LanguageError:
        return code
    return (aliases or {}).get(canonical, canonical)


def default_aliases(codes: list[str]) -> dict[str, str]:
    """The renames load/versions.py makes when a leaflet writes both a bare code and its default region
    (``fa`` and ``fa-IR``: one version, ``fa-IR``), for a leaflet that does not load now."""
    keys = {lang_key(code) for code in codes}
    renames = {}
    for key in keys:
        try:
            bare = languages.without_default_region(key)
        except languages.LanguageError:
            continue
        if bare is not None and bare in keys:
            renames[bare] = key
    return renames


def panes(form: Form, aliases: Mapping[str, str] | None = None, added: str = "") -> list[Pane]:
    """The panes of a form, main language first, one per version language (``aliases``: the loaded
    leaflet's, else the renames a leaflet with these codes would get); ``added`` is a code typed in
    "Add a language" (no pane of its own if the leaflet has that language already)."""
    codes = [*form.langs, *([added] if added and added not in form.langs else [])]
    if aliases is None:
        aliases = default_aliases(codes)
    groups: dict[str, list[str]] = {}
    for code in codes:
        groups.setdefault(lang_key(code, aliases), []).append(code)
    return [_pane(key, written, form) for key, written in groups.items()]


def _pane(key: str, written: list[str], form: Form) -> Pane:
    def first(has: list[str]) -> str:
        return has[0] if has else written[0]

    main = form.main_lang in written
    statement = first([c for c in written if form.tags.get(f"statement.{c}.md", ABSENT) != ABSENT])
    slogan = first([c for c in written if c in form.slogans])
    lines = form.main_lang if main else first([c for c in written if any(form.lines.get(c, {}).values())])
    try:
        info = languages.info(key)
        name, rtl = info.name, info.rtl
    except languages.LanguageError:
        name, rtl = key, False
    return Pane(key, name, rtl, main, statement, slogan, lines, tuple(written))
