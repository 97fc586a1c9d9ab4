"""Configuration comes from the environment only, and production is strict about it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jackson.settings.env import env_bool, env_list
from jackson.settings.search import search_backends

ROOT = Path(__file__).resolve().parent.parent


def run_settings(module, **env):
    """Import a settings module in a clean interpreter with exactly this environment."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALLOWED_", "DATABASE_"))}
    clean.update(env)
    clean["DJANGO_SETTINGS_MODULE"] = module
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("jackson.settings.production", ALLOWED_HOSTS="example.gov")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_settings("jackson.settings.production", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_when_configured():
    result = run_settings("jackson.settings.production", DJANGO_SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.gov")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_env_helpers(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    monkeypatch.setenv("HOSTS", " a.gov, ,b.gov ")
    assert env_bool("FLAG") is True
    assert env_bool("MISSING_FLAG", True) is True
    assert env_list("HOSTS") == ["a.gov", "b.gov"]
    assert env_list("MISSING_LIST", ["x"]) == ["x"]


@pytest.mark.parametrize(
    "env, backend",
    [
        ({}, "search.backends.database"),
        ({"ELASTICSEARCH_URL": "http://127.0.0.1:9200"}, "wagtail.search.backends.elasticsearch9"),
        ({"OPENSEARCH_URL": "http://127.0.0.1:9200"}, "search.backends.opensearch3"),
    ],
)
def test_search_backend_chosen_by_environment(monkeypatch, env, backend):
    for name in ("ELASTICSEARCH_URL", "OPENSEARCH_URL", "SEARCH_INDEX_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    backends = search_backends()
    assert backends["default"]["BACKEND"] == backend
    if env:
        # The database backend stays configured so search can fall back to it.
        assert backends["database"]["BACKEND"] == "search.backends.database"
        assert backends["default"]["INDEX_PREFIX"] == "jackson_"


def test_database_url_and_redis_url_are_read(monkeypatch):
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/somewhere",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
    }
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'], "
        "settings.CACHES['default']['BACKEND'])"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="jackson.settings.dev")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    engine, name, cache = result.stdout.split()
    assert engine == "django.db.backends.postgresql"
    assert name == "somewhere"
    assert cache == "jackson.cache.JacksonRedisCache"


def test_public_pages_get_a_strict_csp_and_the_admin_does_not(client, home):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    admin = client.get("/admin/login/")
    assert "Content-Security-Policy" not in admin


@pytest.mark.parametrize("entry_point", ["jackson.wsgi", "jackson.asgi"])
def test_server_entry_points_default_to_production_settings(entry_point):
    """gunicorn/uvicorn without DJANGO_SETTINGS_MODULE: production, which refuses to start unconfigured."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALLOWED_"))}
    code = f"import {entry_point}"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr

    configured = dict(clean, DJANGO_SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.gov")
    code = f"import {entry_point}; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=configured, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["jackson.settings.production", "False"]


def deploy_check(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ALLOWED_", "EMAIL_", "SECURE_"))}
    clean.update(
        env,
        DJANGO_SETTINGS_MODULE="jackson.settings.production",
        DJANGO_SECRET_KEY="test-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    )
    clean.setdefault("ALLOWED_HOSTS", "example.gov")
    command = [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, cwd=ROOT, env=clean, capture_output=True, text=True)


def test_deploy_check_is_clean_when_everything_is_configured():
    result = deploy_check(
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
        EMAIL_HOST="smtp.example.gov",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_email_says_so_loudly():
    """Notification email printed to a console nobody reads is lost: start-up and check --deploy say so."""
    result = deploy_check(
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        SECURE_HSTS_PRELOAD="true",
    )
    assert result.returncode != 0
    assert "jackson.W001" in result.stderr + result.stdout
    assert "staff notifications will not be delivered" in result.stderr


def test_production_uses_smtp_when_an_email_host_is_set():
    result = run_settings(
        "jackson.settings.production", DJANGO_SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.gov", EMAIL_HOST="smtp.x.gov"
    )
    assert result.returncode == 0, result.stderr
    assert "not be delivered" not in result.stderr


def test_public_pages_switch_off_powerful_browser_features(client, home):
    policy = client.get("/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_readme_explains_where_make_run_serves_and_what_emails_link_to():
    """Issue 17, point 15: a newcomer running ``make run`` learns ``HOST=``/``PORT=`` (which the Makefile
    reads) and that notification emails link through ``WAGTAILADMIN_BASE_URL``."""
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "HOST ?=" in makefile and "PORT ?=" in makefile and "runserver $(HOST):$(PORT)" in makefile
    assert "make run PORT=" in readme and "HOST=" in readme
    run_section = readme[readme.index("make run PORT=") - 400 :][:1200]
    assert "WAGTAILADMIN_BASE_URL" in run_section
