package dev.feedrail

import java.io.File
import kotlin.reflect.full.declaredMemberFunctions
import kotlin.reflect.full.memberProperties
import kotlin.reflect.jvm.jvmErasure
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.contentOrNull
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * Parity with the one definition of the surface (tests/surface.json, written from the Rust
 * table in bindings-common): every operation, option, iterator and sandbox method, in Kotlin's
 * spelling, on the Kotlin client and on the Java facade.
 */
class ParityTest {
    private val surface = Json.parseToJsonElement(File(root, "tests/surface.json").readText()).jsonObject
    private fun camel(name: String) = name.split('_').mapIndexed { i, w -> if (i == 0) w else w.replaceFirstChar(Char::uppercase) }.joinToString("")
    private fun function(name: String) = Client::class.declaredMemberFunctions.firstOrNull { it.name == name }

    @Test
    fun `every operation with its options`() {
        for (op in surface.getValue("operations").jsonArray.map { it.jsonObject }) {
            val name = camel(op.getValue("name").jsonPrimitive.content)
            val f = function(name)
            assertTrue(f != null, "Client.$name")
            val params = f!!.parameters.mapNotNull { it.name }.toSet()
            val optionsClass = op["nodeOptions"]?.jsonPrimitive?.contentOrNull
                ?.let { runCatching { Class.forName("dev.feedrail.types.$it").kotlin }.getOrNull() }
            val properties = optionsClass?.memberProperties?.map { it.name }?.toSet() ?: emptySet()
            for (option in op.getValue("options").jsonArray.map { camel(it.jsonPrimitive.content) }) {
                assertTrue(option in properties || option in params, "$name: option $option is neither in ${optionsClass?.simpleName} nor a parameter")
            }
            assertTrue(JavaClient::class.declaredMemberFunctions.any { it.name == name }, "JavaClient.$name")
            if (f.isSuspend) assertTrue(JavaClient::class.declaredMemberFunctions.any { it.name == "${name}Async" }, "JavaClient.${name}Async")
        }
    }

    @Test
    fun `every operation returns the type the table gives it`() {
        for (op in surface.getValue("operations").jsonArray.map { it.jsonObject }) {
            val name = camel(op.getValue("name").jsonPrimitive.content)
            val returns = op.getValue("returns").jsonPrimitive.content
            val type = function(name)!!.returnType
            val got = when {
                type.jvmErasure == List::class -> type.arguments.single().type!!.jvmErasure.simpleName + "[]"
                else -> type.jvmErasure.simpleName
            }
            val want = when (returns) {
                "void" -> "Unit"
                "number" -> "Long"
                "Record<string, FeedReport | FeedrailError>" -> "FeedOutcome[]"
                "WebhookEvent" -> "WebhookEvent"
                else -> returns
            }
            assertEquals(want, got, "$name returns $got, the table says $returns")
        }
    }

    @Test
    fun `iterators, client options and sandbox methods`() {
        for (it in surface.getValue("iterators").jsonArray) {
            val name = camel(it.jsonObject.getValue("name").jsonPrimitive.content)
            assertTrue(function(name) != null, "Client.$name")
        }
        val clientOptions = dev.feedrail.types.ClientOptions::class.memberProperties.map { it.name }.toSet()
        assertEquals(surface.getValue("clientOptions").jsonArray.map { camel(it.jsonPrimitive.content) }.toSet(), clientOptions)
        for (m in surface.getValue("sandboxMethods").jsonArray) {
            val name = camel(m.jsonPrimitive.content)
            assertTrue(Sandbox::class.declaredMemberFunctions.any { it.name == name }, "Sandbox.$name")
        }
    }

    @Test
    fun `every core error code has its exception class`() {
        val classes = FeedrailException::class.sealedSubclasses.map { it.simpleName!! }.toSet()
        for (code in errorCodes()) {
            val name = code.lowercase().split('_').joinToString("") { it.replaceFirstChar(Char::uppercase) }
            assertTrue(name in classes, "FeedrailException.$name for $code")
        }
    }
}
