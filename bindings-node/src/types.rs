//! JS ⇄ JSON. In: records as plain objects or class instances; numbers through their shortest
//! decimal string; bigints exactly; decimal-like objects (decimal.js, big.js, bignumber.js...)
//! through `toString()`; `Date`s as ISO strings; `undefined` as absent. NaN and infinities reach
//! the core as text, which reports them as invalid amounts with the row and field. Out: money as
//! strings, so nothing is lost.

use std::ptr;

use napi::bindgen_prelude::{JsValue, Unknown};
use napi::sys;
use serde_json::{Map, Number, Value};

/// Fields that hold money: returned as strings.
const MONEY: [&str; 3] = ["amount", "balance", "availableBalance"];

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
        unsafe {
            let mut global = ptr::null_mut();
            check(sys::napi_get_global(env, &mut global))?;
            let mut object = ptr::null_mut();
            check(sys::napi_get_named_property(
                env,
                global,
                c"Object".as_ptr(),
                &mut object,
            ))?;
            let mut prototype = ptr::null_mut();
            check(sys::napi_get_named_property(
                env,
                object,
                c"prototype".as_ptr(),
                &mut prototype,
            ))?;
            Ok(Reader {
                env,
                object_prototype: prototype,
            })
        }
    }

    /// The elements of a JS array as records; `None` when `value` is not an array.
    pub fn records(&self, value: &Unknown<'_>) -> napi::Result<Option<Vec<Value>>> {
        let value = value.raw();
        unsafe {
            let mut is_array = false;
            check(sys::napi_is_array(self.env, value, &mut is_array))?;
            if !is_array {
                return Ok(None);
            }
            let mut len = 0u32;
            check(sys::napi_get_array_length(self.env, value, &mut len))?;
            let mut out = Vec::with_capacity(len as usize);
            for i in 0..len {
                let mut scope = ptr::null_mut();
                check(sys::napi_open_handle_scope(self.env, &mut scope))?;
                let mut item = ptr::null_mut();
                let read = check(sys::napi_get_element(self.env, value, i, &mut item))
                    .and_then(|()| self.object(item, 0));
                check(sys::napi_close_handle_scope(self.env, scope))?;
                out.push(read?);
            }
            Ok(Some(out))
        }
    }

    /// A value whose objects are read as maps of their own enumerable properties.
    fn object(&self, value: sys::napi_value, depth: usize) -> napi::Result<Value> {
        if self.type_of(value)? != sys::ValueType::napi_object || depth > MAX_DEPTH {
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
                    items.push(if depth >= MAX_DEPTH {
                        Value::String(self.coerced(item)?)
                    } else {
                        self.value(item, depth + 1)?
                    });
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
pub fn to_js_value(value: Value) -> Value {
    convert(value, false)
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
                    let money = MONEY.contains(&k.as_str());
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
        let out = to_js_value(serde_json::json!({
            "amount": 5, "count": 3, "big": 12345678901234567890u64,
            "nested": [{"balance": 1.5}]
        }));
        assert_eq!(
            out,
            serde_json::json!({
                "amount": "5", "count": 3, "big": "12345678901234567890",
                "nested": [{"balance": "1.5"}]
            })
        );
    }
}
