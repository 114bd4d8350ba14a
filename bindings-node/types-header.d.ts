/* The shapes feedrail's core returns, in Codat's camelCase. Money is a string of exact decimal
 * digits; dates are ISO 8601 UTC strings. The declarations after this header are generated from
 * the Rust sources by `napi build`. */

/** A money amount: a decimal string (`"-12.50"`), a number (read through its shortest decimal
 * string, so `0.1` is exactly 0.1), a bigint, or a decimal-like object whose `toString()` gives
 * its digits (decimal.js, big.js, bignumber.js). */
export type Money = string | number | bigint | { toString(): string }

/** Sage's transaction types. */
export type TransactionType =
  | 'Unknown' | 'Credit' | 'Debit' | 'Int' | 'Div' | 'Fee' | 'SerChg' | 'Dep' | 'Atm' | 'Pos'
  | 'Xfer' | 'Check' | 'Payment' | 'Cash' | 'DirectDep' | 'DirectDebit' | 'RepeatPmt' | 'Other'

/** A bank transaction to push. Sage needs id, date, description, amount, balance and
 * transactionType; feedrail reports anything missing or wrong before sending. */
export interface TransactionInput {
  id: string
  date: string | Date
  description: string
  amount: Money
  balance: Money
  transactionType: TransactionType
  counterparty?: string
  reference?: string
  reconciled?: boolean
}

/** A transaction as it landed (money as strings). */
export interface Transaction {
  id: string
  date: string
  description?: string
  counterparty?: string
  reference?: string
  reconciled?: boolean
  amount: string
  balance?: string
  transactionType?: TransactionType
}

/** What landed on a sandbox account. */
export interface Ledger {
  accountId: string
  status: AccountStatus | null
  /** The account's balance: the last landed line's. */
  balance: string | null
  latestDate: string | null
  transactions: Transaction[]
}

/** A company. */
export interface Company {
  id: string
  name: string
  description?: string
  redirect: string
  created?: string
  createdByUserName?: string
  dataConnections?: Connection[]
}

/** A connection to an accounting platform. */
export interface Connection {
  id: string
  integrationId: string
  integrationKey?: string
  sourceId: string
  platformName: string
  linkUrl: string
  status: 'PendingAuth' | 'Linked' | 'Unlinked' | 'Deauthorized'
  created: string
  sourceType: string
  lastSync?: string
}

/** A source bank account to create. */
export interface SourceAccountInput {
  id: string
  accountName?: string
  accountType?: string
  accountNumber?: string
  sortCode?: string
  currency?: string
  balance?: Money
  modifiedDate?: string
  status?: AccountStatus
}

/** Where a source account stands; only `connected` accounts take pushes. */
export type AccountStatus = 'pending' | 'connected' | 'connecting' | 'disconnected' | 'unknown'

/** A source bank account. */
export interface SourceAccount {
  id: string
  accountName?: string
  accountType?: string
  accountNumber?: string
  sortCode?: string
  currency?: string
  balance?: string
  modifiedDate?: string
  status?: AccountStatus
  feedStartDate?: string
}

/** One of Codat's validation messages. */
export interface ValidationItem {
  itemId?: string
  message?: string
  validatorName?: string
}

/** An asynchronous push. */
export interface PushOperation {
  companyId: string
  pushOperationKey: string
  dataConnectionKey: string
  dataType?: string
  requestedOnUtc: string
  completedOnUtc?: string
  timeoutInMinutes?: number
  status: 'Pending' | 'Failed' | 'Success' | 'TimedOut'
  errorMessage?: string
  validation?: { errors?: ValidationItem[]; warnings?: ValidationItem[] }
  statusCode: number
  changes?: { type?: string; recordRef?: { id?: string; dataType?: string }; attachmentId?: string }[]
  data?: unknown
}

/** One page of the push history. */
export interface PushOperationPage {
  results: PushOperation[]
  pageNumber: number
  pageSize: number
  totalResults: number
  _links: Record<string, { href: string } | undefined>
}

/** One page of your companies. */
export interface CompanyPage {
  results: Company[]
  pageNumber: number
  pageSize: number
  totalResults: number
  _links: Record<string, { href: string } | undefined>
}

/** A field of a push (or the push itself) as Codat's push model describes it. */
export interface PushOption {
  type: 'Array' | 'Object' | 'String' | 'Number' | 'Boolean' | 'DateTime' | 'File' | 'MultiPart'
  displayName: string
  description?: string
  required: boolean
  properties?: Record<string, PushOption>
  options?: PushOptionChoice[]
  validation?: PushValidationInfo
}

/** An allowed value of a push field. */
export interface PushOptionChoice {
  value: string
  type?: string
  displayName?: string
  description?: string
  required?: boolean
}

/** The platform's notes on a push field. */
export interface PushValidationInfo {
  warnings?: PushFieldValidation[]
  information?: PushFieldValidation[]
}

/** One note on a push field. */
export interface PushFieldValidation {
  field?: string
  details: string
  ref?: string
}

/** The company as its accounting software knows it. */
export interface CompanyInformation {
  companyName?: string
  baseCurrency?: string
  planType?: string
  multicurrencyEnabled?: boolean
  currencies?: string[]
}

/** Credentials a QuickBooks Online user authenticates the feed with. */
export interface Credentials {
  username: string
  password: string
}

/** A source account with its target account, or the target accounts it could map to. */
export interface AccountMapping {
  sourceAccountId?: string
  sourceAccountName?: string
  sourceAccountNumber?: string
  /** Exact decimal, as a string. */
  sourceBalance?: string
  sourceCurrency?: string
  targetAccountId?: string
  targetAccountName?: string
  status?: string
  targetAccountOptions?: TargetAccountOption[]
  feedStartDate?: string
}

/** A target account a source account could be mapped to. */
export interface TargetAccountOption {
  id: string
  name?: string
  /** Exact decimal, as a string. */
  balance?: string
  sortCode?: string
  accountNumber?: string
}

/** A mapping to create. */
export interface AccountMappingInput {
  sourceAccountId: string
  targetAccountId?: string
  /** ISO 8601. */
  feedStartDate?: string
}

/** The answer to a mapping request. */
export interface AccountMappingResult {
  sourceAccountId?: string
  targetAccountId?: string
  status?: string
  error?: string
}

/** What a rule found, naming the row (`index`, 0-based), its `transactionId` and the `field`. */
export interface Issue {
  code:
    | 'MISSING_FIELD' | 'INVALID_FIELD' | 'INVALID_RECORD' | 'DUPLICATE_ID' | 'OUT_OF_ORDER'
    | 'OLDER_THAN_LATEST' | 'FUTURE_DATE' | 'ACCOUNT_NOT_CONNECTED' | 'AMOUNT_SIGN_MISMATCH'
    | 'BALANCE_DISCONTINUITY' | 'UNKNOWN_FIELD'
  index: number | null
  transactionId: string | null
  field: string | null
  message: string
}

/** A validation report: errors block a push, warnings do not. */
export interface Report {
  checked: number
  errors: Issue[]
  warnings: Issue[]
  /** Rows without errors, in order. */
  validIndices: number[]
}

/** One batch of a feed. */
export interface BatchOutcome {
  sequence: number | null
  size: number
  firstId: string
  lastId: string
  idempotencyKey: string
  pushOperationKey: string | null
  /** `success`: this run put it on the account; `alreadyLanded`: it was there before this run
   * sent it; `inDoubt`: its fate is unknown (it ended `TimedOut`, say) and the next run
   * resolves it first. */
  status: 'success' | 'alreadyLanded' | 'failed' | 'inDoubt' | 'pending' | 'notSent'
  message: string | null
  errors: ValidationItem[]
  /** Codat's processing time of its push (requested to completed). */
  processingMs: number | null
  /** Why its fate became unknown, when it did. */
  inDoubt: string | null
  /** How a batch in doubt was settled. */
  resolution: 'foundInHistory' | 'resent' | 'alreadyReceived' | 'unresolved' | null
}

/** What a feed did. */
export interface FeedReport {
  target: { companyId: string; connectionId: string; accountId: string }
  total: number
  alreadyPushed: number[]
  validation: { checked: number; errors: Issue[]; warnings: Issue[] }
  skipped: number[]
  resumed: BatchOutcome | null
  batches: BatchOutcome[]
  /** Lines of this input this run put on the account. */
  landed: number
  /** Lines of this input this run sent that were on the account already. */
  alreadyLanded: number
  /** The account's balance after the last landed batch. */
  balance: string | null
}

/** What `enqueue` did. */
export interface Enqueued {
  /** Lines added to the account's queue. */
  queued: number
  /** Positions of lines left out: their id was already queued or landed. */
  alreadyKnown: number[]
  /** Warnings found on entry (errors reject the call). */
  validation: { checked: number; errors: Issue[]; warnings: Issue[] }
}

/** One account's place in the queue. */
export interface AccountQueueStatus {
  target: { companyId: string; connectionId: string; accountId: string }
  /** Lines waiting to be pushed. */
  queued: number
  /** Lines of the batch in flight. */
  inFlight: number
  /** Lines that landed through feedrail. */
  landed: number
  /** Lines of batches Codat refused, waiting for `retryFailed` or `dropFailed`. */
  failed: number
  /** Why the first failed line failed. */
  failure: string | null
  /** Who works on the account now. */
  holder: string | null
  /** When a worker tries again after a transient error (ISO 8601). */
  retryAt: string | null
  /** That error. */
  lastError: string | null
}

/** What a worker did so far. */
export interface WorkerMetrics {
  claims: number
  linesLanded: number
  linesFailed: number
  batches: number
  transientErrors: number
  meanBatchMs: number
  maxClaimMs: number
}

/** A progress event of `pushFeed` / `pushFeeds`. */
export type ProgressEvent =
  | { event: 'resumed'; accountId: string; pushOperationKey: string | null }
  | { event: 'planned'; accountId: string; transactions: number; batches: number }
  | { event: 'batchSent'; accountId: string; sequence: number; size: number; pushOperationKey: string }
  | { event: 'batchLanded'; accountId: string; sequence: number; size: number; landed: number; total: number }
  | { event: 'batchStopped'; accountId: string; sequence: number; status: BatchOutcome['status'] }

/** What is already on the target account, for `validate`: new lines must come after it. */
export interface AccountCursor {
  latestDate?: string
  latestId?: string
  lastBalance?: Money
  recentIds?: string[]
  accountStatus?: AccountStatus
}

/** Fault probabilities of the sandbox (0 to 1) and the seed that makes them repeatable. */
export interface FaultConfig {
  seed?: number
  error500?: number
  error503?: number
  rateLimited?: number
  resetBeforeCommit?: number
  resetAfterCommit?: number
  latency?: number
  latencyMs?: number
  pushFailed?: number
  pushTimedOut?: number
  timedOutLanded?: number
  /** At most this many pushes end badly; the rest are processed normally. */
  maxPushFaults?: number
}

/** A one-time password for connecting a Sage bank feed, valid until `expiry`. */
export interface Otp {
  otp: string
  expiry: string
}

/** The company a webhook event is about. */
export interface ReferenceCompany {
  id: string
  name?: string
  description?: string
}

/** Payload of `bankTransactions.write.successful` / `.unsuccessful`; `id` is the push key. */
export interface WriteCompleted {
  id: string
  type?: string
  referenceCompany?: ReferenceCompany
  connectionId?: string
  requestedOnDate?: string
  completedOnDate?: string
  status: 'Success' | 'Failed' | 'TimedOut'
}

/** Payload of `bankFeeds.sourceAccount.connected` / `.disconnected`. */
export interface SourceAccountChanged {
  referenceCompany?: ReferenceCompany
  companyId?: string
  connectionId: string
  sourceAccount: SourceAccount
}

/** Payload of `client.rateLimit.reached` / `.reset`. */
export interface RateLimitChanged {
  dailyQuota?: number
  quotaRemaining?: number
  expiryDate?: string
}

/** One webhook delivery from Codat, by event type (any other type passes through as sent). */
export type WebhookEvent =
  | WebhookEnvelope<'bankTransactions.write.successful' | 'bankTransactions.write.unsuccessful', WriteCompleted>
  | WebhookEnvelope<'bankFeeds.sourceAccount.connected' | 'bankFeeds.sourceAccount.disconnected', SourceAccountChanged>
  | WebhookEnvelope<'client.rateLimit.reached' | 'client.rateLimit.reset', RateLimitChanged>
  | WebhookEnvelope<string, Record<string, unknown>>

/** Codat's webhook envelope. */
export interface WebhookEnvelope<T extends string, P> {
  id: string
  eventType: T
  generatedDate?: string
  payload: P
}

/** A sandbox webhook endpoint; give `secret` to the receiver's verifier. */
export interface WebhookEndpoint {
  id: string
  url: string
  eventTypes?: string[]
  secret: string
}

/** What the sandbox sent one webhook endpoint. */
/** The sandbox's counters since the last reset. */
export interface SandboxStats {
  faults: {
    requests: number
    error500: number
    error503: number
    rateLimited: number
    resetBeforeCommit: number
    resetAfterCommit: number
    latency: number
    pushesProcessed: number
    pushFailed: number
    pushTimedOut: number
    timedOutLanded: number
  }
  companies: number
  pushOperations: number
  overlappingPushes: number
  statusPolls: number
  concurrency: { peakPerCompany: number; refused: number }
  webhooks: WebhookDeliveryStats[]
}

export interface WebhookDeliveryStats {
  id: string
  url: string
  delivered: number
  failedAttempts: number
  abandoned: number
  inFlight: number
}

/** Every rejection and throw of feedrail: switch on `code`. */
export interface FeedrailError extends Error {
  name: 'FeedrailError'
  code: ErrorCode
  /** The HTTP status, when Codat answered. */
  status: number | null
  /** Codat's correlation id, for support. */
  correlationId: string | null
  /** Whether trying again later may succeed. */
  retryable: boolean
  /** Seconds Codat asked to wait, when it did. */
  retryAfter: number | null
  /** Validation findings (`VALIDATION`) or Codat's validation messages (`PUSH_FAILED`). */
  issues: Issue[] | ValidationItem[]
  /** What landed before a feed stopped. */
  report: FeedReport | null
}
