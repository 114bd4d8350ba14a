package dev.feedrail

import dev.feedrail.types.FaultConfig
import dev.feedrail.types.FeedOptions
import dev.feedrail.types.ProgressEvent
import dev.feedrail.types.ProgressEventBatchLanded
import java.math.BigDecimal
import java.util.Collections
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import kotlinx.coroutines.TimeoutCancellationException
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class ClientTest {
    private val c = client()

    @Test
    fun `a feed lands in order with its balance, connected by the OTP flow`(): Unit = runBlocking {
        val company = c.createCompany("OTP").id
        val connection = c.createConnection(company).id
        val account = c.createAccount(company, connection, dev.feedrail.types.SourceAccountInput(
            id = "otp-acc", accountName = "Current", accountType = "checking", accountNumber = "12345678",
            sortCode = "40-47-84", currency = "GBP", balance = BigDecimal.ZERO,
        ))
        assertEquals("pending", account.status)
        val otp = c.generateOtp(company, connection)
        sandbox.connectAccount(company, connection, account.id, otp.otp)
        val lines = feed(2500)
        val events = Collections.synchronizedList(mutableListOf<ProgressEvent>())
        val report = c.pushFeed(company, connection, account.id, lines, FeedOptions(today = "2026-01-01"), progressOf { events.add(it) })
        assertEquals(2500L, report.landed)
        val ledger = sandbox.ledger(company, connection, account.id)
        assertEquals(lines.map { it.id }, ledger.transactions.map { it.id })
        assertEquals(BigDecimal("-3025.00"), ledger.balance)
        assertEquals(3, events.count { it is ProgressEventBatchLanded })
        // Money stays exact: the scale survives the round trip.
        assertEquals("-1.25", ledger.transactions[0].amount.toPlainString())
    }

    @Test
    fun `invalid lines are refused with every finding and nothing is sent`(): Unit = runBlocking {
        val s = setup(c)
        val lines = feed(3).toMutableList()
        lines[1] = lines[1].copy(amount = null)
        lines[2] = lines[2].copy(date = lines[0].date)
        val e = assertThrows<FeedrailException.Validation> {
            runBlocking { c.pushFeed(s.company, s.connection, s.accounts[0], lines, FeedOptions(today = "2026-01-01")) }
        }
        assertEquals("VALIDATION", e.code)
        assertTrue(e.message!!.contains("amount"), e.message)
        assertEquals(0, sandbox.ledger(s.company, s.connection, s.accounts[0]).transactions.size)
    }

    @Test
    fun `a push the server fails is PushFailed and lands nothing`(): Unit = runBlocking {
        val s = setup(c)
        sandbox.setFaults(FaultConfig(pushFailed = 1.0, seed = 1))
        try {
            val e = assertThrows<FeedrailException.PushFailed> {
                runBlocking { c.pushFeed(s.company, s.connection, s.accounts[0], feed(5), FeedOptions(today = "2026-01-01")) }
            }
            assertEquals("PUSH_FAILED", e.details.code)
            assertEquals(0, sandbox.ledger(s.company, s.connection, s.accounts[0]).transactions.size)
        } finally {
            sandbox.setFaults()
        }
    }

    @Test
    fun `a fault run from coroutines, pushed again until done, loses and repeats nothing`(): Unit = runBlocking {
        val s = setup(c, accounts = 5)
        val feeds = s.accounts.associateWith { feed(1200, prefix = it) }
        sandbox.setFaults(FaultConfig(
            seed = 11, error500 = 0.04, error503 = 0.04, rateLimited = 0.04, resetBeforeCommit = 0.04,
            resetAfterCommit = 0.04, pushFailed = 0.05, pushTimedOut = 0.05, timedOutLanded = 0.05,
        ))
        try {
            var pending = s.accounts.toSet()
            var round = 0
            while (pending.isNotEmpty() && round++ < 30) {
                pending = pending.map { a ->
                    async {
                        try {
                            c.pushFeed(s.company, s.connection, a, feeds.getValue(a), FeedOptions(today = "2026-01-01", batchSize = 250))
                            null
                        } catch (e: FeedrailException) {
                            assertTrue(e !is FeedrailException.Validation, e.message)
                            a
                        }
                    }
                }.awaitAll().filterNotNull().toSet()
            }
            assertEquals(emptySet<String>(), pending)
        } finally {
            sandbox.setFaults()
        }
        for (a in s.accounts) {
            assertEquals(feeds.getValue(a).map { it.id }, sandbox.ledger(s.company, s.connection, a).transactions.map { it.id }, a)
        }
    }

    @Test
    fun `pushFeeds gives one outcome per account`(): Unit = runBlocking {
        val s = setup(c, accounts = 2)
        val outcomes = c.pushFeeds(s.company, s.connection, mapOf(s.accounts[1] to feed(2, prefix = "b").map { it.copy(balance = null) }, s.accounts[0] to feed(3, prefix = "a")), FeedOptions(today = "2026-01-01"))
        assertEquals(s.accounts, outcomes.map { it.accountId })
        val byAccount = outcomes.associateBy { it.accountId }
        assertEquals(3L, byAccount.getValue(s.accounts[0]).report!!.landed)
        assertEquals("VALIDATION", byAccount.getValue(s.accounts[1]).error!!.code)
    }

    @Test
    fun `a cancelled coroutine cancels the wait`(): Unit = runBlocking {
        val slow = Sandbox.start(60_000)
        val cl = Client(dev.feedrail.types.ClientOptions(apiKey = slow.apiKey(), baseUrl = slow.url()))
        val company = cl.createCompany("slow").id
        val connection = cl.createConnection(company).id
        val account = cl.createAccount(company, connection, dev.feedrail.types.SourceAccountInput(id = "a", accountName = "A", accountType = "checking", accountNumber = "1", sortCode = "40-47-84", currency = "GBP", balance = BigDecimal.ZERO)).id
        slow.connectAccount(company, connection, account)
        val started = System.nanoTime()
        assertThrows<TimeoutCancellationException> {
            runBlocking { withTimeout(300) { cl.pushFeed(company, connection, account, feed(1), FeedOptions(today = "2026-01-01")) } }
        }
        assertTrue(System.nanoTime() - started < 30_000_000_000L)
        slow.stop()
    }

    @Test
    fun `the push history is read page after page`(): Unit = runBlocking {
        val s = setup(c)
        c.pushFeed(s.company, s.connection, s.accounts[0], feed(30), FeedOptions(today = "2026-01-01", batchSize = 10))
        val keys = mutableListOf<String>()
        val it = c.pushOperations(s.company, dev.feedrail.types.ListOptions(pageSize = 2))
        while (true) keys.add((it.next() ?: break).pushOperationKey)
        assertEquals(3, keys.toSet().size)
    }

    @Test
    fun `an API key never shows`() {
        val options = dev.feedrail.types.ClientOptions(apiKey = "sk_live_secret", baseUrl = sandbox.url())
        assertTrue(!options.toString().contains("sk_live_secret"), options.toString())
    }
}
