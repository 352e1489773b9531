"""Topic keywords by c-TF-IDF and short readable labels made from them.

Keywords are computed from the final assignments (after outlier reduction, or from the small-corpus
fallback), so every path of the pipeline labels its topics the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

LANGUAGES = ("en", "es", "pt")
LABEL_PARTS = 2
LABEL_SEPARATOR = " · "
# Keywords considered when building a label: enough to find the bigram that joins two unigrams.
_LABEL_CANDIDATES = 10
# Words of two or more letters; digits alone ("2", "24") never make a useful keyword.
WORD_PATTERN = r"(?u)\b[^\W\d_][^\W\d_]+\b"

Keywords = list[tuple[str, float]]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """scikit-learn's English list plus the English, Spanish and Portuguese lists in ``stopwords/``."""
    words = set(ENGLISH_STOP_WORDS)
    for language in LANGUAGES:
        text = resources.files(__package__).joinpath("stopwords", f"{language}.txt").read_text(encoding="utf-8")
        words.update(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(words)


def make_vectorizer(n_documents: int) -> CountVectorizer:
    """The vocabulary of c-TF-IDF: unigrams and bigrams without stop words.

    ``min_df=2`` drops one-off typos and names on real corpora; tiny ones keep every word.
    """
    return CountVectorizer(
        stop_words=sorted(stop_words()),
        ngram_range=(1, 2),
        min_df=2 if n_documents >= 50 else 1,
        token_pattern=WORD_PATTERN,
    )


def topic_keywords(texts: Sequence[str], topics: npt.NDArray[np.int_], top_n: int = 10) -> dict[int, Keywords]:
    """The ``top_n`` c-TF-IDF keywords of every topic other than -1.

    Parameters
    ----------
    texts
        The documents.
    topics
        The topic of each document (-1 for none).
    top_n
        Keywords per topic.

    Returns
    -------
    dict
        Topic id → ``[(keyword, weight), ...]``, best first; a topic whose texts hold no
        vocabulary word gets an empty list.
    """
    from bertopic.vectorizers import ClassTfidfTransformer

    ids = sorted({int(t) for t in topics if t != -1})
    if not ids:
        return {}
    # One document per topic, as in BERTopic; the outliers are a class too, so that words common
    # to everything weigh less, but they get no keywords of their own.
    classes = [*ids, -1] if (topics == -1).any() else ids
    joined = [" ".join(text for text, t in zip(texts, topics, strict=True) if t == c) for c in classes]
    vectorizer = make_vectorizer(len(texts))
    try:
        counts = vectorizer.fit_transform(joined)
    except ValueError:  # empty vocabulary: only stop words, digits or punctuation
        return {topic: [] for topic in ids}
    if counts.shape[1] == 1:
        # A one-word vocabulary (a tiny product): BERTopic's c-TF-IDF turns its idf into a scalar
        # and fails; the word is simply each topic's keyword where it occurs.
        weights = counts.toarray().astype(float)
    else:
        weights = ClassTfidfTransformer(reduce_frequent_words=True).fit_transform(counts).toarray()
    words = vectorizer.get_feature_names_out()
    result: dict[int, Keywords] = {}
    for row, topic in enumerate(ids):
        order = np.argsort(-weights[row], kind="stable")[:top_n]
        result[topic] = [(str(words[i]), float(weights[row, i])) for i in order if weights[row, i] > 0]
    return result


def _same_word(a: str, b: str) -> bool:
    """Crude stemming for labels: ``card``/``cards``, ``work``/``working``, ``delivered``/``delivery``."""
    shorter, longer = sorted((a, b), key=len)
    return longer.startswith(shorter) or (len(shorter) >= 5 and longer[: len(shorter) - 1] == shorter[:-1])


def make_label(keywords: Keywords, parts: int = LABEL_PARTS) -> str:
    """A short label such as ``"card arrival · delivery"`` from ranked keywords.

    A bigram replaces the unigrams it contains (``card``, ``arrival`` → ``card arrival``), and a
    keyword sharing a word (or its stem) with another part is skipped, so no word appears twice.
    """
    chosen: list[str] = []
    for word, _ in keywords[:_LABEL_CANDIDATES]:
        tokens = set(word.split())
        covered = [i for i, part in enumerate(chosen) if set(part.split()) <= tokens]
        others = {token for i, part in enumerate(chosen) if i not in covered for token in part.split()}
        if any(_same_word(a, b) for a in tokens for b in others):
            continue
        if covered:
            chosen[covered[0]] = word
            chosen = [part for i, part in enumerate(chosen) if i not in covered[1:]]
        elif len(chosen) < parts + 1:
            # One spare slot: the bigram that joins two chosen unigrams may still come.
            chosen.append(word)
    return LABEL_SEPARATOR.join(chosen[:parts])
