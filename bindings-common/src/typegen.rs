//! The result types of the language packages, generated from the core's Rust types (their JSON
//! Schemas): TypeScript interfaces for Node's `index.d.ts`, `TypedDict`s for Python. The files
//! they go into are committed; a test fails when one is stale.

use feedrail::{
    AccountMapping, AccountMappingResult, BatchCreateItem, Company, CompanyInformation, Connection,
    Credentials, Issue, Otp, Page, PushOperation, PushOption, SourceAccount, Transaction,
};
use schemars::SchemaGenerator;

pub mod kotlin;
use serde_json::{Map, Value};

/// Every result type's schema, by name (`$defs`), with the variants of tagged unions lifted into
/// named types of their own.
pub fn definitions() -> Map<String, Value> {
    let mut generator = SchemaGenerator::default();
    generator.subschema_for::<Company>();
    generator.subschema_for::<Page<Company>>();
    generator.subschema_for::<Connection>();
    generator.subschema_for::<Otp>();
    generator.subschema_for::<SourceAccount>();
    generator.subschema_for::<BatchCreateItem>();
    generator.subschema_for::<PushOperation>();
    generator.subschema_for::<Page<PushOperation>>();
    generator.subschema_for::<Transaction>();
    generator.subschema_for::<CompanyInformation>();
    generator.subschema_for::<Credentials>();
    generator.subschema_for::<AccountMapping>();
    generator.subschema_for::<AccountMappingResult>();
    generator.subschema_for::<PushOption>();
    generator.subschema_for::<Issue>();
    generator.subschema_for::<feedrail::Validated>();
    generator.subschema_for::<feedrail::FeedReport>();
    generator.subschema_for::<feedrail::Progress>();
    generator.subschema_for::<feedrail::queue::Enqueued>();
    generator.subschema_for::<feedrail::queue::AccountQueueStatus>();
    generator.subschema_for::<feedrail::queue::WorkerMetrics>();
    generator.subschema_for::<feedrail::webhooks::Event>();
    generator.subschema_for::<feedrail_sandbox::LedgerView>();
    generator.subschema_for::<feedrail_sandbox::SandboxStats>();
    generator.subschema_for::<feedrail_sandbox::WebhookEndpoint>();
    generator.subschema_for::<feedrail_sandbox::FaultConfig>();
    generator.subschema_for::<crate::errors::ErrorDetails>();
    generator.subschema_for::<feedrail::Reconciliation>();
    let mut definitions: Map<String, Value> =
        generator.take_definitions(true).into_iter().collect();
    lift_variants(&mut definitions);
    definitions
}

/// Gives each object variant of a tagged union (`{"event": "planned", …}`) a name of its own:
/// the union's name and the tag's value (`ProgressEventPlanned`), marked with `x-tag`.
fn lift_variants(definitions: &mut Map<String, Value>) {
    let mut lifted = Vec::new();
    for (name, schema) in definitions.iter_mut() {
        let Some(Value::Array(options)) = schema.get_mut("oneOf") else {
            continue;
        };
        for option in options.iter_mut() {
            let Some(properties) = option.get("properties").and_then(Value::as_object) else {
                continue;
            };
            let Some((tag, value)) = properties.iter().find_map(|(key, property)| {
                property
                    .get("const")
                    .and_then(Value::as_str)
                    .map(|value| (key.clone(), value.to_owned()))
            }) else {
                continue;
            };
            let variant = format!("{name}{}", pascal(&value));
            let mut body = option.take();
            body["x-tag"] = Value::from(tag);
            *option = serde_json::json!({"$ref": format!("#/$defs/{variant}")});
            lifted.push((variant, body));
        }
    }
    definitions.extend(lifted);
    definitions.sort_keys();
}

fn pascal(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// What a schema holds, for either language.
#[derive(Clone)]
enum Shape {
    Named(String),
    Text,
    Money,
    Time,
    /// A wall-clock date and time with no offset (a transaction's date, as Codat keeps it).
    WallClock,
    Day,
    Integer,
    Number,
    Boolean,
    Any,
    List(Box<Shape>),
    Map(Box<Shape>),
    Literals(Vec<String>),
    Union(Vec<Shape>),
}

/// A property of an object type.
struct Field {
    name: String,
    shape: Shape,
    nullable: bool,
    required: bool,
    /// Never shown by a `repr` (a password, a one-time password, a signing secret).
    secret: bool,
    /// The tag of a union variant, whose one value names the variant.
    tag: bool,
    doc: Option<String>,
}

fn shape_of(schema: &Value) -> (Shape, bool) {
    let Some(object) = schema.as_object() else {
        return (Shape::Any, false);
    };
    if let Some(Value::String(reference)) = object.get("$ref") {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return (Shape::Named(name.to_owned()), false);
    }
    if let Some(Value::String(value)) = object.get("const") {
        return (Shape::Literals(vec![value.clone()]), false);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(options)) = object.get(key) {
            let nullable = options
                .iter()
                .any(|o| o.get("type") == Some(&Value::from("null")));
            let consts: Vec<String> = options
                .iter()
                .filter_map(|o| o.get("const").and_then(Value::as_str).map(str::to_owned))
                .collect();
            if !consts.is_empty() && consts.len() == options.len() {
                return (Shape::Literals(consts), false);
            }
            let mut shapes: Vec<Shape> = options
                .iter()
                .filter(|o| o.get("type") != Some(&Value::from("null")))
                .map(|o| shape_of(o).0)
                .collect();
            let shape = if shapes.len() == 1 {
                shapes.remove(0)
            } else {
                Shape::Union(shapes)
            };
            return (shape, nullable);
        }
    }
    let types: Vec<&str> = match object.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => return (Shape::Any, false),
    };
    let nullable = types.contains(&"null");
    let format = object.get("format").and_then(Value::as_str);
    let shape = if types.contains(&"string") && types.contains(&"number") {
        Shape::Money
    } else if types.contains(&"array") {
        Shape::List(Box::new(
            object.get("items").map_or(Shape::Any, |i| shape_of(i).0),
        ))
    } else if types.contains(&"object") {
        Shape::Map(Box::new(
            object
                .get("additionalProperties")
                .map_or(Shape::Any, |i| shape_of(i).0),
        ))
    } else if types.contains(&"string") {
        match format {
            Some("date-time") => Shape::Time,
            Some("partial-date-time") => Shape::WallClock,
            Some("date") => Shape::Day,
            _ => Shape::Text,
        }
    } else if types.contains(&"integer") {
        Shape::Integer
    } else if types.contains(&"number") {
        Shape::Number
    } else if types.contains(&"boolean") {
        Shape::Boolean
    } else {
        Shape::Any
    };
    (shape, nullable)
}

fn fields(schema: &Value) -> Vec<Field> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let tag = schema.get("x-tag").and_then(Value::as_str);
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| {
            properties
                .iter()
                .map(|(name, property)| {
                    let (shape, nullable) = shape_of(property);
                    Field {
                        name: name.clone(),
                        shape,
                        nullable,
                        required: required.contains(&name.as_str()),
                        secret: property.get("x-secret") == Some(&Value::Bool(true)),
                        tag: tag == Some(name.as_str()),
                        doc: property
                            .get("description")
                            .and_then(Value::as_str)
                            .map(one_line),
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn doc_of(schema: &Value) -> String {
    schema
        .get("description")
        .and_then(Value::as_str)
        .map(one_line)
        .unwrap_or_default()
}

fn ts(shape: &Shape) -> String {
    match shape {
        Shape::Named(name) => name.clone(),
        Shape::Text | Shape::Money | Shape::Time | Shape::WallClock | Shape::Day => {
            "string".to_owned()
        }
        Shape::Integer | Shape::Number => "number".to_owned(),
        Shape::Boolean => "boolean".to_owned(),
        Shape::Any => "unknown".to_owned(),
        Shape::List(item) => match **item {
            Shape::Union(_) | Shape::Literals(_) => format!("Array<{}>", ts(item)),
            _ => format!("{}[]", ts(item)),
        },
        Shape::Map(value) => format!("Record<string, {}>", ts(value)),
        Shape::Literals(values) => values
            .iter()
            .map(|v| format!("'{v}'"))
            .collect::<Vec<_>>()
            .join(" | "),
        Shape::Union(shapes) => shapes
            .iter()
            .map(|shape| match shape {
                Shape::Any => "Record<string, unknown>".to_owned(),
                other => ts(other),
            })
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

/// Node's input types: the Rust types Node hands to the core, under their Node names, and
/// whether their times may be `Date`s (lines are read field by field; the rest as JSON). Money
/// may be any [`TS_MONEY`].
const TS_INPUTS: &[(&str, &str, bool)] = &[
    ("Transaction", "TransactionInput", true),
    ("SourceAccountPrototype", "SourceAccountInput", false),
    ("AccountMappingRequest", "AccountMappingInput", false),
    ("AccountCursor", "AccountCursorInput", false),
];

/// What Node accepts as money.
const TS_MONEY: &str = "/** A money amount: a decimal string (`\"-12.50\"`), a number (read through its shortest decimal\n * string, so `0.1` is exactly 0.1), a bigint, or a decimal-like object whose `toString()` gives\n * its digits (decimal.js, big.js, bignumber.js). */\nexport type Money = string | number | bigint | { toString(): string }\n\n";

/// Node's error type: a JS `Error` with the details every language's errors carry.
const TS_ERROR: &str = "/** Every rejection and throw of feedrail: switch on `code`. */\nexport interface FeedrailError extends Error, FeedrailErrorDetails {\n  name: 'FeedrailError'\n}\n";

fn input_definitions() -> Map<String, Value> {
    let mut generator = SchemaGenerator::default();
    generator.subschema_for::<Transaction>();
    generator.subschema_for::<feedrail::SourceAccountPrototype>();
    generator.subschema_for::<feedrail::AccountMappingRequest>();
    generator.subschema_for::<feedrail::AccountCursor>();
    generator.take_definitions(true).into_iter().collect()
}

fn ts_input(shape: &Shape) -> String {
    match shape {
        Shape::Money => "Money".to_owned(),
        Shape::Named(name) => TS_INPUTS
            .iter()
            .find(|(rust, ..)| rust == name)
            .map_or_else(|| name.clone(), |(_, node, _)| (*node).to_owned()),
        Shape::List(item) => format!("Array<{}>", ts_input(item)),
        other => ts(other),
    }
}

fn ts_input_with_dates(shape: &Shape) -> String {
    match shape {
        Shape::Time | Shape::WallClock => "string | Date".to_owned(),
        other => ts_input(other),
    }
}

/// One TypeScript declaration: an interface for an object type, an alias for any other.
fn ts_declaration(name: &str, schema: &Value, spell: fn(&Shape) -> String) -> String {
    let mut out = format!("/** {} */\n", doc_of(schema));
    let fields = fields(schema);
    if fields.is_empty() {
        out.push_str(&format!(
            "export type {name} = {}\n\n",
            spell(&shape_of(schema).0)
        ));
        return out;
    }
    out.push_str(&format!("export interface {name} {{\n"));
    for f in fields {
        if let Some(doc) = &f.doc {
            out.push_str(&format!("  /** {doc} */\n"));
        }
        let optional = if f.required { "" } else { "?" };
        let null = if f.nullable { " | null" } else { "" };
        out.push_str(&format!(
            "  {}{optional}: {}{null}\n",
            f.name,
            spell(&f.shape)
        ));
    }
    out.push_str("}\n\n");
    out
}

/// Node's type declarations (`types-header.d.ts`, which napi puts before the declarations of
/// the native classes): money, the input types, every result type and the error.
pub fn typescript() -> String {
    let mut out = String::from(
        "/* feedrail's types, generated from its Rust types by bindings-common/src/typegen.rs (do not\n * edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p feedrail-bindings typegen` rewrites it). Money\n * is a string of exact decimal digits; dates are ISO 8601 strings. */\n\n",
    );
    out.push_str(TS_MONEY);
    let inputs = input_definitions();
    for (rust, node, dates) in TS_INPUTS {
        let spell = if *dates {
            ts_input_with_dates
        } else {
            ts_input
        };
        out.push_str(&ts_declaration(node, &inputs[*rust], spell));
    }
    for (name, schema) in definitions() {
        out.push_str(&ts_declaration(&name, &schema, ts));
    }
    out.push_str(TS_ERROR);
    out
}

/// Python's spelling of a shape; `tag` literals are snake_case, as Python's progress events are.
fn python(shape: &Shape, tag: bool) -> String {
    match shape {
        Shape::Named(name) => format!("\"{name}\""),
        Shape::Text => "str".to_owned(),
        Shape::Money => "Decimal".to_owned(),
        Shape::Time | Shape::WallClock => "datetime".to_owned(),
        Shape::Day => "date".to_owned(),
        Shape::Integer => "int".to_owned(),
        Shape::Number => "float".to_owned(),
        Shape::Boolean => "bool".to_owned(),
        Shape::Any => "object".to_owned(),
        Shape::List(item) => format!("list[{}]", python(item, false)),
        Shape::Map(value) => format!("dict[str, {}]", python(value, false)),
        Shape::Literals(values) => format!(
            "Literal[{}]",
            values
                .iter()
                .map(|v| if tag {
                    crate::spelling::snake(v)
                } else {
                    v.clone()
                })
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Shape::Union(shapes) => format!(
            "Union[{}]",
            shapes
                .iter()
                .map(|shape| match shape {
                    Shape::Any => "dict[str, object]".to_owned(),
                    other => python(other, false),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The Python expression that turns the native value of `shape` into its typed form, when it
/// needs turning (`None` when the native value already is it).
fn python_converter(shape: &Shape, definitions: &Map<String, Value>) -> Option<String> {
    match shape {
        Shape::Named(name) => match definitions.get(name) {
            Some(schema) if !fields(schema).is_empty() => Some(format!("{name}._from")),
            Some(schema) => python_converter(&shape_of(schema).0, definitions),
            None => None,
        },
        Shape::Time | Shape::WallClock => Some("to_datetime".to_owned()),
        Shape::Day => Some("to_date".to_owned()),
        Shape::Number => Some("float".to_owned()),
        Shape::List(item) => python_converter(item, definitions).map(|c| format!("to_list({c})")),
        Shape::Map(value) => python_converter(value, definitions).map(|c| format!("to_map({c})")),
        Shape::Union(shapes) => {
            let classes: Vec<String> = shapes
                .iter()
                .filter_map(|shape| match shape {
                    Shape::Named(name) => Some(name.clone()),
                    _ => None,
                })
                .collect();
            (!classes.is_empty()).then(|| format!("to_one_of({})", classes.join(", ")))
        }
        _ => None,
    }
}

/// Python classes that take methods written by hand (in `feedrail._report`) besides their data.
const PYTHON_METHODS: &[(&str, &str)] = &[
    ("FeedReport", "FeedReportMethods"),
    ("Reconciliation", "ReconciliationMethods"),
    ("Report", "ReportMethods"),
    ("ValidationReport", "ReportMethods"),
];

/// Python's typed results: a class per object type (attributes, `__repr__`, equality,
/// `to_dict()`; keys in snake_case, money as `Decimal`, times as `datetime`), a `Literal` or
/// `Union` alias per other type, and the conversion of each from what the native module returns.
pub fn python_types() -> String {
    let definitions = definitions();
    let mut out = String::from(
        "\"\"\"What the client returns, as typed classes: generated from feedrail's Rust types by\n\
         `bindings-common/src/typegen.rs` (do not edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p\n\
         feedrail-bindings typegen` rewrites it).\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from datetime import date, datetime\n\
         from decimal import Decimal\n\
         TYPE_CHECKING = False\n\
         if TYPE_CHECKING:\n    from typing import Literal, Optional, Union\n\n    from feedrail._model import Reader\n\n\
         from feedrail._model import Model, to_date, to_datetime, to_list, to_map, to_one_of\n\
         from feedrail._report import FeedReportMethods, ReconciliationMethods, ReportMethods\n\n\
         __all__ = [\n",
    );
    for name in definitions.keys() {
        out.push_str(&format!("    \"{name}\",\n"));
    }
    out.push_str("]\n");
    let mut converters = String::new();
    let mut aliases = Vec::new();
    for (name, schema) in &definitions {
        let doc = doc_of(schema).replace('"', "'");
        let fields = fields(schema);
        if fields.is_empty() {
            aliases.push((name.clone(), python(&shape_of(schema).0, false), doc));
            continue;
        }
        let bases = match PYTHON_METHODS.iter().find(|(class, _)| class == name) {
            Some((_, methods)) => format!("{methods}, Model"),
            None => "Model".to_owned(),
        };
        out.push_str(&format!(
            "\n\nclass {name}({bases}):\n    \"\"\"{doc}\"\"\"\n\n"
        ));
        let snake = |f: &Field| crate::spelling::snake(&f.name);
        let quoted = |names: Vec<String>| -> String {
            let mut list = names
                .iter()
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            if names.len() == 1 {
                list.push(',');
            }
            format!("({list})")
        };
        out.push_str(&format!(
            "    __slots__ = {}\n",
            quoted(fields.iter().map(snake).collect())
        ));
        let required: Vec<String> = fields.iter().filter(|f| f.required).map(snake).collect();
        if !required.is_empty() {
            out.push_str(&format!("    _REQUIRED = {}\n", quoted(required)));
        }
        let secrets: Vec<String> = fields.iter().filter(|f| f.secret).map(snake).collect();
        if !secrets.is_empty() {
            out.push_str(&format!("    _SECRET = {}\n", quoted(secrets)));
        }
        if let Some(tag) = fields.iter().find(|f| f.tag)
            && let Shape::Literals(values) = &tag.shape
        {
            out.push_str(&format!(
                "    _TAG = (\"{}\", \"{}\")\n",
                snake(tag),
                crate::spelling::snake(&values[0])
            ));
        }
        out.push('\n');
        // `Links` has an attribute named `self`.
        let receiver = if fields.iter().any(|f| f.name == "self") {
            "_self"
        } else {
            "self"
        };
        let mut parameters = Vec::new();
        let mut assignments = String::new();
        let mut conversions = Vec::new();
        for f in &fields {
            let mut annotation = python(&f.shape, f.tag);
            let optional = f.nullable || !f.required;
            if optional {
                annotation = format!("Optional[{annotation}]");
            }
            let attribute = snake(f);
            out.push_str(&format!("    {attribute}: {annotation}\n"));
            if let Some(doc) = &f.doc {
                out.push_str(&format!("    \"\"\"{}\"\"\"\n", doc.replace('"', "'")));
            }
            let default = if optional { " = None" } else { "" };
            parameters.push(format!("{attribute}: {annotation}{default}"));
            assignments.push_str(&format!("        {receiver}.{attribute} = {attribute}\n"));
            if let Some(converter) = python_converter(&f.shape, &definitions) {
                conversions.push(format!("\"{attribute}\": {converter}"));
            }
        }
        out.push_str(&format!(
            "\n    def __init__(\n        {receiver},\n        *,\n{}    ) -> None:\n{assignments}",
            parameters
                .iter()
                .map(|p| format!("        {p},\n"))
                .collect::<String>()
        ));
        if !conversions.is_empty() {
            converters.push_str(&format!(
                "{name}._CONVERT = {{{}}}\n",
                conversions.join(", ")
            ));
        }
    }
    out.push_str(
        "\n\n# The type aliases: for type checkers, and built on first use at run time (`typing` costs\n\
         # start-up time).\nif TYPE_CHECKING:\n",
    );
    for (name, alias, doc) in &aliases {
        out.push_str(&format!("    {name} = {alias}\n    \"\"\"{doc}\"\"\"\n"));
    }
    out.push_str(
        "\n\ndef _aliases() -> dict[str, object]:\n    from typing import Literal, Union\n\n    return {\n",
    );
    for (name, alias, _) in &aliases {
        // The classes exist by now: no forward references.
        let alias = definitions
            .iter()
            .filter(|(_, schema)| !fields(schema).is_empty())
            .fold(alias.clone(), |alias, (class, _)| {
                alias.replace(&format!("\"{class}\""), class)
            });
        out.push_str(&format!("        \"{name}\": {alias},\n"));
    }
    out.push_str(
        "    }\n\n\ndef __getattr__(name: str) -> object:\n    aliases = _aliases()\n    if name in aliases:\n        globals().update(aliases)\n        return aliases[name]\n    raise AttributeError(f\"module 'feedrail._types' has no attribute {name!r}\")\n",
    );
    out.push_str("\n\n# How each attribute is read from the native module's value, where it needs reading.\n");
    out.push_str(&converters);
    out.push_str("\n# How each type is read from the native module's value, by name.\nREADERS: dict[str, Reader] = {\n");
    for name in definitions.keys() {
        if let Some(read) = python_converter(&Shape::Named(name.clone()), &definitions) {
            out.push_str(&format!("    \"{name}\": {read},\n"));
        }
    }
    out.push_str("}\n");
    out.push_str(
        "\n# What each operation returns (the table in bindings-common/src/surface.rs), read from the\n\
         # native module's value.\nRESULTS: dict[str, Reader] = {\n",
    );
    for op in crate::surface::OPERATIONS {
        let (name, list) = match op.returns.strip_suffix("[]") {
            Some(item) => (item, true),
            None => (op.returns, false),
        };
        if let Some(read) = python_converter(&Shape::Named(name.to_owned()), &definitions) {
            let read = if list {
                format!("to_list({read})")
            } else {
                read
            };
            out.push_str(&format!("    \"{}\": {read},\n", op.name));
        }
    }
    out.push_str("}\n");
    out.push_str(&python_calls());
    out
}

/// Python's spelling of what an operation called by name returns (`returns` in the table's
/// TypeScript notation), once read: `push_feeds`' map holds each account's error or its report
/// still to be read.
fn python_result(returns: &str) -> String {
    match returns {
        "void" => "None".to_owned(),
        "number" => "int".to_owned(),
        other if other.starts_with("Record<") => {
            "dict[str, Union[FeedrailError, dict[str, object]]]".to_owned()
        }
        other => match other.strip_suffix("[]") {
            Some(item) => format!("list[{item}]"),
            None => other.to_owned(),
        },
    }
}

/// `Call` and `CallAsync`: for type checkers, the client's call of an operation by name, with
/// one overload per operation giving its result type.
fn python_calls() -> String {
    let mut out = String::from(
        "\n\n# The client's call of an operation by name, typed by each operation's result (the table in\n\
         # bindings-common/src/surface.rs): for type checkers only.\nif TYPE_CHECKING:\n    \
         from typing import Awaitable, Mapping, Protocol, overload\n\n    \
         from feedrail._errors import FeedrailError\n",
    );
    for (class, doc, wrap) in [
        (
            "Call",
            "Runs an operation by name and returns its result read.",
            "{}",
        ),
        (
            "CallAsync",
            "Runs an operation by name on tokio; awaiting it gives its result read.",
            "Awaitable[{}]",
        ),
    ] {
        out.push_str(&format!(
            "\n    class {class}(Protocol):\n        \"\"\"{doc}\"\"\"\n"
        ));
        for op in crate::surface::OPERATIONS
            .iter()
            .filter(|op| op.called_by_name())
        {
            out.push_str(&format!(
                "\n        @overload\n        def __call__(self, operation: Literal[\"{}\"], args: Mapping[str, object], /) -> {}: ...\n",
                op.name,
                wrap.replace("{}", &python_result(op.returns))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

    /// Node's type header and Python's `_types.py` hold the types generated from the Rust ones;
    /// `FEEDRAIL_WRITE_TYPES=1` rewrites them.
    #[test]
    fn the_generated_types_are_current() {
        let header_path = format!("{ROOT}/bindings-node/types-header.d.ts");
        let python_path = format!("{ROOT}/bindings-python/python/feedrail/_types.py");
        let kotlin_path = format!("{ROOT}/bindings-jvm/kotlin/main/dev/feedrail/types/Types.kt");
        let uniffi_path = format!("{ROOT}/bindings-jvm/uniffi.toml");
        let want_header = typescript();
        let want_python = python_types();
        let want_kotlin = kotlin::kotlin_types();
        let want_uniffi = kotlin::uniffi_toml();
        if std::env::var_os("FEEDRAIL_WRITE_TYPES").is_some() {
            std::fs::write(&header_path, &want_header).expect("writes the header");
            std::fs::write(&python_path, &want_python).expect("writes _types.py");
            std::fs::write(&kotlin_path, &want_kotlin).expect("writes Types.kt");
            std::fs::write(&uniffi_path, &want_uniffi).expect("writes uniffi.toml");
        }
        let stale = "stale: run FEEDRAIL_WRITE_TYPES=1 cargo test -p feedrail-bindings typegen, then rebuild the Node package";
        let header = std::fs::read_to_string(&header_path).unwrap_or_default();
        assert!(
            header == want_header,
            "bindings-node/types-header.d.ts is {stale}"
        );
        let python = std::fs::read_to_string(&python_path).unwrap_or_default();
        assert!(python == want_python, "_types.py is {stale}");
        let kotlin = std::fs::read_to_string(&kotlin_path).unwrap_or_default();
        assert!(kotlin == want_kotlin, "Types.kt is {stale}");
        let uniffi = std::fs::read_to_string(&uniffi_path).unwrap_or_default();
        assert!(uniffi == want_uniffi, "bindings-jvm/uniffi.toml is {stale}");
    }

    #[test]
    fn money_is_exact_and_enums_are_literals() {
        let ts = typescript();
        assert!(
            ts.contains("  amount: string\n"),
            "money is a string in Node"
        );
        assert!(
            ts.contains("export type PushStatus = 'Pending' | 'Failed' | 'Success' | 'TimedOut'")
        );
        let py = python_types();
        assert!(
            py.contains("    amount: Decimal\n"),
            "money is a Decimal in Python"
        );
        assert!(
            py.contains("    push_operation_key: str\n"),
            "keys are snake_case in Python"
        );
    }
}
