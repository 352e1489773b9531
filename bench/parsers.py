"""The price of the hardened request parsers and page cursors, beside baselines of the same run.

    .venv/bin/python -m bench.parsers      (``make bench`` runs it too)

1. Bodies: ``strict_json.parse`` (UTF-8 only, bounded depth and numbers, no duplicate keys, no
   lone surrogates) beside plain ``json.loads`` of the same bytes: a typical idea (1 KiB), and
   the worst body under the 64 KiB limit for each check (strings full of brackets and quotes,
   a wide flat array, 60,000 ``[``, which ``json.loads`` alone cannot parse at all).
2. Cursors: sealing and opening an AES-GCM cursor beside writing and reading the same position
   as unsealed base64 JSON (what a readable cursor costs).

Only ratios mean anything on a shared machine; nothing is asserted.
"""

from __future__ import annotations

import base64
import contextlib
import json
import timeit
from collections.abc import Callable
from typing import Any

from bench.api.common import machine_description
from chalicelib.cursor import CursorCodec
from chalicelib.strict_json import MalformedJson, parse

IDEA = json.dumps(
    {
        "title": "Pair the hub over Bluetooth",
        "body": "Quiero emparejar el hub sin cable. " * 25,
        "product": "nube-hogar",
        "phase": "installation",
    }
).encode()
BRACKETY = json.dumps({"body": 'a[b{c"d\\' * 7000}).encode()
WIDE = json.dumps({"body": list(range(12_000))}).encode()
DEEP = b"[" * 60_000
POSITION = {
    "pk": {"S": "PRODUCT#nube-hogar#installation"},
    "sk": {"S": "IDEA#0000000001#abcdef0123456789abcdef0123456789"},
    "top_score": {"N": "12345678901"},
}
BINDING = 'GET /ideas|ideas:["top", "nube-hogar", "installation", null, null, null, 0]'


def per_call_us(call: Callable[[], Any], seconds: float = 0.5) -> float:
    """Microseconds per call: the best of five rounds of about ``seconds`` each."""
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    number = max(1, int(number * seconds / 0.2))
    return min(timer.repeat(repeat=5, number=number)) / number * 1e6


def refused(raw: bytes) -> Callable[[], None]:
    def call() -> None:
        with contextlib.suppress(MalformedJson):
            parse(raw)

    return call


def plain_loads(raw: bytes) -> Callable[[], None]:
    def call() -> None:
        with contextlib.suppress(ValueError, RecursionError):
            json.loads(raw)

    return call


def main() -> None:
    print(f"Machine: {machine_description()}\n")
    print("| body | bytes | strict_json.parse (µs) | json.loads (µs) | ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, raw in (("typical idea", IDEA), ("brackets and quotes in text", BRACKETY), ("wide flat array", WIDE),
                      ("60,000 [ (refused)", DEEP)):  # fmt: skip
        strict, plain = per_call_us(refused(raw)), per_call_us(plain_loads(raw))
        print(f"| {name} | {len(raw):,} | {strict:,.1f} | {plain:,.1f} | {strict / plain:.2f}x |")

    codec = CursorCodec("b" * 64)
    sealed = codec.encode(BINDING, POSITION)
    readable = base64.urlsafe_b64encode(json.dumps({"q": BINDING, "p": POSITION}).encode()).decode()
    seal = per_call_us(lambda: codec.encode(BINDING, POSITION))
    open_ = per_call_us(lambda: codec.decode(BINDING, sealed))
    write = per_call_us(lambda: base64.urlsafe_b64encode(json.dumps({"q": BINDING, "p": POSITION}).encode()))
    read = per_call_us(lambda: json.loads(base64.urlsafe_b64decode(readable)))
    print("\n| cursor | sealed AES-GCM (µs) | readable base64 JSON (µs) | ratio | length (chars) |")
    print("|---|---:|---:|---:|---:|")
    print(f"| issue | {seal:.1f} | {write:.1f} | {seal / write:.2f}x | {len(sealed)} vs {len(readable)} |")
    print(f"| accept | {open_:.1f} | {read:.1f} | {open_ / read:.2f}x | |")


if __name__ == "__main__":
    main()
