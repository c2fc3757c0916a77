"""Justification limits (text/justify.py): a layout-set max_gap, ragged lines reported by check, CJK
spacing between characters, and the leading of tall scripts (text/paragraph.py)."""

from __future__ import annotations

import itertools
from pathlib import Path
from types import SimpleNamespace

import pytest

from handbill.check import ragged_findings
from handbill.fonts.catalog import load_catalog
from handbill.model import PlacedLine
from handbill.text.paragraph import ParagraphSpec, Span, TextStyle, Typesetter

TURKISH = ("Uluslararasılaştırılamayanlardan mısınız diye sorduklarında dayanışmanın sınır tanımadığını "
           "söyleyen işçiler, Akdeniz kıyısındaki limanlarda örgütlenmeye devam ediyorlar.")


def justified(text: str, lang: str, max_gap: float, size: float = 10.0) -> ParagraphSpec:
    return ParagraphSpec((Span(text),), lang, TextStyle(size, hyphenate=True, max_gap=max_gap), "justify")


def test_a_tighter_max_gap_leaves_more_lines_ragged_and_no_wider_gaps(setter: Typesetter):
    loose = setter.typeset(justified(TURKISH, "tr", 3.0), 120).lines
    tight = setter.typeset(justified(TURKISH, "tr", 0.3), 120).lines
    assert sum(line.ragged for line in tight) > sum(line.ragged for line in loose)
    for line in tight[:-1]:
        if line.ragged:
            assert line.width < 120 - 0.1  # left at its natural width, not stretched
        else:
            assert abs(line.width - 120) < 0.05


def test_check_counts_ragged_lines_and_names_a_missing_dictionary():
    """Azerbaijani has no dictionary in pyphen nor in TeX's hyph-utf8."""
    line = SimpleNamespace(ragged=True)
    items = [PlacedLine(0, 0, line, None, "az"), PlacedLine(0, 0, line, None, "az"),  # type: ignore[arg-type]
             PlacedLine(0, 0, SimpleNamespace(ragged=False), None, "en")]  # type: ignore[arg-type]
    found = ragged_findings(SimpleNamespace(pages=[SimpleNamespace(items=items)]))  # type: ignore[arg-type]
    assert len(found) == 1
    assert "2 justified lines in 'az' left ragged" in found[0].message
    assert "'az' has no hyphenation dictionary" in found[0].message



@pytest.mark.parametrize("lang", ["zh-Hant", "ja", "th", "km", "bo", "am", "ug", "yi", "dv", "ta"])
def test_check_names_no_dictionary_for_a_script_handbill_never_hyphenates(lang: str):
    """Chinese, Thai, Ethiopic, Arabic-script, Hebrew, Thaana and Indic text is never hyphenated, with or
    without a dictionary: check must not send the user looking for one (the published UDHR leaflet got
    "'zh-Hant' has no hyphenation dictionary" on its Chinese flyer)."""
    items = [PlacedLine(0, 0, SimpleNamespace(ragged=True), None, lang)]  # type: ignore[arg-type]
    found = ragged_findings(SimpleNamespace(pages=[SimpleNamespace(items=items)]))  # type: ignore[arg-type]
    assert f"1 justified line in '{lang}' left ragged" in found[0].message
    assert "hyphenation" not in found[0].message

ARMENIAN = ("Բոլոր մարդիկ ծնվում են ազատ ու հավասար իրենց արժանապատվությամբ ու իրավունքներով։ Նրանք "
            "օժտված են բանականությամբ ու խղճով և միմյանց պետք է եղբայրաբար վերաբերվեն։")


@pytest.mark.parametrize(("lang", "text"), [("tr", TURKISH), ("hy", ARMENIAN)])
def test_turkish_and_armenian_justified_text_hyphenates_with_tex_patterns(tmp_path: Path, lang: str, text: str):
    """Issue 9 item 5: with TeX's patterns a justified Turkish or Armenian paragraph hyphenates, and
    an Armenian line ends with the Armenian hyphen ֊ (U+058A)."""
    from handbill.lines import HYPHEN_CLUSTER
    from handbill.text.linebreak import tex_patterns

    if tex_patterns(lang) is None:
        pytest.skip(f"hyph-{lang}.pat.txt not installed (scripts/install-system-deps)")
    setter = Typesetter(load_catalog(_catalog_with_noto(tmp_path)))
    lines = setter.typeset(justified(text, lang, 1.0), 110).lines
    hyphens = [g for line in lines for g in line.glyphs if g.cluster == HYPHEN_CLUSTER]
    assert hyphens
    if lang == "hy":
        assert all(g.gid == g.face.glyph_ids[0x058A] for g in hyphens)


def _catalog_with_noto(tmp_path: Path) -> Path:
    from test_scripts_fixture import catalog_text

    path = tmp_path / "catalog.toml"
    path.write_text(catalog_text(), encoding="utf-8")
    return path


@pytest.mark.parametrize(("lang", "text"), [
    ("my", "နိုင်ငံတိုင်းမှ အလုပ်သမားများ အတူတကွ ရပ်တည်ကြသည်။ ကျွန်ုပ်တို့သည် ငြိမ်းချမ်းရေး၊ တရားမျှတသော အလုပ်"),
    ("bo", "རྒྱལ་ཁབ་ཡོངས་ཀྱི་ལས་མི་རྣམས་མཉམ་དུ་ལང་ཡོད། ང་ཚོས་ཞི་བདེ་དང་། དྲང་བདེན་གྱི་ལས་ཀ།"),
])
def test_tall_scripts_get_a_line_pitch_their_ink_needs(tmp_path: Path, lang: str, text: str):
    """Myanmar and Tibetan stack above and below: the pitch is their typical ink height times the
    leading (text/pitch.py), so a typical line's lowest mark stays well above the next one's highest;
    Latin keeps the style's leading."""
    setter = Typesetter(load_catalog(_catalog_with_noto(tmp_path)))
    spec = ParagraphSpec((Span(text),), lang, TextStyle(10.0, leading=1.25), "start")
    para = setter.typeset(spec, 150)
    top, bottom = setter._prepare(spec).typical_ink
    if top == bottom == 0:
        pytest.skip("no glyph extents without HarfBuzz")
    # room to breathe: the leading's share of white, as in Latin (issue 9: 1 to 2 px at 100 dpi before)
    assert 1.25 * (top - bottom) * 10.0 <= para.line_height < 1.25 * (top - bottom) * 10.0 + 0.5
    assert para.line_height - (top - bottom) * 10.0 >= 0.3 * 10.0
    english = setter.typeset(ParagraphSpec((Span("Workers of every country"),), "en", TextStyle(10.0)), 150)
    assert english.line_height == pytest.approx(12.5)


# Text without spaces between words (Thai and Khmer with their phrase spaces taken out), and Chinese
# and Japanese with closing and opening punctuation: UDHR article 1 (public text) and our own.
UNSPACED = [
    ("th", "มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักดิ์และสิทธิต่างมีเหตุผลและมโนธรรม"
           "และควรปฏิบัติต่อกันด้วยเจตนารมณ์แห่งภราดรภาพคนงานจากทุกประเทศยืนหยัดเคียงข้างกัน"),
    ("km", "មនុស្សទាំងអស់កើតមកមានសេរីភាពនិងសមភាពក្នុងផ្នែកសេចក្ដីថ្លៃថ្នូរនិងសិទ្ធិ"
           "កម្មករមកពីគ្រប់ប្រទេសឈរជាមួយគ្នាយើងចង់បានសន្តិភាពការងារដែលយុត្តិធម៌"),
    ("my", "နိုင်ငံတိုင်းမှအလုပ်သမားများအတူတကွရပ်တည်ကြသည်။ကျွန်ုပ်တို့သည်ငြိမ်းချမ်းရေး၊"
           "တရားမျှတသောအလုပ်နှင့်မိသားစုတိုင်းအတွက်အိမ်ကိုလိုလားသည်။"),
    ("zh", "人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。"
           "「和平」（面包）与尊严！各国工人团结在一起。"),
    ("ja", "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"
           "「平和」（パン）と尊厳を！"),
]


def _gaps(line, size: float) -> list[tuple[int, float]]:
    """(cluster, gap in em) before each advancing glyph that a justified line moved away from the
    one before it (left to right; these scripts run left to right)."""
    glyphs = sorted((g for g in line.glyphs if g.advance), key=lambda g: g.x)
    out = []
    for before, after in itertools.pairwise(glyphs):
        gap = (after.x - before.x - before.advance) / size
        if after.cluster != before.cluster and gap > 1e-6:
            out.append((after.cluster, gap))
    return out


@pytest.mark.parametrize(("lang", "text"), UNSPACED)
def test_lines_without_spaces_are_justified_at_break_opportunities(tmp_path: Path, lang: str, text: str):
    """Issue 9: lines of Thai, Khmer, Burmese, Chinese and Japanese without spaces are justified by room
    at ICU's break opportunities (the word gaps fill first), then, in Thai, Khmer and Burmese, between
    the clusters of words; never before closing or after opening CJK punctuation; no gap is wide enough
    (0.1 em) for an extractor to read it as a space."""
    from handbill.text.justify import MAX_GAP_WITHOUT_SPACE, WORD_GAP_SCRIPTS
    from handbill.text.linebreak import break_points

    setter = Typesetter(load_catalog(_catalog_with_noto(tmp_path)))
    size, width = 10.0, 213.0
    spec = ParagraphSpec((Span(text),), lang, TextStyle(size), "justify")
    try:
        lines = setter.typeset(spec, width).lines
    except Exception as error:  # no font for the script on this machine
        pytest.skip(str(error))
    opportunities = {p.position for p in break_points(text, lang)}
    justified = [line for line in lines[:-1] if not line.ragged]
    assert justified and len(justified) * 2 >= len(lines) - 1, "most lines should be justified"
    for line in justified:
        assert abs(line.width - width) < 0.05
        gaps = _gaps(line, size)
        assert gaps, "room must go somewhere"
        at = [gap for cluster, gap in gaps if cluster in opportunities]
        inner = [gap for cluster, gap in gaps if cluster not in opportunities]
        assert all(gap < 0.1 for _, gap in gaps)
        if lang in ("zh", "ja"):
            assert inner == [], [text[c - 1:c + 1] for c, _ in gaps if c not in opportunities]
            assert all(text[c] not in "。、，」）！" and text[c - 1] not in "「（" for c, _ in gaps)
        elif inner:  # word gaps were filled before any room went inside words
            assert at and min(at) == pytest.approx(MAX_GAP_WITHOUT_SPACE * 1.0, abs=1e-6)
            assert max(inner) <= min(at) + 1e-9
    if any(script in WORD_GAP_SCRIPTS for script in ("Thai", "Khmr", "Mymr")):
        assert len(lines) > 2

def test_a_justified_line_mixing_latin_into_chinese_spaces_no_latin_letters(tmp_path: Path):
    """Room goes between Chinese characters, not inside a Latin word of the same line."""
    setter = Typesetter(load_catalog(_catalog_with_noto(tmp_path)))
    text = "工人团结在一起Solidarity我们要和平公平的工作以及每个家庭都有一个家工人团结在一起我们要和平"
    try:
        lines = setter.typeset(ParagraphSpec((Span(text),), "zh", TextStyle(10.0), "justify"), 170.0).lines
    except Exception as error:
        pytest.skip(str(error))
    latin = range(text.index("S"), text.index("y") + 1)
    for line in lines[:-1]:
        assert not [c for c, _ in _gaps(line, 10.0) if c in latin[1:]]


def test_a_line_a_little_too_wide_is_justified_by_narrowing_its_spaces_alike(setter: Typesetter):
    """Optimal-fit breaking (text/optimal.py) may set a line up to MAX_SPACE_SHRINK of its narrowest
    space per space wider than the measure: justify takes that from every space alike; a line without
    spaces, or one asking more than SHRINK_LIMIT, is left as it is."""
    from handbill.text.justify import SHRINK_LIMIT, Stretch, is_space, stretch

    text = "Solidarity across borders is organised by working people"
    shaped = setter._prepare(justified(text, "en", 1.0))
    runs = shaped.runs
    space = min(g.x_advance / r.face.units_per_em for r in runs for g in r.glyphs if is_space(text, g, r)) * 10.0
    spaces = text.count(" ")
    room = stretch(text, runs, -0.2 * space * spaces, 10.0)
    assert room.space == pytest.approx(-0.2 * space) and not (room.letter or room.gap or room.inner)
    assert stretch(text, runs, -SHRINK_LIMIT * space * spaces * 1.01, 10.0) == Stretch()
    word = "Solidarity"
    assert stretch(word, setter._prepare(justified(word, "en", 1.0)).runs, -0.5, 10.0) == Stretch()
