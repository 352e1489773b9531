"""Readable topic labels: a short phrase taken from the topic's own titles.

A label is a contiguous run of 2-6 words of one of the topic's titles (the way a person would
name the pile: "Modo oscuro en la app", "card not arrived yet"), never a list of keywords. The
choice is KeyBERT's idea applied to phrases instead of words:

1. the titles written in the topic's majority language give every span of 2-6 words that
   neither starts nor ends with a stop word and does not cross punctuation;
2. the spans are ranked cheaply by the topic's c-TF-IDF weights of their words and by how many
   titles share them, and the best few are embedded;
3. the chosen span is the one most similar to the topic's centroid, less half its similarity
   to the most similar other topic of the same run: a name must say what is inside this topic
   and not equally well what is inside its neighbour.

Without an embedder (a caller that has no model) step 3 falls back to the cheap ranking.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from chalicelib.topics import languages
from chalicelib.topics.labels import Keywords, stop_words

MIN_WORDS = 2
MAX_WORDS = 6
# Spans embedded per topic: enough for a good choice, few enough for the nightly budget (the
# embedding cache makes a night's candidates mostly hits anyway).
CANDIDATES = 12
# Titles (nearest the centroid first) whose spans are considered.
TITLES_CONSIDERED = 12
# How much similarity to the nearest other topic counts against a candidate.
NEIGHBOUR_PENALTY = 0.5
# Punctuation that ends a phrase, including Spanish marks, typographic quotes and spaced dashes.
_SEGMENT = re.compile('[.,;:!?\u00bf\u00a1()\\[\\]"\u201c\u201d\u00ab\u00bb/|\n]+|\\s[-\u2013\u2014]\\s')
_WORD = re.compile("[^\\W_][\\w'\u2019-]*")

Embedder = Callable[[list[str]], npt.NDArray[np.float32]]


@dataclass(frozen=True)
class Group:
    """What is being named: the titles of its members (nearest the centroid first) and its centroid."""

    titles: Sequence[str]
    centroid: npt.NDArray[np.float32]


def majority_language(texts: Sequence[str]) -> str | None:
    """The language most of ``texts`` are guessed to be in; None when no text gives a clue."""
    guesses = Counter(language for language in (languages.guess(text) for text in texts) if language)
    if not guesses:
        return None
    best = max(guesses.values())
    return min(language for language, count in guesses.items() if count == best)


def spans(title: str) -> list[str]:
    """Every run of 2-6 words of ``title`` inside one punctuation segment, without a stop word at
    either end and with at least one word of two or more letters."""
    stop = stop_words()
    found: list[str] = []
    for segment in _SEGMENT.split(title):
        words = _WORD.findall(segment)
        for start in range(len(words)):
            if words[start].lower() in stop or words[start].isdigit():
                continue
            for end in range(start + MIN_WORDS, min(start + MAX_WORDS, len(words)) + 1):
                last = words[end - 1]
                if last.lower() in stop:
                    continue
                found.append(" ".join(words[start:end]))
    return found


def _cheap_score(span: str, weights: Mapping[str, float], shared: int) -> float:
    words = [word.lower() for word in span.split()]
    content = sum(weights.get(word, 0.0) for word in words)
    # Longer spans carry more words but should not win by length alone; a span that several
    # titles share is what people keep asking for.
    return float(content / len(words) ** 0.5) * (1.0 + 0.5 * (shared - 1))


def candidates(group: Group, keywords: Keywords, limit: int = CANDIDATES) -> list[str]:
    """The ``limit`` best spans of the group's majority-language titles by the cheap ranking."""
    titles = list(group.titles)
    language = majority_language(titles)
    if language is not None:
        titles = [title for title in titles if languages.guess(title) in (language, None)] or titles
    titles = titles[:TITLES_CONSIDERED]
    weights = {word: weight for word, weight in keywords if " " not in word}
    by_key: dict[str, str] = {}
    shared: Counter[str] = Counter()
    for title in titles:
        seen_here = set()
        for span in spans(title):
            key = span.lower()
            by_key.setdefault(key, span)
            if key not in seen_here:
                shared[key] += 1
                seen_here.add(key)
    ranked = sorted(by_key, key=lambda key: (-_cheap_score(key, weights, shared[key]), len(key), key))
    return [by_key[key] for key in ranked[:limit]]


def fallback_label(group: Group) -> str:
    """When no span qualifies (titles of one word, or only stop words): the most central title,
    cut to its first six words."""
    for title in group.titles:
        words = _WORD.findall(title)
        if words:
            return " ".join(words[:MAX_WORDS])
    return ""


def _capitalised(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] if phrase else phrase


def label_groups(
    groups: Mapping[int, Group],
    keywords: Mapping[int, Keywords],
    embedder: Embedder | None = None,
) -> dict[int, str]:
    """A readable label for each group.

    Parameters
    ----------
    groups
        Group id → its titles and centroid (unit length). The other groups are the neighbours a
        label must tell its group apart from.
    keywords
        Group id → c-TF-IDF keywords with weights (ranks the spans before embedding).
    embedder
        Texts → unit-length embeddings of the same model as the centroids; None ranks by
        keywords only.
    """
    options = {gid: candidates(group, keywords.get(gid, [])) for gid, group in groups.items()}
    labels = {gid: (found[0] if found else fallback_label(groups[gid])) for gid, found in options.items()}
    pool = sorted({span for found in options.values() for span in found})
    if embedder is None or not pool or len(groups) == 0:
        return {gid: _capitalised(label) for gid, label in labels.items()}
    vectors = dict(zip(pool, embedder(pool), strict=True))
    ids = list(groups)
    centroids = np.vstack([groups[gid].centroid for gid in ids]).astype(np.float32)
    for row, gid in enumerate(ids):
        found = options[gid]
        if not found:
            continue
        matrix = np.vstack([vectors[span] for span in found])
        similarity = matrix @ centroids.T  # candidates x groups
        own = similarity[:, row]
        others = np.delete(similarity, row, axis=1)
        nearest_other = others.max(axis=1) if others.shape[1] else np.zeros(len(found), dtype=np.float32)
        labels[gid] = found[int(np.argmax(own - NEIGHBOUR_PENALTY * nearest_other))]
    return {gid: _capitalised(label) for gid, label in labels.items()}
