"""The moderation filter: does a text hold insults, obscenities or discriminatory language?

A word-list screen for Spanish, English and Portuguese that a person reviews behind: it only
decides whether an item waits for a moderator (``pending_moderation``), so it aims for few false
alarms on ordinary product feedback while still catching the usual disguises.

How a text is read
------------------
1. NFKC and lower case: full-width and styled letters become plain ones, "IDIOTA" is "idiota".
2. Words are runs of letters, digits and the look-alike symbols ``@ $ * !``; everything else
   separates. A word with a letter in it has its leetspeak undone (1→i, 3→e, 4→a, 0→o, @→a,
   $→s, 5→s, 7→t, !→i), so "m1erda" and "a$$hole" read as words while "2025" and "$50" stay
   numbers.
3. A word matches a listed term when it is the term with its accents ("coño"), or the term
   folded to plain letters ("idióta" → "idiota"), unless the folded form is an innocent word
   listed as ``allow`` ("cono", a traffic cone). A word with doubled letters also matches when
   squeezing every run to one letter gives a squeezed term ("shiiit", "mierdaaaa").
4. Consecutive one-letter words are joined and searched for terms, which catches "p u t a" and
   "i.d.i.o.t.a" without joining ordinary words.
5. A handful of phrases ("me cago en", "go back to your country") match on consecutive folded
   words (not squeezed: a phrase is specific enough without it, and squeezing every word would
   be the dearest step of a screen).
6. A ``*`` inside a word stands for one letter ("f*ck", "c*nts").

Only whole words are compared, never substrings, so "Scunthorpe", "class", "computadora" and
"disputa" pass (the Scunthorpe problem). The price is that words glued to a term ("idiotapp")
pass too; the moderators' queue is the backstop for those.

The terms live in ``moderation_words/{es,en,pt}.txt`` (data, not code: a moderator can review
them without reading Python). Maintained libraries were considered and not used: the ones on PyPI
are English-first (better-profanity, alt-profanity-check), cover other languages without
categories (glin-profanity, safetext) or ship a model; none gives insult / obscenity /
discrimination for es, en and pt, and each would add a dependency to the API Lambda's package.

The lists are read once, on the first call, and kept in dictionaries: a screen costs a few
dictionary look-ups per word, linear in the length of the text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Final

INSULT: Final = "insult"
OBSCENITY: Final = "obscenity"
DISCRIMINATION: Final = "discrimination"
CATEGORIES: Final = (INSULT, OBSCENITY, DISCRIMINATION)
"""The reasons a verdict can give, in the order it gives them."""

_ALLOW: Final = "allow"
_LANGUAGES: Final = ("es", "en", "pt")
_WORDS_DIR: Final = "moderation_words"

# Look-alike symbols that may sit inside a word; the rest of punctuation separates words.
_WORD: Final = re.compile(r"(?:[^\W_]|[@$*!])+")
_LEET: Final = str.maketrans({"1": "i", "3": "e", "4": "a", "0": "o", "@": "a", "$": "s", "5": "s", "7": "t", "!": "i"})
_LEET_CHARS: Final = frozenset("1340@$57!")
_RUN: Final = re.compile(r"(.)\1+")
# A joined run of one-letter words shorter than this is not searched: "y o", "a e" and the like
# are everyday words in the three languages, and no listed term is shorter.
_MIN_SPELLED: Final = 3
# Letters a stretched spelled-out term may add beyond the longest term ("s h i i i t").
_SPELLED_SLACK: Final = 4


@dataclass(frozen=True, slots=True)
class ModerationVerdict:
    """What :func:`screen` found in a text.

    Attributes
    ----------
    flagged
        True when at least one listed term or phrase was found.
    reasons
        The categories found, in the order of :data:`CATEGORIES`, each once.
    matches
        The canonical listed terms found ("mierda" for "m1erdaaa"), in order of first
        appearance, each once.
    """

    flagged: bool
    reasons: tuple[str, ...]
    matches: tuple[str, ...]


CLEAN: Final = ModerationVerdict(flagged=False, reasons=(), matches=())

# (canonical term, category)
_Hit = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Lexicon:
    exact: dict[str, _Hit]
    """Terms as listed, accents kept."""
    folded: dict[str, _Hit]
    """Terms folded to plain letters."""
    squeezed: dict[str, _Hit]
    """Folded terms with every run of a letter squeezed to one."""
    allow: frozenset[str]
    """Innocent words that a listed term folds or squeezes to."""
    phrases: dict[str, tuple[tuple[tuple[str, ...], _Hit], ...]]
    """Phrases, as folded words, by their first word."""
    by_length: dict[int, tuple[tuple[str, _Hit], ...]]
    """Folded terms by length, for words with a ``*`` in them."""
    longest: int


def screen(text: str) -> ModerationVerdict:
    """Screen a text for insults, obscenities and discriminatory language.

    Parameters
    ----------
    text
        Any user text: a title, a body, a comment. Empty text is clean.

    Returns
    -------
    ModerationVerdict
        ``flagged`` with the categories and canonical terms found, or :data:`CLEAN`.
    """
    if not text:
        return CLEAN
    lexicon = _lexicon()
    hits: dict[str, str] = {}
    for hit in _scan(unicodedata.normalize("NFKC", text).lower(), lexicon):
        hits.setdefault(hit[0], hit[1])
    if not hits:
        return CLEAN
    found = set(hits.values())
    return ModerationVerdict(
        flagged=True,
        reasons=tuple(category for category in CATEGORIES if category in found),
        matches=tuple(hits),
    )


def _scan(text: str, lexicon: _Lexicon) -> Iterator[_Hit]:
    """Every hit in a lower-cased text, words and phrases, in reading order."""
    words: list[str] = []  # folded, for the phrases
    spelled: list[str] = []  # the current run of one-letter words
    for found in _WORD.finditer(text):
        word = found.group().strip("*!")
        if not word:
            continue
        if not word.isalpha():
            if not any(char.isalpha() for char in word) and not (len(word) == 1 and word in _LEET_CHARS):
                # A number ("2025", "$50"): not a word, and it ends a spelled-out run.
                if spelled:
                    yield from _spelled(spelled, words, lexicon)
                continue
            word = word.translate(_LEET)
        folded = _fold(word)
        if len(folded) == 1:
            spelled.append(folded)
            continue
        if spelled:
            yield from _spelled(spelled, words, lexicon)
        words.append(folded)
        hit = _starred(folded, lexicon) if "*" in folded else _match(word, folded, lexicon)
        if hit is not None:
            yield hit
    yield from _spelled(spelled, words, lexicon)
    yield from _phrases(words, lexicon)


def _match(word: str, folded: str, lexicon: _Lexicon) -> _Hit | None:
    """The term one word is, if any; see the module's docstring for the order of the tests."""
    hit = lexicon.exact.get(word)
    if hit is not None:
        return hit
    if folded in lexicon.allow:
        return None
    hit = lexicon.folded.get(folded)
    if hit is not None:
        return hit
    # Squeezed last, and only a word with a letter twice: the regex is the dearest step.
    if len(set(folded)) == len(folded):
        return None
    squeezed = _RUN.sub(r"\1", folded)
    if squeezed == folded or squeezed in lexicon.allow:
        return None
    return lexicon.squeezed.get(squeezed)


def _starred(folded: str, lexicon: _Lexicon) -> _Hit | None:
    """The first term of the same length that a word with ``*`` for letters spells."""
    if sum(char.isalpha() for char in folded) < 2:
        return None  # "f***" could be anything
    for term, hit in lexicon.by_length.get(len(folded), ()):
        if all(mask in ("*", letter) for mask, letter in zip(folded, term, strict=True)):
            return hit
    return None


def _spelled(letters: list[str], words: list[str], lexicon: _Lexicon) -> Iterator[_Hit]:
    """Terms inside a run of one-letter words ("p u t a", "i.d.i.o.t.a"), then clear the run.

    Stretches of the joined run are tried, because the run may start or end with real
    one-letter words: "y a p u t a" holds "puta". The longest term at a position wins and the
    search goes on after it, so "i.d.i.o.t.a" is "idiota" only, not "idiot" as well.
    """
    if len(letters) < _MIN_SPELLED:
        # Ordinary one-letter words ("a", "y", "é") that phrases may need.
        words.extend(letters)
    else:
        joined = "".join(letters)
        words.append(joined)
        widest = lexicon.longest + _SPELLED_SLACK
        start = 0
        while start <= len(joined) - _MIN_SPELLED:
            for end in range(min(len(joined), start + widest), start + _MIN_SPELLED - 1, -1):
                piece = joined[start:end]
                hit = _match(piece, piece, lexicon)
                if hit is not None:
                    yield hit
                    start = end
                    break
            else:
                start += 1
    letters.clear()


def _phrases(words: list[str], lexicon: _Lexicon) -> Iterator[_Hit]:
    """Listed phrases among consecutive folded words."""
    for index, word in enumerate(words):
        for phrase, hit in lexicon.phrases.get(word, ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                yield hit


def _fold(word: str) -> str:
    """The word without accents: "idióta" → "idiota", "coño" → "cono"."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _lexicon() -> _Lexicon:
    """The word lists, read and indexed once per process, on the first screen."""
    exact: dict[str, _Hit] = {}
    folded: dict[str, _Hit] = {}
    squeezed: dict[str, _Hit] = {}
    allow: set[str] = set()
    phrases: dict[str, list[tuple[tuple[str, ...], _Hit]]] = {}
    for term, category in _entries():
        key = unicodedata.normalize("NFKC", term).lower()
        plain = _fold(key)
        if category == _ALLOW:
            allow.add(plain)
            continue
        hit = (term, category)
        if " " in key:
            words = tuple(plain.split())
            phrases.setdefault(words[0], []).append((words, hit))
            continue
        for index, form in ((exact, key), (folded, plain), (squeezed, _RUN.sub(r"\1", plain))):
            index.setdefault(form, hit)
    by_length: dict[int, list[tuple[str, _Hit]]] = {}
    for plain, hit in folded.items():
        if plain not in allow:
            by_length.setdefault(len(plain), []).append((plain, hit))
    return _Lexicon(
        exact=exact,
        folded=folded,
        squeezed=squeezed,
        allow=frozenset(allow),
        phrases={first: tuple(entries) for first, entries in phrases.items()},
        by_length={length: tuple(entries) for length, entries in by_length.items()},
        longest=max(map(len, folded), default=0),
    )


def _entries() -> Iterator[tuple[str, str]]:
    """``(term, category)`` from every list, checked: a term has one category in all the lists."""
    seen: dict[str, str] = {}
    root = resources.files(__package__ or "chalicelib.domain").joinpath(_WORDS_DIR)
    for language in _LANGUAGES:
        source = f"{_WORDS_DIR}/{language}.txt"
        lines = root.joinpath(f"{language}.txt").read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            term, separator, category = line.partition("\t")
            term, category = " ".join(term.split()), category.strip()
            if not separator or not term or category not in (*CATEGORIES, _ALLOW):
                raise ValueError(f"{source}:{number}: expected TERM<TAB>CATEGORY, got {line!r}")
            key = term.lower()
            if seen.setdefault(key, category) != category:
                raise ValueError(f"{source}:{number}: {term!r} is {seen[key]!r} in an earlier list")
            yield term, category


def held_reason(*texts: str) -> str | None:
    """Why these texts must wait for a moderator (``"insult, obscenity"``), or None when clean."""
    verdict = screen("\n".join(texts))
    return ", ".join(verdict.reasons) if verdict.flagged else None
