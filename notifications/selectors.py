"""Reads for the ops outbox page."""

from django.db.models import Count

from notifications.models import FAILED, Notification


def outbox_counts() -> dict[str, int]:
    return dict(Notification.objects.values_list("status").annotate(n=Count("id")).order_by())


def outbox_list(*, status: str = "", channel: str = "", event: str = "", q: str = ""):
    """Failures first (newest first), then everything else newest first."""
    rows = Notification.objects.all()
    if status:
        rows = rows.filter(status=status)
    if channel:
        rows = rows.filter(channel=channel)
    if event:
        rows = rows.filter(event=event)
    if q:
        rows = rows.filter(address__icontains=q)
    from django.db.models import Case, IntegerField, Value, When

    return rows.annotate(
        failed_first=Case(When(status=FAILED, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("failed_first", "-created_at", "-id")
