package dev.feedrail

import dev.feedrail.types.FeedOptions
import dev.feedrail.types.TransactionInput
import dev.feedrail.types.ValidateOptions
import java.math.BigDecimal
import java.time.LocalDateTime
import kotlinx.coroutines.runBlocking
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Bad input gets the core's error, saying where: never a crash, never another meaning. */
class MalformedTest {
    private val day = ValidateOptions(today = "2026-01-01")
    private val line = TransactionInput(
        id = "a", date = LocalDateTime.of(2025, 1, 1, 9, 0), description = "x",
        amount = BigDecimal("-1.00"), balance = BigDecimal("9.00"), transactionType = "Debit",
    )

    private fun findings(report: dev.feedrail.types.ValidationReport) =
        report.errors.map { "${it.index}|${it.code}|${it.field}" }

    @Test
    fun `wrong types are findings naming the line and field`() {
        val report = validateJson(
            """[{"id":"a","date":"2025-01-01T09:00:00","description":"x","amount":"abc","balance":"9","transactionType":"Debit"},
               {"id":5,"date":"yesterday","description":"y","amount":{"v":1},"balance":true,"transactionType":"Debit"}, 7]""",
            day,
        )
        val got = findings(report)
        assertTrue("0|INVALID_FIELD|amount" in got, got.toString())
        assertTrue(got.any { it.startsWith("1|") && it.endsWith("|date") }, got.toString())
        assertTrue(got.any { it.startsWith("2|INVALID_RECORD") }, got.toString())
        assertEquals(3L, report.checked)
    }

    @Test
    fun `a NaN or a broken document is Config naming the place`() {
        val nan = assertThrows<FeedrailException.Config> { validateJson("""[{"id":"a","amount":NaN}]""", day) }
        assertTrue(nan.message!!.contains("line 1 column"), nan.message)
        val notList = assertThrows<FeedrailException.Config> { validateJson("""{"id":"a"}""", day) }
        assertTrue(notList.message!!.contains("array"), notList.message)
        val option = assertThrows<FeedrailException.Config> {
            runBlocking { client().pushFeed("c", "k", "a", listOf(line), FeedOptions(waitTimeout = Double.NaN)) }
        }
        assertTrue(option.message!!.contains("waitTimeout"), option.message)
    }

    @Test
    fun `a huge decimal is a finding, not a rounded amount`() {
        val report = validate(listOf(line.copy(amount = BigDecimal("1e400"), balance = BigDecimal("1e400"))), day)
        assertTrue(findings(report).any { it == "0|INVALID_FIELD|amount" }, findings(report).toString())
        val precise = validate(listOf(line.copy(amount = BigDecimal("-0.10"), balance = BigDecimal("9.90"))), day)
        assertEquals(emptyList<String>(), findings(precise))
    }

    @Test
    fun `text that is not ASCII crosses intact`() {
        val id = "café-✓-\uD83D\uDCB7"
        val report = validate(listOf(line.copy(id = id), line.copy(id = id, date = LocalDateTime.of(2025, 1, 2, 9, 0))), day)
        assertEquals(listOf("1|DUPLICATE_ID|id"), findings(report))
        assertEquals(id, report.errors.single().transactionId)
    }

    @Test
    fun `a null record from Java is Config naming its index`() {
        @Suppress("UNCHECKED_CAST")
        val records = listOf(line, null) as List<TransactionInput>
        val e = assertThrows<FeedrailException.Config> { validate(records, day) }
        assertTrue(e.message!!.contains("records[1]"), e.message)
        assertEquals("CONFIG", e.code)
    }

    @Test
    fun `bad options are Config naming the option`() {
        val e = assertThrows<FeedrailException.Config> { validate(listOf(line), ValidateOptions(timeZone = "Mars/Olympus")) }
        assertTrue(e.message!!.contains("time_zone") || e.message!!.contains("timeZone"), e.message)
        val retries = assertThrows<FeedrailException.Config> { client().withOptions(maxRetries = -1) }
        assertTrue(retries.message!!.contains("max_retries") || retries.message!!.contains("maxRetries"), retries.message)
    }
}
