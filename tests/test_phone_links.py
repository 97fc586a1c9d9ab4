"""Tap-to-call (home/phone_links.py): what becomes a ``tel:`` link, what never does, and that
hostile text and markup come out escaped exactly as they went in."""

import html
import re

import pytest
from django.template import Context, Template
from django.utils.safestring import SafeData, mark_safe
from hypothesis import given, settings
from hypothesis import strategies as st
from wagtail.rich_text import RichText

from home.phone_links import find_numbers, link_html, link_text, phone_links, tel_href

LINKED = [
    ("Call 601-555-0100.", "601-555-0100", "tel:+16015550100"),
    ("(601) 555-0100", "(601) 555-0100", "tel:+16015550100"),
    ("(601)555-0100", "(601)555-0100", "tel:+16015550100"),
    ("601.555.0100", "601.555.0100", "tel:+16015550100"),
    ("601 555 0100", "601 555 0100", "tel:+16015550100"),
    ("+1 601 555 0100", "+1 601 555 0100", "tel:+16015550100"),
    ("+1-601-555-0100", "+1-601-555-0100", "tel:+16015550100"),
    ("1-800-555-0100", "1-800-555-0100", "tel:+18005550100"),
    ("601-555-0100 ext. 12", "601-555-0100 ext. 12", "tel:+16015550100;ext=12"),
    ("601-555-0100, extension 4", "601-555-0100, extension 4", "tel:+16015550100;ext=4"),
    ("601-555-0100 x7", "601-555-0100 x7", "tel:+16015550100;ext=7"),
    ("In an emergency, call 911.", "911", "tel:911"),
    ("Dial 311 for city services", "311", "tel:311"),
    ("Lines open (601-555-0100)", "601-555-0100", "tel:+16015550100"),
]

NOT_LINKED = [
    "the 911 dispatch center",  # an N11 number only after "call" or "dial"
    "Route 311",
    "2026-12-02",  # a date
    "12/02/2026",
    "2026-555-0100",  # four digits before: a reference
    "PW-601-555-0100",  # a reference number with a prefix
    "601-555-0100-2",  # goes on
    "601-555-01002",
    "6015550100",  # bare digits: an account or reference number as likely as a phone
    "555-0100",  # no area code
    "text JXNWATER to 555-0100",
    "39201-1234",  # ZIP+4
    "https://example.gov/601-555-0100",  # inside a URL
    "example.gov/?ref=601-555-0100",
    "601-555-0100@example.gov",  # an email address
    "SSN 601-55-0100",
    "1,100 miles",
    "call 9110",
    "123-555-0100",  # no area code starts with 1
    "601-155-0100",  # nor an exchange
]


@pytest.mark.parametrize("text, number, href", LINKED)
def test_numbers_become_tel_links(text, number, href):
    result = link_text(text)
    assert f'<a class="tel" href="{href}">{html.escape(number)}</a>' in result
    assert isinstance(result, SafeData)


@pytest.mark.parametrize("text", NOT_LINKED)
def test_look_alikes_are_left_alone(text):
    assert find_numbers(text) == []
    assert link_text(text) == html.escape(text)


def test_tel_href_keeps_what_the_templates_relied_on_and_splits_extensions():
    assert tel_href("(601) 555-0100") == "tel:+16015550100"
    assert tel_href("601.555.0100") == "tel:+16015550100"
    assert tel_href("1-601-555-0100") == "tel:+16015550100"
    assert tel_href("+44 20 7946 0958") == "tel:+442079460958"
    assert tel_href("311") == "tel:311"
    assert tel_href("601-555-0100 ext. 12") == "tel:+16015550100;ext=12"
    assert tel_href("601-555-0100 x 3") == "tel:+16015550100;ext=3"
    assert tel_href("+1 (601) 555+0100") == "tel:+16015550100"
    assert tel_href("") == tel_href(None) == tel_href("+") == tel_href("call us") == ""


def test_html_links_only_text_outside_links_code_and_attributes():
    source = mark_safe(
        '<p>Call <a href="tel:+16015550100">601-555-0100</a> or <b>601-555-0101</b>.</p>'
        '<p title="601-555-0102"><code>601-555-0103</code> <img alt="601-555-0104" src="/x.png"></p>'
        '<p><a href="https://example.gov/601-555-0105">the page</a><!-- 601-555-0106 --></p>'
        "<pre>601-555-0107</pre><p>&lt;b&gt; 601-555-0108 &amp; more</p>"
    )
    result = link_html(source)
    assert isinstance(result, SafeData)
    assert result.count('class="tel"') == 2
    assert '<b><a class="tel" href="tel:+16015550101">601-555-0101</a></b>' in result
    assert '&lt;b&gt; <a class="tel" href="tel:+16015550108">601-555-0108</a> &amp; more' in result
    for untouched in ("0102", "0103", "0104", "0105", "0106", "0107"):
        assert f"tel:+1601555{untouched}" not in result
    assert result.count('href="tel:+16015550100"') == 1  # the editor's own link, not wrapped again


def test_html_without_numbers_is_returned_as_it_came():
    source = mark_safe("<p>Open <em>8 a.m.</em> to 5 p.m., 1,100 miles, 2026-12-02.</p>")
    assert link_html(source) is source
    attribute_only = mark_safe('<a href="tel:+16015550100">Call us</a>')
    assert link_html(attribute_only) is attribute_only


HOSTILE_TEXT = [
    "<script>alert('601-555-0100')</script> 601-555-0100",
    '"><img src=x onerror=alert(1)> (601) 555-0100',
    "601-555-0100<svg onload=alert(1)>",
    "javascript:alert(1) 601-555-0100",
    "601-555-0100 ext. <b>12</b>",
    "‮601-555-0100 \x00 \ud800",
    "601-555-0100 " * 2000,
]


@pytest.mark.parametrize("text", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_hostile_plain_text_stays_escaped(text):
    result = str(link_text(text))
    without_links = re.sub(r'<a class="tel" href="tel:[+\d;ext=]+">|</a>', "", result)
    assert "<" not in without_links and ">" not in without_links
    assert html.unescape(without_links) == text


@pytest.mark.parametrize("text", HOSTILE_TEXT[:5], ids=range(5))
def test_hostile_markup_inside_rich_text_is_not_unescaped(text):
    """Escaped payloads in rich text stay escaped after the rewrite; live tags are never created."""
    source = mark_safe(f"<p>{html.escape(text)}</p>")  # noqa: S308 - escaped just above
    result = str(link_html(source))
    assert "<script" not in result and "<img" not in result and "<svg" not in result and "<b>" not in result
    assert "tel:+16015550100" in result


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ()-.+x<>&\"'/@ext:call911abc\n")), max_size=80))
def test_any_text_round_trips(text):
    result = str(link_text(text))
    without_links = re.sub(r'<a class="tel" href="tel:[+\d;ext=]+">|</a>', "", result)
    assert "<" not in without_links
    assert html.unescape(without_links) == text


def test_filter_escapes_plain_text_and_keeps_safe_html():
    template = Template("{% load jackson_tags %}{{ text|phone_links }}|{{ markup|phone_links }}")
    output = template.render(Context({"text": "<i>601-555-0100</i>", "markup": mark_safe("<i>601-555-0100</i>")}))
    plain, rich = output.split("|")
    assert plain == '&lt;i&gt;<a class="tel" href="tel:+16015550100">601-555-0100</a>&lt;/i&gt;'
    assert rich == '<i><a class="tel" href="tel:+16015550100">601-555-0100</a></i>'
    assert phone_links("") == "" and phone_links(None) is None


def test_every_rich_text_rendering_links_numbers():
    """RichText values (paragraphs, callouts, steps) and the ``richtext`` filter share one template."""
    value = RichText('<p>Call (601) 555-0100 or <a href="https://example.gov">the office</a>.</p>')
    assert 'href="tel:+16015550100"' in value.__html__()
    template = Template("{% load wagtailcore_tags %}{{ intro|richtext }}")
    rendered = template.render(Context({"intro": "<p>Questions? 601.555.0100</p>"}))
    assert '<a class="tel" href="tel:+16015550100">601.555.0100</a>' in rendered


@pytest.mark.django_db
def test_pages_link_numbers_in_rich_text_callouts_intros_and_form_introductions(client, department):
    from forms.models import FormPage

    service = department["service"]
    service.intro = "Call 601-555-0140 <script>alert(1)</script>"
    service.body = [
        ("paragraph", RichText("<p>After hours: (601) 555-0141.</p>")),
        ("callout", {"tone": "warning", "heading": "Emergency? Call 911", "text": RichText("<p>601.555.0142</p>")}),
    ]
    service.save_revision().publish()
    html_out = client.get(service.url).content.decode()
    for href in ("tel:+16015550140", "tel:+16015550141", "tel:+16015550142", "tel:911"):
        assert f'href="{href}"' in html_out, href
    assert "<script>alert(1)</script>" not in html_out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_out

    form = FormPage.objects.get(pk=department["form"].pk)
    form.intro = "<p>Rather talk? Call 601-555-0143 ext. 2.</p>"
    form.save_revision().publish()
    assert 'href="tel:+16015550143;ext=2"' in client.get(form.url).content.decode()


@pytest.mark.parametrize("written", ["601-555-0120", "(601) 555-0120", "+1 601.555.0120", "1-800-555-0120", "311"])
def test_alert_hotlines_link_like_every_other_number(written):
    """An alert's hotline dials what the same number dials in page text (issue 17, point 9): one helper,
    so the banner, the alerts page and the feeds never give a number without its country code."""
    from alerts.models import AlertHotline

    hotline = AlertHotline(label="Water emergency line", phone=written).tel_href
    assert hotline == tel_href(written)
    if written != "311":  # a bare N11 number in text is linked only after "call" or "dial"
        assert [href for _start, _end, href in find_numbers(f"Call {written} now")] == [hotline]
