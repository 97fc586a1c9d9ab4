"""Keeping content fresh: scheduled publishing, next-review dates, the review report and reminders."""

import copy
import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from departments.provisioning import create_department
from departments.roles import COMMUNICATIONS, setup_site_roles
from home.models import StandardPage
from reviews.models import PageReview
from tests.conftest import add_child, staff_account


def set_review(page, days_from_today):
    PageReview.objects.filter(page=page).update(
        next_review=timezone.localdate() + datetime.timedelta(days=days_from_today)
    )


@pytest.fixture
def city(db, city_once):
    """The conftest city, built once for the module (tests/conftest.py), without its department.

    Not the ``shared_tree`` marker: that adds Public Works, and these tests count departments'
    due pages and reminder emails on the tree as it was when each test built its own.
    """
    return copy.deepcopy(city_once)


@pytest.fixture(scope="module")
def fresh_once(city_once, django_db_blocker):
    """Two departments with pages at several review dates and their people, built once for the module.

    What a test changes (a review marked, a user deleted) is rolled back with its savepoint.
    Review dates count from the day the module starts.
    """
    with django_db_blocker.unblock():
        roles = setup_site_roles()
        parks, parks_roles, _ = create_department("Parks & Recreation")
        police, police_roles, _ = create_department("Police Department")
        pages = {
            "pool": add_child(parks, StandardPage(title="Pool hours", slug="pool", intro="x")),
            "trails": add_child(parks, StandardPage(title="Trail map", slug="trails", intro="x")),
            "fresh": add_child(parks, StandardPage(title="New playground", slug="playground", intro="x")),
            "records": add_child(police, StandardPage(title="Records requests", slug="records", intro="x")),
        }
        set_review(pages["pool"], -10)  # overdue
        set_review(pages["trails"], 5)  # due soon
        set_review(pages["records"], -1)  # overdue, another department
        set_review(city_once["about"], -3)  # city-wide page

        return {
            "city": city_once,
            "parks": parks,
            "police": police,
            **pages,
            "parks_publisher": staff_account("parks-publisher", parks_roles.publishers),
            "parks_publisher_2": staff_account("parks-publisher-2", parks_roles.publishers),
            "parks_editor": staff_account("parks-editor", parks_roles.editors),
            "police_publisher": staff_account("police-publisher", police_roles.publishers),
            "comms": staff_account("comms", roles[COMMUNICATIONS]),
        }


@pytest.fixture
def fresh(db, fresh_once):
    """A copy per test, so pages and users changed in memory by one test are not the next one's."""
    return copy.deepcopy(fresh_once)


@pytest.mark.django_db
def test_first_publish_sets_review_twelve_months_out(city):
    page = add_child(city["home"], StandardPage(title="Parking", slug="parking", intro="x"))
    review = PageReview.objects.get(page=page)
    assert review.next_review == timezone.localdate() + datetime.timedelta(days=365)
    review.next_review = timezone.localdate() + datetime.timedelta(days=30)
    review.save()
    page.save_revision().publish()  # a later publish keeps the chosen date
    assert PageReview.objects.get(page=page).next_review == timezone.localdate() + datetime.timedelta(days=30)


@pytest.mark.django_db
def test_drafts_have_no_review_date(city):
    page = StandardPage(title="Draft", slug="draft", intro="x")
    city["home"].add_child(instance=page)
    page.save_revision()
    assert not PageReview.objects.filter(page=page).exists()


@pytest.mark.django_db
def test_publish_scheduled_publishes_pages_whose_time_has_come(city):
    page = StandardPage(title="Budget hearing", slug="budget-hearing", intro="x", live=False)
    city["home"].add_child(instance=page)
    revision = page.save_revision(approved_go_live_at=timezone.now() + datetime.timedelta(minutes=1))
    assert not StandardPage.objects.get(pk=page.pk).live
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    page = StandardPage.objects.get(pk=page.pk)
    assert page.live
    assert PageReview.objects.filter(page=page).exists()  # the review clock starts on scheduled publishing too


@pytest.mark.django_db
def test_publish_scheduled_unpublishes_expired_pages(city):
    page = add_child(city["home"], StandardPage(title="Storm notice", slug="storm", intro="x"))
    StandardPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    page = StandardPage.objects.get(pk=page.pk)
    assert not page.live and page.expired


@pytest.mark.django_db
class TestReviewReport:
    url = "/admin/reports/page-reviews/"

    def test_department_sees_only_its_due_pages(self, client, fresh):
        client.force_login(fresh["parks_editor"])
        response = client.get(self.url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Pool hours" in html and "Trail map" in html and "Overdue" in html
        assert "New playground" not in html  # due in a year
        assert "Records requests" not in html and "About Jackson" not in html

    def test_communications_sees_everything_and_can_filter(self, client, fresh):
        client.force_login(fresh["comms"])
        html = client.get(self.url).content.decode()
        for title in ("Pool hours", "Trail map", "Records requests", "About Jackson"):
            assert title in html
        assert "Police Department" in html and "City-wide" in html
        html = client.get(self.url, {"department": fresh["police"].pk}).content.decode()
        assert "Records requests" in html and "Pool hours" not in html
        html = client.get(self.url, {"due": "overdue"}).content.decode()
        assert "Pool hours" in html and "Trail map" not in html
        html = client.get(self.url, {"due": "all"}).content.decode()
        assert "New playground" in html

    def test_bad_filter_values_do_not_crash(self, client, fresh):
        client.force_login(fresh["comms"])
        for params in ({"due": "<script>"}, {"department": "abc"}, {"department": "999999"}, {"due": "9" * 50}):
            assert client.get(self.url, params).status_code == 200

    def test_csv_export(self, client, fresh):
        client.force_login(fresh["comms"])
        response = client.get(self.url, {"export": "csv"})
        body = b"".join(response.streaming_content).decode()
        assert body.splitlines()[0] == "Title,Department,Next review,Last reviewed,URL"
        assert "Pool hours,Parks & Recreation" in body

    def test_no_access_without_page_permissions(self, client, fresh, django_user_model):
        from django.contrib.auth.models import Group

        nobody = django_user_model.objects.create_user("emergency", "e@example.gov", "pw")
        nobody.groups.add(Group.objects.get(name="Emergency publisher"))
        client.force_login(nobody)
        response = client.get(self.url)
        assert response.status_code in (302, 403)


@pytest.mark.django_db
class TestReviewAction:
    def test_mark_reviewed(self, client, fresh):
        client.force_login(fresh["parks_editor"])
        url = reverse("department_page_review", args=[fresh["pool"].pk])
        assert client.get(url).status_code == 200
        client.post(url, {"mark_reviewed": "1"})
        review = PageReview.objects.get(page=fresh["pool"])
        assert review.next_review == timezone.localdate() + datetime.timedelta(days=365)
        assert review.last_reviewed_by == fresh["parks_editor"]

    def test_choose_a_date(self, client, fresh):
        client.force_login(fresh["parks_editor"])
        url = reverse("department_page_review", args=[fresh["pool"].pk])
        target = timezone.localdate() + datetime.timedelta(days=90)
        client.post(url, {"next_review": target.isoformat()})
        assert PageReview.objects.get(page=fresh["pool"]).next_review == target

    @pytest.mark.parametrize("value", ["2001-01-01", "2999-01-01", "not a date", "<b>x</b>", ""])
    def test_bad_dates_are_refused(self, client, fresh, value):
        client.force_login(fresh["parks_editor"])
        url = reverse("department_page_review", args=[fresh["pool"].pk])
        before = PageReview.objects.get(page=fresh["pool"]).next_review
        response = client.post(url, {"next_review": value})
        assert response.status_code == 200  # the form again, with an error
        assert PageReview.objects.get(page=fresh["pool"]).next_review == before

    def test_other_department_cannot_change_it(self, client, fresh):
        client.force_login(fresh["parks_editor"])
        url = reverse("department_page_review", args=[fresh["records"].pk])
        response = client.post(url, {"mark_reviewed": "1"})
        assert response.status_code in (302, 403)
        assert PageReview.objects.get(page=fresh["records"]).last_reviewed_at is None

    def test_editor_header_has_review_button(self, client, fresh):
        client.force_login(fresh["parks_editor"])
        html = client.get(reverse("wagtailadmin_pages:edit", args=[fresh["pool"].pk])).content.decode()
        assert reverse("department_page_review", args=[fresh["pool"].pk]) in html


@pytest.mark.django_db
class TestReminders:
    def test_each_department_gets_its_own_list(self, fresh, capsys):
        call_command("send_review_reminders")
        by_subject = {message.subject: message for message in mail.outbox}
        parks = by_subject["2 pages due for review: Parks & Recreation"]
        assert parks.to == ["parks-publisher-2@example.gov", "parks-publisher@example.gov"]
        assert "Pool hours (OVERDUE since" in parks.body and "Trail map (due" in parks.body
        assert "Records requests" not in parks.body and "New playground" not in parks.body
        assert "http://testserver" + reverse("department_page_review", args=[fresh["pool"].pk]) in parks.body
        police = by_subject["1 page due for review: Police Department"]
        assert police.to == ["police-publisher@example.gov"]
        city = by_subject["1 page due for review: city-wide"]
        assert city.to == ["comms@example.gov"] and "About Jackson" in city.body
        assert len(mail.outbox) == 3
        assert "Sent 3 reminder email(s)." in capsys.readouterr().out

    def test_nothing_due_sends_nothing(self, fresh):
        PageReview.objects.update(next_review=timezone.localdate() + datetime.timedelta(days=200))
        call_command("send_review_reminders")
        assert mail.outbox == []

    def test_dry_run_and_missing_publishers(self, fresh, capsys):
        fresh["police_publisher"].delete()
        call_command("send_review_reminders", "--dry-run")
        out, err = capsys.readouterr()
        assert mail.outbox == []
        assert "Would email parks-publisher-2@example.gov, parks-publisher@example.gov" in out
        assert "Police Department: 1 page(s) due but nobody to remind" in err
