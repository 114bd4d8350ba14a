package dev.feedrail.types

import java.math.BigDecimal
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter
import java.time.temporal.Temporal

/**
 * Records packed for the native library, field by field with no JSON in between (read by
 * `bindings-jvm/src/packed.rs`). Big-endian: a header of field names (`u32` count, then each as
 * `u32` length and UTF-8), a `u32` record count, then each record's fields in header order, each a
 * tag byte and its value: 0 absent, 1 text (`u32` length, UTF-8), 2 decimal (`i64` unscaled,
 * `u8` scale 0–28), 3 wall-clock date and time (`i64` epoch seconds as if UTC, `u32` nanos),
 * 4 boolean (`u8`). Money that does not fit a decimal's tag goes as its text, so the core reports
 * it as it would from JSON.
 */
class PackWriter(capacity: Int) {
    private var bytes = ByteArray(maxOf(capacity, 64))
    private var size = 0

    private fun room(n: Int) {
        if (size + n > bytes.size) bytes = bytes.copyOf(maxOf(bytes.size * 2, size + n))
    }

    private fun u8(v: Int) {
        room(1)
        bytes[size++] = v.toByte()
    }

    /** A `u32` (big-endian). */
    fun u32(v: Int) {
        room(4)
        bytes[size] = (v ushr 24).toByte()
        bytes[size + 1] = (v ushr 16).toByte()
        bytes[size + 2] = (v ushr 8).toByte()
        bytes[size + 3] = v.toByte()
        size += 4
    }

    private fun i64(v: Long) {
        u32((v ushr 32).toInt())
        u32(v.toInt())
    }

    private fun utf8(s: String) {
        val n = s.length
        room(4 + n)
        var i = 0
        while (i < n && s[i].code < 0x80) {
            bytes[size + 4 + i] = s[i].code.toByte()
            i++
        }
        if (i == n) {
            // ASCII, the usual case: written in place, no copy.
            u32(n)
            size += n
            return
        }
        val b = s.toByteArray(Charsets.UTF_8)
        u32(b.size)
        room(b.size)
        b.copyInto(bytes, size)
        size += b.size
    }

    /** The header: the fields every record then gives, in order. */
    fun header(fields: List<String>) {
        u32(fields.size)
        fields.forEach(::utf8)
    }

    /** A text field (or absent). */
    fun text(v: String?) {
        if (v == null) return u8(0)
        u8(1)
        utf8(v)
    }

    /** A money field: exact, its scale kept. */
    fun money(v: BigDecimal?) {
        if (v == null) return u8(0)
        val scale = v.scale()
        if (scale in 0..28 && v.unscaledValue().bitLength() < 64) {
            u8(2)
            i64(v.unscaledValue().toLong())
            u8(scale)
        } else {
            text(v.toPlainString())
        }
    }

    /** A date: a `LocalDateTime` is wall-clock time; any other kind goes as ISO 8601 text. */
    fun date(v: Temporal?) {
        when (v) {
            null -> u8(0)
            is LocalDateTime -> {
                u8(3)
                i64(v.toEpochSecond(ZoneOffset.UTC))
                u32(v.nano)
            }
            is LocalDate -> text(DateTimeFormatter.ISO_LOCAL_DATE.format(v))
            else -> text(FeedrailJson.json.encodeToJsonElement(TemporalSerializer, v).let { (it as kotlinx.serialization.json.JsonPrimitive).content })
        }
    }

    /** A boolean field (or absent). */
    fun bool(v: Boolean?) {
        if (v == null) return u8(0)
        u8(4)
        u8(if (v) 1 else 0)
    }

    /** What was written. */
    fun bytes(): ByteArray = bytes.copyOf(size)
}
