"""The catalogue of hostile and broken input: never a crash, never lost text, never a broken PDF.

Every case runs the real command line in-process (``main([...])``) and checks the four promises:
one clear message (the file, the key path or line, what to do) that appears once; exit status 1; no
traceback (``--debug`` adds one); and no PDF or temporary file left in the output folder.

Choices made for text that is odd but not wrong (tested below the catalogue):

- stray bidi controls (RLO or LRE without PDF, an isolate without PDI) are kept: the bidi algorithm
  runs per paragraph, so they can only reorder their own slogan or paragraph, never the rest of the page;
- zero-width characters are kept: ZWNJ and ZWJ are part of Persian and Kurdish spelling (they change
  the joining), ZWSP marks a break opportunity; text made only of invisible characters is empty;
- an emoji or any character no font in the catalog has stops the job with the missing-glyph error,
  naming the character (code point and Unicode name), the language and the block.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.ttLib import TTFont
from PIL import Image
from reportlab.lib.colors import CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from conftest import MINIMAL_TOML, ROOT, write_leaflet
from handbill.cli import main
from handbill.fonts.catalog import load_catalog
from pdfcheck import pdfium_text, squeeze

STATEMENT = {"en": "# Hi\n\nText.\n"}
Setup = Callable[[Path, pytest.MonkeyPatch], tuple[Path, list[str]]]


@dataclass(frozen=True)
class Case:
    """One kind of bad input: how to make it, and the pieces of the message it must produce."""

    name: str
    setup: Setup
    expect: tuple[str, ...]


def leaflet_with(toml: str = MINIMAL_TOML, statements: dict[str, str] | None = None,
                 extra: tuple[str, ...] = ()) -> Setup:
    """A setup writing one leaflet folder (and passing extra command-line arguments)."""
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
        return write_leaflet(tmp / "lf", toml, STATEMENT if statements is None else statements), list(extra)
    return setup


def slogan(text: str) -> str:
    """MINIMAL_TOML with another slogan text (a TOML basic string body)."""
    return MINIMAL_TOML.replace("Bread and roses", text)


def then(setup: Setup, change: Callable[[Path], object]) -> Setup:
    """A setup followed by a change to the leaflet folder."""
    def wrapped(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
        folder, extra = setup(tmp, monkeypatch)
        change(folder)
        return folder, extra
    return wrapped


def own_layout(text: str, name: str = "custom") -> Setup:
    """A leaflet beside its own layouts/ folder holding one layout (found before the shared ones)."""
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
        (tmp / "layouts").mkdir()
        (tmp / "layouts" / f"{name}.toml").write_text(text, encoding="utf-8")
        return write_leaflet(tmp / "lf", MINIMAL_TOML.replace('"a4-flyer"', f'"{name}"'), STATEMENT), []
    return setup


IMAGE_LAYOUT = """[styles.headline]
size = 20
[[pages]]
[[pages.frames]]
block = "headline"
at = [10, 10, 100, 20]
[[pages.frames]]
block = "image"
at = [10, 40, 100, 100]
src = "SRC"
"""


def long_slogan_in_own_layout(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
    """The shipped a3-poster copied into the leaflet's project as the user's own layout, and a slogan too
    long for it: the layout author's message (the layout file and frame) is the right one there."""
    (tmp / "layouts").mkdir()
    shutil.copy(ROOT / "layouts" / "a3-poster.toml", tmp / "layouts" / "custom.toml")
    toml = slogan("We march for bread and roses and for peace " * 12).replace('"a4-flyer"', '"custom"')
    return write_leaflet(tmp / "lf", toml, STATEMENT), []


def image_layout(src: str, make: Callable[[Path, Path], object] | None = None) -> Setup:
    """A leaflet whose layout shows image ``src``; make(tmp, leaflet) puts files in place."""
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
        folder, extra = own_layout(IMAGE_LAYOUT.replace("SRC", src))(tmp, monkeypatch)
        if make is not None:
            make(tmp, folder)
        return folder, extra
    return setup


def outside_image_linked_in(tmp: Path, folder: Path) -> None:
    """logo.png in the leaflet folder is a link to an image outside it."""
    Image.new("RGB", (30, 30), "red").save(tmp / "private.png")
    (folder / "logo.png").symlink_to(tmp / "private.png")


TINY_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")


def svg_logo(body: str = "", raw: str = "") -> Setup:
    """A leaflet whose logo is logo.svg: ``body`` inside a 100 x 50 mm SVG, or ``raw`` as the whole file."""
    text = raw or ('<svg xmlns="http://www.w3.org/2000/svg" width="100mm" height="50mm" viewBox="0 0 100 50">'
                   f'{body}</svg>')
    toml = MINIMAL_TOML.replace('organisation = "Test Network"', 'organisation = "Test Network"\nlogo = "logo.svg"')
    return then(leaflet_with(toml), lambda folder: (folder / "logo.svg").write_text(text, encoding="utf-8"))


def pdf_logo(draw: Callable[[Any], object] | None = None, raw: bytes = b"") -> Setup:
    """A leaflet whose logo is logo.pdf: a 100 x 50 pt page drawn by ``draw`` on a ReportLab canvas, or ``raw``."""
    def make(folder: Path) -> None:
        if raw:
            (folder / "logo.pdf").write_bytes(raw)
            return
        canvas = Canvas(str(folder / "logo.pdf"), pagesize=(100, 50))
        if draw is not None:
            draw(canvas)
        canvas.save()

    toml = MINIMAL_TOML.replace('organisation = "Test Network"', 'organisation = "Test Network"\nlogo = "logo.pdf"')
    return then(leaflet_with(toml), make)


# -- fonts: a project with its own fonts/catalog.toml, found from the working folder ---------------

CATALOG = """[families."Test Sans"]
source = "a test"
regular = "FILE"
[scripts]
Latn = ["Test Sans"]
Zyyy = ["Test Sans"]
default = ["Test Sans"]
"""


def noto_sans() -> Path:
    """The installed NotoSans-Regular.ttf (the test is skipped without fonts-noto-core)."""
    path = load_catalog(ROOT / "fonts" / "catalog.toml").locate("NotoSans-Regular.ttf")
    if path is None:
        pytest.skip("NotoSans-Regular.ttf not installed (Debian fonts-noto-core)")
    return path


def cff_font(path: Path) -> None:
    """A PostScript-outline (CFF) OpenType font covering ASCII, every glyph a box."""
    chars = [chr(code) for code in range(0x20, 0x7F)]
    names = [".notdef", *(f"uni{ord(c):04X}" for c in chars)]
    builder = FontBuilder(1000, isTTF=False)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    charstrings = {}
    for name in names:
        pen = T2CharStringPen(600, None)
        pen.moveTo((50, 0))
        pen.lineTo((550, 0))
        pen.lineTo((550, 700))
        pen.lineTo((50, 700))
        pen.closePath()
        charstrings[name] = pen.getCharString()
    builder.setupCFF("TestCFF-Regular", {"FullName": "Test CFF Regular"}, charstrings, {})
    builder.setupHorizontalMetrics({name: (600, 50) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Test CFF", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))


def outlineless_font(path: Path) -> None:
    """The CFF test font with its outlines (the CFF table) taken out: nothing a PDF could draw."""
    cff_font(path)
    font = TTFont(path)
    del font["CFF "]
    font.save(str(path))


def font_project(file_name: str, make: Callable[[Path], object]) -> Setup:
    """A project folder whose catalog serves every script with one font file made by make()."""
    def setup(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[str]]:
        project = tmp / "project"
        (project / "fonts").mkdir(parents=True)
        (project / "layouts").symlink_to(ROOT / "layouts")
        (project / "fonts" / "catalog.toml").write_text(CATALOG.replace("FILE", file_name), encoding="utf-8")
        make(project / "fonts" / file_name)
        monkeypatch.chdir(project)
        return write_leaflet(project / "leaflets" / "lf", MINIMAL_TOML, STATEMENT), []
    return setup


def truncated_noto(size: int) -> Callable[[Path], object]:
    return lambda path: path.write_bytes(noto_sans().read_bytes()[:size])


# -- the catalogue -------------------------------------------------------------------------------------

LONG_STATEMENT = "# Headline\n\n" + "\n\n".join(["Workers of the world, unite against the war. " * 12] * 60)

CATALOGUE = [
    # TOML syntax, types and keys
    Case("invalid TOML", leaflet_with('title = "Unclosed\ndate = 2024-05-01\n'),
         ("leaflet.toml:1: invalid TOML: the text that starts at column 9 has no closing quote",
          'hint: end the text with " on the same line')),
    Case("a number where a string is due", leaflet_with(MINIMAL_TOML.replace('"Test"', "5")),
         ("leaflet.toml: title: expected a string, got an integer 5",)),
    Case("a string where an array is due", leaflet_with(MINIMAL_TOML.replace('["a4-flyer"]', '"a4-flyer"')),
         ("layouts: expected an array, got a string",)),
    Case("slogans written as an array of strings", leaflet_with(
        MINIMAL_TOML.split("[[slogans]]")[0] + 'slogans = ["Bread and roses"]\n'),
         ("slogans[1] (the 1st [[slogans]]): expected a table, got a string",)),
    Case("a date that is not a date", leaflet_with(MINIMAL_TOML.replace("2024-05-01", '"May Day"')),
         ("date: expected date (year-month-day), got text", "without quotes")),
    Case("an empty list of layouts", leaflet_with(MINIMAL_TOML.replace('["a4-flyer"]', "[]")),
         ("leaflet.toml: layouts: names no layout", 'layouts = ["a4-flyer"]')),
    Case("unknown key with a did-you-mean", leaflet_with('organisaton = "x"\n' + MINIMAL_TOML),
         ("organisaton: unknown key", "did you mean 'organisation'?")),
    Case("unknown key in a slogan", leaflet_with(MINIMAL_TOML.replace("text =", "txt =")),
         ("slogans[1].txt (the 1st [[slogans]]): unknown key", "did you mean 'text'?")),
    # missing files and folders
    Case("no leaflet folder", lambda tmp, mp: (tmp / "nowhere", []), ("nowhere: leaflet folder not found",)),
    Case("no leaflet.toml", then(leaflet_with(), lambda f: (f / "leaflet.toml").unlink()),
         ("no leaflet.toml in this folder",)),
    Case("a statement asked for that does not exist", leaflet_with(statements={}, extra=(
        "--lang", "en", "--layout", "a4-flyer")), ("statement.en.md",)),
    Case("a statement that is a broken link", then(leaflet_with(), lambda f: (f / "statement.fr.md").symlink_to(
        f / "gone.md")), ("statement.fr.md: broken link",)),
    Case("a statement that is a folder", then(leaflet_with(), lambda f: (f / "statement.fr.md").mkdir()),
         ("statement.fr.md: is a folder, not a file",)),
    Case("a statement that is not UTF-8", then(leaflet_with(), lambda f: (f / "statement.fr.md").write_bytes(
        "# Caf\xe9\n".encode("cp1252"))), ("statement.fr.md:1: not UTF-8 text (byte 5)", "save the file as UTF-8")),
    Case("an unknown layout in leaflet.toml", leaflet_with(MINIMAL_TOML.replace('"a4-flyer"', '"a9-flyer"')),
         ("leaflet.toml: layouts: unknown layout 'a9-flyer'", "did you mean 'a4-flyer'?")),
    Case("a layout name written as words", leaflet_with(MINIMAL_TOML.replace('"a4-flyer"', '"A3 poster"')),
         ("leaflet.toml: layouts: unknown layout 'A3 poster'", "did you mean 'a3-poster'?")),
    Case("a misspelt layout on the command line", leaflet_with(extra=("--layout", "a3-postre")),
         ("unknown layout 'a3-postre'", "did you mean 'a3-poster'?")),
    Case("a layout name like none", leaflet_with(MINIMAL_TOML.replace('"a4-flyer"', '"leporello"')),
         ("leaflet.toml: layouts: unknown layout 'leporello'", "known layouts:", "a4-flyer")),
    Case("an unknown layout on the command line", leaflet_with(extra=("--layout", "poster")),
         ("unknown layout 'poster'", "a3-poster")),
    Case("a layout that extends a missing one", own_layout('extends = "nope"\n'),
         ("custom.toml: extends: unknown layout 'nope'",)),
    Case("a layout with a NaN frame", own_layout(IMAGE_LAYOUT.replace("[10, 10, 100, 20]", "[nan, 10, 100, 20]")),
         ("custom.toml: pages[1].frames[1].at[1] (the 1st [[pages.frames]] of the 1st [[pages]]): "
          "must be a finite number, got nan",)),
    Case("a layout with a 400-digit size", own_layout(IMAGE_LAYOUT.replace("[10, 10, 100, 20]", "[10, 10, 1" + "0" * 400
                                                                             + ", 20]")),
         ("custom.toml: pages[1].frames[1].at[3] (the 1st [[pages.frames]] of the 1st [[pages]]): "
          "an integer of 401 digits is out of range",
          "between -1,000,000,000 and 1,000,000,000")),
    Case("a leaflet with a 5,000-digit number", leaflet_with(MINIMAL_TOML + "count = " + "9" * 5000 + "\n"),
         ("leaflet.toml:9: count: a number with thousands of digits",)),
    Case("a colour given as booleans", own_layout(IMAGE_LAYOUT + "[colors.red]\ncmyk = [true, 100, 100, false]\n"),
         ("custom.toml: colors.red.cmyk: expected four percentages 0..100",)),
    Case("a type_scale given as a string",
         own_layout('extends = "a4-flyer"\n[page]\nsize = "A3"\ntype_scale = "1.4"\n'),
         ("custom.toml: page.type_scale: expected a number from 0.1 to 10, got '1.4'",)),
    Case("a type_scale of 0", own_layout('extends = "a4-flyer"\n[page]\nsize = "A3"\ntype_scale = 0\n'),
         ("custom.toml: page.type_scale: expected a number from 0.1 to 10, got 0",)),
    Case("a negative type_scale", own_layout('extends = "a4-flyer"\n[page]\nsize = "A3"\ntype_scale = -2\n'),
         ("custom.toml: page.type_scale: expected a number from 0.1 to 10, got -2",)),
    Case("an image file that is missing", image_layout("missing.png"),
         ("custom.toml: pages[1].frames[2].src", "missing.png", "not found")),
    Case("an image path that climbs out", image_layout("../private.png"),
         ("pages[1].frames[2].src", "inside the leaflet folder")),
    Case("an absolute image path", image_layout("/etc/private.png"),
         ("pages[1].frames[2].src", "inside the leaflet folder")),
    # SVG logos (load/vector.py): what a print file cannot take is refused with one message
    Case("an SVG logo with text", svg_logo('<text x="5" y="30">Peace</text>'),
         ("leaflet.toml: logo: logo.svg: holds text (<text>)", "Object to Path")),
    Case("an SVG logo with a script", svg_logo('<script>alert(1)</script><rect width="9" height="9"/>'),
         ("leaflet.toml: logo: logo.svg: holds <script>, which a logo has no use for", "Plain SVG")),
    Case("an SVG logo that refers to another file",
         svg_logo('<use href="parts.svg#mark"/><rect width="9" height="9"/>'),
         ("leaflet.toml: logo: logo.svg: refers to something outside the file", "Plain SVG")),
    Case("an SVG logo with a raster image inside", svg_logo(
        '<image width="10" height="10" href="data:image/png;base64,' + TINY_PNG + '"/>'),
         ("leaflet.toml: logo: logo.svg: holds a raster image (<image>)", "give the logo as PNG or JPEG")),
    Case("an SVG logo that is not XML", svg_logo(raw="<svg><rect></svg"),
         ("leaflet.toml: logo: logo.svg: not a readable SVG file", "Plain SVG")),
    Case("an SVG logo that draws nothing", svg_logo('<rect width="10" height="10" fill="none"/>'),
         ("leaflet.toml: logo: logo.svg: draws nothing",)),
    Case("an SVG logo without a size", svg_logo(raw='<svg xmlns="http://www.w3.org/2000/svg"><rect width="10" '
                                                'height="10"/></svg>'),
         ("leaflet.toml: logo: logo.svg: has no size", "viewBox")),
    Case("a logo in another vector format", then(leaflet_with(MINIMAL_TOML.replace(
        'organisation = "Test Network"', 'organisation = "Test Network"\nlogo = "logo.eps"')),
        lambda f: (f / "logo.eps").write_text("%!PS", encoding="utf-8")),
         ("leaflet.toml: logo: 'logo.eps' is not a PNG, JPEG, SVG or PDF file",)),
    # PDF logos (load/pdf_logo.py)
    Case("a PDF logo that is not a PDF", pdf_logo(raw=b"%PDF-1.4 not really"),
         ("leaflet.toml: logo: logo.pdf: not a readable PDF file", "export the logo again")),
    Case("a PDF logo of two pages", pdf_logo(lambda c: (c.rect(0, 0, 10, 10, fill=1), c.showPage(),
                                                        c.rect(0, 0, 10, 10, fill=1))),
         ("leaflet.toml: logo: logo.pdf: has 2 pages; a PDF logo is one page",)),
    Case("a PDF logo with a raster image",
         pdf_logo(lambda c: c.drawInlineImage(Image.new("RGB", (4, 4)), 0, 0, 40, 40)),
         ("leaflet.toml: logo: logo.pdf: holds a raster image", "give the logo as PNG")),
    Case("a PDF logo whose text font is not embedded", pdf_logo(lambda c: c.drawString(10, 10, "Peace")),
         ("leaflet.toml: logo: logo.pdf: uses the font Helvetica without embedding it", "outlines")),
    Case("a PDF logo with a gradient", pdf_logo(lambda c: c.linearGradient(0, 0, 100, 0, [(1, 0, 0), (0, 0, 1)])),
         ("leaflet.toml: logo: logo.pdf: holds a gradient (a shading)", "give the logo as SVG")),
    Case("a PDF logo in a spot colour", pdf_logo(lambda c: (c.setFillColor(CMYKColorSep(0, 1, 1, 0, spotName="Red")),
                                                            c.rect(0, 0, 10, 10, fill=1))),
         ("leaflet.toml: logo: logo.pdf: uses a spot colour", "without spot colours")),
    # language codes
    Case("a country code for a language", leaflet_with(MINIMAL_TOML.replace('lang = "en"\nlayouts',
                                                                           'lang = "gr"\nlayouts')),
         ("leaflet.toml: lang: unknown language code 'gr'", "did you mean 'el' (Greek)?")),
    Case("a language name for a code", leaflet_with(MINIMAL_TOML.replace('lang = "en"\ntext', 'lang = "Farsi"\ntext')),
         ("slogans[1].lang (the 1st [[slogans]]): not a language code: 'Farsi'", "did you mean 'fa' (Persian)?")),
    Case("a statement file named with a language name", then(leaflet_with(), lambda f: (
        f / "statement.english.md").write_text("# Hi\n\nText.\n", encoding="utf-8")),
         ("statement.english.md: the file name's language code", "did you mean 'en' (English)?")),
    Case("two slogans in one language, one with the long form", leaflet_with(
        MINIMAL_TOML + '[[slogans]]\nlang = "eng"\ntext = "Again"\n'),
         ("slogans[2].lang (the 2nd [[slogans]]): a second slogan in 'en' (English; the first is slogans[1].lang)",)),
    # empty and duplicated text
    Case("an empty slogan", leaflet_with(slogan("")),
         ("slogans[1].text (the 1st [[slogans]]): is empty", "write the text")),
    Case("a whitespace-only slogan", leaflet_with(slogan(" \\t\\u00a0\\u3000 ")),
         ("slogans[1].text (the 1st [[slogans]]): is empty",)),
    Case("a slogan of only invisible characters", leaflet_with(slogan("\\u200b\\u202e\\u2066")),
         ("slogans[1].text (the 1st [[slogans]]): is empty (it holds only invisible characters)",)),
    Case("two slogans in one language", leaflet_with(MINIMAL_TOML + '[[slogans]]\nlang = "en"\ntext = "Again"\n'),
         ("slogans[2].lang (the 2nd [[slogans]]): a second slogan in 'en' (English; the first is slogans[1].lang)",
          "one slogan per language")),
    Case("two slogans in one language, differently cased", leaflet_with(
        slogan("x").replace('lang = "en"\ntext', 'lang = "pt-BR"\ntext') + '[[slogans]]\nlang = "pt-br"\ntext = "y"\n'),
        ("slogans[2].lang (the 2nd [[slogans]]): a second slogan in 'pt-BR' (Portuguese",)),
    Case("two statements in one language", leaflet_with(statements={"pt-BR": "# A\n\nB.\n", "pt-br": "# A\n\nB.\n"}),
         ("a second statement in 'pt-BR' (Portuguese",)),
    Case("two statements in one language, one by its long form", leaflet_with(
        statements={"fa": "# A\n\nB.\n", "per": "# A\n\nB.\n"}), ("a second statement in 'fa' (Persian",)),
    # text that cannot be printed
    Case("a control character in a slogan", leaflet_with(slogan("Bread \\u0007 roses")),
         ("slogans[1].text (the 1st [[slogans]]): contains U+0007 (control character) at character 7", "copy-paste")),
    Case("a control character in the statement", leaflet_with(statements={"en": "# Hi\n\nOne.\n\nTwo \x1b[0m.\n"}),
         ("statement.en.md:5: contains U+001B (control character)",)),
    Case("an unpaired surrogate in leaflet.toml", leaflet_with(slogan("Bread \\uD800 roses")),
         ("leaflet.toml:8: invalid TOML: Escaped character is not a Unicode scalar value",)),
    Case("an unpaired surrogate in a statement", then(leaflet_with(), lambda f: (f / "statement.en.md").write_bytes(
        b"# Hi\n\nA \xed\xa0\x80 b.\n")), ("statement.en.md:3: not UTF-8 text (byte 8)",)),
    Case("a noncharacter", leaflet_with(slogan("Bread \\uFFFE roses")), ("contains U+FFFE (noncharacter)",)),
    Case("a private-use character", leaflet_with(slogan("Logo \\uE000")), ("contains U+E000 (private-use character)",)),
    Case("an emoji no font has", leaflet_with(slogan("Bread \\U0001F9A0 roses")),
         ("U+1F9A0 MICROBE in the 'en' slogans has no glyph in any font", "hint:")),
    Case("a character no font has", leaflet_with(statements={"en": "# Hi\n\nThe sign \U00010FB0 is old.\n"}),
         ("U+10FB0 CHORASMIAN LETTER ALEPH in the 'en' statement has no glyph in any font",)),
    Case("an unassigned code point", leaflet_with(statements={"en": "# Hi\n\nA \U000D9507 b.\n"}),
         ("U+D9507 unassigned code point in the 'en' statement",)),
    # too much
    Case("a statement far too long for its layout", leaflet_with(statements={"en": LONG_STATEMENT}),
         ("statement.en.md: the statement does not fit layout a4-flyer: it is about", "% too long",
          " mm of text left over", "smallest allowed size", "hint: shorten it by at least about", " words (of ")),
    Case("a slogan too long for a shipped poster",
         leaflet_with(slogan("We march for bread and roses and for peace " * 12).replace('"a4-flyer"', '"a3-poster"')),
         ("leaflet.toml: slogans[1].text (the 1st [[slogans]]): the 'en' slogan does not fit layout a3-poster: "
          "it is about", "% too long",
          "hint: shorten it by at least about")),
    Case("a slogan too long for the user's own layout", long_slogan_in_own_layout,
         ("custom.toml: pages[1].frames[1] (the 1st [[pages.frames]] of the 1st [[pages]]): "
          "the hero block does not fit",
          "smaller min_size in the layout")),
    Case("a slogan over the length cap", leaflet_with(slogan("x" * 1001)),
         ("slogans[1].text (the 1st [[slogans]]): is 1,001 characters long; at most 1,000 are supported",)),
    # fonts
    Case("a truncated font file", font_project("TestSans-Regular.ttf", truncated_noto(20_000)),
         ("TestSans-Regular.ttf: not a usable font file", "truncated or corrupt")),
    Case("an empty font file", font_project("TestSans-Regular.ttf", lambda p: p.write_bytes(b"")),
         ("TestSans-Regular.ttf: not a usable font file",)),
    Case("a font without outlines", font_project("TestCFF-Regular.otf", outlineless_font),
         ("TestCFF-Regular.otf: font has no outlines handbill can embed", "TrueType (glyf) and CFF")),
    Case("a statement file given instead of the leaflet folder",
         lambda tmp, mp: (leaflet_with()(tmp, mp)[0] / "statement.en.md", []),
         ("statement.en.md: this is a file: give the folder, not the file",)),
    Case("a logo named in the wrong case", then(leaflet_with(MINIMAL_TOML.replace(
        'organisation = "Test Network"', 'organisation = "Test Network"\nlogo = "Logo.PNG"')),
        lambda folder: Image.new("RGB", (1200, 1200), "red").save(folder / "logo.png")),
         ("leaflet.toml: logo: the file 'Logo.PNG' was not found", "did you mean 'logo.png'?")),
    # the environment
    Case("a malformed SOURCE_DATE_EPOCH", lambda tmp, mp: (mp.setenv("SOURCE_DATE_EPOCH", "today"),
                                                           leaflet_with()(tmp, mp))[1],
         ("SOURCE_DATE_EPOCH='today' is not a time",)),
]


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run handbill in-process with one worker; (exit status, stdout and stderr together)."""
    status = main([*args[:2], "--jobs", "1", *args[2:]] if args[0] in ("build", "check") else list(args))
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def assert_nothing_written(out: Path) -> None:
    """No PDF and no temporary file anywhere under the output folder."""
    leftovers = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not leftovers, f"files left behind: {leftovers}"


UNPLACED_KEY = re.compile(r"\.toml: [a-z_]+(\[\d+\])?(\.[a-z_]+)*( \(the |: )")  # a key path, no line before it


@pytest.mark.parametrize("case", CATALOGUE, ids=[case.name for case in CATALOGUE])
def test_catalogue(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                   capsys: pytest.CaptureFixture[str]) -> None:
    """One message (said once), exit status 1, no traceback, nothing written."""
    leaflet, extra = case.setup(tmp_path, monkeypatch)
    out = tmp_path / "out"
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(out), *extra)
    assert status == 1, output
    assert not UNPLACED_KEY.search(output), f"a key of a TOML file without its line:\n{output}"
    unlined = re.sub(r"(\.toml):\d+:", r"\1:", output)  # pieces may leave out the line (checked just above)
    for piece in case.expect:
        assert piece in output or piece in unlined, f"{piece!r} not in:\n{output}"
    assert max(output.count(case.expect[0]), unlined.count(case.expect[0])) == 1, output
    assert "Traceback" not in output
    assert_nothing_written(out)


def test_an_image_link_that_points_outside_the_leaflet_is_refused(tmp_path, monkeypatch, capsys) -> None:
    leaflet, _ = image_layout("logo.png", outside_image_linked_in)(tmp_path, monkeypatch)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1 and "outside the leaflet folder" in output
    assert_nothing_written(tmp_path / "out")


def test_a_font_truncated_in_its_last_tables_is_refused(tmp_path, monkeypatch, capsys) -> None:
    size = len(noto_sans().read_bytes())
    leaflet, _ = font_project("TestSans-Regular.ttf", truncated_noto(size - 60_000))(tmp_path, monkeypatch)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1 and "TestSans-Regular.ttf" in output
    assert_nothing_written(tmp_path / "out")


def test_asking_only_for_a_language_the_leaflet_lacks_fails(tmp_path, capsys) -> None:
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    status, output = run_cli(capsys, "build", str(leaflet), "--lang", "tr", "--out", str(tmp_path / "out"))
    assert status == 1 and "statement.tr.md" in output


# -- the output folder ---------------------------------------------------------------------------------

def test_a_missing_output_folder_is_made(tmp_path: Path, capsys) -> None:
    """Not an error: --out and the folders above it are created."""
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    out = tmp_path / "not" / "yet" / "there"
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(out))
    assert status == 0, output
    assert sorted(p.name for p in (out / "lf").iterdir()) == ["a4-flyer.en.pdf"]


def test_output_under_a_file(tmp_path: Path, capsys) -> None:
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    (tmp_path / "out").write_text("not a folder", encoding="utf-8")
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out" / "pdfs"))
    assert status == 1
    assert "cannot create the output folder: part of the output path is a file, not a folder" in output
    assert "--out" in output and "Traceback" not in output


def test_a_folder_in_the_way_of_the_pdf(tmp_path: Path, capsys) -> None:
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    (tmp_path / "out" / "lf" / "a4-flyer.en.pdf").mkdir(parents=True)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "a4-flyer.en.pdf: cannot write the PDF: a folder of that name is in the way" in output
    assert not [p for p in (tmp_path / "out").rglob("*") if p.is_file()]


def test_a_read_only_output_folder(tmp_path: Path, capsys, monkeypatch) -> None:
    """Simulated (the tests may run as root, who can write anywhere): creating the file is refused."""
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    real_open = os.open

    def refuse(path, flags, mode=0o777, *args, **kwargs):
        if str(path).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "cannot write the PDF: permission denied" in output and "choose a folder you can write to" in output
    assert_nothing_written(tmp_path / "out")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_a_really_read_only_output_folder(tmp_path: Path, capsys) -> None:
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    (tmp_path / "out").mkdir()
    (tmp_path / "out").chmod(0o555)
    try:
        status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    finally:
        (tmp_path / "out").chmod(0o755)
    assert status == 1 and "permission denied" in output
    assert_nothing_written(tmp_path / "out")


def test_a_full_disk_leaves_the_previous_pdf_and_no_temporary_file(tmp_path: Path, capsys, monkeypatch) -> None:
    """Simulated: os.write fails with ENOSPC half-way; the old PDF stays byte for byte."""
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    out = tmp_path / "out"
    assert run_cli(capsys, "build", str(leaflet), "--out", str(out))[0] == 0
    pdf = out / "lf" / "a4-flyer.en.pdf"
    before = pdf.read_bytes()
    (leaflet / "statement.en.md").write_text("# Changed\n\nNew text.\n", encoding="utf-8")
    real_write = os.write

    def full(fd: int, data) -> int:
        real_write(fd, bytes(data[:1000]))
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(out))
    monkeypatch.undo()
    assert status == 1
    assert "a4-flyer.en.pdf: cannot write the PDF: the disk is full" in output
    assert "free some space" in output and "Traceback" not in output
    assert pdf.read_bytes() == before
    assert sorted(p.name for p in (out / "lf").iterdir()) == ["a4-flyer.en.pdf"]


# -- the command line's own last line of defence -------------------------------------------------------

def test_a_bug_is_one_message_and_debug_shows_the_traceback(tmp_path: Path, capsys, monkeypatch) -> None:
    """An exception that is not a HandbillError (a bug) is still one line without --debug."""
    import handbill.build

    def boom(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(handbill.build, "load_leaflet", boom)
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1
    assert "error: internal error (ZeroDivisionError: boom)" in output and "please report it" in output
    assert "Traceback" not in output
    status, output = run_cli(capsys, "--debug", "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1 and "Traceback" in output and "ZeroDivisionError: boom" in output


def test_debug_adds_the_traceback_to_an_input_error(tmp_path: Path, capsys) -> None:
    leaflet = write_leaflet(tmp_path / "lf", slogan(""), STATEMENT)
    status, output = run_cli(capsys, "--debug", "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1 and "Traceback" in output and "slogans[1].text (the 1st [[slogans]]): is empty" in output


# -- odd text that is kept: the choices in the module docstring -----------------------------------------

def pdf_text(capsys, tmp_path: Path, name: str, toml: str, statements: dict[str, str]) -> str:
    """Build a leaflet and return the pypdfium2 text of its flyer, whitespace and the hyphens of words
    cut at a line's end (pdfium's U+FFFE) removed."""
    leaflet = write_leaflet(tmp_path / name, toml, statements)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0, output
    return squeeze(pdfium_text(tmp_path / "out" / name / "a4-flyer.en.pdf")).replace("\ufffe", "")


TWO_SLOGANS = MINIMAL_TOML + '[[slogans]]\nlang = "fa"\ntext = "نان و گل سرخ"\n'
BODY = {"en": "# Headline\n\nFirst paragraph, with 1945 and (brackets).\n\nSecond paragraph.\n"}


@pytest.mark.parametrize("control", ["\\u202e", "\\u202a", "\\u202b", "\\u2067", "\\u2066\\u202e"])
def test_a_stray_bidi_control_does_not_disturb_the_rest_of_the_page(tmp_path, capsys, control: str) -> None:
    """An RLO/LRE/RLE or an isolate left open in one slogan is kept (the author may mean it), and
    everything else on the page, the other slogan, the headline and the statement, extracts exactly as
    it does without it: bidi is resolved per paragraph."""
    clean = pdf_text(capsys, tmp_path, "clean", TWO_SLOGANS, BODY)
    stray = pdf_text(capsys, tmp_path, "stray", TWO_SLOGANS.replace("Bread and", f"Bread {control}and"), BODY)
    for text in ("نانوگلسرخ", "Headline", "Firstparagraph,with1945and(brackets).", "Secondparagraph."):
        assert text in clean
        assert stray.count(text) == clean.count(text), text
    rest_of_page = clean.split("Breadandroses", 1)[1]  # everything after the slogan, in reading order
    assert len(rest_of_page) > 50 and rest_of_page in stray


def test_zero_width_joiners_are_kept_and_change_the_shaping(tmp_path, capsys) -> None:
    """ZWNJ is part of Persian spelling (می‌خواهم): removing it would join letters that must not join.
    The PDF with it differs from the one without, and both extract to the same letters."""
    with_zwnj = MINIMAL_TOML.replace('lang = "en"\ntext = "Bread and roses"', 'lang = "fa"\ntext = "می\\u200cخواهم"')
    without = with_zwnj.replace("\\u200c", "")
    joined = pdf_text(capsys, tmp_path, "joined", without, BODY)
    kept = pdf_text(capsys, tmp_path, "kept", with_zwnj, BODY)
    assert "میخواهم" in joined.replace("\u200c", "") and "میخواهم" in kept.replace("\u200c", "")
    first = (tmp_path / "out" / "joined" / "a4-flyer.en.pdf").read_bytes()
    second = (tmp_path / "out" / "kept" / "a4-flyer.en.pdf").read_bytes()
    assert first != second


def test_an_interrupted_build_leaves_no_temporary_file(tmp_path, capsys, monkeypatch) -> None:
    """Ctrl-C during a write: the temporary file is removed, the message is 'interrupted', status 130."""
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, STATEMENT)

    def interrupt(fd: int, data) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupt)
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    monkeypatch.undo()
    assert status == 130 and "interrupted" in output
    assert_nothing_written(tmp_path / "out")
    shutil.rmtree(tmp_path / "out", ignore_errors=True)


@pytest.mark.parametrize("char", ["\f", "\v", "\x85", "\u2028", "\u2029"])
def test_line_breaks_that_are_not_text_are_refused_with_their_line(tmp_path: Path, capsys, char: str) -> None:
    statement = "# Headline\n\nFirst line.\nSecond" + char + "line.\n\nThird paragraph.\n"
    leaflet = write_leaflet(tmp_path / "lf", MINIMAL_TOML, {"en": statement})
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 1 and "statement.en.md:4:" in output and f"U+{ord(char):04X}" in output, output
    assert "Traceback" not in output
    assert_nothing_written(tmp_path / "out")


# -- issue 10's silent or raw cases: each now one message naming the file, line or key, and what to do ------

FRONT_ONLY_LAYOUT = """[styles.body]
size = 10
min_size = 7
[[pages]]
[[pages.frames]]
block = "statement"
at = [10, 10, 120, 60]
style = "body"
"""
LONG_STATEMENT = "# Hi\n\n" + "\n\n".join(["We march for bread and roses, for work and rest. " * 4] * 8) + "\n"


def _leaflet(tmp: Path, toml: str = MINIMAL_TOML, statements: dict[str, str] | None = None) -> Path:
    return write_leaflet(tmp / "lf", toml, STATEMENT if statements is None else statements)


@pytest.mark.parametrize(("line", "expect"), [
    ('title = “Test”', ("leaflet.toml:1", "straight double quotes", 'write it as "Test"')),
    ('date = 12-12-2026', ("leaflet.toml:2", "year-month-day", "write 2026-12-12")),
    ('organisation = "The "Red" Network"', ("leaflet.toml:5", 'a straight double quote " inside text', '\\"')),
], ids=["curly quotes", "a day-first date", "an unescaped quote"])
def test_toml_syntax_mistakes_are_explained_in_words(tmp_path: Path, capsys, line: str,
                                                     expect: tuple[str, ...]) -> None:
    key = line.split(" =")[0]
    toml = "\n".join(line if row.startswith(key + " =") else row for row in MINIMAL_TOML.splitlines())
    for command in ("check", "build"):
        status, output = run_cli(capsys, command, str(_leaflet(tmp_path, toml)), *(
            ["--out", str(tmp_path / "out")] if command == "build" else []))
        assert status == 1 and "Traceback" not in output
        assert all(piece in output for piece in expect), output
        assert "invalid TOML" not in output  # the parser's own words are replaced, not added to
    assert_nothing_written(tmp_path / "out")


def test_text_that_fits_only_at_its_smallest_size_is_a_warning_in_check_and_build(tmp_path: Path, capsys) -> None:
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "front.toml").write_text(FRONT_ONLY_LAYOUT, encoding="utf-8")
    leaflet = _leaflet(tmp_path, MINIMAL_TOML.replace('"a4-flyer"', '"front"'), {"en": LONG_STATEMENT})
    words = "the statement fits only much smaller than designed: 7.2 pt instead of 10 pt"
    status, checked = run_cli(capsys, "check", str(leaflet))
    assert status == 0 and checked.count(words) == 1
    assert re.search(r"front\.toml:\d+: pages\[1\]\.frames\[1\] \(the 1st", checked)
    status, built = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0 and built.count(words) == 1
    status, built = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"), "--strict")
    assert status == 1 and "--strict" in built


def test_a_low_resolution_image_is_the_same_warning_in_check_and_build(tmp_path: Path, monkeypatch, capsys) -> None:
    def small_logo(tmp: Path, folder: Path) -> None:
        Image.new("RGB", (200, 200), "red").save(folder / "logo.png")  # 200 px over 100 mm: 51 dpi

    leaflet, _ = image_layout("logo.png", small_logo)(tmp_path, monkeypatch)
    words = "logo.png: 51 dpi at its printed size (100 x 100 mm), under 300 dpi"
    status, checked = run_cli(capsys, "check", str(leaflet))
    status, built = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0 and checked.count(words) == 1 and built.count(words) == 1, built
    assert "use an image of at least 1181 x 1181 pixels" in built


def test_check_and_build_refuse_a_language_the_leaflet_lacks_alike(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path)
    outputs = []
    for command in ("check", "build"):
        out = ["--out", str(tmp_path / "out")] if command == "build" else []
        status, output = run_cli(capsys, command, str(leaflet), "--lang", "ku", *out)
        assert status == 1
        outputs.append(output)
    assert all("nothing to build in ku" in output and "statement.ku.md" in output for output in outputs)


def test_a_url_no_layout_shows_is_a_warning(tmp_path: Path, capsys) -> None:
    toml = MINIMAL_TOML.replace('organisation = "Test Network"',
                                'organisation = "Test Network"\nurl = "https://example.org/may1"')
    (tmp_path / "layouts").mkdir()
    (tmp_path / "layouts" / "front.toml").write_text(FRONT_ONLY_LAYOUT, encoding="utf-8")
    leaflet = _leaflet(tmp_path, toml.replace('"a4-flyer"', '"front"'))
    words = "layout front has no QR code frame: the url is printed nowhere"
    status, checked = run_cli(capsys, "check", str(leaflet), "--strict")
    assert status == 1 and checked.count(words) == 1 and re.search(r"leaflet\.toml:\d+: url", checked)
    status, built = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"), "--strict")
    assert status == 1 and words in built
    assert_nothing_written(tmp_path / "out")  # --strict refuses before writing


def test_new_refuses_a_language_name_instead_of_a_code(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["new", str(tmp_path / "lf"), "--lang", "farsi"])
    assert caught.value.code == 2
    assert "did you mean 'fa'" in capsys.readouterr().err
    assert not (tmp_path / "lf").exists()


@pytest.mark.parametrize("dpi", ["0", "-5", "nan", "5000", "lots"])
def test_preview_dpi_out_of_range_is_a_usage_error(tmp_path: Path, capsys, dpi: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["preview", str(_leaflet(tmp_path)), "--dpi", dpi, "--out", str(tmp_path / "out")])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--dpi" in err and ("out of range" in err or "not a number" in err) and "internal error" not in err


def test_global_options_after_the_subcommand(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path)
    assert main(["build", str(leaflet), "-q", "--out", str(tmp_path / "out")]) == 0
    assert "written" not in capsys.readouterr().out  # quiet: the table is left out
    (leaflet / "leaflet.toml").write_text("title = ", encoding="utf-8")
    assert main(["check", str(leaflet), "--debug"]) == 1
    assert main(["--debug", "build", str(leaflet), "--debug", "--out", str(tmp_path / "out")]) == 1
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [[], ["help"]])
def test_handbill_alone_and_handbill_help_print_help(capsys, argv: list[str]) -> None:
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "usage: handbill" in out and all(name in out for name in ("build", "check", "preview", "new", "fonts"))


@pytest.mark.parametrize("command", ["build", "check", "preview", "new", "fonts", "layouts"])
def test_every_subcommand_help_says_what_it_does_with_an_example(capsys, command: str) -> None:
    for argv in ([command, "--help"], ["help", command]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == 0
        out = capsys.readouterr().out
        description = out.split("\n\n")[1]
        assert description[0].isupper() and description.rstrip().endswith(".") and len(description) > 30
        assert f"example:\n  handbill {command}" in out


def test_a_closed_pipe_is_silent() -> None:
    import subprocess
    import sys

    result = subprocess.run(f"{sys.executable} -m handbill fonts | head -1", shell=True, capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    assert result.stdout.startswith("catalog:") and result.stderr == ""


def test_outputs_a_leaflet_no_longer_makes_are_removed_and_others_listed(tmp_path: Path, capsys) -> None:
    toml = MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "a6-card"]')
    leaflet = _leaflet(tmp_path, toml)
    out = tmp_path / "out"
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    folder = out / "lf"
    assert sorted(p.name for p in folder.iterdir()) == ["a4-flyer.en.pdf", "a6-card.en.pdf"]
    (folder / "my-notes.txt").write_text("ours", encoding="utf-8")
    (leaflet / "leaflet.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a4-flyer.en.pdf", "my-notes.txt"]
    assert f"removed  {folder / 'a6-card.en.pdf'}" in err
    assert "my-notes.txt, which no build of this leaflet wrote" in err
    assert (out / ".lf.manifest").read_text(encoding="utf-8").splitlines()[1:] == ["a4-flyer.en.pdf"]


def test_a_build_of_some_versions_removes_nothing(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path, MINIMAL_TOML, {"en": "# Hi\n\nText.\n", "tr": "# Merhaba\n\nMetin.\n"})
    out = tmp_path / "out"
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    (leaflet / "statement.tr.md").unlink()
    assert main(["build", str(leaflet), "--lang", "en", "--out", str(out)]) == 0
    assert (out / "lf" / "a4-flyer.tr.pdf").exists()  # only a complete build removes
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    assert not (out / "lf" / "a4-flyer.tr.pdf").exists()


# -- fa-IR is Persian: one version, not a second language (issue 9 item 3, issue 10's 15th silent case) ----

FA_SLOGAN = MINIMAL_TOML + '[[slogans]]\nlang = "fa"\ntext = "آزادی برای همه"\n'
FA_STATEMENT = "# نان و گل سرخ\n\nما برای نان و گل سرخ راه می‌رویم.\n"


def test_a_statement_in_fa_ir_with_a_fa_slogan_is_one_persian_version(tmp_path: Path, capsys) -> None:
    toml = FA_SLOGAN.replace('["a4-flyer"]', '["a4-flyer", "a3-poster"]').replace(
        "[[slogans]]", '[translations.fa]\norganisation = "شبکهٔ آزمایش"\n\n[[slogans]]', 1)
    leaflet = _leaflet(tmp_path, toml, {"en": STATEMENT["en"], "fa-IR": FA_STATEMENT})
    out = tmp_path / "out"
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(out))
    assert status == 0, output
    assert sorted(p.name for p in (out / "lf").glob("*.pdf")) == [
        "a3-poster.en.pdf", "a3-poster.fa-IR.pdf", "a4-flyer.en.pdf", "a4-flyer.fa-IR.pdf"]
    assert "0 skipped" in output  # no flyer-only 'fa-IR' and poster-only 'fa'
    assert "organisation in 'en'" not in output  # [translations.fa] is the fa-IR version's
    assert squeeze("شبکهٔ آزمایش") in squeeze(pdfium_text(out / "lf" / "a4-flyer.fa-IR.pdf"))
    assert squeeze("آزادی برای همه") in squeeze(pdfium_text(out / "lf" / "a3-poster.fa-IR.pdf"))  # the fa slogan
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(out), "--lang", "fa")
    assert status == 0 and "a4-flyer.fa-IR.pdf" in output  # --lang fa asks for the Persian version


def test_statements_in_fa_and_fa_ir_are_one_clear_error(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path, statements={"en": STATEMENT["en"], "fa": FA_STATEMENT, "fa-IR": FA_STATEMENT})
    for command in ("check", "build"):
        status, output = run_cli(capsys, command, str(leaflet), "--out", str(tmp_path / "out"))[:2] \
            if command == "build" else run_cli(capsys, command, str(leaflet))
        assert status == 1 and "Traceback" not in output
        assert "statement.fa.md and statement.fa-IR.md are two statements in one language" in output, output
        assert "'fa-IR' is Persian as 'fa' means it" in output and 'languages = ["fa", "fa-IR", ...]' in output
    assert_nothing_written(tmp_path / "out")


def test_a_leaflet_that_lists_fa_and_fa_ir_gets_two_versions(tmp_path: Path, capsys) -> None:
    toml = MINIMAL_TOML.replace('layouts = ["a4-flyer"]', 'layouts = ["a4-flyer"]\nlanguages = ["en", "fa", "fa-IR"]')
    leaflet = _leaflet(tmp_path, toml, {"en": STATEMENT["en"], "fa": FA_STATEMENT, "fa-IR": FA_STATEMENT})
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0 and "a4-flyer.fa.pdf" in output and "a4-flyer.fa-IR.pdf" in output


def test_a_region_that_names_another_variety_stays_its_own_language(tmp_path: Path, capsys) -> None:
    """fa-AF is Dari (CLDR's prs), en-GB is not what 'en' means: each stays a version of its own."""
    leaflet = _leaflet(tmp_path, statements={"en": STATEMENT["en"], "en-GB": STATEMENT["en"],
                                             "fa": FA_STATEMENT, "fa-AF": FA_STATEMENT})
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0, output
    assert all(f"a4-flyer.{code}.pdf" in output for code in ("en", "en-GB", "fa", "fa-AF"))


# -- the QA findings of session 2: -q, --lang with a language's name, the seed's fallback warnings --------

@pytest.mark.parametrize("command", ["build", "check", "preview"])
def test_lang_given_as_a_name_is_a_usage_error_with_the_code(tmp_path: Path, capsys, command: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main([command, str(_leaflet(tmp_path)), "--lang", "farsi", *(
            ["--out", str(tmp_path / "out")] if command != "check" else [])])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "--lang: not a language code: 'farsi'; did you mean 'fa' (Persian)?" in err
    assert_nothing_written(tmp_path / "out")


def test_quiet_hides_warnings_but_says_how_many(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path, MINIMAL_TOML + '[[slogans]]\nlang = "tr"\ntext = "Ekmek ve güller"\n',
                       {"en": STATEMENT["en"], "tr": "Metin.\n"})
    status, loud = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0 and loud.count("warning: ") == 2  # tr prints the English headline and organisation
    status, quiet = run_cli(capsys, "-q", "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0 and "warning: " not in quiet and "written" not in quiet
    assert "2 warnings not shown (-q): run without -q, or handbill check, to read them" in quiet
    status, strict = run_cli(capsys, "build", str(leaflet), "-q", "--strict", "--out", str(tmp_path / "out"))
    assert status == 1 and "2 warnings and --strict" in strict  # -q never turns a failure into silence
    status, checked = run_cli(capsys, "-q", "check", str(leaflet))
    assert status == 0 and checked.strip() == "2 checked: 0 errors, 2 warnings, 2 notes: printable", checked
    (leaflet / "leaflet.toml").write_text("title = ", encoding="utf-8")
    status, checked = run_cli(capsys, "check", str(leaflet), "-q")
    assert status == 1 and "error    input" in checked and "invalid TOML" in checked  # errors still shown


def test_a_line_many_languages_lack_is_one_warning_naming_every_version(tmp_path: Path, capsys) -> None:
    langs = ["tr", "fa", "de", "el"]
    toml = MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "a3-poster"]') + "".join(
        f'[[slogans]]\nlang = "{code}"\ntext = "x {code}"\n' for code in langs)
    toml = toml.replace('organisation = "Test Network"', 'organisation = "Test Network"\nplace_date = "B, {date}"'
                        '\n[translations.el]\norganisation = "Δίκτυο"')
    leaflet = _leaflet(tmp_path, toml, {"en": STATEMENT["en"], "de": "# Hallo\n\nText.\n"})
    status, output = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    assert status == 0
    warnings = [line for line in output.splitlines() if line.startswith("warning: ")]
    assert [w for w in warnings if "organisation" in w] == [
        "warning: " + str(leaflet / "leaflet.toml") + ": translations.<lang>.organisation: 3 languages print the "
        "organisation in 'en': a4-flyer and a3-poster: de; a3-poster: tr, fa"]
    assert any("4 languages print the place_date in 'en': a4-flyer and a3-poster: de; a3-poster: tr, fa, el" in w
               for w in warnings)
    assert any("3 languages print the headline in 'en': a3-poster: tr, fa, el" in w for w in warnings)
    assert len(warnings) == 3  # every version named, none hidden, one line per key
    status, checked = run_cli(capsys, "check", str(leaflet))
    assert checked.count("prints its organisation in 'en'") == 4  # check keeps them per version, at their key


@pytest.mark.parametrize(("name", "right"), [("statement-fa.md", "statement.fa.md"),
                                             ("statement.tr.txt", "statement.tr.md"),
                                             ("Statement.FA.md", "statement.fa.md"),
                                             ("statement_kmr.md", "statement.kmr.md")])
def test_a_nearly_right_statement_name_is_a_warning_naming_the_right_one(tmp_path: Path, capsys, name: str,
                                                                         right: str) -> None:
    leaflet = _leaflet(tmp_path)
    (leaflet / name).write_text("# Sar\n\nMetn.\n", encoding="utf-8")
    words = f"{name}: this file is not read: statements are named statement.<lang>.md"
    for args in (["check"], ["build", "--out", str(tmp_path / "out")]):
        status, output = run_cli(capsys, args[0], str(leaflet), *args[1:])
        assert status == 0 and output.count(words) == 1 and f"rename it to {right}" in output, output


def test_other_files_and_right_names_are_not_taken_for_misnamed_statements(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path)
    for name in ("statements.txt", "notes.md", "statement.en.md.bak", "statement-draft.md"):
        (leaflet / name).write_text("x\n", encoding="utf-8")
    status, output = run_cli(capsys, "check", str(leaflet))
    assert status == 0 and "this file is not read" not in output, output


def test_the_untouched_new_template_warns_of_each_placeholder_in_check_and_build(tmp_path: Path, capsys) -> None:
    from handbill.load import placeholders

    folder = tmp_path / "fresh"
    assert main(["new", str(folder)]) == 0
    toml = (folder / "leaflet.toml").read_text(encoding="utf-8")
    assert all(f"# {key} = " in toml for key in ("logo", "url", "languages"))  # shown, commented out
    status, checked = run_cli(capsys, "check", str(folder))
    assert status == 0 and "0 warnings" not in checked
    lines = toml.splitlines()
    for key, start in (("title", "title ="), ("organisation", "organisation ="), ("place_date", "place_date ="),
                       ("slogans[1].text (the 1st [[slogans]])", 'text = "Your slogan'),
                       ("signatories[1].name (the 1st [[signatories]])", "name = ")):
        line = next(number for number, text in enumerate(lines, 1) if text.startswith(start))
        assert f"leaflet.toml:{line}: {key}: still the template's placeholder" in checked, key
    assert f"statement.en.md:1: still the template's placeholder {placeholders.HEADLINE!r}" in checked
    status, built = run_cli(capsys, "build", str(folder), "--out", str(tmp_path / "out"))
    assert status == 0 and f"still the template's placeholder {placeholders.SLOGAN!r}" in built
    (folder / "leaflet.toml").write_text(toml.replace(placeholders.SLOGAN, "Bread and roses"), encoding="utf-8")
    status, checked = run_cli(capsys, "check", str(folder))
    assert "slogans[1].text (the 1st [[slogans]]): still" not in checked and "title: still" in checked


def test_a_path_to_leaflet_toml_means_its_folder(tmp_path: Path, capsys) -> None:
    leaflet = _leaflet(tmp_path)
    status, output = run_cli(capsys, "build", str(leaflet / "leaflet.toml"), "--out", str(tmp_path / "out"))
    assert status == 0, output
    assert (tmp_path / "out" / "lf" / "a4-flyer.en.pdf").is_file()


def test_a_low_resolution_logo_is_named_at_its_key_once_for_every_version(tmp_path: Path, capsys) -> None:
    toml = MINIMAL_TOML.replace('organisation = "Test Network"', 'organisation = "Test Network"\nlogo = "logo.png"')
    toml += '[[slogans]]\nlang = "fa"\ntext = "نان و گل سرخ"\n'
    leaflet = _leaflet(tmp_path, toml, {"en": STATEMENT["en"], "fa": FA_STATEMENT})
    Image.new("RGB", (40, 40), "red").save(leaflet / "logo.png")
    status, built = run_cli(capsys, "build", str(leaflet), "--out", str(tmp_path / "out"))
    lines = [line for line in built.splitlines() if " dpi at its printed size" in line]
    assert status == 0 and len(lines) == 1, built
    assert "a4-flyer.en, a4-flyer.fa: " in lines[0] and re.search(r"leaflet\.toml:\d+: logo: logo\.png: ", lines[0])
    assert "a4-flyer.toml" not in lines[0]
    status, checked = run_cli(capsys, "check", str(leaflet))
    assert re.search(r"leaflet\.toml:\d+: logo: logo\.png: ", checked) and "a4-flyer.toml" not in checked


def test_a_poster_made_on_request_outlives_a_complete_build(tmp_path: Path, capsys) -> None:
    """``--layout a6-card`` of a layout leaflet.toml does not list: a later complete build keeps its file;
    a layout the leaflet stops listing is still tidied away, and one it starts listing becomes its own."""
    toml = MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "a3-poster"]')
    leaflet = _leaflet(tmp_path, toml)
    out, folder = tmp_path / "out", tmp_path / "out" / "lf"
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    assert main(["build", str(leaflet), "--layout", "a6-card", "--lang", "en", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    assert "removed" not in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == ["a3-poster.en.pdf", "a4-flyer.en.pdf", "a6-card.en.pdf"]
    (leaflet / "leaflet.toml").write_text(MINIMAL_TOML, encoding="utf-8")  # a3-poster no longer listed
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["a4-flyer.en.pdf", "a6-card.en.pdf"]
    manifest = (out / ".lf.manifest").read_text(encoding="utf-8").splitlines()
    assert manifest[1] == "a4-flyer.en.pdf" and manifest[2].startswith("# made on request") and manifest[3:] == [
        "a6-card.en.pdf"]
    (leaflet / "leaflet.toml").write_text(MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "a6-card"]'),
                                          encoding="utf-8")
    assert main(["build", str(leaflet), "--out", str(out)]) == 0  # listed now: the leaflet's own file
    (leaflet / "leaflet.toml").write_text(MINIMAL_TOML, encoding="utf-8")
    assert main(["build", str(leaflet), "--out", str(out)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["a4-flyer.en.pdf"]
