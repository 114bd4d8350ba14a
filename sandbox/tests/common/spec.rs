//! Validates response bodies against the response schemas of Codat's OpenAPI document
//! (`sandbox/spec/codat-bank-feeds-openapi.yaml`), as JSON Schema 2020-12.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::{Map, Value};

/// The spec, with OpenAPI 3.0's `nullable: true` rewritten into JSON Schema.
fn spec() -> &'static Value {
    static SPEC: OnceLock<Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/spec/codat-bank-feeds-openapi.yaml"
        );
        let text = std::fs::read_to_string(path).expect("spec file");
        let mut value: Value = serde_norway::from_str(&text).expect("spec parses");
        rewrite_nullable(&mut value);
        value
    })
}

fn rewrite_nullable(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for child in map.values_mut() {
                rewrite_nullable(child);
            }
            if map.remove("nullable") == Some(Value::Bool(true)) {
                if let Some(t) = map.get("type").cloned() {
                    map.insert("type".into(), Value::Array(vec![t, "null".into()]));
                    if let Some(Value::Array(values)) = map.get_mut("enum") {
                        values.push(Value::Null);
                    }
                } else {
                    let inner = Value::Object(std::mem::take(map));
                    map.insert(
                        "anyOf".into(),
                        Value::Array(vec![inner, serde_json::json!({"type": "null"})]),
                    );
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(rewrite_nullable),
        _ => {}
    }
}

fn escape(segment: &str) -> String {
    let pointer = segment.replace('~', "~0").replace('/', "~1");
    percent_encoding::utf8_percent_encode(&pointer, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%7E", "~")
}

fn pointer(parts: &[&str]) -> String {
    let mut p = String::from("#");
    for part in parts {
        p.push('/');
        p.push_str(&escape(part));
    }
    p
}

/// The JSON pointer of the schema for a response, following `$ref`s to shared responses.
/// The spec's path template matching `path` (`/companies/{companyId}`), the most specific when
/// several do (`…/bankFeedAccounts/batch` before `…/bankFeedAccounts/{accountId}`).
fn template(path: &str) -> Option<&'static String> {
    let paths = spec()["paths"].as_object()?;
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    paths
        .keys()
        .filter(|t| {
            let ts: Vec<&str> = t.trim_matches('/').split('/').collect();
            ts.len() == segments.len()
                && ts
                    .iter()
                    .zip(&segments)
                    .all(|(t, s)| t.starts_with('{') || t == s)
        })
        .min_by_key(|t| t.matches('{').count())
}

fn response_schema(method: &str, path: &str, status: u16) -> Option<String> {
    let spec = spec();
    let paths = spec["paths"].as_object()?;
    let template = template(path)?;
    let method = method.to_ascii_lowercase();
    let status = status.to_string();
    let response = paths[template].get(&method)?["responses"].get(&status)?;
    if let Some(Value::String(reference)) = response.get("$ref") {
        let name = reference.rsplit('/').next()?;
        spec["components"]["responses"][name]["content"]["application/json"].get("schema")?;
        return Some(pointer(&[
            "components",
            "responses",
            name,
            "content",
            "application/json",
            "schema",
        ]));
    }
    response["content"]["application/json"].get("schema")?;
    Some(pointer(&[
        "paths",
        template,
        &method,
        "responses",
        &status,
        "content",
        "application/json",
        "schema",
    ]))
}

/// Whether the spec lists `status` for the operation with no response body (e.g. a DELETE's 200).
fn documented_without_body(method: &str, path: &str, status: u16) -> bool {
    template(path).is_some_and(|t| {
        spec()["paths"][t][method.to_ascii_lowercase()]["responses"]
            .get(status.to_string())
            .is_some_and(|r| r.get("content").is_none() && r.get("$ref").is_none())
    })
}

fn validator(pointer: &str) -> &'static jsonschema::Validator {
    static CACHE: OnceLock<Mutex<HashMap<String, &'static jsonschema::Validator>>> =
        OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    cache.entry(pointer.to_owned()).or_insert_with(|| {
        let mut root: Map<String, Value> = spec().as_object().unwrap().clone();
        root.insert("$ref".into(), Value::String(pointer.to_owned()));
        let schema = Value::Object(root);
        let v = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .unwrap_or_else(|e| panic!("schema at {pointer} does not compile: {e}"));
        Box::leak(Box::new(v))
    })
}

/// Checks one response: `Err` says what does not match. Statuses the spec does not document for
/// the operation are checked against `ErrorMessage` (errors) or refused (successes).
pub fn check(method: &str, path: &str, status: u16, body: &Value) -> Result<(), String> {
    let pointer = match response_schema(method, path, status) {
        Some(p) => p,
        None if status >= 400 => pointer(&["components", "schemas", "ErrorMessage"]),
        None if status == 204 || documented_without_body(method, path, status) => return Ok(()),
        None => {
            return Err(format!(
                "{method} {path} -> {status}: status not in the spec"
            ));
        }
    };
    let errors: Vec<String> = validator(&pointer)
        .iter_errors(body)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{method} {path} -> {status} does not match {pointer}: {}",
            errors.join("; ")
        ))
    }
}

/// Checks one request body against the operation's request schema: `Err` says what does not
/// match, or that the spec has no such operation or takes no body there.
pub fn check_request(method: &str, path: &str, body: &[u8]) -> Result<(), String> {
    let paths = spec()["paths"].as_object().expect("paths");
    let template =
        template(path).ok_or_else(|| format!("{method} {path}: no such path in the spec"))?;
    let lower = method.to_ascii_lowercase();
    let operation = paths[template]
        .get(&lower)
        .ok_or_else(|| format!("{method} {path}: the spec has no {method} on {template}"))?;
    let content = &operation["requestBody"]["content"]["application/json"];
    if body.is_empty() {
        return if operation["requestBody"]["required"] == Value::Bool(true) {
            Err(format!("{method} {path}: the spec requires a body"))
        } else {
            Ok(())
        };
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| format!("{method} {path}: the body is not JSON: {e}"))?;
    if content.is_null() {
        return Err(format!("{method} {path}: the spec takes no JSON body here"));
    }
    if content.get("schema").is_none() {
        return Ok(());
    }
    let pointer = pointer(&[
        "paths",
        template,
        &lower,
        "requestBody",
        "content",
        "application/json",
        "schema",
    ]);
    let errors: Vec<String> = validator(&pointer)
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{method} {path} body does not match {pointer}: {}",
            errors.join("; ")
        ))
    }
}
