//! The JVM package's types, generated from the same schemas as Node's and Python's: a
//! `@Serializable` data class per object type (`dev.feedrail.types`), a sealed interface per
//! tagged union, and `bindings-jvm/uniffi.toml`, which tells uniffi to hand each JSON value
//! across as its class.

use schemars::SchemaGenerator;
use serde_json::{Map, Value};

use super::{Field, Shape, TS_INPUTS, definitions, doc_of, fields, input_definitions, shape_of};

/// The Kotlin package of the generated classes.
pub const TYPES_PACKAGE: &str = "dev.feedrail.types";

/// Kotlin's hard keywords, which a property name must escape.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
];

/// The options a binding reads as JSON, under their Kotlin names, from their Rust settings.
fn option_definitions() -> Map<String, Value> {
    let mut generator = SchemaGenerator::default();
    generator.subschema_for::<crate::ClientSettings>();
    generator.subschema_for::<crate::FeedSettings>();
    generator.subschema_for::<crate::ListSettings>();
    generator.subschema_for::<crate::EnqueueSettings>();
    generator.subschema_for::<crate::ReconcileSettings>();
    generator.subschema_for::<crate::WorkerSettings>();
    generator.subschema_for::<crate::PushBatchSettings>();
    generator.subschema_for::<crate::validate::ValidateSettings>();
    generator.subschema_for::<feedrail::SourceAccountUpdate>();
    let mut options: Map<String, Value> = generator.take_definitions(true).into_iter().collect();
    // A worker's options include those of the feeds it pushes (the binding splits them).
    let feed = options["FeedOptions"]["properties"].clone();
    if let Some(Value::Object(worker)) = options["WorkerOptions"].get_mut("properties") {
        for key in ["batchSize", "waitTimeout", "profile"] {
            worker.insert(key.to_owned(), feed[key].clone());
        }
    }
    options.retain(|name, _| name != "AccountCursor");
    options
}

fn escape(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("`{name}`")
    } else {
        name.to_owned()
    }
}

/// Kotlin's spelling of a result's shape.
fn kotlin(shape: &Shape) -> String {
    match shape {
        Shape::Named(name) => name.clone(),
        Shape::Text | Shape::Literals(_) => "String".to_owned(),
        Shape::Money => "BigDecimal".to_owned(),
        Shape::Time => "OffsetDateTime".to_owned(),
        Shape::WallClock => "LocalDateTime".to_owned(),
        Shape::Day => "LocalDate".to_owned(),
        Shape::Integer => "Long".to_owned(),
        Shape::Number => "Double".to_owned(),
        Shape::Boolean => "Boolean".to_owned(),
        Shape::Any | Shape::Union(_) => "JsonElement".to_owned(),
        Shape::List(item) => format!("List<{}>", kotlin(item)),
        Shape::Map(value) => format!("Map<String, {}>", kotlin(value)),
    }
}

/// Kotlin's spelling of an input's shape: input types under their input names, and a
/// transaction's date any `java.time` value (written in ISO 8601).
fn kotlin_input(shape: &Shape) -> String {
    match shape {
        Shape::Named(name) => TS_INPUTS
            .iter()
            .find(|(rust, ..)| rust == name)
            .map_or_else(|| name.clone(), |(_, input, _)| (*input).to_owned()),
        Shape::Time | Shape::WallClock => "Temporal".to_owned(),
        Shape::List(item) => format!("List<{}>", kotlin_input(item)),
        other => kotlin(other),
    }
}

fn kdoc(out: &mut String, indent: &str, doc: &str) {
    if !doc.is_empty() {
        let doc = doc.replace("*/", "*&#47;").replace("/*", "&#47;*");
        out.push_str(&format!("{indent}/** {doc} */\n"));
    }
}

/// A data class (or a `data object` when it has no fields) for an object type.
fn class(out: &mut String, name: &str, schema: &Value, input: bool, parent: Option<(&str, &str)>) {
    let record = input && TS_INPUTS.iter().any(|(_, n, _)| *n == name);
    // A record's fields may all be missing (validation reports each); options keep their
    // required ones.
    let optional = |f: &Field| record || !f.required || f.nullable;
    let spell = if input { kotlin_input } else { kotlin };
    kdoc(out, "", &doc_of(schema));
    out.push_str("@Serializable\n");
    if let Some((_, tag)) = parent {
        out.push_str(&format!("@SerialName(\"{tag}\")\n"));
    }
    let fields: Vec<Field> = fields(schema).into_iter().filter(|f| !f.tag).collect();
    let supertype = parent.map_or(String::new(), |(union, _)| format!(" : {union}"));
    if fields.is_empty() {
        out.push_str(&format!("data object {name}{supertype}\n\n"));
        return;
    }
    let constructor = if input {
        " @JvmOverloads constructor"
    } else {
        ""
    };
    out.push_str(&format!("data class {name}{constructor}(\n"));
    for f in &fields {
        kdoc(out, "    ", f.doc.as_deref().unwrap_or_default());
        let optional = optional(f);
        let ty = spell(&f.shape);
        let (ty, default) = if optional {
            (format!("{ty}?"), " = null")
        } else {
            (ty, "")
        };
        out.push_str(&format!(
            "    @SerialName(\"{}\") val {}: {ty}{default},\n",
            f.name,
            escape(&property(&f.name))
        ));
    }
    out.push_str(&format!("){supertype}"));
    let secrets: Vec<&Field> = fields.iter().filter(|f| f.secret).collect();
    let withs = input && fields.len() > 1;
    if secrets.is_empty() && !withs {
        out.push_str("\n\n");
        return;
    }
    out.push_str(" {\n");
    if withs {
        for f in &fields {
            let prop = property(&f.name);
            let ty = spell(&f.shape) + if optional(f) { "?" } else { "" };
            out.push_str(&format!(
                "    /** A copy with `{prop}` set (for Java, which has no named arguments). */\n    fun with{}(value: {ty}): {name} = copy({} = value)\n",
                super::pascal(&prop),
                escape(&prop)
            ));
        }
    }
    if !secrets.is_empty() {
        let shown: Vec<String> = fields
            .iter()
            .map(|f| {
                let prop = property(&f.name);
                if f.secret {
                    format!("{prop}=<redacted>")
                } else {
                    format!("{prop}=${}", braced(&prop))
                }
            })
            .collect();
        out.push_str(&format!(
            "    /** Never shows a secret. */\n    override fun toString(): String = \"{name}({})\"\n",
            shown.join(", ")
        ));
    }
    out.push_str("}\n\n");
}

fn braced(prop: &str) -> String {
    if KEYWORDS.contains(&prop) {
        format!("{{`{prop}`}}")
    } else {
        format!("{{{prop}}}")
    }
}

/// A wire key as a Kotlin property name (keys are camelCase already; anything else that cannot
/// name a property becomes `_`).
fn property(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The tagged unions: each variant's name, with its union and tag value.
fn variants(definitions: &Map<String, Value>) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for (union, schema) in definitions {
        let Some(Value::Array(options)) = schema.get("oneOf") else {
            continue;
        };
        for option in options {
            let Some(Value::String(reference)) = option.get("$ref") else {
                continue;
            };
            let variant = reference.rsplit('/').next().unwrap_or_default();
            let Some(body) = definitions.get(variant) else {
                continue;
            };
            let Some(tag) = body.get("x-tag").and_then(Value::as_str) else {
                continue;
            };
            let value = body["properties"][tag]["const"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            out.push((variant.to_owned(), union.clone(), tag.to_owned(), value));
        }
    }
    out
}

/// `packRecords`: transaction records written for the native library by a `PackWriter`, each
/// field by its kind (see `Packing.kt`).
fn packer(schema: &Value) -> String {
    let fields = fields(schema);
    let names: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.name)).collect();
    let mut out = format!(
        "/** The fields `packRecords` writes, in order. */\n\
         private val PACKED_FIELDS = listOf({})\n\n\
         /** [records] packed for the native library; a null record is refused with its index. */\n\
         fun packRecords(records: List<TransactionInput?>): ByteArray {{\n\
         \x20   val w = PackWriter(records.size * 96 + 256)\n\
         \x20   w.header(PACKED_FIELDS)\n\
         \x20   w.u32(records.size)\n\
         \x20   records.forEachIndexed {{ i, r ->\n\
         \x20       requireNotNull(r) {{ \"records[$i] is null: pass a TransactionInput\" }}\n",
        names.join(", ")
    );
    for f in &fields {
        let write = match f.shape {
            Shape::Money => "money",
            Shape::Time | Shape::WallClock => "date",
            Shape::Boolean => "bool",
            _ => "text",
        };
        out.push_str(&format!(
            "        w.{write}(r.{})\n",
            escape(&property(&f.name))
        ));
    }
    out.push_str("    }\n    return w.bytes()\n}\n\n");
    out
}

/// `Types.kt`: every result, input and option type of the JVM package.
pub fn kotlin_types() -> String {
    let mut out = format!(
        "// feedrail's types, generated from its Rust types by bindings-common/src/typegen/kotlin.rs\n\
         // (do not edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p feedrail-bindings typegen` rewrites it).\n\
         @file:UseSerializers(\n    MoneySerializer::class,\n    InstantSerializer::class,\n    WallClockSerializer::class,\n    DaySerializer::class,\n    TemporalSerializer::class,\n)\n\
         @file:OptIn(ExperimentalSerializationApi::class)\n\n\
         package {TYPES_PACKAGE}\n\n\
         import java.math.BigDecimal\n\
         import java.time.LocalDate\n\
         import java.time.LocalDateTime\n\
         import java.time.OffsetDateTime\n\
         import java.time.temporal.Temporal\n\
         import kotlinx.serialization.ExperimentalSerializationApi\n\
         import kotlinx.serialization.SerialName\n\
         import kotlinx.serialization.Serializable\n\
         import kotlinx.serialization.UseSerializers\n\
         import kotlinx.serialization.json.JsonClassDiscriminator\n\
         import kotlinx.serialization.json.JsonElement\n\n"
    );
    let definitions = definitions();
    let variants = variants(&definitions);
    for (name, schema) in &definitions {
        let tagged: Vec<_> = variants.iter().filter(|v| &v.1 == name).collect();
        if let Some((_, _, tag, _)) = tagged.first() {
            kdoc(&mut out, "", &doc_of(schema));
            out.push_str(&format!(
                "@Serializable\n@JsonClassDiscriminator(\"{tag}\")\nsealed interface {name}\n\n"
            ));
            continue;
        }
        if let Some((_, union, _, value)) = variants.iter().find(|v| &v.0 == name) {
            class(&mut out, name, schema, false, Some((union, value)));
            continue;
        }
        if fields(schema).is_empty() {
            let (shape, _) = shape_of(schema);
            let mut doc = doc_of(schema);
            if let Shape::Literals(values) = &shape {
                doc = format!("{doc} One of: {}.", values.join(", "));
            }
            kdoc(&mut out, "", doc.trim());
            out.push_str(&format!("typealias {name} = {}\n\n", kotlin(&shape)));
            continue;
        }
        class(&mut out, name, schema, false, None);
    }
    let inputs = input_definitions();
    for (rust, input, _) in TS_INPUTS {
        class(&mut out, input, &inputs[*rust], true, None);
    }
    out.push_str(&packer(&inputs["Transaction"]));
    for (name, schema) in option_definitions() {
        if !definitions.contains_key(&name) && !fields(&schema).is_empty() {
            class(&mut out, &name, &schema, true, None);
        }
    }
    out
}

/// The Kotlin type of each JSON value the native library hands across, by its uniffi name
/// (`bindings-jvm/src/json.rs` declares the same names).
pub const JSON_TYPES: &[(&str, &str)] = &[
    ("Company", "Company"),
    ("CompanyPage", "CompanyPage"),
    ("Connection", "Connection"),
    ("ConnectionList", "List<Connection>"),
    ("Otp", "Otp"),
    ("CompanyInformation", "CompanyInformation"),
    ("Credentials", "Credentials"),
    ("AccountMappingList", "List<AccountMapping>"),
    ("AccountMappingResult", "AccountMappingResult"),
    ("SourceAccount", "SourceAccount"),
    ("SourceAccountList", "List<SourceAccount>"),
    ("BatchCreateItemList", "List<BatchCreateItem>"),
    ("PushOption", "PushOption"),
    ("PushOperation", "PushOperation"),
    ("PushOperationPage", "PushOperationPage"),
    ("FeedReport", "FeedReport"),
    ("Enqueued", "Enqueued"),
    ("AccountQueueStatusList", "List<AccountQueueStatus>"),
    ("Reconciliation", "Reconciliation"),
    ("WorkerMetrics", "WorkerMetrics"),
    ("WebhookEvent", "WebhookEvent"),
    ("ValidationReport", "ValidationReport"),
    ("ProgressEvent", "ProgressEvent"),
    ("ErrorDetails", "FeedrailErrorDetails"),
    ("Ledger", "Ledger"),
    ("SandboxStats", "SandboxStats"),
    ("WebhookEndpoint", "WebhookEndpoint"),
    ("WebhookDeliveryStatsList", "List<WebhookDeliveryStats>"),
    ("ClientOptions", "ClientOptions"),
    ("FeedOptions", "FeedOptions"),
    ("ListOptions", "ListOptions"),
    ("EnqueueOptions", "EnqueueOptions"),
    ("ReconcileOptions", "ReconcileOptions"),
    ("WorkerOptions", "WorkerOptions"),
    ("ValidateOptions", "ValidateOptions"),
    ("PushBatchOptions", "PushBatchOptions"),
    ("FaultConfig", "FaultConfig"),
    ("SourceAccountInput", "SourceAccountInput"),
    ("SourceAccountInputList", "List<SourceAccountInput>"),
    ("SourceAccountUpdate", "SourceAccountUpdate"),
    ("AccountMappingInput", "AccountMappingInput"),
];

/// A Kotlin type of [`JSON_TYPES`] with its classes named in full.
fn qualified(kotlin: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    for c in kotlin.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            if ["List", "Map", "String"].contains(&word.as_str()) {
                out.push_str(&word);
            } else {
                out.push_str(&format!("{TYPES_PACKAGE}.{word}"));
            }
            word.clear();
        }
        if c != ' ' || !out.ends_with(',') {
            out.push(c);
        }
    }
    out.trim_end().replace(',', ", ")
}

/// `bindings-jvm/uniffi.toml`: the package, and each JSON type read into (and written from)
/// its generated class.
pub fn uniffi_toml() -> String {
    let mut out = String::from(
        "# Generated by bindings-common/src/typegen/kotlin.rs (do not edit; `FEEDRAIL_WRITE_TYPES=1\n\
         # cargo test -p feedrail-bindings typegen` rewrites it).\n\
         [bindings.kotlin]\npackage_name = \"dev.feedrail\"\ncdylib_name = \"feedrail_jvm\"\n",
    );
    out.push_str(&format!(
        "\n# Transaction records cross packed, not as JSON (Packing.kt, bindings-jvm/src/packed.rs).\n\
         [bindings.kotlin.custom_types.Transactions]\n\
         type_name = \"List<{TYPES_PACKAGE}.TransactionInput>\"\n\
         lift = \"error(\\\"records are not returned\\\")\"\n\
         lower = \"dev.feedrail.packed({{}})\"\n"
    ));
    for (name, kotlin) in JSON_TYPES {
        let full = qualified(kotlin);
        out.push_str(&format!(
            "\n[bindings.kotlin.custom_types.{name}]\ntype_name = \"{full}\"\n\
             lift = \"{TYPES_PACKAGE}.FeedrailJson.decode<{full}>({{}})\"\n\
             lower = \"dev.feedrail.toNative<{full}>({{}})\"\n"
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_qualified() {
        assert_eq!(
            qualified("Map<String, List<TransactionInput>>"),
            "Map<String, List<dev.feedrail.types.TransactionInput>>"
        );
        assert_eq!(qualified("Company"), "dev.feedrail.types.Company");
    }

    #[test]
    fn classes_are_typed_and_secrets_hidden() {
        let kt = kotlin_types();
        assert!(kt.contains("@SerialName(\"amount\") val amount: BigDecimal,\n"));
        assert!(kt.contains("sealed interface ProgressEvent\n"));
        assert!(kt.contains("password=<redacted>"));
        assert!(kt.contains("apiKey=<redacted>"));
        assert!(kt.contains("data class TransactionInput @JvmOverloads constructor("));
    }
}
