# ruff: noqa: E402 - the repository root goes on sys.path before its modules are imported
"""Quality and speed of the moderation filter on the labelled set.

Run from the repository root::

    .venv/bin/python bench/moderation_quality.py

1. Quality: precision, recall, F1 and the confusion counts per language, overall, and on the
   development and holdout rows apart (every third row is the holdout), then the sentences the
   filter gets wrong.
2. Speed: sentences per second of ``screen`` beside a baseline measured in the same run, plain
   ``str.lower()`` + ``split()`` + a set look-up per word over the same term list. The machine is
   noisy, so only the ratio means anything.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chalicelib.domain.moderation import screen

LABELLED = ROOT / "tests" / "data" / "moderation_labelled.csv"
WORDS = ROOT / "chalicelib" / "domain" / "moderation_words"
LANGUAGES = ("es", "en", "pt")


@dataclass(frozen=True)
class Row:
    index: int
    text: str
    language: str
    expected: bool


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def load() -> list[Row]:
    with LABELLED.open(encoding="utf-8", newline="") as handle:
        return [
            Row(index, row["text"], row["language"], row["label"] == "1")
            for index, row in enumerate(csv.DictReader(handle))
        ]


def score(rows: Sequence[Row]) -> Scores:
    tp = fp = fn = tn = 0
    for row in rows:
        flagged = screen(row.text).flagged
        tp += flagged and row.expected
        fp += flagged and not row.expected
        fn += row.expected and not flagged
        tn += not flagged and not row.expected
    return Scores(tp, fp, fn, tn)


def baseline_terms() -> frozenset[str]:
    """The single-word terms of the lists, lower-cased, for the naive baseline."""
    terms: set[str] = set()
    for path in sorted(WORDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            term, _, category = line.partition("\t")
            if term and not term.startswith("#") and category != "allow" and " " not in term:
                terms.add(term.lower())
    return frozenset(terms)


def throughput(check: Callable[[str], bool], texts: Sequence[str], seconds: float) -> float:
    """Sentences per second over repeated passes of the texts, best of three slices."""
    best = 0.0
    for _ in range(3):
        done = 0
        start = time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds / 3:
            for text in texts:
                check(text)
            done += len(texts)
        best = max(best, done / elapsed)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent on each throughput measurement")
    args = parser.parse_args()

    rows = load()
    groups: dict[str, list[Row]] = {
        language: [row for row in rows if row.language == language] for language in LANGUAGES
    }
    groups["overall"] = rows
    groups["development"] = [row for row in rows if row.index % 3 != 2]
    groups["holdout"] = [row for row in rows if row.index % 3 == 2]

    counts = "".join(f"{name:>5}" for name in ("n", "pos", "tp", "fp", "fn", "tn"))
    print(f"{'group':<12}{counts} {'precision':>9} {'recall':>7} {'f1':>6}")
    for name, group in groups.items():
        s = score(group)
        positives = sum(row.expected for row in group)
        print(
            f"{name:<12}{len(group):>5}{positives:>5}{s.tp:>5}{s.fp:>5}{s.fn:>5}{s.tn:>5} "
            f"{s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}"
        )

    print("\nwrong verdicts:")
    for row in rows:
        verdict = screen(row.text)
        if verdict.flagged != row.expected:
            kind = "false positive" if verdict.flagged else "false negative"
            split = "holdout" if row.index % 3 == 2 else "dev"
            print(f"  {kind} [{row.language}, {split}] {row.text!r} {verdict.matches}")

    terms = baseline_terms()

    def naive(text: str) -> bool:
        return any(word in terms for word in text.lower().split())

    texts = [row.text for row in rows]
    screen(texts[0])  # the lists load on the first call; not part of the measurement
    fast = throughput(naive, texts, args.seconds)
    ours = throughput(lambda text: screen(text).flagged, texts, args.seconds)
    print(f"\nthroughput over {len(texts)} sentences, best of 3 slices of {args.seconds / 3:.1f}s:")
    print(f"  baseline lower()+split()+set: {fast:>12,.0f} sentences/s")
    print(f"  screen:                       {ours:>12,.0f} sentences/s")
    print(f"  screen costs {fast / ours:.1f}x the baseline per sentence")


if __name__ == "__main__":
    main()
