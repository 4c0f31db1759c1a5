"""Payout batches: each chosen artisan's whole balance paid once, to the details they had then; the
bank file; marking a batch paid."""

import csv
import io
import threading
from decimal import Decimal

import pytest
from django.db import connection

from artisans.models import ArtisanProfile
from fulfilment.models import Payout, PayoutBatch, PayoutLedgerEntry
from fulfilment.payouts.selectors import BANK_CSV_HEADER, artisan_balance, payout_batch_csv
from fulfilment.payouts.services import (
    LedgerError,
    ledger_debit_rto,
    payout_batch_create,
    payout_batch_mark_paid,
)
from tests.factories_fulfilment import order_with_shipments
from tests.integration.fulfilment.payouts_givens import artisan, credited

D = Decimal


@pytest.mark.django_db
def test_a_batch_pays_whole_positive_balances_and_skips_the_rest(odop_reference, ops):
    # given five artisans: two payable (bank; UPI only), one without details, one at zero, one in debt
    bank, upi = artisan(name="Ansari Brass Works"), artisan(bank=False, upi="meena.pottery@okaxis")
    no_details, nothing, in_debt = artisan(bank=False), artisan(), artisan()
    for partner in (bank, upi, no_details):
        credited(partner)
    credited(bank, price=D("500.00"))
    order = order_with_shipments(partners=[in_debt])
    ledger_debit_rto(shipment=order.shipment_groups.get().shipment, charge=D("85.00"))
    # when ops pay all five
    created = payout_batch_create(partner_ids=[p.pk for p in (bank, upi, no_details, nothing, in_debt)], user=ops)
    # then the two payable ones are in the batch with their whole balance and the details they have
    batch = created.batch
    assert batch.created_by == ops and batch.status == PayoutBatch.OPEN
    payouts = {payout.partner: payout for payout in batch.payouts.all()}
    assert set(payouts) == {bank, upi}
    assert payouts[bank].amount == D("1118.15") + D("447.62")  # 500 − 50 − 2.38 TCS on 476.19
    assert (payouts[bank].bank_account_number, payouts[bank].ifsc, payouts[bank].upi_id) == (
        "123456789012",
        "SBIN0001234",
        "",
    )
    assert (payouts[upi].bank_account_number, payouts[upi].upi_id) == ("", "meena.pottery@okaxis")
    assert payouts[bank].payee_name == "Ansari Brass Works"
    assert payouts[bank].reference == f"ODOP-PB{batch.pk:05d}-{bank.code}"
    # each payout is a ledger debit: the balances drop to zero
    assert artisan_balance(partner=bank) == artisan_balance(partner=upi) == D("0.00")
    assert PayoutLedgerEntry.objects.get(payout=payouts[bank]).amount == -payouts[bank].amount
    # and the others are reported with a reason, their balances untouched
    skipped = dict(created.skipped)
    assert set(skipped) == {no_details, nothing, in_debt}
    assert "bank account" in skipped[no_details] and skipped[nothing] == skipped[in_debt] == "nothing to pay"
    assert artisan_balance(partner=no_details) == D("1118.15") and artisan_balance(partner=in_debt) == D("-85.00")


@pytest.mark.django_db
def test_a_payout_keeps_the_details_it_was_made_with(odop_reference, ops):
    partner = artisan()
    credited(partner)
    payout = payout_batch_create(partner_ids=[partner.pk], user=ops).batch.payouts.get()
    ArtisanProfile.objects.filter(partner=partner).update(bank_account_number="999999999999", ifsc="HDFC0000001")
    payout.refresh_from_db()
    assert (payout.bank_account_number, payout.ifsc) == ("123456789012", "SBIN0001234")


@pytest.mark.django_db
def test_paying_again_finds_nothing_to_pay_and_makes_no_batch(odop_reference, ops):
    partner = artisan()
    credited(partner)
    payout_batch_create(partner_ids=[partner.pk], user=ops)
    again = payout_batch_create(partner_ids=[partner.pk], user=ops)
    assert again.batch is None and again.skipped == [(partner, "nothing to pay")]
    assert PayoutBatch.objects.count() == 1 and Payout.objects.count() == 1
    # new sales after a payout are paid in the next batch
    credited(partner, price=D("100.00"))
    assert payout_batch_create(partner_ids=[partner.pk], user=ops).batch.payouts.get().amount == D("89.52")


@pytest.mark.django_db
def test_references_fit_the_bank_field_for_long_codes(odop_reference, ops):
    long_named = [
        artisan(name="Shri Ram Janaki Brass and Bell Metal Handicraft Co-operative Society " + suffix)
        for suffix in "AB"
    ]
    for partner in long_named:
        credited(partner)
    payouts = list(payout_batch_create(partner_ids=[p.pk for p in long_named], user=ops).batch.payouts.all())
    references = [payout.reference for payout in payouts]
    assert all(len(reference) <= 40 for reference in references) and len(set(references)) == 2
    assert all(
        reference.startswith("ODOP-PB") and reference.endswith(f"-{payout.partner_id}")
        for reference, payout in zip(references, payouts, strict=True)
    )


@pytest.mark.django_db
def test_marking_paid_needs_the_bank_reference_and_happens_once(odop_reference, ops):
    partner = artisan()
    credited(partner)
    batch = payout_batch_create(partner_ids=[partner.pk], user=ops).batch
    with pytest.raises(LedgerError, match="bank's reference"):
        payout_batch_mark_paid(batch=batch, bank_reference="   ", user=ops)
    with pytest.raises(LedgerError, match="80 characters"):
        payout_batch_mark_paid(batch=batch, bank_reference="X" * 81, user=ops)
    batch = payout_batch_mark_paid(batch=batch, bank_reference=" HDFC-BULK-0042 ", user=ops)
    batch.refresh_from_db()
    assert (batch.status, batch.bank_reference) == (PayoutBatch.PAID, "HDFC-BULK-0042") and batch.paid_at
    with pytest.raises(LedgerError, match="already marked paid"):
        payout_batch_mark_paid(batch=batch, bank_reference="OTHER", user=ops)
    batch.refresh_from_db()
    assert batch.bank_reference == "HDFC-BULK-0042"


@pytest.mark.django_db
def test_bank_file_lists_each_payout_and_defuses_formulas(odop_reference, ops):
    # given a payee whose name a spreadsheet would run as a formula, and one paid by UPI
    formula = artisan(name='=HYPERLINK("http://evil.example","Ansari")')
    upi = artisan(bank=False, upi="meena@okaxis", name="Meena Pottery")
    credited(formula)
    credited(upi, price=D("12345.67"))
    batch = payout_batch_create(partner_ids=[formula.pk, upi.pk], user=ops).batch
    rows = list(csv.reader(io.StringIO(payout_batch_csv(batch=batch))))
    assert rows[0] == BANK_CSV_HEADER == ["payee_name", "account_number", "ifsc", "upi_id", "amount", "reference"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Meena Pottery"] == [
        "Meena Pottery",
        "",
        "",
        "meena@okaxis",
        "11052.31",
        f"ODOP-PB{batch.pk:05d}-{upi.code}",
    ]
    assert by_name['\'=HYPERLINK("http://evil.example","Ansari")'][1:5] == [
        "123456789012",
        "SBIN0001234",
        "",
        "1118.15",
    ]
    assert len(rows) == 3


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_ops_paying_at_once_pay_a_balance_once(odop_reference, ops):
    # given an artisan owed ₹1,118.15
    partner = artisan()
    credited(partner)
    barrier, results, errors = threading.Barrier(2), [], []

    def pay():
        try:
            barrier.wait()
            results.append(payout_batch_create(partner_ids=[partner.pk], user=ops))
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    # when two ops press "Create payout batch" at the same moment
    threads = [threading.Thread(target=pay) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then one batch pays it and the other finds nothing to pay
    assert errors == []
    assert sorted(result.batch is None for result in results) == [False, True]
    assert Payout.objects.get().amount == D("1118.15")
    assert artisan_balance(partner=partner) == D("0.00")


@pytest.mark.django_db
def test_a_balance_paid_to_zero_is_zero_to_the_paisa_and_is_not_paid_again(odop_reference, ops):
    # given an artisan credited ₹1,118.15, charged ₹50.03 for a return trip and paid the ₹1,068.12 left
    # (SQLite adds these up as floats to 2.27e-13, not 0)
    partner = artisan()
    credited(partner)
    ledger_debit_rto(
        shipment=order_with_shipments(partners=[partner]).shipment_groups.get().shipment, charge=D("50.03")
    )
    first = payout_batch_create(partner_ids=[partner.pk], user=ops).batch
    assert first.payouts.get().amount == D("1068.12")
    # then the balance is exactly nothing
    assert str(artisan_balance(partner=partner)) == "0.00"
    # and when ops tick the artisan again, nothing is paid and no batch is made
    again = payout_batch_create(partner_ids=[partner.pk], user=ops)
    assert again.batch is None and again.skipped == [(partner, "nothing to pay")]
    assert PayoutBatch.objects.count() == 1
