// The JVM benchmark: the library's cold load in a fresh JVM, then `validate` of 100k
// transactions held as Kotlin objects (written to the core as JSON and checked there).
import dev.feedrail.errorCodes
import dev.feedrail.types.TransactionInput
import dev.feedrail.types.ValidateOptions
import dev.feedrail.validate
import java.math.BigDecimal
import java.time.LocalDateTime

fun main() {
    val start = System.nanoTime()
    errorCodes()
    val load = (System.nanoTime() - start) / 1e6
    println("cold load (JNA + native library + first call): %.1f ms".format(load))

    val n = 100_000
    var balance = BigDecimal("1000000.00")
    val day = LocalDateTime.of(2025, 1, 1, 0, 0)
    val lines = (0 until n).map { i ->
        val amount = BigDecimal(if (i % 3 == 0) "25.10" else "-3.45")
        balance += amount
        TransactionInput(
            id = "tx-$i", date = day.plusSeconds(i * 60L), description = "Card payment $i",
            amount = amount, balance = balance, transactionType = if (amount.signum() < 0) "Debit" else "Credit",
        )
    }
    val options = ValidateOptions(today = "2026-01-01")
    repeat(3) { validate(lines, options) }
    val rates = (1..7).map {
        val t = System.nanoTime()
        val report = validate(lines, options)
        check(report.errors.isEmpty() && report.validIndices.size == n)
        n / ((System.nanoTime() - t) / 1e9)
    }.sorted()
    println("validate %d Kotlin objects: median %.2fM tx/s (best %.2fM, worst %.2fM)".format(n, rates[3] / 1e6, rates.last() / 1e6, rates.first() / 1e6))
    val packing = (1..7).map {
        val t = System.nanoTime()
        dev.feedrail.types.packRecords(lines)
        (System.nanoTime() - t) / 1e6
    }.sorted()
    println("of which packing the objects: median %.1f ms per %d".format(packing[3], n))
}
