"""Open Graph and Twitter card tags on every page type: title, description, canonical URL on the
public host, and an image with alt text (the page's own, else the city's card)."""

from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from news.models import NewsPage

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]


class MetaReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical = {}, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(attrs.get("content"))
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])


def cards(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    reader = MetaReader()
    reader.feed(response.content.decode())
    for name in ("og:title", "og:url", "og:image", "og:image:alt", "twitter:card", "twitter:image:alt"):
        assert len(reader.meta.get(name, [])) == 1, (url, name)
        assert reader.meta[name][0], (url, name)
    meta = {name: values[0] for name, values in reader.meta.items()}
    assert reader.canonical == [meta["og:url"]]
    assert meta["twitter:card"] == "summary_large_image"
    return meta


PAGE_KEYS = [
    ("city", "home", "City of Jackson"),
    ("city", "departments", "Departments"),
    ("city", "services", "Services"),
    ("city", "faq", "Frequently asked questions"),
    ("city", "directory", "Contact directory"),
    ("city", "news", "News"),
    ("city", "events", "Events"),
    ("city", "about", "About Jackson"),
    ("department", "department", "Public Works"),
    ("department", "service", "Report a pothole"),
    ("department", "faq", "When is trash picked up?"),
    ("department", "contact", "Dana Whitfield"),
    ("department", "news", "Paving starts on State Street"),
    ("department", "event", "Spring cleanup day"),
    ("department", "form", "Contact Public Works"),
]


@pytest.mark.parametrize("group, key, title", PAGE_KEYS, ids=[f"{g}-{k}" for g, k, _ in PAGE_KEYS])
def test_every_page_type_has_social_cards(client, city, department, group, key, title):
    page = {"city": city, "department": department}[group][key]
    meta = cards(client, page.url)
    assert meta["og:title"] == title == meta["twitter:title"]
    assert meta["og:url"] == "http://localhost" + page.url
    assert meta["og:site_name"]
    # No image of its own: the city's card, absolute, with alt text.
    assert meta["og:image"].startswith("http://localhost/static/img/social-card")
    assert meta["og:image:alt"].startswith("The seal of the ")
    assert meta["og:type"] == ("article" if key == "news" and group == "department" else "website")


def test_description_is_the_pages_own_summary(client, department):
    meta = cards(client, department["service"].url)
    assert meta["og:description"] == "Tell us about a pothole on a city street." == meta["twitter:description"]
    meta = cards(client, department["news"].url)
    assert meta["og:description"] == "Crews begin resurfacing next week."


def test_a_story_with_an_image_shares_its_image_and_alt(client, department, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    image = Image.objects.create(title="Paving", file=get_test_image_file())
    story = NewsPage.objects.get(pk=department["news"].pk)
    story.image, story.image_alt = image, "A crew paving State Street"
    story.save_revision().publish()
    meta = cards(client, story.url)
    assert meta["og:image"].startswith("http://localhost/media/images/")
    assert meta["og:image:alt"] == "A crew paving State Street" == meta["twitter:image:alt"]


def test_routed_views_and_hostile_text_stay_on_the_public_host(client, city, department):
    with override_settings(PUBLIC_BASE_URL="https://www.jacksonms.gov"):
        meta = cards(Client(HTTP_HOST="evil.example"), "/events/past/?q=%3Cscript%3E")
    assert meta["og:url"] == "https://www.jacksonms.gov/events/past/"
    assert meta["og:image"].startswith("https://www.jacksonms.gov/static/")
    story = NewsPage.objects.get(pk=department["news"].pk)
    story.title = 'Paving "starts" <script>alert(1)</script>'
    story.save_revision().publish()
    response = client.get(story.url)
    assert 'content="Paving &quot;starts&quot; &lt;script&gt;alert(1)&lt;/script&gt;"' in response.content.decode()


def test_a_private_page_shares_nothing_of_itself(client, city):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=city["about"], restriction_type="password", password="sesame")
    response = client.get(city["about"].url)
    html = response.content.decode()
    assert "Our city." not in html and "About Jackson" not in html.split("</head>")[0]
    meta = cards(client, city["about"].url)
    assert meta["og:image"].startswith("http://localhost/static/img/social-card")


def test_editors_choose_the_card_picture_per_page(client, department, settings, tmp_path):
    """The Promote tab's social card picture wins over the page's own picture and the city's card."""
    from django.core.exceptions import ValidationError

    from departments.models import ServicePage

    settings.MEDIA_ROOT = str(tmp_path)
    card = Image.objects.create(title="Pothole crew", file=get_test_image_file(filename="card.png"))
    service = ServicePage.objects.get(pk=department["service"].pk)
    service.social_image = card
    with pytest.raises(ValidationError) as refused:
        service.full_clean()
    assert "social_image_alt" in refused.value.message_dict
    service.social_image_alt = "A crew filling a pothole"
    service.seo_title, service.search_description = "Fix my street", "Report it in two minutes."
    service.save_revision().publish()
    meta = cards(client, service.url)
    assert meta["og:image"].startswith("http://localhost/media/images/card")
    assert meta["og:image:alt"] == "A crew filling a pothole"
    assert meta["og:title"] == "Fix my street"
    assert meta["og:description"] == "Report it in two minutes."

    story = NewsPage.objects.get(pk=department["news"].pk)
    story.image, story.image_alt = Image.objects.create(title="Paving", file=get_test_image_file()), "Paving"
    story.social_image, story.social_image_alt = card, "Chosen for sharing"
    story.save_revision().publish()
    assert cards(client, story.url)["og:image:alt"] == "Chosen for sharing"
