"""Languages: BCP 47 tags checked, canonicalised, and given a script and a direction, from CLDR data.

    info("prs")        # LanguageInfo(tag='fa-AF', language='fa', script='Arab', rtl=True, name='Dari')
    canonical("iw")    # 'he'
    problem("gr")      # ("unknown language code 'gr'", "did you mean 'el' (Greek)? ...")

The data is CLDR's (aliases, likely subtags, names) and IANA's subtag registry, through langcodes and
language_data. langcodes was chosen over Babel because Babel only knows the languages CLDR has locale
data for (no ``pbu``, no ``bal``) and does not check a tag's subtags against the registry; langcodes
parses and validates any BCP 47 tag and applies CLDR's alias and likely-subtag tables. Which scripts run
right to left, and the letters a language is written with, come from ICU (PyICU, which also breaks lines).

Canonical form: CLDR's aliases (``iw`` -> ``he``, ``per``/``fas`` -> ``fa``, ``prs`` -> ``fa-AF``,
``tl`` -> ``fil``), an individual language replaced by its macrolanguage where that one has a
two-letter code and CLDR names it the dominant language (``arb`` -> ``ar``, ``pbu`` -> ``ps``,
``ydd`` -> ``yi``, ``cmn`` -> ``zh``), and a script dropped when likely subtags would add it back
(``sr-Cyrl`` -> ``sr``, but ``sr-Latn`` stays). A region stays (``fa-IR``, ``en-US``): the language
data is the language's (``fa-IR`` is Persian, right to left), the region only changes how dates and
numbers are written. ``kmr`` stays
``kmr``: CLDR folds it into ``ku``, but Kurdish has two written standards (``kmr`` in Latin, ``ckb`` in
Arabic script) and handbill's users name them apart.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass

import icu
import langcodes
from langcodes.data_dicts import NORMALIZED_MACROLANGUAGES

# Kept apart although CLDR folds them into their macrolanguage (see the module docstring).
_KEEP_INDIVIDUAL = frozenset({"kmr"})
# ISO 15924 codes for writing systems that combine scripts, and the script of their letters that
# fonts and styles are chosen by (ISO 15924: Hans/Hant are Han variants, Jpan = Han + Hiragana +
# Katakana, Kore = Hangul + Han).
_COMBINED_SCRIPTS = {"Hans": "Hani", "Hant": "Hani", "Jpan": "Hani", "Kore": "Hang"}
_SCRIPT_MEMBERS = {"Jpan": frozenset({"Hani", "Hira", "Kana"}), "Kore": frozenset({"Hang", "Hani"})}
# Scripts whose letters HarfBuzz is not needed for (arabic-reshaper covers Arabic letters that have
# presentation forms; see needs_harfbuzz).
_SIMPLE_SCRIPTS = frozenset({"Latn", "Grek", "Cyrl", "Armn", "Geor", "Hebr"})


@dataclass(frozen=True, slots=True)
class LanguageInfo:
    """What handbill needs to know of a language tag."""

    tag: str  # canonical BCP 47 tag
    language: str  # its language subtag
    script: str  # ISO 15924: named in the tag, else from CLDR's likely subtags (``Hant`` for zh-TW)
    rtl: bool  # paragraphs and pages run right to left
    name: str  # English name, for messages

    @property
    def letter_script(self) -> str:
        """The script of the language's letters as fontTools names characters' scripts (``Hani`` for
        ``Hant``), which font chains and per-script styles are keyed by."""
        return _COMBINED_SCRIPTS.get(self.script, self.script)

    @property
    def letter_scripts(self) -> frozenset[str]:
        """Every script the language's letters are in (Japanese: Han, Hiragana, Katakana)."""
        return _SCRIPT_MEMBERS.get(self.script, frozenset({self.letter_script}))


class LanguageError(ValueError):
    """A tag that is not a valid BCP 47 language tag; ``hint`` says what to write."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def canonical(tag: str) -> str:
    """The canonical form of a valid tag (see the module docstring); LanguageError for an invalid one."""
    return info(tag).tag


def problem(tag: str) -> tuple[str, str] | None:
    """What is wrong with a tag as (message, hint), or None if it is a valid BCP 47 tag."""
    try:
        info(tag)
    except LanguageError as exc:
        return str(exc), exc.hint
    return None


@functools.lru_cache(maxsize=4096)
def info(tag: str) -> LanguageInfo:
    """Canonical tag, script, direction and name of a language tag (cached)."""
    parsed = _parse(tag)
    language = parsed.language or "und"
    if language in NORMALIZED_MACROLANGUAGES and language not in _KEEP_INDIVIDUAL:
        macro = NORMALIZED_MACROLANGUAGES[language]
        if len(macro) == 2:
            parsed = parsed.update_dict({"language": macro})
    full = parsed.maximize()
    script = parsed.script or full.script or "Zyyy"
    shortest = _minimal(parsed)
    return LanguageInfo(shortest.to_tag(), shortest.language or "und", script, script_is_rtl(script),
                        _name(shortest))


# A macrolanguage code that, in a script, means one of its member languages, where CLDR keeps both codes as
# languages of their own (it maps arb -> ar, pes -> fa, cmn -> zh, but keeps ku, kmr and ckb): CLDR's own
# 'ku' locale is Kurmanji in Latin letters, and Kurdish in Arabic letters is Sorani as written in Iraq and
# Iran. The UDHR's published texts call Kurmanji 'ku', so a leaflet may well have both codes.
MACRO_MEMBERS: dict[str, dict[str, str]] = {"ku": {"Latn": "kmr", "Arab": "ckb"}}


def member_language(tag: str) -> str | None:
    """For a bare macrolanguage code (with its script, if written) that means one member language: that
    member (``ku`` and ``ku-Latn`` -> ``kmr``, ``ku-Arab`` -> ``ckb``), else None."""
    parsed = _parse(canonical(tag))
    members = MACRO_MEMBERS.get(parsed.language or "")
    if members is None or parsed.territory or parsed.variants or parsed.extensions or parsed.private:
        return None
    member = members.get(info(tag).script)
    return canonical(member) if member else None


def with_script(tag: str, script: str) -> str:
    """The tag with its script subtag set: ``fa-AF`` + ``Latn`` -> ``fa-Latn-AF``, ``ckb`` -> ``ckb-Latn``."""
    return _parse(canonical(tag)).update_dict({"script": script}).to_tag()


def without_default_region(tag: str) -> str | None:
    """For a tag whose region is the one its language means by default (CLDR likely subtags): the tag
    without it, else None. ``fa-IR`` -> ``fa``, ``en-US`` -> ``en``, ``pt-BR`` -> ``pt``; ``fa-AF`` (Dari),
    ``en-GB`` and ``pt-PT`` -> None: those name another variety than the bare code."""
    parsed = _parse(canonical(tag))
    if not parsed.territory or parsed.variants or parsed.extensions or parsed.private:
        return None
    bare = parsed.update_dict({"territory": None})
    return canonical(bare.to_tag()) if bare.maximize().territory == parsed.territory else None


def _parse(tag: str) -> langcodes.Language:
    if not isinstance(tag, str) or not tag or not tag.isascii() or tag != tag.strip() or "_" in tag:
        raise LanguageError(f"not a language code: {tag!r}", _suggest(str(tag)) or _EXAMPLES)
    try:
        parsed = langcodes.Language.get(tag, normalize=True)
    except (ValueError, LookupError):
        raise LanguageError(f"not a language code: {tag!r}", _suggest(tag) or _EXAMPLES) from None
    language = parsed.language or ("und" if tag.lower() == "und" else "")
    if not parsed.is_valid() or not language or language.startswith("x-"):
        raise LanguageError(f"unknown language code {tag!r}", _suggest(tag) or _EXAMPLES)
    return parsed


_EXAMPLES = "use a BCP 47 code such as en, ar, fa, kmr, hy (the ISO 639 code of the language)"


def _minimal(parsed: langcodes.Language) -> langcodes.Language:
    """Drop a script that likely subtags would add back (``sr-Cyrl`` -> ``sr``, ``zh-Hans`` -> ``zh``).
    A region stays: it changes how dates and numbers are written (``en-US``), not the language."""
    if parsed.script and parsed.script == parsed.update_dict({"script": None}).maximize().script:
        parsed = parsed.update_dict({"script": None})
    return parsed


def _name(parsed: langcodes.Language) -> str:
    name = parsed.display_name()
    return "Dari" if parsed.to_tag() == "fa-AF" else name


def name(tag: str) -> str:
    """The English name of a tag's language, for messages (the tag itself if it is not valid)."""
    try:
        return info(tag).name
    except LanguageError:
        return tag


def _suggest(code: str) -> str | None:
    """A did-you-mean hint: a country code written for a language (``gr``, ``ir``: CLDR's likely
    language of that country), a code in the wrong case, or a language's English name."""
    if "_" in code and not _parse_fails(code.replace("_", "-")):
        return f"write '{code.replace('_', '-')}': BCP 47 joins subtags with hyphens"
    if len(code) == 2 and code.isalpha():
        likely = langcodes.Language.get(f"und-{code.upper()}").maximize().language
        if (likely and likely != "en") or code.upper() in ("GB", "US"):  # CLDR's default is 'en'
            return f"did you mean '{likely}' ({name(likely or 'und')})? '{code}' is a country code"
    if len(code) <= 3 or not code.isalpha():
        return None
    try:
        found = langcodes.find(code)
    except LookupError:
        return None
    tag = found.to_tag()
    return f"did you mean '{tag}' ({name(tag)})?" if found.language else None


def _parse_fails(tag: str) -> bool:
    try:
        return not langcodes.Language.get(tag, normalize=True).is_valid()
    except (ValueError, LookupError):
        return True


@functools.lru_cache(maxsize=256)
def script_is_rtl(script: str) -> bool:
    """True for scripts written right to left (ICU's uscript_isRightToLeft)."""
    try:
        codes = icu.Script.getCode(script)
    except icu.ICUError:
        return False
    return bool(codes) and bool(icu.Script(codes[0]).isRightToLeft())


@functools.lru_cache(maxsize=256)
def needs_harfbuzz(tag: str) -> bool:
    """True if a language cannot be set correctly without HarfBuzz: its script needs shaping, or it is
    written in Arabic script with letters that have no presentation forms (Sorani ڕ ڵ ێ ە, Pashto,
    Sindhi, Uyghur), which arabic-reshaper joins with. The letters are CLDR's exemplar characters
    (through ICU); a language without them is assumed to need HarfBuzz."""
    language = info(tag)
    if language.script in _SIMPLE_SCRIPTS:
        return False
    if language.script != "Arab":
        return True
    letters = _exemplar_letters(language.tag)
    return not letters or any(ch not in _presentation_bases() for ch in letters)


def _exemplar_letters(tag: str) -> list[str]:
    exemplars = icu.LocaleData(tag.replace("-", "_")).getExemplarSet(0, 0)
    return [ch for ch in exemplars if len(ch) == 1 and unicodedata.category(ch).startswith("L")
            and 0x0600 <= ord(ch) <= 0x06FF]


@functools.cache
def _presentation_bases() -> frozenset[str]:
    """Arabic letters that have presentation forms (compatibility decompositions in U+FB50..U+FEFF)."""
    bases = set()
    for code in (*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and parts[0].startswith("<"):
            bases.add(chr(int(parts[1], 16)))
    return frozenset(bases)
