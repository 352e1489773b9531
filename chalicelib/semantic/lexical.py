"""The exact-word half of search: BM25 over titles and bodies, so a product code, an error
number or a rare word typed verbatim ranks the ideas that contain it first.

Pure Python (no numpy): the posting lists of a product are built once per loaded snapshot and a
query only touches the lists of its own words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

# BM25's usual constants: how fast repeated words saturate, and how much length matters.
K1 = 1.2
B = 0.75
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    word
    for line in (Path(__file__).with_name("stopwords.txt")).read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
)


def fold(text: str) -> str:
    """Lower case without accents: "Cámara" and "camara" are one word to a person typing."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    """The words that say what a text is about (no "the", "para", "não")."""
    return [word for word in words(text) if word not in _STOPWORDS]


def phrase(text: str) -> str:
    """The text as a run of words, for "typed verbatim" checks (punctuation and spacing ignored)."""
    return " ".join(words(text))


@dataclass
class LexicalIndex:
    """Posting lists of a set of documents (an idea is its title and body)."""

    postings: dict[str, dict[int, int]] = field(default_factory=dict)
    lengths: list[int] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, documents: Sequence[str]) -> LexicalIndex:
        index = cls()
        for position, document in enumerate(documents):
            tokens = words(document)
            index.lengths.append(len(tokens))
            index.phrases.append(" ".join(tokens))
            for word, count in Counter(word for word in tokens if word not in _STOPWORDS).items():
                index.postings.setdefault(word, {})[position] = count
        return index

    def scores(self, query: str) -> dict[int, float]:
        """Each matching document's share of the query's word weight, in [0, 1], plus 1 when the
        whole query appears in it word for word.

        A document containing every query word (each at least once, at average length) scores
        close to 1; the weights are BM25's idf, so a rare word — a product code — counts for far
        more than "the" or "app".
        """
        terms = list(dict.fromkeys(content_words(query)))
        if not terms or not self.lengths:
            return {}
        count = len(self.lengths)
        average = sum(self.lengths) / count or 1.0
        weights = {
            term: math.log(
                1 + (count - len(self.postings.get(term, {})) + 0.5) / (len(self.postings.get(term, {})) + 0.5)
            )
            for term in terms
        }
        total = sum(weights.values()) or 1.0
        found: dict[int, float] = {}
        for term in terms:
            for position, frequency in self.postings.get(term, {}).items():
                norm = frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * self.lengths[position] / average))
                found[position] = found.get(position, 0.0) + weights[term] * norm / (K1 + 1)
        exact = phrase(query)
        return {
            position: score / total + (1.0 if exact and f" {exact} " in f" {self.phrases[position]} " else 0.0)
            for position, score in found.items()
        }
