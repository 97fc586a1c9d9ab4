"""core/protection.py: the cache-friendly guard shared by every public form."""

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import override_settings

from core.protection import HONEYPOT_FIELD, TIMESTAMP_FIELD, SubmissionGuard, client_address, hashed_client
from tests.guard_helpers import post, valid_data


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_fields_are_the_same_for_every_visitor_within_a_granule(clock, monkeypatch):
    guard = SubmissionGuard("feedback")
    first = guard.fields_context()
    real_time = __import__("time").time
    monkeypatch.setattr("time.time", lambda: real_time() + 7)  # the real clock moves on; the stamp must not
    assert guard.fields_context() == first
    clock[0] += 0.5
    assert guard.fields_context() == SubmissionGuard("feedback").fields_context()


@override_settings(SUBMISSION_GUARD_TIMESTAMP_GRANULARITY=60)
def test_coarse_granularity_keeps_render_identical_for_a_minute(clock):
    guard = SubmissionGuard("feedback")
    clock[0] = 1_800_000_020.0
    first = guard.fields_context()
    clock[0] += 30
    assert guard.fields_context() == first


def test_valid_submission_passes(clock):
    guard = SubmissionGuard("feedback")
    verdict = guard.check(post(valid_data(guard, clock)))
    assert verdict.ok and not verdict.spam


def test_honeypot_is_spam_but_answered_as_success(clock):
    guard = SubmissionGuard("feedback")
    data = valid_data(guard, clock)
    data[HONEYPOT_FIELD] = "http://spam.example"
    verdict = guard.check(post(data))
    assert verdict.ok and verdict.spam and verdict.reason == "honeypot"


def test_too_fast_is_spam(clock):
    guard = SubmissionGuard("feedback", min_seconds=3)
    verdict = guard.check(post(valid_data(guard, clock, wait=1)))
    assert verdict.spam and verdict.reason == "too_fast"


@pytest.mark.parametrize("stamp", ["", "garbage", "MTc5:forged:signature", "1" * 5000])
def test_missing_or_forged_timestamp_is_spam(clock, stamp):
    guard = SubmissionGuard("feedback")
    verdict = guard.check(post({TIMESTAMP_FIELD: stamp}))
    assert verdict.spam and verdict.reason == "bad_timestamp"


def test_timestamp_from_another_form_is_rejected(clock):
    other = SubmissionGuard("department-form")
    guard = SubmissionGuard("feedback")
    data = valid_data(other, clock)
    assert guard.check(post(data)).reason == "bad_timestamp"


def test_timestamp_in_the_future_is_too_fast(clock):
    guard = SubmissionGuard("feedback")
    stamp = signing.Signer(salt=guard._salt).sign_object(int(clock[0]) + 3600)
    assert guard.check(post({TIMESTAMP_FIELD: stamp})).reason == "too_fast"


@pytest.mark.parametrize(
    "origin,referer,ok",
    [
        ("http://testserver", None, True),
        (None, "http://testserver/some/page/?q=1", True),
        ("https://evil.example", None, False),
        ("https://evil.example", "http://testserver/", False),  # Origin wins when present
        ("null", None, False),
        (None, None, False),
        (None, "http://testserver.evil.example/", False),
        ("javascript:alert(1)", None, False),
    ],
)
def test_same_origin_check(clock, origin, referer, ok):
    guard = SubmissionGuard("feedback")
    verdict = guard.check(post(valid_data(guard, clock), origin=origin, referer=referer))
    assert verdict.ok is ok
    if not ok:
        assert verdict.status == 403 and verdict.reason == "cross_origin"


@override_settings(CSRF_TRUSTED_ORIGINS=["https://www.jacksonms.example"])
def test_trusted_origins_are_accepted(clock):
    guard = SubmissionGuard("feedback")
    assert guard.check(post(valid_data(guard, clock), origin="https://www.jacksonms.example")).ok


def test_rate_limit_per_client(clock):
    guard = SubmissionGuard("feedback", rate=3, per=60)
    data = valid_data(guard, clock)
    results = [guard.check(post(data, addr="198.51.100.7")) for _ in range(5)]
    assert [v.ok for v in results] == [True, True, True, False, False]
    assert results[-1].status == 429 and results[-1].reason == "rate_limited"
    # Someone else is unaffected, and so is another form for the same client.
    assert guard.check(post(data, addr="198.51.100.8")).ok
    other = SubmissionGuard("other", rate=3)
    assert other.check(post(valid_data(other, clock), addr="198.51.100.7")).ok


def test_rate_key_never_contains_the_address():
    request = post(addr="198.51.100.77")
    key = SubmissionGuard("feedback").rate_key(request)
    assert "198.51.100.77" not in key
    assert hashed_client(request, "feedback") != hashed_client(post(addr="198.51.100.78"), "feedback")


def test_forwarded_for_ignored_unless_trusted():
    request = post(addr="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 5.6.7.8")
    assert client_address(request) == "10.0.0.1"
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_address(request) == "5.6.7.8"
    with override_settings(TRUSTED_PROXY_COUNT=2):
        assert client_address(request) == "1.2.3.4"
    with override_settings(TRUSTED_PROXY_COUNT=3):  # fewer hops than proxies: don't guess
        assert client_address(request) == "10.0.0.1"


def test_oversized_body_refused_before_reading(clock):
    guard = SubmissionGuard("feedback", max_body_bytes=100)
    verdict = guard.check(post({"what_went_wrong": "x" * 500}))
    assert not verdict.ok and verdict.status == 413 and verdict.reason == "too_large"


def test_rate_limit_fails_open_when_the_cache_is_down(clock, monkeypatch):
    from core import protection

    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr(protection.cache, "add", broken)
    guard = SubmissionGuard("feedback", rate=1)
    data = valid_data(guard, clock)
    assert all(guard.check(post(data)).ok for _ in range(3))


def test_stamps_in_the_older_dumps_format_still_count(clock):
    """Pages cached before the switch to a plain Signer (and test helpers) use signing.dumps()."""
    guard = SubmissionGuard("feedback")
    old = signing.dumps(int(clock[0]) - 60, salt=guard._salt, compress=False)
    assert guard.check(post({TIMESTAMP_FIELD: old})) == guard.check(post(valid_data(guard, clock)))
    assert not guard.check_content({TIMESTAMP_FIELD: old}).spam
