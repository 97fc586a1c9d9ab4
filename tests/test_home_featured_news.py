"""Featured news: communications staff choose the stories the home page shows first."""

import datetime
import re

import pytest
from django.utils import timezone

from home.models import HomeFeaturedStory, HomePage
from news.models import NewsPage

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]

CARD_RE = re.compile(r'<article class="card( card--featured)?">.*?<a href="[^"]*">([^<]*)</a>', re.DOTALL)


def home_cards(client, query=""):
    html = client.get("/" + query).content.decode()
    section = html.split('id="latest-news-heading"', 1)[1].split("</section>", 1)[0]
    return [(title, bool(flag)) for flag, title in CARD_RE.findall(section)]


@pytest.fixture
def stories(city, department):
    NewsPage.objects.get(pk=department["news"].pk).unpublish()  # the shared tree's story, dated today
    made = []
    for days_ago, title in enumerate(["Newest story", "Second story", "Third story", "An older story"]):
        story = NewsPage(
            title=title,
            slug=f"story-{days_ago}",
            date=timezone.localdate() - datetime.timedelta(days=days_ago),
            summary=f"{title} summary.",
        )
        city["news"].add_child(instance=story)
        story.save_revision().publish()
        made.append(story)
    return made


def feature(home, *stories):
    home = HomePage.objects.get(pk=home.pk)
    home.featured_stories = [HomeFeaturedStory(story=story) for story in stories]
    home.save_revision().publish()
    return home


def test_without_a_choice_the_newest_three_show(client, city, stories):
    assert home_cards(client) == [("Newest story", False), ("Second story", False), ("Third story", False)]


def test_featured_stories_come_first_in_the_editors_order_and_the_newest_fill_the_rest(client, city, stories):
    feature(city["home"], stories[3], stories[1])
    assert home_cards(client, "?a") == [("An older story", True), ("Second story", True), ("Newest story", False)]
    html = client.get("/?b").content.decode()
    assert html.count('<span class="card__flag">Featured</span>') == 2


def test_an_unpublished_or_private_featured_story_is_skipped_at_once(client, city, stories):
    from wagtail.models import PageViewRestriction

    feature(city["home"], stories[3])
    assert ("An older story", True) in home_cards(client, "?before")
    stories[3].unpublish()
    assert [title for title, _ in home_cards(client, "?unpublished")] == ["Newest story", "Second story", "Third story"]
    stories[2].save_revision().publish()
    feature(city["home"], stories[2])
    PageViewRestriction.objects.create(page=stories[2], restriction_type=PageViewRestriction.LOGIN)
    assert "Third story" not in [title for title, _ in home_cards(client, "?private")]


def test_at_most_three_stories_can_be_featured(admin_client, city, stories):
    """The admin's inline allows three; the home page shows three whatever is stored."""
    from wagtail.admin.panels import InlinePanel

    (panel,) = [p for p in HomePage.content_panels if isinstance(p, InlinePanel)]
    assert (panel.relation_name, panel.max_num) == ("featured_stories", 3)
    response = admin_client.get(f"/admin/pages/{city['home'].pk}/edit/")
    assert response.status_code == 200
    assert "Featured news" in response.content.decode()
