"""schema.org JSON-LD on every page type, read the way a search engine reads it.

Each page's ``<script type="application/ld+json">`` blocks are expanded with a JSON-LD processor
(pyld), against schema.org's vocabulary served from here (no network), and the fields search
engines require for each type are checked on the expanded graph: a misspelt property or a
broken ``@context`` expands to nothing and fails here.
"""

import datetime
import json
import re

import pytest
from django.test import override_settings
from django.utils import timezone
from pyld import jsonld
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from core import structured_data
from departments.models import ContactPage, DepartmentPage, ServicePage
from events.models import EventPage
from home.models import CitySettings
from news.models import NewsPage

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]

S = "http://schema.org/"  # the vocabulary, as schema.org's own context expands it
SCHEMA = structured_data.SCHEMA  # enumeration values are written as Google's examples write them
SCRIPT_RE = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def _offline_loader(url, options=None):
    """schema.org's context as its terms mean it, without fetching it."""
    if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": S, "id": "@id", "type": "@type"}},
        }
    raise jsonld.JsonLdError(f"no network in tests: {url}", "loading document failed", code="loading document failed")


jsonld.set_document_loader(_offline_loader)


def blocks(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return [json.loads(text) for text in SCRIPT_RE.findall(html)]


def nodes(client, url):
    """Every node of every JSON-LD block, expanded: ``{type: [node, ...]}`` with schema.org IRIs."""
    found, expanded = {}, []
    for block in blocks(client, url):
        nodes_of_block = jsonld.expand(block)
        assert nodes_of_block, (url, block)
        expanded.extend(nodes_of_block)
    if expanded:
        # One flattening for the whole page, so blank nodes of different blocks never share a label.
        for node in jsonld.flatten(expanded):
            for kind in node.get("@type", []):
                found.setdefault(kind.removeprefix(S), []).append(node)
    return found


def value(node, name):
    """The first value of a property: a literal, or an id / node reference."""
    values = node.get(S + name) or []
    assert values, f"{name} missing from {node}"
    first = values[0]
    return first.get("@value", first.get("@id"))


def linked(graph, node, name):
    """The node a property points to (flattened graphs link nodes by blank-node id)."""
    target = value(node, name)
    for kinds in graph.values():
        for other in kinds:
            if other.get("@id") == target:
                return other
    raise AssertionError(f"{name} of {node} points nowhere")


def test_every_page_with_ancestors_has_a_breadcrumb_list(client, city, department):
    graph = nodes(client, department["service"].url)
    (crumbs,) = graph["BreadcrumbList"]
    items = [linked(graph, {S + "x": [ref]}, "x") for ref in crumbs[S + "itemListElement"]]
    names = [(value(item, "position"), value(item, "name")) for item in items]
    assert sorted(names) == [(1, "Home"), (2, "Departments"), (3, "Public Works"), (4, "Report a pothole")]
    urls = {value(item, "name"): value(item, "item") for item in items}
    assert urls["Report a pothole"] == "http://localhost" + department["service"].url
    assert "BreadcrumbList" not in nodes(client, city["home"].url)


def test_home_page_is_the_city_with_its_contacts_and_search(client, city):
    settings = CitySettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone, settings.email = "(601) 555-0100", "cityhall@example.gov"
    settings.street_address = "City Hall, 219 Main Street, Jackson, MS 39201"
    settings.office_hours = "Monday to Friday, 8:00 a.m. to 5:00 p.m. (closed on holidays)"
    settings.facebook_url = "https://facebook.com/cityofjackson"
    settings.save()
    graph = nodes(client, city["home"].url)
    (org,) = graph["GovernmentOrganization"]
    assert value(org, "name") == settings.city_name
    assert value(org, "url") == "http://localhost/"
    assert value(org, "telephone") == "+1-601-555-0100"
    assert value(org, "openingHours") == "Mo-Fr 08:00-17:00"
    assert value(org, "sameAs") == "https://facebook.com/cityofjackson"
    address = linked(graph, org, "address")
    assert value(address, "streetAddress") == "City Hall, 219 Main Street"
    assert (value(address, "addressLocality"), value(address, "addressRegion"), value(address, "postalCode")) == (
        "Jackson",
        "MS",
        "39201",
    )
    point = linked(graph, org, "contactPoint")
    assert value(point, "contactType") == "customer service"
    (site,) = graph["WebSite"]
    action = linked(graph, site, "potentialAction")
    target = linked(graph, action, "target")
    assert value(target, "urlTemplate") == "http://localhost/search/?q={search_term_string}"


def test_department_is_an_organization_with_contact_point(client, department):
    page = DepartmentPage.objects.get(pk=department["department"].pk)
    page.office_hours = "Monday through Friday, 7:30 a.m. – 4 p.m."
    page.street_address = "Public Works, 1450 Riverbend Drive, Jackson, MS 39204"
    page.save_revision().publish()
    graph = nodes(client, page.url)
    (org,) = [node for node in graph["GovernmentOrganization"] if value(node, "name") == "Public Works"]
    assert value(org, "telephone") == "+1-601-555-0100"
    assert value(org, "email") == "publicworks@example.gov"
    assert value(org, "openingHours") == "Mo-Fr 07:30-16:00"
    assert value(linked(graph, org, "contactPoint"), "telephone") == "+1-601-555-0100"
    assert value(linked(graph, org, "address"), "postalCode") == "39204"
    assert value(linked(graph, org, "parentOrganization"), "url") == "http://localhost/"


def test_service_is_a_government_service_provided_by_its_department(client, department):
    graph = nodes(client, department["service"].url)
    (service,) = graph["GovernmentService"]
    assert value(service, "name") == "Report a pothole"
    assert value(service, "description") == "Tell us about a pothole on a city street."
    assert value(linked(graph, service, "provider"), "name") == "Public Works"
    assert value(linked(graph, service, "areaServed"), "name")
    assert value(linked(graph, service, "availableChannel"), "serviceUrl") == "https://example.gov/report"


def test_news_article_has_what_search_engines_require(client, department, settings, tmp_path):
    graph = nodes(client, department["news"].url)
    (article,) = graph["NewsArticle"]
    assert value(article, "headline") == "Paving starts on State Street"
    assert value(article, "datePublished") == datetime.date.today().isoformat()
    assert value(article, "image").startswith("http://localhost/static/img/social-card")
    assert value(linked(graph, article, "author"), "name") == "Public Works"
    publisher = linked(graph, article, "publisher")
    assert value(publisher, "name")
    assert value(linked(graph, publisher, "logo"), "url").startswith("http://localhost/static/")

    settings.MEDIA_ROOT = str(tmp_path)
    story = NewsPage.objects.get(pk=department["news"].pk)
    story.image, story.image_alt = Image.objects.create(title="Paving", file=get_test_image_file()), "A paving crew"
    story.save_revision().publish()
    (article,) = nodes(client, story.url)["NewsArticle"]
    assert value(article, "image").startswith("http://localhost/media/images/")


def test_event_has_status_place_organizer_and_offer(client, department):
    graph = nodes(client, department["event"].url)
    (event,) = graph["Event"]
    page = EventPage.objects.get(pk=department["event"].pk)
    assert value(event, "name") == "Spring cleanup day"
    assert value(event, "startDate") == timezone.localtime(page.start).isoformat(timespec="minutes")
    assert value(event, "eventStatus") == SCHEMA + "/EventScheduled"
    assert value(event, "eventAttendanceMode") == SCHEMA + "/OfflineEventAttendanceMode"
    assert value(linked(graph, event, "location"), "name") == "City Yard"
    assert value(linked(graph, event, "organizer"), "name") == "Public Works"
    assert S + "offers" not in event

    page.canceled, page.cost, page.online_url = True, "$5 per car", "https://meet.example.gov/cleanup"
    page.venue_address = "City Yard, 100 Yard Road, Jackson, MS 39204"
    page.save_revision().publish()
    graph = nodes(client, page.url)
    (event,) = graph["Event"]
    assert value(event, "eventStatus") == SCHEMA + "/EventCancelled"
    assert value(event, "eventAttendanceMode") == SCHEMA + "/MixedEventAttendanceMode"
    assert {kind for kind in ("Place", "VirtualLocation") if kind in graph} == {"Place", "VirtualLocation"}
    offer = linked(graph, event, "offers")
    assert (value(offer, "price"), value(offer, "priceCurrency")) == ("5", "USD")


def test_faq_page_has_its_question_and_answer(client, department):
    graph = nodes(client, department["faq"].url)
    (faq,) = graph["FAQPage"]
    question = linked(graph, faq, "mainEntity")
    assert value(question, "name") == "When is trash picked up?"
    assert value(linked(graph, question, "acceptedAnswer"), "text") == "Once a week on your route day."


def test_contacts_are_people_or_offices(client, department):
    graph = nodes(client, department["contact"].url)
    (person,) = graph["Person"]
    assert value(person, "jobTitle") == "Street Superintendent"
    assert value(person, "telephone") == "+1-601-555-0142"
    assert value(linked(graph, person, "worksFor"), "name") == "Public Works"
    contact = ContactPage.objects.get(pk=department["contact"].pk)
    contact.kind, contact.office_hours = "office", "Saturdays 9 a.m. to noon"
    contact.save_revision().publish()
    (office,) = nodes(client, contact.url)["GovernmentOffice"]
    assert S + "openingHours" not in office  # "noon" is not read, so nothing is guessed


@pytest.mark.parametrize(
    "key",
    ["home", "departments", "services", "faq", "directory", "news", "events", "about"],
)
def test_index_pages_parse_too(client, city, key):
    """Listing pages carry only their breadcrumbs (the home page its organization); all of it expands."""
    for block in blocks(client, city[key].url):
        assert jsonld.expand(block)


def test_hostile_titles_cannot_leave_the_script(client, department):
    service = ServicePage.objects.get(pk=department["service"].pk)
    service.title = 'Pay </script><script>alert("x")</script> & <!-- fees'
    service.intro = "Ünïcödé ✓ — 日本語 </SCRIPT>"
    service.save_revision().publish()
    response = client.get(service.url)
    html = response.content.decode()
    assert "<script>alert" not in html
    (data,) = [block for block in blocks(client, service.url) if block.get("@type") == "GovernmentService"]
    assert data["name"] == service.title
    assert data["description"] == service.intro


def test_a_private_page_describes_nothing(client, department):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=department["faq"], restriction_type=PageViewRestriction.PASSWORD, password="sesame"
    )
    html = client.get(department["faq"].url).content.decode()
    assert "Once a week" not in html
    assert '"FAQPage"' not in html


@override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov")
def test_links_use_the_public_host(client, department):
    (service,) = [b for b in blocks(client, department["service"].url) if b.get("@type") == "GovernmentService"]
    assert service["url"].startswith("https://www.jacksonms.gov/")
    assert service["provider"]["url"].startswith("https://www.jacksonms.gov/")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Monday to Friday, 8:00 a.m. to 5:00 p.m.", "Mo-Fr 08:00-17:00"),
        ("Clerk's office: Monday to Friday, 8:00 a.m. to 4:30 p.m.", "Mo-Fr 08:00-16:30"),
        ("Saturdays, 9 a.m.-1 p.m.", "Sa 09:00-13:00"),
        ("Monday–Thursday 12 p.m. to 12 a.m.", "Mo-Th 12:00-00:00"),
        ("Updated every day by 8:00 a.m.", None),
        ("Monday to Friday, 13:00 a.m. to 5 p.m.", None),
        ("", None),
        ("<script>Monday</script>" * 1000, None),
    ],
)
def test_opening_hours_are_read_only_when_unambiguous(text, expected):
    assert structured_data.opening_hours(text) == expected


@pytest.mark.parametrize(
    "text, street, locality",
    [
        ("City Hall, 219 Magnolia Street, Jackson, MS 39201", "City Hall, 219 Magnolia Street", "Jackson"),
        ("415 Eastover Parkway, Jackson, MS 39211-1234", "415 Eastover Parkway", "Jackson"),
        ("Behind the old library", "Behind the old library", None),
    ],
)
def test_addresses_are_split_when_they_end_in_city_state_zip(text, street, locality):
    address = structured_data.postal_address(text)
    assert address["streetAddress"] == street
    assert address.get("addressLocality") == locality


@pytest.mark.parametrize(
    "cost, price", [("Free", "0"), ("$25 per permit", "25"), ("$1,250.00", "1250.00"), ("Donations welcome", None)]
)
def test_offers_read_a_price_only_where_one_is_written(cost, price):
    assert structured_data.offer(cost, "https://x.example/").get("price") == price
