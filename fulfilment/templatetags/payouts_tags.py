"""`{% payouts_charts as charts %}`: the fulfilment charts for Oscar's dashboard home page."""

from django import template

from fulfilment.payouts import charts

register = template.Library()


@register.simple_tag
def payouts_charts() -> dict:
    return {"sales": charts.sales_by_district(), "cod": charts.cod_outstanding_by_carrier()}
