"""Ops charts drawn on the server as SVG: no JavaScript, nothing fetched from elsewhere.

Each chart carries a <title> and <desc> for screen readers, writes every amount next to its bar in
rupees with Indian grouping, and hands the template its rows for the data table shown under it.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from fulfilment.payouts.amounts import ZERO
from fulfilment.remittance.selectors import cod_outstanding

Line = get_model("order", "Line")
SALES_DAYS = 90
TOP_DISTRICTS = 12
CANCELLED = "Cancelled"
WIDTH = 760
LABEL_WIDTH = 190
VALUE_WIDTH = 150
PLOT_WIDTH = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 20
ROW_HEIGHT = 28
BAR_HEIGHT = 18
LEGEND_HEIGHT = 30
BAR_COLOUR = "#2b6cb0"
# Youngest to oldest; distinguishable with the common colour-vision deficiencies.
SERIES_COLOURS = ["#4e9a6f", "#e0a526", "#d9622b", "#a3243b", "#5b5b8f", "#7a7a7a"]


LABEL_CHARS = 26


def _short(label: str) -> str:
    """Fit the label column; the full name stays in the bar's tooltip and the table."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _width(value: Decimal, largest: Decimal) -> str:
    width = Decimal(PLOT_WIDTH) * value / largest if largest > 0 else ZERO
    return f"{width.quantize(Decimal('0.1')):f}"


def _svg(*, chart_id: str, title: str, desc: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="ops-chart" role="img" width="100%" viewBox="0 0 {} {}" '
        'aria-labelledby="{}-title {}-desc" font-family="sans-serif" font-size="13">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        desc,
        body,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    amount: Decimal


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    desc: str
    bars: list[Bar]

    @property
    def total(self) -> Decimal:
        return sum((bar.amount for bar in self.bars), ZERO)

    def svg(self) -> SafeString:
        largest = max((bar.amount for bar in self.bars), default=ZERO)
        rows = []
        for index, bar in enumerate(self.bars):
            y = index * ROW_HEIGHT + 5
            width = _width(bar.amount, largest)
            rows.append(
                format_html(
                    '<g><text x="{}" y="{}" text-anchor="end">{}</text>'
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {}</title></rect>'
                    '<text x="{}" y="{}">{}</text></g>',
                    LABEL_WIDTH - 8,
                    y + 14,
                    _short(bar.label),
                    LABEL_WIDTH,
                    y,
                    width,
                    BAR_HEIGHT,
                    BAR_COLOUR,
                    bar.label,
                    currency(bar.amount),
                    f"{Decimal(LABEL_WIDTH) + Decimal(width) + 6:f}",
                    y + 14,
                    currency(bar.amount),
                )
            )
        height = max(len(self.bars), 1) * ROW_HEIGHT + 10
        return _svg(
            chart_id=self.chart_id, title=self.title, desc=self.desc, height=height, body=mark_safe("".join(rows))
        )


@dataclass(frozen=True)
class StackedRow:
    label: str
    amounts: list[Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)


@dataclass(frozen=True)
class StackedBarChart:
    chart_id: str
    title: str
    desc: str
    series: list[str]
    rows: list[StackedRow]

    @property
    def series_totals(self) -> list[Decimal]:
        return [sum((row.amounts[index] for row in self.rows), ZERO) for index in range(len(self.series))]

    @property
    def total(self) -> Decimal:
        return sum((row.total for row in self.rows), ZERO)

    def _legend(self) -> SafeString:
        step = (WIDTH - LABEL_WIDTH) // max(len(self.series), 1)
        return format_html_join(
            "",
            '<g><rect x="{}" y="4" width="14" height="14" fill="{}"/><text x="{}" y="16">{}</text></g>',
            (
                (
                    LABEL_WIDTH + index * step,
                    SERIES_COLOURS[index % len(SERIES_COLOURS)],
                    LABEL_WIDTH + index * step + 20,
                    name,
                )
                for index, name in enumerate(self.series)
            ),
        )

    def svg(self) -> SafeString:
        largest = max((row.total for row in self.rows), default=ZERO)
        parts = [self._legend()]
        for index, row in enumerate(self.rows):
            y = LEGEND_HEIGHT + index * ROW_HEIGHT + 5
            parts.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="end">{}</text>', LABEL_WIDTH - 8, y + 14, _short(row.label)
                )
            )
            x = Decimal(LABEL_WIDTH)
            for series_index, amount in enumerate(row.amounts):
                if amount <= 0:
                    continue
                width = _width(amount, largest)
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}, {}: {}</title></rect>',
                        f"{x:f}",
                        y,
                        width,
                        BAR_HEIGHT,
                        SERIES_COLOURS[series_index % len(SERIES_COLOURS)],
                        row.label,
                        self.series[series_index],
                        currency(amount),
                    )
                )
                x += Decimal(width)
            parts.append(format_html('<text x="{}" y="{}">{}</text>', f"{x + 6:f}", y + 14, currency(row.total)))
        height = LEGEND_HEIGHT + max(len(self.rows), 1) * ROW_HEIGHT + 10
        return _svg(
            chart_id=self.chart_id, title=self.title, desc=self.desc, height=height, body=mark_safe("".join(parts))
        )


def sales_by_district(*, now=None) -> BarChart:
    """GST-inclusive line totals of orders placed in the last 90 days (cancelled orders left out), by
    the product's district: the 12 largest, then the rest together."""
    now = now or timezone.now()
    hindi = (get_language() or "").startswith("hi")
    rows = (
        Line.objects.filter(order__date_placed__gte=now - timedelta(days=SALES_DAYS))
        .exclude(order__status=CANCELLED)
        .values("product__district__name", "product__district__name_hi")
        .annotate(total=Sum("line_price_incl_tax"))
        .order_by("-total", "product__district__name")
    )
    bars = [
        Bar(label=(hindi and name_hi) or name or _("No district"), amount=total)
        for name, name_hi, total in rows.values_list("product__district__name", "product__district__name_hi", "total")
    ]
    if len(bars) > TOP_DISTRICTS + 1:
        bars = [
            *bars[:TOP_DISTRICTS],
            Bar(label=_("Other districts"), amount=sum((bar.amount for bar in bars[TOP_DISTRICTS:]), ZERO)),
        ]
    return BarChart(
        chart_id="sales-by-district",
        title=_("Sales by district"),
        desc=_(
            "Value of goods ordered in the last %(days)s days, GST included, by the district the product comes from."
        )
        % {"days": SALES_DAYS},
        bars=bars,
    )


def cod_outstanding_by_carrier(*, now=None) -> StackedBarChart:
    """Unremitted COD cash per carrier, split by days since delivery (fulfilment.remittance.selectors.cod_outstanding)."""
    outstanding = cod_outstanding(now=now)
    return StackedBarChart(
        chart_id="cod-outstanding",
        title=_("COD outstanding by carrier and age"),
        desc=_(
            "Cash collected on delivery that carriers have not remitted yet, by days since delivery; older than %(days)s days is overdue."
        )
        % {"days": outstanding.overdue_days},
        series=[bucket.label for bucket in outstanding.buckets],
        rows=[
            StackedRow(label=carrier.name, amounts=[bucket.amount for bucket in carrier.buckets])
            for carrier in outstanding.carriers
        ],
    )
