"""The main navigation is the editors': Wagtail's "Show in menus", in tree order (issue #13).

The header lists the live, public children of the site's root page with "Show in menus" ticked,
in the order of the page tree, labelled with their short menu title or their title
(home/templatetags/jackson_tags.py). Its current section follows the type of page where a
city-wide index lists that type: a news story kept in a department's subtree is "News" (#17).
"""

import importlib
import re

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from departments.models import FAQIndexPage, ServiceIndexPage
from events.models import EventIndexPage
from home.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]

NAV = re.compile(r'<nav class="main-nav" aria-label="Main">(.*?)</nav>', re.S)
LINK = re.compile(r'<a class="main-nav__link" href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def nav_of(client, url):
    """[(href, label, current)] of the header navigation on ``url``."""
    response = client.get(url)
    assert response.status_code == 200, url
    found = NAV.search(response.content.decode())
    if found is None:
        return []
    return [(href, label, bool(current)) for href, current, label in LINK.findall(found.group(1))]


def labels(client, url="/"):
    return [label for _href, label, _current in nav_of(client, url)]


def current(client, url):
    return [label for _href, label, is_current in nav_of(client, url) if is_current]


def publish(page):
    page.save_revision().publish()


def test_the_sections_are_in_tree_order_with_their_short_labels(client, city):
    assert labels(client) == ["Departments", "Services", "FAQ", "Directory", "News", "Events"]
    # A plain page at the top stays out of the menu until an editor ticks "Show in menus".
    assert "About Jackson" not in labels(client)


def test_unticking_show_in_menus_and_publishing_removes_the_section(client, city):
    assert "FAQ" in labels(client)  # kept in the cache now
    faq = FAQIndexPage.objects.get(pk=city["faq"].pk)
    faq.show_in_menus = False
    publish(faq)
    assert labels(client) == ["Departments", "Services", "Directory", "News", "Events"]
    # The page itself is still there, and links that find it by type still work.
    assert client.get("/faq/").status_code == 200


def test_a_draft_change_leaves_the_menu_alone_until_published(client, city):
    assert "Services" in labels(client)
    services = ServiceIndexPage.objects.get(pk=city["services"].pk)
    services.show_in_menus = False
    services.save_revision()
    assert "Services" in labels(client)


def test_an_editor_adds_a_page_and_reorders_the_menu(client, city):
    about = StandardPage.objects.get(pk=city["about"].pk)
    about.show_in_menus = True
    publish(about)
    assert labels(client)[-1] == "About Jackson"
    # Drag "Events" to the top of the home page's children, as the admin's page explorer does.
    events = EventIndexPage.objects.get(pk=city["events"].pk)
    events.move(city["home"], pos="first-child")
    assert labels(client) == ["Events", "Departments", "Services", "FAQ", "Directory", "News", "About Jackson"]


def test_a_menu_title_replaces_the_title_and_blank_falls_back(client, city):
    faq = FAQIndexPage.objects.get(pk=city["faq"].pk)
    faq.menu_title = "Questions"
    publish(faq)
    assert "Questions" in labels(client)
    faq.menu_title = ""
    publish(faq)
    assert "Frequently asked questions" in labels(client)


def test_hostile_titles_are_escaped_in_the_menu(client, city):
    faq = FAQIndexPage.objects.get(pk=city["faq"].pk)
    faq.menu_title = '<script>alert("x")</script>'
    publish(faq)
    html = client.get("/").content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in NAV.search(html).group(1)


def test_unpublished_and_private_sections_are_left_out(client, city):
    from wagtail.models import PageViewRestriction

    city["events"].unpublish()
    PageViewRestriction.objects.create(page=city["news"], restriction_type="login")
    assert labels(client) == ["Departments", "Services", "FAQ", "Directory"]


def test_the_editor_unticks_show_in_menus_in_the_admin(client, city):
    """The same through the page editor's Promote tab, as staff do it."""
    user = get_user_model().objects.create_superuser("navadmin", "navadmin@example.gov", "pw")
    client.force_login(user)
    services = ServiceIndexPage.objects.get(pk=city["services"].pk)
    response = client.get(f"/admin/pages/{services.pk}/edit/")
    assert response.status_code == 200
    assert 'name="show_in_menus"' in response.content.decode()
    assert 'name="menu_title"' in response.content.decode()
    data = {
        "title": services.title,
        "slug": services.slug,
        "intro": getattr(services, "intro", ""),
        "menu_title": "",
        "action-publish": "Publish",
    }  # "show_in_menus" left out: the box unticked
    response = client.post(f"/admin/pages/{services.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    assert "Services" not in labels(client)


@pytest.mark.parametrize(
    ("name", "section"),
    [
        ("news", "News"),
        ("event", "Events"),
        ("service", "Services"),
        ("faq", "FAQ"),
        ("contact", "Directory"),
        ("department", "Departments"),
        ("form", "Departments"),
    ],
)
def test_the_current_section_follows_the_page_type(client, department, name, section):
    """News and events live in a department's subtree, but the resident came for News or Events."""
    assert current(client, department[name].url) == [section]


def test_the_section_falls_back_to_the_tree_when_its_index_is_not_in_the_menu(client, city, department):
    news_index = city["news"]
    news_index.show_in_menus = False
    publish(news_index)
    assert current(client, department["news"].url) == ["Departments"]


def test_index_pages_and_the_home_page(client, city):
    assert current(client, "/") == []
    assert current(client, "/news/") == ["News"]
    assert current(client, "/events/") == ["Events"]
    assert current(client, "/search/?q=x") == []


def test_index_links_still_work_when_a_section_leaves_the_menu(client, city, department):
    news_index = city["news"]
    news_index.show_in_menus = False
    publish(news_index)
    html = client.get(department["department"].url).content.decode()
    assert 'href="/news/?department=public-works"' in html  # "All Public Works news", found by type (nav_url)


def test_the_migration_puts_the_old_sections_in_the_menu(city):
    """Existing sites keep their menu: the six index pages are ticked and keep the old short labels."""
    for page in city.values():
        page.specific_class.objects.filter(pk=page.pk).update(show_in_menus=False)
    for model in (FAQIndexPage, ServiceIndexPage):
        model.objects.update(menu_title="")
    migration = importlib.import_module("home.migrations.0003_main_navigation_in_menus")
    migration.put_sections_in_menus(apps, None)
    ticked = {
        page.specific_class._meta.label: page.specific_class.objects.get(pk=page.pk)
        for page in city.values()
        if page.specific_class.objects.filter(pk=page.pk, show_in_menus=True).exists()
    }
    assert sorted(ticked) == sorted(
        [
            "departments.DepartmentIndexPage",
            "departments.ServiceIndexPage",
            "departments.FAQIndexPage",
            "departments.DirectoryPage",
            "news.NewsIndexPage",
            "events.EventIndexPage",
        ]
    )
    assert ticked["departments.FAQIndexPage"].menu_title == "FAQ"
    assert ticked["departments.ServiceIndexPage"].menu_title == "Services"
    assert ticked["departments.DirectoryPage"].menu_title == "Directory"  # kept as it was


@pytest.mark.parametrize(
    ("menu_title", "accepted"),
    [
        ("x" * 31, False),  # longer than a header can hold
        ("Preguntas · 質問 🙂", True),
        ("   ", True),  # blank after trimming: the title is used
    ],
)
def test_hostile_menu_titles_in_the_admin(client, city, menu_title, accepted):
    user = get_user_model().objects.create_superuser("navadmin2", "navadmin2@example.gov", "pw")
    client.force_login(user)
    faq = FAQIndexPage.objects.get(pk=city["faq"].pk)
    data = {
        "title": faq.title,
        "slug": faq.slug,
        "intro": getattr(faq, "intro", ""),
        "show_in_menus": "on",
        "menu_title": menu_title,
        "action-publish": "Publish",
    }
    response = client.post(f"/admin/pages/{faq.pk}/edit/", data)
    client.logout()
    if not accepted:
        assert response.status_code == 200
        assert "Ensure this value has at most 30 characters" in response.content.decode()
        assert FAQIndexPage.objects.get(pk=faq.pk).menu_title == "FAQ"  # nothing lost
        assert "FAQ" in labels(client)
        return
    assert response.status_code == 302
    expected = menu_title.strip() or "Frequently asked questions"
    assert expected in labels(client)
