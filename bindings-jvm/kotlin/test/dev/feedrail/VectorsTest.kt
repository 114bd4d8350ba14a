package dev.feedrail

import dev.feedrail.types.AccountCursorInput
import dev.feedrail.types.FeedrailJson
import dev.feedrail.types.Issue
import dev.feedrail.types.TransactionInput
import dev.feedrail.types.ValidateOptions
import java.io.File
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import kotlinx.serialization.json.longOrNull
import kotlinx.serialization.json.contentOrNull
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory

/** Every shared vector in tests/vectors: the same findings as Rust, Python and Node. */
class VectorsTest {
    private val cases: List<File> =
        File(root, "tests/vectors/cases").listFiles { f -> f.name.endsWith(".json") }!!.sortedBy { it.name }

    private fun key(index: Long?, code: String, field: String?, id: String?) = "${index ?: -1}|$code|${field ?: ""}|${id ?: ""}"

    private fun keys(issues: List<Issue>) = issues.map { key(it.index, it.code, it.field, it.transactionId) }.sorted()

    private fun expectedKeys(issues: JsonElement) = issues.jsonArray.map {
        val o = it.jsonObject
        key(o["index"]?.jsonPrimitive?.longOrNull, o.getValue("code").jsonPrimitive.content,
            o["field"]?.jsonPrimitive?.contentOrNull, o["transactionId"]?.jsonPrimitive?.contentOrNull)
    }.sorted()

    private val fields = TransactionInput.serializer().descriptor.let { d -> (0 until d.elementsCount).map(d::getElementName).toSet() }

    /** The records as typed Kotlin objects, when every one can be one (no wrong types, no unknown keys). */
    private fun typed(records: JsonArray): List<TransactionInput>? = runCatching {
        records.map {
            check(it is JsonObject && it.keys.all(fields::contains))
            FeedrailJson.json.decodeFromJsonElement(TransactionInput.serializer(), it)
        }
    }.getOrNull()

    @Test
    fun `there are enough vectors, most of them also as typed records`() {
        assertTrue(cases.size >= 40)
        val typedCases = cases.count { f ->
            (Json.parseToJsonElement(f.readText()).jsonObject["records"] as? JsonArray)?.let(::typed) != null
        }
        assertTrue(typedCases >= 40, "only $typedCases vectors read as typed records")
    }

    @TestFactory
    fun vectors(): List<DynamicTest> = cases.map { file ->
        DynamicTest.dynamicTest(file.name) {
            val case = Json.parseToJsonElement(file.readText()).jsonObject
            val records = case.getValue("records")
            val cursor = case["cursor"]?.takeIf { it !is JsonNull }?.let {
                FeedrailJson.json.decodeFromJsonElement(AccountCursorInput.serializer(), it)
            }
            val options = ValidateOptions(
                cursor = cursor, today = case["today"]?.jsonPrimitive?.content,
                profile = case["profile"]?.jsonPrimitive?.content, timeZone = case["timeZone"]?.jsonPrimitive?.contentOrNull,
            )
            val expected = case.getValue("expected").jsonObject
            val fromJson = validateJson(records.toString(), options)
            val reports = listOfNotNull(fromJson, (records as? JsonArray)?.let(::typed)?.let { validate(it, options) })
            for (report in reports) {
                assertEquals(expectedKeys(expected.getValue("errors")), keys(report.errors), "errors")
                assertEquals(expectedKeys(expected.getValue("warnings")), keys(report.warnings), "warnings")
                assertEquals(expected.getValue("validIndices").jsonArray.map { it.jsonPrimitive.long }, report.validIndices)
                assertEquals((records as JsonArray).size.toLong(), report.checked)
            }
        }
    }
}
