package dev.feedrail.types

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter
import java.time.temporal.Temporal
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonUnquotedLiteral
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.serializer

/** How feedrail's values cross to and from the native library: JSON in Codat's spelling. */
object FeedrailJson {
    /** Unknown keys are ignored (Codat adds fields); unset options are left out. */
    val json: Json = Json {
        ignoreUnknownKeys = true
        explicitNulls = false
        encodeDefaults = false
    }

    /** [text] read as a [T]. */
    inline fun <reified T> decode(text: String): T = json.decodeFromString(serializer<T>(), text)

    /** [value] written as JSON text. */
    inline fun <reified T> encode(value: T): String = json.encodeToString(serializer<T>(), value)
}

/** Money: exact decimal digits both ways (a JSON number read from its text, never a double). */
object MoneySerializer : KSerializer<BigDecimal> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("feedrail.Money", PrimitiveKind.STRING)

    @OptIn(kotlinx.serialization.ExperimentalSerializationApi::class)
    override fun serialize(encoder: Encoder, value: BigDecimal) {
        val digits = value.toPlainString()
        if (encoder is JsonEncoder) encoder.encodeJsonElement(JsonUnquotedLiteral(digits)) else encoder.encodeString(digits)
    }

    override fun deserialize(decoder: Decoder): BigDecimal {
        val text = if (decoder is JsonDecoder) decoder.decodeJsonElement().jsonPrimitive.content else decoder.decodeString()
        return text.toBigDecimalOrNull() ?: throw SerializationException("money must be decimal digits, got \"$text\"")
    }
}

/** An instant, written by Codat and feedrail with its offset (`2026-01-02T10:00:00Z`). */
object InstantSerializer : KSerializer<OffsetDateTime> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("feedrail.Instant", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: OffsetDateTime) = encoder.encodeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value))

    override fun deserialize(decoder: Decoder): OffsetDateTime = OffsetDateTime.parse(decoder.decodeString())
}

/** A transaction's date: wall-clock time with no offset, as Codat keeps it. */
object WallClockSerializer : KSerializer<LocalDateTime> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("feedrail.WallClock", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: LocalDateTime) = encoder.encodeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value))

    override fun deserialize(decoder: Decoder): LocalDateTime = LocalDateTime.parse(decoder.decodeString())
}

/** A day (`2026-01-02`). */
object DaySerializer : KSerializer<LocalDate> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("feedrail.Day", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: LocalDate) = encoder.encodeString(value.toString())

    override fun deserialize(decoder: Decoder): LocalDate = LocalDate.parse(decoder.decodeString())
}

/**
 * A transaction's date as given: a `LocalDateTime` (wall clock), an `OffsetDateTime` or
 * `ZonedDateTime` (converted into the feed's `timeZone`, or kept as written), an `Instant` or a
 * `LocalDate`; written in ISO 8601 (seconds always, fractions as given) for the core to read.
 */
object TemporalSerializer : KSerializer<Temporal> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor("feedrail.Date", PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: Temporal) = encoder.encodeString(
        when (value) {
            is ZonedDateTime -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value)
            is OffsetDateTime -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value)
            is LocalDateTime -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value)
            is Instant -> DateTimeFormatter.ISO_INSTANT.format(value)
            is LocalDate -> DateTimeFormatter.ISO_LOCAL_DATE.format(value)
            else -> throw SerializationException(
                "a transaction's date must be a LocalDateTime, OffsetDateTime, ZonedDateTime, Instant or LocalDate, got ${value::class.java.name}",
            )
        },
    )

    override fun deserialize(decoder: Decoder): Temporal {
        val text = decoder.decodeString()
        return runCatching<Temporal> { OffsetDateTime.parse(text) }
            .recoverCatching { LocalDateTime.parse(text) }
            .recoverCatching { LocalDate.parse(text) }
            .getOrElse { throw SerializationException("a transaction's date must be ISO 8601, got \"$text\"") }
    }
}

