"""Codat webhooks in a FastAPI app: each push ends on its signed `bankTransactions.write.*` event
instead of being polled, against the embedded sandbox.

In production, register https://your-app/codat/webhooks in the Codat Portal (Settings →
Webhooks), subscribe it to `bankTransactions.write.successful` and `.unsuccessful` (and
`bankFeeds.sourceAccount.connected` if you run workers), and give the endpoint's signing secret
to the client: feedrail.Client(api_key, webhook_secret=os.environ["CODAT_WEBHOOK_SECRET"]).
"""

import socket
import threading
import time

import uvicorn
from fastapi import FastAPI, Request, Response

import feedrail


def create_app(client: feedrail.Client) -> FastAPI:
    """The receiver: verify each delivery and hand it to the client that is waiting on it."""
    app = FastAPI()

    @app.post("/codat/webhooks")
    async def codat_webhook(request: Request) -> Response:
        try:
            event = client.handle_webhook(await request.body(), request.headers)
        except feedrail.WebhookReplayError:
            return Response(status_code=200)  # handled the first time it came
        except (feedrail.WebhookSignatureError, feedrail.WebhookPayloadError) as err:
            return Response(content=str(err), status_code=400)
        print(f"  event {event.event_type}")
        return Response(status_code=200)

    return app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> None:
    with feedrail.Sandbox(delay_ms=200) as sandbox:
        port = free_port()
        endpoint = sandbox.add_webhook(f"http://127.0.0.1:{port}/codat/webhooks")
        client = feedrail.Client(sandbox.api_key, base_url=sandbox.url, webhook_secret=endpoint.secret)

        server = uvicorn.Server(uvicorn.Config(create_app(client), host="127.0.0.1", port=port, log_level="warning"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.01)

        company = client.create_company("Toft Stores")
        connection = client.create_connection(company.id)
        client.create_account(company.id, connection.id, {
            "id": "current", "account_name": "Current account", "account_type": "Debit",
            "account_number": "12345678", "sort_code": "040004", "currency": "GBP", "balance": 0,
        })
        otp = client.generate_otp(company.id, connection.id)
        sandbox.connect_account(company.id, connection.id, "current", otp=otp.otp)

        records = [{"id": f"tx-{i:05d}", "date": f"2026-03-01T{i // 3600:02d}:{i // 60 % 60:02d}:{i % 60:02d}",
                    "description": f"Card payment {i}", "amount": "-1.00", "balance": f"{-(i + 1)}.00",
                    "transaction_type": "Debit"} for i in range(2500)]
        polls = sandbox.status_polls()
        started = time.monotonic()
        report = client.push_feed(company.id, connection.id, "current", records)
        took = time.monotonic() - started
        polls = sandbox.status_polls() - polls
        print(report)
        print(f"{len(report.batches)} batches in {took:.2f} s with {polls} status polls (one per batch, after its event)")
        assert report.complete and polls == len(report.batches)
        server.should_exit = True


if __name__ == "__main__":
    main()
