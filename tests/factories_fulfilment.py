"""Givens for fulfilment tests: placed orders with one shipment per artisan, built without HTTP.

`order_with_shipments` builds exactly what checkout stores (lines with GST, a shipment group per
artisan, a pending Shipment), so shipment, remittance and payout rules can be tested directly.
`shipment_force` puts a shipment in a state as a *given* (tests of the pipeline itself use services).
"""

from datetime import timedelta
from decimal import Decimal
from itertools import count

from django.utils import timezone
from oscar.core.loading import get_model

from fulfilment.models import Carrier, Shipment
from order_ext.selectors import gst_line_breakup
from tests.factories import CraftProductFactory, india

Order = get_model("order", "Order")
Line = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
ShipmentGroup = get_model("order", "ShipmentGroup")

_numbers = count(500001)


def carrier(code: str = "aggregator") -> Carrier:
    """The carriers the migration seeds (restored if a test flushed them)."""
    names = {"aggregator": ("Courier aggregator", "aggregator"), "self-ship": ("Self-ship", "self-ship")}
    name, adapter = names.get(code, (code.title(), "aggregator"))
    return Carrier.objects.get_or_create(code=code, defaults={"name": name, "adapter": adapter})[0]


def order_with_shipments(
    *,
    partners: list,
    cod: bool = False,
    price: Decimal = Decimal("1249.00"),
    quantity: int = 1,
    shipping_charge: Decimal = Decimal("60.00"),
    gst_rate: Decimal = Decimal("5"),
    same_state: bool = False,
    user=None,
    placed_at=None,
) -> Order:
    """An order with one line per partner (its product at `price` incl. GST) and one Shipment each."""
    address = ShippingAddress.objects.create(
        first_name="Asha",
        last_name="Rao",
        line1="12 Marine Drive",
        line4="Mumbai",
        state="Maharashtra",
        postcode="400001",
        country=india(),
        phone_number="+919820012345",
    )
    goods = price * quantity * len(partners)
    shipping = shipping_charge * len(partners)
    order = Order.objects.create(
        number=str(next(_numbers)),
        currency="INR",
        site_id=1,
        user=user,
        guest_email="" if user else "asha@example.com",
        shipping_address=address,
        total_incl_tax=goods + shipping,
        total_excl_tax=goods + shipping,
        shipping_incl_tax=shipping,
        shipping_excl_tax=shipping,
        shipping_method="One parcel per artisan",
        shipping_code="artisan-parcels",
        status="Pending",
    )
    if placed_at is not None:
        Order.objects.filter(pk=order.pk).update(date_placed=placed_at)
    for partner in partners:
        product = CraftProductFactory(stockrecords__partner=partner, gst_rate=gst_rate)
        group = ShipmentGroup.objects.create(
            order=order,
            partner=partner,
            pickup_pincode="244001",
            zone="C",
            chargeable_weight_grams=800,
            shipping_charge=shipping_charge,
            cod_amount=price * quantity + shipping_charge if cod else Decimal("0.00"),
        )
        breakup = gst_line_breakup(
            line_total_incl=price * quantity,
            rate=gst_rate,
            supplier_state="UP",
            supply_state="UP" if same_state else "MH",
        )
        Line.objects.create(
            order=order,
            partner=partner,
            partner_name=partner.name,
            partner_sku=f"SKU-{product.pk}",
            stockrecord=product.stockrecords.get(),
            product=product,
            title=product.title,
            quantity=quantity,
            num_allocated=quantity,
            line_price_incl_tax=price * quantity,
            line_price_excl_tax=breakup.taxable_value,
            line_price_before_discounts_incl_tax=price * quantity,
            line_price_before_discounts_excl_tax=breakup.taxable_value,
            unit_price_incl_tax=price,
            unit_price_excl_tax=(breakup.taxable_value / quantity).quantize(Decimal("0.01")),
            status="Pending",
            shipment_group=group,
            hsn_code=product.hsn_code,
            gst_rate=gst_rate,
            taxable_value=breakup.taxable_value,
            cgst=breakup.cgst,
            sgst=breakup.sgst,
            igst=breakup.igst,
        )
        Shipment.objects.create(group=group, accept_by=timezone.now() + timedelta(hours=48))
    return order


def shipment_force(
    shipment: Shipment, *, status: str, awb: str = "", carrier_code: str = "aggregator", delivered_at=None
) -> Shipment:
    """Put a shipment in `status` as a test's given, with the AWB/carrier/time the constraints require."""
    fields = {"status": status}
    if status in Shipment.WITH_AWB:
        fields["carrier"] = carrier(carrier_code)
        fields["awb"] = awb or f"AWB{shipment.pk:09d}"
    if status == Shipment.DELIVERED:
        fields["delivered_at"] = delivered_at or timezone.now()
    Shipment.objects.filter(pk=shipment.pk).update(**fields)
    shipment.refresh_from_db()
    return shipment
