"""The delivery check shoppers type a pincode into, and the rate card ops edit in the dashboard."""

from decimal import Decimal

from django import forms, http
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from catalogue_ext.selectors import products_buyable
from fulfilment.models import ZONE_CHOICES, ShippingRate
from fulfilment.selectors import PincodeError, basket_shipping_quote, pincode_get, shipping_quote
from fulfilment.services import shipping_rate_set
from payments.gateways import CashOnDelivery

SESSION_KEY = "delivery_pincode"


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
            # Only products on sale (issue 12: no answers naming pending artisans or their pickup
            # pincodes); an id that is not a plain ASCII number is simply unknown, never a 500.
            known = product_id.isascii() and product_id.isdigit() and len(product_id) <= 18
            product = products_buyable().filter(pk=int(product_id)).first() if known else None
            stockrecord = product.stockrecords.select_related("partner").first() if product else None
            if stockrecord is None:
                return http.JsonResponse({"pincode": pincode.code, "deliverable": False, "error": _("Unknown product.")}, status=404)
            quote = shipping_quote(destination_code=pincode.code, items=[(product, 1, stockrecord.partner, None)])
        else:
            quote = basket_shipping_quote(basket=request.basket, destination_code=pincode.code)
    except PincodeError as exc:
        return http.JsonResponse({"pincode": raw, "deliverable": False, "error": str(exc)}, status=400)
    cod = CashOnDelivery().eligibility(quote=quote, goods_total=Decimal("0")) if quote.parcels else None
    return http.JsonResponse(
        {
            "pincode": pincode.code,
            "district": pincode.district,
            "state": pincode.state.name,
            "deliverable": True,
            "cod_available": bool(cod and cod.allowed) if quote.parcels else pincode.cod_allowed,
            "shipping_total": str(quote.total),
            "parcels": [
                {
                    "artisan": parcel.partner.display_name,
                    "from_pincode": parcel.pickup_pincode,
                    "zone": parcel.zone,
                    "chargeable_weight_grams": parcel.chargeable_weight_grams,
                    "charge": str(parcel.charge),
                }
                for parcel in quote.parcels
            ],
        }
    )


class RateForm(forms.Form):
    zone = forms.ChoiceField(label=gettext_lazy("Zone"), choices=ZONE_CHOICES)
    up_to_kg = forms.DecimalField(label=gettext_lazy("Up to (kg)"), min_value=Decimal("0.5"), max_value=Decimal("100"), decimal_places=1)
    charge = forms.DecimalField(label=gettext_lazy("Charge (₹)"), min_value=Decimal("0"), max_digits=8, decimal_places=2)

    def clean_up_to_kg(self):
        value = self.cleaned_data["up_to_kg"]
        if (value * 2) % 1:
            raise forms.ValidationError(_("Slabs are multiples of 0.5 kg."))
        return value


@staff_member_required
def rate_card(request):
    """Zone × 0.5 kg slab grid; saving a cell creates or updates that slab."""
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        shipping_rate_set(zone=data["zone"], up_to_grams=int(data["up_to_kg"] * 1000), charge=data["charge"])
        messages.success(request, _("Rate saved."))
        return redirect("fulfilment-dashboard:rate-card")
    rates = list(ShippingRate.objects.all())
    slabs = sorted({rate.up_to_grams for rate in rates})
    grid = [
        (grams / 1000, [next((r.charge for r in rates if r.zone == zone and r.up_to_grams == grams), None) for zone, _l in ZONE_CHOICES])
        for grams in slabs
    ]
    return render(request, "fulfilment/dashboard/rate_card.html", {"form": form, "grid": grid, "zones": ZONE_CHOICES})
