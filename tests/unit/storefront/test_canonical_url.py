"""The canonical address keeps a real page number only; odd ones ("²", huge) never break the page."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("2", "http://testserver/catalogue/?page=2"),
        ("1", "http://testserver/catalogue/"),
        ("²", "http://testserver/catalogue/"),
        ("१२", "http://testserver/catalogue/"),
        ("9" * 40, "http://testserver/catalogue/"),
        ("-3", "http://testserver/catalogue/"),
    ],
)
def test_canonical_url(page, expected):
    request = RequestFactory().get("/catalogue/", {"page": page, "utm_source": "x"})
    html = Template("{% load storefront_tags %}{% canonical_url %}").render(Context({"request": request}))
    assert html == expected
