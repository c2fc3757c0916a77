"""One version per language (load/versions.py): Kurdish written 'ku' beside 'kmr' (Kurmanji) or 'ckb'
(Sorani) is one version, as 'fa' beside 'fa-IR' is (those cases: tests/test_bad_input.py)."""

from __future__ import annotations

import pytest

import handbill
from conftest import MINIMAL_TOML, write_leaflet
from handbill import languages
from handbill.errors import InputError

KMR = "# Bijî azadî\n\nEm ji bo nan û gulan dimeşin.\n"
CKB = "# بژی ئازادی\n\nئێمە بۆ نان و گوڵ دەڕۆین.\n"


@pytest.mark.parametrize(("tag", "member"), [("ku", "kmr"), ("ku-Latn", "kmr"), ("ku-Arab", "ckb"),
                                              ("kmr", None), ("ckb", None), ("ku-TR", None), ("fa", None)])
def test_kurdish_in_a_script_is_one_member_language(tag, member):
    assert languages.member_language(tag) == member


def test_a_ku_statement_beside_a_kmr_slogan_is_one_kurmanji_version(tmp_path):
    toml = MINIMAL_TOML.replace('["a4-flyer"]', '["a4-flyer", "a3-poster"]') + \
        '[[slogans]]\nlang = "kmr"\ntext = "Azadî ji bo hemûyan"\n\n' \
        '[translations.kmr]\norganisation = "Tora Ceribandinê"\n'
    leaflet = handbill.load_leaflet(write_leaflet(tmp_path / "l", toml, {"en": "# Hi\n\nText.\n", "ku": KMR}))
    plan = handbill.versions(leaflet)
    assert sorted(v.label for v in plan.versions) == ["a3-poster.en", "a3-poster.kmr", "a4-flyer.en", "a4-flyer.kmr"]
    assert not plan.skipped
    assert leaflet.statements["kmr"].path.name == "statement.ku.md"
    assert leaflet.aliases == {"ku": "kmr"}


def test_ku_arab_beside_ckb_is_one_sorani_version(tmp_path):
    toml = MINIMAL_TOML + '[[slogans]]\nlang = "ckb"\ntext = "ئازادی بۆ هەمووان"\n'
    leaflet = handbill.load_leaflet(write_leaflet(tmp_path / "l", toml, {"en": "# Hi\n\nText.\n", "ku-Arab": CKB}))
    assert sorted(leaflet.statements) == ["ckb", "en"]


def test_statements_in_ku_and_kmr_are_one_clear_error(tmp_path):
    folder = write_leaflet(tmp_path / "l", MINIMAL_TOML, {"en": "# Hi\n\nText.\n", "ku": KMR, "kmr": KMR})
    with pytest.raises(InputError) as caught:
        handbill.load_leaflet(folder)
    message = str(caught.value)
    assert "statement.ku.md and statement.kmr.md are two statements in one language" in message
    assert "'ku' (Kurdish) written in Latin letters is Northern Kurdish ('kmr')" in message


def test_ku_alone_stays_ku(tmp_path):
    leaflet = handbill.load_leaflet(write_leaflet(tmp_path / "l", MINIMAL_TOML, {"en": "# Hi\n\nText.\n", "ku": KMR}))
    assert sorted(leaflet.statements) == ["en", "ku"]


def test_a_dari_statement_in_latin_letters_is_told_its_own_code(tmp_path):
    """tester4: the warning for statement.prs.md in Latin letters suggested fa-Latn (Persian), not Dari's."""
    from handbill.build import plan
    from handbill.pipeline import script_warnings

    folder = write_leaflet(tmp_path / "l", MINIMAL_TOML, {
        "en": "# Hi\n\nText.\n", "prs": "# Salam\n\nMa baraye nan wa gul rah meravim, hama ba ham.\n"})
    _, jobs, _ = plan(folder)
    [warning] = script_warnings(jobs)
    assert "statement.prs.md is written in Latin script" in str(warning) and "(fa-Latn-AF)" in str(warning)
