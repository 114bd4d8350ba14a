"""feedrail from Python, against the embedded sandbox: set up, validate, push, verify.

Against Codat itself: feedrail.Client(os.environ["FEEDRAIL_API_KEY"]) with no sandbox.
"""

import json
from decimal import Decimal
from pathlib import Path

import feedrail

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample-transactions.json"


def main() -> None:
    records = json.loads(SAMPLE.read_text(), parse_float=Decimal)

    with feedrail.Sandbox() as sandbox:
        client = feedrail.Client(sandbox.api_key, base_url=sandbox.url)
        company = client.create_company("Toft Stores")
        connection = client.create_connection(company.id)
        client.create_account(company.id, connection.id, {
            "id": "current", "account_name": "Current account", "account_type": "Debit",
            "account_number": "12345678", "sort_code": "040004", "currency": "GBP", "balance": Decimal("1000.00"),
        })
        # The Sage user enters the connection id and a one-time password your app shows them.
        otp = client.generate_otp(company.id, connection.id)
        print(f"connection id {connection.id}, one-time password {otp.otp} (until {otp.expiry:%H:%M} UTC)")
        sandbox.connect_account(company.id, connection.id, "current", otp=otp.otp)

        report = feedrail.validate(records)
        print(report)
        for issue in report.errors:
            print(f"  {issue.code}: {issue.message}")

        try:
            client.push_feed(company.id, connection.id, "current", records)
        except feedrail.ValidationError as err:
            print(f"refused before sending anything ({err.code}, {len(err.issues)} issues)")

        result = client.push_feed(company.id, connection.id, "current", records, skip_invalid=True, batch_size=5)
        print(result)

        ledger = sandbox.ledger(company.id, connection.id, "current")
        sent = [r["id"] for i, r in enumerate(records) if i not in result.skipped]
        assert [t.id for t in ledger.transactions] == sent
        assert ledger.balance == result.balance
        print(f"verified: {len(sent)} lines landed in order; balance {ledger.balance}")


if __name__ == "__main__":
    main()
