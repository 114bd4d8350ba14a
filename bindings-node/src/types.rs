//! JS ⇄ the core. In: records read into the core's [`Lines`] — numbers as floats (the core
//! counts them as their shortest decimal), bigints exactly, decimal-like objects (decimal.js,
//! big.js, bignumber.js...) through `toString()`, `Date`s as ISO strings, `undefined` as absent;
//! NaN and infinities reach the core as such and are reported there with the row and field. Out:
//! JSON results with money as strings, so nothing is lost.

use std::ptr;

use feedrail::{Lines, RawRecord, RawValue};
use feedrail_bindings::spelling::MONEY_FIELDS;
use napi::bindgen_prelude::{JsValue, ToNapiValue, Unknown};
use napi::sys;
use serde_json::Value;

use crate::stringified::{NotRecords, Records, Token};

/// A napi call's status as a result.
pub(crate) fn check(status: sys::napi_status) -> napi::Result<()> {
    if status == sys::Status::napi_ok {
        Ok(())
    } else {
        Err(napi::Error::new(
            napi::Status::from(status),
            "reading a JS value failed".to_owned(),
        ))
    }
}

/// Reads the records of one call.
pub struct Reader {
    env: sys::napi_env,
    object_prototype: sys::napi_value,
}

impl Reader {
    /// The napi environment it reads in.
    pub(crate) fn env(&self) -> sys::napi_env {
        self.env
    }

    /// A reader for the current call.
    pub fn new(env: &napi::Env) -> napi::Result<Self> {
        let env = env.raw();
        let (_, prototype) = unsafe { global_function(env, c"Object", c"prototype")? };
        Ok(Reader {
            env,
            object_prototype: prototype,
        })
    }

    /// The elements of a JS array as lines, borrowing their text from `text` (which receives
    /// the array's JSON); `None` when `value` is not an array.
    ///
    /// V8's `JSON.stringify` reads the array far quicker than a napi call per field, and the
    /// lines borrow its text. A row where the text loses anything (a `null`, an object or an
    /// array in a field: NaN and infinities become `null`, decimal-like objects lose their
    /// `toString`) is read again through napi; so is every row when an element is not an
    /// object or `JSON.stringify` throws (a bigint, a cycle).
    pub fn lines<'t>(
        &self,
        value: &Unknown<'_>,
        text: &'t mut String,
    ) -> napi::Result<Option<Lines<'t>>> {
        let array = value.raw();
        let mut len = 0u32;
        unsafe {
            let mut is_array = false;
            check(sys::napi_is_array(self.env, array, &mut is_array))?;
            if !is_array {
                return Ok(None);
            }
            check(sys::napi_get_array_length(self.env, array, &mut len))?;
        }
        let mut lines = Lines::with_capacity(len as usize);
        if let Some(text) = self.stringified(array, text)?
            && self.read_stringified(array, text, &mut lines)?
        {
            return Ok(Some(lines));
        }
        // An element that is not an object, or no text: every row is read through napi.
        let mut lines = Lines::with_capacity(len as usize);
        for i in 0..len {
            self.element(array, i, &mut lines)?;
        }
        Ok(Some(lines))
    }

    /// Reads every record of the array's `text` into `lines`: borrowing its text, or copied
    /// when a string had escapes, or read again through napi when the text lost something.
    /// `false` (with `lines` partly filled) when an element is not an object.
    fn read_stringified<'t>(
        &self,
        array: sys::napi_value,
        text: &'t str,
        lines: &mut Lines<'t>,
    ) -> napi::Result<bool> {
        let Ok(mut records) = Records::new(text) else {
            return Ok(false);
        };
        let mut fields = Vec::new();
        let mut decoded = Vec::new();
        for index in 0.. {
            match records.next_into(&mut fields) {
                Err(NotRecords) => return Ok(false),
                Ok(false) => return Ok(true),
                Ok(true) => {}
            }
            let tokens = || fields.iter().flat_map(|(k, v)| [k, v]);
            if fields.iter().any(|(_, v)| *v == Token::Lossy) {
                self.element(array, index, lines)?;
            } else if tokens().any(|t| matches!(t, Token::Escaped(_))) {
                decoded.clear();
                for token in tokens() {
                    if let Token::Escaped(literal) = token {
                        decoded.push(serde_json::from_str::<String>(literal).map_err(|e| {
                            napi::Error::from_reason(format!("reading a JSON string: {e}"))
                        })?);
                    }
                }
                let mut next = decoded.iter().map(String::as_str);
                let mut text = |token: &Token<'t>| match token {
                    Token::Escaped(_) => next.next().unwrap_or_default(),
                    Token::Text(s) => s,
                    _ => "",
                };
                let mut record = RawRecord::default();
                for (key, value) in &fields {
                    let key = text(key);
                    let value = match value {
                        Token::Escaped(_) => RawValue::Text(text(value)),
                        other => raw(*other),
                    };
                    record.set(key, value);
                }
                lines.push(&record);
            } else {
                let mut record = RawRecord::default();
                for (key, value) in &fields {
                    if let Token::Text(key) = key {
                        record.set(key, raw(*value));
                    }
                }
                lines.push_borrowed(&record);
            }
        }
        Ok(true)
    }

    /// The array as `JSON.stringify` renders it, in `text`; `None` when that fails.
    fn stringified<'t>(
        &self,
        array: sys::napi_value,
        text: &'t mut String,
    ) -> napi::Result<Option<&'t str>> {
        unsafe {
            let (json, stringify) = global_function(self.env, c"JSON", c"stringify")?;
            let mut result = ptr::null_mut();
            let status = sys::napi_call_function(self.env, json, stringify, 1, &array, &mut result);
            if status != sys::Status::napi_ok {
                let mut pending = ptr::null_mut();
                sys::napi_get_and_clear_last_exception(self.env, &mut pending);
                return Ok(None);
            }
            if self.type_of(result)? != sys::ValueType::napi_string {
                return Ok(None);
            }
            *text = self.string(result)?;
        }
        Ok(Some(text))
    }

    /// Element `i` of an array read through napi, field by field.
    fn element(&self, array: sys::napi_value, i: u32, lines: &mut Lines<'_>) -> napi::Result<()> {
        unsafe {
            let mut scope = ptr::null_mut();
            check(sys::napi_open_handle_scope(self.env, &mut scope))?;
            let mut item = ptr::null_mut();
            let read = check(sys::napi_get_element(self.env, array, i, &mut item))
                .and_then(|()| self.record(item, lines));
            check(sys::napi_close_handle_scope(self.env, scope))?;
            read
        }
    }

    /// One record: an object's own enumerable fields (`undefined` ones left out), or an
    /// `INVALID_RECORD` line naming what else it is.
    pub(crate) fn record(&self, value: sys::napi_value, lines: &mut Lines<'_>) -> napi::Result<()> {
        let mut is_array = false;
        check(unsafe { sys::napi_is_array(self.env, value, &mut is_array) })?;
        if is_array || self.type_of(value)? != sys::ValueType::napi_object {
            lines.push_unreadable(self.field(value)?.kind());
            return Ok(());
        }
        let mut cells = Vec::new();
        unsafe {
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
            for i in 0..len {
                let mut key = ptr::null_mut();
                check(sys::napi_get_element(self.env, keys, i, &mut key))?;
                let mut field = ptr::null_mut();
                check(sys::napi_get_property(self.env, value, key, &mut field))?;
                if self.type_of(field)? != sys::ValueType::napi_undefined {
                    cells.push((self.string(key)?, self.field(field)?));
                }
            }
        }
        let mut record = RawRecord::default();
        for (key, cell) in &cells {
            record.set(key, cell.raw());
        }
        lines.push(&record);
        Ok(())
    }

    /// A field's value: numbers as floats, bigints and decimal-like objects as exact text,
    /// dates as ISO text; other objects and arrays only named.
    fn field(&self, value: sys::napi_value) -> napi::Result<Cell> {
        use sys::ValueType as T;
        Ok(match self.type_of(value)? {
            T::napi_undefined | T::napi_null => Cell::Null,
            T::napi_boolean => unsafe {
                let mut b = false;
                check(sys::napi_get_value_bool(self.env, value, &mut b))?;
                Cell::Bool(b)
            },
            T::napi_number => unsafe {
                let mut f = 0f64;
                check(sys::napi_get_value_double(self.env, value, &mut f))?;
                Cell::Float(f)
            },
            T::napi_string => Cell::Text(self.string(value)?),
            T::napi_bigint => Cell::Number(self.coerced(value)?),
            T::napi_object => self.object_field(value)?,
            T::napi_function => Cell::Other("a function"),
            _ => Cell::Other("a symbol"),
        })
    }

    fn object_field(&self, value: sys::napi_value) -> napi::Result<Cell> {
        unsafe {
            let mut flag = false;
            check(sys::napi_is_array(self.env, value, &mut flag))?;
            if flag {
                return Ok(Cell::Other("an array"));
            }
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
                    return Ok(Cell::Text("Invalid Date".to_owned()));
                }
                return Ok(Cell::Text(self.string(text)?));
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
            if self.type_of(prototype)? == sys::ValueType::napi_null
                || (plain && !self.has_own_to_string(value)?)
            {
                return Ok(Cell::Other("an object"));
            }
            let text = self.coerced(value)?;
            Ok(if text.starts_with("[object ") {
                Cell::Other("an object")
            } else {
                Cell::Number(text)
            })
        }
    }

    /// Whether a plain object defines its own `toString` (a decimal-like value such as
    /// `{ toString: () => '12.30' }`, which the `Money` type admits).
    fn has_own_to_string(&self, value: sys::napi_value) -> napi::Result<bool> {
        unsafe {
            let mut key = ptr::null_mut();
            check(sys::napi_create_string_utf8(
                self.env,
                c"toString".as_ptr(),
                8,
                &mut key,
            ))?;
            let mut own = false;
            check(sys::napi_has_own_property(self.env, value, key, &mut own))?;
            Ok(own)
        }
    }

    pub(crate) fn type_of(&self, value: sys::napi_value) -> napi::Result<sys::napi_valuetype> {
        let mut t = 0;
        check(unsafe { sys::napi_typeof(self.env, value, &mut t) })?;
        Ok(t)
    }

    /// `String(value)`; a throwing `toString` gives its message's place to a marker.
    pub(crate) fn coerced(&self, value: sys::napi_value) -> napi::Result<String> {
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
            // Room for the longest UTF-8 the UTF-16 length allows (which V8 knows without a
            // pass over the text), so the text is copied in one pass.
            let mut units = 0usize;
            check(sys::napi_get_value_string_utf16(
                self.env,
                value,
                ptr::null_mut(),
                0,
                &mut units,
            ))?;
            let mut bytes = vec![0u8; units * 3 + 1];
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

/// A field read through napi, owning what its [`RawValue`] borrows.
enum Cell {
    Null,
    Bool(bool),
    Float(f64),
    Text(String),
    Number(String),
    Other(&'static str),
}

impl Cell {
    fn raw(&self) -> RawValue<'_> {
        match self {
            Cell::Null => RawValue::Null,
            Cell::Bool(b) => RawValue::Bool(*b),
            Cell::Float(f) => RawValue::Float(*f),
            Cell::Text(s) => RawValue::Text(s),
            Cell::Number(s) => RawValue::Number(s),
            Cell::Other(kind) => RawValue::Other(kind),
        }
    }

    fn kind(&self) -> &'static str {
        self.raw().kind()
    }
}

/// A value of the text as the core's: strings borrowed, numbers as their exact text.
fn raw(token: Token<'_>) -> RawValue<'_> {
    match token {
        Token::Text(s) => RawValue::Text(s),
        Token::Number(n) => RawValue::Number(n),
        Token::Bool(b) => RawValue::Bool(b),
        Token::Escaped(_) | Token::Lossy => RawValue::Null,
    }
}

/// A JSON result made ready for JS: money and numbers a double cannot hold exactly as strings.
pub fn to_js_value(value: Value) -> Output {
    Output(convert(value, false).to_string())
}

/// A result on its way to JS as its JSON text, built by V8's `JSON.parse` (far quicker than
/// creating each value through napi, which matters for 100k-row reports).
pub struct Output(String);

impl Output {
    /// A result without money or large numbers (a validation report), serialized directly.
    pub fn serialized<T: serde::Serialize>(value: &T) -> napi::Result<Self> {
        serde_json::to_string(value)
            .map(Output)
            .map_err(|e| napi::Error::from_reason(format!("cannot serialize a result: {e}")))
    }
}

impl ToNapiValue for Output {
    unsafe fn to_napi_value(env: sys::napi_env, output: Self) -> napi::Result<sys::napi_value> {
        let text = output.0;
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
pub(crate) unsafe fn global_function(
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
