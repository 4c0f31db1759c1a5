"""URL patterns of this area, composed by fulfilment.ops_urls / studio_urls / public_urls."""

from django.urls import path

from fulfilment.payouts import views

ops_patterns: list = [
    path("", views.OverviewView.as_view(), name="overview"),
    path("payouts/", views.PayoutListView.as_view(), name="payout-list"),
    path("payouts/batches/", views.PayoutBatchListView.as_view(), name="payout-batch-list"),
    path("payouts/batches/<int:batch_pk>/", views.PayoutBatchDetailView.as_view(), name="payout-batch-detail"),
    path("payouts/batches/<int:batch_pk>/cancel/", views.PayoutBatchCancelView.as_view(), name="payout-batch-cancel"),
    path("payouts/<int:payout_pk>/reverse/", views.PayoutReverseView.as_view(), name="payout-reverse"),
    path("payouts/batches/<int:batch_pk>/bank.csv", views.PayoutBatchCsvView.as_view(), name="payout-batch-csv"),
    path("payouts/artisans/<int:partner_pk>/ledger/", views.PayoutLedgerView.as_view(), name="payout-ledger"),
]
studio_patterns: list = [
    path("money/", views.StudioMoneyView.as_view(), name="money"),
]
public_patterns: list = []
