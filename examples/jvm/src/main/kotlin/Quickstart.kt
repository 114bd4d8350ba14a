// feedrail from Kotlin, against the embedded sandbox: set up, validate, push, verify.
//
// Against Codat itself: Client(ClientOptions(apiKey = System.getenv("FEEDRAIL_API_KEY"))) and no sandbox.
import dev.feedrail.Client
import dev.feedrail.FeedrailException
import dev.feedrail.Sandbox
import dev.feedrail.code
import dev.feedrail.progressOf
import dev.feedrail.types.ClientOptions
import dev.feedrail.types.FeedOptions
import dev.feedrail.types.FeedrailJson
import dev.feedrail.types.ProgressEventBatchLanded
import dev.feedrail.types.SourceAccountInput
import dev.feedrail.types.TransactionInput
import dev.feedrail.validate
import java.io.File
import java.math.BigDecimal
import kotlinx.coroutines.runBlocking

fun main(): Unit = runBlocking {
    // Money is read from the JSON's digits into BigDecimal: exact, never a double.
    val data = File(System.getProperty("feedrail.data") ?: "examples/data", "sample-transactions.json")
    val records = FeedrailJson.decode<List<TransactionInput>>(data.readText())

    Sandbox.start().use { sandbox ->
        val client = Client(ClientOptions(apiKey = sandbox.apiKey(), baseUrl = sandbox.url()))
        val company = client.createCompany("Toft Stores")
        val connection = client.createConnection(company.id)
        client.createAccount(company.id, connection.id, SourceAccountInput(
            id = "current", accountName = "Current account", accountType = "Debit",
            accountNumber = "12345678", sortCode = "040004", currency = "GBP", balance = BigDecimal("1000.00"),
        ))
        // The Sage user enters the connection id and a one-time password your app shows them.
        val otp = client.generateOtp(company.id, connection.id)
        println("connection id ${connection.id}, one-time password ${otp.otp}")
        sandbox.connectAccount(company.id, connection.id, "current", otp.otp)

        val report = validate(records)
        println("${report.checked} checked: ${report.errors.size} errors, ${report.warnings.size} warnings")
        report.errors.forEach { println("  ${it.code}: ${it.message}") }

        try {
            client.pushFeed(company.id, connection.id, "current", records)
        } catch (e: FeedrailException.Validation) {
            println("refused before sending anything (${e.code})")
        }

        val result = client.pushFeed(
            company.id, connection.id, "current", records,
            FeedOptions(skipInvalid = true, batchSize = 5),
            progressOf { if (it is ProgressEventBatchLanded) println("  batch ${it.sequence}: ${it.landed}/${it.total} landed") },
        )
        println("${result.landed} landed in ${result.batches.size} batches; balance ${result.balance}")

        val ledger = sandbox.ledger(company.id, connection.id, "current")
        val sent = records.filterIndexed { i, _ -> i.toLong() !in result.skipped }.map { it.id }
        check(ledger.transactions.map { it.id } == sent) { "the ledger differs from what was sent" }
        check(ledger.balance == result.balance)
        println("verified: ${sent.size} lines landed in order; balance ${ledger.balance}")
    }
}
