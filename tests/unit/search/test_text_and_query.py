from decimal import Decimal

import pytest
from django.http import QueryDict

from search import text
from search.query import search_request_parse


def _parse(query: str, **kwargs):
    return search_request_parse(QueryDict(query), **kwargs)


def test_words_are_normalised_the_same_for_english_and_devanagari():
    assert text.words("Banarasi <b>SAREES</b>, पीतल कढ़ाई — brass!") == ["banarasi", "saree", "पीतल", "कढ़ाई", "brass"]


def test_query_syntax_is_punctuation_not_operators():
    assert text.query_words('"brass" OR pital~ * \\ vase') == ["brass", "pital", "vase"]


def test_one_edit_rule_counts_insertions_deletions_substitutions_and_swaps():
    assert text.within_one_edit("banarsi", "banarasi")
    assert text.within_one_edit("brsas", "brass")
    assert text.within_one_edit("brass", "brash")
    assert not text.within_one_edit("brass", "bras s!")
    assert not text.within_one_edit("pottery", "battery")


def test_synonym_file_links_english_hinglish_and_hindi():
    groups = text.synonym_groups()
    assert {"brass", "pital", "पीतल"} <= groups["pital"]
    assert {"saree", "sari", "साड़ी"} <= groups["साड़ी"]
    assert {"attar", "itr", "इत्र"} <= groups["itr"]
    assert {"varanasi", "kashi", "banara"} <= groups["kashi"]
    assert text.SYNONYMS_FILE.read_text(encoding="utf-8").startswith("# ODOP search synonyms, version ")


def test_a_very_long_query_with_control_characters_is_cleaned_and_noted():
    request, notes = _parse("q=" + "brass\x00\x07 " * 2000)
    assert len(request.q) <= text.MAX_QUERY_CHARS and "\x00" not in request.q
    assert request.words == ["brass"]
    assert notes


@pytest.mark.parametrize(
    ("query", "expected_min", "expected_max"),
    [
        ("price_min=-5&price_max=100", None, Decimal("100.00")),
        ("price_min=5000&price_max=500", Decimal("500.00"), Decimal("5000.00")),
        ("price_min=abc&price_max=NaN", None, None),
        ("price_min=1e400", None, None),
    ],
)
def test_bad_prices_are_ignored_or_swapped_with_a_note(query, expected_min, expected_max):
    request, notes = _parse(query)
    assert (request.price_min, request.price_max) == (expected_min, expected_max)
    assert notes


@pytest.mark.parametrize("page", ["abc", "-3", "0", "", "1.5", "9" * 30])
def test_bad_page_numbers_become_a_real_page(page):
    request, _ = _parse(f"page={page}")
    assert 1 <= request.page <= 10_000


def test_repeated_filters_are_kept_malformed_ones_dropped_with_a_note():
    request, notes = _parse("district=moradabad&district=Kannauj&district=%27%3B+DROP+TABLE&sort=bogus")
    assert request.filters == {"district": ("moradabad", "kannauj")}
    assert request.sort == "relevance"
    assert notes


def test_a_fixed_filter_cannot_be_overridden_by_the_query_string():
    request, _ = _parse("district=kannauj&craft=attar", fixed={"district": ("moradabad",)})
    assert request.filters == {"district": ("moradabad",), "craft": ("attar",)}
