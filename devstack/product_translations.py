"""English and Portuguese names and descriptions of the demo boards (their own words, in
demo_data.json, are Spanish). Kept apart from demo_data.json, which is regenerated."""

from __future__ import annotations

from typing import Final

PRODUCT_TRANSLATIONS: Final[dict[str, dict[str, dict[str, str]]]] = {
    "nube-hogar": {
        "en": {
            "name": "Home Cloud",
            "description": "Smart-home hub that connects lights, plugs, sensors and thermostats and controls them "
            "from a single app.",
        },
        "pt": {
            "name": "Nuvem Casa",
            "description": "Central de automação residencial que conecta luzes, tomadas, sensores e termostatos e os "
            "controla em um só app.",
        },
    },
    "cartera-aurora": {
        "en": {
            "name": "Aurora Wallet",
            "description": "Mobile banking app to manage accounts, cards, transfers and savings from your phone.",
        },
        "pt": {
            "name": "Carteira Aurora",
            "description": "App de banco móvel para gerenciar contas, cartões, transferências e poupança pelo celular.",
        },
    },
    "aurora-urban": {
        "en": {
            "name": "Aurora Urban",
            "description": "Urban e-bike with a removable battery, rear hub motor and a tracking app.",
        },
        "pt": {
            "name": "Aurora Urbana",
            "description": "Bicicleta elétrica urbana com bateria removível, motor no cubo traseiro e app de "
            "acompanhamento.",
        },
    },
    "facturapro": {
        "en": {
            "name": "FacturaPro",
            "description": "Cloud invoicing software for small businesses and freelancers, with payments, "
            "reconciliation and e-invoicing.",
        },
        "pt": {
            "name": "FacturaPro",
            "description": "Software de faturamento na nuvem para pequenas empresas e autônomos, com cobranças, "
            "conciliação e nota fiscal eletrônica.",
        },
    },
}
