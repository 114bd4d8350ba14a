"""Webhooks: real signed deliveries from the sandbox to a receiver on loopback, verified in Python
and handed to the client, whose waits end on them."""

import base64
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import feedrail
from feedrail import webhooks

from test_client import lines


class Receiver:
    """An HTTP server on loopback recording each delivery and handing it to `client` if set."""

    def __init__(self):
        self.client = None
        self.deliveries = []
        self.events = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.deliveries.append((body, dict(self.headers.items())))
                status = 200
                if receiver.client is not None:
                    try:
                        receiver.events.append(receiver.client.handle_webhook(body, self.headers))
                    except feedrail.WebhookReplayError:
                        pass
                    except feedrail.FeedrailError:
                        status = 400
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/codat"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, n):
        deadline = time.monotonic() + 10
        while len(self.deliveries) < n:
            assert time.monotonic() < deadline, f"{len(self.deliveries)} of {n} deliveries arrived"
            time.sleep(0.01)
        return self.deliveries[n - 1]


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()


def setup_account(client, sandbox, account_id="acc-1"):
    company = client.create_company("Toft Stores")
    connection = client.create_connection(company.id)
    client.create_account(company.id, connection.id,
                          {"id": account_id, "account_name": "Current", "account_type": "Debit",
                           "account_number": "12345678", "sort_code": "040004", "currency": "GBP", "balance": 0})
    sandbox.connect_account(company.id, connection.id, account_id)
    return company.id, connection.id, account_id


def sign(secret, msg_id, timestamp, body):
    """Svix's scheme, written out with the standard library as an independent check."""
    key = base64.b64decode(secret.removeprefix("whsec_"))
    digest = hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def test_each_push_ends_on_its_event_with_one_status_poll(receiver):
    with feedrail.Sandbox(delay_ms=200) as sandbox:
        endpoint = sandbox.add_webhook(receiver.url)
        assert endpoint.secret.startswith("whsec_")
        client = feedrail.Client(sandbox.api_key, base_url=sandbox.url, webhook_secret=endpoint.secret)
        receiver.client = client
        company, connection, acc = setup_account(client, sandbox)
        feed = lines(3000)
        before = sandbox.status_polls()
        started = time.monotonic()
        report = client.push_feed(company, connection, acc, feed)
        took = time.monotonic() - started
        assert report.complete and report.landed == 3000
        assert [t.id for t in sandbox.ledger(company, connection, acc).transactions] == [r["id"] for r in feed]
        # One poll per batch, read after its event; none waited for the 5 s fallback.
        assert sandbox.status_polls() - before == 3
        assert took < 5, took
        writes = [e for e in receiver.events if e.event_type.startswith("bankTransactions.write")]
        assert [e.payload.id for e in writes] == [b.push_operation_key for b in report.batches]
        assert {e.payload.status for e in writes} == {"Success"}
        assert writes[0].payload.connection_id == connection
        assert writes[0].payload.reference_company.id == company


def test_real_deliveries_tampered_replayed_late_or_under_another_secret_are_refused(receiver, sandbox, client):
    endpoint = sandbox.add_webhook(receiver.url)
    secret = endpoint.secret
    company, connection, acc = setup_account(client, sandbox)
    body, headers = receiver.wait_for(1)

    event = webhooks.verify(body, headers, secret)
    assert event.event_type == "bankFeeds.sourceAccount.connected"
    assert event.payload.source_account.id == acc
    assert event.payload.reference_company.id == company
    # Our signature is Svix's, as the standard library computes it.
    assert sign(secret, headers["svix-id"], headers["svix-timestamp"], body) in headers["svix-signature"].split()

    verifier = webhooks.Verifier(secret)
    verifier.verify(body, headers)
    with pytest.raises(feedrail.WebhookReplayError) as replay:
        verifier.verify(body, headers)
    assert replay.value.code == "WEBHOOK_REPLAY"
    with pytest.raises(feedrail.WebhookSignatureError):
        webhooks.verify(body.replace(b'"connectionId"', b'"connectionId" '), headers, secret)
    with pytest.raises(feedrail.WebhookSignatureError):
        webhooks.verify(body, headers, "whsec_" + base64.b64encode(b"someone else's").decode())
    old = int(time.time()) - 600
    late = {**headers, "svix-timestamp": str(old), "svix-signature": sign(secret, headers["svix-id"], old, body)}
    with pytest.raises(feedrail.WebhookSignatureError, match="old"):
        webhooks.verify(body, late, secret)
    # ...unless the tolerance allows it.
    assert webhooks.verify(body, late, secret, tolerance=900).id == event.id
    missing = {k: v for k, v in headers.items() if k.lower() != "svix-signature"}
    with pytest.raises(feedrail.WebhookSignatureError, match="svix-signature"):
        webhooks.verify(body, missing, secret)

    sandbox.disconnect_account(company, connection, acc)
    body, headers = receiver.wait_for(2)
    assert webhooks.verify(body, list(headers.items()), secret).event_type == "bankFeeds.sourceAccount.disconnected"


def test_unknown_event_types_pass_through_and_non_events_are_refused():
    secret = "whsec_" + base64.b64encode(b"an endpoint key").decode()
    now = int(time.time())
    body = json.dumps({"id": "e1", "eventType": "invoices.write.successful",
                       "generatedDate": "2026-11-29T10:00:00Z", "payload": {"anyThing": [1, "two"]}}).encode()
    headers = {"svix-id": "m1", "svix-timestamp": str(now), "svix-signature": sign(secret, "m1", now, body)}
    event = webhooks.verify(body, headers, secret)
    assert event.event_type == "invoices.write.successful"
    assert event.payload == {"any_thing": [1, "two"]}, "an unknown payload stays a dict"
    for bad in [b"not json", b'{"eventType": "x"}']:
        signed = {**headers, "svix-signature": sign(secret, "m1", now, bad)}
        with pytest.raises(feedrail.WebhookPayloadError):
            webhooks.verify(bad, signed, secret)


def test_a_handled_event_ends_a_wait_and_bad_settings_are_config_errors(sandbox):
    with pytest.raises(feedrail.ConfigError, match="whsec_"):
        feedrail.Client(sandbox.api_key, base_url=sandbox.url, webhook_secret="not a secret!")
    with pytest.raises(feedrail.ConfigError):
        webhooks.Verifier("")
    plain = feedrail.Client(sandbox.api_key, base_url=sandbox.url)
    with pytest.raises(feedrail.ConfigError, match="webhook secret"):
        plain.handle_webhook(b"{}", {})
    assert "whsec" not in repr(webhooks.Verifier("whsec_" + base64.b64encode(b"k").decode()))


def test_the_async_client_handles_deliveries_too(receiver):
    import asyncio

    async def main():
        with feedrail.Sandbox(delay_ms=100) as sandbox:
            endpoint = sandbox.add_webhook(receiver.url)
            client = feedrail.AsyncClient(sandbox.api_key, base_url=sandbox.url, webhook_secret=endpoint.secret)
            receiver.client = client
            company = await client.create_company("Async Ltd")
            connection = await client.create_connection(company.id)
            await client.create_account(company.id, connection.id,
                                        {"id": "a", "account_name": "A", "account_type": "Debit", "account_number": "1",
                                         "sort_code": "040004", "currency": "GBP", "balance": 0})
            sandbox.connect_account(company.id, connection.id, "a")
            before = sandbox.status_polls()
            report = await client.push_feed(company.id, connection.id, "a", lines(1500))
            assert report.complete
            assert sandbox.status_polls() - before == 2
            assert sandbox.webhook_stats()[0].delivered >= 3

    asyncio.run(main())


def test_a_proxy_never_sees_the_key_in_clear(sandbox):
    with pytest.raises(feedrail.ConfigError, match="in clear"):
        feedrail.Client(sandbox.api_key, base_url=sandbox.url, proxy="http://127.0.0.1:9")
    assert feedrail.Client("k", proxy="http://127.0.0.1:9").base_url == "https://api.codat.io/"
