"""One version per language: a bare code and the same code with its default region are one language.

``fa-IR`` is Persian as ``fa`` means it (CLDR's likely subtags: ``fa`` is ``fa-Arab-IR``), so a leaflet with
``statement.fa-IR.md`` and a ``lang = "fa"`` slogan makes one Persian version, not a flyer in one code and a
poster in the other. The version takes the code with the region, which says more (``en-US`` writes dates
as ``May 9, 2023``, plain ``en`` as ``9 May 2023``). A region that names another variety (``fa-AF`` is
Dari, ``en-GB``, ``pt-PT``) stays its own language.

Kurdish the same way: ``ku`` in Latin letters is Kurmanji (``kmr``), in Arabic letters (``ku-Arab``) Sorani
(``ckb``), so a ``statement.ku.md`` beside a ``kmr`` slogan is one Kurmanji version, named ``kmr``
(languages.member_language).

A leaflet that wants two versions says so by listing both codes in ``languages = [...]``. Two sources of
one line (``statement.fa.md`` and ``statement.fa-IR.md``, two slogans) are an error naming both.
``[translations.fa]`` serves the ``fa-IR`` version as it is (a version's lines come from its exact
code's table, then its base language's), so translation tables are not renamed.
"""

from __future__ import annotations

from dataclasses import replace

from fontTools import unicodedata as ftu

from handbill import languages as language_data
from handbill.errors import InputError
from handbill.frozen import FrozenMap
from handbill.model import Leaflet


def one_version_per_language(leaflet: Leaflet) -> Leaflet:
    """The leaflet with every bare code renamed to the default-region code it also uses (``fa`` -> ``fa-IR``);
    ``aliases`` records the renames (``--lang fa`` then asks for the ``fa-IR`` version)."""
    renames = _renames(leaflet)
    if not renames:
        return leaflet
    _refuse_two_sources(leaflet, renames)

    def code(lang: str) -> str:
        return renames.get(lang, lang)

    return replace(
        leaflet,
        lang=code(leaflet.lang),
        slogans=tuple(replace(slogan, lang=code(slogan.lang)) for slogan in leaflet.slogans),
        statements=FrozenMap({code(lang): replace(statement, lang=code(lang))
                              for lang, statement in leaflet.statements.items()}),
        languages=tuple(dict.fromkeys(code(lang) for lang in leaflet.languages)),
        aliases=FrozenMap(renames),
    )


def _used(leaflet: Leaflet) -> list[str]:
    # [translations.<lang>] tables make no version: a version takes its exact code's table, then its base
    # language's (compose/content.py), so [translations.fa] serves the fa-IR version as it is
    return list(dict.fromkeys([leaflet.lang, *(s.lang for s in leaflet.slogans), *leaflet.statements,
                               *leaflet.languages]))


def _renames(leaflet: Leaflet) -> dict[str, str]:
    used = _used(leaflet)
    renames: dict[str, str] = {}
    for lang in used:
        bare = language_data.without_default_region(lang)
        if bare is None or bare not in used:
            continue
        if bare in leaflet.languages and lang in leaflet.languages:
            continue  # the leaflet lists both: two versions, as it says
        renames[bare] = lang
    for lang in used:
        member = language_data.member_language(lang)
        if member is None or member not in used or lang in renames:
            continue
        if member in leaflet.languages and lang in leaflet.languages:
            continue
        renames[lang] = member
    return renames


def _refuse_two_sources(leaflet: Leaflet, renames: dict[str, str]) -> None:
    toml = leaflet.folder / "leaflet.toml"
    for bare, lang in renames.items():
        name = language_data.name(bare)
        why = (f"'{lang}' is {name} as '{bare}' means it, so both make one version"
               if language_data.member_language(bare) != lang else
               f"'{bare}' ({name}) written in {ftu.script_name(language_data.info(bare).script)} letters "
               f"is {language_data.name(lang)} ('{lang}'), so both make one version")
        two = (f'or, for two versions, list every language to build, both included, in leaflet.toml: '
               f'languages = ["{bare}", "{lang}", ...]')
        if bare in leaflet.statements and lang in leaflet.statements:
            raise InputError(f"{leaflet.statements[bare].path.name} and {leaflet.statements[lang].path.name} are "
                             f"two statements in one language: {why}", file=leaflet.statements[lang].path,
                             hint=f"keep one of the two files, {two}")
        slogan_langs = [slogan.lang for slogan in leaflet.slogans]
        if bare in slogan_langs and lang in slogan_langs:
            raise InputError(f"two slogans in one language, lang = \"{bare}\" and lang = \"{lang}\": {why}",
                             file=toml, field=f"slogans[{slogan_langs.index(lang) + 1}].lang",
                             hint=f"keep one slogan per language, {two}")
