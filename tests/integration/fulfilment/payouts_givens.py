"""Givens for payout tests: artisans with payout details, delivered parcels, remittance files as stored."""

from decimal import Decimal
from itertools import count

from django.utils import timezone

from fulfilment.models import CodRemittance, CodRemittanceLine, Shipment
from fulfilment.payouts.services import ledger_credit_delivered
from tests.factories import VerifiedArtisanPartnerFactory
from tests.factories_fulfilment import carrier, order_with_shipments, shipment_force

_files = count(1)


def artisan(*, bank: bool = True, upi: str = "", name: str | None = None):
    """A verified artisan (Oscar partner); with a bank account and IFSC unless bank=False."""
    fields = {"profile__bank_account_number": "123456789012", "profile__ifsc": "SBIN0001234"} if bank else {}
    if name:
        fields["name"] = name
    return VerifiedArtisanPartnerFactory(profile__upi_id=upi, **fields)


def shipment_of(order, partner) -> Shipment:
    return Shipment.objects.select_related("group").get(group__order=order, group__partner=partner)


def delivered(order, partner, *, delivered_at=None) -> Shipment:
    return shipment_force(shipment_of(order, partner), status=Shipment.DELIVERED, delivered_at=delivered_at)


def credited(partner, *, price: Decimal = Decimal("1249.00")):
    """The artisan sold one line at `price` and it was delivered (prepaid), so it is in their balance."""
    order = order_with_shipments(partners=[partner], price=price)
    ledger_credit_delivered(shipment=delivered(order, partner))
    return order


def remittance_file(*rows) -> CodRemittance:
    """A remittance as the import stores it: rows of (shipment, amount, outcome)."""
    remittance = CodRemittance.objects.create(
        carrier=carrier("aggregator"),
        file_name="remit.csv",
        content_sha256=f"{next(_files):064x}",
        row_count=len(rows),
        total_amount=sum((amount for _s, amount, _o in rows), Decimal("0.00")),
    )
    CodRemittanceLine.objects.bulk_create(
        CodRemittanceLine(
            remittance=remittance,
            line_number=number,
            awb=shipment.awb or "UNKNOWN",
            amount=amount,
            utr="UTR7788",
            remitted_on=timezone.localdate(),
            shipment=shipment,
            expected_amount=shipment.group.cod_amount,
            outcome=outcome,
        )
        for number, (shipment, amount, outcome) in enumerate(rows, start=2)
    )
    return remittance
