import importlib

from django.apps import apps

from shop.richtext import richtext_clean, richtext_html, richtext_store
from tests.markup_check import PAYLOADS, executable_markup


def test_every_payload_is_harmless_after_each_of_the_sanitiser_s_doors():
    for payload in PAYLOADS:
        for door in (richtext_clean, richtext_store, richtext_html):
            assert not executable_markup(str(door(f"<p>ok</p>{payload}"))), (door.__name__, payload)


def test_plain_text_is_stored_as_typed_and_printed_escaped_as_paragraphs():
    assert richtext_store("Tea & spice < 5 kg") == "Tea & spice < 5 kg"
    assert richtext_html("Tea & spice\n\nsecond") == "<p>Tea &amp; spice</p>\n\n<p>second</p>"


def test_nul_characters_are_dropped():
    assert "\x00" not in richtext_store("a\x00<b>b</b>")


def test_the_template_filter_cleans_what_it_prints():
    from django.template import Context, Template

    html = Template("{{ text|richtext }}").render(Context({"text": '<b onclick="x()">hi</b><script>x()</script>'}))
    assert html == "<b>hi</b>"


def test_the_data_migrations_clean_rows_stored_before_the_sanitiser(db, odop_reference):
    from artisans.models import ArtisanProfile
    from catalogue_ext.models import Product
    from tests.factories import ArtisanProfileFactory, CraftProductFactory

    # Given rows written around the sanitiser (as before issue 12)
    product = CraftProductFactory()
    Product.objects.filter(pk=product.pk).update(description='<p>Brass<img src=x onerror="alert(1)"></p>')
    profile = ArtisanProfileFactory()
    ArtisanProfile.objects.filter(pk=profile.pk).update(story_en="<script>alert(1)</script><b>hi</b>", story_hi="नमस्ते")
    # When the migrations run
    importlib.import_module("catalogue_ext.migrations.0035_sanitise_descriptions").sanitise(apps, None)
    importlib.import_module("artisans.migrations.0002_sanitise_stories").sanitise(apps, None)
    # Then the stored text is clean and the rest kept
    product.refresh_from_db()
    profile.refresh_from_db()
    assert product.description == "<p>Brass</p>"
    assert profile.story_en == "<b>hi</b>"
    assert profile.story_hi == "नमस्ते"
