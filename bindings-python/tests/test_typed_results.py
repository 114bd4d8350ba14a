"""Results are the classes generated from the Rust types: attributes, `repr` with secrets hidden,
equality by value, `to_dict()`, money as `Decimal` and times as `datetime`."""

from datetime import datetime, timezone
from decimal import Decimal

import pytest

import feedrail
from feedrail import webhooks


def test_results_are_typed_objects_with_attributes_equality_and_dicts(client):
    company = client.create_company("Typed Ltd", description="for the tests")
    assert type(company) is feedrail.Company
    assert company.name == "Typed Ltd" and company.description == "for the tests"
    assert company.created.tzinfo is not None and company.created <= datetime.now(timezone.utc)
    again = client.get_company(company.id)
    assert again == company and again is not company
    assert again != client.create_company("Other Ltd")
    as_dict = company.to_dict()
    assert as_dict["id"] == company.id and as_dict["data_connections"] == []
    assert company.to_dict(mode="json")["created"] == company.created.isoformat()
    assert repr(company).startswith("Company(created=datetime.datetime(")
    with pytest.raises(TypeError, match="unhashable"):
        hash(company)
    page = client.list_companies()
    assert isinstance(page, feedrail.CompanyPage) and all(isinstance(c, feedrail.Company) for c in page.results)


def test_secrets_never_show_in_a_repr(client):
    company = client.create_company("Secretive Ltd")
    connection = client.create_connection(company.id)
    otp = client.generate_otp(company.id, connection.id)
    assert otp.otp not in repr(otp) and "otp=<redacted>" in repr(otp)
    credentials = feedrail.Credentials(username="feed-user", password="hunter2")
    assert "hunter2" not in repr(credentials) and "feed-user" in repr(credentials)
    assert credentials.to_dict() == {"username": "feed-user", "password": "hunter2"}, "to_dict keeps everything"


def test_money_is_decimal_and_line_dates_are_wall_clock(client, sandbox, account):
    company, connection, acc = account
    line = {"id": "t1", "date": "2026-06-01T09:30:00", "description": "Coffee", "amount": "-2.10",
            "balance": "97.90", "transaction_type": "Debit"}
    report = client.push_feed(company, connection, acc, [line], today="2026-06-30")
    assert isinstance(report, feedrail.FeedReport) and report.complete
    assert report.balance == Decimal("97.90") and report.account_id == acc
    (landed,) = sandbox.ledger(company, connection, acc).transactions
    assert isinstance(landed, feedrail.Transaction)
    assert landed.amount == Decimal("-2.10") and landed.date == datetime(2026, 6, 1, 9, 30)


def test_progress_events_and_errors_carry_typed_objects(client, account):
    company, connection, acc = account
    events = []
    lines = [{"id": f"p{i}", "date": f"2026-06-0{i + 1}", "description": "x", "amount": "1", "balance": str(i + 1),
              "transaction_type": "Credit"} for i in range(3)]
    client.push_feed(company, connection, acc, lines, batch_size=2, today="2026-06-30", progress=events.append)
    assert [type(e).__name__ for e in events] == ["ProgressEventPlanned", "ProgressEventBatchSent",
                                                  "ProgressEventBatchLanded", "ProgressEventBatchSent",
                                                  "ProgressEventBatchLanded"]
    assert events[0].event == "planned" and events[0].transactions == 3 and events[-1].landed == 3
    with pytest.raises(feedrail.ValidationError) as caught:
        client.push_feed(company, connection, acc, [{**lines[0], "id": "p9", "date": "2026-06-09", "amount": "ten"}], today="2026-06-30")
    (issue,) = caught.value.issues
    assert isinstance(issue, feedrail.Issue) and (issue.code, issue.field, issue.index) == ("INVALID_FIELD", "amount", 0)


def test_an_event_object_goes_back_in(client):
    event = feedrail.WebhookEvent(id="e1", event_type="client.rateLimit.reset",
                                  generated_date=datetime(2026, 11, 29, 10, tzinfo=timezone.utc),
                                  payload=webhooks.RateLimitChanged(daily_quota=1000, quota_remaining=1000))
    client.handle_event(event)
    assert "RateLimitChanged(daily_quota=1000" in repr(event)
