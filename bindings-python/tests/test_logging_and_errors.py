"""Logging goes to Python's `logging` under "feedrail" (never the key); errors are one hierarchy."""

import logging

import pytest

import feedrail


def test_requests_are_logged_without_the_key(sandbox, caplog):
    client = feedrail.Client(sandbox.api_key, base_url=sandbox.url)
    with caplog.at_level(logging.DEBUG, logger="feedrail"):
        client.create_company("Logged")
    text = "\n".join(r.getMessage() for r in caplog.records if r.name == "feedrail")
    assert "POST /companies" in text
    assert sandbox.api_key not in text


def test_every_error_class_has_its_code():
    for code, cls in feedrail._errors._BY_CODE.items():
        assert issubclass(cls, feedrail.FeedrailError)
        assert feedrail._errors.for_code(code) is cls
    assert feedrail._errors.for_code("SOMETHING_NEW") is feedrail.APIError


def test_error_attributes(client):
    with pytest.raises(feedrail.NotFoundError) as caught:
        client.get_company("missing")
    err = caught.value
    assert (err.code, err.status, err.retryable) == ("NOT_FOUND", 404, False)
    assert err.issues == [] and err.report is None
    assert "No company was found" in str(err)
