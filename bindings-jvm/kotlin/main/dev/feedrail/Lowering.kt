package dev.feedrail

import dev.feedrail.types.FeedrailErrorDetails
import dev.feedrail.types.FeedrailJson
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.serializer

/**
 * [value] as the JSON the native library reads; what cannot be written (a null where Java's
 * types allow one, a NaN option, a date of another kind) is a `Config` error saying where.
 */
@PublishedApi
internal inline fun <reified T> toNative(value: T): String {
    val nulls = nullPosition(value)
    if (nulls != null) throw configError("$nulls is null: pass a value (an empty list, or leave the argument out)")
    return try {
        FeedrailJson.encode(value)
    } catch (e: Exception) {
        val what = T::class.simpleName ?: "value"
        val where = runCatching { nonFinite(lenient.encodeToJsonElement(serializer<T>(), value), what) }.getOrNull()
        throw configError(where?.let { "$it is not a finite number: pass a finite one" } ?: "cannot pass a $what: ${e.message}")
    }
}

/** Writes NaN and infinities, to find where they are. */
@PublishedApi
internal val lenient: Json = Json(FeedrailJson.json) { allowSpecialFloatingPointValues = true }

/** The path of the first NaN or infinity in [element] (`FeedOptions.waitTimeout`), if any. */
@PublishedApi
internal fun nonFinite(element: JsonElement, path: String): String? = when (element) {
    is JsonObject -> element.entries.firstNotNullOfOrNull { (k, v) -> nonFinite(v, "$path.$k") }
    is JsonArray -> element.withIndex().firstNotNullOfOrNull { (i, v) -> nonFinite(v, "$path[$i]") }
    is JsonPrimitive -> path.takeIf { !element.isString && element.content in setOf("NaN", "Infinity", "-Infinity") }
}

/** Where a null sits: the argument itself, or an element of a list (records cross in [packed]). */
@PublishedApi
internal fun nullPosition(value: Any?): String? = when (value) {
    null -> "the argument"
    is List<*> -> value.indexOf(null).takeIf { it >= 0 }?.let { "element $it of the list" }
    else -> null
}

/** A `Config` error with [reason], as the core would raise it. */
@PublishedApi
internal fun configError(reason: String): FeedrailException =
    FeedrailException.Config(reason, FeedrailErrorDetails(code = "CONFIG", issues = JsonArray(emptyList()), retryable = false))

/** [records] packed for the native library; a null record is a `Config` error naming its index. */
@PublishedApi
internal fun packed(records: List<dev.feedrail.types.TransactionInput?>?): ByteArray {
    if (records == null) throw configError("records is null: pass a list (empty for no records)")
    return try {
        dev.feedrail.types.packRecords(records)
    } catch (e: IllegalArgumentException) {
        throw configError(e.message ?: "a record cannot be passed")
    }
}
