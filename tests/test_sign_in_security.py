"""Brute-force throttling of staff sign-ins (django-axes) and of private pages' passwords (accounts/)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import Group, Permission
from wagtail.models import PageLogEntry, PageViewRestriction

from accounts.page_passwords import LOG_ACTION
from departments.roles import ADMINISTRATOR

LOGIN = "/admin/login/"
RIGHT = "correct horse battery staple"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    return settings


@pytest.fixture
def clerk(django_user_model):
    return django_user_model.objects.create_user("clerk", "clerk@example.gov", RIGHT, is_staff=True)


def sign_in(client, password, username="clerk", addr="203.0.113.5"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=addr)


@pytest.mark.django_db
class TestStaffSignIn:
    def test_right_password_is_refused_after_five_wrong_ones(self, client, axes_on, clerk):
        for _ in range(4):
            assert sign_in(client, "wrong").status_code == 200
        assert sign_in(client, "wrong").status_code == 429  # the fifth locks the account
        response = sign_in(client, RIGHT)
        assert response.status_code == 429
        html = response.content.decode()
        assert "Sign-in paused" in html and "15 minutes" in html
        assert "_auth_user_id" not in client.session

    def test_fewer_failures_then_success_resets_the_count(self, client, axes_on, clerk):
        for _ in range(4):
            sign_in(client, "wrong")
        assert sign_in(client, RIGHT).status_code == 302
        client.logout()
        for _ in range(4):
            sign_in(client, "wrong")
        assert sign_in(client, RIGHT).status_code == 302

    def test_account_is_locked_whatever_the_address(self, client, axes_on, clerk):
        for index in range(5):
            sign_in(client, "wrong", addr=f"198.51.100.{index + 1}")
        assert sign_in(client, RIGHT, addr="192.0.2.77").status_code == 429

    def test_client_locked_on_one_account_can_use_another(self, client, axes_on, clerk, django_user_model):
        django_user_model.objects.create_user("planner", "planner@example.gov", RIGHT, is_staff=True)
        for _ in range(5):
            sign_in(client, "wrong")
        assert sign_in(client, RIGHT).status_code == 429
        assert sign_in(client, RIGHT, username="planner").status_code == 302

    def test_one_client_guessing_across_accounts_is_throttled(self, client, axes_on, settings):
        settings.PUBLIC_POST_RATE = 10
        statuses = [sign_in(client, "wrong", username=f"user{index}").status_code for index in range(11)]
        assert statuses[:10] == [200] * 10
        assert statuses[10] == 429

    def test_forwarded_address_is_trusted_only_as_configured(self, client, axes_on, clerk, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        for index in range(5):
            client.post(
                LOGIN,
                {"username": "clerk", "password": "wrong"},
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"6.6.6.6, 198.51.100.{index}",
            )
        addresses = set(AccessFailureLog.objects.values_list("ip_address", flat=True))
        assert addresses == {f"198.51.100.{index}" for index in range(5)}

    def test_junk_forwarded_address_is_recorded_as_none(self, client, axes_on, clerk, settings):
        settings.TRUSTED_PROXY_COUNT = 1
        client.post(LOGIN, {"username": "clerk", "password": "wrong"}, HTTP_X_FORWARDED_FOR="not-an-address")
        assert AccessFailureLog.objects.get().ip_address is None

    def test_failures_are_kept_for_the_audit_trail(self, client, axes_on, clerk):
        for _ in range(6):
            sign_in(client, "wrong")
        assert AccessFailureLog.objects.filter(username="clerk").count() == 6
        assert AccessFailureLog.objects.filter(username="clerk", locked_out=True).exists()


@pytest.mark.django_db
class TestAuditTrailInTheAdmin:
    def lock_out(self, client):
        for _ in range(5):
            sign_in(client, "wrong")

    def test_administrator_sees_failures_and_unlocks(self, client, axes_on, clerk, django_user_model):
        self.lock_out(client)
        admin = django_user_model.objects.create_superuser("admin", "admin@example.gov", "pw")
        client.force_login(admin)
        listing = client.get("/admin/signin_lockouts/")
        assert listing.status_code == 200
        assert "clerk" in listing.content.decode()
        assert "clerk" in client.get("/admin/signin_failures/").content.decode()
        attempt = AccessAttempt.objects.get(username="clerk", ip_address="203.0.113.5")
        for attempt in AccessAttempt.objects.filter(username="clerk"):
            assert client.post(f"/admin/signin_lockouts/delete/{attempt.pk}/").status_code == 302
        client.logout()
        assert sign_in(client, RIGHT).status_code == 302

    def test_administrator_role_sees_it_editors_do_not(self, client, axes_on, clerk, django_user_model):
        self.lock_out(client)
        editor = django_user_model.objects.create_user("editor", "editor@example.gov", "pw")
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        assert client.get("/admin/signin_lockouts/").status_code in (302, 403)
        assert client.get("/admin/signin_failures/").status_code in (302, 403)
        administrator = django_user_model.objects.create_user("boss", "boss@example.gov", "pw")
        administrators = Group.objects.get_or_create(name=ADMINISTRATOR)[0]
        administrators.permissions.add(Permission.objects.get(codename="access_admin"))
        administrator.groups.add(administrators)
        client.force_login(administrator)
        assert client.get("/admin/signin_lockouts/").status_code == 200

    def test_nothing_can_be_added_or_edited(self, client, axes_on, clerk, django_user_model):
        self.lock_out(client)
        client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.gov", "pw"))
        attempt = AccessAttempt.objects.first()
        assert client.get("/admin/signin_lockouts/new/").status_code in (302, 403)
        assert client.get(f"/admin/signin_lockouts/edit/{attempt.pk}/").status_code in (302, 403)
        assert client.get(f"/admin/signin_failures/delete/{AccessFailureLog.objects.first().pk}/").status_code in (
            302,
            403,
            404,
        )


@pytest.fixture
def private_page(city):
    page = city["about"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="sesame")
    return page


def page_password(client, page, password, addr="203.0.113.5"):
    restriction = PageViewRestriction.objects.get(page=page)
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        REMOTE_ADDR=addr,
    )


@pytest.mark.django_db
class TestPagePasswords:
    def test_password_form_is_in_the_site_style(self, client, private_page):
        html = client.get(private_page.url).content.decode()
        assert "Password required" in html and 'class="button button--large"' in html

    def test_right_password_opens_the_page(self, client, private_page):
        assert page_password(client, private_page, "sesame").status_code == 302
        assert "Our city." in client.get(private_page.url).content.decode()

    def test_right_password_refused_after_five_wrong_ones(self, client, private_page):
        for _ in range(5):
            response = page_password(client, private_page, "wrong")
            assert response.status_code == 200
            assert "not correct" in response.content.decode()
        response = page_password(client, private_page, "sesame")
        assert response.status_code == 429
        assert "Too many wrong passwords" in response.content.decode()
        assert "Our city." not in client.get(private_page.url).content.decode()

    def test_another_client_is_not_held_back(self, client, private_page):
        for _ in range(5):
            page_password(client, private_page, "wrong")
        assert page_password(client, private_page, "sesame", addr="192.0.2.8").status_code == 302

    def test_guessing_from_many_addresses_is_throttled_too(self, client, private_page):
        for index in range(50):
            page_password(client, private_page, "wrong", addr=f"198.51.100.{index}")
        assert page_password(client, private_page, "sesame", addr="192.0.2.9").status_code == 429

    def test_failures_are_in_the_page_history(self, client, private_page, django_user_model):
        page_password(client, private_page, "wrong")
        page_password(client, private_page, "sesame")
        entries = PageLogEntry.objects.filter(page=private_page, action=LOG_ACTION)
        assert entries.count() == 1
        assert "203.0.113.5" not in str(entries.get().data)
        client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.gov", "pw"))
        history = client.get(f"/admin/pages/{private_page.pk}/history/")
        assert "A wrong password was tried" in history.content.decode()
