"""The SVG charts: one bar per district, widths in proportion, names escaped, amounts in rupees."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from fulfilment.payouts.charts import PLOT_WIDTH, Bar, BarChart, StackedBarChart, StackedRow

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))


def bar_chart(bars) -> BarChart:
    return BarChart(chart_id="sales", title="Sales by district", desc="Last 90 days", bars=bars)


def test_one_bar_per_district_in_proportion_with_rupee_labels():
    chart = bar_chart(
        [
            Bar("Moradabad", Decimal("200000.00")),
            Bar("Varanasi", Decimal("100000.00")),
            Bar("Azamgarh", Decimal("50000.00")),
        ]
    )
    root = parse(chart.svg())
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths == [PLOT_WIDTH, PLOT_WIDTH / 2, PLOT_WIDTH / 4]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts[:2] == ["Moradabad", "₹2,00,000.00"]  # Indian grouping
    assert "₹50,000.00" in texts


def test_title_and_description_make_it_accessible():
    root = parse(bar_chart([Bar("Moradabad", Decimal("10.00"))]).svg())
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert (title.text, desc.text) == ("Sales by district", "Last 90 days")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_names_are_escaped():
    svg = str(bar_chart([Bar('<script>"x"</script> & Co', Decimal("10.00"))]).svg())
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert parse(svg).find(f"{SVG}g/{SVG}text").text == '<script>"x"</script> & Co'


def test_a_chart_of_zeros_draws_empty_bars():
    widths = [
        rect.get("width") for rect in parse(bar_chart([Bar("Moradabad", Decimal("0.00"))]).svg()).iter(f"{SVG}rect")
    ]
    assert widths == ["0.0"]


def test_stacked_bars_split_each_carrier_by_age_and_total_it():
    chart = StackedBarChart(
        chart_id="cod",
        title="COD outstanding",
        desc="By age",
        series=["0–7 days", "8–15 days"],
        rows=[
            StackedRow("Aggregator", [Decimal("3000.00"), Decimal("1000.00")]),
            StackedRow("Self-ship", [Decimal("0.00"), Decimal("2000.00")]),
        ],
    )
    root = parse(chart.svg())
    bars = [
        (rect.get("x"), float(rect.get("width")))
        for rect in root.iter(f"{SVG}rect")
        if rect.find(f"{SVG}title") is not None
    ]
    # the largest carrier fills the plot; its segments are 3:1 and the second starts where the first ends
    assert [width for _x, width in bars] == [PLOT_WIDTH * 0.75, PLOT_WIDTH * 0.25, PLOT_WIDTH * 0.5]
    assert float(bars[1][0]) == float(bars[0][0]) + bars[0][1]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert ["0–7 days", "8–15 days"] == texts[:2]  # legend
    assert "₹4,000.00" in texts and "₹2,000.00" in texts
    assert chart.series_totals == [Decimal("3000.00"), Decimal("3000.00")] and chart.total == Decimal("6000.00")


def test_long_names_are_shortened_in_the_label_column_but_kept_whole_in_the_tooltip():
    name = "Sant Ravidas Nagar (Bhadohi) Carpet Cluster"
    root = parse(bar_chart([Bar(name, Decimal("10.00"))]).svg())
    label = root.find(f"{SVG}g/{SVG}text").text
    assert label.endswith("…") and len(label) == 26 and name.startswith(label[:-1])
    assert root.find(f"{SVG}g/{SVG}rect/{SVG}title").text == f"{name}: ₹10.00"
