package dev.feedrail

import com.sun.net.httpserver.HttpServer
import dev.feedrail.types.ClientOptions
import dev.feedrail.types.FeedOptions
import dev.feedrail.types.WebhookEvent
import dev.feedrail.types.WriteCompleted
import dev.feedrail.types.FeedrailJson
import java.net.InetSocketAddress
import java.util.Collections
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Real signed deliveries from the sandbox to a receiver on loopback, verified on the JVM. */
class WebhooksTest {
    /** A delivery as received: its raw body and headers. */
    data class Delivery(val body: String, val headers: Map<String, String>)

    @Test
    fun `deliveries are verified, replays refused, and the push's wait ends on them`(): Unit = runBlocking {
        val slow = Sandbox.start(300)
        val deliveries = Collections.synchronizedList(mutableListOf<Delivery>())
        val events = Collections.synchronizedList(mutableListOf<WebhookEvent>())
        var client: Client? = null
        val server = HttpServer.create(InetSocketAddress("127.0.0.1", 0), 0)
        server.createContext("/codat") { exchange ->
            val body = exchange.requestBody.readBytes().toString(Charsets.UTF_8)
            val headers = exchange.requestHeaders.entries.associate { (k, v) -> k.lowercase() to v.first() }
            deliveries.add(Delivery(body, headers))
            val status = try {
                client?.handleWebhook(body, headers)?.let(events::add)
                200
            } catch (e: FeedrailException.WebhookReplay) {
                200
            } catch (e: FeedrailException) {
                400
            }
            exchange.sendResponseHeaders(status, -1)
            exchange.close()
        }
        server.start()
        try {
            val endpoint = slow.addWebhook("http://127.0.0.1:${server.address.port}/codat")
            assertTrue(!endpoint.toString().contains(endpoint.secret), "the secret never shows")
            val c = Client(ClientOptions(apiKey = slow.apiKey(), baseUrl = slow.url(), webhookSecret = endpoint.secret))
            client = c
            val company = c.createCompany("hooks").id
            val connection = c.createConnection(company).id
            val account = c.createAccount(company, connection, dev.feedrail.types.SourceAccountInput(
                id = "h", accountName = "H", accountType = "checking", accountNumber = "1", sortCode = "40-47-84",
                currency = "GBP", balance = java.math.BigDecimal.ZERO,
            )).id
            slow.connectAccount(company, connection, account)
            val polls = slow.statusPolls()
            c.pushFeed(company, connection, account, feed(20), FeedOptions(today = "2026-01-01", batchSize = 10))
            assertTrue(slow.statusPolls() - polls <= 4, "the waits ended on events, not on polls")
            val writes = events.filter { it.eventType.startsWith("bankTransactions.write") }
            assertEquals(2, writes.size, events.toString())
            assertTrue(FeedrailJson.json.decodeFromJsonElement(WriteCompleted.serializer(), writes[0].payload).status.isNotEmpty())

            // The same delivery again is a replay; a tampered one is refused; a verifier checks without a client.
            val first = deliveries.first()
            assertThrows<FeedrailException.WebhookReplay> { c.handleWebhook(first.body, first.headers) }
            assertThrows<FeedrailException.WebhookSignature> { c.handleWebhook(first.body + " ", first.headers) }
            val verifier = WebhookVerifier(endpoint.secret)
            assertEquals(events.first().id, verifier.verify(first.body, first.headers).id)
            assertThrows<FeedrailException.WebhookReplay> { verifier.verify(first.body, first.headers) }
        } finally {
            server.stop(0)
            slow.close()
        }
    }
}
