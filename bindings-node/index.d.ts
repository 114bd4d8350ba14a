/* feedrail's types, generated from its Rust types by bindings-common/src/typegen.rs (do not
 * edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p feedrail-bindings typegen` rewrites it). Money
 * is a string of exact decimal digits; dates are ISO 8601 strings. */

/** A money amount: a decimal string (`"-12.50"`), a number (read through its shortest decimal
 * string, so `0.1` is exactly 0.1), a bigint, or a decimal-like object whose `toString()` gives
 * its digits (decimal.js, big.js, bignumber.js). */
export type Money = string | number | bigint | { toString(): string }

/** One bank statement line, in Codat's camelCase wire format. `amount` is signed: positive is money in, negative is money out. `balance` is the account's running balance after this line; for Sage the balance of the last line pushed becomes the account's balance. Build these from raw records with [`validate_records`](crate::validate_records), which reports every problem per row. */
export interface TransactionInput {
  /** Signed amount, exact. */
  amount: Money
  /** Running balance after this line, exact (mandatory for Sage). */
  balance?: Money | null
  /** The giving or receiving party. */
  counterparty?: string | null
  /** When the line cleared: wall-clock date and time, as Codat records it (no offset; see [`crate::date`]). */
  date: string | Date
  /** Statement text (mandatory and non-empty for Sage). */
  description?: string | null
  /** Your unique id for the line; Sage refuses an id it has already received. */
  id: string
  /** Whether the line is already reconciled. */
  reconciled?: boolean | null
  /** A free reference. */
  reference?: string | null
  /** Kind of line (mandatory for Sage). */
  transactionType?: TransactionType | null
}

/** Body of `POST .../connectionInfo/bankFeedAccounts` (and one item of `/batch`). */
export interface SourceAccountInput {
  /** Display name. */
  accountName?: string | null
  /** Account number. */
  accountNumber?: string | null
  /** Free text, e.g. `Credit` or `Debit`. */
  accountType?: string | null
  /** Opening balance. */
  balance?: Money | null
  /** ISO 4217 currency code. */
  currency?: string | null
  /** Your unique id for the account. */
  id: string
  /** When the account last changed. */
  modifiedDate?: string | null
  /** UK sort code. */
  sortCode?: string | null
}

/** Body of `POST …/bankFeedAccounts/mapping`: map a source account to a target account (Xero, FreeAgent, NetSuite, Exact; Sage users map inside Sage). */
export interface AccountMappingInput {
  /** From when transactions can be fed. */
  feedStartDate?: string | null
  /** Your source account's id. */
  sourceAccountId: string
  /** The target account's id. */
  targetAccountId?: string | null
}

/** What feedrail knows about a target account: Codat cannot list what was pushed, so this is remembered by the client (see the cursor stores) and checked before every push. */
export interface AccountCursorInput {
  /** The account's status, when known; `None` skips the connected check. */
  accountStatus?: AccountStatus | null
  /** The account's balance after the last line pushed. */
  lastBalance?: Money | null
  /** Date of the newest line already on the account. */
  latestDate?: string | null
  /** Id of that line. */
  latestId?: string | null
  /** Ids already pushed (recent ones at least); a line reusing one is a duplicate. */
  recentIds?: Array<string>
}

/** One source account and its current or possible target accounts (`GET …/bankFeedAccounts/mapping`). */
export interface AccountMapping {
  /** From when transactions can be fed. */
  feedStartDate?: string | null
  /** Your source account's id. */
  sourceAccountId?: string | null
  /** Its name. */
  sourceAccountName?: string | null
  /** Its number. */
  sourceAccountNumber?: string | null
  /** Its balance. */
  sourceBalance?: string | null
  /** Its currency. */
  sourceCurrency?: string | null
  /** Mapping state, e.g. `pending`, `connected`. */
  status?: string | null
  /** The target account it feeds, once mapped. */
  targetAccountId?: string | null
  /** The target account's name. */
  targetAccountName?: string | null
  /** Target accounts it could be mapped to. */
  targetAccountOptions?: TargetAccountOption[] | null
}

/** Answer to a mapping request. */
export interface AccountMappingResult {
  /** Why it failed, if it did. */
  error?: string | null
  /** The source account. */
  sourceAccountId?: string | null
  /** Outcome, e.g. `Success` or `Failed`. */
  status?: string | null
  /** The target account. */
  targetAccountId?: string | null
}

/** One account's place in the queue. */
export interface AccountQueueStatus {
  /** Lines of batches Codat refused, waiting for a retry or a drop. */
  failed: number
  /** Why the first failed line failed. */
  failure?: string | null
  /** Who works on the account now, when someone does. */
  holder?: string | null
  /** Lines of the batch in flight (sent or about to be, not yet settled). */
  inFlight: number
  /** Lines that landed through feedrail (by any run, queued or not). */
  landed: number
  /** That error. */
  lastError?: string | null
  /** Lines waiting to be pushed. */
  queued: number
  /** When a worker tries again after a transient error. */
  retryAt?: string | null
  /** The account. */
  target: PushTarget
}

/** Connection state of a source account. Only `connected` accounts accept pushes in Sage. */
export type AccountStatus = 'pending' | 'connected' | 'connecting' | 'disconnected' | 'unknown'

/** A line whose balance is not the previous balance plus its amount: where a break starts. */
export interface BalanceBreak {
  /** The previous balance plus its amount. */
  expected: string
  /** The balance it states. */
  found: string
  /** Its id. */
  id: string
  /** Its position in the source. */
  index: number
}

/** One journaled batch checked against Codat's push history. */
export interface BatchCheck {
  /** Whether they agree: `Success` for a landed batch (or a resend refused as already received, line by line), anything else for a refused one. */
  agrees: boolean
  /** The journal entry. */
  batch: number
  /** What Codat says now. */
  codatStatus: PushStatus
  /** What the journal says. */
  journaled: JournalStatus
  /** Codat's key of its push. */
  pushOperationKey: string
}

/** One item of the response of `POST .../bankFeedAccounts/batch`. */
export interface BatchCreateItem {
  /** What happened to it. */
  result: BatchCreateResult
  /** The id from the request. */
  sourceAccountId: string
}

/** Outcome of creating one account in a batch. */
export interface BatchCreateResult {
  /** The created account, when it was created. */
  account?: SourceAccount | null
  /** Why it failed, when it did. */
  error?: string | null
  /** 201 when created; an error status (Codat sends it as a string) otherwise. */
  statusCode: StatusCode
}

/** One batch of a feed run. */
export interface BatchOutcome {
  /** Codat's `validation.errors`. */
  errors: ValidationItem[]
  /** Id of its first line. */
  firstId: string
  /** Its Idempotency-Key. */
  idempotencyKey: string
  /** Why its fate became unknown, when it did (ended `TimedOut`, resumed after Codat's idempotency window, a server error whose history search failed, ...). */
  inDoubt?: string | null
  /** Id of its last line. */
  lastId: string
  /** Codat's `errorMessage`, or why it was not sent. */
  message?: string | null
  /** Codat's processing time of its push in milliseconds (requested to completed, by Codat's clock). */
  processingMs?: number | null
  /** Codat's key, once accepted. */
  pushOperationKey?: string | null
  /** How a batch in doubt was settled. */
  resolution?: Resolution | null
  /** 0-based position among this run's batches (the resumed batch has none). */
  sequence?: number | null
  /** Lines in it. */
  size: number
  /** Where it ended. */
  status: BatchStatus
}

/** Where a batch ended. */
export type BatchStatus = 'success' | 'alreadyLanded' | 'failed' | 'inDoubt' | 'pending' | 'notSent'

/** A Codat company: one of your customers. */
export interface Company {
  /** When it was created. */
  created?: string | null
  /** Who created it. */
  createdByUserName?: string | null
  /** The company's data connections. */
  dataConnections?: Connection[] | null
  /** Free description. */
  description?: string | null
  /** Company id (a UUID). */
  id: string
  /** Company name. */
  name: string
  /** Codat Link URL for the company. */
  redirect: string
}

/** `GET …/bankFeeds/info`: the company as the accounting software knows it (Codat answers this for Xero and Oracle NetSuite; for Sage it is an error). */
export interface CompanyInformation {
  /** Currency set in the accounting software. */
  baseCurrency?: string | null
  /** Name of the linked company. */
  companyName?: string | null
  /** Enabled currencies. */
  currencies?: string[] | null
  /** Whether the organisation has multicurrency enabled. */
  multicurrencyEnabled?: boolean | null
  /** Subscription type, e.g. `Trial`, `Standard`. */
  planType?: string | null
}

/** One page of a paged list (`GET /companies/{companyId}/push` and friends). */
export interface CompanyPage {
  /** Navigation links. */
  _links: Links
  /** 1-based page number. */
  pageNumber: number
  /** Page size asked for. */
  pageSize: number
  /** The items on this page. */
  results: Company[]
  /** Items across all pages, after filtering. */
  totalResults: number
}

/** How close clients came to the per-company concurrency cap since the last reset. */
export interface ConcurrencyStats {
  /** Most requests one company had in flight at once. */
  peakPerCompany: number
  /** Requests refused with 429 because their company was at the cap. */
  refused: number
}

/** A data connection between a company and a platform (for bank feeds: Sage Bank Feeds). */
export interface Connection {
  /** When it was created. */
  created: string
  /** Connection id (a UUID). */
  id: string
  /** Integration id. */
  integrationId: string
  /** Integration key, e.g. `olpr`. */
  integrationKey?: string | null
  /** Last sync, if any. */
  lastSync?: string | null
  /** Link URL (not to be given to Sage users). */
  linkUrl: string
  /** Platform name, e.g. `SageBankFeed`. */
  platformName: string
  /** Source id. */
  sourceId: string
  /** `BankFeed` for bank feed connections. */
  sourceType: string
  /** Connection state. */
  status: ConnectionStatus
}

/** State of a data connection. */
export type ConnectionStatus = 'PendingAuth' | 'Linked' | 'Unlinked' | 'Deauthorized'

/** `POST …/bankFeedAccounts/credentials` (QuickBooks Online only): what the QBO user types to authenticate the feed. The password never appears in `Debug`. */
export interface Credentials {
  /** Its password. */
  password?: string
  /** User name the bank-feeds platform signs in with. */
  username?: string
}

/** What [`Queue::enqueue`] did. */
export interface Enqueued {
  /** Positions of lines left out because their id is already queued or already landed (so handing the same lines over twice is harmless). */
  alreadyKnown: number[]
  /** Lines added to the account's queue. */
  queued: number
  /** Warnings found on entry (errors refuse the whole call). */
  validation: Report
}

/** Stable, machine-readable error codes (`exc.code` in Python, `err.code` in Node). */
export type ErrorCode = 'VALIDATION' | 'CONFIG' | 'AUTH' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST' | 'RATE_LIMITED' | 'API' | 'NETWORK' | 'TIMEOUT' | 'PUSH_FAILED' | 'PUSH_TIMED_OUT' | 'ACCOUNT_NOT_CONNECTED' | 'ACCOUNT_BUSY' | 'STORE' | 'WEBHOOK_SIGNATURE' | 'WEBHOOK_REPLAY' | 'WEBHOOK_PAYLOAD' | 'INTERNAL'

/** The findings an error carries. */
export type ErrorIssues = Issue[] | ValidationItem[]

/** Probabilities (0 to 1) of each fault, and the seed that makes a run reproducible. Per API request, at most one of `error500`, `error503`, `rateLimited`, `resetBeforeCommit` and `resetAfterCommit` happens (their sum must not exceed 1); `latency` is rolled separately. Per push processed, at most one of `pushFailed`, `pushTimedOut` and `timedOutLanded` (their sum must not exceed 1). */
export interface FaultConfig {
  /** 500 Internal Server Error before anything is done. */
  error500?: number
  /** 503 Service Unavailable before anything is done. */
  error503?: number
  /** Probability of added latency on a request. */
  latency?: number
  /** How much latency is added when it is. */
  latencyMs?: number
  /** At most this many pushes end badly (`pushFailed`, `pushTimedOut`, `timedOutLanded`); the rest are processed normally. With a probability of 1, `1` makes exactly the first push processed fail. */
  maxPushFaults?: number | null
  /** A push ends `Failed` (nothing written) regardless of its content. */
  pushFailed?: number
  /** A push ends `TimedOut` (nothing written). */
  pushTimedOut?: number
  /** 429 Too Many Requests (with `Retry-After: 1`) before anything is done. */
  rateLimited?: number
  /** The request is handled (a push is accepted and will be processed), then the connection is reset before the response: the client cannot know whether it landed. */
  resetAfterCommit?: number
  /** The connection is reset before the request is handled: nothing happened. */
  resetBeforeCommit?: number
  /** Seed of the fault generator; the same seed and request sequence give the same faults. */
  seed?: number
  /** A push ends `TimedOut`, and its lines land a moment later anyway (Codat: a timed-out push "may still land"), before the account's next push is processed. */
  timedOutLanded?: number
}

/** How often each fault happened since the last reset. */
export interface FaultStats {
  /** 500s injected. */
  error500: number
  /** 503s injected. */
  error503: number
  /** Requests delayed. */
  latency: number
  /** Pushes forced to `Failed`. */
  pushFailed: number
  /** Pushes forced to `TimedOut`. */
  pushTimedOut: number
  /** Pushes processed. */
  pushesProcessed: number
  /** 429s injected. */
  rateLimited: number
  /** API requests seen by the fault generator. */
  requests: number
  /** Resets after handling. */
  resetAfterCommit: number
  /** Resets before handling. */
  resetBeforeCommit: number
  /** Pushes forced to `TimedOut` that landed anyway. */
  timedOutLanded: number
}

/** The account's result of a feed run: exactly what landed and what did not. */
export interface FeedReport {
  /** Lines of this input this run sent that turned out to be on the account already (an earlier run or a twin had pushed them). */
  alreadyLanded: number
  /** Input positions left out because the cursor says they landed in an earlier run. */
  alreadyPushed: number[]
  /** The account's balance after the run, as far as feedrail knows. */
  balance?: string | null
  /** This run's batches, in order (only those attempted). */
  batches: BatchOutcome[]
  /** Lines of this input that this run put on the account. */
  landed: number
  /** A batch left in flight by an earlier run, resolved before anything else. */
  resumed?: BatchOutcome | null
  /** Input positions not sent because they have errors (with `skip_invalid`). */
  skipped: number[]
  /** The account. */
  target: PushTarget
  /** Lines handed in. */
  total: number
  /** Findings on the other lines. */
  validation: Report
}

/** The properties of a `FeedrailError` besides its message. */
export interface FeedrailErrorDetails {
  /** The stable code: the same in Rust, Python and Node; switch on it. */
  code: ErrorCode
  /** Codat's correlation id, for support. */
  correlationId?: string | null
  /** Validation findings (`VALIDATION`) or Codat's validation messages (`PUSH_FAILED`). */
  issues: ErrorIssues
  /** What landed before a feed stopped. */
  report?: FeedReport | null
  /** Seconds Codat asked to wait, when it did. */
  retryAfter?: number | null
  /** Whether trying again later may succeed. */
  retryable: boolean
  /** The HTTP status, when Codat answered. */
  status?: number | null
}

/** One finding: what is wrong, on which line and field, and what to do. */
export interface Issue {
  /** Stable code. */
  code: IssueCode
  /** The wire name of the field concerned, when there is one. */
  field?: string | null
  /** 0-based position in the input; `None` for account-level findings. */
  index?: number | null
  /** Human-readable: what is wrong, where, and what to do. */
  message: string
  /** The line's id, when it has a usable one. */
  transactionId?: string | null
}

/** Stable code of a validation finding, shared by every language feedrail ships. */
export type IssueCode = 'MISSING_FIELD' | 'INVALID_FIELD' | 'INVALID_RECORD' | 'DUPLICATE_ID' | 'OUT_OF_ORDER' | 'OLDER_THAN_LATEST' | 'FUTURE_DATE' | 'ACCOUNT_NOT_CONNECTED' | 'AMOUNT_SIGN_MISMATCH' | 'BALANCE_DISCONTINUITY' | 'UNKNOWN_FIELD' | 'MIXED_OFFSETS'

/** How a journaled batch ended. */
export type JournalStatus = 'landed' | 'failed'

/** What landed on a target account, in order. */
export interface Ledger {
  /** The source account. */
  accountId: string
  /** Its balance (the last line's balance). */
  balance?: string | null
  /** Date of the newest line (wall-clock, as it landed). */
  latestDate?: string | null
  /** Its status. */
  status?: AccountStatus | null
  /** Every line, in the order it landed. */
  transactions: Transaction[]
}

/** What became of one line. */
export type LineStatus = 'landed' | 'pending' | 'in_doubt' | 'failed' | 'rejected' | 'not_sent' | 'not_in_source'

/** A link. */
export interface Link {
  /** Path and query, relative to the API base. */
  href: string
}

/** Links of a page. */
export interface Links {
  /** This page. */
  current: Link
  /** The next page, when there is one. */
  next?: Link | null
  /** The previous page, when there is one. */
  previous?: Link | null
  /** The request as made. */
  self: Link
}

/** A one-time password for connecting a Sage bank feed (`POST …/bankFeeds/otp`): the Sage user enters it with the connection id in Sage's "Connect Bank" dialog. */
export interface Otp {
  /** When it stops being valid. */
  expiry: string
  /** The one-time password, e.g. `GT40U4`. */
  otp: string
}

/** Something a feed run did. */
export type ProgressEvent = ProgressEventResumed | ProgressEventPlanned | ProgressEventBatchSent | ProgressEventBatchLanded | ProgressEventBatchStopped

/** A batch landed. */
export interface ProgressEventBatchLanded {
  /** The account. */
  accountId: string
  event: 'batchLanded'
  /** Lines landed so far in this run. */
  landed: number
  /** Its position. */
  sequence: number
  /** Its lines. */
  size: number
  /** Lines this run will send. */
  total: number
}

/** A batch was accepted (`Pending`). */
export interface ProgressEventBatchSent {
  /** The account. */
  accountId: string
  event: 'batchSent'
  /** Codat's key. */
  pushOperationKey: string
  /** Its position. */
  sequence: number
  /** Its lines. */
  size: number
}

/** A batch did not land; the run stops. */
export interface ProgressEventBatchStopped {
  /** The account. */
  accountId: string
  event: 'batchStopped'
  /** Its position. */
  sequence: number
  /** Where it ended. */
  status: BatchStatus
}

/** Validation passed; this is what will be sent. */
export interface ProgressEventPlanned {
  /** The account. */
  accountId: string
  /** Batches to send. */
  batches: number
  event: 'planned'
  /** Lines to send. */
  transactions: number
}

/** A batch left in flight by an earlier run is being resolved. */
export interface ProgressEventResumed {
  /** The account. */
  accountId: string
  event: 'resumed'
  /** Its Codat key, if it was accepted. */
  pushOperationKey?: string | null
}

/** One record a push changed. */
export interface PushChange {
  /** The attachment created, if any. */
  attachmentId?: string | null
  /** The record changed. */
  recordRef?: RecordRef | null
  /** `Unknown`, `Created`, `Modified`, `Deleted` or `AttachmentUploaded`. */
  type?: string | null
}

/** One note on a field. */
export interface PushFieldValidation {
  /** The rule. */
  details: string
  /** The field it is about. */
  field?: string | null
  /** A reference for it. */
  ref?: string | null
}

/** Codat's `PushOperation` (and, with `data`, the create response that echoes the request). */
export interface PushOperation {
  /** Records changed, once known. */
  changes?: PushChange[] | null
  /** The company. */
  companyId: string
  /** When it finished; absent while pending. */
  completedOnUtc?: string | null
  /** Echo of the request body (create response only), kept as raw JSON text: it is as large as the push and rarely needed, so it is not parsed. */
  data?: unknown
  /** The connection. */
  dataConnectionKey: string
  /** `bankTransactions` for bank feeds. */
  dataType?: string | null
  /** Why it failed, when it did. */
  errorMessage?: string | null
  /** Codat's key for this operation; persist it to poll. */
  pushOperationKey: string
  /** When it was requested. */
  requestedOnUtc: string
  /** Where it stands. */
  status: PushStatus
  /** Body status code: 202 pending, 200 success, 400 failed (not the HTTP status). */
  statusCode: number
  /** Deadline requested with the push. */
  timeoutInMinutes?: number | null
  /** Errors and warnings. */
  validation?: Validation | null
}

/** One page of a paged list (`GET /companies/{companyId}/push` and friends). */
export interface PushOperationPage {
  /** Navigation links. */
  _links: Links
  /** 1-based page number. */
  pageNumber: number
  /** Page size asked for. */
  pageSize: number
  /** The items on this page. */
  results: PushOperation[]
  /** Items across all pages, after filtering. */
  totalResults: number
}

/** A field of the push body (or the body itself): its type, whether it is required, its sub-fields and allowed values, and the platform's notes on it. */
export interface PushOption {
  /** What it holds. */
  description?: string | null
  /** Display name. */
  displayName: string
  /** Allowed values. */
  options?: PushOptionChoice[] | null
  /** Sub-fields by name. */
  properties?: Record<string, PushOption> | null
  /** Whether the platform needs it. */
  required: boolean
  /** `Array`, `Object`, `String`, `Number`, `Boolean`, `DateTime`, `File` or `MultiPart`. */
  type: string
  /** The platform's rules for it. */
  validation?: PushValidationInfo | null
}

/** An allowed value of a field. */
export interface PushOptionChoice {
  /** What it means. */
  description?: string | null
  /** Display name. */
  displayName?: string | null
  /** Whether it is required. */
  required?: boolean | null
  /** Its type. */
  type?: string | null
  /** The value. */
  value?: string
}

/** Where a push operation stands. `Pending` is the only non-final status. */
export type PushStatus = 'Pending' | 'Failed' | 'Success' | 'TimedOut'

/** The account a batch goes to. */
export interface PushTarget {
  /** Source account id. */
  accountId: string
  /** Codat company id. */
  companyId: string
  /** Sage Bank Feeds connection id. */
  connectionId: string
}

/** The platform's notes on a field. */
export interface PushValidationInfo {
  /** Information. */
  information?: PushFieldValidation[] | null
  /** Rules a push can break. */
  warnings?: PushFieldValidation[] | null
}

/** Payload of `client.rateLimit.reached` / `.reset`. */
export interface RateLimitChanged {
  /** Requests allowed per day. */
  dailyQuota?: number | null
  /** When the quota is reset. */
  expiryDate?: string | null
  /** Requests left today. */
  quotaRemaining?: number | null
}

/** One line's reconciliation. */
export interface ReconciledLine {
  /** Its amount, when the line is valid. */
  amount?: string | null
  /** Its running balance, when the line is valid and has one. */
  balance?: string | null
  /** The journal entry (batch) it went in, when it was sent. */
  batch?: number | null
  /** When that push completed. */
  completedAt?: string | null
  /** Its date, when the line is valid. */
  date?: string | null
  /** Its id (none when the source line has no readable id). */
  id?: string | null
  /** Its position in the source (none for a line not in it). */
  index?: number | null
  /** The validation finding that rejected it. */
  issue?: Issue | null
  /** Codat's key of that batch's push. */
  pushOperationKey?: string | null
  /** Why it failed, is in doubt, or was rejected. */
  reason?: string | null
  /** What became of it. */
  status: LineStatus
}

/** What became of a source file's lines at Codat. */
export interface Reconciliation {
  /** The account's balance at Codat, when it was read. */
  accountBalance?: string | null
  /** Every line (valid, with a balance) where the running balance breaks, in source order. */
  balanceBreaks: BalanceBreak[]
  /** Whether Codat's balance equals the last landed line's (none when either is unknown). */
  balanceMatches?: boolean | null
  /** The journaled batches checked against Codat (with `confirm`; empty otherwise). */
  batchChecks: BatchCheck[]
  /** How many lines have each status. */
  counts: StatusCounts
  /** The balance after the last line that landed (feedrail's cursor). */
  lastLandedBalance?: string | null
  /** One per source line, in source order. */
  lines: ReconciledLine[]
  /** Lines landed through feedrail that the source does not have, in the order they landed. */
  notInSource: ReconciledLine[]
  /** Every line of the source landed, the running balance holds, Codat's balance is not known to differ from the last landed line's, and every batch checked agrees with Codat. */
  ok: boolean
  /** The balance before the first line: as given, or the first valid line's balance less its amount. */
  openingBalance?: string | null
  /** The account. */
  target: PushTarget
}

/** Reference to a pushed record. */
export interface RecordRef {
  /** Record data type, e.g. `bankTransactions`. */
  dataType?: string | null
  /** Record id. */
  id?: string | null
}

/** The company an event is about. */
export interface ReferenceCompany {
  /** Company description. */
  description?: string | null
  /** Company id. */
  id: string
  /** Company name. */
  name?: string | null
}

/** The result of validating a list of transactions. */
export interface Report {
  /** How many input lines were checked. */
  checked: number
  /** Findings that stop a push, in input order (account-level first). */
  errors: Issue[]
  /** Findings that do not, in input order. */
  warnings: Issue[]
}

/** How a batch whose fate was unknown was settled. */
export type Resolution = 'foundInHistory' | 'resent' | 'alreadyReceived' | 'unresolved'

/** The sandbox's counters since the last reset (`GET /_sandbox/stats`, `Sandbox::stats`). */
export interface SandboxStats {
  /** Companies held. */
  companies: number
  /** Requests in flight per company, at most, and those refused over the cap. */
  concurrency: ConcurrencyStats
  /** How often each fault happened. */
  faults: FaultStats
  /** Pushes accepted for an account while an earlier one to it was pending. */
  overlappingPushes: number
  /** Push operations received. */
  pushOperations: number
  /** Status reads of single push operations. */
  statusPolls: number
  /** Each webhook endpoint's deliveries. */
  webhooks: WebhookDeliveryStats[]
}

/** A source account as Codat returns it. */
export interface SourceAccount {
  /** Display name. */
  accountName?: string | null
  /** Account number. */
  accountNumber?: string | null
  /** Free text in v1, e.g. `Credit` or `Debit`. */
  accountType?: string | null
  /** Latest balance; set by the last line of each successful push. */
  balance?: string | null
  /** ISO 4217 currency code. */
  currency?: string | null
  /** When the account became connected (set by the server). */
  feedStartDate?: string | null
  /** Your unique id for the account; the push path's `{accountId}`. */
  id: string
  /** When the account last changed. */
  modifiedDate?: string | null
  /** UK sort code (required by Codat for GBP accounts). */
  sortCode?: string | null
  /** Connection state. */
  status?: AccountStatus | null
}

/** Payload of `bankFeeds.sourceAccount.connected` / `.disconnected`. */
export interface SourceAccountChanged {
  /** The company id (deprecated by Codat in favour of `referenceCompany`). */
  companyId?: string | null
  /** The bank feeds data connection. */
  connectionId: string
  /** The company. */
  referenceCompany?: ReferenceCompany | null
  /** The source account, as Codat describes it. */
  sourceAccount: SourceAccount
}

/** An HTTP status that Codat sends sometimes as a number, sometimes as a string. */
export type StatusCode = number | string

/** How many lines have each status. */
export interface StatusCounts {
  /** Lines of refused batches. */
  failed: number
  /** Lines of the batch in doubt. */
  inDoubt: number
  /** Lines on the account. */
  landed: number
  /** Landed lines the source does not have. */
  notInSource: number
  /** Valid lines never sent. */
  notSent: number
  /** Lines of the batch in flight. */
  pending: number
  /** Lines feedrail's validation refused. */
  rejected: number
}

/** A target account a source account could be mapped to. */
export interface TargetAccountOption {
  /** Its account number. */
  accountNumber?: string | null
  /** Its balance. */
  balance?: string | null
  /** Target account id. */
  id?: string
  /** Its name. */
  name?: string | null
  /** Its sort code. */
  sortCode?: string | null
}

/** One bank statement line, in Codat's camelCase wire format. `amount` is signed: positive is money in, negative is money out. `balance` is the account's running balance after this line; for Sage the balance of the last line pushed becomes the account's balance. Build these from raw records with [`validate_records`](crate::validate_records), which reports every problem per row. */
export interface Transaction {
  /** Signed amount, exact. */
  amount: string
  /** Running balance after this line, exact (mandatory for Sage). */
  balance?: string | null
  /** The giving or receiving party. */
  counterparty?: string | null
  /** When the line cleared: wall-clock date and time, as Codat records it (no offset; see [`crate::date`]). */
  date: string
  /** Statement text (mandatory and non-empty for Sage). */
  description?: string | null
  /** Your unique id for the line; Sage refuses an id it has already received. */
  id: string
  /** Whether the line is already reconciled. */
  reconciled?: boolean | null
  /** A free reference. */
  reference?: string | null
  /** Kind of line (mandatory for Sage). */
  transactionType?: TransactionType | null
}

/** Codat's `BankTransactionType`: all 18 values, in the spec's order. */
export type TransactionType = 'Unknown' | 'Credit' | 'Debit' | 'Int' | 'Div' | 'Fee' | 'SerChg' | 'Dep' | 'Atm' | 'Pos' | 'Xfer' | 'Check' | 'Payment' | 'Cash' | 'DirectDep' | 'DirectDebit' | 'RepeatPmt' | 'Other'

/** Errors and warnings Codat attached to a push operation. */
export interface Validation {
  /** Problems that made the push fail. */
  errors?: ValidationItem[] | null
  /** Problems that did not stop it. */
  warnings?: ValidationItem[] | null
}

/** One validation finding on a push operation or an error body. */
export interface ValidationItem {
  /** What the finding is about (for bank transactions: the transaction id). */
  itemId?: string | null
  /** What is wrong. */
  message?: string | null
  /** Which validator found it. */
  validatorName?: string | null
}

/** The outcome of [`validate_records`]: the report and the lines that can be sent. Serializes as the report with `validIndices` (the form the language packages return). */
export interface ValidationReport {
  /** How many input lines were checked. */
  checked: number
  /** Findings that stop a push, in input order (account-level first). */
  errors: Issue[]
  /** Positions in the input of the lines without errors ([`check_records`] fills only these). */
  validIndices: number[]
  /** Findings that do not, in input order. */
  warnings: Issue[]
}

/** What an endpoint was sent. */
export interface WebhookDeliveryStats {
  /** Messages given up after every retry. */
  abandoned: number
  /** Messages answered with a 2xx. */
  delivered: number
  /** Attempts that failed (no answer or not 2xx); each is retried until the schedule ends. */
  failedAttempts: number
  /** Endpoint id. */
  id: string
  /** Messages still being delivered. */
  inFlight: number
  /** Where events go. */
  url: string
}

/** A registered endpoint, with its signing secret (shown once, when it is registered). */
export interface WebhookEndpoint {
  /** The event types it receives (all when absent). */
  eventTypes?: string[] | null
  /** Endpoint id. */
  id: string
  /** Its signing secret (`whsec_…`): give it to the receiver's verifier. */
  secret: string
  /** Where events go. */
  url: string
}

/** One webhook delivery from Codat. Deserializing one types its payload by its event type. */
export interface WebhookEvent {
  /** Its type, e.g. `bankTransactions.write.successful`. */
  eventType: string
  /** When Codat generated it (absent when Codat's value is not a valid time). */
  generatedDate?: string | null
  /** The event's id. */
  id: string
  /** What happened. */
  payload: WebhookPayload
}

/** An event's payload: typed for the event types feedrail knows, raw JSON for the rest. */
export type WebhookPayload = WriteCompleted | SourceAccountChanged | RateLimitChanged | Record<string, unknown>

/** What a worker did so far. */
export interface WorkerMetrics {
  /** Batches that landed. */
  batches: number
  /** Accounts claimed. */
  claims: number
  /** Lines marked failed (Codat refused their batch, or they no longer validate). */
  linesFailed: number
  /** Lines that landed (or were found landed) through this worker. */
  linesLanded: number
  /** Longest claim, in milliseconds. */
  maxClaimMs: number
  /** Mean time from claiming an account to a batch landing, per batch, in milliseconds. */
  meanBatchMs: number
  /** Claims that ended with a transient error (the account is tried again later). */
  transientErrors: number
}

/** Payload of `bankTransactions.write.successful` / `.unsuccessful`. */
export interface WriteCompleted {
  /** When it ended. */
  completedOnDate?: string | null
  /** The data connection pushed to. */
  connectionId?: string | null
  /** The push operation's key (Codat's `id`). */
  id: string
  /** The company. */
  referenceCompany?: ReferenceCompany | null
  /** When the push was requested. */
  requestedOnDate?: string | null
  /** How it ended: `Success`, `Failed` or `TimedOut`. */
  status: PushStatus
  /** `Create`, `Update`, `Delete` or `UploadAttachment`. */
  type?: string | null
}

/** Every rejection and throw of feedrail: switch on `code`. */
export interface FeedrailError extends Error, FeedrailErrorDetails {
  name: 'FeedrailError'
}

/**
 * Which binding artifact the generated loader actually loaded: `'native'` for
 * a native addon, otherwise the `platformArchABI` of the WASI flavor. Every
 * flavor napi-rs can build is listed, because `NAPI_RS_NATIVE_LIBRARY_PATH`
 * can point the loader at a WASI artifact this package does not build itself.
 */
export declare const __napiBindingTarget: 'native' | 'wasm32-wasi' | 'wasm32-wasip1'

declare global {
  interface __NapiRsAsyncGenerator<TOwner, T, TReturn, TNext> {
    next(...[value]: [] | [TNext]): globalThis.Promise<globalThis.IteratorResult<T, TReturn | undefined>>
    return(...[value]: [] | [TReturn]): globalThis.Promise<globalThis.IteratorResult<T, TReturn | undefined>>
    throw(exception?: unknown): globalThis.Promise<globalThis.IteratorResult<T, TReturn | undefined>>
    [globalThis.Symbol.asyncIterator](): this
  }
}

/**
 * A client of the Codat Bank Feeds API: validation, ordered batches, safe retries, polling and a
 * cursor, with every rule in feedrail's Rust core.
 */
export declare class Client {
  /** A client for `apiKey` at `baseUrl` (default https://api.codat.io). */
  constructor(options: ClientOptions)
  /**
   * The same client (connections, per-company limit, cursor) with another retry policy or
   * request timeout, e.g. `client.withOptions({ maxRetries: 0 }).getCompany(id)`; unset
   * options keep this client's.
   */
  withOptions(options?: PolicyOptions): Client
  /** Where requests go. */
  get baseUrl(): string
  /**
   * Verifies a Codat webhook delivery with the client's `webhookSecret` (refusing a replayed
   * one), acts on its event (see `handleEvent`) and returns it. `body` is the raw request
   * body. Answer 200 when it returns or throws `WEBHOOK_REPLAY`, 400 on `WEBHOOK_SIGNATURE`
   * and `WEBHOOK_PAYLOAD`. Synchronous: it does no I/O.
   */
  handleWebhook(body: Buffer | string, headers: Record<string, string | string[] | undefined>): WebhookEvent
  /**
   * Acts on an event verified elsewhere: `bankTransactions.write.*` ends the wait for its
   * push at once (one poll then reads the final status), `client.rateLimit.reached` holds
   * every request until the quota resets (or `client.rateLimit.reset` arrives), and
   * `bankFeeds.sourceAccount.connected` makes a worker push the account's queued lines at
   * once. Handling an event twice does no harm.
   */
  handleEvent(event: WebhookEvent): void
  /** Creates a company. */
  createCompany(name: string, description?: string | undefined | null): Promise<Company>
  /** One company. */
  getCompany(companyId: string): Promise<Company>
  /** Creates a connection to an accounting platform (default `olpr`, Sage Bank Feeds). */
  createConnection(companyId: string, platformKey?: string | undefined | null): Promise<Connection>
  /** One connection. */
  getConnection(companyId: string, connectionId: string): Promise<Connection>
  /** Deletes a company with its connections and everything pushed through them, for good. */
  deleteCompany(companyId: string): Promise<void>
  /**
   * One page of your companies, filtered with Codat's query language
   * (`{ query: 'name~Bakery' }`).
   */
  listCompanies(options?: ListOptions): Promise<CompanyPage>
  /**
   * Every company matching `options.query`, page after page as it is read:
   * `for await (const company of client.companies()) ...`.
   */
  companies(options?: ListOptions): Companies
  /** Revokes and removes a connection and its source accounts; the user must connect anew. */
  deleteConnection(companyId: string, connectionId: string): Promise<void>
  /** Unlinks a connection (status `Unlinked`): the feed stops, the connection stays and can be linked again. */
  unlinkConnection(companyId: string, connectionId: string): Promise<Connection>
  /** The fields a push to the account takes and the platform's rules for them (Codat's push model). */
  getBankTransactionsModel(companyId: string, connectionId: string, accountId: string): Promise<PushOption>
  /** The company as its accounting software knows it (Xero, Oracle NetSuite; Codat refuses it for Sage). */
  getCompanyInformation(companyId: string, connectionId: string): Promise<CompanyInformation>
  /** A new `username` and `password` for a QuickBooks Online user to authenticate the feed (QBO only). */
  generateCredentials(companyId: string, connectionId: string): Promise<Credentials>
  /** Revokes every credential set of the connection (QBO only). */
  deleteCredentials(companyId: string, connectionId: string): Promise<void>
  /** Each source account with its target account, or the target accounts it could map to. */
  listAccountMappings(companyId: string, connectionId: string): Promise<AccountMapping[]>
  /**
   * Maps a source account to a target account (Xero, FreeAgent, NetSuite, Exact; Sage users
   * map inside Sage, and Codat refuses it).
   */
  createAccountMapping(companyId: string, connectionId: string, mapping: AccountMappingInput): Promise<AccountMappingResult>
  /**
   * A one-time password (Sage only): show it to the Sage user, who enters it with the
   * connection id in Sage's "Connect Bank" dialog before `expiry`.
   */
  generateOtp(companyId: string, connectionId: string): Promise<Otp>
  /** Every connection of a company. */
  listConnections(companyId: string): Promise<Connection[]>
  /** Creates a source bank account (status `pending` until the Sage user connects it). */
  createAccount(companyId: string, connectionId: string, account: SourceAccountInput): Promise<SourceAccount>
  /**
   * Creates several source bank accounts in one request: one result per account (created,
   * or why not).
   */
  createAccounts(companyId: string, connectionId: string, accounts: SourceAccountInput[]): Promise<BatchCreateItem[]>
  /** The source bank accounts of a connection. */
  listAccounts(companyId: string, connectionId: string): Promise<SourceAccount[]>
  /** One source bank account. */
  getAccount(companyId: string, connectionId: string, accountId: string): Promise<SourceAccount>
  /** Updates a source bank account. */
  updateAccount(companyId: string, connectionId: string, accountId: string, update: Partial<SourceAccountInput>): Promise<SourceAccount>
  /** Deletes a source bank account. */
  deleteAccount(companyId: string, connectionId: string, accountId: string): Promise<void>
  /**
   * One push of up to 1000 lines, under a key derived from its content (so a retry of the same
   * lines is the same push) unless `idempotencyKey` is given. Lines are not validated here:
   * `pushFeed` validates, batches and waits.
   */
  pushBatch(companyId: string, connectionId: string, accountId: string, transactions: TransactionInput[], options?: PushBatchOptions): Promise<PushOperation>
  /** A push operation by its key. */
  getPushOperation(companyId: string, pushOperationKey: string): Promise<PushOperation>
  /**
   * Polls a push until it ends: resolves on `Success`, rejects with `PUSH_FAILED` or
   * `PUSH_TIMED_OUT`.
   */
  wait(companyId: string, pushOperationKey: string, options?: WaitOptions): Promise<PushOperation>
  /** One page of the push history. */
  listPushOperations(companyId: string, options?: ListOptions): Promise<PushOperationPage>
  /**
   * The whole push history, page after page as it is read:
   * `for await (const op of client.pushOperations(companyId)) ...`.
   */
  pushOperations(companyId: string, options?: ListOptions): PushOperations
  /**
   * Validates `records`, batches them in order and pushes them to one account, each batch
   * after the previous landed; resolves with the feed's report. Rejects with `VALIDATION`
   * (nothing sent) unless `skipInvalid`.
   */
  pushFeed(companyId: string, connectionId: string, accountId: string, records: Iterable<TransactionInput> | AsyncIterable<TransactionInput> | Uint8Array, options?: FeedOptions): Promise<FeedReport>
  /**
   * Several accounts at once (sequential within an account, concurrent across accounts):
   * resolves with account id → `FeedReport`, or the `FeedrailError` that stopped that account.
   */
  pushFeeds(companyId: string, connectionId: string, feeds: Record<string, Iterable<TransactionInput> | Uint8Array>, options?: FeedOptions): Promise<Record<string, FeedReport | FeedrailError>>
  /**
   * Validates `records` as the continuation of the account's feed and appends them to its
   * queue in one transaction, for workers to push; lines whose id is already queued or
   * landed are left out (`alreadyKnown`). Rejects with `VALIDATION` (nothing queued) when a
   * line is invalid, and with `CONFIG` unless the client's `cursor` is a `postgresql://` URL.
   */
  enqueue(companyId: string, connectionId: string, accountId: string, records: Iterable<TransactionInput> | AsyncIterable<TransactionInput> | Uint8Array, options?: EnqueueOptions): Promise<Enqueued>
  /**
   * What became of each line of `records` at Codat, from what this client's `cursor`
   * recorded pushing (Codat cannot list an account's lines): `landed` (with its push and
   * completion time), `pending`, `in_doubt`, `failed` (with Codat's reason), `rejected`
   * (feedrail's validation, with the finding) or `not_sent`, plus `notInSource` (landed, but
   * not in `records`); the running-balance breaks; Codat's account balance against the last
   * landed line's; with `confirm`, each journaled batch checked against Codat.
   */
  reconcile(companyId: string, connectionId: string, accountId: string, records: Iterable<TransactionInput> | AsyncIterable<TransactionInput> | Uint8Array, options?: ReconcileOptions): Promise<Reconciliation>
  /**
   * Per account: lines `queued`, `inFlight`, `landed` and `failed` (with the first
   * `failure`), the `holder` working on it, and `retryAt` / `lastError` after an error.
   */
  queueStatus(): Promise<AccountQueueStatus[]>
  /** Queues the account's failed lines again (after fixing the cause); resolves with how many. */
  retryFailed(companyId: string, connectionId: string, accountId: string): Promise<number>
  /**
   * Deletes the account's failed lines for good, letting its later lines go; resolves with
   * how many.
   */
  dropFailed(companyId: string, connectionId: string, accountId: string): Promise<number>
  /**
   * A worker draining the queue of this client's PostgreSQL cursor (throws `CONFIG` for any
   * other cursor).
   */
  worker(options?: WorkerOptions): Worker
  /**
   * The idempotency key feedrail derives for a batch of lines: the same lines to the same
   * account always get the same key.
   */
  idempotencyKey(companyId: string, connectionId: string, accountId: string, transactions: TransactionInput[]): string
}

/**
 * Your companies as an async iterator.
 *
 * This type implements JavaScript's async iterable protocol.
 * It can be used with `for await...of` loops.
 *
 * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Iteration_protocols#the_async_iterator_and_async_iterable_protocols
 */
export declare class Companies {

  [globalThis.Symbol.asyncIterator](): globalThis.__NapiRsAsyncGenerator<Companies, Company, void, undefined>
}

/**
 * The push history as an async iterator of push operations.
 *
 * This type implements JavaScript's async iterable protocol.
 * It can be used with `for await...of` loops.
 *
 * @see https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Iteration_protocols#the_async_iterator_and_async_iterable_protocols
 */
export declare class PushOperations {

  [globalThis.Symbol.asyncIterator](): globalThis.__NapiRsAsyncGenerator<PushOperations, PushOperation, void, undefined>
}

/**
 * A local Codat Bank Feeds API on 127.0.0.1 (a free port), with Sage's rules and injectable
 * faults. `await Sandbox.start()`, then point a `Client` at `sandbox.url` with `sandbox.apiKey`.
 */
export declare class Sandbox {
  /** Starts a sandbox. */
  static start(options?: SandboxOptions): Promise<Sandbox>
  /**
   * A new, empty PostgreSQL database on the server named by `FEEDRAIL_DATABASE_URL`, as a
   * URL: a clean queue and cursor for one test (throws `STORE` when there is no server).
   */
  static scratchDatabase(): string
  /** Its base URL, e.g. `http://127.0.0.1:49152`. */
  get url(): string
  /** The API key it accepts. */
  get apiKey(): string
  /**
   * Connects a source account as the Sage user's "Connect Bank" step would, with the
   * one-time password from `client.generateOtp` (refused when wrong, used or expired);
   * without `otp` the sandbox skips that step.
   */
  connectAccount(companyId: string, connectionId: string, accountId: string, otp?: string | undefined | null): SourceAccount
  /** Disconnects a source account, as the Sage user (or Sage) would. */
  disconnectAccount(companyId: string, connectionId: string, accountId: string): SourceAccount
  /**
   * Registers a webhook endpoint: events (all, or `eventTypes`) are POSTed to `url`, signed
   * like Svix, and retried with backoff until answered with a 2xx.
   */
  addWebhook(url: string, eventTypes?: Array<string> | undefined | null): WebhookEndpoint
  /** Each webhook endpoint's deliveries: delivered, failed attempts, abandoned, in flight. */
  webhookStats(): WebhookDeliveryStats[]
  /** Status reads of single push operations (`GET …/push/{key}`) so far. */
  statusPolls(): number
  /** What landed on an account, in order. */
  ledger(companyId: string, connectionId: string, accountId: string): Ledger
  /** Sets fault probabilities (`error500`, `resetAfterCommit`, ..., and `seed`); none clears them. */
  setFaults(faults?: FaultConfig): void
  /**
   * Every counter since the last reset: `faults`, `companies`, `pushOperations`,
   * `overlappingPushes`, `statusPolls`, `concurrency`, `webhooks`.
   */
  stats(): SandboxStats
  /**
   * Forgets every company, push and webhook endpoint; settings and faults go back to how
   * the sandbox started.
   */
  reset(): void
  /** Stops the server; later calls fail with `CONFIG`. Closing twice is harmless. */
  close(): void
}

/**
 * A worker over a client's PostgreSQL cursor: claims accounts with due lines, pushes them in
 * order under the account's lease, lets them go. Any number of workers, in any processes on
 * any machines, share the work and Codat's per-company request limit.
 */
export declare class Worker {
  /**
   * Works until `stop()` (or, with `untilDrained`, until nothing is left to do); resolves
   * with the metrics.
   */
  run(): Promise<WorkerMetrics>
  /**
   * Claims nothing more and sends no further batch: `run()` resolves once each batch in flight
   * has settled; the rest stays queued.
   */
  stop(): void
  /** What it did so far. */
  metrics(): WorkerMetrics
}

/** Options of `new Client(...)`. */
export interface ClientOptions {
  /** The raw API key from the Codat Portal (feedrail encodes it). Never printed. */
  apiKey: string
  /** Default `https://api.codat.io`; plain http only on loopback (e.g. the sandbox). */
  baseUrl?: string
  /**
   * Where what was pushed is remembered, so an interrupted feed resumes: a SQLite file path,
   * or a `postgresql://` URL shared by many machines (which then also share Codat's
   * per-company request limit). Default: in memory.
   */
  cursor?: string
  /** Retries after a request's first attempt (default 4). */
  maxRetries?: number
  /** Seconds for one request (default 60). */
  timeout?: number
  /** Seconds for one operation with all its retries (default 300). */
  totalTimeout?: number
  /** Requests in flight per company (default 10, Codat's limit). */
  concurrencyPerCompany?: number
  /** Added to the User-Agent. */
  userAgent?: string
  /**
   * The signing secret (`whsec_…`) of the webhook endpoint whose deliveries you hand to
   * `handleWebhook`: waits for a push then end on its event, and polls are only the
   * fallback (at least 5 s apart). Never printed.
   */
  webhookSecret?: string
  /**
   * A proxy (`http://host:port`) for an https base URL, which it only tunnels: the API key
   * crosses it inside TLS. Without it, `HTTPS_PROXY` / `ALL_PROXY` apply to https base URLs
   * and no proxy to a loopback one. Never printed.
   */
  proxy?: string
}

/** Options of `enqueue`. */
export interface EnqueueOptions {
  /** The day to validate against (default: today in `timeZone`, or in UTC). */
  today?: string | Date
  /**
   * IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
   * default: every date's wall-clock time kept as written, as Codat does.
   */
  timeZone?: string
  /** `"sage"` (default) or `"generic"`. */
  profile?: string
}

/** Every code the core defines, in its order (tests check `ErrorCode` against it). */
export declare function errorCodes(): Array<string>

/** Options of `pushFeed` and `pushFeeds`. */
export interface FeedOptions {
  /** Push the valid lines and report the invalid ones as skipped (default false: refuse). */
  skipInvalid?: boolean
  /** Lines per push, 1 to 1000 (default 1000). */
  batchSize?: number
  /** The day to validate against (default: today in `timeZone`, or in UTC). */
  today?: string | Date
  /**
   * IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
   * default: every date's wall-clock time kept as written, as Codat does.
   */
  timeZone?: string
  /** Seconds to wait for each push to finish (default 900). */
  waitTimeout?: number
  /** `"sage"` (default) or `"generic"`. */
  profile?: string
  /** Codat's `timeoutInMinutes` for each push. */
  timeoutInMinutes?: number
  /** Codat's `allowSyncOnPushComplete` for each push. */
  allowSyncOnPushComplete?: boolean
  /**
   * Seconds to wait for another run to give the account up (default 0: `ACCOUNT_BUSY` at
   * once).
   */
  leaseWait?: number
  /** Called with every progress event (`planned`, `batchSent`, `batchLanded`, ...). */
  onProgress?: (event: ProgressEvent) => void
}

/** Options of `listPushOperations` and `pushOperations`. */
export interface ListOptions {
  /** Page number, from 1 (`listPushOperations` only). */
  page?: number
  /** Items per page (default 100). */
  pageSize?: number
  /** Codat's query language, e.g. `status=Failed`. */
  query?: string
  /** Codat's `orderBy`, e.g. `-requestedOnUtc`. */
  orderBy?: string
}

/** Options of `withOptions`: a retry policy or request timeout for a derived client. */
export interface PolicyOptions {
  /** Retries after a request's first attempt. */
  maxRetries?: number
  /** Seconds for one request. */
  timeout?: number
  /** Seconds for one operation with all its retries. */
  totalTimeout?: number
}

/** Options of `pushBatch`. */
export interface PushBatchOptions {
  /** The push's idempotency key (default: derived from the target and the lines). */
  idempotencyKey?: string
  /** Codat's `timeoutInMinutes`. */
  timeoutInMinutes?: number
  /** Codat's `allowSyncOnPushComplete`. */
  allowSyncOnPushComplete?: boolean
}

/** Options of `reconcile`. */
export interface ReconcileOptions {
  /** The day to validate against (default: today in `timeZone`, or in UTC). */
  today?: string | Date
  /**
   * IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
   * default: every date's wall-clock time kept as written, as Codat does.
   */
  timeZone?: string
  /** `"sage"` (default) or `"generic"`. */
  profile?: string
  /**
   * The balance before the first line: a decimal string, or a number (read through its
   * shortest decimal string). Default: the first line's balance less its amount.
   */
  openingBalance?: string | number
  /** Re-read each journaled batch's push operation from Codat (one request per batch). */
  confirm?: boolean
}

/** Options of `Sandbox.start`. */
export interface SandboxOptions {
  /** How long each push stays `Pending`, in milliseconds (default 0). */
  delayMs?: number
}

/**
 * Checks records against a rule profile without sending anything; returns the report
 * (`checked`, `errors`, `warnings`, `validIndices`).
 */
export declare function validate(records: Iterable<TransactionInput> | Uint8Array, options?: ValidateOptions): ValidationReport

/** Options of `validate`. */
export interface ValidateOptions {
  /**
   * What is already on the account: `latestDate`, `latestId`, `lastBalance`, `recentIds`,
   * `accountStatus`.
   */
  cursor?: AccountCursorInput
  /** The day to validate against (default: today in `timeZone`, or in UTC). */
  today?: string | Date
  /**
   * IANA zone (`'Europe/London'`) that dates with an offset (and `Date`s) are converted into;
   * default: every date's wall-clock time kept as written, as Codat does.
   */
  timeZone?: string
  /** `"sage"` (default) or `"generic"`. */
  profile?: string
}

/** Options of `webhooks.verify` and `new webhooks.Verifier`. */
export interface VerifyOptions {
  /** Seconds a delivery's timestamp may be from this machine's clock (default 300). */
  tolerance?: number
}

/** The version of feedrail. */
export declare const VERSION: string

/** Options of `wait`. */
export interface WaitOptions {
  /** Seconds to wait in all before `PUSH_TIMED_OUT` (default 900). */
  timeout?: number
}

/** Options of `worker`. */
export interface WorkerOptions {
  /** Accounts pushed at once (default 8). */
  accountsAtOnce?: number
  /** Most lines pushed per claim of an account before it is let go (default 10,000). */
  linesPerClaim?: number
  /** Stop once nothing is left to do, instead of waiting for more lines (default false). */
  untilDrained?: boolean
  /** Seconds between two looks for due lines when idle (default 1). */
  idlePoll?: number
  /** Seconds a claim on an account lasts unless renewed (default 30). */
  leaseTtl?: number
  /** Lines per push, 1 to 1000 (default 1000). */
  batchSize?: number
  /** Seconds to wait for each push to finish (default 900). */
  waitTimeout?: number
  /** `"sage"` (default) or `"generic"`. */
  profile?: string
}

export declare namespace webhooks {
  /**
   * Verifies deliveries for one endpoint's secret, refusing one it accepted before
   * (`WEBHOOK_REPLAY`: answer it with 200).
   */
  export class Verifier {
    /** A verifier for `secret` (`whsec_…`). */
    constructor(secret: string, options?: VerifyOptions)
    /** Checks one delivery and returns its event. */
    verify(body: Buffer | string, headers: Record<string, string | string[] | undefined>): WebhookEvent
  }
  /**
   * Checks one delivery's signature and timestamp against `secret` (`whsec_…`) and returns its
   * event. Keeps no memory of deliveries: a `Verifier` also refuses replays. Throws
   * `WEBHOOK_SIGNATURE`, `WEBHOOK_PAYLOAD` or (bad secret) `CONFIG`.
   */
  export function verify(body: Buffer | string, headers: Record<string, string | string[] | undefined>, secret: string, options?: VerifyOptions): WebhookEvent
}
