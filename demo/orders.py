"""Demo orders: placed through checkout's own service and walked through the real pipeline, remittance
and payout services, so every screen of the demo has something true to show."""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import cache
from random import Random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model
from tqdm import tqdm

from catalogue_ext.selectors import products_buyable
from checkout_ext.selectors import checkout_snapshot
from checkout_ext.services import order_place
from demo.logins import DEMO_ARTISAN_PARTNER_CODE, DEMO_LOGINS
from fulfilment.carriers.adapters import AGGREGATOR_STATUSES
from fulfilment.carriers.base import TrackingEvent
from fulfilment.carriers.services import awb_range_import_sequence
from fulfilment.models import AwbNumber, Carrier, CodRemittance, PayoutBatch, Pincode, Shipment, ShipmentEvent
from fulfilment.payouts.selectors import artisan_balances
from fulfilment.payouts.services import payout_batch_create, payout_batch_mark_paid
from fulfilment.remittance.services import cod_remittance_import
from fulfilment.selectors import basket_shipping_quote
from fulfilment.shipments.services import (
    shipment_accept,
    shipment_events_apply,
    shipment_manifest,
    shipment_mark_packed,
)
from partner_ext.strategy import Selector
from payments.gateways import CashOnDelivery, StripeCard

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class DemoFulfilmentCounts:
    placed: int
    existing: int
    remitted_rows: int
    payout_batches: int


# Hours after placement at which each step happens, so demo parcels have a believable history.
_STEPS = [
    ("accept", 5),
    ("pack", 20),
    ("manifest", 26),
    ("PICKED_UP", 32),
    ("IN_TRANSIT", 44),
    ("OUT_FOR_DELIVERY", 72),
    ("DELIVERED", 78),
]
_NDR_REASONS = ["Customer not available", "Address incomplete", "Customer asked to come another day"]
_SHOPPERS = [("Asha", "Rao"), ("Imran", "Qureshi"), ("Meera", "Iyer"), ("Harpreet", "Kaur"), ("Ananya", "Das")]


def _demo_buyables() -> dict[int, list]:
    """Verified demo artisans with a pickup pincode → their in-stock buyable products."""
    records = (
        StockRecord.objects.filter(
            product__in=products_buyable(),
            partner__code__startswith="demo-artisan-",
            partner__addresses__isnull=False,
            num_in_stock__gt=Coalesce(F("num_allocated"), 0) + 2,
        )
        .select_related("product", "partner")
        .order_by("partner_id", "product_id")
    )
    by_partner: dict[int, list] = {}
    for record in records:
        by_partner.setdefault(record.partner_id, []).append(record.product)
    return by_partner


def _backdate(*, order, placed) -> None:
    """Demo orders are placed now and moved to `placed`, so the dashboard shows weeks of history."""
    Order.objects.filter(pk=order.pk).update(date_placed=placed)
    shipments = Shipment.objects.filter(group__order=order)
    shipments.update(accept_by=placed + timedelta(hours=settings.FULFILMENT_ACCEPT_HOURS), last_event_at=placed)
    ShipmentEvent.objects.filter(shipment__in=shipments).update(occurred_at=placed)


def _demo_progress(*, shipment, placed, rng: Random, aggregator, now) -> None:
    """Walk one parcel as far along the pipeline as its age allows, through the real services."""
    fails = rng.random() < 0.12
    for step, hours in _STEPS:
        at = placed + timedelta(hours=hours + rng.randint(0, 3))
        if at > now:
            return
        if step == "accept":
            shipment_accept(shipment=shipment, source=ShipmentEvent.SOURCE_ARTISAN, occurred_at=at)
        elif step == "pack":
            shipment_mark_packed(shipment=shipment, source=ShipmentEvent.SOURCE_ARTISAN, occurred_at=at)
        elif step == "manifest":
            shipment_manifest(
                shipment=shipment, carrier=aggregator, source=ShipmentEvent.SOURCE_ARTISAN, occurred_at=at
            )
            shipment.refresh_from_db()
        else:
            status = step
            if step == "DELIVERED" and fails:
                status = "UNDELIVERED"
            events = [(status, at)]
            if status == "UNDELIVERED" and at + timedelta(hours=30) <= now:
                events.append(("RTO_INITIATED", at + timedelta(hours=30)))
                if at + timedelta(days=5) <= now:
                    events.append(("RTO_DELIVERED", at + timedelta(days=5)))
            reason = _NDR_REASONS[shipment.pk % len(_NDR_REASONS)]
            shipment_events_apply(
                carrier=aggregator,
                events=[
                    TrackingEvent(
                        event_id=f"demo-{shipment.awb}-{code}",
                        awb=shipment.awb,
                        status=AGGREGATOR_STATUSES[code],
                        occurred_at=when,
                        location=shipment.group.order.shipping_address.line4,
                        ndr_reason=reason if code == "UNDELIVERED" else "",
                    )
                    for code, when in events
                ],
            )
            if status == "UNDELIVERED":
                return


def _demo_order(*, number: str, rng: Random, buyables: dict[int, list], featured_id: int | None, shopper, placed):
    """Place one order through checkout's own service: real GST lines, shipment groups and shipments."""
    destination = rng.choice(_destinations())
    user = shopper if rng.random() < 0.3 else None
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    partner_ids = rng.sample(sorted(buyables), k=1 if rng.random() < 0.7 else 2)
    if featured_id in buyables and featured_id not in partner_ids and rng.random() < 0.3:
        # The demo artisan login's own studio should show parcels at every stage.
        partner_ids[0] = featured_id
    for partner_id in partner_ids:
        basket.add_product(rng.choice(buyables[partner_id]), 1)
    first, last = rng.choice(_SHOPPERS)
    address = ShippingAddress(
        first_name=first,
        last_name=last,
        line1=f"{rng.randint(1, 200)} Station Road",
        line4=destination.district,
        state=destination.state.name,
        postcode=destination.code,
        country=Country.objects.get(iso_3166_1_a2="IN"),
        phone_number=f"+9198{rng.randint(10_000_000, 99_999_999)}",
    )
    quote = basket_shipping_quote(basket=basket, destination_code=destination.code)
    cod = CashOnDelivery()
    allowed = cod.eligibility(quote=quote, goods_total=basket.total_incl_tax).allowed
    gateway = cod if allowed and rng.random() < 0.6 else StripeCard()
    snapshot = checkout_snapshot(
        basket=basket,
        user=user,
        guest_email="" if user else f"{first.lower()}.{number}@example.com",
        shipping_address=address,
        quote=quote,
        gateway=gateway,
        order_number=number,
    )
    order = order_place(basket=basket, snapshot=snapshot, gateway=gateway, reference=f"demo-{number}")
    _backdate(order=order, placed=placed)
    return order


@cache
def _destinations() -> list:

    return list(Pincode.objects.filter(serviceable=True).select_related("state").order_by("code"))


def _demo_remittance(*, aggregator, now, seed: int) -> int:
    """The carrier's first remittance file: most COD parcels delivered 5+ days ago (one short), one unknown AWB.

    The rest stay outstanding, so the ageing report and the artisans' "money on the way" have something to show.
    """

    if CodRemittance.objects.filter(carrier=aggregator).exists():
        return 0
    due = list(
        Shipment.objects.filter(
            carrier=aggregator,
            status=Shipment.DELIVERED,
            group__cod_amount__gt=0,
            delivered_at__lte=now - timedelta(days=5),
            remittance_lines__isnull=True,
        )
        .select_related("group")
        .order_by("delivered_at", "pk")
    )
    paid = due[: max(0, len(due) * 4 // 5)]
    if not paid:
        return 0
    utr = f"DEMOUTR{seed:02d}{now:%Y%m%d}"
    rows = ["awb,amount,utr,remitted_on"]
    for index, shipment in enumerate(paid):
        amount = shipment.group.cod_amount - (Decimal("50.00") if index == 0 and len(paid) > 2 else Decimal("0"))
        rows.append(f"{shipment.awb},{amount},{utr},{(now - timedelta(days=2)):%Y-%m-%d}")
    rows.append(f"ODXUNKNOWN1,499.00,{utr},{(now - timedelta(days=2)):%Y-%m-%d}")
    cod_remittance_import(carrier=aggregator, data="\n".join(rows).encode(), file_name=f"demo-remittance-{seed}.csv")
    return len(rows) - 1


def _demo_payouts(*, ops) -> int:
    """One batch, already paid, for the first three artisans with money due, if the demo has none yet."""
    if PayoutBatch.objects.exists():
        return 0
    due = [partner_id for partner_id, balance in artisan_balances().items() if balance > 0][:3]
    created = payout_batch_create(partner_ids=due, user=ops)
    if created.batch is None:
        return 0
    payout_batch_mark_paid(batch=created.batch, bank_reference="DEMO-NEFT-0001", user=ops)
    return 1


def demo_fulfilment_load(*, orders: int, seed: int, progress: bool = False) -> DemoFulfilmentCounts:
    """Demo orders over the last six weeks with parcels at every stage, a COD remittance and a paid payout.

    Deterministic per (seed, order index); orders already there are kept as they are, so a re-run or
    a run after an interruption only adds what is missing.
    """
    aggregator = Carrier.objects.get(code="aggregator")
    if not AwbNumber.objects.filter(carrier=aggregator).exists():
        awb_range_import_sequence(carrier=aggregator, prefix="ODX", first=1, last=max(1000, orders * 4), width=9)
    users = get_user_model().objects
    shopper = users.filter(email=DEMO_LOGINS[2].email).first()
    ops = users.filter(email=DEMO_LOGINS[0].email).first()
    buyables = _demo_buyables()
    featured_id = Partner.objects.filter(code=DEMO_ARTISAN_PARTNER_CODE).values_list("pk", flat=True).first()
    if not buyables:
        raise ValueError("Load the demo catalogue first: `python manage.py load_demo_catalogue`.")
    now = timezone.now()
    placed_count = existing = 0
    for index in tqdm(range(orders), desc="Demo orders", unit="order", disable=not progress):
        number = f"9{seed:02d}{index:04d}"
        if Order.objects.filter(number=number).exists():
            existing += 1
            continue
        rng = Random(f"{seed}-{index}")
        # Nearly half the orders are from the last four days, so every stage of the pipeline has parcels.
        placed = now - timedelta(days=rng.uniform(0, 4) if rng.random() < 0.45 else rng.uniform(4, 42))
        order = _demo_order(
            number=number, rng=rng, buyables=buyables, featured_id=featured_id, shopper=shopper, placed=placed
        )
        for shipment in Shipment.objects.filter(group__order=order).select_related("group").order_by("pk"):
            if rng.random() < 0.9:
                _demo_progress(shipment=shipment, placed=placed, rng=rng, aggregator=aggregator, now=now)
        placed_count += 1
    remitted = _demo_remittance(aggregator=aggregator, now=now, seed=seed)
    batches = _demo_payouts(ops=ops) if ops is not None else 0
    return DemoFulfilmentCounts(placed=placed_count, existing=existing, remitted_rows=remitted, payout_batches=batches)
