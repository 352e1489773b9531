"""A cheap guess of each text's language (es, en, pt) by its function words.

The default embedding model is English: it places every Spanish text close to every other, so a
mixed corpus clustered as one splits by language first and by theme second. Clustering each
language on its own removes that axis. A multilingual model (``TOPICS_MODEL``) makes this a
no-op in effect: each group still clusters by theme.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

LANGUAGES = ("en", "es", "pt")
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    words = {}
    for language in LANGUAGES:
        text = resources.files(__package__).joinpath("stopwords", f"{language}.txt").read_text(encoding="utf-8")
        listed = {line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#")}
        words[language] = frozenset(listed | (ENGLISH_STOP_WORDS if language == "en" else set()))
    # Words every list shares ("a", "no") say nothing about which language it is.
    shared = words["en"] & words["es"] & words["pt"]
    return {language: frozenset(listed - shared) for language, listed in words.items()}


def guess(text: str) -> str | None:
    """The language whose function words the text uses most; None when it uses none."""
    hits = Counter[str]()
    lists = _function_words()
    for word in _WORD.findall(text.lower()):
        for language in LANGUAGES:
            if word in lists[language]:
                hits[language] += 1
    if not hits:
        return None
    best = max(hits.values())
    return min(language for language, count in hits.items() if count == best)


def groups(texts: Sequence[str], min_group: int) -> list[list[int]]:
    """Indexes of the texts by language; texts without a guess, and languages with fewer than
    ``min_group`` texts, join the largest group."""
    by_language: dict[str | None, list[int]] = {}
    for index, text in enumerate(texts):
        by_language.setdefault(guess(text), []).append(index)
    kept = {lang: idx for lang, idx in by_language.items() if lang is not None and len(idx) >= min_group}
    if not kept:
        return [list(range(len(texts)))]
    largest = max(kept, key=lambda lang: len(kept[lang]))
    for lang, idx in by_language.items():
        if lang not in kept:
            kept[largest].extend(idx)
    return [sorted(idx) for _, idx in sorted(kept.items(), key=lambda item: -len(item[1]))]
