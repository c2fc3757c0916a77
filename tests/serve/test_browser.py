"""handbill serve driven in a real headless browser (the system Chromium through Selenium): a volunteer
types a Persian statement, sees the preview update, and downloads the Persian flyer."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "leaflets" / "victory-day-2023"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
# The Universal Declaration of Human Rights, article 1, in Persian (the UN's published text).
HEADLINE = "اعلامیهٔ جهانی حقوق بشر"
PARAGRAPH = ("تمام افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه دارای عقل و وجدان "
             "هستند و باید نسبت به یکدیگر با روح برادری رفتار کنند.")

ADDED = "آزادی"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium and chromium-driver not installed"),
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed (poppler-utils)")]


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A leaflet folder served on a free local port, in a thread of this process."""
    import uvicorn

    from handbill.serve.app import make_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(make_app(folder), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        instance.should_exit = True
        thread.join(10)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The seed leaflet (a copy) served on a free local port."""
    folder = tmp_path / "victory-day-2023"
    shutil.copytree(SEED, folder)
    with serving(folder) as url:
        yield url, folder


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                     f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1500,1000", "--lang=en"):
        options.add_argument(argument)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER or ""))
    driver.downloads = downloads  # type: ignore[attr-defined]
    try:
        yield driver
    finally:
        driver.quit()


def test_a_persian_statement_typed_in_the_page_previews_and_downloads(server: tuple[str, Path], browser: object,
                                                                      tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, folder = server
    driver = browser
    driver.get(f"{url}/")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 240)  # CI has 2 cores; the page renders every version as it opens
    pane = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, '.pane[data-lang="fa"]'))
    statement = pane.find_element(By.CSS_SELECTOR, 'textarea[data-field="statement:fa"]')
    assert statement.get_attribute("dir") == "rtl" and statement.get_attribute("lang") == "fa"
    assert pane.find_element(By.CSS_SELECTOR, '[data-field="slogan:fa"]').get_attribute("dir") == "rtl"
    assert not (folder / "statement.fa.md").exists()

    statement.send_keys(f"# {HEADLINE}\n\n{PARAGRAPH}")
    # the preview of the new Persian flyer appears once the statement is saved and rendered
    image = wait.until(lambda d: pane.find_element(By.CSS_SELECTOR, 'figure[data-version="a4-flyer.fa"] img'))
    wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image))
    assert (folder / "statement.fa.md").read_text(encoding="utf-8") == f"# {HEADLINE}\n\n{PARAGRAPH}\n"
    # one more word: the preview shown is replaced by the new rendering
    shown = image.get_attribute("src")
    started = time.monotonic()
    statement.send_keys(f" {ADDED}")
    wait.until(lambda d: image.get_attribute("src") != shown and
               d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image))
    print(f"the preview was updated {time.monotonic() - started:.2f} s after the word was typed")
    assert (folder / "statement.fa.md").read_text(encoding="utf-8").endswith(f"{ADDED}\n")

    driver.save_screenshot(str(tmp_path / "page.png"))  # type: ignore[attr-defined]
    pane.find_element(By.CSS_SELECTOR, 'figure[data-version="a4-flyer.fa"] a.download').click()
    pdf = driver.downloads / "a4-flyer.fa.pdf"  # type: ignore[attr-defined]
    wait.until(lambda d: pdf.is_file() and pdf.stat().st_size > 0)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert HEADLINE in text
    # word by word: a phrase may run over a line break, and poppler reads a right-to-left line with a full
    # stop inside it in its own order (". آزادی" before "برادری ...")
    words = set(text.translate(dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))).split())
    for phrase in ("آزاد به دنیا می‌آیند", "برابرند", "روح برادری", ADDED):
        assert all(any(word in found for found in words) for word in phrase.split()), phrase


def test_a_logo_uploaded_in_the_page_is_on_the_flyer(server: tuple[str, Path], browser: object,
                                                    tmp_path: Path) -> None:
    """A volunteer picks a PNG logo in the page: it is saved, named in leaflet.toml, shown, and printed on
    the A4 flyer downloaded from the page (its logo frame is beside the headline, on the front page)."""
    import pikepdf
    from PIL import Image, ImageDraw
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, folder = server
    logo = tmp_path / "our-logo.png"
    picture = Image.new("RGB", (1200, 600), (0, 120, 60))
    ImageDraw.Draw(picture).ellipse((350, 50, 850, 550), fill=(255, 210, 0))
    picture.save(logo)
    driver = browser
    driver.get(f"{url}/")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 240)
    field = wait.until(lambda d: d.find_element(By.ID, "f-logo"))
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "yes")
    pane = driver.find_element(By.CSS_SELECTOR, '.pane[data-lang="en"]')  # type: ignore[attr-defined]
    figure = pane.find_element(By.CSS_SELECTOR, 'figure[data-version="a4-flyer.en"]')
    front = figure.find_elements(By.CSS_SELECTOR, ".pages img")[0]
    before = front.get_attribute("src")

    field.send_keys(str(logo))
    wait.until(lambda d: "Logo saved as logo.png" in d.find_element(By.ID, "status").text)
    assert (folder / "logo.png").read_bytes() == logo.read_bytes()
    assert 'logo = "logo.png"' in (folder / "leaflet.toml").read_text(encoding="utf-8")
    shown = driver.find_element(By.ID, "logo-preview")  # type: ignore[attr-defined]
    wait.until(lambda d: shown.is_displayed() and
               d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", shown) == 1200)
    driver.execute_script("arguments[0].scrollIntoView()", shown)  # type: ignore[attr-defined]
    driver.save_screenshot(str(tmp_path / "logo-field.png"))  # type: ignore[attr-defined]
    # the front page's preview is rendered again, with the logo
    holder = pane.find_element(By.CSS_SELECTOR, ".previews")
    wait.until(lambda d: front.get_attribute("src") != before and "busy" not in holder.get_attribute("class") and
               d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", front))
    driver.execute_script("arguments[0].scrollIntoView()", front)  # type: ignore[attr-defined]
    driver.save_screenshot(str(tmp_path / "logo-page.png"))  # type: ignore[attr-defined]
    figure.find_element(By.CSS_SELECTOR, "a.download").click()
    pdf = driver.downloads / "a4-flyer.en.pdf"  # type: ignore[attr-defined]
    wait.until(lambda d: pdf.is_file() and pdf.stat().st_size > 0)
    with pikepdf.open(pdf) as document:
        images = [(int(obj.Width), int(obj.Height)) for obj in document.objects
                  if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        front_images = list(document.pages[0].get_images())
    # the logo, once, on the front page: its 1200 x 600 pixels over 2.5 times what the flyer's frame needs at
    # 450 ppi, so printed downsampled to that (compose/images.py)
    assert images == [(461, 231)] and len(front_images) == 1


def test_every_pane_shows_its_previews_whatever_code_its_files_write(tmp_path: Path, browser: object) -> None:
    """statement.prs.md (Dari, versions 'fa-AF'), statement.iw.md (Hebrew, 'he') and statement.fa-IR.md
    with a slogan 'fa': each pane shows its versions' previews and download links, and its problems at
    its fields (tester4, finding 1: the Dari pane stayed empty). "dari" typed in "Add a language" is
    answered with the did-you-mean."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from written_codes import mixed_leaflet

    folder = mixed_leaflet(tmp_path / "mixed")
    driver = browser
    with serving(folder) as url:
        driver.get(f"{url}/")  # type: ignore[attr-defined]
        wait = WebDriverWait(driver, 240)
        wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "yes")
        made = {"en": ["a4-flyer", "a3-poster"], "fa-IR": ["a4-flyer", "a3-poster"], "he": ["a4-flyer"],
                "fa-AF": ["a4-flyer", "a3-poster"]}
        for key, layouts in made.items():
            pane = driver.find_element(By.CSS_SELECTOR, f'.pane[data-lang="{key}"]')  # type: ignore[attr-defined]
            wait.until(lambda d, pane=pane: pane.get_attribute("data-checked") == "yes")
            links = [a.text for a in pane.find_elements(By.CSS_SELECTOR, "figure a.download")]
            assert links == [f"{layout} PDF" for layout in layouts], (key, links)
            images = pane.find_elements(By.CSS_SELECTOR, "figure .pages img")
            assert len(images) == len(layouts)
            for image in images:
                wait.until(lambda d, image=image: d.execute_script(
                    "return arguments[0].complete && arguments[0].naturalWidth > 0", image))
        dari = driver.find_element(By.CSS_SELECTOR, '.pane[data-lang="fa-AF"]')  # type: ignore[attr-defined]
        assert "Dari" in dari.find_element(By.TAG_NAME, "h2").text
        hebrew = driver.find_element(By.CSS_SELECTOR, '.pane[data-lang="he"]')  # type: ignore[attr-defined]
        assert "no slogan in 'he'" in hebrew.find_element(By.CSS_SELECTOR, '.problems[data-for="slogan:iw"]').text
        driver.execute_script("arguments[0].scrollIntoView()", dari)  # type: ignore[attr-defined]
        driver.save_screenshot(str(tmp_path / "panes.png"))  # type: ignore[attr-defined]

        field = driver.find_element(By.ID, "f-add")  # type: ignore[attr-defined]
        field.send_keys("dari")
        field.submit()
        notice = wait.until(lambda d: d.find_element(By.ID, "add-refused"))
        assert "did you mean 'fa-AF' (Dari)?" in notice.text
        driver.save_screenshot(str(tmp_path / "add-dari.png"))  # type: ignore[attr-defined]


def test_the_web_address_typed_in_the_page_is_checked_and_saved(server: tuple[str, Path], browser: object,
                                                                tmp_path: Path) -> None:
    """The url field (the QR code): a half address is refused with the build's own words, the whole one is
    saved to leaflet.toml and reads back as the leaflet's url."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    import handbill

    url, folder = server
    driver = browser
    driver.get(f"{url}/")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 240)
    field = wait.until(lambda d: d.find_element(By.ID, "f-url"))
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "yes")
    field.send_keys("example.org/may9")
    wait.until(lambda d: "not a web address" in d.find_element(By.ID, "status").text)
    assert "url" not in handbill.load_leaflet(folder).url
    field.clear()
    field.send_keys("https://example.org/may9")
    wait.until(lambda d: 'url = "https://example.org/may9"' in (folder / "leaflet.toml").read_text(encoding="utf-8"))
    wait.until(lambda d: "not a web address" not in d.find_element(By.ID, "status").text)
    assert handbill.load_leaflet(folder).url == "https://example.org/may9"
    driver.execute_script("arguments[0].scrollIntoView()", field)  # type: ignore[attr-defined]
    driver.save_screenshot(str(tmp_path / "url-field.png"))  # type: ignore[attr-defined]


def test_an_svg_logo_picked_in_the_page_is_shown_and_saved(server: tuple[str, Path], browser: object,
                                                          tmp_path: Path) -> None:
    """An SVG logo (what the command line recommends) is taken, named in leaflet.toml and shown in the
    page through <img>; one with a script is refused with the reason, and nothing is written."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    url, folder = server
    good, bad = tmp_path / "our-logo.svg", tmp_path / "scripted.svg"
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60">'
           '<rect width="120" height="60" fill="#00783c"/><circle cx="60" cy="30" r="25" fill="#ffd200"/></svg>')
    good.write_text(svg, encoding="utf-8")
    bad.write_text(svg.replace("</svg>", "<script>document.title='owned'</script></svg>"), encoding="utf-8")
    driver = browser
    driver.get(f"{url}/")  # type: ignore[attr-defined]
    wait = WebDriverWait(driver, 240)
    field = wait.until(lambda d: d.find_element(By.ID, "f-logo"))
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "yes")
    field.send_keys(str(bad))
    wait.until(lambda d: "holds <script>" in d.find_element(By.ID, "status").text)
    assert not (folder / "logo.svg").exists()
    field.send_keys(str(good))
    wait.until(lambda d: "Logo saved as logo.svg" in d.find_element(By.ID, "status").text)
    assert (folder / "logo.svg").read_text(encoding="utf-8") == svg
    shown = driver.find_element(By.ID, "logo-preview")  # type: ignore[attr-defined]
    wait.until(lambda d: shown.is_displayed() and
               d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", shown) == 120)
    driver.execute_script("arguments[0].scrollIntoView()", shown)  # type: ignore[attr-defined]
    driver.save_screenshot(str(tmp_path / "svg-logo-field.png"))  # type: ignore[attr-defined]
