"""handbill serve's requests through Starlette's TestClient: saves reach the folder, and every refused
request (path traversal, no token, oversized or non-image upload, stale save, foreign host) says why and
changes nothing on disk."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import handbill
from handbill.serve.app import direction, make_app
from handbill.serve.folder import supports
from handbill.serve.safety import MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "leaflets" / "victory-day-2023"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "victory-day-2023"
    shutil.copytree(SEED, target)
    return target


@pytest.fixture
def client(folder: Path) -> TestClient:
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    page = client.get("/l/victory-day-2023/")
    assert page.status_code == 200
    match = re.search(r'name="handbill-token" content="([0-9a-f]+)"', page.text)
    assert match
    client.headers["X-Handbill-Token"] = match.group(1)
    return client


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (and beside it), by relative path."""
    root = folder.parent
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def tag(client: TestClient, name: str) -> str:
    page = client.get("/l/victory-day-2023/").text
    tags = re.search(r'data-tags="([^"]*)"', page)
    assert tags
    import html
    import json

    return json.loads(html.unescape(tags.group(1))).get(name, "absent")


def save(client: TestClient, field: str, value: object, tag_: str) -> object:
    return client.post("/l/victory-day-2023/save", json={"field": field, "value": value, "tag": tag_})


def test_a_save_writes_the_folder_keeps_comments_and_the_command_line_agrees(client: TestClient,
                                                                             folder: Path) -> None:
    response = save(client, "slogan:fa", "زن، زندگی، آزادی", tag(client, "leaflet.toml"))
    assert response.status_code == 200, response.text
    text = (folder / "leaflet.toml").read_text(encoding="utf-8")
    assert 'text = "زن، زندگی، آزادی"' in text
    assert "# Editing tips for volunteers:" in text and "# wording as in the source" in text
    assert handbill.load_leaflet(folder).slogan("fa").text == "زن، زندگی، آزادی"
    response = save(client, "statement:fa", "# سلام\r\n\r\nمتن", "absent")
    assert response.status_code == 200
    assert (folder / "statement.fa.md").read_text(encoding="utf-8") == "# سلام\n\nمتن\n"
    plan = handbill.versions(handbill.load_leaflet(folder), layouts=["a4-flyer"])
    assert [v.lang for v in plan.versions] == ["en", "fa"]


def test_the_page_sets_lang_and_dir_on_every_field(client: TestClient) -> None:
    page = client.get("/l/victory-day-2023/").text
    fields = re.findall(r'<(?:input|textarea) [^>]*data-field="(\w+):([\w-]+)"[^>]*>', page)
    assert len(fields) >= 20
    for tag_ in re.findall(r'<(?:input|textarea) [^>]*data-field="\w+:[\w-]+"[^>]*>', page):
        lang = re.search(r'lang="([\w-]+)"', tag_)
        dir_ = re.search(r'dir="(\w+)"', tag_)
        assert lang and dir_, tag_
        assert dir_.group(1) == direction(lang.group(1))
    assert direction("fa") == direction("ar") == direction("ckb") == direction("ku-Arab") == "rtl"
    assert direction("tr") == direction("kmr") == direction("en") == "ltr"


def test_preview_problems_and_downloads(client: TestClient, folder: Path) -> None:
    versions = client.get("/l/victory-day-2023/versions?lang=en").json()
    labels = {v["label"]: v for v in versions["versions"]}
    assert labels["a4-flyer.en"]["pages"] >= 1 and "a3-poster.fa" in labels
    png = client.get("/l/victory-day-2023/preview/a4-flyer.en/1")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    pdf = client.get("/l/victory-day-2023/download/a3-poster.fa.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert 'filename="a3-poster.fa.pdf"' in pdf.headers["content-disposition"]
    # a character that may not be printed: the problem is placed at the statement, with its line
    (folder / "statement.en.md").write_text("# Title\n\nText with a \x07 bell.\n", encoding="utf-8")
    problems = client.get("/l/victory-day-2023/problems?lang=en").json()["problems"]
    assert problems and problems[0]["field"] == "statement:en" and problems[0]["line"] == 3
    # an empty slogan in leaflet.toml is placed at that language's slogan
    text = (folder / "leaflet.toml").read_text(encoding="utf-8")
    (folder / "leaflet.toml").write_text(text.replace("مدیترانه: حوزه جدید انقلاب جهانی", ""), encoding="utf-8")
    problems = client.get("/l/victory-day-2023/problems?lang=en").json()["problems"]
    assert [p["field"] for p in problems][:1] == ["slogan:fa"]


@pytest.mark.parametrize("attempt", [
    ("post", "/l/victory-day-2023/save", {"field": "statement:../../escape", "value": "x", "tag": "absent"}),
    ("post", "/l/victory-day-2023/save", {"field": "statement:fa/../../x", "value": "x", "tag": "absent"}),
    ("post", "/l/victory-day-2023/save", {"field": "slogan:../x", "value": "x", "tag": "absent"}),
    ("post", "/l/..%2F..%2Fetc/save", {"field": "slogan:fa", "value": "x", "tag": "absent"}),
    ("get", "/l/victory-day-2023/download/..%2F..%2Fleaflet.toml.pdf", None),
    ("get", "/l/victory-day-2023/preview/..%2Fleaflet.toml/1", None),
    ("get", "/static/..%2F..%2F..%2Fleaflets%2Fvictory-day-2023%2Fleaflet.toml", None),
    ("get", "/l/victory-day-2023/problems?lang=../../etc", None),
])
def test_a_path_from_a_request_never_leaves_the_folder(client: TestClient, folder: Path,
                                                       attempt: tuple[str, str, object]) -> None:
    before = snapshot(folder)
    method, url, body = attempt
    response = client.post(url, json=body) if method == "post" else client.get(url)
    assert response.status_code in (400, 404), (url, response.status_code, response.text)
    assert "leaflet" not in response.headers.get("content-type", "") and b"slogans" not in response.content
    if response.headers.get("content-type", "").startswith("application/json"):
        assert response.json()["error"]
    assert snapshot(folder) == before


def test_a_statement_linked_outside_the_folder_is_neither_read_nor_written(client: TestClient, folder: Path,
                                                                          tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (folder / "statement.de.md").symlink_to(outside)
    before = snapshot(folder)
    response = save(client, "statement:de", "overwritten", "absent")
    assert response.status_code == 400 and "outside" in response.json()["error"]
    assert snapshot(folder) == before and outside.read_text(encoding="utf-8") == "secret\n"


def test_a_request_without_the_session_token_is_refused(client: TestClient, folder: Path) -> None:
    before = snapshot(folder)
    current = tag(client, "leaflet.toml")
    for headers in ({"X-Handbill-Token": ""}, {"X-Handbill-Token": "0" * 64}):
        response = client.post("/l/victory-day-2023/save", headers=headers,
                               json={"field": "slogan:fa", "value": "x", "tag": current})
        assert response.status_code == 403 and "token" in response.json()["error"]
    # another browser session (a page elsewhere cannot read ours): our token is not its token
    stranger = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    stranger.get("/l/victory-day-2023/")
    ours = {"X-Handbill-Token": client.headers["X-Handbill-Token"]}
    response = stranger.post("/l/victory-day-2023/save", headers=ours,
                             json={"field": "slogan:fa", "value": "x", "tag": current})
    assert response.status_code == 403
    response = client.post("/l/victory-day-2023/logo", headers={"X-Handbill-Token": "", "X-Handbill-Tag": current},
                           content=_png())
    assert response.status_code == 403
    assert snapshot(folder) == before


def test_a_stale_save_is_refused_and_shows_the_newer_text(client: TestClient, folder: Path) -> None:
    first = tag(client, "statement.en.md")
    response = save(client, "statement:en", "# Newer\n\nFrom the other tab.", first)
    assert response.status_code == 200
    before = snapshot(folder)
    response = save(client, "statement:en", "# Older\n\nFrom this tab.", first)  # this tab read the first version
    assert response.status_code == 409
    data = response.json()
    assert "another tab" in data["error"] and data["current"] == "# Newer\n\nFrom the other tab.\n"
    assert data["tag"] == response.json()["tag"] != first
    assert snapshot(folder) == before
    # leaflet.toml edited by hand since the page read it
    old = tag(client, "leaflet.toml")
    text = (folder / "leaflet.toml").read_text(encoding="utf-8")
    (folder / "leaflet.toml").write_text(text.replace("Akdeniz", "AKDENİZ"), encoding="utf-8")
    before = snapshot(folder)
    response = save(client, "slogan:tr", "Akdeniz!", old)
    assert response.status_code == 409 and response.json()["current"].startswith("AKDENİZ")
    assert snapshot(folder) == before


def _png(size: tuple[int, int] = (40, 20)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that only claims a size (its header, no pixel data): what a decompression bomb starts with."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("content", "status", "words"), [
    (b"\x89PNG" + b"\0" * (MAX_UPLOAD_BYTES + 10), 413, "larger than"),
    (_png_header(9000, 9000), 413, "pixels"),  # over the logo cap and Pillow's bomb warning (60 M)
    (_png_header(20000, 20000), 413, "pixels"),  # over Pillow's bomb error (twice its cap)
    (b"<?php echo 'not an image'; ?>", 415, "not a readable SVG, PNG or JPEG"),
    (_png()[:60], 415, "not a readable SVG, PNG or JPEG"),  # a truncated PNG
])
def test_an_oversized_or_non_image_upload_is_refused(client: TestClient, folder: Path, content: bytes,
                                                     status: int, words: str) -> None:
    before = snapshot(folder)
    response = client.post("/l/victory-day-2023/logo", content=content,
                           headers={"X-Handbill-Tag": tag(client, "leaflet.toml")})
    assert response.status_code == status, response.text
    assert words in response.json()["error"]
    assert "BytesIO" not in response.json()["error"] and " at 0x" not in response.json()["error"]
    assert snapshot(folder) == before


def test_a_gif_is_refused_and_a_png_logo_is_saved(client: TestClient, folder: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, format="GIF")
    before = snapshot(folder)
    response = client.post("/l/victory-day-2023/logo", content=buffer.getvalue(),
                           headers={"X-Handbill-Tag": tag(client, "leaflet.toml")})
    assert response.status_code == 415 and "GIF" in response.json()["error"]
    assert snapshot(folder) == before
    if not supports("logo"):
        pytest.skip("this version of handbill places no logo")
    response = client.post("/l/victory-day-2023/logo", content=_png(),
                           headers={"X-Handbill-Tag": tag(client, "leaflet.toml")})
    assert response.status_code == 200
    assert (folder / "logo.png").read_bytes() == _png()
    assert 'logo = "logo.png"' in (folder / "leaflet.toml").read_text(encoding="utf-8")
    assert client.get("/l/victory-day-2023/logo").content == _png()


def test_a_request_for_another_host_is_refused(folder: Path) -> None:
    """A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) is not served."""
    client = TestClient(make_app(folder), base_url="http://attacker.example:8000")
    assert client.get("/l/victory-day-2023/").status_code == 400


def test_the_start_page_lists_and_creates_leaflets_in_its_folder(tmp_path: Path) -> None:
    workspace = tmp_path / "work"
    (workspace / "leaflets").mkdir(parents=True)
    shutil.copytree(SEED, workspace / "leaflets" / "victory-day-2023")
    client = TestClient(make_app(None, workspace=workspace), base_url="http://127.0.0.1:8000")
    page = client.get("/")
    assert page.status_code == 200 and 'href="/l/victory-day-2023/"' in page.text
    token = re.search(r'name="handbill-token" content="([0-9a-f]+)"', page.text)
    assert token
    before = snapshot(workspace / "leaflets")
    for name in ("../escape", "a/b", ".hidden", ""):
        response = client.post("/new", json={"name": name}, headers={"X-Handbill-Token": token.group(1)})
        assert response.status_code == 400, name
    assert client.post("/new", json={"name": "may-day"}).status_code == 403  # no token
    assert snapshot(workspace / "leaflets") == before and not (tmp_path / "escape").exists()
    response = client.post("/new", json={"name": "may-day", "lang": "fa"}, headers={"X-Handbill-Token": token.group(1)})
    assert response.status_code == 200 and response.json()["url"] == "/l/may-day/"
    assert (workspace / "may-day" / "statement.fa.md").is_file()
    assert client.get("/l/may-day/").status_code == 200


def test_a_line_printed_in_another_language_is_noted_once_at_that_languages_field(client: TestClient,
                                                                                 folder: Path) -> None:
    if not supports("translations"):
        pytest.skip("this version of handbill has no per-language lines")
    (folder / "statement.fa.md").write_text("# سلام\n\nمتن فارسی.\n", encoding="utf-8")
    problems = client.get("/l/victory-day-2023/problems?lang=fa").json()["problems"]
    at_organisation = [p for p in problems if p["field"] == "organisation:fa"]
    assert len(at_organisation) == 1 and at_organisation[0]["severity"] == "warning"
    response = save(client, "organisation:fa", "مرکز سوسیالیستی بین‌المللی", tag(client, "leaflet.toml"))
    assert response.status_code == 200
    problems = client.get("/l/victory-day-2023/problems?lang=fa").json()["problems"]
    assert not [p for p in problems if p["field"] == "organisation:fa"]


def test_an_added_language_gets_its_own_pane_edited_right_to_left(client: TestClient, folder: Path) -> None:
    before = snapshot(folder)
    page = client.get("/l/victory-day-2023/?add=ckb").text
    assert '<section class="pane" data-lang="ckb"' in page
    assert re.search(r'<textarea [^>]*data-field="statement:ckb" lang="ckb" dir="rtl"', page)
    assert snapshot(folder) == before  # nothing is written until something is typed
    response = save(client, "statement:ckb", "# ئازادی\n\nهەموو مرۆڤەکان بە ئازادی لەدایک دەبن.", "absent")
    assert response.status_code == 200
    assert '<section class="pane" data-lang="ckb"' in client.get("/l/victory-day-2023/").text


def test_the_batch_downloads_as_one_zip(client: TestClient, folder: Path) -> None:
    import zipfile

    assert save(client, "layouts", ["a6-card"], tag(client, "leaflet.toml")).status_code == 200
    response = client.get("/l/victory-day-2023/download.zip")
    assert response.status_code == 200 and 'filename="victory-day-2023.zip"' in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    plan = handbill.versions(handbill.load_leaflet(folder))
    names = archive.namelist()
    assert sorted(names) == sorted(f"victory-day-2023/{v.filename}" for v in plan.versions)
    assert len(names) == 11 and "victory-day-2023/a6-card.fa.pdf" in names
    assert all(archive.read(name).startswith(b"%PDF-") for name in names)


def test_a_leaflet_folder_named_in_persian_with_spaces(tmp_path: Path) -> None:
    folder = tmp_path / "روز کارگر"
    shutil.copytree(SEED, folder)
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    page = client.get("/")
    assert page.status_code == 200 and "data-base=\"/l/%D8%B1%D9%88%D8%B2%20" in page.text
    assert client.get("/l/%D8%B1%D9%88%D8%B2%20%DA%A9%D8%A7%D8%B1%DA%AF%D8%B1/versions?lang=en").status_code == 200


def test_a_bug_is_one_message_not_a_traceback_page(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise ValueError("block 'logo' has no paragraphs")

    monkeypatch.setattr(handbill, "render_pdf", broken)
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000", raise_server_exceptions=False)
    response = client.get("/l/victory-day-2023/preview/a4-flyer.en/1")
    assert response.status_code == 500
    assert "internal error (ValueError: block 'logo' has no paragraphs)" in response.json()["error"]


SVG_LOGO = (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" '
            b'viewBox="0 0 120 60"><rect width="120" height="60" fill="#00783c"/>'
            b'<circle cx="60" cy="30" r="25" fill="#ffd200"/></svg>\n')


@pytest.mark.parametrize(("svg", "words"), [
    (SVG_LOGO.replace(b"</svg>", b"<script>alert(1)</script></svg>"), "holds <script>"),
    (SVG_LOGO.replace(b"<rect ", b'<rect onload="alert(1)" '), "the onload attribute"),
    (SVG_LOGO.replace(b"<rect ", b'<rect style="fill:url(https://example.org/x.svg#g)" '), "outside the file"),
    (SVG_LOGO.replace(b"</svg>", b'<use href="https://example.org/evil.svg#x"/></svg>'), "outside the file"),
    (SVG_LOGO.replace(b"</svg>", b'<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">hi</p>'
                                 b'</foreignObject></svg>'), "holds <foreignObject>"),
    (SVG_LOGO.replace(b"</svg>", b'<text x="5" y="30">Peace</text></svg>'), "holds text"),
])
def test_an_svg_logo_with_script_text_or_outside_references_is_refused(client: TestClient, folder: Path,
                                                                        svg: bytes, words: str) -> None:
    before = snapshot(folder)
    response = client.post("/l/victory-day-2023/logo", content=svg,
                           headers={"X-Handbill-Tag": tag(client, "leaflet.toml")})
    assert response.status_code == 415, response.text
    assert words in response.json()["error"]
    assert snapshot(folder) == before


def test_an_svg_logo_is_saved_and_served_back_under_a_policy_that_runs_nothing(client: TestClient,
                                                                               folder: Path) -> None:
    response = client.post("/l/victory-day-2023/logo", content=SVG_LOGO,
                           headers={"X-Handbill-Tag": tag(client, "leaflet.toml")})
    assert response.status_code == 200, response.text
    assert response.json()["logo"] == "logo.svg"
    assert 'logo = "logo.svg"' in (folder / "leaflet.toml").read_text(encoding="utf-8")
    served = client.get("/l/victory-day-2023/logo")
    assert served.content == SVG_LOGO and served.headers["content-type"] == "image/svg+xml"
    assert served.headers["x-content-type-options"] == "nosniff"
    policy = served.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy
    handbill.load_leaflet(folder)  # the build takes the same file
