from django import template

from shop.l10n import date_indian, date_weekday_indian, number_indian

register = template.Library()


@register.filter
def indian_date(value):
    """{{ date|indian_date }} → "3 दिसंबर 2026" in Hindi, "3 December 2026" in English (CLDR via Babel)."""
    return date_indian(value)


@register.filter
def indian_day(value):
    """{{ date|indian_day }} → "3 दिसंबर" (no year)."""
    return date_indian(value, year=False)


@register.filter
def indian_weekday(value):
    """{{ date|indian_weekday }} → "गुरुवार, 10 दिसंबर" / "Thursday, 10 December" (a promised date)."""
    return date_weekday_indian(value)


@register.filter
def indian_number(value):
    return number_indian(value)


@register.filter
def category_label(category):
    """A category's name in the visitor's language: categories mirror crafts, which are named in Hindi too."""
    from django.utils.translation import get_language

    from catalogue_ext.selectors import craft_names_hi

    if (get_language() or "").startswith("hi"):
        return craft_names_hi().get(category.slug, category.name)
    return category.name
