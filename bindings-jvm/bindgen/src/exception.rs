//! uniffi gives each variant of an error enum its own fields and a `message` listing them
//! (`reason=…, details=…`). feedrail's exception instead has `details` on the sealed base class
//! (so `catch (e: FeedrailException) { e.details.code }` works) and the core's message as its
//! `message`.

const BASE: &str = "sealed class FeedrailException: kotlin.Exception() {";
const FIELD: &str = "val `details`: ErrorDetails";
const MESSAGE: &str = "get() = \"reason=${ `reason` }, details=${ `details` }\"";

/// The generated Kotlin with the exception patched, or what was not found.
pub fn patch(kotlin: &str) -> Result<String, String> {
    for (what, needle) in [("the exception class", BASE), ("its details", FIELD), ("its message", MESSAGE)] {
        if !kotlin.contains(needle) {
            return Err(format!("{what} ({needle:?}) is not in uniffi's output: update bindgen/src/exception.rs"));
        }
    }
    Ok(kotlin
        .replace(
            BASE,
            "sealed class FeedrailException: kotlin.Exception() {\n    /** The code, HTTP status, correlation id, retryability, findings and report. */\n    abstract val details: ErrorDetails\n",
        )
        .replace(FIELD, "override val `details`: ErrorDetails")
        .replace(MESSAGE, "get() = `reason`"))
}
