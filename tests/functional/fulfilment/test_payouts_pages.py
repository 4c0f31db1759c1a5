"""Payout screens: the ops overview with charts, balances and batches, the bank file, ledgers, and the
artisan's own "money on the way" in English and Hindi."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from artisans.models import ArtisanProfile
from fulfilment.models import Payout, PayoutBatch, PayoutLedgerEntry
from fulfilment.payouts.selectors import artisan_balance
from fulfilment.payouts.services import ledger_debit_rto, payout_batch_create
from tests.factories_fulfilment import order_with_shipments
from tests.integration.fulfilment.payouts_givens import artisan, credited, delivered

D = Decimal
pytestmark = pytest.mark.django_db
OVERVIEW = "/dashboard/fulfilment/"
PAYOUTS = "/dashboard/fulfilment/payouts/"
BATCHES = "/dashboard/fulfilment/payouts/batches/"
MONEY = "/artisans/studio/money/"


def ledger_url(partner) -> str:
    return f"/dashboard/fulfilment/payouts/artisans/{partner.pk}/ledger/"


def signed_in_artisan(client, partner):
    user = get_user_model().objects.create_user(username=f"user-{partner.pk}", password="x")
    partner.users.add(user)
    client.force_login(user)
    return user


def test_ops_pages_are_for_staff_only(client, odop_reference):
    partner = artisan()
    credited(partner)
    batch = payout_batch_create(partner_ids=[partner.pk], user=None).batch
    urls = [
        OVERVIEW,
        PAYOUTS,
        BATCHES,
        f"{BATCHES}{batch.pk}/",
        f"{BATCHES}{batch.pk}/bank.csv",
        ledger_url(partner),
        f"{BATCHES}999999/",
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to sign in
    signed_in_artisan(client, partner)
    for url in urls:
        assert client.get(url).status_code == 403
    assert client.post(PAYOUTS, {"partners": [partner.pk]}).status_code == 403
    assert Payout.objects.count() == 1


def test_overview_draws_both_charts_with_tables(ops_client, odop_reference):
    partner = artisan()
    credited(partner, price=D("123456.00"))
    cod = order_with_shipments(partners=[partner], cod=True, price=D("5000.00"), shipping_charge=D("0.00"))
    delivered(cod, partner, delivered_at=timezone.now() - timedelta(days=10))
    html = ops_client.get(OVERVIEW).content.decode()
    assert html.count("<svg") == 2
    assert "Sales by district" in html and "COD outstanding by carrier and age" in html
    assert "₹1,28,456.00" in html  # sales in Moradabad: both orders, Indian grouping
    assert "Moradabad" in html and "Courier aggregator" in html
    assert html.count('class="table table-sm table-bordered chart-table"') == 2
    assert "₹1,10,522.51" in html  # owed to the artisan: 123456 − 12345.60 − 587.89 TCS


def test_overview_without_data_says_so(ops_client, odop_reference):
    html = ops_client.get(OVERVIEW).content.decode()
    assert "<svg" not in html and html.count("Nothing to show yet.") == 2


def test_payout_list_ticks_only_payable_artisans_and_creates_a_batch(ops_client, odop_reference):
    payable, no_details = artisan(name="Ansari Brass Works"), artisan(name="Bano Zari", bank=False)
    credited(payable)
    credited(no_details)
    html = ops_client.get(PAYOUTS).content.decode()
    assert f'name="partners" value="{payable.pk}"' in html and f'value="{no_details.pk}"' not in html
    assert "no payout details" in html and "₹1,118.15" in html
    # pressing the button with nobody ticked explains what to do
    assert "Tick the artisans to pay." in ops_client.post(PAYOUTS, {}).content.decode()
    assert "reload the page" in ops_client.post(PAYOUTS, {"partners": ["999999"]}).content.decode()
    assert not PayoutBatch.objects.exists()
    # a forged tick of the artisan without details is skipped with the reason
    response = ops_client.post(PAYOUTS, {"partners": [payable.pk, no_details.pk]}, follow=True)
    batch = PayoutBatch.objects.get()
    assert response.redirect_chain[-1][0] == f"{BATCHES}{batch.pk}/"
    html = response.content.decode()
    assert f"Payout batch {batch} created" in html and "Bano Zari was not paid" in html
    assert artisan_balance(partner=payable) == D("0.00") and artisan_balance(partner=no_details) == D("1118.15")


def test_list_pages_need_a_fixed_number_of_queries(ops_client, odop_reference, django_assert_max_num_queries):
    for _ in range(2):
        for partner in (artisan(), artisan(), artisan()):
            credited(partner)
        payout_batch_create(partner_ids=list(PayoutLedgerEntry.objects.values_list("partner_id", flat=True)), user=None)
        credited(artisan(bank=False))
    # six artisans paid in two batches, two without details: the same queries as for one
    with django_assert_max_num_queries(8):
        assert ops_client.get(PAYOUTS).content.decode().count('class="payout-row"') == 8
    with django_assert_max_num_queries(8):
        assert ops_client.get(BATCHES).content.decode().count("batch-row") == 2
    batch = PayoutBatch.objects.order_by("pk").first()
    with django_assert_max_num_queries(8):
        assert ops_client.get(f"{BATCHES}{batch.pk}/").content.decode().count('class="payout-row"') == 3
    paid = batch.payouts.first().partner
    credited(paid)
    with django_assert_max_num_queries(11):
        assert ops_client.get(ledger_url(paid)).content.decode().count('class="ledger-row') == 3
    with django_assert_max_num_queries(12):
        assert ops_client.get(OVERVIEW).status_code == 200


def test_bank_file_download_and_mark_paid(ops_client, odop_reference):
    formula = artisan(name="@SUM(A1:A9) Crafts")
    credited(formula)
    batch = payout_batch_create(partner_ids=[formula.pk], user=None).batch
    response = ops_client.get(f"{BATCHES}{batch.pk}/bank.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{batch}-bank.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["payee_name", "account_number", "ifsc", "upi_id", "amount", "reference"],
        ["'@SUM(A1:A9) Crafts", "123456789012", "SBIN0001234", "", "1118.15", f"ODOP-{batch}-{formula.code}"],
    ]
    detail = f"{BATCHES}{batch.pk}/"
    assert "This field is required" in ops_client.post(detail, {"bank_reference": ""}).content.decode()
    response = ops_client.post(detail, {"bank_reference": "HDFC-BULK-0042"}, follow=True)
    assert "marked paid" in response.content.decode() and "HDFC-BULK-0042" in response.content.decode()
    assert "already marked paid" in ops_client.post(detail, {"bank_reference": "AGAIN"}, follow=True).content.decode()
    assert PayoutBatch.objects.get().bank_reference == "HDFC-BULK-0042"
    assert ops_client.get(f"{BATCHES}999999/").status_code == 404
    assert ops_client.get(f"{BATCHES}999999/bank.csv").status_code == 404


def test_ledger_page_with_running_balance_and_a_recorded_return(ops_client, odop_reference):
    partner = artisan()
    first = credited(partner, price=D("100.00"))
    credited(partner, price=D("200.00"))
    html = ops_client.get(ledger_url(partner)).content.decode()
    assert "Balance: ₹268.57" in html
    assert html.index("₹268.57</td>") < html.index("₹89.52</td>")  # newest first, balance after each
    # a bad choice is refused next to the form, nothing written
    assert (
        "Choose a delivered line"
        in ops_client.post(ledger_url(partner), {"line": "999999", "note": "x"}).content.decode()
    )
    response = ops_client.post(ledger_url(partner), {"line": first.lines.get().pk, "note": "Dented"}, follow=True)
    assert "Return recorded: ₹89.52 taken back." in response.content.decode()
    assert artisan_balance(partner=partner) == D("179.05")
    assert ops_client.get("/dashboard/fulfilment/payouts/artisans/999999/ledger/").status_code == 404


def test_artisan_sees_only_their_own_money(client, odop_reference, django_assert_max_num_queries):
    mine, theirs = artisan(), artisan()
    credited(mine, price=D("100.00"))
    credited(theirs, price=D("54321.00"))
    waiting = order_with_shipments(partners=[mine], cod=True, price=D("1249.00"))
    delivered(waiting, mine, delivered_at=timezone.now().replace(year=2026, month=3, day=14, hour=12))
    assert client.get(MONEY).status_code == 302
    signed_in_artisan(client, mine)
    for _ in range(3):  # more parcels waiting for cash: the same queries
        delivered(order_with_shipments(partners=[mine], cod=True), mine)
    with django_assert_max_num_queries(22):  # 7 for the money, the rest the storefront layout's
        html = client.get(MONEY).content.decode()
    assert "Cash the courier still has" in html and f"Order {waiting.number}, delivered on 14 March 2026" in html
    assert "you will get about ₹1,118.15" in html
    assert "₹89.52" in html and "₹54,321" not in html and "48,8" not in html


def test_a_pending_artisan_cannot_see_the_money_page(client, odop_reference):
    partner = artisan()
    ArtisanProfile.objects.filter(partner=partner).update(status="pending")
    signed_in_artisan(client, partner)
    assert client.get(MONEY).status_code == 403


def test_money_page_in_hindi(client, odop_reference):
    partner = artisan()
    waiting = order_with_shipments(partners=[partner], cod=True)
    delivered(waiting, partner, delivered_at=timezone.now().replace(year=2026, month=3, day=14, hour=12))
    signed_in_artisan(client, partner)
    html = client.get(MONEY, HTTP_ACCEPT_LANGUAGE="hi").content.decode()
    assert '<html lang="hi"' in html
    assert "मेरा पैसा" in html and "कूरियर के पास अभी जो नकद है" in html
    assert "14 मार्च 2026" in html and "₹1,118.15" in html


def test_dashboard_home_shows_the_charts_above_oscars_statistics(ops_client, odop_reference):
    credited(artisan(), price=D("1249.00"))
    html = ops_client.get("/dashboard/").content.decode()
    assert html.count("<svg") == 1 and "Sales by district" in html and "COD outstanding by carrier and age" in html
    assert html.index("Sales by district") < html.index("Your Store Statistics")
    assert 'href="/dashboard/fulfilment/"' in html


def test_a_balance_paid_to_zero_shows_as_zero_with_nothing_to_tick(ops_client, odop_reference):
    # given an artisan credited ₹1,118.15, charged ₹50.03 for a return trip and paid the rest
    # (SQLite adds these up as floats to 2.27e-13, not 0)
    partner = artisan()
    credited(partner)
    ledger_debit_rto(
        shipment=order_with_shipments(partners=[partner]).shipment_groups.get().shipment, charge=D("50.03")
    )
    payout_batch_create(partner_ids=[partner.pk], user=None)
    # when ops open the payouts and the artisan's ledger
    payouts = ops_client.get(PAYOUTS).content.decode()
    ledger = ops_client.get(ledger_url(partner)).content.decode()
    # then there is nothing to tick, and the balance after the payout is ₹0.00, not "-₹0.00"
    assert f'name="partners" value="{partner.pk}"' not in payouts
    assert "-₹0.00" not in ledger and "-₹0.00" not in payouts


def test_ops_cancel_an_open_batch_and_credit_back_a_bounced_transfer_from_the_batch_page(
    ops_client, ops, odop_reference
):
    # Given two batches, each paying one artisan
    first, second = artisan(name="Ansari Brass"), artisan(name="Qureshi Pottery")
    credited(first)
    credited(second)
    open_batch = payout_batch_create(partner_ids=[first.pk], user=ops).batch
    paid_batch = payout_batch_create(partner_ids=[second.pk], user=ops).batch
    ops_client.post(f"{BATCHES}{paid_batch.pk}/", {"bank_reference": "NEFT-9"})
    detail = ops_client.get(f"{BATCHES}{open_batch.pk}/").content.decode()
    assert "Cancel the batch" in detail

    # When ops cancel without a reason, then with one
    refused = ops_client.post(f"{BATCHES}{open_batch.pk}/cancel/", {"reason": ""}, follow=True)
    assert "Say why the batch is cancelled." in refused.content.decode()
    assert artisan_balance(partner=first) == D("0.00")
    done = ops_client.post(f"{BATCHES}{open_batch.pk}/cancel/", {"reason": "Bank rejected the file"}, follow=True)

    # Then the batch says so and the money is back in the balance
    assert "the money is back in the balances" in done.content.decode()
    assert artisan_balance(partner=first) > 0

    # When a transfer of the paid batch bounces
    payout = paid_batch.payouts.get()
    page = ops_client.post(
        f"/dashboard/fulfilment/payouts/{payout.pk}/reverse/", {"reason": "Account closed"}, follow=True
    )
    assert "Reversed on" in page.content.decode() and "Account closed" in page.content.decode()
    assert artisan_balance(partner=second) == payout.amount
    # And a second try is refused with a message, not an error page
    again = ops_client.post(
        f"/dashboard/fulfilment/payouts/{payout.pk}/reverse/", {"reason": "Account closed"}, follow=True
    )
    assert again.status_code == 200 and "already reversed" in again.content.decode()
    assert ops_client.get("/dashboard/fulfilment/payouts/999999/reverse/").status_code == 405
