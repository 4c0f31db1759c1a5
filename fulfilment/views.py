"""The delivery check shoppers type a pincode into, and the rate card ops edit in the dashboard."""

from decimal import Decimal

from django import forms, http
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from fulfilment.models import MAX_TRANSIT_DAYS, ZONE_CHOICES, DeliveryHoliday, ShippingRate
from fulfilment.selectors import (
    DELIVERY_PINCODE_SESSION_KEY,
    PincodeError,
    basket_shipping_quote,
    pincode_get,
    pincode_place_text,
    product_delivery_stockrecord,
    shipping_quote,
    transit_days_by_zone,
)
from fulfilment.services import delivery_holiday_remove, delivery_holiday_set, shipping_rate_set, zone_transit_set
from shop.access import ops_required
from shop.l10n import date_weekday_indian
from shop.money import cod_eligibility, cod_fee

SESSION_KEY = DELIVERY_PINCODE_SESSION_KEY


@require_GET
def pincode_check(request):
    """`?pincode=244001[&product=ID]`: delivery and charge for one product, or for the basket.

    The pincode is remembered in the session so the next page shows it already filled in.
    """
    raw = request.GET.get("pincode", "") or request.session.get(SESSION_KEY, "")
    try:
        pincode = pincode_get(code=raw)
        request.session[SESSION_KEY] = pincode.code
        product_id = request.GET.get("product", "")
        if product_id:
            found = product_delivery_stockrecord(product_id=product_id)
            if found is None:
                return http.JsonResponse(
                    {"pincode": pincode.code, "deliverable": False, "error": _("Unknown product.")}, status=404
                )
            product, stockrecord = found
            quote = shipping_quote(destination_code=pincode.code, items=[(product, 1, stockrecord.partner, None)])
            goods_total = stockrecord.price or Decimal("0.00")
        else:
            quote = basket_shipping_quote(basket=request.basket, destination_code=pincode.code)
            goods_total = request.basket.total_incl_tax if quote.parcels else Decimal("0.00")
    except PincodeError as exc:
        return http.JsonResponse({"pincode": raw, "deliverable": False, "error": str(exc)}, status=400)
    # The same rule checkout applies (shop.money.cod_eligibility), on what the shopper would pay.
    cod = (
        cod_eligibility(destination=quote.destination, parcels=quote.parcels, goods_total=goods_total)
        if quote.parcels
        else None
    )
    fee = cod_fee(amount=goods_total + quote.total) if cod and cod.allowed else None
    arrives_by = quote.arrives_by
    return http.JsonResponse(
        {
            "pincode": pincode.code,
            "district": pincode.district,
            "state": pincode.state.name,
            # The same place in the shopper's language, for the sentence the page shows (the two above
            # fill the checkout address, whose state choices are the English names).
            "delivers_text": _("Delivers to %(place)s.") % {"place": pincode_place_text(pincode=pincode)},
            "deliverable": True,
            "cod_available": bool(cod and cod.allowed) if quote.parcels else pincode.cod_allowed,
            "cod_reason": cod.reason if cod and not cod.allowed else "",
            "cod_fee": str(fee) if fee is not None else None,
            "shipping_total": str(quote.total),
            # When the last parcel arrives if ordered now (ISO date), and the same as the shopper reads it.
            "arrives_by": arrives_by.isoformat() if arrives_by else None,
            "arrives_by_text": _("Arrives by %(date)s") % {"date": date_weekday_indian(arrives_by)}
            if arrives_by
            else "",
            "parcels": [
                {
                    "artisan": parcel.partner.display_name,
                    "from_pincode": parcel.pickup_pincode,
                    "zone": parcel.zone,
                    "chargeable_weight_grams": parcel.chargeable_weight_grams,
                    "charge": str(parcel.charge),
                    "arrives_by": parcel.arrives_by.isoformat() if parcel.arrives_by else None,
                    "arrives_by_text": date_weekday_indian(parcel.arrives_by),
                }
                for parcel in quote.parcels
            ],
        }
    )


class RateForm(forms.Form):
    zone = forms.ChoiceField(label=gettext_lazy("Zone"), choices=ZONE_CHOICES)
    up_to_kg = forms.DecimalField(
        label=gettext_lazy("Up to (kg)"), min_value=Decimal("0.5"), max_value=Decimal("100"), decimal_places=1
    )
    charge = forms.DecimalField(
        label=gettext_lazy("Charge (₹)"), min_value=Decimal("0"), max_digits=8, decimal_places=2
    )

    def clean_up_to_kg(self):
        value = self.cleaned_data["up_to_kg"]
        if (value * 2) % 1:
            raise forms.ValidationError(_("Slabs are multiples of 0.5 kg."))
        return value


class TransitForm(forms.Form):
    zone = forms.ChoiceField(label=gettext_lazy("Zone"), choices=ZONE_CHOICES)
    transit_days = forms.IntegerField(label=gettext_lazy("Days in transit"), min_value=1, max_value=MAX_TRANSIT_DAYS)


class HolidayForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=gettext_lazy("Holiday"), max_length=80)


class HolidayRemoveForm(forms.Form):
    date = forms.DateField()


def _rate_card_post(request, forms_by_name):
    """Apply the one form the ops user sent; the message to show, or None when it did not validate."""
    name = request.POST.get("form", "rate")
    form = forms_by_name.get(name)
    if form is None or not form.is_valid():
        return None
    data = form.cleaned_data
    if name == "transit":
        zone_transit_set(zone=data["zone"], transit_days=data["transit_days"])
        return _("Transit time saved.")
    if name == "holiday":
        delivery_holiday_set(date=data["date"], name=data["name"])
        return _("Holiday saved.")
    if name == "holiday-remove":
        delivery_holiday_remove(date=data["date"])
        return _("Holiday removed.")
    shipping_rate_set(zone=data["zone"], up_to_grams=int(data["up_to_kg"] * 1000), charge=data["charge"])
    return _("Rate saved.")


@ops_required
def rate_card(request):
    """Zone × 0.5 kg slab grid and days in transit per zone (saving a cell creates or updates it), and
    the holidays that "arrives by" dates skip."""
    posted = request.POST if request.method == "POST" else None
    sent = request.POST.get("form", "rate") if posted else None
    forms_by_name = {
        "rate": RateForm(posted if sent == "rate" else None),
        "transit": TransitForm(posted if sent == "transit" else None, prefix="transit"),
        "holiday": HolidayForm(posted if sent == "holiday" else None, prefix="holiday"),
        "holiday-remove": HolidayRemoveForm(posted if sent == "holiday-remove" else None),
    }
    if posted is not None:
        message = _rate_card_post(request, forms_by_name)
        if message:
            messages.success(request, message)
            return redirect("fulfilment-dashboard:rate-card")
        messages.error(request, _("Nothing was saved: please correct the form below."))
    rates = list(ShippingRate.objects.all())
    slabs = sorted({rate.up_to_grams for rate in rates})
    grid = [
        (
            grams / 1000,
            [
                next((r.charge for r in rates if r.zone == zone and r.up_to_grams == grams), None)
                for zone, _l in ZONE_CHOICES
            ],
        )
        for grams in slabs
    ]
    transit = transit_days_by_zone()
    context = {
        "form": forms_by_name["rate"],
        "transit_form": forms_by_name["transit"],
        "holiday_form": forms_by_name["holiday"],
        "grid": grid,
        "zones": ZONE_CHOICES,
        "transit_days": [transit.get(zone) for zone, _l in ZONE_CHOICES],
        "holidays": DeliveryHoliday.objects.filter(date__gte=timezone.localdate()),
    }
    return render(request, "fulfilment/dashboard/rate_card.html", context)
