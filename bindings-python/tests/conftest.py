import json
from pathlib import Path

import pytest

import feedrail

VECTORS = sorted((Path(__file__).resolve().parents[2] / "tests" / "vectors" / "cases").glob("*.json"))


@pytest.fixture
def sandbox():
    with feedrail.Sandbox() as sb:
        yield sb


@pytest.fixture
def client(sandbox):
    return feedrail.Client(sandbox.api_key, base_url=sandbox.url)


@pytest.fixture
def account(client, sandbox):
    """A company, a Sage connection and a connected account: (company_id, connection_id, account_id)."""
    company = client.create_company("Toft Stores")
    connection = client.create_connection(company.id)
    client.create_account(
        company.id,
        connection.id,
        {"id": "acc-1", "account_name": "Current", "account_type": "Debit", "account_number": "12345678",
         "sort_code": "040004", "currency": "GBP", "balance": 0},
    )
    sandbox.connect_account(company.id, connection.id, "acc-1")
    return company.id, connection.id, "acc-1"


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"), parse_float=str, parse_int=str)
