"""Demo artisans ship from their district's head post office pincode (facts from fulfilment/data)."""

from functools import cache
from pathlib import Path

from django.apps import apps
from oscar.core.loading import get_model

from shop.csvio import csv_rows


def _demo_pincodes() -> Path:
    """The pincode file `make demo` imports (fulfilment/data/demo_pincodes.csv)."""
    return Path(apps.get_app_config("fulfilment").path) / "data" / "demo_pincodes.csv"


Country = get_model("address", "Country")
PartnerAddress = get_model("partner", "PartnerAddress")


@cache
def _pincode_by_district() -> dict[str, str]:
    return {
        row["district"].casefold(): row["pincode"]
        for _line, row in csv_rows(path=_demo_pincodes(), required=["pincode", "district"])
    }


def demo_pickup_address_set(*, partner, district) -> None:
    pincode = _pincode_by_district().get(district.name.casefold())
    if pincode is None:
        return
    PartnerAddress.objects.update_or_create(
        partner=partner,
        defaults={
            "first_name": partner.name[:255],
            "line1": f"{district.name} workshop",
            "line4": district.name,
            "state": district.state.name,
            "postcode": pincode,
            "country": Country.objects.get(iso_3166_1_a2="IN"),
        },
    )
