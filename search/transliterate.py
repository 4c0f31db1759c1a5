"""Hinglish ⇄ Devanagari matching for the search box, through the `indic-transliteration` library.

A shopper types Hindi words in Latin letters however they hear them: पीतल as "pital", "peetal" or
"peethal", चूड़ी as "choodi" or "churi". Devanagari is romanised with the library (ITRANS), and both
sides are reduced to a loose *sound key* — long and short vowels alike, aspiration and the inherent
"a" dropped, ड़/ढ़ heard as "r" — so any of those spellings meets the Devanagari word, and through the
curated synonym table (`data/synonyms.csv`) the concept it names ("brass"). No hand-written
letter tables: the script conversion is the library's; the key only forgets what Hinglish spelling
does not reliably write down.
"""

import re
from functools import lru_cache

from indic_transliteration import sanscript
from indic_transliteration.sanscript import transliterate

from search import text

_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_NOT_LETTER = re.compile(r"[^a-z]")
_ASPIRATED = re.compile(r"([bcdgjkpt])h")
_REPEATS = re.compile(r"(.)\1+")
MIN_KEY_LETTERS = 3


def is_devanagari(value: str) -> bool:
    return bool(_DEVANAGARI.search(value or ""))


def romanised(word: str) -> str:
    """A Devanagari word in Latin letters (ITRANS through the library); Latin words come back as they are."""
    if not is_devanagari(word):
        return word
    return transliterate(word, sanscript.DEVANAGARI, sanscript.ITRANS)


def sound_key(word: str) -> str:
    """What a Hindi word sounds like, spelt so that the usual Hinglish spellings agree."""
    latin = romanised(word)
    # ITRANS writes retroflex flaps (ड़ ढ़) as .D/.Dh; Hinglish writes them "r" or "d".
    latin = latin.replace(".Dh", "r").replace(".D", "r")
    key = _NOT_LETTER.sub("", latin.lower())
    for long, short in (("aa", "a"), ("ee", "i"), ("ii", "i"), ("oo", "u"), ("uu", "u")):
        key = key.replace(long, short)
    key = _ASPIRATED.sub(r"\1", key).replace("sh", "s")
    key = key.replace("w", "v").replace("z", "j").replace("q", "k").replace("f", "p").replace("d", "r")
    key = _REPEATS.sub(r"\1", key)
    # The inherent "a" is written or not at will (banarsi / banarasi, itr / itra): keep only a leading one.
    return key[:1] + key[1:].replace("a", "") if key else key


@lru_cache(maxsize=1)
def _concepts_by_key() -> dict[str, str]:
    """sound key of every synonym term (Latin and Devanagari) → the concept's first English word."""
    keys: dict[str, str] = {}
    for concept, terms in text.synonym_concepts():
        english = text.words(concept)
        if not english:
            continue
        for term in terms:
            for word in text.words(term):
                key = sound_key(word)
                if len(key) >= MIN_KEY_LETTERS:
                    keys.setdefault(key, english[0])
    return keys


def concept_for(word: str) -> str | None:
    """The English word a typed Hindi word (Devanagari or Hinglish) stands for, if the synonym table knows it.

    An exact sound match wins; a word still being typed may match the start of one (of one concept
    only, while the key is as short as three letters).
    """
    key = sound_key(word)
    if len(key) < MIN_KEY_LETTERS:
        return None
    concepts = _concepts_by_key()
    if key in concepts:
        return concepts[key]
    matches = sorted({concepts[known] for known in concepts if known.startswith(key)})
    if matches and (len(key) >= 4 or len(matches) == 1):
        return matches[0]
    return None
