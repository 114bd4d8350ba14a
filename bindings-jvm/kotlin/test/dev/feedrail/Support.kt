package dev.feedrail

import dev.feedrail.types.ClientOptions
import dev.feedrail.types.SourceAccountInput
import dev.feedrail.types.TransactionInput
import java.io.File
import java.math.BigDecimal
import java.time.LocalDateTime

/** The repository's root (Surefire sets `feedrail.root`). */
val root: File = File(System.getProperty("feedrail.root") ?: "..")

/** One sandbox for the suite, started on first use. */
val sandbox: Sandbox by lazy { Sandbox.start() }

/** A client of [sandbox], with [cursor] (default: in memory). */
fun client(cursor: String? = null): Client =
    Client(ClientOptions(apiKey = sandbox.apiKey(), baseUrl = sandbox.url(), cursor = cursor))

/** A company with a Sage connection and [accounts] connected source accounts. */
data class Setup(val company: String, val connection: String, val accounts: List<String>)

suspend fun setup(c: Client, accounts: Int = 1): Setup {
    val company = c.createCompany("JVM test").id
    val connection = c.createConnection(company).id
    val ids = (0 until accounts).map { i ->
        val account = c.createAccount(
            company, connection,
            SourceAccountInput(
                id = "acc-$i", accountName = "Current $i", accountType = "checking",
                accountNumber = "1234$i", sortCode = "40-47-84", currency = "GBP", balance = BigDecimal("0"),
            ),
        )
        sandbox.connectAccount(company, connection, account.id)
        account.id
    }
    return Setup(company, connection, ids)
}

/** [n] lines from [start], a day apart, each -1.25, with a running balance from [opening]. */
fun feed(n: Int, prefix: String = "t", start: LocalDateTime = LocalDateTime.of(2025, 1, 1, 9, 0), opening: BigDecimal = BigDecimal("100.00")): List<TransactionInput> {
    var balance = opening
    return (0 until n).map { i ->
        balance -= BigDecimal("1.25")
        TransactionInput(
            id = "$prefix-$i", date = start.plusHours(i.toLong()), description = "Coffee $i",
            amount = BigDecimal("-1.25"), balance = balance, transactionType = "Debit",
        )
    }
}
