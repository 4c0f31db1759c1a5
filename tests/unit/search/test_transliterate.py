"""Hinglish spellings meet their Devanagari word (and its concept) through the transliteration library."""

import pytest

from search.transliterate import concept_for, is_devanagari, romanised, sound_key


@pytest.mark.parametrize("typed", ["pital", "peetal", "peethal", "पीतल", "Pital"])
def test_every_usual_spelling_of_brass_in_hindi_means_brass(typed):
    assert concept_for(typed.lower()) == "brass"


@pytest.mark.parametrize(
    ("typed", "concept"),
    [
        ("choodi", "bangle"),
        ("churi", "bangle"),
        ("lakdi", "wood"),
        ("lakri", "wood"),
        ("qaleen", "carpet"),
        ("ittar", "attar"),
        ("कढ़ाई", "embroidery"),
    ],
)
def test_hinglish_spellings_not_in_the_table_still_meet_their_concept(typed, concept):
    assert concept_for(typed) == concept


def test_romanising_uses_the_library_and_leaves_latin_alone():
    assert romanised("पीतल") == "pItala"
    assert romanised("brass") == "brass"
    assert is_devanagari("पीतल") and not is_devanagari("pital")


def test_unrelated_or_too_short_words_mean_nothing():
    assert concept_for("xyzzy") is None
    assert concept_for("pi") is None
    assert sound_key("") == ""
