from artisans.richtext import story_clean


def test_simple_formatting_survives():
    html = story_clean(
        '<p>We weave <strong>silk</strong> and <em>zari</em>.</p><ul><li>Sarees</li></ul><a href="https://example.com">site</a>'
    )
    assert "<strong>silk</strong>" in html
    assert "<em>zari</em>" in html
    assert "<ul><li>Sarees</li></ul>" in html
    assert 'href="https://example.com"' in html


def test_scripts_event_handlers_styles_and_javascript_links_are_removed():
    html = story_clean(
        '<p style="color:red" onclick="steal()">Hi<script>alert(1)</script></p>'
        '<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a><iframe src="//evil"></iframe>'
    )
    for bad in ("style", "onclick", "<script", "alert(1)", "<img", "onerror", "javascript:", "<iframe"):
        assert bad not in html
    assert "<p>Hi</p>" in html


def test_plain_text_typed_on_a_phone_becomes_paragraphs_and_is_escaped():
    html = story_clean("मेरा नाम रीना है।\n\nहम <b कालीन बुनते हैं")
    assert html.count("<p>") == 2
    assert "&lt;b" in html or "<b" not in html
