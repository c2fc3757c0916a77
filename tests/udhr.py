"""Statements of a chosen length made from a real public text: the Universal Declaration of Human Rights
(1948, United Nations, public), its preamble and first articles in English, and article 1 in Persian.

Real sentences and paragraph lengths, not lorem ipsum: line breaking, hyphenation and justification
see the words a statement has. Longer statements repeat the text paragraph by paragraph.
"""

from __future__ import annotations

UDHR_EN = [
    "Whereas recognition of the inherent dignity and of the equal and inalienable rights of all members of the "
    "human family is the foundation of freedom, justice and peace in the world,",
    "Whereas disregard and contempt for human rights have resulted in barbarous acts which have outraged the "
    "conscience of mankind, and the advent of a world in which human beings shall enjoy freedom of speech and "
    "belief and freedom from fear and want has been proclaimed as the highest aspiration of the common people,",
    "Whereas it is essential, if man is not to be compelled to have recourse, as a last resort, to rebellion "
    "against tyranny and oppression, that human rights should be protected by the rule of law,",
    "Whereas it is essential to promote the development of friendly relations between nations,",
    "Whereas the peoples of the United Nations have in the Charter reaffirmed their faith in fundamental human "
    "rights, in the dignity and worth of the human person and in the equal rights of men and women and have "
    "determined to promote social progress and better standards of life in larger freedom,",
    "Whereas Member States have pledged themselves to achieve, in co-operation with the United Nations, the "
    "promotion of universal respect for and observance of human rights and fundamental freedoms,",
    "Whereas a common understanding of these rights and freedoms is of the greatest importance for the full "
    "realization of this pledge,",
    "Now, therefore, the General Assembly proclaims this Universal Declaration of Human Rights as a common "
    "standard of achievement for all peoples and all nations, to the end that every individual and every organ "
    "of society, keeping this Declaration constantly in mind, shall strive by teaching and education to promote "
    "respect for these rights and freedoms and by progressive measures, national and international, to secure "
    "their universal and effective recognition and observance, both among the peoples of Member States "
    "themselves and among the peoples of territories under their jurisdiction.",
    "All human beings are born free and equal in dignity and rights. They are endowed with reason and "
    "conscience and should act towards one another in a spirit of brotherhood.",
    "Everyone is entitled to all the rights and freedoms set forth in this Declaration, without distinction of "
    "any kind, such as race, colour, sex, language, religion, political or other opinion, national or social "
    "origin, property, birth or other status. Furthermore, no distinction shall be made on the basis of the "
    "political, jurisdictional or international status of the country or territory to which a person belongs, "
    "whether it be independent, trust, non-self-governing or under any other limitation of sovereignty.",
    "Everyone has the right to life, liberty and security of person.",
    "No one shall be held in slavery or servitude; slavery and the slave trade shall be prohibited in all their "
    "forms.",
    "No one shall be subjected to torture or to cruel, inhuman or degrading treatment or punishment.",
    "Everyone has the right to recognition everywhere as a person before the law.",
    "All are equal before the law and are entitled without any discrimination to equal protection of the law. "
    "All are entitled to equal protection against any discrimination in violation of this Declaration and "
    "against any incitement to such discrimination.",
    "Everyone has the right to an effective remedy by the competent national tribunals for acts violating the "
    "fundamental rights granted him by the constitution or by law.",
    "No one shall be subjected to arbitrary arrest, detention or exile.",
    "Everyone is entitled in full equality to a fair and public hearing by an independent and impartial "
    "tribunal, in the determination of his rights and obligations and of any criminal charge against him.",
    "Everyone charged with a penal offence has the right to be presumed innocent until proved guilty according "
    "to law in a public trial at which he has had all the guarantees necessary for his defence. No one shall be "
    "held guilty of any penal offence on account of any act or omission which did not constitute a penal "
    "offence, under national or international law, at the time when it was committed.",
    "No one shall be subjected to arbitrary interference with his privacy, family, home or correspondence, nor "
    "to attacks upon his honour and reputation. Everyone has the right to the protection of the law against "
    "such interference or attacks.",
    "Everyone has the right to freedom of movement and residence within the borders of each state. Everyone has "
    "the right to leave any country, including his own, and to return to his country.",
    "Everyone has the right to seek and to enjoy in other countries asylum from persecution. This right may not "
    "be invoked in the case of prosecutions genuinely arising from non-political crimes or from acts contrary "
    "to the purposes and principles of the United Nations.",
    "Everyone has the right to freedom of peaceful assembly and association. No one may be compelled to belong "
    "to an association.",
    "Everyone has the right to work, to free choice of employment, to just and favourable conditions of work "
    "and to protection against unemployment. Everyone, without any discrimination, has the right to equal pay "
    "for equal work.",
]

UDHR_FA_ARTICLE_1 = ("تمام افراد بشر آزاد به دنیا می‌آیند و از لحاظ حیثیت و حقوق با هم برابرند. همه دارای عقل و "
                     "وجدان می‌باشند و باید نسبت به یکدیگر با روح برادری رفتار کنند.")

HEADLINE = "# Freedom, justice and peace in the world\n\n"
LEAD = "## The General Assembly proclaims this Universal Declaration of Human Rights\n\n"


def statement(words: int, lang: str = "en") -> str:
    """A statement (headline, lead line, paragraphs) of about ``words`` words of the Declaration's text."""
    source = UDHR_EN if lang == "en" else [UDHR_FA_ARTICLE_1]
    paragraphs: list[str] = []
    count, index = 0, 0
    while count < words:
        paragraph = source[index % len(source)].split()
        paragraph = paragraph[:words - count]
        paragraphs.append(" ".join(paragraph))
        count += len(paragraph)
        index += 1
    return HEADLINE + LEAD + "\n\n".join(paragraphs) + "\n"
