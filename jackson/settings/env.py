"""Small, strict readers for environment variables.

Configuration comes from the environment only; these helpers keep the parsing
in one place so that "1", "true" and "yes" mean the same everywhere.
"""

import os

TRUE_VALUES = {"1", "true", "yes", "on"}


def env_str(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in TRUE_VALUES


def env_list(name, default=None):
    value = os.environ.get(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]
