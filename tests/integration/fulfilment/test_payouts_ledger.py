"""The payout ledger: credits for delivered (prepaid) and remitted (COD) lines, debits for RTO, refunds
and returns, idempotent and append-only; balances are sums of entries."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from oscar.core.loading import get_model

from fulfilment.models import CodRemittanceLine, PayoutLedgerEntry, Shipment
from fulfilment.payouts.amounts import sale_split
from fulfilment.payouts.selectors import artisan_balance, artisan_balances
from fulfilment.payouts.services import (
    LedgerError,
    _remitted_sale_entries,
    ledger_credit_delivered,
    ledger_credit_remitted,
    ledger_debit_refund,
    ledger_debit_return,
    ledger_debit_rto,
)
from payments.gateways import StripeCard
from payments.models import PaymentAttempt
from payments.services import RefundRefused, payment_refund
from tests.factories_fulfilment import order_with_shipments, shipment_force
from tests.integration.fulfilment.payouts_givens import artisan, delivered, remittance_file, shipment_of

Basket = get_model("basket", "Basket")
Line = get_model("order", "Line")
D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def rates(settings, odop_reference):
    settings.PLATFORM_COMMISSION_PERCENT, settings.GST_TCS_PERCENT = D("10"), D("0.5")


def test_a_delivered_prepaid_parcel_credits_each_line_net_of_commission_and_tcs():
    # given a prepaid order with parcels from two artisans, one delivered
    ansari, qureshi = artisan(), artisan()
    order = order_with_shipments(partners=[ansari, qureshi], price=D("1249.00"))
    shipment = delivered(order, ansari)
    # when the delivery is credited
    assert ledger_credit_delivered(shipment=shipment) == 1
    # then the artisan is owed the line's price less 10 % commission and 0.5 % TCS on ₹1,189.52 taxable
    entry = PayoutLedgerEntry.objects.get()
    line = order.lines.get(partner=ansari)
    assert (entry.kind, entry.partner, entry.line, entry.shipment) == ("sale", ansari, line, shipment)
    assert (entry.gross, entry.commission, entry.tcs, entry.amount) == (
        D("1249.00"),
        D("124.90"),
        D("5.95"),
        D("1118.15"),
    )
    assert artisan_balance(partner=ansari) == D("1118.15") and artisan_balance(partner=qureshi) == D("0.00")
    # and a replayed delivery credits nothing twice
    assert ledger_credit_delivered(shipment=shipment) == 0
    assert PayoutLedgerEntry.objects.count() == 1


def test_quantity_and_gst_rate_follow_the_line():
    maker = artisan()
    order = order_with_shipments(partners=[maker], price=D("333.33"), quantity=3, gst_rate=D("18"))
    ledger_credit_delivered(shipment=delivered(order, maker))
    line, entry = order.lines.get(), PayoutLedgerEntry.objects.get()
    assert entry.gross == line.line_price_incl_tax == D("999.99")
    assert entry.commission == D("100.00")  # 99.999 rounds up
    assert line.taxable_value == D("847.45") and entry.tcs == D("4.24")  # 4.23725 rounds up


def test_an_undelivered_parcel_earns_nothing():
    maker = artisan()
    order = order_with_shipments(partners=[maker])
    with pytest.raises(LedgerError):
        ledger_credit_delivered(shipment=shipment_of(order, maker))
    assert not PayoutLedgerEntry.objects.exists()


def test_cod_is_credited_only_once_the_carrier_remits_the_cash():
    # given a delivered COD parcel
    maker = artisan()
    order = order_with_shipments(partners=[maker], cod=True, price=D("1249.00"))
    shipment = delivered(order, maker)
    # delivery alone credits nothing: the courier still has the cash
    assert ledger_credit_delivered(shipment=shipment) == 0
    assert artisan_balance(partner=maker) == D("0.00")
    # when a remittance file settles it (here short by ₹9: the artisan is still paid for the line)
    remittance = remittance_file((shipment, D("1300.00"), CodRemittanceLine.SHORT))
    assert ledger_credit_remitted(remittance=remittance) == 1
    entry = PayoutLedgerEntry.objects.get()
    assert entry.remittance_line == remittance.lines.get() and entry.shipment == shipment
    assert entry.amount == D("1118.15") and "UTR7788" in entry.description
    # and importing the same settlement again, or a later duplicate row, credits nothing more
    assert ledger_credit_remitted(remittance=remittance) == 0
    duplicate = remittance_file((shipment, D("1309.00"), CodRemittanceLine.DUPLICATE))
    assert ledger_credit_remitted(remittance=duplicate) == 0
    assert PayoutLedgerEntry.objects.count() == 1


def test_rows_that_settle_nothing_credit_nothing():
    maker = artisan()
    order = order_with_shipments(partners=[maker], cod=True)
    not_delivered = shipment_force(shipment_of(order, maker), status=Shipment.RTO_INITIATED)
    remittance = remittance_file((not_delivered, D("1309.00"), CodRemittanceLine.NOT_DELIVERED))
    assert ledger_credit_remitted(remittance=remittance) == 0
    assert not PayoutLedgerEntry.objects.exists()


def test_a_remittance_credits_every_settled_line_with_the_single_credit_rule():
    # given 30 COD orders of odd prices from three artisans, all remitted in one file
    makers = [artisan(), artisan(), artisan()]
    prices = [D("0.05"), D("1.01"), D("99.95"), D("1189.00"), D("12345.67"), D("333.35")]
    rows = []
    for index in range(30):
        maker = makers[index % 3]
        order = order_with_shipments(
            partners=[maker], cod=True, price=prices[index % len(prices)], gst_rate=[D("5"), D("3"), D("18")][index % 3]
        )
        rows.append((delivered(order, maker), D("1.00"), CodRemittanceLine.MATCHED))
    remittance = remittance_file(*rows)
    # when it is credited in bulk
    assert ledger_credit_remitted(remittance=remittance) == 30
    # then each entry equals what one credit of that line computes, and balances are their sums
    expected = {}
    for entry in PayoutLedgerEntry.objects.select_related("line"):
        split = sale_split(gross=entry.line.line_price_incl_tax, taxable_value=entry.line.taxable_value)
        assert (entry.gross, entry.commission, entry.tcs, entry.amount) == (
            split.gross,
            split.commission,
            split.tcs,
            split.net,
        )
        expected[entry.partner_id] = expected.get(entry.partner_id, D("0.00")) + split.net
    assert artisan_balances() == expected


def test_rto_charge_is_one_debit_per_parcel():
    maker = artisan()
    order = order_with_shipments(partners=[maker])
    shipment = shipment_force(shipment_of(order, maker), status=Shipment.RTO_INITIATED)
    entry = ledger_debit_rto(shipment=shipment, charge=D("85.00"))
    assert (entry.kind, entry.gross, entry.amount, entry.shipment) == ("rto_charge", D("-85.00"), D("-85.00"), shipment)
    assert ledger_debit_rto(shipment=shipment, charge=D("85.00")) == entry
    assert artisan_balance(partner=maker) == D("-85.00")
    assert ledger_debit_rto(shipment=shipment_of(order_with_shipments(partners=[maker]), maker), charge=D("0")) is None
    with pytest.raises(LedgerError):
        ledger_debit_rto(shipment=shipment, charge=D("-1"))
    assert PayoutLedgerEntry.objects.count() == 1


@pytest.fixture
def half_credited_order():
    """₹1,249 from Ansari (delivered, credited ₹1,118.15) and ₹1,249 from Qureshi (not delivered);
    ₹60 shipping each: the shopper paid ₹2,618."""
    ansari, qureshi = artisan(), artisan()
    order = order_with_shipments(partners=[ansari, qureshi], price=D("1249.00"))
    ledger_credit_delivered(shipment=delivered(order, ansari))
    return order, ansari, qureshi


def test_a_refund_of_a_credited_line_takes_its_whole_credit_back(half_credited_order):
    order, ansari, qureshi = half_credited_order
    entries = ledger_debit_refund(
        order=order, amount=D("1249.00"), reference="re_1", lines=[order.lines.get(partner=ansari)]
    )
    assert [(e.kind, e.gross, e.commission, e.tcs, e.amount) for e in entries] == [
        ("refund", D("-1249.00"), D("-124.90"), D("-5.95"), D("-1118.15"))
    ]
    assert artisan_balance(partner=ansari) == D("0.00")


def test_a_refund_of_a_line_never_credited_takes_nothing(half_credited_order):
    order, ansari, qureshi = half_credited_order
    assert (
        ledger_debit_refund(
            order=order, amount=D("1249.00"), reference="re_1", lines=[order.lines.get(partner=qureshi)]
        )
        == []
    )
    assert artisan_balance(partner=ansari) == D("1118.15") and artisan_balance(partner=qureshi) == D("0.00")


def test_an_order_refund_is_shared_over_what_was_paid_and_a_full_one_takes_every_credit_back(half_credited_order):
    order, ansari, qureshi = half_credited_order
    # half of the ₹2,618 paid: Ansari's line was ₹1,249 of it, so ₹624.50 of its credit goes back
    [entry] = ledger_debit_refund(order=order, amount=D("1309.00"), reference="re_1")
    assert (entry.gross, entry.commission, entry.tcs, entry.amount) == (
        D("-624.50"),
        D("-62.45"),
        D("-2.98"),
        D("-559.07"),
    )
    # the same refund reported again (a replayed event) changes nothing
    assert ledger_debit_refund(order=order, amount=D("1309.00"), reference="re_1") == []
    # the rest of the payment refunded: the rest of the credit goes, to the paisa
    ledger_debit_refund(order=order, amount=D("1309.00"), reference="re_2", refunded_before=D("1309.00"))
    assert artisan_balance(partner=ansari) == D("0.00")
    assert artisan_balance(partner=qureshi) == D("0.00")
    assert not PayoutLedgerEntry.objects.filter(partner=qureshi).exists()
    with pytest.raises(LedgerError):
        ledger_debit_refund(order=order, amount=D("0"), reference="re_3")


def test_stripe_refund_from_the_dashboard_debits_the_artisan(half_credited_order, monkeypatch):
    # given the order was paid by card
    order, ansari, qureshi = half_credited_order
    PaymentAttempt.objects.create(
        gateway="stripe",
        basket=Basket.objects.create(),
        fingerprint="f",
        amount=order.total_incl_tax,
        reference="pi_1",
        status=PaymentAttempt.STATUS_SUCCEEDED,
        order_number=order.number,
        snapshot={},
    )
    monkeypatch.setattr(StripeCard, "refund", lambda self, **kwargs: "re_77")
    # when ops refund Ansari's line
    payment_refund(order=order, amount=D("1249.00"), lines=[order.lines.get(partner=ansari)])
    # then Ansari's credit is taken back, referenced by Stripe's refund id
    entry = PayoutLedgerEntry.objects.get(kind="refund")
    assert entry.amount == D("-1118.15") and entry.description == f"{order.number} · re_77"
    assert artisan_balance(partner=ansari) == D("0.00")


def test_a_line_refunded_once_is_not_refunded_again(half_credited_order, monkeypatch, client, django_user_model):
    # given Ansari's line of a card-paid order was refunded from the dashboard
    order, ansari, qureshi = half_credited_order
    PaymentAttempt.objects.create(
        gateway="stripe",
        basket=Basket.objects.create(),
        fingerprint="f",
        amount=order.total_incl_tax,
        reference="pi_1",
        status=PaymentAttempt.STATUS_SUCCEEDED,
        order_number=order.number,
        snapshot={},
    )
    refunds = []
    monkeypatch.setattr(StripeCard, "refund", lambda self, **kwargs: refunds.append(kwargs) or f"re_{len(refunds)}")
    line = order.lines.get(partner=ansari)
    payment_refund(order=order, amount=D("1249.00"), lines=[line])
    # when ops refund the same line again, by the service or on the refund page
    with pytest.raises(RefundRefused, match="already refunded"):
        payment_refund(order=order, amount=D("1249.00"), lines=[line])
    client.force_login(django_user_model.objects.create_user(username="ops", password="x", is_staff=True))
    url = f"/dashboard/payments/orders/{order.number}/refund/"
    page = client.get(url).content.decode()
    response = client.post(url, {"scope": "lines", "lines": [line.pk]})
    # then Stripe is asked once, the shopper is paid back once, and the page no longer offers the line
    assert len(refunds) == 1 and PaymentAttempt.objects.get().amount_refunded == D("1249.00")
    assert f'value="{line.pk}"' not in page and f'value="{order.lines.get(partner=qureshi).pk}"' in page
    assert response.status_code == 200 and "valid choice" in response.content.decode()


def test_a_return_takes_the_credit_back_once(half_credited_order, django_user_model):
    order, ansari, qureshi = half_credited_order
    ops = django_user_model.objects.create_user(username="ops", password="x", is_staff=True)
    line = order.lines.get(partner=ansari)
    with pytest.raises(LedgerError):
        ledger_debit_return(line=line, user=ops, note="  ")
    entry = ledger_debit_return(line=line, user=ops, note="Cracked in transit")
    assert (entry.kind, entry.amount, entry.description) == ("return", D("-1118.15"), "Cracked in transit — ops")
    assert artisan_balance(partner=ansari) == D("0.00")
    # a second return, or a refund of the returned line, takes nothing more
    with pytest.raises(LedgerError, match="already been taken back"):
        ledger_debit_return(line=line, user=ops, note="again")
    assert ledger_debit_refund(order=order, amount=D("1249.00"), reference="re_1", lines=[line]) == []
    # a line not delivered (so never credited) cannot be returned
    with pytest.raises(LedgerError, match="delivered"):
        ledger_debit_return(line=order.lines.get(partner=qureshi), user=ops, note="Refused")


def test_a_line_refunded_in_parts_down_to_nothing_has_nothing_left_to_take(half_credited_order, django_user_model):
    # given Ansari's ₹1,249 line refunded in three parts (SQLite adds them up as floats to 1.1e-13, not 0)
    order, ansari, qureshi = half_credited_order
    line = order.lines.get(partner=ansari)
    for number, amount in enumerate(["416.33", "416.33", "416.34"]):
        ledger_debit_refund(order=order, amount=D(amount), reference=f"re_{number}", lines=[line])
    assert artisan_balance(partner=ansari) == D("0.00")
    # when ops record a return or another refund of it, nothing is taken and no ₹0.00 entry is written
    with pytest.raises(LedgerError, match="already been taken back"):
        ledger_debit_return(line=line, user=django_user_model(username="ops"), note="Came back")
    assert ledger_debit_refund(order=order, amount=D("100.00"), reference="re_9", lines=[line]) == []
    assert PayoutLedgerEntry.objects.filter(partner=ansari).count() == 4


def test_a_delivered_cod_line_not_yet_remitted_cannot_be_returned(django_user_model):
    maker = artisan()
    order = order_with_shipments(partners=[maker], cod=True)
    delivered(order, maker)
    with pytest.raises(LedgerError, match="not been credited"):
        ledger_debit_return(line=order.lines.get(), user=django_user_model(username="ops"), note="Came back")


def test_entries_are_append_only(half_credited_order):
    entry = PayoutLedgerEntry.objects.get()
    entry.amount = D("1.00")
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()
    # and the database itself refuses a net that does not add up or a second sale of a line
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutLedgerEntry.objects.create(partner=entry.partner, kind="adjustment", gross=D("1.00"), amount=D("2.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        PayoutLedgerEntry.objects.create(
            partner=entry.partner, kind="sale", line=entry.line, gross=D("1.00"), amount=D("1.00")
        )
    assert PayoutLedgerEntry.objects.get().amount == D("1118.15")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the INSERT … SELECT credit runs on PostgreSQL only")
def test_the_sql_credit_rounds_exactly_like_the_python_rule():
    # given remitted COD lines whose commission or TCS falls on half a paisa (0 % GST: taxable = price)
    maker = artisan()
    rows = []
    for price in (D("0.05"), D("1.05"), D("100.05"), D("189.00"), D("1.00"), D("12345.65"), D("99999.95")):
        order = order_with_shipments(partners=[maker], cod=True, price=price, gst_rate=D("0"))
        rows.append((delivered(order, maker), price, CodRemittanceLine.MATCHED))
    rows.append(
        (
            delivered(order_with_shipments(partners=[maker], cod=True, price=D("1249.00")), maker),
            D("1309.00"),
            CodRemittanceLine.EXCESS,
        )
    )
    remittance = remittance_file(*rows)
    expected = {
        entry.line_id: (
            entry.partner_id,
            entry.shipment_id,
            entry.remittance_line_id,
            entry.gross,
            entry.commission,
            entry.tcs,
            entry.amount,
            entry.description,
        )
        for entry in _remitted_sale_entries(remittance=remittance)
    }
    assert expected[Line.objects.get(line_price_incl_tax=D("189.00")).pk][5] == D("0.95")  # 0.945 up, not to even
    # when the database computes them
    assert ledger_credit_remitted(remittance=remittance) == 8
    # then every entry is the one the Python rule makes
    stored = {
        entry.line_id: (
            entry.partner_id,
            entry.shipment_id,
            entry.remittance_line_id,
            entry.gross,
            entry.commission,
            entry.tcs,
            entry.amount,
            entry.description,
        )
        for entry in PayoutLedgerEntry.objects.all()
    }
    assert stored == expected
    assert ledger_credit_remitted(remittance=remittance) == 0


def _refund_paid(order, *, amount, reference, lines=None, refunded_before=None):
    """What payments records for a Stripe refund: the ledger debit, then the order's "Refunded" event."""
    from oscar.core.loading import get_model

    ledger_debit_refund(
        order=order,
        amount=amount,
        reference=reference,
        lines=lines,
        refunded_before=D("0") if refunded_before is None else refunded_before,
    )
    event_type, _ = get_model("order", "PaymentEventType").objects.get_or_create(name="Refunded")
    event = order.payment_events.create(event_type=event_type, amount=amount, reference=reference)
    for line in lines or []:
        event.line_quantities.create(line=line, quantity=line.quantity)


def test_an_order_refund_paid_before_a_parcel_arrives_takes_its_share_when_that_parcel_is_credited(half_credited_order):
    order, ansari, qureshi = half_credited_order
    # Given half the payment refunded while Qureshi's parcel was still on its way
    _refund_paid(order, amount=D("1309.00"), reference="re_1")
    assert artisan_balance(partner=qureshi) == D("0.00")
    # When it is delivered
    ledger_credit_delivered(shipment=delivered(order, qureshi))
    # Then Qureshi gives back the same share Ansari gave, and Ansari is not debited again
    assert artisan_balance(partner=qureshi) == artisan_balance(partner=ansari) == D("1118.15") - D("559.07")
    # And crediting again changes nothing
    ledger_credit_delivered(shipment=delivered(order, qureshi))
    assert artisan_balance(partner=qureshi) == D("559.08")


def test_a_line_refunded_in_full_before_delivery_nets_to_nothing_once_delivered(half_credited_order):
    order, ansari, qureshi = half_credited_order
    _refund_paid(order, amount=D("1249.00"), reference="re_9", lines=[order.lines.get(partner=qureshi)])
    ledger_credit_delivered(shipment=delivered(order, qureshi))
    assert artisan_balance(partner=qureshi) == D("0.00")
    assert artisan_balance(partner=ansari) == D("1118.15")
