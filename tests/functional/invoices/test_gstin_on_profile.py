import pytest
from django.utils import translation

from artisans.forms import ProfileForm
from tests.functional.artisans.conftest import artisan_a  # noqa: F401


def _data(profile, gstin):
    form = ProfileForm(instance=profile)
    data = {name: form.initial.get(name, "") for name in form.fields}
    data["crafts"] = [craft.pk for craft in profile.crafts.all()]
    data["district"] = profile.district_id
    data["gstin"] = gstin
    data["name"] = profile.partner.name
    return {
        key: value for key, value in data.items() if value is not None and key not in ("portrait", "workshop_photo")
    }


@pytest.mark.django_db
def test_a_valid_gstin_of_the_artisans_state_is_saved_upper_case(artisan_a):  # noqa: F811
    profile = artisan_a.profile
    code = profile.district.state.gst_code
    from invoices.gst import gstin_check_character

    body = f"{code}AAPFU0939F1Z"
    gstin = (body + gstin_check_character(body)).lower()
    form = ProfileForm(_data(profile, gstin), instance=profile)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["gstin"] == gstin.upper()


@pytest.mark.django_db
@pytest.mark.parametrize("gstin, message", [("12345", "15 characters"), ("27AAPFU0939F1ZV", "state code 27")])
def test_a_wrong_gstin_gets_a_clear_message_in_english_and_hindi(artisan_a, gstin, message):  # noqa: F811
    form = ProfileForm(_data(artisan_a.profile, gstin), instance=artisan_a.profile)
    assert not form.is_valid() and message in form.errors["gstin"][0]
    with translation.override("hi"):
        form = ProfileForm(_data(artisan_a.profile, gstin), instance=artisan_a.profile)
        assert not form.is_valid() and "GSTIN" in form.errors["gstin"][0] and message not in form.errors["gstin"][0]
