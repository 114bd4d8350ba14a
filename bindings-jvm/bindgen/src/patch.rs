//! Two changes to uniffi's Kotlin. uniffi gives each variant of an error enum its own fields and
//! a `message` listing them (`reason=…, details=…`); feedrail's exception instead has `details`
//! on the sealed base class (so `catch (e: FeedrailException) { e.details.code }` works) and the
//! core's message as its `message`. And named constructors (`Sandbox.start`) become `@JvmStatic`,
//! so Java calls them as Kotlin does.

const BASE: &str = "sealed class FeedrailException: kotlin.Exception() {";
const FIELD: &str = "val `details`: ErrorDetails";
const MESSAGE: &str = "get() = \"reason=${ `reason` }, details=${ `details` }\"";

/// The generated Kotlin patched, or what was not found.
pub fn patch(kotlin: &str) -> Result<String, String> {
    let kotlin = &static_constructors(kotlin);
    for (what, needle) in [
        ("the exception class", BASE),
        ("its details", FIELD),
        ("its message", MESSAGE),
    ] {
        if !kotlin.contains(needle) {
            return Err(format!(
                "{what} ({needle:?}) is not in uniffi's output: update bindgen/src/exception.rs"
            ));
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

/// Marks the functions of companion objects (uniffi's named constructors) `@JvmStatic`.
fn static_constructors(kotlin: &str) -> String {
    let mut out = String::with_capacity(kotlin.len() + 1024);
    let mut in_companion = false;
    for line in kotlin.split_inclusive('\n') {
        if line == "    companion object {\n" {
            in_companion = true;
        } else if line == "    }\n" {
            in_companion = false;
        }
        match line.strip_prefix("    @Throws(FeedrailException::class) fun ") {
            Some(rest) if in_companion => {
                out.push_str("    @JvmStatic @Throws(FeedrailException::class) fun ");
                out.push_str(rest);
            }
            _ => out.push_str(line),
        }
    }
    out
}
