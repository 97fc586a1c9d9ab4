"""The API's lists cost the same number of queries for one item as for many (no query per item)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from departments.models import ServicePage
from tests.conftest import add_child

pytestmark = [pytest.mark.django_db, pytest.mark.shared_tree]

LISTS = [
    "/api/v1/services/",
    "/api/v1/news/",
    "/api/v1/events/?from=2000-01-01",
    "/api/v1/faqs/",
    "/api/v1/directory/",
    "/api/v1/departments/",
]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", LISTS)
def test_a_longer_list_costs_no_more_queries(client, department, url):
    dept = department["department"]
    for number in range(3):
        add_child(
            dept,
            ServicePage(
                title=f"Service {number}",
                slug=f"service-{number}",
                intro="x",
                action_page=department["form"],
            ),
        )
    joiner = "&" if "?" in url else "?"
    short, long = f"{url}{joiner}limit=1", f"{url}{joiner}limit=100"
    client.get(short), client.get(long)  # the kept lists (departments, private sections, version) are read once
    assert _queries(client, short) == _queries(client, long)


def test_a_list_of_every_page_type_costs_a_query_per_type_not_per_page(client, department):
    """Wagtail's ``specific()`` reads each page type's fields in one query per type."""
    from api.page_types import MODELS

    client.get("/api/v1/pages/?limit=1"), client.get("/api/v1/pages/?limit=100")
    short, long = _queries(client, "/api/v1/pages/?limit=1"), _queries(client, "/api/v1/pages/?limit=100")
    assert long <= short + len(MODELS)


def test_a_page_detail_is_a_handful_of_queries(client, department):
    url = f"/api/v1/pages/{department['service'].pk}/"
    # Twice: the first view creates the site's city settings (Wagtail's ``for_site``), and saving
    # them forgets what that view kept (the site among them).
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # tests/test_api_query_counts.py names each query of a detail on the demo city; here, one more
    # would be a query added to every service's detail.
    assert len(queries) == 2, "\n".join(query["sql"][:200] for query in queries)
