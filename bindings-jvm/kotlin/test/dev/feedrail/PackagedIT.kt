package dev.feedrail

import dev.feedrail.types.TransactionInput
import dev.feedrail.types.ValidateOptions
import java.math.BigDecimal
import java.time.LocalDateTime
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The packaged jar works on its own: its classes and native library come from the jar. */
class PackagedIT {
    @Test
    fun `the library loads from the jar with no JNA settings`() {
        val location = Client::class.java.protectionDomain.codeSource.location.toString()
        assertTrue(location.endsWith(".jar"), location)
        assertNull(System.getProperty("jna.library.path"))
        assertTrue(Client::class.java.getResource("/linux-x86-64/libfeedrail_jvm.so") != null)
        assertEquals(errorCodes().size, FeedrailException::class.sealedSubclasses.size)
        val report = validate(
            listOf(TransactionInput(id = "a", date = LocalDateTime.of(2025, 1, 1, 9, 0), description = "x",
                amount = BigDecimal("-1"), balance = BigDecimal("9"), transactionType = "Debit")),
            ValidateOptions(today = "2026-01-01"),
        )
        assertEquals(listOf(0L), report.validIndices)
    }
}
