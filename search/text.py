"""One normaliser for indexing and querying, so every engine sees the same words.

Words are lower-cased NFC runs of letters and digits, Devanagari vowel signs included; a plain
Latin plural `s` is dropped (vases → vase). Synonyms come from the curated `data/synonyms.csv`.
"""

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).parent / "data" / "synonyms.csv"
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
MIN_TYPO_LENGTH = 5

_WORD = re.compile(r"(?:[^\W_]|[\u0900-\u0963\u0966-\u097f])+")
_TAG = re.compile(r"<[^>]*>")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_LATIN = re.compile(r"^[a-z]+$")
# Query-syntax words and fillers a shopper types but no product should have to contain.
_QUERY_FILLERS = frozenset(
    {"or", "and", "not", "to", "the", "of", "a", "an", "in", "for", "with", "और", "का", "की", "के"}
)


def _stem(word: str) -> str:
    if _LATIN.match(word) and len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The index words of a text, in order, repeats kept."""
    plain = unicodedata.normalize("NFC", _TAG.sub(" ", text or "")).lower()
    return [_stem(word) for word in _WORD.findall(plain) if len(word) <= 64]


@lru_cache(maxsize=8192)
def name_words(name: str) -> tuple[str, ...]:
    """Words of a district, craft, GI tag or artisan name: thousands of products repeat the same few."""
    return tuple(words(name))


def query_clean(raw: str) -> str:
    """What we show back as "results for …": control characters gone, length capped."""
    cleaned = " ".join(_CONTROL.sub(" ", raw or "").split())
    if len(cleaned) <= MAX_QUERY_CHARS:
        return cleaned
    cut = cleaned[: MAX_QUERY_CHARS + 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut[:MAX_QUERY_CHARS]).strip()


def query_words(raw: str) -> list[str]:
    """The distinct words of a query; query syntax (*, ", OR, ~, \\) is just punctuation here."""
    seen: list[str] = []
    for word in words(query_clean(raw)):
        if word not in seen and word not in _QUERY_FILLERS:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


@lru_cache(maxsize=1)
def synonym_groups() -> dict[str, frozenset[str]]:
    """word → every word of its synonym groups (itself included)."""
    groups: dict[str, set[str]] = {}
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            group = {w for term in row["terms"].split("|") for w in words(term)}
            for word in group:
                groups.setdefault(word, set()).update(group)
    return {word: frozenset(group) for word, group in groups.items()}


def within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance ≤ 1, with a swap of neighbours counting as one edit (as Elasticsearch does)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=1)
def synonym_concepts() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(concept, its terms) per row of the synonym table, in file order."""
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple((row["concept"], tuple(row["terms"].split("|"))) for row in rows)
