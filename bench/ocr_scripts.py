"""Measure: Tesseract's character error rate on handbill's and Typst's renderings of the scripts fixture.

    python bench/ocr_scripts.py [--typst-python bench/.venv/bin/python] [--langs bn,ta,...] [--dpi 300]
    python bench/ocr_scripts.py --folder LEAFLET [--langs ...]   # any leaflet folder, as it is

With ``--folder``, the leaflet folder is built as it is (its own fonts and slogans, handbill's font
discovery) instead of the fixture, for every statement language (or ``--langs``); the expected texts
are each statement's headline and paragraphs (list items and quotes too), as written; the longest
paragraph gives the measure and the line pitch, and Typst sets the rest as paragraphs. The
languages without a Tesseract pack of their own are read with a related one and marked ``(pack)``.

For each language of tests/fixtures/scripts that the installed fonts can set: handbill builds the A4
flyer (fonts as the slow test gives them: the catalog plus each script's Noto family); Typst (the
`typst` package from PyPI, run from a separate virtual environment as bench/run.py does) compiles a
page with the same headline, paragraph and list items in the same font family, in the geometry the
flyer's layout gives that version: a page as wide as the statement's column plus 20 mm margins, the
body, headline and list sizes handbill's composed page uses (the flyer grows a short statement's type
up to 14 pt), Typst's own leading (``--match-pitch``: handbill's line pitch). Both pages are
rasterised at 300 dpi and read with the language's own Tesseract pack (tests/pdfcheck's scorer,
../shared/tools/ocr_score.py). Prints the CER per language for both (errors over all characters of
the headline, paragraph and list items), whether handbill is within 0.05 of Typst's CER or 0.05,
whichever is larger (issue 9), and, for reference, Typst's CER on a plain A4 page at 10 pt (one
column 170 mm wide: another text, line for line, from the flyer's). Nothing here is a test.

Each block of ink is read in its own region of the page (``--mode region``, the default), the same
way for both renderings and without asking either PDF where its text is: the 300 dpi page is cut
into bands of inked rows and each band into columns at wide blank runs; each block is cropped with a
margin and read as a block of text, and its lines, cut apart at the valleys of its ink, each as a
line of text, and block by block the longer of the two (see _score_regions); the expected texts are
aligned to the best reading in reading order. Whole-page reading (``--mode page``, psm 3) measures
Tesseract's page segmentation more than the rendering: on the flyer it drops the Khmer body and
finds no text at all on the Burmese page ("Empty page!!") beside the full-width red band, although
the same body cropped reads nearly exactly; Typst's plain page has no band.
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from handbill import languages  # noqa: E402
from handbill.build import build  # noqa: E402
from handbill.fonts.catalog import load_catalog  # noqa: E402

TESSERACT = {"am": "amh", "ti": "tir", "th": "tha", "lo": "lao", "km": "khm", "my": "mya", "bo": "bod", "si": "sin",
             "ta": "tam", "te": "tel", "kn": "kan", "ml": "mal", "or": "ori", "pa": "pan", "gu": "guj", "bn": "ben",
             "dv": "div", "ug": "uig", "yi": "yid", "yo": "yor", "ps": "pus", "ur": "urd", "ko": "kor", "ja": "jpn",
             "zh": "chi_sim", "prs": "fas", "fa": "fas", "ar": "ara", "he": "heb", "hi": "hin", "ne": "hin",
             "mr": "hin", "ckb": "Arabic", "sd": "Arabic", "el": "ell", "hy": "hye", "ka": "kat", "ru": "rus",
             "uk": "rus", "sr": "rus", "tr": "tur", "kmr": "kmr", "fr": "fra", "es": "spa", "de": "eng",
             "en": "eng", "vi": "eng", "sw": "eng", "pl": "eng", "fa-AF": "fas", "zh-Hant": "chi_tra",
             "it": "ita", "pt": "por"}
OWN_PACK = {"de": False, "vi": False, "sw": False, "pl": False, "uk": False, "sr": False, "mr": False, "ne": False,
            "ckb": False, "sd": False}  # read with a related language's pack


@dataclass(frozen=True)
class Texts:
    """A version's expected texts: the headline, the body paragraph (measure and pitch come from its
    lines), the other paragraphs and the list items, each as written."""

    headline: str
    body: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...]

    @property
    def all(self) -> list[str]:
        return [self.headline, self.body, *self.paragraphs, *self.items]


def fixture_texts(lang: str) -> Texts:
    """The scripts fixture's headline, paragraph and list items."""
    parts = FIXTURE_TEST.paragraphs(lang)
    return Texts(parts[0], parts[1], (), tuple(parts[2:]))


def folder_texts(folder: Path, lang: str) -> Texts:
    """A leaflet's statement in a language: its headline (else the title), its longest paragraph as the
    body, the other paragraphs, quotes and list items in order."""
    from handbill import api

    leaflet = api.load_leaflet(folder)
    statement = leaflet.statements[lang]
    blocks = [b for b in statement.blocks if b.kind != "headline" and b.text.strip()]
    body = max((b for b in blocks if b.kind == "paragraph"), key=lambda b: len(b.text))
    headline = statement.headline.text if statement.headline is not None else leaflet.title
    return Texts(headline, body.text, tuple(b.text for b in blocks if b is not body and b.kind != "list_item"),
                 tuple(b.text for b in blocks if b.kind == "list_item"))


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURE_TEST = _load("scripts_fixture", ROOT / "tests" / "test_scripts_fixture.py")
SCORER = _load("ocr_score", ROOT.parent.parent / "shared" / "tools" / "ocr_score.py") \
    if (ROOT.parent.parent / "shared" / "tools" / "ocr_score.py").is_file() \
    else _load("ocr_score", Path("/work/shared/tools/ocr_score.py"))


@dataclass(frozen=True)
class Geometry:
    """What the flyer's layout fixes for a version's text, read from handbill's composed page: the
    statement's measure (points: its widest line, the column's width where the body is justified,
    a little less where a script is set ragged), the body, headline and list item sizes, and
    handbill's line pitch for the body (em, baseline to baseline)."""

    measure: float
    body: float
    headline: float
    item: float
    pitch: float


def _flyer_geometry(folder: Path, lang: str, texts: Texts) -> Geometry:
    """The geometry handbill's A4 flyer gives a language's statement (see Geometry)."""
    from handbill import api
    from handbill.compose.document import compose
    from handbill.model import PlacedLine

    leaflet = api.load_leaflet(folder)
    (version,) = api.versions(leaflet, ["a4-flyer"], [lang]).versions
    document = compose(version.job, api.session_for(leaflet).setter)
    body, heads, items = texts.body, [], []
    lines: list[PlacedLine] = []
    for page in document.pages:
        for item in page.items:
            if not isinstance(item, PlacedLine) or not item.line.glyphs or item.tag is None:
                continue
            if item.tag.role == "H1":
                heads.append(item.line.glyphs[0].size)
            elif item.tag.role == "LI" and item.tag.text in texts.items:
                items.append(item.line.glyphs[0].size)
            elif item.tag.role == "P" and item.tag.text == body:
                lines.append(item)
    size = lines[0].line.glyphs[0].size
    pitch = (lines[0].y - lines[1].y) / size if len(lines) > 1 else 1.2
    return Geometry(max(line.line.width for line in lines), size, heads[0], items[0] if items else size, pitch)


def _typst_source(lang: str, texts: Texts, family: str, geometry: Geometry | None, justify: bool = True,
                  match_pitch: bool = False) -> str:
    """Typst's page: headline, paragraph and list items in the family. With a geometry, the flyer's
    measure (the page is as wide as the statement's column plus the margins) and type sizes, and
    Typst's own leading (or handbill's line pitch, ``match_pitch``); without, an A4 page at 10 pt."""
    info = languages.info(lang)

    def esc(text: str) -> str:
        for ch in "\\#*_`$<>@[]=-+/~\"'":
            text = text.replace(ch, "\\" + ch)
        return text

    # the flyer-geometry page grows with its text (height: auto): the page is read as one page, and with
    # a fixed A4 height a long text ran onto a second page, unread, which counted against Typst (German
    # UDHR articles 18-21 read 0.153 on page 1 alone)
    page = 'paper: "a4"' if geometry is None else f"width: {geometry.measure:.2f}pt + 40mm, height: auto"
    size, head, item = (10.0, 22.0, 10.0) if geometry is None else (geometry.body, geometry.headline, geometry.item)
    pitch = geometry.pitch if geometry is not None and match_pitch else None
    items = "\n".join(f"#list.item(text(size: {item}pt)[{esc(p)}])" for p in texts.items)
    body = "\n\n".join(esc(p) for p in (texts.body, *texts.paragraphs))
    return (f"#set page({page}, margin: 20mm)\n"
            f'#set text(font: ("{family}", "Noto Sans"), size: {size}pt, lang: "{info.language[:3]}", '
            f'dir: {"rtl" if info.rtl else "ltr"}'
            + (', top-edge: "baseline", bottom-edge: "baseline"' if pitch else "") + ")\n"
            f"#set par(leading: {pitch or 0.6}em, justify: {'true' if justify else 'false'}"
            + (f", spacing: {round(pitch * 1.5, 3)}em" if pitch else "") + ")\n"
            f'#text(size: {head}pt, weight: "bold")[{esc(texts.headline)}]\n\n{body}\n\n{items}\n')


def _weighted(results: list[dict]) -> float:
    """The character error rate over all of a page's expected texts: errors / characters."""
    sizes = [len(SCORER.normalise(r["text"])) for r in results]
    return sum(r["cer"] * n for r, n in zip(results, sizes, strict=True)) / max(1, sum(sizes))


def _blocks(page, rtl: bool, dpi: int, row_gap: int,
            region: tuple[int, int, int, int] | None = None) -> list[tuple[int, int, int, int]]:
    """Blocks of ink on a rendered page (or in a region of it), in reading order, column by column:
    bands of inked rows (blank gaps of more than row_gap pixels between them); consecutive bands under
    1/4 inch apart that share their columns (a blank column run wider than ~5 mm crossing all of them)
    are one group, and each group is read column by column, each column cut into bands again. Cut band by band alone, a
    two-column body whose lines lie further apart than row_gap (Khmer at 14 pt and a 1.94 em pitch,
    Burmese at 1.97 em) came out line by line across both columns, read left line, right line, ...,
    in which no paragraph is a stretch of the reading. The page's outer 4 % (crop marks) and rows
    that are mostly ink (a colour band) are left out."""
    from PIL import ImageDraw

    ink = page.point(lambda v: 255 if v < 160 else 0)  # ink white on black, for getbbox
    w, h = ink.size
    my, mx = int(h * 0.04), int(w * 0.04)
    draw = ImageDraw.Draw(ink)
    for box in ((0, 0, w, my), (0, h - my, w, h), (0, 0, mx, h), (w - mx, 0, w, h)):
        draw.rectangle(box, fill=0)
    x0, y0, x1, y1 = region or (0, 0, w, h)
    ink = ink.crop((x0, y0, x1, y1))
    w, h = ink.size
    # a row is text when it has ink but is not mostly ink (a colour band behind white text is no text
    # to read here: no expected text is set in it, and a block with it reads as noise)
    text_row = [0 < ink.crop((0, y, w, y + 1)).histogram()[255] < (page.size[0] - 2 * mx) // 2 for y in range(h)]

    def inked_columns(top: int, bottom: int) -> list[bool]:
        band = ink.crop((0, top, w, bottom))
        return [band.crop((x, 0, x + 1, bottom - top)).getbbox() is not None for x in range(w)]

    groups: list[tuple[int, int, list[bool]]] = []  # top, bottom, inked columns
    for top, bottom in _runs(text_row, row_gap):
        inked = inked_columns(top, bottom)
        if groups and top - groups[-1][1] <= dpi // 4:  # a footer a rule below the columns is no part of them
            g_top, _, g_inked = groups[-1]
            merged = [a or b for a, b in zip(g_inked, inked, strict=True)]
            if len(_runs(merged, dpi // 5)) > 1 and len(_runs(merged, dpi // 5)) == len(_runs(g_inked, dpi // 5)):
                groups[-1] = (g_top, bottom, merged)
                continue
        groups.append((top, bottom, inked))
    blocks = []
    for top, bottom, inked in groups:
        columns = _runs(inked, dpi // 5)
        for left, right in columns[::-1] if rtl else columns:
            rows = _runs([text_row[y] and ink.crop((left, y, right, y + 1)).getbbox() is not None
                          for y in range(top, bottom)], row_gap)
            blocks += [(x0 + left, y0 + top + a, x0 + right, y0 + top + b) for a, b in rows]
    return blocks


def _text_lines(page, box: tuple[int, int, int, int]) -> list[tuple[int, int, int, int]]:
    """A block's lines of text, cut at the valleys of its row ink profile: a line's core (runs of rows
    with at least a fifth of the block's densest row's ink, joined across gaps under half the tallest
    run; a core is at least half as tall as the tallest, or a line's pitch from those: rows of vowel
    marks alone are shorter and nearer) is cut from the next one's at the least inked row between
    them, so lines whose descenders and ascenders share rows are still cut apart."""
    x0, y0, x1, y1 = box
    ink = page.crop(box).point(lambda v: 255 if v < 160 else 0)
    counts = [ink.crop((0, y, x1 - x0, y + 1)).histogram()[255] for y in range(y1 - y0)]
    cores = _runs([count >= max(counts) / 5 for count in counts], 0)
    tallest = max((bottom - top for top, bottom in cores), default=0)
    cores = _runs([count >= max(counts) / 5 for count in counts], tallest // 2)
    tallest = max((bottom - top for top, bottom in cores), default=0)
    strong = [(top, bottom) for top, bottom in cores if bottom - top >= tallest / 2]
    # a short line (a paragraph's last) has less ink in every row, so its core is shorter: kept where
    # it lies at least three quarters of the strong cores' pitch from each of them
    pitch = min((b[0] - a[0] for a, b in itertools.pairwise(strong)), default=0)
    cores = sorted(strong + [core for core in cores if core not in strong and pitch
                             and all(abs(core[0] - top) >= 0.75 * pitch for top, _ in strong)])
    cuts = [0]
    for (_, above), (below, _) in itertools.pairwise(cores):
        least = min(counts[above:below])
        valley = [y for y in range(above, below) if counts[y] == least]
        cuts.append(valley[len(valley) // 2])
    cuts.append(y1 - y0)
    return [(x0, y0 + top, x1, y0 + bottom) for top, bottom in itertools.pairwise(cuts) if bottom > top]


def _runs(inked, gap: int) -> list[tuple[int, int]]:
    """Runs of True in a 1-D array, joined across gaps of up to ``gap`` False values."""
    runs: list[list[int]] = []
    for index in range(len(inked)):
        if not inked[index]:
            continue
        if runs and index - runs[-1][1] <= gap:
            runs[-1][1] = index + 1
        else:
            runs.append([index, index + 1])
    return [(a, b) for a, b in runs]


def _score_regions(pdf: Path, expected: list[tuple[str, str]], dpi: int, rtl: bool, work: Path) -> list[dict]:
    """Like the scorer's score(), but each block of ink on the page read on its own, as one block of
    text (Tesseract --psm 6) and as one line (--psm 7), instead of Tesseract's page segmentation; each
    expected text aligned to its best stretch of the blocks' texts in reading order, in the best of
    two cuts of the page read in those two modes."""
    from PIL import Image

    png = SCORER.rasterise(pdf, 1, dpi, str(work))
    page = Image.open(png).convert("L")
    margin = dpi // 6  # white around each block: Tesseract reads nothing from a tight crop of one line
    readings: dict[str, list[str]] = {pack: [] for pack, _ in expected}

    def save(box: tuple[int, int, int, int], name: str) -> Path:
        x0, y0, x1, y1 = box
        block = Image.new("L", (x1 - x0 + 2 * margin, y1 - y0 + 2 * margin), 255)
        block.paste(page.crop(box), (margin, margin))
        block.save(work / name, dpi=(dpi, dpi))
        return work / name

    # four readings of the page, each text scored in the best: paragraph by paragraph (blocks apart
    # by blank gaps over 1/8 inch) and line by line (over 0.05 inch), each block as one block of text
    # (psm 6; a block psm 6 finds nothing in, as one line, then as a raw line); the lines of each
    # line-by-line block cut apart at the valleys of its ink, each read as one line (psm 7; where that
    # finds nothing, as a raw line, psm 13: Tibetan's model finds no line in `༈ རྒྱལ་ཁབ་...` at 14 pt
    # and 300 dpi, and reads it exactly as a raw line); and, block by block, the longer of the block's
    # two readings (a block of closely set lines that the valley cut cannot part reads whole as a
    # block, the next block best line by line). Typst's tightly set Burmese reads best in whole
    # paragraphs; a line of justified Arabic whose descenders reach the next line's ascenders, or a
    # line of Burmese, only on its own: as part of a block, Tesseract reads the Arabic line's wide
    # word spaces as column gaps and invents letters before the Burmese one (`၀၈ ၈ ၈`)
    paragraph_boxes = _blocks(page, rtl, dpi, dpi // 8)
    paragraphs = [save(box, f"para-{n}.png") for n, box in enumerate(paragraph_boxes)]
    # line blocks are cut inside each paragraph block, so a page's columns are read one after the
    # other: cut across the whole page, lines of two columns that lie more than 1/20 inch apart
    # (Burmese at the flyer's 1.97 em pitch) came out as bands across both columns, read left line,
    # right line, left line..., and no expected text was a stretch of that reading
    blocks = [block for box in paragraph_boxes for block in _blocks(page, rtl, dpi, dpi // 20, box)]
    lines = [[save(line, f"block{n}-line{m}.png") for m, line in enumerate(_text_lines(page, box))]
             for n, box in enumerate(blocks)]
    blocks_saved = [save(box, f"block{n}.png") for n, box in enumerate(blocks)]
    for pack in readings:
        by_paragraph = [_first_reading(path, pack, (6, 7, 13)) for path in paragraphs]
        by_block = [_first_reading(path, pack, (6, 7, 13)) for path in blocks_saved]
        by_line = [" ".join(_first_reading(path, pack, (7, 13, 6)) for path in block) for block in lines]
        readings[pack] += [" ".join(by_paragraph), " ".join(by_block), " ".join(by_line),
                           " ".join(max(pair, key=len) for pair in zip(by_block, by_line, strict=True))]
    results = []
    for pack, text in expected:
        ref = SCORER.normalise(text)
        errors = min(SCORER.substring_distance(ref, reading) for reading in readings[pack])
        results.append({"lang": pack, "text": text, "cer": errors / max(1, len(ref))})
    return results


def _first_reading(path: Path, pack: str, modes: tuple[int, ...]) -> str:
    """Tesseract's reading of an image in the first page segmentation mode that finds any text."""
    for psm in modes:
        if text := SCORER.ocr(path, pack, psm):
            return text
    return ""


def _score(pdf: Path, expected: list[tuple[str, str]], dpi: int, mode: str, rtl: bool, work: Path) -> float:
    if mode == "page":
        return _weighted(SCORER.score(pdf, expected, pages=[1], dpi=dpi))
    return _weighted(_score_regions(pdf, expected, dpi, rtl, Path(tempfile.mkdtemp(dir=work))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--typst-python", default=str(ROOT / "bench" / ".venv" / "bin" / "python"))
    parser.add_argument("--langs", default="")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--typst-ragged", action="store_true",
                        help="set Typst's page ragged (the flyer's body is justified, so is Typst's by default)")
    parser.add_argument("--mode", choices=("region", "page"), default="region",
                        help="read each paragraph in its own region (default) or the whole page")
    parser.add_argument("--match-pitch", action="store_true",
                        help="give Typst handbill's line pitch too (default: Typst's own leading)")
    parser.add_argument("--folder", type=Path,
                        help="measure this leaflet folder, as it is, instead of tests/fixtures/scripts")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="handbill-ocr-"))
    wanted = [code for code in args.langs.split(",") if code]
    if args.folder is not None:
        from handbill import api

        folder = work / args.folder.resolve().name
        shutil.copytree(args.folder, folder)
        leaflet = api.load_leaflet(folder)
        langs = [languages.canonical(code) for code in wanted] or list(leaflet.statements)
        catalog = api.session_for(leaflet).catalog
        texts = {lang: folder_texts(folder, lang) for lang in langs}
    else:
        folder = work / "scripts"
        shutil.copytree(FIXTURE_TEST.FIXTURE, folder)
        (folder / "fonts").mkdir()
        (folder / "fonts" / "catalog.toml").write_text(FIXTURE_TEST.catalog_text(), encoding="utf-8")
        FIXTURE_TEST._keep_slogans(folder, (folder / "leaflet.toml").read_text(encoding="utf-8"), {"en"})
        langs = [code for code in wanted or FIXTURE_TEST.LANGS
                 if code not in FIXTURE_TEST.CJK or FIXTURE_TEST._can_set(folder, code)]
        catalog = load_catalog(folder / "fonts" / "catalog.toml")
        texts = {lang: fixture_texts(lang) for lang in langs}
    report = build(folder, layouts=["a4-flyer"], langs=langs, out_dir=work / "out", workers=2)
    results = []
    print(f"{'lang':<8}{'pack':<9}{'handbill':>8}{'typst':>8}  within  {'typst A4':>8}  measure size pitch")
    for lang in langs:
        pack = TESSERACT.get(lang) or TESSERACT.get(languages.info(lang).language, "eng")
        own = OWN_PACK.get(languages.info(lang).language, pack != "eng" or languages.info(lang).language == "en")
        expected = [(pack, text) for text in texts[lang].all]
        ours = work / "out" / folder.name / f"a4-flyer.{languages.canonical(lang)}.pdf"
        if not ours.is_file():
            print(f"{lang:<5}{pack:<8}{'not built':>9}")
            continue
        family = catalog.family_names(languages.info(lang).letter_script, lang)[0]
        geometry = _flyer_geometry(folder, lang, texts[lang])
        rtl = languages.info(lang).rtl
        cer_ours = _score(ours, expected, args.dpi, args.mode, rtl, work)
        cers = []
        for name, page in (("flyer", geometry), ("a4", None)):
            source = work / f"{lang}.{name}.typ"
            source.write_text(_typst_source(lang, texts[lang], family, page, not args.typst_ragged,
                                            args.match_pitch), encoding="utf-8")
            theirs = source.with_suffix(".pdf")
            subprocess.run([args.typst_python, "-c", "import sys, typst; typst.compile(sys.argv[1], "
                            "output=sys.argv[2], font_paths=['/usr/share/fonts/truetype/noto', "
                            "'/usr/share/fonts/opentype/noto'])", str(source), str(theirs)], check=True)
            cers.append(_score(theirs, expected, args.dpi, args.mode, rtl, work))
        cer_typst, cer_a4 = cers
        ok = cer_ours <= max(cer_typst + 0.05, 0.05)
        results.append({"lang": lang, "pack": pack, "own_pack": own, "handbill": round(cer_ours, 3),
                        "typst": round(cer_typst, 3),
                        "typst_a4": round(cer_a4, 3), "within": ok, "measure_pt": round(geometry.measure, 1),
                        "body_pt": geometry.body, "pitch_em": round(geometry.pitch, 3)})
        shown = pack if own else f"({pack})"
        print(f"{lang:<8}{shown:<9}{cer_ours:>8.3f}{cer_typst:>8.3f}  {'yes' if ok else 'NO ':<6}  {cer_a4:>8.3f}"
              f"  {geometry.measure:7.1f} {geometry.body:4.1f} {geometry.pitch:5.2f}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{sum(r['within'] for r in results)} of {len(results)} within; failed builds: "
          f"{[o.label for o in report.failed]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
