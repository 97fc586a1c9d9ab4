"""Every demo command refuses production settings, with one shared guard and a clear message."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = [
    ("seed_demo", [], "seed the demo city"),
    ("create_demo_admin", [], "create a demo admin"),
    ("create_demo_users", [], "create demo users"),
]


@pytest.mark.parametrize(("command", "args", "action"), COMMANDS)
def test_each_demo_command_refuses_production_settings_before_any_work(command, args, action, settings, db):
    settings.SETTINGS_MODULE = "jackson.settings.production"
    pages = Page.objects.count()
    with pytest.raises(CommandError) as refused:
        call_command(command, *args, stdout=io.StringIO())
    message = str(refused.value)
    assert f"Refusing to {action} under production settings (jackson.settings.production)" in message
    assert "DJANGO_SETTINGS_MODULE=jackson.settings.dev" in message
    assert Page.objects.count() == pages


def test_demo_accounts_keep_their_override_for_a_throwaway_server(settings, db):
    settings.SETTINGS_MODULE = "jackson.settings.production"
    settings.DEBUG = True
    output = io.StringIO()
    call_command("create_demo_admin", "--allow-production", stdout=output)
    assert "demo superuser" in output.getvalue()


def test_seed_demo_has_no_override(settings):
    settings.SETTINGS_MODULE = "jackson.settings.production"
    with pytest.raises(CommandError):
        call_command("seed_demo", "--skip-index", stdout=io.StringIO())
    with pytest.raises(CommandError, match="unrecognized arguments"):
        call_command("seed_demo", "--allow-production", stdout=io.StringIO())


def test_seed_demo_exits_non_zero_under_a_production_module_that_installs_the_demo(tmp_path):
    """A real process: a settings module named ``production`` that adds the demo app anyway.

    The command exists there, so only the guard stands between it and the database, which
    must not even be created.
    """
    (tmp_path / "production.py").write_text(
        "from jackson.settings.production import *  # noqa: F403\n"
        "from jackson.settings.production import INSTALLED_APPS\n"
        'INSTALLED_APPS = [*INSTALLED_APPS, "demo"]\n'
    )
    database = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "production",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(ROOT)]),
        "DJANGO_SECRET_KEY": "guard-test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": f"sqlite:///{database}",
        "CACHE_DIR": str(tmp_path / "cache"),
        "LOG_LEVEL": "ERROR",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo", "--skip-index"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Refusing to seed the demo city under production settings (production)" in result.stderr
    assert not database.exists() or database.stat().st_size == 0
