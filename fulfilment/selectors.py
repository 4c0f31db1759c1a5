"""Shipping quotes: which zone a parcel travels in, what it weighs for the courier, what it costs."""

import datetime
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from artisans.models import ArtisanProfile
from catalogue_ext.models import District
from catalogue_ext.selectors import products_buyable
from fulfilment.models import DEFAULT_TRANSIT_DAYS, SLAB_GRAMS, DeliveryHoliday, Pincode, ShippingRate, ZoneTransit

Product = get_model("catalogue", "Product")

# Couriers' "special" destinations: the North-East, J&K, Ladakh, Himachal, Kerala and the islands.
SPECIAL_STATE_CODES = frozenset({"AR", "AS", "MN", "ML", "MZ", "NL", "SK", "TR", "JK", "LA", "HP", "KL", "AN", "LD"})
VOLUMETRIC_DIVISOR = Decimal("5000")
PINCODE_RE = re.compile(r"^[1-9][0-9]{5}$")
# ASCII digits only ("²".isdigit() is true) and short enough for the database's integer.
PRODUCT_ID_RE = re.compile(r"^[0-9]{1,18}$")
# Where the pincode a shopper checked on a product or the basket is remembered.
DELIVERY_PINCODE_SESSION_KEY = "delivery_pincode"


class PincodeError(ValueError):
    """A pincode we cannot deliver to or from; the message is for the shopper."""


def pincode_normalise(*, raw: str) -> str:
    """'244 001' and ' 244001' are how people type it; anything else is rejected with a reason."""
    code = re.sub(r"\s+", "", raw or "")
    if not PINCODE_RE.match(code):
        raise PincodeError(_("A pincode has six digits and does not start with 0."))
    return code


def pincode_place_text(*, pincode: Pincode) -> str:
    """ "Moradabad, Uttar Pradesh" / "मुरादाबाद, उत्तर प्रदेश": the pincode's district (our district of
    that name, when there is one) and state in the visitor's language."""
    district = District.objects.filter(state_id=pincode.state_id, name__iexact=pincode.district).first()
    return f"{district.display_name if district else pincode.district}, {pincode.state.display_name}"


def pincode_get(*, code: str) -> Pincode:
    code = pincode_normalise(raw=code)
    pincode = Pincode.objects.select_related("state").filter(code=code).first()
    if pincode is None:
        raise PincodeError(_("We do not know pincode %(code)s yet, so we cannot deliver there.") % {"code": code})
    if not pincode.serviceable:
        raise PincodeError(_("Sorry, our couriers do not deliver to pincode %(code)s.") % {"code": code})
    return pincode


def zone_for(*, origin: Pincode, destination: Pincode) -> str:
    """Aggregator zones: A same district, B same state, E special region, C metro to metro, D the rest."""
    if origin.state_id == destination.state_id:
        return "A" if origin.district.casefold() == destination.district.casefold() else "B"
    if origin.state.code in SPECIAL_STATE_CODES or destination.state.code in SPECIAL_STATE_CODES:
        return "E"
    if origin.is_metro and destination.is_metro:
        return "C"
    return "D"


def chargeable_weight_grams(*, weight_grams: int | None, length_cm, breadth_cm, height_cm) -> int:
    """max(actual, L×B×H/5000 kg), in whole grams rounded up; a missing size counts as no volume."""
    actual = Decimal(weight_grams or 0)
    volumetric = Decimal(0)
    if length_cm and breadth_cm and height_cm:
        volumetric = Decimal(length_cm) * Decimal(breadth_cm) * Decimal(height_cm) / VOLUMETRIC_DIVISOR * 1000
    return math.ceil(max(actual, volumetric))


def rate_for(*, zone: str, grams: int, rates: list[ShippingRate] | None = None) -> Decimal:
    """Charge of the smallest slab that holds the parcel.

    Heavier than the card's top slab: the top slab's charge plus, for each further 0.5 kg, the step
    between the top two slabs (couriers' "each additional 500 g").
    """
    if rates is None:
        rates = list(ShippingRate.objects.filter(zone=zone).order_by("up_to_grams"))
    else:
        rates = sorted((rate for rate in rates if rate.zone == zone), key=lambda rate: rate.up_to_grams)
    if not rates:
        raise PincodeError(_("No shipping rate is set for zone %(zone)s.") % {"zone": zone})
    grams = max(grams, 1)
    for rate in rates:
        if grams <= rate.up_to_grams:
            return rate.charge
    top = rates[-1]
    step = top.charge - rates[-2].charge if len(rates) > 1 else top.charge
    extra_slabs = math.ceil((grams - top.up_to_grams) / SLAB_GRAMS)
    return top.charge + step * extra_slabs


def pickup_pincode_for(*, partner) -> str | None:
    """An artisan ships from the postcode of their (Oscar partner) primary address."""
    addresses = list(partner.addresses.all())
    return addresses[0].postcode.replace(" ", "") if addresses else None


SUNDAY = 6
# Holidays further out than this cannot move a promise made today.
PROMISE_HORIZON_DAYS = 366


def working_days_add(*, start: datetime.date, days: int, holidays: frozenset[datetime.date]) -> datetime.date:
    """The date `days` working days after `start` (Sundays and holidays are not working days)."""
    current = start
    while days > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() != SUNDAY and current not in holidays:
            days -= 1
    return current


def delivery_promise(
    *, placed_at: datetime.datetime, dispatch_days: int, transit_days: int, holidays: frozenset[datetime.date]
) -> datetime.date:
    """The date a parcel ordered at `placed_at` arrives by: the maker's days, then the courier's.

    An order placed on a Sunday, a holiday or after the day's cut-off (DELIVERY_CUTOFF_HOUR, local
    time) starts counting on the next working day; both parts count working days only.
    """
    local = timezone.localtime(placed_at) if timezone.is_aware(placed_at) else placed_at
    start = local.date()
    if local.hour >= settings.DELIVERY_CUTOFF_HOUR or start.weekday() == SUNDAY or start in holidays:
        start = working_days_add(start=start, days=1, holidays=holidays)
    handed_over = working_days_add(start=start, days=dispatch_days, holidays=holidays)
    return working_days_add(start=handed_over, days=transit_days, holidays=holidays)


def delivery_holidays(*, since: datetime.date) -> frozenset[datetime.date]:
    until = since + datetime.timedelta(days=PROMISE_HORIZON_DAYS)
    return frozenset(DeliveryHoliday.objects.filter(date__gte=since, date__lte=until).values_list("date", flat=True))


def transit_days_by_zone() -> dict[str, int]:
    return {**DEFAULT_TRANSIT_DAYS, **dict(ZoneTransit.objects.values_list("zone", "transit_days"))}


def parcel_dispatch_days(*, artisan_days: int, products) -> int:
    """The maker's usual dispatch time, or the longest making time of a made-to-order piece in the parcel."""
    making = []
    for product in products:
        days = product.made_to_order_days
        if days is None and product.is_child and product.parent_id:
            days = product.parent.made_to_order_days
        if days is not None:
            making.append(days)
    return max([artisan_days, *making])


@dataclass
class ParcelQuote:
    partner: object
    pickup_pincode: str
    zone: str
    chargeable_weight_grams: int
    charge: Decimal
    cod_allowed: bool
    origin_state_code: str
    lines: list = field(default_factory=list)
    goods_total: Decimal = Decimal("0.00")
    arrives_by: datetime.date | None = None


@dataclass
class ShippingQuote:
    destination: Pincode
    parcels: list[ParcelQuote]

    @property
    def arrives_by(self) -> datetime.date | None:
        """When the last parcel arrives: what a shopper waits for the whole order."""
        dates = [parcel.arrives_by for parcel in self.parcels if parcel.arrives_by is not None]
        return max(dates) if dates else None

    @property
    def total(self) -> Decimal:
        return sum((parcel.charge for parcel in self.parcels), Decimal("0.00"))

    @property
    def cod_allowed(self) -> bool:
        return self.destination.cod_allowed and all(parcel.cod_allowed for parcel in self.parcels)


@dataclass(frozen=True)
class _PromiseRules:
    placed_at: datetime.datetime
    dispatch_days: dict[int, int]
    transit_days: dict[str, int]
    holidays: frozenset[datetime.date]

    @classmethod
    def load(cls, *, partner_ids, placed_at: datetime.datetime | None = None) -> "_PromiseRules":
        placed_at = placed_at or timezone.now()
        return cls(
            placed_at=placed_at,
            dispatch_days=dict(
                ArtisanProfile.objects.filter(partner_id__in=list(partner_ids)).values_list(
                    "partner_id", "dispatch_days"
                )
            ),
            transit_days=transit_days_by_zone(),
            holidays=delivery_holidays(since=timezone.localtime(placed_at).date()),
        )

    def arrives_by(self, *, partner_id: int, zone: str, products) -> datetime.date:
        artisan_days = self.dispatch_days.get(partner_id, settings.DELIVERY_DEFAULT_DISPATCH_DAYS)
        return delivery_promise(
            placed_at=self.placed_at,
            dispatch_days=parcel_dispatch_days(artisan_days=artisan_days, products=products),
            transit_days=self.transit_days[zone],
            holidays=self.holidays,
        )


def _parcel(
    *, partner, items, destination: Pincode, rates, pickups: dict[str, Pincode], promise: _PromiseRules
) -> ParcelQuote:
    pickup_code = pickup_pincode_for(partner=partner)
    origin = pickups.get(pickup_code or "")
    if origin is None:
        raise PincodeError(
            _("%(artisan)s has no pickup pincode we deliver from yet; please remove their items.")
            % {"artisan": partner.display_name}
        )
    grams = sum(
        chargeable_weight_grams(
            weight_grams=product.weight_grams,
            length_cm=product.length_cm,
            breadth_cm=product.breadth_cm,
            height_cm=product.height_cm,
        )
        * quantity
        for product, quantity, _line in items
    )
    zone = zone_for(origin=origin, destination=destination)
    return ParcelQuote(
        partner=partner,
        pickup_pincode=origin.code,
        zone=zone,
        chargeable_weight_grams=grams,
        charge=rate_for(zone=zone, grams=grams, rates=rates),
        cod_allowed=origin.cod_allowed,
        origin_state_code=origin.state.code,
        lines=[line for _product, _quantity, line in items if line is not None],
        arrives_by=promise.arrives_by(partner_id=partner.pk, zone=zone, products=[item[0] for item in items]),
    )


def shipping_quote(
    *, destination_code: str, items: list[tuple], placed_at: datetime.datetime | None = None
) -> ShippingQuote:
    """Quote one parcel per artisan for (product, quantity, partner, basket line or None) items, each
    with the date it arrives by if ordered at `placed_at` (now)."""
    destination = pincode_get(code=destination_code)
    by_partner: dict[int, list] = defaultdict(list)
    partners = {}
    for product, quantity, partner, line in items:
        by_partner[partner.pk].append((product, quantity, line))
        partners[partner.pk] = partner
    pickup_codes = {pickup_pincode_for(partner=partner) for partner in partners.values()} - {None}
    pickups = {
        pincode.code: pincode
        for pincode in Pincode.objects.select_related("state").filter(code__in=pickup_codes, serviceable=True)
    }
    rates = list(ShippingRate.objects.all())
    promise = _PromiseRules.load(partner_ids=partners, placed_at=placed_at) if partners else None
    parcels = [
        _parcel(
            partner=partners[pk],
            items=by_partner[pk],
            destination=destination,
            rates=rates,
            pickups=pickups,
            promise=promise,
        )
        for pk in sorted(by_partner)
    ]
    return ShippingQuote(destination=destination, parcels=parcels)


def basket_shipping_quote(*, basket, destination_code: str) -> ShippingQuote:
    items = [
        (line.product, line.quantity, line.stockrecord.partner, line)
        for line in basket.all_lines()
        if line.stockrecord_id
    ]
    quote = shipping_quote(destination_code=destination_code, items=items)
    for parcel in quote.parcels:
        parcel.goods_total = sum((line.line_price_incl_tax for line in parcel.lines), Decimal("0.00"))
    return quote


def product_delivery_stockrecord(*, product_id: str):
    """(product, stock record) a delivery check quotes for: the product's first stock record, the one the
    shop's strategy sells from; None when the id names no product on sale (issue 12: no answers naming
    pending artisans or their pickup pincodes) or the product has no stock record."""
    if not PRODUCT_ID_RE.match(product_id or ""):
        return None
    product = products_buyable().filter(pk=int(product_id)).first()
    stockrecord = product.stockrecords.select_related("partner").first() if product else None
    return (product, stockrecord) if stockrecord is not None else None
