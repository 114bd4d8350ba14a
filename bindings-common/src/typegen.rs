//! The result types of the language packages, generated from the core's Rust types (their JSON
//! Schemas): TypeScript interfaces for Node's `index.d.ts`, `TypedDict`s for Python. The files
//! they go into are committed; a test fails when one is stale.

use feedrail::{
    AccountMapping, AccountMappingResult, BatchCreateItem, Company, CompanyInformation, Connection,
    Credentials, Issue, Otp, Page, PushOperation, PushOption, SourceAccount, Transaction,
};
use schemars::SchemaGenerator;
use serde_json::{Map, Value};

/// Every result type's schema, by name (`$defs`).
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
    generator.subschema_for::<feedrail_sandbox::LedgerView>();
    generator.subschema_for::<feedrail_sandbox::SandboxStats>();
    generator.subschema_for::<feedrail_sandbox::WebhookEndpoint>();
    generator.take_definitions(true).into_iter().collect()
}

/// What a schema holds, for either language.
enum Shape {
    Named(String),
    Text,
    Money,
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
        Shape::Text
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

fn ts(shape: &Shape) -> String {
    match shape {
        Shape::Named(name) => name.clone(),
        Shape::Text | Shape::Money => "string".to_owned(),
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
        Shape::Union(shapes) => shapes.iter().map(ts).collect::<Vec<_>>().join(" | "),
    }
}

fn python(shape: &Shape) -> String {
    match shape {
        Shape::Named(name) => format!("\"{name}\""),
        Shape::Text => "str".to_owned(),
        Shape::Money => "Decimal".to_owned(),
        Shape::Integer => "int".to_owned(),
        Shape::Number => "float".to_owned(),
        Shape::Boolean => "bool".to_owned(),
        Shape::Any => "object".to_owned(),
        Shape::List(item) => format!("list[{}]", python(item)),
        Shape::Map(value) => format!("dict[str, {}]", python(value)),
        Shape::Literals(values) => format!(
            "Literal[{}]",
            values
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Shape::Union(shapes) => format!(
            "Union[{}]",
            shapes.iter().map(python).collect::<Vec<_>>().join(", ")
        ),
    }
}

/// The TypeScript declarations of every result type.
pub fn typescript() -> String {
    let mut out = String::new();
    for (name, schema) in definitions() {
        let doc = schema
            .get("description")
            .and_then(Value::as_str)
            .map(one_line)
            .unwrap_or_default();
        out.push_str(&format!("/** {doc} */\n"));
        let fields = fields(&schema);
        if fields.is_empty() {
            out.push_str(&format!(
                "export type {name} = {}\n\n",
                ts(&shape_of(&schema).0)
            ));
            continue;
        }
        out.push_str(&format!("export interface {name} {{\n"));
        for f in fields {
            if let Some(doc) = &f.doc {
                out.push_str(&format!("  /** {doc} */\n"));
            }
            let optional = if f.required { "" } else { "?" };
            let null = if f.nullable { " | null" } else { "" };
            out.push_str(&format!("  {}{optional}: {}{null}\n", f.name, ts(&f.shape)));
        }
        out.push_str("}\n\n");
    }
    out
}

/// The Python `TypedDict`s of every result type (keys in snake_case, money as `Decimal`).
pub fn python_types() -> String {
    let mut out = String::from(
        "\"\"\"What the client returns, as typed dicts: generated from feedrail's Rust types by\n\
         `bindings-common/src/typegen.rs` (do not edit; `FEEDRAIL_WRITE_TYPES=1 cargo test -p\n\
         feedrail-bindings typegen` rewrites it).\"\"\"\n\n\
         from __future__ import annotations\n\n\
         from decimal import Decimal\n\
         from typing import Literal, Optional, TypedDict, Union\n\n\
         __all__ = [\n",
    );
    let definitions = definitions();
    for name in definitions.keys() {
        out.push_str(&format!("    \"{name}\",\n"));
    }
    out.push_str("]\n");
    for (name, schema) in definitions {
        let doc = schema
            .get("description")
            .and_then(Value::as_str)
            .map(one_line)
            .unwrap_or_default();
        let fields = fields(&schema);
        if fields.is_empty() {
            out.push_str(&format!(
                "\n{name} = {}\n\"\"\"{doc}\"\"\"\n",
                python(&shape_of(&schema).0).trim_matches('"')
            ));
            continue;
        }
        out.push_str(&format!(
            "\n\nclass {name}(TypedDict, total=False):\n    \"\"\"{doc}\"\"\"\n\n"
        ));
        for f in fields {
            let mut annotation = python(&f.shape);
            if f.nullable {
                annotation = format!("Optional[{annotation}]");
            }
            out.push_str(&format!(
                "    {}: {annotation}\n",
                crate::spelling::snake(&f.name)
            ));
            if let Some(doc) = &f.doc {
                out.push_str(&format!("    \"\"\"{}\"\"\"\n", doc.replace('"', "'")));
            }
        }
    }
    out
}

/// The markers around the generated part of Node's type header.
const TS_BEGIN: &str =
    "// <generated from feedrail's Rust types by bindings-common/src/typegen.rs: do not edit>\n";
const TS_END: &str = "// </generated>\n";

/// `header` with its generated part replaced by [`typescript`].
pub fn node_header(header: &str) -> Option<String> {
    let start = header.find(TS_BEGIN)? + TS_BEGIN.len();
    let end = header[start..].find(TS_END)? + start;
    Some(format!(
        "{}{}{}",
        &header[..start],
        typescript(),
        &header[end..]
    ))
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
        let header = std::fs::read_to_string(&header_path).expect("the Node header");
        let want_header = node_header(&header).expect("the header has the generated markers");
        let want_python = python_types();
        if std::env::var_os("FEEDRAIL_WRITE_TYPES").is_some() {
            std::fs::write(&header_path, &want_header).expect("writes the header");
            std::fs::write(&python_path, &want_python).expect("writes _types.py");
        }
        let stale = "stale: run FEEDRAIL_WRITE_TYPES=1 cargo test -p feedrail-bindings typegen, then rebuild the Node package";
        let header = std::fs::read_to_string(&header_path).expect("the Node header");
        assert!(
            header == want_header,
            "bindings-node/types-header.d.ts is {stale}"
        );
        let python = std::fs::read_to_string(&python_path).unwrap_or_default();
        assert!(python == want_python, "_types.py is {stale}");
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
