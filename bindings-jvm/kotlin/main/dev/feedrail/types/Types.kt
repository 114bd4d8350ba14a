// feedrail's types, generated from its Rust types by bindings-common/src/typegen/kotlin.rs
// (do not edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p feedrail-bindings typegen` rewrites it).
@file:UseSerializers(
    MoneySerializer::class,
    InstantSerializer::class,
    WallClockSerializer::class,
    DaySerializer::class,
    TemporalSerializer::class,
)
@file:OptIn(ExperimentalSerializationApi::class)

package dev.feedrail.types

import java.math.BigDecimal
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.temporal.Temporal
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.UseSerializers
import kotlinx.serialization.json.JsonClassDiscriminator
import kotlinx.serialization.json.JsonElement

/** One source account and its current or possible target accounts (`GET …/bankFeedAccounts/mapping`). */
@Serializable
data class AccountMapping(
    /** From when transactions can be fed. */
    @SerialName("feedStartDate") val feedStartDate: OffsetDateTime? = null,
    /** Your source account's id. */
    @SerialName("sourceAccountId") val sourceAccountId: String? = null,
    /** Its name. */
    @SerialName("sourceAccountName") val sourceAccountName: String? = null,
    /** Its number. */
    @SerialName("sourceAccountNumber") val sourceAccountNumber: String? = null,
    /** Its balance. */
    @SerialName("sourceBalance") val sourceBalance: BigDecimal? = null,
    /** Its currency. */
    @SerialName("sourceCurrency") val sourceCurrency: String? = null,
    /** Mapping state, e.g. `pending`, `connected`. */
    @SerialName("status") val status: String? = null,
    /** The target account it feeds, once mapped. */
    @SerialName("targetAccountId") val targetAccountId: String? = null,
    /** The target account's name. */
    @SerialName("targetAccountName") val targetAccountName: String? = null,
    /** Target accounts it could be mapped to. */
    @SerialName("targetAccountOptions") val targetAccountOptions: List<TargetAccountOption>? = null,
)

/** Answer to a mapping request. */
@Serializable
data class AccountMappingResult(
    /** Why it failed, if it did. */
    @SerialName("error") val error: String? = null,
    /** The source account. */
    @SerialName("sourceAccountId") val sourceAccountId: String? = null,
    /** Outcome, e.g. `Success` or `Failed`. */
    @SerialName("status") val status: String? = null,
    /** The target account. */
    @SerialName("targetAccountId") val targetAccountId: String? = null,
)

/** One account's place in the queue. */
@Serializable
data class AccountQueueStatus(
    /** Lines of batches Codat refused, waiting for a retry or a drop. */
    @SerialName("failed") val failed: Long,
    /** Why the first failed line failed. */
    @SerialName("failure") val failure: String? = null,
    /** Who works on the account now, when someone does. */
    @SerialName("holder") val holder: String? = null,
    /** Lines of the batch in flight (sent or about to be, not yet settled). */
    @SerialName("inFlight") val inFlight: Long,
    /** Lines that landed through feedrail (by any run, queued or not). */
    @SerialName("landed") val landed: Long,
    /** That error. */
    @SerialName("lastError") val lastError: String? = null,
    /** Lines waiting to be pushed. */
    @SerialName("queued") val queued: Long,
    /** When a worker tries again after a transient error. */
    @SerialName("retryAt") val retryAt: OffsetDateTime? = null,
    /** The account. */
    @SerialName("target") val target: PushTarget,
)

/** Connection state of a source account. Only `connected` accounts accept pushes in Sage. One of: pending, connected, connecting, disconnected, unknown. */
typealias AccountStatus = String

/** A line whose balance is not the previous balance plus its amount: where a break starts. */
@Serializable
data class BalanceBreak(
    /** The previous balance plus its amount. */
    @SerialName("expected") val expected: BigDecimal,
    /** The balance it states. */
    @SerialName("found") val found: BigDecimal,
    /** Its id. */
    @SerialName("id") val id: String,
    /** Its position in the source. */
    @SerialName("index") val index: Long,
)

/** One journaled batch checked against Codat's push history. */
@Serializable
data class BatchCheck(
    /** Whether they agree: `Success` for a landed batch (or a resend refused as already received, line by line), anything else for a refused one. */
    @SerialName("agrees") val agrees: Boolean,
    /** The journal entry. */
    @SerialName("batch") val batch: Long,
    /** What Codat says now. */
    @SerialName("codatStatus") val codatStatus: PushStatus,
    /** What the journal says. */
    @SerialName("journaled") val journaled: JournalStatus,
    /** Codat's key of its push. */
    @SerialName("pushOperationKey") val pushOperationKey: String,
)

/** One item of the response of `POST .../bankFeedAccounts/batch`. */
@Serializable
data class BatchCreateItem(
    /** What happened to it. */
    @SerialName("result") val result: BatchCreateResult,
    /** The id from the request. */
    @SerialName("sourceAccountId") val sourceAccountId: String,
)

/** Outcome of creating one account in a batch. */
@Serializable
data class BatchCreateResult(
    /** The created account, when it was created. */
    @SerialName("account") val account: SourceAccount? = null,
    /** Why it failed, when it did. */
    @SerialName("error") val error: String? = null,
    /** 201 when created; an error status (Codat sends it as a string) otherwise. */
    @SerialName("statusCode") val statusCode: StatusCode,
)

/** One batch of a feed run. */
@Serializable
data class BatchOutcome(
    /** Codat's `validation.errors`. */
    @SerialName("errors") val errors: List<ValidationItem>,
    /** Id of its first line. */
    @SerialName("firstId") val firstId: String,
    /** Its Idempotency-Key. */
    @SerialName("idempotencyKey") val idempotencyKey: String,
    /** Why its fate became unknown, when it did (ended `TimedOut`, resumed after Codat's idempotency window, a server error whose history search failed, ...). */
    @SerialName("inDoubt") val inDoubt: String? = null,
    /** Id of its last line. */
    @SerialName("lastId") val lastId: String,
    /** Codat's `errorMessage`, or why it was not sent. */
    @SerialName("message") val message: String? = null,
    /** Codat's processing time of its push in milliseconds (requested to completed, by Codat's clock). */
    @SerialName("processingMs") val processingMs: Long? = null,
    /** Codat's key, once accepted. */
    @SerialName("pushOperationKey") val pushOperationKey: String? = null,
    /** How a batch in doubt was settled. */
    @SerialName("resolution") val resolution: Resolution? = null,
    /** 0-based position among this run's batches (the resumed batch has none). */
    @SerialName("sequence") val sequence: Long? = null,
    /** Lines in it. */
    @SerialName("size") val size: Long,
    /** Where it ended. */
    @SerialName("status") val status: BatchStatus,
)

/** Where a batch ended. One of: success, alreadyLanded, failed, inDoubt, pending, notSent. */
typealias BatchStatus = String

/** A Codat company: one of your customers. */
@Serializable
data class Company(
    /** When it was created. */
    @SerialName("created") val created: OffsetDateTime? = null,
    /** Who created it. */
    @SerialName("createdByUserName") val createdByUserName: String? = null,
    /** The company's data connections. */
    @SerialName("dataConnections") val dataConnections: List<Connection>? = null,
    /** Free description. */
    @SerialName("description") val description: String? = null,
    /** Company id (a UUID). */
    @SerialName("id") val id: String,
    /** Company name. */
    @SerialName("name") val name: String,
    /** Codat Link URL for the company. */
    @SerialName("redirect") val redirect: String,
)

/** `GET …/bankFeeds/info`: the company as the accounting software knows it (Codat answers this for Xero and Oracle NetSuite; for Sage it is an error). */
@Serializable
data class CompanyInformation(
    /** Currency set in the accounting software. */
    @SerialName("baseCurrency") val baseCurrency: String? = null,
    /** Name of the linked company. */
    @SerialName("companyName") val companyName: String? = null,
    /** Enabled currencies. */
    @SerialName("currencies") val currencies: List<String>? = null,
    /** Whether the organisation has multicurrency enabled. */
    @SerialName("multicurrencyEnabled") val multicurrencyEnabled: Boolean? = null,
    /** Subscription type, e.g. `Trial`, `Standard`. */
    @SerialName("planType") val planType: String? = null,
)

/** One page of a paged list (`GET /companies/{companyId}/push` and friends). */
@Serializable
data class CompanyPage(
    /** Navigation links. */
    @SerialName("_links") val _links: Links,
    /** 1-based page number. */
    @SerialName("pageNumber") val pageNumber: Long,
    /** Page size asked for. */
    @SerialName("pageSize") val pageSize: Long,
    /** The items on this page. */
    @SerialName("results") val results: List<Company>,
    /** Items across all pages, after filtering. */
    @SerialName("totalResults") val totalResults: Long,
)

/** How close clients came to the per-company concurrency cap since the last reset. */
@Serializable
data class ConcurrencyStats(
    /** Most requests one company had in flight at once. */
    @SerialName("peakPerCompany") val peakPerCompany: Long,
    /** Requests refused with 429 because their company was at the cap. */
    @SerialName("refused") val refused: Long,
)

/** A data connection between a company and a platform (for bank feeds: Sage Bank Feeds). */
@Serializable
data class Connection(
    /** When it was created. */
    @SerialName("created") val created: OffsetDateTime,
    /** Connection id (a UUID). */
    @SerialName("id") val id: String,
    /** Integration id. */
    @SerialName("integrationId") val integrationId: String,
    /** Integration key, e.g. `olpr`. */
    @SerialName("integrationKey") val integrationKey: String? = null,
    /** Last sync, if any. */
    @SerialName("lastSync") val lastSync: OffsetDateTime? = null,
    /** Link URL (not to be given to Sage users). */
    @SerialName("linkUrl") val linkUrl: String,
    /** Platform name, e.g. `SageBankFeed`. */
    @SerialName("platformName") val platformName: String,
    /** Source id. */
    @SerialName("sourceId") val sourceId: String,
    /** `BankFeed` for bank feed connections. */
    @SerialName("sourceType") val sourceType: String,
    /** Connection state. */
    @SerialName("status") val status: ConnectionStatus,
)

/** State of a data connection. One of: PendingAuth, Linked, Unlinked, Deauthorized. */
typealias ConnectionStatus = String

/** `POST …/bankFeedAccounts/credentials` (QuickBooks Online only): what the QBO user types to authenticate the feed. The password never appears in `Debug`. */
@Serializable
data class Credentials(
    /** Its password. */
    @SerialName("password") val password: String? = null,
    /** User name the bank-feeds platform signs in with. */
    @SerialName("username") val username: String? = null,
) {
    /** Never shows a secret. */
    override fun toString(): String = "Credentials(password=<redacted>, username=${username})"
}

/** What [`Queue::enqueue`] did. */
@Serializable
data class Enqueued(
    /** Positions of lines left out because their id is already queued or already landed (so handing the same lines over twice is harmless). */
    @SerialName("alreadyKnown") val alreadyKnown: List<Long>,
    /** Lines added to the account's queue. */
    @SerialName("queued") val queued: Long,
    /** Warnings found on entry (errors refuse the whole call). */
    @SerialName("validation") val validation: Report,
)

/** Stable, machine-readable error codes (`exc.code` in Python, `err.code` in Node). One of: VALIDATION, CONFIG, AUTH, FORBIDDEN, NOT_FOUND, CONFLICT, BAD_REQUEST, RATE_LIMITED, API, NETWORK, TIMEOUT, PUSH_FAILED, PUSH_TIMED_OUT, ACCOUNT_NOT_CONNECTED, ACCOUNT_BUSY, STORE, WEBHOOK_SIGNATURE, WEBHOOK_REPLAY, WEBHOOK_PAYLOAD, INTERNAL. */
typealias ErrorCode = String

/** The findings an error carries. */
typealias ErrorIssues = JsonElement

/** Probabilities (0 to 1) of each fault, and the seed that makes a run reproducible. Per API request, at most one of `error500`, `error503`, `rateLimited`, `resetBeforeCommit` and `resetAfterCommit` happens (their sum must not exceed 1); `latency` is rolled separately. Per push processed, at most one of `pushFailed`, `pushTimedOut` and `timedOutLanded` (their sum must not exceed 1). */
@Serializable
data class FaultConfig(
    /** 500 Internal Server Error before anything is done. */
    @SerialName("error500") val error500: Double? = null,
    /** 503 Service Unavailable before anything is done. */
    @SerialName("error503") val error503: Double? = null,
    /** Probability of added latency on a request. */
    @SerialName("latency") val latency: Double? = null,
    /** How much latency is added when it is. */
    @SerialName("latencyMs") val latencyMs: Long? = null,
    /** At most this many pushes end badly (`pushFailed`, `pushTimedOut`, `timedOutLanded`); the rest are processed normally. With a probability of 1, `1` makes exactly the first push processed fail. */
    @SerialName("maxPushFaults") val maxPushFaults: Long? = null,
    /** A push ends `Failed` (nothing written) regardless of its content. */
    @SerialName("pushFailed") val pushFailed: Double? = null,
    /** A push ends `TimedOut` (nothing written). */
    @SerialName("pushTimedOut") val pushTimedOut: Double? = null,
    /** 429 Too Many Requests (with `Retry-After: 1`) before anything is done. */
    @SerialName("rateLimited") val rateLimited: Double? = null,
    /** The request is handled (a push is accepted and will be processed), then the connection is reset before the response: the client cannot know whether it landed. */
    @SerialName("resetAfterCommit") val resetAfterCommit: Double? = null,
    /** The connection is reset before the request is handled: nothing happened. */
    @SerialName("resetBeforeCommit") val resetBeforeCommit: Double? = null,
    /** Seed of the fault generator; the same seed and request sequence give the same faults. */
    @SerialName("seed") val seed: Long? = null,
    /** A push ends `TimedOut`, and its lines land a moment later anyway (Codat: a timed-out push "may still land"), before the account's next push is processed. */
    @SerialName("timedOutLanded") val timedOutLanded: Double? = null,
)

/** How often each fault happened since the last reset. */
@Serializable
data class FaultStats(
    /** 500s injected. */
    @SerialName("error500") val error500: Long,
    /** 503s injected. */
    @SerialName("error503") val error503: Long,
    /** Requests delayed. */
    @SerialName("latency") val latency: Long,
    /** Pushes forced to `Failed`. */
    @SerialName("pushFailed") val pushFailed: Long,
    /** Pushes forced to `TimedOut`. */
    @SerialName("pushTimedOut") val pushTimedOut: Long,
    /** Pushes processed. */
    @SerialName("pushesProcessed") val pushesProcessed: Long,
    /** 429s injected. */
    @SerialName("rateLimited") val rateLimited: Long,
    /** API requests seen by the fault generator. */
    @SerialName("requests") val requests: Long,
    /** Resets after handling. */
    @SerialName("resetAfterCommit") val resetAfterCommit: Long,
    /** Resets before handling. */
    @SerialName("resetBeforeCommit") val resetBeforeCommit: Long,
    /** Pushes forced to `TimedOut` that landed anyway. */
    @SerialName("timedOutLanded") val timedOutLanded: Long,
)

/** The account's result of a feed run: exactly what landed and what did not. */
@Serializable
data class FeedReport(
    /** Lines of this input this run sent that turned out to be on the account already (an earlier run or a twin had pushed them). */
    @SerialName("alreadyLanded") val alreadyLanded: Long,
    /** Input positions left out because the cursor says they landed in an earlier run. */
    @SerialName("alreadyPushed") val alreadyPushed: List<Long>,
    /** The account's balance after the run, as far as feedrail knows. */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** This run's batches, in order (only those attempted). */
    @SerialName("batches") val batches: List<BatchOutcome>,
    /** Lines of this input that this run put on the account. */
    @SerialName("landed") val landed: Long,
    /** A batch left in flight by an earlier run, resolved before anything else. */
    @SerialName("resumed") val resumed: BatchOutcome? = null,
    /** Input positions not sent because they have errors (with `skip_invalid`). */
    @SerialName("skipped") val skipped: List<Long>,
    /** The account. */
    @SerialName("target") val target: PushTarget,
    /** Lines handed in. */
    @SerialName("total") val total: Long,
    /** Findings on the other lines. */
    @SerialName("validation") val validation: Report,
)

/** The properties of a `FeedrailError` besides its message. */
@Serializable
data class FeedrailErrorDetails(
    /** The stable code: the same in Rust, Python and Node; switch on it. */
    @SerialName("code") val code: ErrorCode,
    /** Codat's correlation id, for support. */
    @SerialName("correlationId") val correlationId: String? = null,
    /** Validation findings (`VALIDATION`) or Codat's validation messages (`PUSH_FAILED`). */
    @SerialName("issues") val issues: ErrorIssues,
    /** What landed before a feed stopped. */
    @SerialName("report") val report: FeedReport? = null,
    /** Seconds Codat asked to wait, when it did. */
    @SerialName("retryAfter") val retryAfter: Double? = null,
    /** Whether trying again later may succeed. */
    @SerialName("retryable") val retryable: Boolean,
    /** The HTTP status, when Codat answered. */
    @SerialName("status") val status: Long? = null,
)

/** One finding: what is wrong, on which line and field, and what to do. */
@Serializable
data class Issue(
    /** Stable code. */
    @SerialName("code") val code: IssueCode,
    /** The wire name of the field concerned, when there is one. */
    @SerialName("field") val field: String? = null,
    /** 0-based position in the input; `None` for account-level findings. */
    @SerialName("index") val index: Long? = null,
    /** Human-readable: what is wrong, where, and what to do. */
    @SerialName("message") val message: String,
    /** The line's id, when it has a usable one. */
    @SerialName("transactionId") val transactionId: String? = null,
)

/** Stable code of a validation finding, shared by every language feedrail ships. One of: MISSING_FIELD, INVALID_FIELD, INVALID_RECORD, DUPLICATE_ID, OUT_OF_ORDER, OLDER_THAN_LATEST, FUTURE_DATE, ACCOUNT_NOT_CONNECTED, AMOUNT_SIGN_MISMATCH, BALANCE_DISCONTINUITY, UNKNOWN_FIELD, MIXED_OFFSETS. */
typealias IssueCode = String

/** How a journaled batch ended. One of: landed, failed. */
typealias JournalStatus = String

/** What landed on a target account, in order. */
@Serializable
data class Ledger(
    /** The source account. */
    @SerialName("accountId") val accountId: String,
    /** Its balance (the last line's balance). */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** Date of the newest line (wall-clock, as it landed). */
    @SerialName("latestDate") val latestDate: LocalDateTime? = null,
    /** Its status. */
    @SerialName("status") val status: AccountStatus? = null,
    /** Every line, in the order it landed. */
    @SerialName("transactions") val transactions: List<Transaction>,
)

/** What became of one line. One of: landed, pending, in_doubt, failed, rejected, not_sent, not_in_source. */
typealias LineStatus = String

/** A link. */
@Serializable
data class Link(
    /** Path and query, relative to the API base. */
    @SerialName("href") val href: String,
)

/** Links of a page. */
@Serializable
data class Links(
    /** This page. */
    @SerialName("current") val current: Link,
    /** The next page, when there is one. */
    @SerialName("next") val next: Link? = null,
    /** The previous page, when there is one. */
    @SerialName("previous") val previous: Link? = null,
    /** The request as made. */
    @SerialName("self") val self: Link,
)

/** A one-time password for connecting a Sage bank feed (`POST …/bankFeeds/otp`): the Sage user enters it with the connection id in Sage's "Connect Bank" dialog. */
@Serializable
data class Otp(
    /** When it stops being valid. */
    @SerialName("expiry") val expiry: OffsetDateTime,
    /** The one-time password, e.g. `GT40U4`. */
    @SerialName("otp") val otp: String,
) {
    /** Never shows a secret. */
    override fun toString(): String = "Otp(expiry=${expiry}, otp=<redacted>)"
}

/** Something a feed run did. */
@Serializable
@JsonClassDiscriminator("event")
sealed interface ProgressEvent

/** A batch landed. */
@Serializable
@SerialName("batchLanded")
data class ProgressEventBatchLanded(
    /** The account. */
    @SerialName("accountId") val accountId: String,
    /** Lines landed so far in this run. */
    @SerialName("landed") val landed: Long,
    /** Its position. */
    @SerialName("sequence") val sequence: Long,
    /** Its lines. */
    @SerialName("size") val size: Long,
    /** Lines this run will send. */
    @SerialName("total") val total: Long,
) : ProgressEvent

/** A batch was accepted (`Pending`). */
@Serializable
@SerialName("batchSent")
data class ProgressEventBatchSent(
    /** The account. */
    @SerialName("accountId") val accountId: String,
    /** Codat's key. */
    @SerialName("pushOperationKey") val pushOperationKey: String,
    /** Its position. */
    @SerialName("sequence") val sequence: Long,
    /** Its lines. */
    @SerialName("size") val size: Long,
) : ProgressEvent

/** A batch did not land; the run stops. */
@Serializable
@SerialName("batchStopped")
data class ProgressEventBatchStopped(
    /** The account. */
    @SerialName("accountId") val accountId: String,
    /** Its position. */
    @SerialName("sequence") val sequence: Long,
    /** Where it ended. */
    @SerialName("status") val status: BatchStatus,
) : ProgressEvent

/** Validation passed; this is what will be sent. */
@Serializable
@SerialName("planned")
data class ProgressEventPlanned(
    /** The account. */
    @SerialName("accountId") val accountId: String,
    /** Batches to send. */
    @SerialName("batches") val batches: Long,
    /** Lines to send. */
    @SerialName("transactions") val transactions: Long,
) : ProgressEvent

/** A batch left in flight by an earlier run is being resolved. */
@Serializable
@SerialName("resumed")
data class ProgressEventResumed(
    /** The account. */
    @SerialName("accountId") val accountId: String,
    /** Its Codat key, if it was accepted. */
    @SerialName("pushOperationKey") val pushOperationKey: String? = null,
) : ProgressEvent

/** One record a push changed. */
@Serializable
data class PushChange(
    /** The attachment created, if any. */
    @SerialName("attachmentId") val attachmentId: String? = null,
    /** The record changed. */
    @SerialName("recordRef") val recordRef: RecordRef? = null,
    /** `Unknown`, `Created`, `Modified`, `Deleted` or `AttachmentUploaded`. */
    @SerialName("type") val type: String? = null,
)

/** One note on a field. */
@Serializable
data class PushFieldValidation(
    /** The rule. */
    @SerialName("details") val details: String,
    /** The field it is about. */
    @SerialName("field") val field: String? = null,
    /** A reference for it. */
    @SerialName("ref") val ref: String? = null,
)

/** Codat's `PushOperation` (and, with `data`, the create response that echoes the request). */
@Serializable
data class PushOperation(
    /** Records changed, once known. */
    @SerialName("changes") val changes: List<PushChange>? = null,
    /** The company. */
    @SerialName("companyId") val companyId: String,
    /** When it finished; absent while pending. */
    @SerialName("completedOnUtc") val completedOnUtc: OffsetDateTime? = null,
    /** Echo of the request body (create response only), kept as raw JSON text: it is as large as the push and rarely needed, so it is not parsed. */
    @SerialName("data") val data: JsonElement? = null,
    /** The connection. */
    @SerialName("dataConnectionKey") val dataConnectionKey: String,
    /** `bankTransactions` for bank feeds. */
    @SerialName("dataType") val dataType: String? = null,
    /** Why it failed, when it did. */
    @SerialName("errorMessage") val errorMessage: String? = null,
    /** Codat's key for this operation; persist it to poll. */
    @SerialName("pushOperationKey") val pushOperationKey: String,
    /** When it was requested. */
    @SerialName("requestedOnUtc") val requestedOnUtc: OffsetDateTime,
    /** Where it stands. */
    @SerialName("status") val status: PushStatus,
    /** Body status code: 202 pending, 200 success, 400 failed (not the HTTP status). */
    @SerialName("statusCode") val statusCode: Long,
    /** Deadline requested with the push. */
    @SerialName("timeoutInMinutes") val timeoutInMinutes: Long? = null,
    /** Errors and warnings. */
    @SerialName("validation") val validation: Validation? = null,
)

/** One page of a paged list (`GET /companies/{companyId}/push` and friends). */
@Serializable
data class PushOperationPage(
    /** Navigation links. */
    @SerialName("_links") val _links: Links,
    /** 1-based page number. */
    @SerialName("pageNumber") val pageNumber: Long,
    /** Page size asked for. */
    @SerialName("pageSize") val pageSize: Long,
    /** The items on this page. */
    @SerialName("results") val results: List<PushOperation>,
    /** Items across all pages, after filtering. */
    @SerialName("totalResults") val totalResults: Long,
)

/** A field of the push body (or the body itself): its type, whether it is required, its sub-fields and allowed values, and the platform's notes on it. */
@Serializable
data class PushOption(
    /** What it holds. */
    @SerialName("description") val description: String? = null,
    /** Display name. */
    @SerialName("displayName") val displayName: String,
    /** Allowed values. */
    @SerialName("options") val options: List<PushOptionChoice>? = null,
    /** Sub-fields by name. */
    @SerialName("properties") val properties: Map<String, PushOption>? = null,
    /** Whether the platform needs it. */
    @SerialName("required") val required: Boolean,
    /** `Array`, `Object`, `String`, `Number`, `Boolean`, `DateTime`, `File` or `MultiPart`. */
    @SerialName("type") val type: String,
    /** The platform's rules for it. */
    @SerialName("validation") val validation: PushValidationInfo? = null,
)

/** An allowed value of a field. */
@Serializable
data class PushOptionChoice(
    /** What it means. */
    @SerialName("description") val description: String? = null,
    /** Display name. */
    @SerialName("displayName") val displayName: String? = null,
    /** Whether it is required. */
    @SerialName("required") val required: Boolean? = null,
    /** Its type. */
    @SerialName("type") val type: String? = null,
    /** The value. */
    @SerialName("value") val value: String? = null,
)

/** Where a push operation stands. `Pending` is the only non-final status. One of: Pending, Failed, Success, TimedOut. */
typealias PushStatus = String

/** The account a batch goes to. */
@Serializable
data class PushTarget(
    /** Source account id. */
    @SerialName("accountId") val accountId: String,
    /** Codat company id. */
    @SerialName("companyId") val companyId: String,
    /** Sage Bank Feeds connection id. */
    @SerialName("connectionId") val connectionId: String,
)

/** The platform's notes on a field. */
@Serializable
data class PushValidationInfo(
    /** Information. */
    @SerialName("information") val information: List<PushFieldValidation>? = null,
    /** Rules a push can break. */
    @SerialName("warnings") val warnings: List<PushFieldValidation>? = null,
)

/** Payload of `client.rateLimit.reached` / `.reset`. */
@Serializable
data class RateLimitChanged(
    /** Requests allowed per day. */
    @SerialName("dailyQuota") val dailyQuota: Long? = null,
    /** When the quota is reset. */
    @SerialName("expiryDate") val expiryDate: OffsetDateTime? = null,
    /** Requests left today. */
    @SerialName("quotaRemaining") val quotaRemaining: Long? = null,
)

/** One line's reconciliation. */
@Serializable
data class ReconciledLine(
    /** Its amount, when the line is valid. */
    @SerialName("amount") val amount: BigDecimal? = null,
    /** Its running balance, when the line is valid and has one. */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** The journal entry (batch) it went in, when it was sent. */
    @SerialName("batch") val batch: Long? = null,
    /** When that push completed. */
    @SerialName("completedAt") val completedAt: OffsetDateTime? = null,
    /** Its date, when the line is valid. */
    @SerialName("date") val date: LocalDateTime? = null,
    /** Its id (none when the source line has no readable id). */
    @SerialName("id") val id: String? = null,
    /** Its position in the source (none for a line not in it). */
    @SerialName("index") val index: Long? = null,
    /** The validation finding that rejected it. */
    @SerialName("issue") val issue: Issue? = null,
    /** Codat's key of that batch's push. */
    @SerialName("pushOperationKey") val pushOperationKey: String? = null,
    /** Why it failed, is in doubt, or was rejected. */
    @SerialName("reason") val reason: String? = null,
    /** What became of it. */
    @SerialName("status") val status: LineStatus,
)

/** What became of a source file's lines at Codat. */
@Serializable
data class Reconciliation(
    /** The account's balance at Codat, when it was read. */
    @SerialName("accountBalance") val accountBalance: BigDecimal? = null,
    /** Every line (valid, with a balance) where the running balance breaks, in source order. */
    @SerialName("balanceBreaks") val balanceBreaks: List<BalanceBreak>,
    /** Whether Codat's balance equals the last landed line's (none when either is unknown). */
    @SerialName("balanceMatches") val balanceMatches: Boolean? = null,
    /** The journaled batches checked against Codat (with `confirm`; empty otherwise). */
    @SerialName("batchChecks") val batchChecks: List<BatchCheck>,
    /** How many lines have each status. */
    @SerialName("counts") val counts: StatusCounts,
    /** The balance after the last line that landed (feedrail's cursor). */
    @SerialName("lastLandedBalance") val lastLandedBalance: BigDecimal? = null,
    /** One per source line, in source order. */
    @SerialName("lines") val lines: List<ReconciledLine>,
    /** Lines landed through feedrail that the source does not have, in the order they landed. */
    @SerialName("notInSource") val notInSource: List<ReconciledLine>,
    /** Every line of the source landed, the running balance holds, Codat's balance is not known to differ from the last landed line's, and every batch checked agrees with Codat. */
    @SerialName("ok") val ok: Boolean,
    /** The balance before the first line: as given, or the first valid line's balance less its amount. */
    @SerialName("openingBalance") val openingBalance: BigDecimal? = null,
    /** The account. */
    @SerialName("target") val target: PushTarget,
)

/** Reference to a pushed record. */
@Serializable
data class RecordRef(
    /** Record data type, e.g. `bankTransactions`. */
    @SerialName("dataType") val dataType: String? = null,
    /** Record id. */
    @SerialName("id") val id: String? = null,
)

/** The company an event is about. */
@Serializable
data class ReferenceCompany(
    /** Company description. */
    @SerialName("description") val description: String? = null,
    /** Company id. */
    @SerialName("id") val id: String,
    /** Company name. */
    @SerialName("name") val name: String? = null,
)

/** The result of validating a list of transactions. */
@Serializable
data class Report(
    /** How many input lines were checked. */
    @SerialName("checked") val checked: Long,
    /** Findings that stop a push, in input order (account-level first). */
    @SerialName("errors") val errors: List<Issue>,
    /** Findings that do not, in input order. */
    @SerialName("warnings") val warnings: List<Issue>,
)

/** How a batch whose fate was unknown was settled. One of: foundInHistory, resent, alreadyReceived, unresolved. */
typealias Resolution = String

/** The sandbox's counters since the last reset (`GET /_sandbox/stats`, `Sandbox::stats`). */
@Serializable
data class SandboxStats(
    /** Companies held. */
    @SerialName("companies") val companies: Long,
    /** Requests in flight per company, at most, and those refused over the cap. */
    @SerialName("concurrency") val concurrency: ConcurrencyStats,
    /** How often each fault happened. */
    @SerialName("faults") val faults: FaultStats,
    /** Pushes accepted for an account while an earlier one to it was pending. */
    @SerialName("overlappingPushes") val overlappingPushes: Long,
    /** Push operations received. */
    @SerialName("pushOperations") val pushOperations: Long,
    /** Status reads of single push operations. */
    @SerialName("statusPolls") val statusPolls: Long,
    /** Each webhook endpoint's deliveries. */
    @SerialName("webhooks") val webhooks: List<WebhookDeliveryStats>,
)

/** A source account as Codat returns it. */
@Serializable
data class SourceAccount(
    /** Display name. */
    @SerialName("accountName") val accountName: String? = null,
    /** Account number. */
    @SerialName("accountNumber") val accountNumber: String? = null,
    /** Free text in v1, e.g. `Credit` or `Debit`. */
    @SerialName("accountType") val accountType: String? = null,
    /** Latest balance; set by the last line of each successful push. */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** ISO 4217 currency code. */
    @SerialName("currency") val currency: String? = null,
    /** When the account became connected (set by the server). */
    @SerialName("feedStartDate") val feedStartDate: OffsetDateTime? = null,
    /** Your unique id for the account; the push path's `{accountId}`. */
    @SerialName("id") val id: String,
    /** When the account last changed. */
    @SerialName("modifiedDate") val modifiedDate: OffsetDateTime? = null,
    /** UK sort code (required by Codat for GBP accounts). */
    @SerialName("sortCode") val sortCode: String? = null,
    /** Connection state. */
    @SerialName("status") val status: AccountStatus? = null,
)

/** Payload of `bankFeeds.sourceAccount.connected` / `.disconnected`. */
@Serializable
data class SourceAccountChanged(
    /** The company id (deprecated by Codat in favour of `referenceCompany`). */
    @SerialName("companyId") val companyId: String? = null,
    /** The bank feeds data connection. */
    @SerialName("connectionId") val connectionId: String,
    /** The company. */
    @SerialName("referenceCompany") val referenceCompany: ReferenceCompany? = null,
    /** The source account, as Codat describes it. */
    @SerialName("sourceAccount") val sourceAccount: SourceAccount,
)

/** An HTTP status that Codat sends sometimes as a number, sometimes as a string. */
typealias StatusCode = JsonElement

/** How many lines have each status. */
@Serializable
data class StatusCounts(
    /** Lines of refused batches. */
    @SerialName("failed") val failed: Long,
    /** Lines of the batch in doubt. */
    @SerialName("inDoubt") val inDoubt: Long,
    /** Lines on the account. */
    @SerialName("landed") val landed: Long,
    /** Landed lines the source does not have. */
    @SerialName("notInSource") val notInSource: Long,
    /** Valid lines never sent. */
    @SerialName("notSent") val notSent: Long,
    /** Lines of the batch in flight. */
    @SerialName("pending") val pending: Long,
    /** Lines feedrail's validation refused. */
    @SerialName("rejected") val rejected: Long,
)

/** A target account a source account could be mapped to. */
@Serializable
data class TargetAccountOption(
    /** Its account number. */
    @SerialName("accountNumber") val accountNumber: String? = null,
    /** Its balance. */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** Target account id. */
    @SerialName("id") val id: String? = null,
    /** Its name. */
    @SerialName("name") val name: String? = null,
    /** Its sort code. */
    @SerialName("sortCode") val sortCode: String? = null,
)

/** One bank statement line, in Codat's camelCase wire format. `amount` is signed: positive is money in, negative is money out. `balance` is the account's running balance after this line; for Sage the balance of the last line pushed becomes the account's balance. Build these from raw records with [`validate_records`](crate::validate_records), which reports every problem per row. */
@Serializable
data class Transaction(
    /** Signed amount, exact. */
    @SerialName("amount") val amount: BigDecimal,
    /** Running balance after this line, exact (mandatory for Sage). */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** The giving or receiving party. */
    @SerialName("counterparty") val counterparty: String? = null,
    /** When the line cleared: wall-clock date and time, as Codat records it (no offset; see [`crate::date`]). */
    @SerialName("date") val date: LocalDateTime,
    /** Statement text (mandatory and non-empty for Sage). */
    @SerialName("description") val description: String? = null,
    /** Your unique id for the line; Sage refuses an id it has already received. */
    @SerialName("id") val id: String,
    /** Whether the line is already reconciled. */
    @SerialName("reconciled") val reconciled: Boolean? = null,
    /** A free reference. */
    @SerialName("reference") val reference: String? = null,
    /** Kind of line (mandatory for Sage). */
    @SerialName("transactionType") val transactionType: TransactionType? = null,
)

/** Codat's `BankTransactionType`: all 18 values, in the spec's order. One of: Unknown, Credit, Debit, Int, Div, Fee, SerChg, Dep, Atm, Pos, Xfer, Check, Payment, Cash, DirectDep, DirectDebit, RepeatPmt, Other. */
typealias TransactionType = String

/** Errors and warnings Codat attached to a push operation. */
@Serializable
data class Validation(
    /** Problems that made the push fail. */
    @SerialName("errors") val errors: List<ValidationItem>? = null,
    /** Problems that did not stop it. */
    @SerialName("warnings") val warnings: List<ValidationItem>? = null,
)

/** One validation finding on a push operation or an error body. */
@Serializable
data class ValidationItem(
    /** What the finding is about (for bank transactions: the transaction id). */
    @SerialName("itemId") val itemId: String? = null,
    /** What is wrong. */
    @SerialName("message") val message: String? = null,
    /** Which validator found it. */
    @SerialName("validatorName") val validatorName: String? = null,
)

/** The outcome of [`validate_records`]: the report and the lines that can be sent. Serializes as the report with `validIndices` (the form the language packages return). */
@Serializable
data class ValidationReport(
    /** How many input lines were checked. */
    @SerialName("checked") val checked: Long,
    /** Findings that stop a push, in input order (account-level first). */
    @SerialName("errors") val errors: List<Issue>,
    /** Positions in the input of the lines without errors ([`check_records`] fills only these). */
    @SerialName("validIndices") val validIndices: List<Long>,
    /** Findings that do not, in input order. */
    @SerialName("warnings") val warnings: List<Issue>,
)

/** What an endpoint was sent. */
@Serializable
data class WebhookDeliveryStats(
    /** Messages given up after every retry. */
    @SerialName("abandoned") val abandoned: Long,
    /** Messages answered with a 2xx. */
    @SerialName("delivered") val delivered: Long,
    /** Attempts that failed (no answer or not 2xx); each is retried until the schedule ends. */
    @SerialName("failedAttempts") val failedAttempts: Long,
    /** Endpoint id. */
    @SerialName("id") val id: String,
    /** Messages still being delivered. */
    @SerialName("inFlight") val inFlight: Long,
    /** Where events go. */
    @SerialName("url") val url: String,
)

/** A registered endpoint, with its signing secret (shown once, when it is registered). */
@Serializable
data class WebhookEndpoint(
    /** The event types it receives (all when absent). */
    @SerialName("eventTypes") val eventTypes: List<String>? = null,
    /** Endpoint id. */
    @SerialName("id") val id: String,
    /** Its signing secret (`whsec_…`): give it to the receiver's verifier. */
    @SerialName("secret") val secret: String,
    /** Where events go. */
    @SerialName("url") val url: String,
) {
    /** Never shows a secret. */
    override fun toString(): String = "WebhookEndpoint(eventTypes=${eventTypes}, id=${id}, secret=<redacted>, url=${url})"
}

/** One webhook delivery from Codat. Deserializing one types its payload by its event type. */
@Serializable
data class WebhookEvent(
    /** Its type, e.g. `bankTransactions.write.successful`. */
    @SerialName("eventType") val eventType: String,
    /** When Codat generated it (absent when Codat's value is not a valid time). */
    @SerialName("generatedDate") val generatedDate: OffsetDateTime? = null,
    /** The event's id. */
    @SerialName("id") val id: String,
    /** What happened. */
    @SerialName("payload") val payload: WebhookPayload,
)

/** An event's payload: typed for the event types feedrail knows, raw JSON for the rest. */
typealias WebhookPayload = JsonElement

/** What a worker did so far. */
@Serializable
data class WorkerMetrics(
    /** Batches that landed. */
    @SerialName("batches") val batches: Long,
    /** Accounts claimed. */
    @SerialName("claims") val claims: Long,
    /** Lines marked failed (Codat refused their batch, or they no longer validate). */
    @SerialName("linesFailed") val linesFailed: Long,
    /** Lines that landed (or were found landed) through this worker. */
    @SerialName("linesLanded") val linesLanded: Long,
    /** Longest claim, in milliseconds. */
    @SerialName("maxClaimMs") val maxClaimMs: Long,
    /** Mean time from claiming an account to a batch landing, per batch, in milliseconds. */
    @SerialName("meanBatchMs") val meanBatchMs: Double,
    /** Claims that ended with a transient error (the account is tried again later). */
    @SerialName("transientErrors") val transientErrors: Long,
)

/** Payload of `bankTransactions.write.successful` / `.unsuccessful`. */
@Serializable
data class WriteCompleted(
    /** When it ended. */
    @SerialName("completedOnDate") val completedOnDate: OffsetDateTime? = null,
    /** The data connection pushed to. */
    @SerialName("connectionId") val connectionId: String? = null,
    /** The push operation's key (Codat's `id`). */
    @SerialName("id") val id: String,
    /** The company. */
    @SerialName("referenceCompany") val referenceCompany: ReferenceCompany? = null,
    /** When the push was requested. */
    @SerialName("requestedOnDate") val requestedOnDate: OffsetDateTime? = null,
    /** How it ended: `Success`, `Failed` or `TimedOut`. */
    @SerialName("status") val status: PushStatus,
    /** `Create`, `Update`, `Delete` or `UploadAttachment`. */
    @SerialName("type") val type: String? = null,
)

/** One bank statement line, in Codat's camelCase wire format. `amount` is signed: positive is money in, negative is money out. `balance` is the account's running balance after this line; for Sage the balance of the last line pushed becomes the account's balance. Build these from raw records with [`validate_records`](crate::validate_records), which reports every problem per row. */
@Serializable
data class TransactionInput @JvmOverloads constructor(
    /** Signed amount, exact. */
    @SerialName("amount") val amount: BigDecimal? = null,
    /** Running balance after this line, exact (mandatory for Sage). */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** The giving or receiving party. */
    @SerialName("counterparty") val counterparty: String? = null,
    /** When the line cleared: wall-clock date and time, as Codat records it (no offset; see [`crate::date`]). */
    @SerialName("date") val date: Temporal? = null,
    /** Statement text (mandatory and non-empty for Sage). */
    @SerialName("description") val description: String? = null,
    /** Your unique id for the line; Sage refuses an id it has already received. */
    @SerialName("id") val id: String? = null,
    /** Whether the line is already reconciled. */
    @SerialName("reconciled") val reconciled: Boolean? = null,
    /** A free reference. */
    @SerialName("reference") val reference: String? = null,
    /** Kind of line (mandatory for Sage). */
    @SerialName("transactionType") val transactionType: TransactionType? = null,
) {
    /** A copy with `amount` set (for Java, which has no named arguments). */
    fun withAmount(value: BigDecimal?): TransactionInput = copy(amount = value)
    /** A copy with `balance` set (for Java, which has no named arguments). */
    fun withBalance(value: BigDecimal?): TransactionInput = copy(balance = value)
    /** A copy with `counterparty` set (for Java, which has no named arguments). */
    fun withCounterparty(value: String?): TransactionInput = copy(counterparty = value)
    /** A copy with `date` set (for Java, which has no named arguments). */
    fun withDate(value: Temporal?): TransactionInput = copy(date = value)
    /** A copy with `description` set (for Java, which has no named arguments). */
    fun withDescription(value: String?): TransactionInput = copy(description = value)
    /** A copy with `id` set (for Java, which has no named arguments). */
    fun withId(value: String?): TransactionInput = copy(id = value)
    /** A copy with `reconciled` set (for Java, which has no named arguments). */
    fun withReconciled(value: Boolean?): TransactionInput = copy(reconciled = value)
    /** A copy with `reference` set (for Java, which has no named arguments). */
    fun withReference(value: String?): TransactionInput = copy(reference = value)
    /** A copy with `transactionType` set (for Java, which has no named arguments). */
    fun withTransactionType(value: TransactionType?): TransactionInput = copy(transactionType = value)
}

/** Body of `POST .../connectionInfo/bankFeedAccounts` (and one item of `/batch`). */
@Serializable
data class SourceAccountInput @JvmOverloads constructor(
    /** Display name. */
    @SerialName("accountName") val accountName: String? = null,
    /** Account number. */
    @SerialName("accountNumber") val accountNumber: String? = null,
    /** Free text, e.g. `Credit` or `Debit`. */
    @SerialName("accountType") val accountType: String? = null,
    /** Opening balance. */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** ISO 4217 currency code. */
    @SerialName("currency") val currency: String? = null,
    /** Your unique id for the account. */
    @SerialName("id") val id: String? = null,
    /** When the account last changed. */
    @SerialName("modifiedDate") val modifiedDate: Temporal? = null,
    /** UK sort code. */
    @SerialName("sortCode") val sortCode: String? = null,
) {
    /** A copy with `accountName` set (for Java, which has no named arguments). */
    fun withAccountName(value: String?): SourceAccountInput = copy(accountName = value)
    /** A copy with `accountNumber` set (for Java, which has no named arguments). */
    fun withAccountNumber(value: String?): SourceAccountInput = copy(accountNumber = value)
    /** A copy with `accountType` set (for Java, which has no named arguments). */
    fun withAccountType(value: String?): SourceAccountInput = copy(accountType = value)
    /** A copy with `balance` set (for Java, which has no named arguments). */
    fun withBalance(value: BigDecimal?): SourceAccountInput = copy(balance = value)
    /** A copy with `currency` set (for Java, which has no named arguments). */
    fun withCurrency(value: String?): SourceAccountInput = copy(currency = value)
    /** A copy with `id` set (for Java, which has no named arguments). */
    fun withId(value: String?): SourceAccountInput = copy(id = value)
    /** A copy with `modifiedDate` set (for Java, which has no named arguments). */
    fun withModifiedDate(value: Temporal?): SourceAccountInput = copy(modifiedDate = value)
    /** A copy with `sortCode` set (for Java, which has no named arguments). */
    fun withSortCode(value: String?): SourceAccountInput = copy(sortCode = value)
}

/** Body of `POST …/bankFeedAccounts/mapping`: map a source account to a target account (Xero, FreeAgent, NetSuite, Exact; Sage users map inside Sage). */
@Serializable
data class AccountMappingInput @JvmOverloads constructor(
    /** From when transactions can be fed. */
    @SerialName("feedStartDate") val feedStartDate: Temporal? = null,
    /** Your source account's id. */
    @SerialName("sourceAccountId") val sourceAccountId: String? = null,
    /** The target account's id. */
    @SerialName("targetAccountId") val targetAccountId: String? = null,
) {
    /** A copy with `feedStartDate` set (for Java, which has no named arguments). */
    fun withFeedStartDate(value: Temporal?): AccountMappingInput = copy(feedStartDate = value)
    /** A copy with `sourceAccountId` set (for Java, which has no named arguments). */
    fun withSourceAccountId(value: String?): AccountMappingInput = copy(sourceAccountId = value)
    /** A copy with `targetAccountId` set (for Java, which has no named arguments). */
    fun withTargetAccountId(value: String?): AccountMappingInput = copy(targetAccountId = value)
}

/** What feedrail knows about a target account: Codat cannot list what was pushed, so this is remembered by the client (see the cursor stores) and checked before every push. */
@Serializable
data class AccountCursorInput @JvmOverloads constructor(
    /** The account's status, when known; `None` skips the connected check. */
    @SerialName("accountStatus") val accountStatus: AccountStatus? = null,
    /** The account's balance after the last line pushed. */
    @SerialName("lastBalance") val lastBalance: BigDecimal? = null,
    /** Date of the newest line already on the account. */
    @SerialName("latestDate") val latestDate: Temporal? = null,
    /** Id of that line. */
    @SerialName("latestId") val latestId: String? = null,
    /** Ids already pushed (recent ones at least); a line reusing one is a duplicate. */
    @SerialName("recentIds") val recentIds: List<String>? = null,
) {
    /** A copy with `accountStatus` set (for Java, which has no named arguments). */
    fun withAccountStatus(value: AccountStatus?): AccountCursorInput = copy(accountStatus = value)
    /** A copy with `lastBalance` set (for Java, which has no named arguments). */
    fun withLastBalance(value: BigDecimal?): AccountCursorInput = copy(lastBalance = value)
    /** A copy with `latestDate` set (for Java, which has no named arguments). */
    fun withLatestDate(value: Temporal?): AccountCursorInput = copy(latestDate = value)
    /** A copy with `latestId` set (for Java, which has no named arguments). */
    fun withLatestId(value: String?): AccountCursorInput = copy(latestId = value)
    /** A copy with `recentIds` set (for Java, which has no named arguments). */
    fun withRecentIds(value: List<String>?): AccountCursorInput = copy(recentIds = value)
}

/** The fields `packRecords` writes, in order. */
private val PACKED_FIELDS = listOf("amount", "balance", "counterparty", "date", "description", "id", "reconciled", "reference", "transactionType")

/** [records] packed for the native library; a null record is refused with its index. */
fun packRecords(records: List<TransactionInput?>): ByteArray {
    val w = PackWriter(records.size * 96 + 256)
    w.header(PACKED_FIELDS)
    w.u32(records.size)
    records.forEachIndexed { i, r ->
        requireNotNull(r) { "records[$i] is null: pass a TransactionInput" }
        w.money(r.amount)
        w.money(r.balance)
        w.text(r.counterparty)
        w.date(r.date)
        w.text(r.description)
        w.text(r.id)
        w.bool(r.reconciled)
        w.text(r.reference)
        w.text(r.transactionType)
    }
    return w.bytes()
}

/** The options of a client; `None` is the core's default. */
@Serializable
data class ClientOptions @JvmOverloads constructor(
    /** The Codat API key (required). */
    @SerialName("apiKey") val apiKey: String,
    /** Default `https://api.codat.io`. */
    @SerialName("baseUrl") val baseUrl: String? = null,
    /** Requests in flight per company (default 10, Codat's limit). */
    @SerialName("concurrencyPerCompany") val concurrencyPerCompany: Long? = null,
    /** The durable cursor: a SQLite file path or a `postgresql://` URL (default: in memory). */
    @SerialName("cursor") val cursor: String? = null,
    /** Retries after the first attempt of a request (default 4). */
    @SerialName("maxRetries") val maxRetries: Long? = null,
    /** A proxy for an https base URL (the API key crosses it only inside TLS). */
    @SerialName("proxy") val proxy: String? = null,
    /** Seconds for one request (default 60). */
    @SerialName("timeout") val timeout: Double? = null,
    /** Seconds for one operation with all its retries (default 300). */
    @SerialName("totalTimeout") val totalTimeout: Double? = null,
    /** Added to the User-Agent after the language's name. */
    @SerialName("userAgent") val userAgent: String? = null,
    /** The signing secret (`whsec_…`) of the webhook endpoint whose deliveries this client handles: waits then end on events, polling only as a fallback. */
    @SerialName("webhookSecret") val webhookSecret: String? = null,
) {
    /** A copy with `apiKey` set (for Java, which has no named arguments). */
    fun withApiKey(value: String): ClientOptions = copy(apiKey = value)
    /** A copy with `baseUrl` set (for Java, which has no named arguments). */
    fun withBaseUrl(value: String?): ClientOptions = copy(baseUrl = value)
    /** A copy with `concurrencyPerCompany` set (for Java, which has no named arguments). */
    fun withConcurrencyPerCompany(value: Long?): ClientOptions = copy(concurrencyPerCompany = value)
    /** A copy with `cursor` set (for Java, which has no named arguments). */
    fun withCursor(value: String?): ClientOptions = copy(cursor = value)
    /** A copy with `maxRetries` set (for Java, which has no named arguments). */
    fun withMaxRetries(value: Long?): ClientOptions = copy(maxRetries = value)
    /** A copy with `proxy` set (for Java, which has no named arguments). */
    fun withProxy(value: String?): ClientOptions = copy(proxy = value)
    /** A copy with `timeout` set (for Java, which has no named arguments). */
    fun withTimeout(value: Double?): ClientOptions = copy(timeout = value)
    /** A copy with `totalTimeout` set (for Java, which has no named arguments). */
    fun withTotalTimeout(value: Double?): ClientOptions = copy(totalTimeout = value)
    /** A copy with `userAgent` set (for Java, which has no named arguments). */
    fun withUserAgent(value: String?): ClientOptions = copy(userAgent = value)
    /** A copy with `webhookSecret` set (for Java, which has no named arguments). */
    fun withWebhookSecret(value: String?): ClientOptions = copy(webhookSecret = value)
    /** Never shows a secret. */
    override fun toString(): String = "ClientOptions(apiKey=<redacted>, baseUrl=${baseUrl}, concurrencyPerCompany=${concurrencyPerCompany}, cursor=${cursor}, maxRetries=${maxRetries}, proxy=${proxy}, timeout=${timeout}, totalTimeout=${totalTimeout}, userAgent=${userAgent}, webhookSecret=<redacted>)"
}

/** The options of `enqueue`; `None` is the core's default. */
@Serializable
data class EnqueueOptions @JvmOverloads constructor(
    /** Rule profile, `"sage"` (default) or `"generic"`. */
    @SerialName("profile") val profile: String? = null,
    /** IANA zone that dates with an offset are converted into (default: kept as written). */
    @SerialName("timeZone") val timeZone: String? = null,
    /** The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC). */
    @SerialName("today") val today: String? = null,
) {
    /** A copy with `profile` set (for Java, which has no named arguments). */
    fun withProfile(value: String?): EnqueueOptions = copy(profile = value)
    /** A copy with `timeZone` set (for Java, which has no named arguments). */
    fun withTimeZone(value: String?): EnqueueOptions = copy(timeZone = value)
    /** A copy with `today` set (for Java, which has no named arguments). */
    fun withToday(value: String?): EnqueueOptions = copy(today = value)
}

/** The options of `push_feed` / `pushFeed`; `None` is the core's default. */
@Serializable
data class FeedOptions @JvmOverloads constructor(
    /** Codat's `allowSyncOnPushComplete` for each push. */
    @SerialName("allowSyncOnPushComplete") val allowSyncOnPushComplete: Boolean? = null,
    /** Lines per push, 1 to 1000 (default 1000). */
    @SerialName("batchSize") val batchSize: Long? = null,
    /** Seconds to wait for another run to give the account up (default 0: `ACCOUNT_BUSY` at once). */
    @SerialName("leaseWait") val leaseWait: Double? = null,
    /** Rule profile, `"sage"` (default) or `"generic"`. */
    @SerialName("profile") val profile: String? = null,
    /** Push the valid lines and report the invalid ones as skipped. */
    @SerialName("skipInvalid") val skipInvalid: Boolean? = null,
    /** IANA zone (`Europe/London`) that dates with an offset are converted into (default: every date kept as written). */
    @SerialName("timeZone") val timeZone: String? = null,
    /** Codat's `timeoutInMinutes` for each push. */
    @SerialName("timeoutInMinutes") val timeoutInMinutes: Long? = null,
    /** The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC). */
    @SerialName("today") val today: String? = null,
    /** Seconds to wait for each push to finish (default 900). */
    @SerialName("waitTimeout") val waitTimeout: Double? = null,
) {
    /** A copy with `allowSyncOnPushComplete` set (for Java, which has no named arguments). */
    fun withAllowSyncOnPushComplete(value: Boolean?): FeedOptions = copy(allowSyncOnPushComplete = value)
    /** A copy with `batchSize` set (for Java, which has no named arguments). */
    fun withBatchSize(value: Long?): FeedOptions = copy(batchSize = value)
    /** A copy with `leaseWait` set (for Java, which has no named arguments). */
    fun withLeaseWait(value: Double?): FeedOptions = copy(leaseWait = value)
    /** A copy with `profile` set (for Java, which has no named arguments). */
    fun withProfile(value: String?): FeedOptions = copy(profile = value)
    /** A copy with `skipInvalid` set (for Java, which has no named arguments). */
    fun withSkipInvalid(value: Boolean?): FeedOptions = copy(skipInvalid = value)
    /** A copy with `timeZone` set (for Java, which has no named arguments). */
    fun withTimeZone(value: String?): FeedOptions = copy(timeZone = value)
    /** A copy with `timeoutInMinutes` set (for Java, which has no named arguments). */
    fun withTimeoutInMinutes(value: Long?): FeedOptions = copy(timeoutInMinutes = value)
    /** A copy with `today` set (for Java, which has no named arguments). */
    fun withToday(value: String?): FeedOptions = copy(today = value)
    /** A copy with `waitTimeout` set (for Java, which has no named arguments). */
    fun withWaitTimeout(value: Double?): FeedOptions = copy(waitTimeout = value)
}

/** The options of listing push operations; `None` is the core's default. */
@Serializable
data class ListOptions @JvmOverloads constructor(
    /** Codat's `orderBy`, e.g. `-requestedOnUtc`. */
    @SerialName("orderBy") val orderBy: String? = null,
    /** Page number, from 1 (default 1). */
    @SerialName("page") val page: Long? = null,
    /** Items per page (default 100). */
    @SerialName("pageSize") val pageSize: Long? = null,
    /** Codat's query language, e.g. `status=Failed`. */
    @SerialName("query") val query: String? = null,
) {
    /** A copy with `orderBy` set (for Java, which has no named arguments). */
    fun withOrderBy(value: String?): ListOptions = copy(orderBy = value)
    /** A copy with `page` set (for Java, which has no named arguments). */
    fun withPage(value: Long?): ListOptions = copy(page = value)
    /** A copy with `pageSize` set (for Java, which has no named arguments). */
    fun withPageSize(value: Long?): ListOptions = copy(pageSize = value)
    /** A copy with `query` set (for Java, which has no named arguments). */
    fun withQuery(value: String?): ListOptions = copy(query = value)
}

/** The options of one push (`push_batch`), for a binding that reads them as JSON. */
@Serializable
data class PushBatchOptions @JvmOverloads constructor(
    /** Codat's `allowSyncOnPushComplete`. */
    @SerialName("allowSyncOnPushComplete") val allowSyncOnPushComplete: Boolean? = null,
    /** The push's idempotency key (default: derived from the target and the lines). */
    @SerialName("idempotencyKey") val idempotencyKey: String? = null,
    /** Codat's `timeoutInMinutes`. */
    @SerialName("timeoutInMinutes") val timeoutInMinutes: Long? = null,
) {
    /** A copy with `allowSyncOnPushComplete` set (for Java, which has no named arguments). */
    fun withAllowSyncOnPushComplete(value: Boolean?): PushBatchOptions = copy(allowSyncOnPushComplete = value)
    /** A copy with `idempotencyKey` set (for Java, which has no named arguments). */
    fun withIdempotencyKey(value: String?): PushBatchOptions = copy(idempotencyKey = value)
    /** A copy with `timeoutInMinutes` set (for Java, which has no named arguments). */
    fun withTimeoutInMinutes(value: Long?): PushBatchOptions = copy(timeoutInMinutes = value)
}

/** The options of `reconcile`; `None` is the core's default. */
@Serializable
data class ReconcileOptions @JvmOverloads constructor(
    /** Re-read each journaled batch's push operation from Codat (default false). */
    @SerialName("confirm") val confirm: Boolean? = null,
    /** The balance before the first line, as decimal text (default: the first valid line's balance less its amount). */
    @SerialName("openingBalance") val openingBalance: String? = null,
    /** Rule profile, `"sage"` (default) or `"generic"`. */
    @SerialName("profile") val profile: String? = null,
    /** IANA zone that dates with an offset are converted into (default: kept as written). */
    @SerialName("timeZone") val timeZone: String? = null,
    /** The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC). */
    @SerialName("today") val today: String? = null,
) {
    /** A copy with `confirm` set (for Java, which has no named arguments). */
    fun withConfirm(value: Boolean?): ReconcileOptions = copy(confirm = value)
    /** A copy with `openingBalance` set (for Java, which has no named arguments). */
    fun withOpeningBalance(value: String?): ReconcileOptions = copy(openingBalance = value)
    /** A copy with `profile` set (for Java, which has no named arguments). */
    fun withProfile(value: String?): ReconcileOptions = copy(profile = value)
    /** A copy with `timeZone` set (for Java, which has no named arguments). */
    fun withTimeZone(value: String?): ReconcileOptions = copy(timeZone = value)
    /** A copy with `today` set (for Java, which has no named arguments). */
    fun withToday(value: String?): ReconcileOptions = copy(today = value)
}

/** Body of `PATCH .../connectionInfo/bankFeedAccounts/{accountId}`. Codat allows `accountName`; `status` only to `disconnected`; `balance` only while the account is not connected. */
@Serializable
data class SourceAccountUpdate @JvmOverloads constructor(
    /** New display name. */
    @SerialName("accountName") val accountName: String? = null,
    /** New balance (only while not connected). */
    @SerialName("balance") val balance: BigDecimal? = null,
    /** New status (only `disconnected` is accepted). */
    @SerialName("status") val status: AccountStatus? = null,
) {
    /** A copy with `accountName` set (for Java, which has no named arguments). */
    fun withAccountName(value: String?): SourceAccountUpdate = copy(accountName = value)
    /** A copy with `balance` set (for Java, which has no named arguments). */
    fun withBalance(value: BigDecimal?): SourceAccountUpdate = copy(balance = value)
    /** A copy with `status` set (for Java, which has no named arguments). */
    fun withStatus(value: AccountStatus?): SourceAccountUpdate = copy(status = value)
}

/** The options of `validate`, for a binding that reads them as JSON. */
@Serializable
data class ValidateOptions @JvmOverloads constructor(
    /** What the account holds already, in wire spelling (default: an empty account). */
    @SerialName("cursor") val cursor: AccountCursorInput? = null,
    /** Rule profile, `"sage"` (default) or `"generic"`. */
    @SerialName("profile") val profile: String? = null,
    /** IANA zone that dates with an offset are converted into (default: kept as written). */
    @SerialName("timeZone") val timeZone: String? = null,
    /** The day to validate against, `YYYY-MM-DD` (default: today in `time_zone`, or in UTC). */
    @SerialName("today") val today: String? = null,
) {
    /** A copy with `cursor` set (for Java, which has no named arguments). */
    fun withCursor(value: AccountCursorInput?): ValidateOptions = copy(cursor = value)
    /** A copy with `profile` set (for Java, which has no named arguments). */
    fun withProfile(value: String?): ValidateOptions = copy(profile = value)
    /** A copy with `timeZone` set (for Java, which has no named arguments). */
    fun withTimeZone(value: String?): ValidateOptions = copy(timeZone = value)
    /** A copy with `today` set (for Java, which has no named arguments). */
    fun withToday(value: String?): ValidateOptions = copy(today = value)
}

/** The options of a worker; `None` is the core's default. */
@Serializable
data class WorkerOptions @JvmOverloads constructor(
    /** Accounts pushed at once (default 8). */
    @SerialName("accountsAtOnce") val accountsAtOnce: Long? = null,
    /** Lines per push, 1 to 1000 (default 1000). */
    @SerialName("batchSize") val batchSize: Long? = null,
    /** Seconds between two looks for due lines when idle (default 1). */
    @SerialName("idlePoll") val idlePoll: Double? = null,
    /** Seconds a claim lasts unless renewed (default 30). */
    @SerialName("leaseTtl") val leaseTtl: Double? = null,
    /** Most lines per claim of an account (default 10,000). */
    @SerialName("linesPerClaim") val linesPerClaim: Long? = null,
    /** Rule profile, `"sage"` (default) or `"generic"`. */
    @SerialName("profile") val profile: String? = null,
    /** Stop once nothing is left to do (default: wait for more lines). */
    @SerialName("untilDrained") val untilDrained: Boolean? = null,
    /** Seconds to wait for each push to finish (default 900). */
    @SerialName("waitTimeout") val waitTimeout: Double? = null,
) {
    /** A copy with `accountsAtOnce` set (for Java, which has no named arguments). */
    fun withAccountsAtOnce(value: Long?): WorkerOptions = copy(accountsAtOnce = value)
    /** A copy with `batchSize` set (for Java, which has no named arguments). */
    fun withBatchSize(value: Long?): WorkerOptions = copy(batchSize = value)
    /** A copy with `idlePoll` set (for Java, which has no named arguments). */
    fun withIdlePoll(value: Double?): WorkerOptions = copy(idlePoll = value)
    /** A copy with `leaseTtl` set (for Java, which has no named arguments). */
    fun withLeaseTtl(value: Double?): WorkerOptions = copy(leaseTtl = value)
    /** A copy with `linesPerClaim` set (for Java, which has no named arguments). */
    fun withLinesPerClaim(value: Long?): WorkerOptions = copy(linesPerClaim = value)
    /** A copy with `profile` set (for Java, which has no named arguments). */
    fun withProfile(value: String?): WorkerOptions = copy(profile = value)
    /** A copy with `untilDrained` set (for Java, which has no named arguments). */
    fun withUntilDrained(value: Boolean?): WorkerOptions = copy(untilDrained = value)
    /** A copy with `waitTimeout` set (for Java, which has no named arguments). */
    fun withWaitTimeout(value: Double?): WorkerOptions = copy(waitTimeout = value)
}

