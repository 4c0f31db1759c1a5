"""Money that never reached the artisan's bank comes back into their balance, once."""

from decimal import Decimal

import pytest

from fulfilment.models import PayoutBatch, PayoutLedgerEntry
from fulfilment.payouts.selectors import artisan_balance, artisan_money_on_the_way, payout_figures
from fulfilment.payouts.services import (
    LedgerError,
    payout_batch_cancel,
    payout_batch_create,
    payout_batch_mark_paid,
    payout_reverse,
)
from tests.integration.fulfilment.payouts_givens import artisan, credited


@pytest.fixture
def paid_out(odop_reference, ops):
    """Two artisans whose whole balances went into one batch."""
    first, second = artisan(name="Ansari Brass"), artisan(name="Qureshi Pottery")
    credited(first)
    credited(second, price=Decimal("2499.00"))
    balances = (artisan_balance(partner=first), artisan_balance(partner=second))
    batch = payout_batch_create(partner_ids=[first.pk, second.pk], user=ops).batch
    return batch, (first, second), balances


@pytest.mark.django_db
def test_cancelling_a_batch_the_bank_never_ran_puts_every_amount_back(paid_out, ops):
    batch, (first, second), balances = paid_out
    assert artisan_balance(partner=first) == artisan_balance(partner=second) == Decimal("0.00")

    payout_batch_cancel(batch=batch, reason="Bank rejected the upload file", user=ops)

    batch.refresh_from_db()
    assert batch.status == PayoutBatch.CANCELLED
    assert (artisan_balance(partner=first), artisan_balance(partner=second)) == balances
    assert not artisan_money_on_the_way(partner=first).in_transfer
    assert payout_figures().in_transfer == Decimal("0.00")
    # and the money can be paid in a new batch
    again = payout_batch_create(partner_ids=[first.pk], user=ops).batch
    assert again.payouts.get().amount == balances[0]


@pytest.mark.django_db
def test_a_bounced_transfer_is_credited_back_once_and_no_longer_shows_as_paid(paid_out, ops):
    batch, (first, second), balances = paid_out
    payout_batch_mark_paid(batch=batch, bank_reference="NEFT-55", user=ops)
    bounced = batch.payouts.get(partner=first)

    payout_reverse(payout=bounced, reason="Account closed", user=ops)

    assert artisan_balance(partner=first) == balances[0]
    assert artisan_balance(partner=second) == Decimal("0.00")
    assert [p.pk for p in artisan_money_on_the_way(partner=first).paid] == []
    assert payout_figures().paid_last_30_days == balances[1]
    with pytest.raises(LedgerError):
        payout_reverse(payout=bounced, reason="Account closed", user=ops)
    assert PayoutLedgerEntry.objects.filter(partner=first, kind="adjustment").count() == 1


@pytest.mark.django_db
def test_only_open_batches_cancel_only_paid_transfers_bounce_and_a_reason_is_required(paid_out, ops):
    batch, (first, _second), _balances = paid_out
    with pytest.raises(LedgerError):
        payout_reverse(payout=batch.payouts.get(partner=first), reason="Account closed", user=ops)
    with pytest.raises(LedgerError):
        payout_batch_cancel(batch=batch, reason="   ", user=ops)
    payout_batch_mark_paid(batch=batch, bank_reference="NEFT-56", user=ops)
    with pytest.raises(LedgerError):
        payout_batch_cancel(batch=batch, reason="Too late", user=ops)
    assert artisan_balance(partner=first) == Decimal("0.00")
