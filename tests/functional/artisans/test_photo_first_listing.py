"""Issue 16: photo-first listing — camera first, only what a shopper needs, size from the craft's presets,
HSN and GST from the craft's tax default (ops keep it), and quick search, price and stock on the list."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue_ext.models import Craft, CraftSizePreset, CraftTaxDefault, Product
from tests.factories import CraftProductFactory


def _jpeg(name, colour="orange"):
    out = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def medium_metal_preset() -> CraftSizePreset:
    return CraftSizePreset.objects.get(craft__slug="metal-craft", code="medium")


def test_the_form_opens_on_the_camera_and_keeps_the_rest_under_more_details(client, artisan_a):
    client.force_login(artisan_a.user)
    html = client.get("/artisans/studio/products/new/").content.decode()
    form = html[html.index('class="studio-product-form"') :]
    first_input = re.search(r"<input[^>]+type=\"(?:file|text|number)\"[^>]*>", form).group(0)
    assert 'name="photos"' in first_input and 'capture="environment"' in first_input and "multiple" in first_input
    assert 'name="gallery_photos"' in form and "multiple" in form
    quick, details = form.split("<details", 1)
    for name in ("title", "price", "num_in_stock", "size"):
        assert f'name="{name}"' in quick
    for name in ("description", "craft", "district", "weight_grams", "hsn_code", "gst_rate"):
        assert f'name="{name}"' in details and f'name="{name}"' not in quick
    # the brass maker's sizes are the metal-craft family's, and the tax is explained in one line
    assert "Medium: a vase or a plate (about 1.5 kg)" in quick
    assert "HSN 7418 is the government's code for “Table, kitchen and household articles of copper or brass”" in details


@pytest.mark.django_db
def test_a_listing_from_photos_name_price_stock_and_a_size_takes_the_rest_from_the_craft(client, artisan_a):
    client.force_login(artisan_a.user)
    preset = medium_metal_preset()
    response = client.post(
        "/artisans/studio/products/new/",
        {
            "photos": [_jpeg("front.jpg"), _jpeg("back.jpg", "brown")],
            "gallery_photos": [_jpeg("detail.jpg", "yellow")],
            "title": "Engraved Brass Lota",
            "price": "1499",
            "num_in_stock": "4",
            "size": str(preset.pk),
            # what the phone form sends for the closed "More details"
            "description": "",
            "craft": Craft.objects.get(slug="brassware").pk,
            "district": artisan_a.profile.district_id,
            "gi_tag": "",
            "weight_grams": "",
            "length_cm": "",
            "breadth_cm": "",
            "height_cm": "",
            "made_to_order_days": "",
            "hsn_code": "",
            "gst_rate": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    product = Product.objects.get(title="Engraved Brass Lota")
    assert (product.weight_grams, product.length_cm, product.breadth_cm, product.height_cm) == (1500, 30, 25, 20)
    assert product.hsn_code == "7418" and product.gst_rate == Decimal("5")
    assert product.images.count() == 3 and product.primary_image().caption == "Engraved Brass Lota"


@pytest.mark.django_db
def test_a_craft_default_changed_by_ops_is_what_the_next_listing_gets(client, ops, artisan_a):
    listed = (artisan_a.product.hsn_code, artisan_a.product.gst_rate)
    client.force_login(ops)
    page = client.get("/dashboard/artisans/craft-tax/").content.decode()
    assert 'data-craft="brassware"' in page and "Notification 9/2025" in page
    edit = "/dashboard/artisans/craft-tax/brassware/"
    for bad in (
        {"hsn_code": "74", "gst_rate": "5", "source": "x"},
        {"hsn_code": "7418", "gst_rate": "7", "source": "x"},
        {"hsn_code": "7418", "gst_rate": "5", "source": ""},
    ):
        response = client.post(edit, {"hsn_description": "", "hsn_description_hi": "", **bad})
        assert response.status_code == 200 and response.context["form"].errors
    assert CraftTaxDefault.objects.get(craft__slug="brassware").hsn_code == "7418"
    assert (
        client.post(
            edit,
            {
                "hsn_code": "8306",
                "gst_rate": "18",
                "source": "Ops, from the CA's letter of 1 Dec 2026",
                "hsn_description": "Statuettes of base metal",
                "hsn_description_hi": "धातु की मूर्तियाँ",
            },
        ).status_code
        == 302
    )
    assert client.get("/dashboard/artisans/craft-tax/no-such-craft/").status_code == 404
    assert client.get("/dashboard/artisans/craft-tax/metal-craft/").status_code == 404  # a family, not a craft
    # Then a new listing starts from it; the artisan's products already listed keep theirs
    client.force_login(artisan_a.user)
    form = client.get("/artisans/studio/products/new/").context["form"]
    assert str(form.fields["gst_rate"].choices[0][1]) == "As usual for the craft (18 %)"
    artisan_a.product.refresh_from_db()
    assert (artisan_a.product.hsn_code, artisan_a.product.gst_rate) == listed


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["999999", "-1", "abc", "1" * 30])
def test_a_size_that_is_not_offered_or_none_at_all_is_refused_and_nothing_saved(client, artisan_a, size):
    client.force_login(artisan_a.user)
    data = {
        "title": "Lota",
        "price": "100",
        "num_in_stock": "1",
        "size": size,
        "craft": Craft.objects.get(slug="brassware").pk,
        "district": artisan_a.profile.district_id,
    }
    response = client.post("/artisans/studio/products/new/", data)
    assert response.status_code == 200 and "size" in response.context["form"].errors
    no_size = client.post("/artisans/studio/products/new/", {**data, "size": ""})
    errors = no_size.context["form"].errors
    assert "Choose a size" in errors["size"][0] and "weight_grams" in errors
    more = no_size.content.decode().split('<details class="studio-more', 1)[1]
    assert " open>" in more[: more.index(">") + 1]  # the details open on their errors
    assert not Product.objects.filter(title="Lota").exists()


@pytest.mark.django_db
def test_the_product_list_finds_by_name_and_changes_price_and_stock_in_place(client, artisan_a, artisan_b):
    for n in range(25):
        CraftProductFactory(title=f"Brass bowl {n}", stockrecords__partner=artisan_a.profile.partner)
    client.force_login(artisan_a.user)
    page = client.get("/artisans/studio/", {"q": "bowl 1"}).content.decode()
    assert page.count('class="card mb-3 studio-product"') == 11  # bowl 1 and bowl 10–19
    assert "11 products match “bowl 1”" in page
    product = artisan_a.product
    url = f"/artisans/studio/products/{product.pk}/stock/"
    response = client.post(url, {"price": "1,599.50".replace(",", ""), "num_in_stock": "7", "q": "bowl 1"})
    assert response.status_code == 302 and response["Location"].endswith(
        f"/artisans/studio/?q=bowl+1#product-{product.pk}"
    )
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("1599.50"), 7)
    for bad in (
        {"price": "0", "num_in_stock": "1"},
        {"price": "10", "num_in_stock": "-1"},
        {"price": "abc", "num_in_stock": "1"},
        {"price": "1" * 30, "num_in_stock": "1"},
        {"price": "10", "num_in_stock": "1000001"},
        {},
    ):
        response = client.post(url, bad, follow=True)
        assert response.status_code == 200 and "was not changed" in response.content.decode()
    record.refresh_from_db()
    assert (record.price, record.num_in_stock) == (Decimal("1599.50"), 7)
    # another artisan's product is not theirs to know of; GET is not how changes are made
    other = artisan_b.product
    assert (
        client.post(f"/artisans/studio/products/{other.pk}/stock/", {"price": "1", "num_in_stock": "0"}).status_code
        == 404
    )
    assert other.stockrecords.get().price != Decimal("1")
    assert client.get(url).status_code == 405
