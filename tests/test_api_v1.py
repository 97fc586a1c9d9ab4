"""The v1 API's contract: one test per endpoint, on the shared small city (tests/conftest.py)."""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]

API = "/api/v1"


def get(client, url, status=200, **params):
    response = client.get(f"{API}{url}", params)
    assert response.status_code == status, (url, params, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_schema_is_served_at_both_addresses(client):
    schema = get(client, "/openapi.json")
    assert schema["openapi"].startswith("3.")
    assert f"{API}/pages/{{page_id}}/" in schema["paths"]
    alias = client.get("/api/openapi.json")
    assert alias.status_code == 200 and alias.json()["paths"] == schema["paths"]


def test_docs_page_loads_its_assets_from_our_static_files(client):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower() and "https://" not in html


def test_pages_list_filters_by_type_department_and_topic(client, department):
    data = get(client, "/pages/", type="service")
    assert [item["title"] for item in data["items"]] == ["Report a pothole"]
    assert data["items"][0]["department"]["slug"] == "public-works"
    data = get(client, "/pages/", department="public-works", limit=100)
    assert {item["type"] for item in data["items"]} >= {"department", "service", "faq", "contact", "news", "event"}
    assert get(client, "/pages/", department="no-such-department")["count"] == 0
    assert get(client, "/pages/", topic="no-such-topic")["count"] == 0


def test_pages_list_paginates(client, department):
    first = get(client, "/pages/", limit=2)
    second = get(client, "/pages/", limit=2, offset=2)
    assert first["count"] == second["count"] > 4
    assert len(first["items"]) == 2 and first["items"] != second["items"]
    assert get(client, "/pages/", offset=10_000)["items"] == []


def test_page_detail_has_each_types_own_fields(client, department):
    service = get(client, f"/pages/{department['service'].pk}/")
    assert service["type"] == "service"
    assert service["action"] == {"type": "report", "label": "Report", "url": "https://example.gov/report"}
    assert service["url"] == "/departments/public-works/report-a-pothole/"
    faq = get(client, f"/pages/{department['faq'].pk}/")
    assert faq["question"] == "When is trash picked up?" and "Once a week" in faq["answer_html"]
    event = get(client, f"/pages/{department['event'].pk}/")
    assert event["venue_name"] == "City Yard" and event["start"] < event["end"]
    dept = get(client, f"/pages/{department['department'].pk}/")
    assert dept["phone"] == "601-555-0100"
    assert [s["title"] for s in dept["services"]] == ["Report a pothole"]
    assert "feedback_emails" not in dept and "form_notification_emails" not in dept
    contact = get(client, f"/pages/{department['contact'].pk}/")
    assert contact["role"] == "Street Superintendent"
    news = get(client, f"/pages/{department['news'].pk}/")
    assert news["summary"] == "Crews begin resurfacing next week." and news["image"] is None


def test_form_page_lists_its_fields(client, department):
    from forms.models import FormField

    form = department["form"]
    FormField.objects.create(page=form, label="Your street", field_type="singleline", required=True)
    FormField.objects.create(page=form, label="Kind", field_type="dropdown", choices="Pothole\nSign", required=False)
    data = get(client, f"/pages/{form.pk}/")
    assert data["type"] == "form"
    assert [(f["label"], f["type"], f["required"]) for f in data["fields"]] == [
        ("Your street", "singleline", True),
        ("Kind", "dropdown", False),
    ]
    assert data["fields"][1]["choices"] == ["Pothole", "Sign"]
    assert "to_address" not in data and "from_address" not in data


def test_body_comes_as_blocks_and_as_html(client, city):
    about = city["about"]
    about.body = [("heading", {"text": "Our history", "level": "h2"}), ("paragraph", "<p>Founded <b>1821</b>.</p>")]
    about.save_revision().publish()
    data = get(client, f"/pages/{about.pk}/")
    assert [block["type"] for block in data["body"]] == ["heading", "paragraph"]
    assert data["body"][0]["value"] == {"text": "Our history", "level": "h2"}
    assert "Our history" in data["body_html"] and "<b>1821</b>" in data["body_html"]


def test_index_pages_have_their_intro(client, city):
    data = get(client, f"/pages/{city['faq'].pk}/")
    assert data["type"] == "faq-index" and data["menu_title"] == "FAQ"


def test_find_by_site_path(client, department):
    data = get(client, "/pages/find/", path="/departments/public-works/")
    assert data["id"] == department["department"].pk
    assert get(client, "/pages/find/", path="/departments/public-works")["id"] == department["department"].pk
    assert get(client, "/pages/find/", path="/")["type"] == "home"
    assert get(client, "/pages/find/", 404, path="/nowhere/")["error"]


def test_children_and_ancestors(client, department):
    dept = department["department"]
    children = get(client, f"/pages/{dept.pk}/children/", limit=100)
    assert {item["title"] for item in children["items"]} >= {"Report a pothole", "Dana Whitfield"}
    ancestors = get(client, f"/pages/{department['service'].pk}/ancestors/")
    assert [a["title"] for a in ancestors] == ["City of Jackson", "Departments", "Public Works"]


def test_departments(client, department):
    data = get(client, "/departments/")
    assert [d["slug"] for d in data["items"]] == ["public-works"]
    assert data["items"][0]["email"] == "publicworks@example.gov"
    detail = get(client, "/departments/public-works/")
    assert [c["title"] for c in detail["contacts"]] == ["Dana Whitfield"]
    get(client, "/departments/nothing-here/", 404)


def test_services_catalogue(client, department):
    data = get(client, "/services/")
    assert data["items"][0]["action"]["type"] == "report"
    assert get(client, "/services/", action="pay")["count"] == 0
    assert get(client, "/services/", department="public-works")["count"] == 1


def test_news_date_range(client, department):
    import datetime

    today = datetime.date.today()
    assert get(client, "/news/")["count"] == 1
    assert get(client, "/news/", **{"from": today.isoformat()})["count"] == 1
    assert get(client, "/news/", **{"to": (today - datetime.timedelta(days=1)).isoformat()})["count"] == 0
    assert get(client, "/news/", department="public-works", topic="paving")["count"] == 0


def test_events_dates_department_and_topic(client, department):
    import datetime

    today = datetime.date.today()
    assert [e["title"] for e in get(client, "/events/")["items"]] == ["Spring cleanup day"]
    assert get(client, "/events/", **{"to": today.isoformat()})["count"] == 0
    assert get(client, "/events/", **{"from": (today + datetime.timedelta(days=30)).isoformat()})["count"] == 0
    assert get(client, "/events/", department="public-works")["count"] == 1
    assert get(client, "/events/", **{"from": "2026-05-02", "to": "2026-05-01"})["count"] == 0


def test_faqs_and_directory(client, department):
    assert get(client, "/faqs/")["items"][0]["question"] == "When is trash picked up?"
    assert get(client, "/directory/", q="superintendent")["items"][0]["title"] == "Dana Whitfield"
    assert get(client, "/directory/", q="nobody")["count"] == 0


def test_search_uses_the_site_engine(client, department):
    data = get(client, "/search/", q="pothole")
    assert data["items"][0]["title"] == "Report a pothole"
    assert any(facet["slug"] == "service" for facet in data["type_facets"])
    assert data["department_facets"][0]["slug"] == "public-works"
    assert get(client, "/search/", q="pothole", type="faq")["count"] == 0
    assert get(client, "/search/", q="pothole", type="no-such-type")["count"] == 0
    assert get(client, "/search/", q="pothole", department="no-such-department")["count"] == 0


def test_search_best_bets(client, department):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    SearchPromotion.objects.create(query=Query.get("potholes"), page=department["service"], description="Fix it")
    data = get(client, "/search/", q="potholes")
    assert data["best_bets"][0]["page_id"] == department["service"].pk


def test_alerts(client, department):
    from django.utils import timezone

    from alerts.models import Alert

    assert get(client, "/alerts/") == {"items": []}
    alert = Alert(title="Boil water notice", message="Boil tap water.", starts_at=timezone.now())
    alert.save()
    alert.save_revision().publish()
    items = get(client, "/alerts/")["items"]
    assert [a["title"] for a in items] == ["Boil water notice"]


def test_site_settings(client, department):
    data = get(client, "/site/")
    assert data["name"] == "City of Jackson"
    assert isinstance(data["navigation"], list) and data["search_url"] == "/search/"


def test_images(client, department):
    """The images shown pages use (tests/test_api_v1_no_leaks.py: none other)."""
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Park", file=get_test_image_file(), description="Children on swings")
    get(client, f"/images/{image.pk}/", 404)  # in the library, on no page yet
    story = department["news"]
    story.image, story.image_alt = image, "Children on the swings in Poindexter Park"
    story.save_revision().publish()
    data = get(client, f"/images/{image.pk}/")
    assert data["alt"] == "Children on swings"
    assert [r["name"] for r in data["renditions"]] == ["small", "medium", "large"]
    assert [item["id"] for item in get(client, "/images/")["items"]] == [image.pk]
    get(client, "/images/999999/", 404)


def test_unknown_endpoint_is_a_json_404(client):
    assert get(client, "/no-such-thing/", 404)["error"]
    assert get(client, "/no-such-thing", 404)["error"]


def test_an_endpoint_without_its_slash_is_redirected(client, department):
    response = client.get("/api/v1/pages?limit=2")
    assert response.status_code == 301 and response["Location"] == "/api/v1/pages/?limit=2"


def test_a_services_action_page_is_its_site_path_only_while_shown(client, department):
    from wagtail.models import PageViewRestriction

    service, form = department["service"], department["form"]
    service.action_page = form
    service.save_revision().publish()
    data = get(client, f"/pages/{service.pk}/")
    assert data["action"]["url"] == "/departments/public-works/contact-public-works/"
    PageViewRestriction.objects.create(page=form, restriction_type=PageViewRestriction.LOGIN)  # bumps the version
    data = get(client, "/services/")
    assert data["items"][0]["action"]["url"] == "https://example.gov/report"


def test_every_body_block_renders_in_both_forms(client, department):
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from home.models import StandardPage
    from tests.conftest import add_child

    image = Image.objects.create(title="Map", file=get_test_image_file())
    document = Document.objects.create(title="Schedule")
    service = department["service"]
    page = add_child(
        department["department"],
        StandardPage(
            title="Everything",
            slug="everything",
            body=[
                ("heading", {"text": "Heading", "level": "h3"}),
                ("paragraph", f'<p>See <a linktype="page" id="{service.pk}">the service</a>.</p>'),
                ("image", {"image": image, "alt_text": "A map of the yard", "caption": "The yard"}),
                ("callout", {"tone": "warning", "heading": "Careful", "text": "<p>Wet paint</p>"}),
                ("button", {"label": "Report it", "page": service, "url": ""}),
                ("documents", {"heading": "Files", "documents": [document]}),
            ],
        ),
    )
    data = get(client, f"/pages/{page.pk}/")
    assert [block["type"] for block in data["body"]] == [
        "heading",
        "paragraph",
        "image",
        "callout",
        "button",
        "documents",
    ]
    assert data["body"][2]["value"]["image"] == image.pk
    assert data["body"][4]["value"]["page"] == service.pk
    # Internal links are made real in both forms.
    assert 'href="/departments/public-works/report-a-pothole/"' in data["body"][1]["value"]
    html = data["body_html"]
    assert "A map of the yard" in html and "Wet paint" in html and "Report it" in html and "Schedule" in html
    assert "/departments/public-works/report-a-pothole/" in html
    assert "linktype" not in html


def test_a_chosen_page_that_is_not_shown_is_null_in_the_blocks(client, department):
    from wagtail.models import PageViewRestriction

    from home.models import StandardPage
    from tests.conftest import add_child

    hidden = add_child(department["department"], StandardPage(title="Hidden", slug="hidden"))
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    page = add_child(
        department["department"],
        StandardPage(title="Links", slug="links", body=[("button", {"label": "Go", "page": hidden, "url": ""})]),
    )
    assert get(client, f"/pages/{page.pk}/")["body"][0]["value"]["page"] is None


def test_a_departments_kept_lists_drop_a_page_at_its_expiry(client, department, monkeypatch):
    """The lists are kept under the content version, which the clock passing an expiry date does not move."""
    import datetime

    from django.utils import timezone

    from departments.models import FAQPage

    faq, now = department["faq"], timezone.now()
    FAQPage.objects.filter(pk=faq.pk).update(expire_at=now + datetime.timedelta(hours=1))
    url = f"/departments/{department['department'].slug}/"
    assert [item["id"] for item in get(client, url)["faqs"]] == [faq.pk]
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=2))
    assert get(client, url)["faqs"] == []
    assert get(client, f"/pages/{department['department'].pk}/")["faqs"] == []
