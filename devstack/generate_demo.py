"""Generate ``devstack/demo_data.json`` from ``devstack/demo_templates.json``, reproducibly.

    python -m devstack.generate_demo

Each product gets ``IDEAS_PER_PRODUCT`` ideas: mostly repeats of the requests its customers keep
making (each request has phrasings in Spanish, English and Portuguese, so the same request
arrives in several languages — the cross-language duplicates that search hints and topics must
recognise), plus a few one-off ideas that fit no request (the "not grouped yet" bucket). A
request marked ``recent`` gets most of its ideas in the last week, so ``make run`` shows an
emerging topic and a surge alert. Every idea records its ``request`` (``product/request-id``, or
``product/one-off``): the ground truth that ``bench/topics_demo.py`` scores the topics against.
The seed (``devstack/seed.py``) ignores that field.

The random generator is seeded: the same templates always give the same file.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

TEMPLATES = Path(__file__).with_name("demo_templates.json")
OUTPUT = Path(__file__).with_name("demo_data.json")
SEED = 2026
IDEAS_PER_PRODUCT = 320
LANGUAGE_SHARES = {"es": 0.5, "en": 0.3, "pt": 0.2}
HISTORY_DAYS = 120
# A recent request: this share of its ideas arrives in the last week, a third of those today.
RECENT_SHARE = 0.7
STATUSES = (("open", 0.76), ("under_review", 0.1), ("planned", 0.08), ("in_progress", 0.04), ("done", 0.02))
TEAM = "demo-lucia"
ENDINGS = {
    "es": ["", "", "", " Gracias.", " ¿Para cuándo?", " Nos pasa a varios."],
    "en": ["", "", "", " Thanks.", " Any news on this?", " Several of us have this."],
    "pt": ["", "", "", " Obrigado.", " Alguma previsão?", " Vários de nós temos isso."],
}
SAME_HERE = {"es": "A mí me pasa lo mismo.", "en": "Same here.", "pt": "Comigo acontece o mesmo."}
ANSWERS = {
    "under_review": {
        "es": "Lo estamos estudiando con el equipo.",
        "en": "We are looking into it with the team.",
        "pt": "Estamos avaliando com a equipe.",
    },
    "planned": {
        "es": "Está en la hoja de ruta del próximo trimestre.",
        "en": "It is on next quarter's roadmap.",
        "pt": "Está no roteiro do próximo trimestre.",
    },
    "in_progress": {"es": "Ya estamos en ello.", "en": "We are working on it.", "pt": "Já estamos trabalhando nisso."},
    "done": {"es": "Ya está disponible.", "en": "It is available now.", "pt": "Já está disponível."},
}


def _weighted(rng: random.Random, options: dict[str, float] | list[tuple[str, float]]) -> str:
    pairs = list(options.items()) if isinstance(options, dict) else options
    return rng.choices([key for key, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _days_ago(rng: random.Random, recent: bool) -> int:
    if recent and rng.random() < RECENT_SHARE:
        return 0 if rng.random() < 1 / 3 else rng.randint(1, 6)
    return rng.randint(8 if recent else 1, HISTORY_DAYS)


def _idea(
    rng: random.Random,
    key: str,
    product: str,
    request: str,
    phase: str,
    language: str,
    title: str,
    body: str,
    days_ago: int,
    customers: dict[str, list[str]],
) -> dict[str, Any]:
    author = rng.choice(customers[language])
    everyone = [c for people in customers.values() for c in people if c != author]
    voters = rng.sample(everyone, k=min(len(everyone), int(rng.expovariate(1 / 2.5))))
    status = _weighted(rng, list(STATUSES)) if days_ago > 10 else "open"
    response = (
        {"author": TEAM, "body": ANSWERS[status][language], "days_ago": rng.randint(0, days_ago)}
        if status in ANSWERS
        else None
    )
    comments = []
    if rng.random() < 0.1:
        commenter = rng.choice([c for c in customers[language] if c != author] or everyone)
        comments.append({"author": commenter, "body": SAME_HERE[language], "days_ago": rng.randint(0, days_ago)})
    return {
        "key": key,
        "request": f"{product}/{request}",
        "product": product,
        "phase": phase,
        "author": author,
        "title": title,
        "body": body,
        "days_ago": days_ago,
        "status": status,
        "voters": voters,
        "response": response,
        "comments": comments,
    }


def generate(templates: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(SEED)  # noqa: S311 - a reproducible demo, not crypto
    customers: dict[str, list[str]] = {language: [] for language in LANGUAGE_SHARES}
    for user in templates["users"]:
        if user["groups"] == ["customer"]:
            customers[user["language"]].append(user["sub"])
    ideas: list[dict[str, Any]] = []
    for product in templates["products"]:
        slug = product["slug"]
        for one_off in product["one_offs"]:
            language = one_off["language"]
            key = f"{slug}-{len(ideas):04d}"
            days_ago = rng.randint(1, HISTORY_DAYS)
            ideas.append(
                _idea(rng, key, slug, "one-off", one_off["phase"], language, one_off["title"], one_off["body"],
                      days_ago, customers)
            )  # fmt: skip
        requests = product["requests"]
        weights = [request["weight"] for request in requests]
        for _ in range(IDEAS_PER_PRODUCT - len(product["one_offs"])):
            request = rng.choices(requests, weights=weights)[0]
            language = _weighted(rng, LANGUAGE_SHARES)
            phrasing = request[language]
            title = rng.choice(phrasing["titles"])
            body = rng.choice(phrasing["bodies"]) + rng.choice(ENDINGS[language])
            days_ago = _days_ago(rng, bool(request.get("recent")))
            key = f"{slug}-{len(ideas):04d}"
            ideas.append(
                _idea(rng, key, slug, request["id"], request["phase"], language, title, body, days_ago, customers)
            )
    # Oldest first, as they were posted.
    ideas.sort(key=lambda idea: (-idea["days_ago"], idea["key"]))
    products = [{key: product[key] for key in ("slug", "name", "description")} for product in templates["products"]]
    return {"users": templates["users"], "products": products, "ideas": ideas}


def main() -> None:
    templates = json.loads(TEMPLATES.read_text(encoding="utf-8"))
    data = generate(templates)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {len(data['ideas'])} ideas, {sum(len(i['voters']) for i in data['ideas'])} votes")


if __name__ == "__main__":
    main()
