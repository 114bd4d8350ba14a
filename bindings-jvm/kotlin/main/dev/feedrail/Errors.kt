package dev.feedrail

import dev.feedrail.types.FeedReport
import kotlinx.serialization.json.JsonElement

/** The stable code (`VALIDATION`, `PUSH_FAILED`, …): the same in every language feedrail ships. */
val FeedrailException.code: String get() = details.code

/** The HTTP status, when Codat answered. */
val FeedrailException.status: Long? get() = details.status

/** Codat's correlation id, for support. */
val FeedrailException.correlationId: String? get() = details.correlationId

/** Whether trying again later may succeed. */
val FeedrailException.retryable: Boolean get() = details.retryable

/** Validation findings (`VALIDATION`) or Codat's validation messages (`PUSH_FAILED`), as JSON. */
val FeedrailException.issues: JsonElement get() = details.issues

/** What landed before a feed stopped. */
val FeedrailException.report: FeedReport? get() = details.report
