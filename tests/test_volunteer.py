"""A volunteer's own leaflet, start to finish, through the command line only (issue 10).

``handbill new``, a logo made here with Pillow, the event's url, a four-paragraph statement in English,
Persian and Turkish (articles 1 to 4 of the Universal Declaration of Human Rights, in each language's
published text), the organisation and the date translated, then ``handbill build``. Read back: one A4 page
per language with both columns of the statement used, the QR code scanned by zbarimg to the url, the logo
placed, the Persian flyer's organisation and date in Persian.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw

from handbill.cli import main

pytestmark = pytest.mark.slow

URL = "https://example.org/rally-2023-05-09"
UDHR = {
    "en": ("# Human rights for all",
           "All human beings are born free and equal in dignity and rights. They are endowed with reason and "
           "conscience and should act towards one another in a spirit of brotherhood.",
           "Everyone is entitled to all the rights and freedoms set forth in this Declaration, without distinction "
           "of any kind, such as race, colour, sex, language, religion, political or other opinion, national or "
           "social origin, property, birth or other status.",
           "Everyone has the right to life, liberty and security of person.",
           "No one shall be held in slavery or servitude; slavery and the slave trade shall be prohibited in all "
           "their forms."),
    "fa": ("# حقوق بشر برای همه",
           "تمام افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه دارای عقل و وجدان "
           "هستند و باید نسبت به یکدیگر با روح برادری رفتار کنند.",
           "هر کس می‌تواند بدون هیچ‌گونه تمایز، مخصوصاً از حیث نژاد، رنگ، جنس، زبان، مذهب، عقیدهٔ سیاسی یا هر "
           "عقیدهٔ دیگر و همچنین ملیت، وضع اجتماعی، ثروت، ولادت یا هر موقعیت دیگر، از تمام حقوق و کلیهٔ "
           "آزادی‌هایی که در اعلامیهٔ حاضر ذکر شده است، بهره‌مند گردد.",
           "هر کس حق زندگی، آزادی و امنیت شخصی دارد.",
           "احدی را نمی‌توان در بردگی نگاه داشت و داد و ستد بردگان به هر شکلی که باشد ممنوع است."),
    "tr": ("# Herkes için insan hakları",
           "Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar. Akıl ve vicdana sahiptirler ve "
           "birbirlerine karşı kardeşlik zihniyeti ile hareket etmelidirler.",
           "Herkes, ırk, renk, cinsiyet, dil, din, siyasi veya diğer herhangi bir akide, milli veya içtimai menşe, "
           "servet, doğuş veya herhangi diğer bir fark gözetilmeksizin işbu Beyannamede ilan olunan tekmil "
           "haklardan ve bütün hürriyetlerden istifade edebilir.",
           "Yaşamak, hürriyet ve kişi emniyeti her ferdin hakkıdır.",
           "Hiç kimse kölelik veya kulluk altında bulundurulamaz; kölelik ve köle ticareti her türlü şekliyle "
           "yasaktır."),
}
LINES = """organisation = "Women for Peace"
place_date = "Berlin, {date}"
url = "URL"
logo = "logo.png"

[translations.fa]
organisation = "زنان برای صلح"
place_date = "برلین، {date}"

[translations.tr]
organisation = "Barış İçin Kadınlar"
place_date = "Berlin, {date}"
""".replace("URL", URL)
LOGO_PIXELS = (1200, 1200)
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def _need(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} not installed (scripts/install-system-deps --test)")


def _fill_in(folder: Path) -> None:
    """What the volunteer does after 'handbill new': edits leaflet.toml as its comments say, adds files."""
    toml = (folder / "leaflet.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?m)^date = \S+", "date = 2023-05-09", toml)
    toml = re.sub(r'(?m)^layouts = .*$', 'layouts = ["a4-flyer"]', toml)
    toml = re.sub(r'(?m)^title = "[^"]*"', 'title = "Human rights for all"', toml)
    toml = re.sub(r'(?m)^organisation = .*\n', "", toml)
    toml = re.sub(r'(?m)^place_date = .*\n', "", toml)
    toml = toml.replace("\n[[slogans]]", "\n" + LINES + "\n[[slogans]]", 1)  # above the first [[...]] table
    toml = toml.replace("Your slogan here!", "Human rights for all!")
    toml = toml.replace('name = "First signing organisation"\ncountry = "Country"',
                        'name = "Workers for Human Rights"\ncountry = "Germany"')
    toml = toml.replace("# [[slogans]]\n# lang = \"fa\"\n# text = \"...\"",
                        '[[slogans]]\nlang = "fa"\ntext = "حقوق بشر برای همه!"\n\n'
                        '[[slogans]]\nlang = "tr"\ntext = "Herkes için insan hakları!"')
    (folder / "leaflet.toml").write_text(toml, encoding="utf-8")
    for lang, (headline, *paragraphs) in UDHR.items():
        (folder / f"statement.{lang}.md").write_text(headline + "\n\n" + "\n\n".join(paragraphs) + "\n",
                                                     encoding="utf-8")
    logo = Image.new("RGB", LOGO_PIXELS, "white")
    draw = ImageDraw.Draw(logo)
    draw.ellipse((100, 100, 1100, 1100), fill=(200, 20, 40))
    draw.rectangle((520, 250, 680, 950), fill="white")
    logo.save(folder / "logo.png", dpi=(300, 300))


# the first and the last paragraph's words the test finds (words hyphenation does not break: ticareti may be)
FIRST_AND_LAST = {"en": ("born", "slave"), "fa": ("افراد", "ممنوع"), "tr": ("doğarlar", "Hiç")}


def _x(pdf: Path, word: str) -> tuple[int, float]:
    """The page (0-based) of a word and the horizontal middle of its first character from the trim's left edge
    (points), found by pdfium's text search (poppler's -bbox splits Persian into letters)."""
    import pypdfium2 as pdfium

    with pikepdf.open(pdf) as document:
        trim_left = float(document.pages[0].trimbox[0])
    for number, page in enumerate(pdfium.PdfDocument(pdf)):
        found = page.get_textpage().search(word).get_next()
        if found is not None:
            left, _, right, _ = page.get_textpage().get_charbox(found[0])
            return number, (left + right) / 2 - trim_left
    raise AssertionError((pdf.name, word))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The volunteer's leaflet, made with 'handbill new' and built with 'handbill build'."""
    root = tmp_path_factory.mktemp("volunteer")
    folder = root / "rally"
    assert main(["new", str(folder)]) == 0
    _fill_in(folder)
    assert 'lang = "fa"\ntext = "حقوق' in (folder / "leaflet.toml").read_text(encoding="utf-8")
    assert main(["check", str(folder), "--strict"]) == 0  # nothing printed in another language, url shown
    assert main(["build", str(folder), "--out", str(root / "out"), "--jobs", "1"]) == 0
    return root / "out" / "rally"


def test_one_page_per_language_with_the_statement_in_both_columns(built: Path) -> None:
    """One A4 page per language: the four paragraphs open the first column and close the second."""
    assert sorted(p.name for p in built.glob("*.pdf")) == ["a4-flyer.en.pdf", "a4-flyer.fa.pdf", "a4-flyer.tr.pdf"]
    for lang, (first, last) in FIRST_AND_LAST.items():
        pdf = built / f"a4-flyer.{lang}.pdf"
        with pikepdf.open(pdf) as document:
            assert len(document.pages) == 1, lang
            box = [float(v) for v in document.pages[0].trimbox]
        middle = (box[2] - box[0]) / 2
        (first_page, opening), (last_page, closing) = _x(pdf, first), _x(pdf, last)
        assert first_page == last_page == 0, lang
        # the first paragraph opens the first column and the last closes the second: left then right, mirrored
        # for Persian, whose columns are read right to left
        if lang == "fa":
            assert opening > middle > closing, (lang, opening, closing)
        else:
            assert opening < middle < closing, (lang, opening, closing)


def test_the_qr_code_scans_to_the_url(built: Path, tmp_path: Path) -> None:
    _need("pdftoppm", "zbarimg")
    for lang in UDHR:
        subprocess.run(["pdftoppm", "-r", "200", "-png", str(built / f"a4-flyer.{lang}.pdf"), str(tmp_path / lang)],
                       check=True)
        pages = sorted(tmp_path.glob(f"{lang}-*.png"))
        scanned = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", *map(str, pages)],
                                 capture_output=True, text=True)
        assert scanned.stdout.strip().splitlines() == [URL], (lang, scanned.stdout, scanned.stderr)


def test_the_logo_is_on_the_page(built: Path) -> None:
    for lang in UDHR:
        with pikepdf.open(built / f"a4-flyer.{lang}.pdf") as document:
            sizes = [(int(image.Width), int(image.Height)) for page in document.pages for image in _images(page)]
        # the logo, printed downsampled to what its frame needs at 450 ppi (compose/images.py)
        assert (461, 461) in sizes and LOGO_PIXELS[0] > 461, (lang, sizes)


def _images(page: pikepdf.Page) -> list[pikepdf.Object]:
    """Image XObjects of a page, also inside its form XObjects."""
    found = []
    pending = [page.obj.get("/Resources", pikepdf.Dictionary())]
    while pending:
        resources = pending.pop()
        for _, xobject in resources.get("/XObject", pikepdf.Dictionary()).items():
            if xobject.get("/Subtype") == pikepdf.Name.Image:
                found.append(xobject)
            elif xobject.get("/Subtype") == pikepdf.Name.Form and "/Resources" in xobject:
                pending.append(xobject.Resources)
    return found


def test_the_persian_flyer_has_its_organisation_and_date_in_persian(built: Path) -> None:
    _need("pdftotext")
    text = subprocess.run(["pdftotext", str(built / "a4-flyer.fa.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = text.translate(BIDI_CONTROLS)
    assert "زنان برای صلح" in text
    assert "۹ مه ۲۰۲۳" in text and "برلین" in text
    assert "Women for Peace" not in text and "May" not in text
    turkish = subprocess.run(["pdftotext", str(built / "a4-flyer.tr.pdf"), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert "Barış İçin Kadınlar" in turkish and "Berlin, 9 Mayıs 2023" in turkish
