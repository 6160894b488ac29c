"""Every list of people in the shipped phrases names both sexes alike. The vocabulary keeps several
short person lists (PCRE2 caps a pattern's compiled size, so each family carries its own), and a
list that has "man" but not "woman" reads one sex's narrative by a longer, different phrase, or
not at all. The corpus and generated swaps (test_screening_equity.py) only reach the phrases their
frames happen to use; this looks at every alternation of every phrase instead."""

from __future__ import annotations

import re

from service.screening.vocab import DEFAULT_PHRASES

_PAIRS = (
    ("man", "woman"), ("men", "women"), ("boy", "girl"), ("boys", "girls"), ("male", "female"),
    ("males", "females"), ("husband", "wife"), ("husbands", "wives"), ("son", "daughter"),
    ("sons", "daughters"), ("brother", "sister"), ("brothers", "sisters"), ("father", "mother"),
    ("boyfriend", "girlfriend"), ("yom", "yof"), ("he", "she"), ("himself", "herself"), ("uncle", "aunt"),
    ("nephew", "niece"), ("grandfather", "grandmother"), ("dad", "mom"), ("trans man", "trans woman"),
    ("transgender man", "transgender woman"),
)
_OTHER = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}
# "shot him/herself": the CAD's slash is a word break, so the look-alike is "shot him herself" (both
# sexes in one form); "shot her himself" is not a way anyone writes it.
_ONE_FORM = {"~sho(t|ot|oting|ots) him (herself|her self)"}


def _lopsided(group: str) -> list[str]:
    alternatives = set(group.split("|"))
    return sorted(w for w in alternatives if w in _OTHER and _OTHER[w] not in alternatives)


def test_every_alternation_that_names_one_sex_names_the_other() -> None:
    lopsided = [
        (flag, word, phrase)
        for flag, phrases in DEFAULT_PHRASES.items()
        for phrase in phrases
        if phrase not in _ONE_FORM
        for group in re.findall(r"\(([^()]*)\)", phrase)
        for word in _lopsided(group)
    ]
    assert not lopsided, lopsided


def test_the_check_sees_a_lopsided_list() -> None:
    assert _lopsided("person|man|subject") == ["man"]
    assert _lopsided("person|man|woman|subject") == []
