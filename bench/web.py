"""The web portal's weight and speed, in the browser the tests use (Debian's Chromium).

Starts its own DynamoDB Local and ``chalice local`` with a seeded board, then measures:

- bytes of the first visit: every response the page loads, by type. ``chalice local`` does not
  compress, so the compressed figure is each HTML, JS and CSS file's gzip size (level 9): what a
  CDN such as CloudFront sends when it compresses. The target is at most 150 KB for HTML+JS+CSS.
- time until the board is usable (its idea cards and vote buttons are on screen), first visit
  with an empty cache and repeat visit with the cache (files revalidated by ETag: 304s).

    .venv/bin/python bench/web.py [--runs 5]
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, Response, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devstack.dynamodb import REPO_ROOT, DynamoDBLocal, free_port, stop, wait_for_port
from devstack.run import local_environment

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TARGET_BYTES = 150 * 1024
TARGET_SECONDS = 1.0
CODE_TYPES = ("text/html", "text/javascript", "text/css")


@dataclass
class Visit:
    seconds: float
    responses: list[tuple[str, int, str, bytes]] = field(default_factory=list)  # url, status, type, body


def post(base: str, path: str, body: Mapping[str, object], token: str | None = None) -> dict[str, object]:
    import json
    import urllib.request

    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST")  # noqa: S310
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - http://127.0.0.1 only
        result: dict[str, object] = json.loads(response.read())
        return result


def seed(base: str) -> str:
    """A board with 20 ideas in one phase: a first page as full as the portal ever shows."""
    team = str(post(base, "/dev/token", {"sub": "bench-team", "name": "Bench", "groups": ["product"]})["token"])
    author = str(post(base, "/dev/token", {"sub": "bench-author", "name": "Autora Bench"})["token"])
    slug = f"bench-{uuid.uuid4().hex[:8]}"
    post(base, "/products", {"slug": slug, "name": "Bench", "description": "Tablero de medida."}, team)
    for number in range(20):
        body = {
            "title": f"Idea número {number} para medir el tablero",
            "body": "Una descripción de tamaño realista para una idea de cliente. " * 3,
            "product": slug,
            "phase": "design",
        }
        post(base, "/ideas", body, author)
    return slug


def visit(page: Page, url: str) -> Visit:
    seen: list[Response] = []

    def record(response: Response) -> None:
        seen.append(response)

    page.on("response", record)
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("[data-testid=idea-card] [data-testid=vote-button]")
    page.wait_for_selector("main[aria-busy='false']")
    seconds = time.perf_counter() - started
    page.remove_listener("response", record)
    result = Visit(seconds)
    for response in seen:
        body = response.body() if response.status == 200 else b""
        content_type = (response.headers.get("content-type") or "").split(";")[0]
        result.responses.append((response.url, response.status, content_type, body))
    return result


def report(slug_url: str, runs: int) -> None:
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        firsts: list[float] = []
        repeats: list[float] = []
        first_visit: Visit | None = None
        repeat_visit: Visit | None = None
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="es-ES")
            page = context.new_page()
            first_visit = visit(page, slug_url)
            firsts.append(first_visit.seconds)
            repeat_visit = visit(page, slug_url)
            repeats.append(repeat_visit.seconds)
            context.close()
        browser.close()
    assert first_visit is not None and repeat_visit is not None

    print("first visit, every response:")
    raw_code = gzip_code = raw_all = 0
    for url, status, content_type, body in first_visit.responses:
        packed = len(gzip.compress(body, compresslevel=9))
        raw_all += len(body)
        if content_type in CODE_TYPES:
            raw_code += len(body)
            gzip_code += packed
        short = url.split("//", 1)[-1].split("/", 1)[-1]
        print(f"  {status} {content_type:24} {len(body):>8,} B  gzip {packed:>7,} B  /{short[:70]}")
    print(f"\nrequests: first visit {len(first_visit.responses)}, repeat visit {len(repeat_visit.responses)}")
    print(
        f"repeat visit: {sum(1 for r in repeat_visit.responses if r[1] == 304)} answered 304 Not Modified, "
        f"{sum(len(r[3]) for r in repeat_visit.responses):,} B of bodies (API data only)"
    )
    print(f"HTML+JS+CSS: {raw_code:,} B uncompressed, {gzip_code:,} B gzip (what a compressing CDN sends)")
    print(f"all bytes of the first visit (with API JSON, SVG, messages): {raw_all:,} B uncompressed")
    verdict = "OK" if gzip_code <= TARGET_BYTES else "OVER"
    print(f"target HTML+JS+CSS <= {TARGET_BYTES:,} B gzip: {verdict}")
    for name, values in (("first visit", firsts), ("repeat visit", repeats)):
        verdict = "OK" if statistics.median(values) < TARGET_SECONDS else "OVER"
        print(
            f"board usable, {name}: median {statistics.median(values) * 1000:.0f} ms, "
            f"max {max(values) * 1000:.0f} ms over {len(values)} runs "
            f"(target < {TARGET_SECONDS * 1000:.0f} ms: {verdict})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print("Chromium is missing: apt-get update && apt-get install -y chromium", file=sys.stderr)
        return 2
    data_dir = Path(tempfile.mkdtemp(prefix="cocrea-bench-web-"))
    dynamodb = DynamoDBLocal(free_port(), db_path=data_dir / "db", log_path=data_dir / "dynamodb.log")
    api: subprocess.Popen[bytes] | None = None
    try:
        dynamodb.start()
        env = {**local_environment(data_dir, dynamodb.endpoint), "TABLE_PREFIX": "cocrea-bench-"}
        subprocess.run([sys.executable, "-m", "devstack.prepare"], cwd=REPO_ROOT, env=env, check=True)
        port = free_port()
        with (data_dir / "chalice.log").open("ab") as log:
            api = subprocess.Popen(
                [sys.executable, "-m", "devstack.local_server", "--stage", "local", "--port", str(port)],
                cwd=REPO_ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for_port(port, api, 60, "the local API server")
        base = f"http://127.0.0.1:{port}"
        slug = seed(base)
        report(f"{base}/?product={slug}", args.runs)
        return 0
    finally:
        if api is not None:
            stop(api)
        dynamodb.stop()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
