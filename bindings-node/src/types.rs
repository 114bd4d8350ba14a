//! JS ⇄ JSON. In: records as plain objects or class instances; numbers through their shortest
//! decimal string; bigints exactly; decimal-like objects (decimal.js, big.js, bignumber.js...)
//! through `toString()`; `Date`s as ISO strings; `undefined` as absent. NaN and infinities reach
//! the core as text, which reports them as invalid amounts with the row and field. Out: money as
//! strings, so nothing is lost.

use std::ptr;

use feedrail_bindings::spelling::MONEY_FIELDS;
use napi::bindgen_prelude::{JsValue, ToNapiValue, Unknown};
use napi::sys;
use serde_json::{Map, Number, Value};

/// How deep nested input is followed before it is cut off as text.
const MAX_DEPTH: usize = 32;

/// A napi call's status as a result.
fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            napi::Status::from(status),
            "reading a JS value failed".to_owned(),
        ))
    }
}

/// Reads JS values of one call as JSON.
pub struct Reader {
    env: sys::napi_env,
    object_prototype: sys::napi_value,
}

impl Reader {
    /// A reader for the current call.
    pub fn new(env: &napi::Env) -> napi::Result<Self> {
        let env = env.raw();
        let (_, prototype) = unsafe { global_function(env, c"Object", c"prototype")? };
        Ok(Reader {
            env,
            object_prototype: prototype,
        })
    }

    /// The elements of a JS array as records; `None` when `value` is not an array.
    ///
    /// V8's `JSON.stringify` reads the whole array at once, far quicker than a napi call per
    /// field; a row where that loses anything (a `null` or an object in a field: NaN and
    /// infinities become `null`, decimal-like objects lose their `toString`) is read again field
    /// by field, and so is everything when `JSON.stringify` throws (a bigint, a cycle).
    pub fn records(&self, value: &Unknown<'_>) -> napi::Result<Option<Vec<Value>>> {
        let value = value.raw();
        unsafe {
            let mut is_array = false;
            check(sys::napi_is_array(self.env, value, &mut is_array))?;
            if !is_array {
                return Ok(None);
            }
        }
        let Some(mut rows) = self.stringified(value)? else {
            return self.walked(value).map(Some);
        };
        for (i, row) in rows.iter_mut().enumerate() {
            let exact = match row {
                Value::Object(fields) => fields
                    .values()
                    .all(|v| !matches!(v, Value::Null | Value::Object(_) | Value::Array(_))),
                _ => false,
            };
            if !exact {
                *row = self.element(value, i as u32)?;
            }
        }
        Ok(Some(rows))
    }

    /// The array as `JSON.stringify` renders it, parsed; `None` when that fails.
    fn stringified(&self, array: sys::napi_value) -> napi::Result<Option<Vec<Value>>> {
        unsafe {
            let (json, stringify) = global_function(self.env, c"JSON", c"stringify")?;
            let mut text = ptr::null_mut();
            let status = sys::napi_call_function(self.env, json, stringify, 1, &array, &mut text);
            if status != sys::Status::napi_ok {
                let mut pending = ptr::null_mut();
                sys::napi_get_and_clear_last_exception(self.env, &mut pending);
                return Ok(None);
            }
            if self.type_of(text)? != sys::ValueType::napi_string {
                return Ok(None);
            }
            Ok(serde_json::from_str(&self.string(text)?).ok())
        }
    }

    /// Element `i` of an array, read field by field.
    fn element(&self, array: sys::napi_value, i: u32) -> napi::Result<Value> {
        unsafe {
            let mut scope = ptr::null_mut();
            check(sys::napi_open_handle_scope(self.env, &mut scope))?;
            let mut item = ptr::null_mut();
            let read = check(sys::napi_get_element(self.env, array, i, &mut item))
                .and_then(|()| self.object(item, 0));
            check(sys::napi_close_handle_scope(self.env, scope))?;
            read
        }
    }

    /// Every element of an array, read field by field.
    fn walked(&self, value: sys::napi_value) -> napi::Result<Vec<Value>> {
        unsafe {
            let mut len = 0u32;
            check(sys::napi_get_array_length(self.env, value, &mut len))?;
            (0..len).map(|i| self.element(value, i)).collect()
        }
    }

    /// A value whose objects are read as maps of their own enumerable properties.
    fn object(&self, value: sys::napi_value, depth: usize) -> napi::Result<Value> {
        if depth > MAX_DEPTH {
            return Ok(Value::String(self.coerced(value)?));
        }
        if self.type_of(value)? != sys::ValueType::napi_object {
            return self.value(value, depth);
        }
        unsafe {
            let mut is_array = false;
            check(sys::napi_is_array(self.env, value, &mut is_array))?;
            if is_array {
                return self.value(value, depth);
            }
            let mut keys = ptr::null_mut();
            check(sys::napi_get_all_property_names(
                self.env,
                value,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            ))?;
            let mut len = 0u32;
            check(sys::napi_get_array_length(self.env, keys, &mut len))?;
            let mut map = Map::new();
            for i in 0..len {
                let mut key = ptr::null_mut();
                check(sys::napi_get_element(self.env, keys, i, &mut key))?;
                let mut field = ptr::null_mut();
                check(sys::napi_get_property(self.env, value, key, &mut field))?;
                if self.type_of(field)? == sys::ValueType::napi_undefined {
                    continue;
                }
                map.insert(self.string(key)?, self.value(field, depth + 1)?);
            }
            Ok(Value::Object(map))
        }
    }

    /// A field's value: exact numbers, dates as ISO text, decimal-like objects as numbers.
    fn value(&self, value: sys::napi_value, depth: usize) -> napi::Result<Value> {
        use sys::ValueType as T;
        Ok(match self.type_of(value)? {
            T::napi_undefined | T::napi_null => Value::Null,
            T::napi_boolean => unsafe {
                let mut b = false;
                check(sys::napi_get_value_bool(self.env, value, &mut b))?;
                Value::Bool(b)
            },
            T::napi_number => unsafe {
                let mut f = 0f64;
                check(sys::napi_get_value_double(self.env, value, &mut f))?;
                number(&float_text(f))
            },
            T::napi_string => Value::String(self.string(value)?),
            T::napi_bigint => number(&self.coerced(value)?),
            T::napi_object => self.object_field(value, depth)?,
            _ => Value::String(self.coerced(value)?),
        })
    }

    fn object_field(&self, value: sys::napi_value, depth: usize) -> napi::Result<Value> {
        unsafe {
            let mut flag = false;
            check(sys::napi_is_date(self.env, value, &mut flag))?;
            if flag {
                let mut method = ptr::null_mut();
                check(sys::napi_get_named_property(
                    self.env,
                    value,
                    c"toISOString".as_ptr(),
                    &mut method,
                ))?;
                let mut text = ptr::null_mut();
                let called =
                    sys::napi_call_function(self.env, value, method, 0, ptr::null(), &mut text);
                if called != sys::Status::napi_ok {
                    // An invalid Date throws; clear it and let the core report the text.
                    let mut pending = ptr::null_mut();
                    sys::napi_get_and_clear_last_exception(self.env, &mut pending);
                    return Ok(Value::String("Invalid Date".to_owned()));
                }
                return Ok(Value::String(self.string(text)?));
            }
            check(sys::napi_is_array(self.env, value, &mut flag))?;
            if flag {
                let mut len = 0u32;
                check(sys::napi_get_array_length(self.env, value, &mut len))?;
                let mut items = Vec::with_capacity(len as usize);
                for i in 0..len {
                    let mut item = ptr::null_mut();
                    check(sys::napi_get_element(self.env, value, i, &mut item))?;
                    items.push(self.object(item, depth + 1)?);
                }
                return Ok(Value::Array(items));
            }
            let mut prototype = ptr::null_mut();
            check(sys::napi_get_prototype(self.env, value, &mut prototype))?;
            let mut plain = false;
            check(sys::napi_strict_equals(
                self.env,
                prototype,
                self.object_prototype,
                &mut plain,
            ))?;
            if plain || self.type_of(prototype)? == sys::ValueType::napi_null {
                return self.object(value, depth + 1);
            }
            let text = self.coerced(value)?;
            if text.starts_with("[object ") {
                self.object(value, depth + 1)
            } else {
                Ok(number(&text))
            }
        }
    }

    fn type_of(&self, value: sys::napi_value) -> napi::Result<sys::napi_valuetype> {
        let mut t = 0;
        check(unsafe { sys::napi_typeof(self.env, value, &mut t) })?;
        Ok(t)
    }

    /// `String(value)`; a throwing `toString` gives its message's place to a marker.
    fn coerced(&self, value: sys::napi_value) -> napi::Result<String> {
        unsafe {
            let mut text = ptr::null_mut();
            if sys::napi_coerce_to_string(self.env, value, &mut text) != sys::Status::napi_ok {
                let mut pending = ptr::null_mut();
                sys::napi_get_and_clear_last_exception(self.env, &mut pending);
                return Ok("[unprintable]".to_owned());
            }
            self.string(text)
        }
    }

    /// A JS string's text.
    fn string(&self, value: sys::napi_value) -> napi::Result<String> {
        unsafe {
            let mut buf = [0u8; 128];
            let mut len = 0usize;
            check(sys::napi_get_value_string_utf8(
                self.env,
                value,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut len,
            ))?;
            if len < buf.len() - 1 {
                return Ok(String::from_utf8_lossy(&buf[..len]).into_owned());
            }
            check(sys::napi_get_value_string_utf8(
                self.env,
                value,
                ptr::null_mut(),
                0,
                &mut len,
            ))?;
            let mut bytes = vec![0u8; len + 1];
            check(sys::napi_get_value_string_utf8(
                self.env,
                value,
                bytes.as_mut_ptr().cast(),
                bytes.len(),
                &mut len,
            ))?;
            bytes.truncate(len);
            Ok(String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
        }
    }
}

/// The shortest decimal text that reads back as `f`; `NaN`, `Infinity`, `-Infinity` as such.
fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        format!("{f}")
    }
}

/// Exact digits as a JSON number, or the text itself when it is not a number.
fn number(text: &str) -> Value {
    text.parse::<Number>()
        .map(Value::Number)
        .unwrap_or_else(|_| Value::String(text.to_owned()))
}

/// A JSON result made ready for JS: money and numbers a double cannot hold exactly as strings.
pub fn to_js_value(value: Value) -> Output {
    Output(convert(value, false))
}

/// A result on its way to JS, built by V8's `JSON.parse` from its serialized text (far quicker
/// than creating each value through napi, which matters for 100k-row reports).
pub struct Output(Value);

impl ToNapiValue for Output {
    unsafe fn to_napi_value(env: sys::napi_env, output: Self) -> napi::Result<sys::napi_value> {
        let text = serde_json::to_string(&output.0)
            .map_err(|e| napi::Error::from_reason(format!("cannot serialize a result: {e}")))?;
        unsafe {
            let parse = global_function(env, c"JSON", c"parse")?;
            let mut js_text = ptr::null_mut();
            check(sys::napi_create_string_utf8(
                env,
                text.as_ptr().cast(),
                text.len() as isize,
                &mut js_text,
            ))?;
            let mut result = ptr::null_mut();
            check(sys::napi_call_function(
                env,
                parse.0,
                parse.1,
                1,
                &js_text,
                &mut result,
            ))?;
            Ok(result)
        }
    }
}

/// `globalThis[object][name]`, with the object (the `this` of a method).
unsafe fn global_function(
    env: sys::napi_env,
    object: &std::ffi::CStr,
    name: &std::ffi::CStr,
) -> napi::Result<(sys::napi_value, sys::napi_value)> {
    unsafe {
        let mut global = ptr::null_mut();
        check(sys::napi_get_global(env, &mut global))?;
        let mut holder = ptr::null_mut();
        check(sys::napi_get_named_property(
            env,
            global,
            object.as_ptr(),
            &mut holder,
        ))?;
        let mut function = ptr::null_mut();
        check(sys::napi_get_named_property(
            env,
            holder,
            name.as_ptr(),
            &mut function,
        ))?;
        Ok((holder, function))
    }
}

fn convert(value: Value, money: bool) -> Value {
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            let exact_int = text
                .parse::<i64>()
                .is_ok_and(|i| i.unsigned_abs() <= (1 << 53));
            if money || !exact_int {
                Value::String(text)
            } else {
                Value::Number(n)
            }
        }
        Value::Array(items) => Value::Array(items.into_iter().map(|v| convert(v, money)).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let money = MONEY_FIELDS.contains(&k.as_str());
                    (k, convert(v, money))
                })
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_keep_their_shortest_digits() {
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(-1.25), "-1.25");
        assert_eq!(float_text(100.0), "100");
        assert_eq!(float_text(f64::NAN), "NaN");
        assert_eq!(float_text(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(number("NaN"), Value::String("NaN".into()));
    }

    #[test]
    fn money_and_inexact_numbers_leave_as_strings() {
        let out = convert(
            serde_json::json!({
                "amount": 5, "count": 3, "big": 12345678901234567890u64,
                "nested": [{"balance": 1.5}]
            }),
            false,
        );
        assert_eq!(
            out,
            serde_json::json!({
                "amount": "5", "count": 3, "big": "12345678901234567890",
                "nested": [{"balance": "1.5"}]
            })
        );
    }
}
