import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from artisans import services
from catalogue_ext.models import Craft, District, Product
from catalogue_ext.selectors import products_buyable
from tests.factories import gi_tag


def _jpeg(name="lota.jpg", size=(300, 200), colour="orange"):
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def listing(odop_reference):
    return {
        "title": "Engraved Brass Lota",
        "description": "Hand engraved.",
        "district": District.objects.get(slug="moradabad").pk,
        "craft": Craft.objects.get(slug="brassware").pk,
        "gi_tag": "",
        "price": "1499.00",
        "num_in_stock": "4",
        "weight_grams": "700",
        "length_cm": "12",
        "breadth_cm": "12",
        "height_cm": "18",
        "hsn_code": "7418",
        "gst_rate": "5",
    }


def test_an_artisan_lists_a_product_with_photos_and_it_is_buyable(client, artisan_a, listing):
    client.force_login(artisan_a.user)
    # The form starts with the artisan's own district
    form = client.get("/artisans/studio/products/new/").context["form"]
    assert form.initial["district"] == artisan_a.profile.district
    response = client.post("/artisans/studio/products/new/", {**listing, "photos": [_jpeg(), _jpeg("b.png")]})
    assert response.status_code == 302
    product = Product.objects.get(title="Engraved Brass Lota")
    record = product.stockrecords.get()
    assert (record.partner_id, str(record.price), record.num_in_stock) == (artisan_a.profile.partner_id, "1499.00", 4)
    assert product.images.count() == 2
    assert all(image.original.name.endswith(".jpg") for image in product.images.all())
    assert products_buyable().filter(pk=product.pk).exists()


def test_a_gi_tag_without_authorisation_is_saved_without_the_badge_and_the_artisan_is_told_why(
    client, artisan_a, listing
):
    client.force_login(artisan_a.user)
    tag = gi_tag("moradabad")
    response = client.post("/artisans/studio/products/new/", {**listing, "gi_tag": tag.pk}, follow=True)
    assert "Saved without the GI badge" in response.content.decode()
    assert Product.objects.get(title="Engraved Brass Lota").gi_tag is None


def test_a_gi_tag_with_authorisation_is_published_with_the_badge(client, artisan_a, ops, listing):
    tag = gi_tag("moradabad")
    services.gi_authorisation_record(profile=artisan_a.profile, gi_tag=tag, registration_number="AU/9", by=ops)
    client.force_login(artisan_a.user)
    response = client.post("/artisans/studio/products/new/", {**listing, "gi_tag": tag.pk}, follow=True)
    assert "Saved without the GI badge" not in response.content.decode()
    assert Product.objects.get(title="Engraved Brass Lota").gi_tag == tag


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "", "required"),
        ("price", "0", "greater than or equal to 1"),
        ("price", "abc", "Enter a number"),
        ("num_in_stock", "-1", "greater than or equal to 0"),
        ("weight_grams", "0", "greater than or equal to 1"),
        ("hsn_code", "74", "4, 6 or 8 digits"),
        ("gst_rate", "7", "valid choice"),
        ("length_cm", "", "required"),
    ],
)
def test_every_bad_listing_field_gets_a_message_and_nothing_is_saved(client, artisan_a, listing, field, value, message):
    client.force_login(artisan_a.user)
    before = Product.objects.count()
    response = client.post("/artisans/studio/products/new/", {**listing, field: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Product.objects.count() == before


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("menu.jpg", b"not an image at all", content_type="image/jpeg"), "not a photo we can read"),
        (None, "Animated images are not accepted"),
    ],
)
def test_a_rejected_photo_says_why_and_nothing_is_saved(client, artisan_a, listing, upload, message):
    if upload is None:
        out = io.BytesIO()
        frames = [Image.new("RGB", (20, 20), c) for c in ("red", "blue")]
        frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
        upload = SimpleUploadedFile("spin.gif", out.getvalue(), content_type="image/gif")
    client.force_login(artisan_a.user)
    before = Product.objects.count()
    response = client.post("/artisans/studio/products/new/", {**listing, "photos": [_jpeg(), upload]})
    errors = " ".join(response.context["form"].errors["photos"])
    assert message in errors and upload.name in errors
    assert Product.objects.count() == before


def test_photos_are_reordered_and_removed(client, artisan_a):
    product = artisan_a.product
    services.artisan_product_save(
        profile=artisan_a.profile,
        product=product,
        fields={},
        price=product.stockrecords.get().price,
        num_in_stock=1,
        images=[services_image("first"), services_image("second")],
    )
    first, second = product.images.order_by("display_order")
    client.force_login(artisan_a.user)
    client.post(f"/artisans/studio/products/{product.pk}/photos/{second.pk}/up/")
    assert list(product.images.order_by("display_order").values_list("pk", flat=True)) == [second.pk, first.pk]
    client.post(f"/artisans/studio/products/{product.pk}/photos/{second.pk}/delete/")
    assert list(product.images.values_list("pk", flat=True)) == [first.pk]
    assert product.images.get().display_order == 0


def services_image(name):
    from artisans.images import image_normalise

    return image_normalise(upload=_jpeg(f"{name}.jpg"))


def test_hiding_and_deleting_own_products(client, artisan_a):
    product = artisan_a.product
    client.force_login(artisan_a.user)
    client.post(f"/artisans/studio/products/{product.pk}/hide/")
    assert not products_buyable().filter(pk=product.pk).exists()
    assert product.title in client.get("/artisans/studio/").content.decode()
    client.post(f"/artisans/studio/products/{product.pk}/show/")
    assert products_buyable().filter(pk=product.pk).exists()
    assert "Yes, delete it" in client.get(f"/artisans/studio/products/{product.pk}/delete/").content.decode()
    client.post(f"/artisans/studio/products/{product.pk}/delete/")
    assert not Product.objects.filter(pk=product.pk).exists()


def test_the_profile_form_saves_a_sanitised_story_and_a_normalised_portrait(client, artisan_a):
    client.force_login(artisan_a.user)
    profile = artisan_a.profile
    data = {
        "name": "Ansari Brass Works & Sons",
        "workshop": "Karkhana",
        "kind": "individual",
        "district": profile.district_id,
        "crafts": [c.pk for c in profile.crafts.all()],
        "years_of_practice": "30",
        "story_en": '<p onclick="x()">Hello <script>alert(1)</script><b>world</b></p>',
        "story_hi": "नमस्ते",
        "awards": "",
        "bank_account_number": "123456789012",
        "ifsc": "sbin0001234",
        "upi_id": "ansari@okaxis",
        "portrait": _jpeg("me.png", size=(2500, 3000)),
    }
    response = client.post("/artisans/studio/profile/", data)
    assert response.status_code == 302, response.context["form"].errors
    profile.refresh_from_db()
    assert profile.story_en == "<p>Hello <b>world</b></p>"
    assert profile.ifsc == "SBIN0001234"
    assert profile.partner.name == "Ansari Brass Works & Sons"
    with Image.open(profile.portrait.path) as portrait:
        assert portrait.format == "JPEG" and max(portrait.size) == 2000


def test_payout_details_need_an_ifsc_and_a_valid_upi_id(client, artisan_a):
    client.force_login(artisan_a.user)
    profile = artisan_a.profile
    response = client.post(
        "/artisans/studio/profile/",
        {
            "name": "X",
            "kind": "individual",
            "district": profile.district_id,
            "crafts": [c.pk for c in profile.crafts.all()],
            "bank_account_number": "123456789012",
            "ifsc": "",
            "upi_id": "no-at-sign",
        },
    )
    errors = response.context["form"].errors
    assert "IFSC" in " ".join(errors["ifsc"])
    assert "name@bank" in " ".join(errors["upi_id"])


def test_payout_details_are_visible_to_their_artisan_and_ops_and_masked_in_lists(client, artisan_a, artisan_b, ops):
    client.force_login(artisan_a.user)
    assert "123456789012" in client.get("/artisans/studio/profile/").content.decode()
    client.force_login(ops)
    listing = client.get("/dashboard/artisans/").content.decode()
    assert "••••9012" in listing and "123456789012" not in listing
    assert "123456789012" in client.get(f"/dashboard/artisans/{artisan_a.profile.pk}/").content.decode()
    client.force_login(artisan_b.user)
    assert "123456789012" not in client.get(artisan_a.profile.get_absolute_url()).content.decode()
    assert client.get(f"/dashboard/artisans/{artisan_a.profile.pk}/").status_code == 403


def test_an_ops_user_without_an_artisan_profile_has_no_studio(client, db):
    user = get_user_model().objects.create_user(username="u", email="u@example.com", password="x")
    client.force_login(user)
    assert client.get("/artisans/studio/").status_code == 403


def _edit_round_trip(client, product) -> dict:
    """Open the saved product's edit form and submit it exactly as the browser would, unchanged."""
    from tests.html_forms import form_data

    page = client.get(f"/artisans/studio/products/{product.pk}/")
    assert page.status_code == 200
    data = {name: values if len(values) > 1 else values[0] for name, values in form_data(page.content.decode()).items()}
    data.pop("q", None)  # the header's search box is another form
    return data


def _product_state(product) -> tuple:
    product.refresh_from_db()
    record = product.stockrecords.get()
    return (
        product.title,
        product.description,
        product.district_id,
        product.craft_id,
        product.gi_tag_id,
        product.hsn_code,
        product.gst_rate,
        product.weight_grams,
        product.length_cm,
        product.breadth_cm,
        product.height_cm,
        record.price,
        record.num_in_stock,
    )


@pytest.mark.parametrize("rate", ["0", "0.25", "3", "5", "12", "18", "28", "40"])
@pytest.mark.parametrize("with_gi, hsn", [(False, ""), (True, "7418"), (False, "741810"), (True, "")])
def test_opening_and_saving_the_edit_form_unchanged_changes_nothing(
    client, artisan_a, ops, listing, rate, with_gi, hsn
):
    # Given a saved product at this GST rate, with or without a GI tag (the artisan is authorised) and HSN
    tag = gi_tag("moradabad")
    services.gi_authorisation_record(profile=artisan_a.profile, gi_tag=tag, registration_number="AU/9", by=ops)
    client.force_login(artisan_a.user)
    listing = {**listing, "gst_rate": rate, "hsn_code": hsn, "gi_tag": tag.pk if with_gi else ""}
    assert client.post("/artisans/studio/products/new/", listing).status_code == 302
    product = Product.objects.get(title="Engraved Brass Lota")
    before = _product_state(product)
    # (an HSN left empty on a new listing is the craft's usual one: brassware's 7418)
    assert before[6] == Decimal(rate) and (before[4] is not None) == with_gi and before[5] == (hsn or "7418")
    # When the artisan opens its edit form and saves it untouched
    data = _edit_round_trip(client, product)
    response = client.post(f"/artisans/studio/products/{product.pk}/", data)
    # Then it is saved and nothing changed
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert _product_state(product) == before


def test_the_gst_rates_read_as_people_write_them(client, artisan_a):
    client.force_login(artisan_a.user)
    html = client.get("/artisans/studio/products/new/").content.decode()
    choices = client.get("/artisans/studio/products/new/").context["form"].fields["gst_rate"].choices
    # a new listing may keep its craft's usual rate (the first choice); then the slabs as people write them
    assert choices[0][0] == "" and str(choices[0][1]) == "As usual for the craft (5 %)"
    labels = [label for value, label in choices if value != ""]
    assert [str(label) for label in labels] == ["0 %", "0.25 %", "3 %", "5 %", "12 %", "18 %", "28 %", "40 %"]
    assert "E+" not in html
    # and the form says which slabs are current and which were abolished
    assert "since 22 September 2025" in html and "12 and 28 per cent were abolished" in html
