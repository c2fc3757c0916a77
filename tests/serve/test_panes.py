"""One pane per language whatever code the files write (tester4, finding 1): statement.prs.md is the Dari
pane 'fa-AF', statement.iw.md the Hebrew pane 'he', a slogan 'fa' beside statement.fa-IR.md one Persian
pane 'fa-IR'; each pane gets its versions' previews and its problems at fields the page has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from handbill.serve.app import make_app
from handbill.serve.folder import LeafletFolder
from handbill.serve.panes import lang_key, panes
from written_codes import DARI, mixed_leaflet


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return mixed_leaflet(tmp_path / "mixed")


def test_lang_key_is_the_code_of_the_versions() -> None:
    assert lang_key("prs") == "fa-AF" and lang_key("iw") == "he" and lang_key("per") == "fa"
    assert lang_key("fa-IR") == "fa-IR" and lang_key("fa", {"fa": "fa-IR"}) == "fa-IR"
    assert lang_key("x y") == "x y"  # not a code: matched as written (the loader refuses it anyway)


def test_every_language_has_one_pane_and_its_fields_keep_the_codes_written(folder: Path) -> None:
    found = {pane.key: pane for pane in panes(LeafletFolder(folder).read_form())}
    assert list(found) == ["en", "fa-IR", "he", "fa-AF"]
    assert (found["fa-AF"].statement, found["fa-AF"].slogan, found["fa-AF"].lines) == ("prs", "prs", "prs")
    assert found["fa-AF"].rtl and found["fa-AF"].name == "Dari"
    assert (found["fa-IR"].statement, found["fa-IR"].slogan) == ("fa-IR", "fa")  # one Persian version
    assert (found["he"].statement, found["he"].slogan) == ("iw", "iw") and found["he"].rtl
    assert found["en"].main and not found["fa-AF"].main
    added = panes(LeafletFolder(folder).read_form(), added="prs")  # Dari is there already: no second pane
    assert [pane.key for pane in added] == ["en", "fa-IR", "he", "fa-AF"]


def test_each_pane_lists_its_versions_and_its_problems_land_at_its_fields(folder: Path) -> None:
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    page = client.get("/l/mixed/").text
    assert re.findall(r'<section class="pane" data-lang="([^"]+)"', page) == ["en", "fa-IR", "he", "fa-AF"]
    dari = page[page.index('data-lang="fa-AF"'):]
    assert 'data-field="statement:prs"' in dari and DARI in dari and 'dir="rtl"' in dari
    fields = set(re.findall(r'data-for="([^"]+)"', page))
    for key, made in (("fa-AF", {"a4-flyer.fa-AF", "a3-poster.fa-AF"}), ("he", {"a4-flyer.he"})):
        listing = client.get(f"/l/mixed/versions?lang={key}").json()
        assert listing["lang"] == key
        assert {v["label"] for v in listing["versions"] if v["pages"]} == made  # previews for this pane
        problems = client.get(f"/l/mixed/problems?lang={key}").json()["problems"]
        # every problem is shown at a field of the page or at a version's figure in this pane
        assert problems and all(p["field"] in fields or p["field"].removeprefix("version:") in made
                                for p in problems), problems
    he = client.get("/l/mixed/problems?lang=he").json()["problems"]
    assert [p["field"] for p in he if "no slogan" in p["message"]] == ["slogan:iw"]  # the field the page has
    # a pane asked for by a code the files write is answered with its versions' key
    assert client.get("/l/mixed/versions?lang=prs").json()["lang"] == "fa-AF"


def test_a_language_typed_by_name_is_answered_with_the_did_you_mean(folder: Path) -> None:
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    page = client.get("/l/mixed/?add=dari")
    assert page.status_code == 400 and "<textarea" in page.text  # the editor, with the message at the form
    message = re.search(r'id="add-refused"[^>]*>([^<]*)<', page.text)
    assert message and "did you mean &#39;fa-AF&#39; (Dari)?" in message.group(1)
    assert 'pattern=' not in page.text  # the browser's own check would block the form silently
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    page = client.get("/l/mixed/?add=../../x")  # a path is refused as a code, and nothing is written
    assert page.status_code == 400 and "not a language code: &#39;../../x&#39;" in page.text
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    page = client.get("/l/mixed/?add=ckb").text
    assert '<section class="pane" data-lang="ckb"' in page and 'id="add-refused"' not in page


def test_an_unreadable_leaflet_toml_opens_as_a_page_with_the_command_lines_message(folder: Path) -> None:
    """Curly quotes from a word processor (tester4, finding 11): one message in the page, with file, line,
    the line itself and the hint, as ``handbill check`` says it; not the browser's raw JSON."""
    text = (folder / "leaflet.toml").read_text(encoding="utf-8")
    (folder / "leaflet.toml").write_text(text.replace('title = "Universal Declaration of Human Rights"',
                                                      'title = “Universal Declaration of Human Rights”'),
                                         encoding="utf-8")
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    page = client.get("/l/mixed/")
    assert page.headers["content-type"].startswith("text/html")
    assert "<strong>leaflet.toml, line 1:</strong> text in TOML goes between straight double quotes" in page.text
    assert "1 | title = “Universal Declaration of Human Rights”" in page.text
    assert "hint: write it as &#34;Universal Declaration of Human Rights&#34;" in page.text
    assert "Unexpected character" not in page.text and '{"error"' not in page.text
    # a save from a page opened before the file broke gets the same words
    response = client.post("/l/mixed/save", json={"field": "date", "value": "2026-12-11", "tag": "x"},
                           headers={"X-Handbill-Token": re.search(r'content="([0-9a-f]{64})"', page.text)[1]})
    assert "straight double quotes" in response.json()["error"]


def test_a_quick_listing_answers_before_rendering_and_counts_pages_once_rendered(folder: Path) -> None:
    """The page asks for a pane's versions with quick=1: no render before the answer (no count yet), so
    that the first preview follows one render; the preview of page 1 renders the version, and its count
    is known after."""
    client = TestClient(make_app(folder), base_url="http://127.0.0.1:8000")
    client.get("/l/mixed/")
    quick = client.get("/l/mixed/versions?lang=fa-AF&quick=1").json()
    assert {v["label"]: v["pages"] for v in quick["versions"] if v["lang"] == "fa-AF"} == \
        {"a4-flyer.fa-AF": None, "a3-poster.fa-AF": None}
    preview = client.get("/l/mixed/preview/a4-flyer.fa-AF/1")
    assert preview.status_code == 200 and preview.content.startswith(b"\x89PNG")
    quick = client.get("/l/mixed/versions?lang=fa-AF&quick=1").json()
    assert {v["label"]: v["pages"] for v in quick["versions"] if v["lang"] == "fa-AF"} == \
        {"a4-flyer.fa-AF": 1, "a3-poster.fa-AF": None}
    full = client.get("/l/mixed/versions?lang=fa-AF").json()
    assert {v["label"]: v["pages"] for v in full["versions"] if v["lang"] == "fa-AF"} == \
        {"a4-flyer.fa-AF": 1, "a3-poster.fa-AF": 1}
