"""The rest of Codat's Bank Feeds surface from Python: companies listed and deleted, connections
unlinked and deleted, the push model, and the endpoints Codat answers for Sage with an error."""

import asyncio
from decimal import Decimal

import pytest

import feedrail


def test_companies_are_listed_filtered_and_deleted(client):
    ids = [client.create_company(name).id for name in ("Alpha Bakery", "Beta Stores", "Gamma Bakery")]
    page = client.list_companies(page_size=2)
    assert page.total_results == 3 and len(page.results) == 2 and page.links.next
    assert [c.id for c in client.iter_companies(page_size=1)] == ids
    assert [c.name for c in client.iter_companies(query="name~bakery")] == ["Alpha Bakery", "Gamma Bakery"]
    with pytest.raises(feedrail.BadRequestError, match="colour"):
        client.list_companies(query="colour=blue")
    with pytest.raises(feedrail.ConfigError, match="out of range"):
        client.list_companies(page=0)
    client.delete_company(ids[1])
    with pytest.raises(feedrail.NotFoundError):
        client.get_company(ids[1])
    assert [c.id for c in client.iter_companies()] == [ids[0], ids[2]]


def test_connections_are_unlinked_then_deleted(client, account):
    company, connection, acc = account
    assert client.unlink_connection(company, connection).status == "Unlinked"
    assert client.get_account(company, connection, acc).status == "disconnected"
    client.delete_connection(company, connection)
    with pytest.raises(feedrail.NotFoundError):
        client.get_connection(company, connection)
    with pytest.raises(feedrail.NotFoundError):
        client.unlink_connection(company, connection)


def test_push_model_and_mappings(client, account):
    company, connection, acc = account
    model = client.get_bank_transactions_model(company, connection, acc)
    line = model.properties["transactions"].properties
    assert all(line[f].required for f in ("id", "date", "description", "amount", "balance", "transaction_type"))
    assert "Debit" in [o.value for o in line["transaction_type"].options]
    (mapping,) = client.list_account_mappings(company, connection)
    assert mapping.source_account_id == acc and mapping.status == "connected"
    assert mapping.source_balance == Decimal("0") and isinstance(mapping.source_balance, Decimal)
    with pytest.raises(feedrail.NotFoundError):
        client.get_bank_transactions_model(company, connection, "nope")


def test_sage_answers_info_credentials_and_mapping_with_codats_error(client, account):
    company, connection, acc = account
    with pytest.raises(feedrail.BadRequestError, match="not supported for Sage") as info:
        client.get_company_information(company, connection)
    assert info.value.status == 400
    with pytest.raises(feedrail.BadRequestError, match="QuickBooks Online"):
        client.generate_credentials(company, connection)
    with pytest.raises(feedrail.BadRequestError, match="QuickBooks Online"):
        client.delete_credentials(company, connection)
    with pytest.raises(feedrail.BadRequestError, match="inside Sage"):
        client.create_account_mapping(company, connection, acc, target_account_id="t-1")
    with pytest.raises(feedrail.ConfigError, match="source account id"):
        client.create_account_mapping(company, connection, " ")


def test_the_async_client_has_the_same_operations(sandbox):
    async def main():
        client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url)
        company = await client.create_company("Async Ltd")
        connection = await client.create_connection(company.id)
        assert [c.id async for c in client.iter_companies()] == [company.id]
        assert (await client.list_account_mappings(company.id, connection.id)) == []
        assert (await client.unlink_connection(company.id, connection.id)).status == "Unlinked"
        with pytest.raises(feedrail.BadRequestError):
            await client.get_company_information(company.id, connection.id)
        await client.delete_connection(company.id, connection.id)
        await client.delete_company(company.id)
        assert (await client.list_companies()).total_results == 0

    asyncio.run(main())


def test_dates_land_as_written_unless_a_time_zone_converts_them(client, sandbox, account):
    company, connection, acc = account
    line = {"description": "Coffee", "amount": "-2.50", "transaction_type": "Debit"}
    mixed = [{**line, "id": "a", "date": "2026-06-01T10:00:00+02:00", "balance": "-2.50"},
             {**line, "id": "b", "date": "2026-06-01T09:00:00Z", "balance": "-5.00"}]
    report = feedrail.validate(mixed, today="2026-06-30")
    assert [(i.index, i.code) for i in report.errors] == [(1, "OUT_OF_ORDER")]
    assert [(i.index, i.code) for i in report.warnings] == [(1, "MIXED_OFFSETS")]
    assert "write every date in one offset" in report.warnings[0].message
    assert feedrail.validate(mixed, today="2026-06-30", time_zone="Europe/London").ok
    with pytest.raises(feedrail.ConfigError, match="time_zone"):
        feedrail.validate(mixed, time_zone="Mars/Olympus")
    future = feedrail.validate([{**line, "id": "c", "date": "2026-07-01T00:30:00+01:00", "balance": "1"}],
                               today="2026-06-30")
    assert "2026-06-30, the day in UTC" in future.errors[0].message

    import datetime as dt
    utc = dt.timezone.utc
    instants = [{**line, "id": "d", "date": dt.datetime(2026, 6, 30, 23, 30, tzinfo=utc), "balance": "-2.50"},
                {**line, "id": "e", "date": "2026-07-01T07:00:00", "balance": "-5.00"}]
    client.push_feed(company, connection, acc, instants, today="2026-07-01", time_zone="Europe/London")
    landed = sandbox.ledger(company, connection, acc).transactions
    assert [str(t.date) for t in landed][:1] in (["2026-07-01T00:30:00"], ["2026-07-01 00:30:00"])
