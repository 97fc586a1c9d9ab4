"""A service and the form it links to: one result, the service's, with the form as its action.

Issue 17: "Request a bulk trash pickup" (the service) and "Request bulk trash pickup" (its
form) were listed side by side. Runs on SQLite and, with DATABASE_URL, on PostgreSQL (where
the one-statement path leaves the form out in SQL: search/one_statement.py).
"""

import copy

import pytest
from wagtail.models import PageViewRestriction

from departments.models import FAQPage, ServicePage
from forms.models import FormPage
from search import engine
from tests.conftest import add_child
from tests.search_helpers import titles

pytestmark = [pytest.mark.shared_tree, pytest.mark.django_db]


@pytest.fixture(scope="module")
def bulk_once(department_once, django_db_blocker):
    """The bulk-pickup service, its form and an FAQ, published (and indexed) once for the module.

    Tests edit, restrict or unpublish them; their savepoint takes that back, search index
    rows included (the index is a table in the same database on SQLite and PostgreSQL).
    """
    dept = department_once["department"]
    with django_db_blocker.unblock():
        form = add_child(
            dept,
            FormPage(title="Bulk pickup booking", slug="bulk-pickup-booking", intro="<p>Couches, mattresses.</p>"),
        )
        service = add_child(
            dept,
            ServicePage(
                title="Request a bulk trash pickup",
                slug="bulk-trash",
                intro="We collect large items from the curb.",
                action_type="request",
                action_label="Book a pickup",
                action_page=form,
            ),
        )
        faq = add_child(dept, FAQPage(title="What counts as bulk trash?", slug="bulk-faq", answer="<p>Furniture.</p>"))
    return {"form": form, "service": service, "faq": faq, "department": dept}


@pytest.fixture
def bulk(db, bulk_once):
    """A copy per test, so a page changed in memory by one test is not what the next one gets."""
    return copy.deepcopy(bulk_once)


def found(text):
    return [page.title for page in engine.search(text, remember=False).results]


def test_the_form_is_shown_through_its_service(client, bulk):
    assert found("bulk") == ["Request a bulk trash pickup", "What counts as bulk trash?"]
    response = client.get("/search/", {"q": "bulk"})
    assert titles(response) == ["Request a bulk trash pickup", "What counts as bulk trash?"]
    html = response.content.decode()
    assert f'href="{bulk["form"].url}"' in html
    assert "Book a pickup" in html and "Online form: Bulk pickup booking" in html
    assert {facet["slug"] for facet in response.context["type_facets"]} == {"service", "faq"}


def test_words_only_the_form_has_find_the_service(bulk):
    """The service's index entry carries its form's words: what found the form finds the service."""
    assert found("mattresses") == ["Request a bulk trash pickup"]
    form = bulk["form"]
    form.intro = "<p>Appliances and armchairs.</p>"
    form.save_revision().publish()
    assert found("armchairs") == ["Request a bulk trash pickup"]
    assert found("mattresses") == []


def test_suggestions_leave_the_form_out(bulk):
    assert [page.title for page in engine.suggest("bul")] == [
        "Request a bulk trash pickup",
        "What counts as bulk trash?",
    ]


def test_a_hidden_service_absorbs_nothing(bulk):
    """A service the public cannot see leaves its form a result of its own."""
    service = bulk["service"]
    PageViewRestriction.objects.create(page=service, restriction_type="login")
    assert "Bulk pickup booking" in found("bulk")
    PageViewRestriction.objects.filter(page=service).delete()
    service.unpublish()
    assert "Bulk pickup booking" in found("bulk")
    assert "Request a bulk trash pickup" not in found("bulk")


def test_a_service_linking_to_another_page_absorbs_nothing(bulk, department):
    """Only a form is absorbed: a service pointing at, say, an FAQ leaves the FAQ in the results."""
    service = bulk["service"]
    service.action_page = bulk["faq"]
    service.save_revision().publish()
    assert set(found("bulk")) == {"Request a bulk trash pickup", "What counts as bulk trash?", "Bulk pickup booking"}


def test_services_outrank_forms_and_faqs_saying_as_much(department):
    """A page type's ``search_weight``: a service first when a form and an FAQ say the same words."""
    dept = department["department"]
    add_child(dept, FAQPage(title="Gazebo questions", slug="gazebo-faq", answer="<p>Gazebo.</p>"))
    add_child(dept, FormPage(title="Gazebo form", slug="gazebo-form", intro="<p>Gazebo.</p>"))
    add_child(dept, ServicePage(title="Gazebo booking", slug="gazebo", intro="Gazebo.", action_type="apply"))
    assert found("gazebo")[0] == "Gazebo booking"
