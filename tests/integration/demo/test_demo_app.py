"""The demo is an app of its own: installed when demo data is wanted, never imported by the shop."""

import ast
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction
from oscar.core.loading import get_model

from artisans.models import ArtisanProfile
from catalogue_ext.models import Product
from demo.catalogue import demo_catalogue_load

ROOT = Path(__file__).resolve().parents[3]
SHOP_APPS = [
    "shop",
    "catalogue_ext",
    "artisans",
    "fulfilment",
    "search",
    "payments",
    "checkout_ext",
    "order_ext",
    "partner_ext",
]
StockRecord = get_model("partner", "StockRecord")


def _commands(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "--commands"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# Production refuses to start without a real key and hosts, so the production runs supply them.
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    "DJANGO_ALLOWED_HOSTS": "shop.example",
}


def test_the_demo_commands_exist_while_debugging_and_not_in_production():
    assert "load_demo_catalogue" in _commands(DJANGO_DEBUG="1")
    production = _commands(**PRODUCTION)
    assert "load_demo_catalogue" not in production and "demo_logins" not in production
    assert "search_index" in production
    assert "load_demo_fulfilment" in _commands(**PRODUCTION, DJANGO_DEMO="1")


def test_no_shop_app_imports_the_demo():
    offenders = []
    for app in SHOP_APPS:
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                offenders += [f"{path.relative_to(ROOT)}: {name}" for name in names if name.split(".")[0] == "demo"]
    assert not offenders


def _catalogue() -> list[tuple]:
    products = Product.objects.order_by("upc").values_list(
        "upc",
        "title",
        "district__slug",
        "craft__slug",
        "gi_tag__slug",
        "hsn_code",
        "gst_rate",
        "weight_grams",
        "stockrecords__partner__code",
        "stockrecords__price",
        "stockrecords__num_in_stock",
    )
    images = Product.objects.order_by("upc", "images__display_order").values_list("upc", "images__original")
    artisans = ArtisanProfile.objects.order_by("partner__code").values_list(
        "partner__code", "partner__name", "status", "story_en"
    )
    return [list(products), list(images), list(artisans)]


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_catalogue_from_scratch(odop_reference):
    # Given a demo catalogue built from scratch with seed 5, then thrown away
    with transaction.atomic():
        demo_catalogue_load(products=40, seed=5)
        first = _catalogue()
        transaction.set_rollback(True)
    assert not Product.objects.exists()
    # When it is built again from scratch with the same seed
    demo_catalogue_load(products=40, seed=5)
    # Then every product, price, stock level, image and artisan is the same
    assert _catalogue() == first
    assert len(first[0]) == 40
