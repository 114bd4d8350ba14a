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
