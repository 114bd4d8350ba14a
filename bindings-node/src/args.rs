//! Arguments read without napi's own conversion errors: a value of the wrong type becomes a
//! `FeedrailError` with code `CONFIG` naming the argument, as every bad argument does.

use napi::bindgen_prelude::{FromNapiValue, TypeName, ValidateNapiValue, ValueType};
use napi::{Env, sys};

use crate::errors::config;

/// A string argument, or the JS type that was given instead.
pub struct Text(Result<String, &'static str>);

impl TypeName for Text {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for Text {}

impl FromNapiValue for Text {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut kind = 0;
        // SAFETY: `env` and `value` come from napi for this call.
        unsafe { sys::napi_typeof(env, value, &mut kind) };
        if kind == sys::ValueType::napi_string {
            // SAFETY: as above; the value is a string.
            return Ok(Text(Ok(unsafe { String::from_napi_value(env, value) }?)));
        }
        Ok(Text(Err(js_type(kind))))
    }
}

fn js_type(kind: sys::napi_valuetype) -> &'static str {
    match kind {
        sys::ValueType::napi_undefined => "undefined",
        sys::ValueType::napi_null => "null",
        sys::ValueType::napi_boolean => "a boolean",
        sys::ValueType::napi_number => "a number",
        sys::ValueType::napi_bigint => "a bigint",
        sys::ValueType::napi_symbol => "a symbol",
        sys::ValueType::napi_function => "a function",
        _ => "an object",
    }
}

impl Text {
    /// The string, or `CONFIG` naming the argument `name` (its JS spelling).
    pub fn get(self, env: &Env, name: &str) -> napi::Result<String> {
        self.0
            .map_err(|got| config(env, format!("{name} must be a string, got {got}")))
    }
}

/// An optional string argument: `None` for an absent one, `null` or `undefined`.
pub fn optional(env: &Env, value: Option<Text>, name: &str) -> napi::Result<Option<String>> {
    match value {
        None | Some(Text(Err("undefined" | "null"))) => Ok(None),
        Some(text) => text.get(env, name).map(Some),
    }
}

/// An options object as napi read it, or why it could not (a field of the wrong type).
pub struct Opts<T>(Result<T, String>);

impl<T> TypeName for Opts<T> {
    fn type_name() -> &'static str {
        "Object"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl<T> ValidateNapiValue for Opts<T> {}

impl<T: FromNapiValue> FromNapiValue for Opts<T> {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut kind = 0;
        // SAFETY: `env` and `value` come from napi for this call.
        unsafe { sys::napi_typeof(env, value, &mut kind) };
        if kind != sys::ValueType::napi_object {
            return Ok(Opts(Err(format!("got {}", js_type(kind)))));
        }
        // SAFETY: as above; the value is an object.
        Ok(Opts(
            unsafe { T::from_napi_value(env, value) }.map_err(|e| e.reason.clone()),
        ))
    }
}

/// Optional options (`undefined` and `null` are none), or `CONFIG` saying which field is wrong.
pub fn read_options<T>(env: &Env, value: Option<Opts<T>>, name: &str) -> napi::Result<Option<T>> {
    match value {
        None => Ok(None),
        Some(Opts(Ok(options))) => Ok(Some(options)),
        Some(Opts(Err(reason))) => {
            let field = reason
                .rsplit_once(" on ")
                .and_then(|(_, at)| at.split_once('.'))
                .map(|(_, field)| field.trim().to_owned());
            Err(config(
                env,
                match field {
                    Some(field) => format!("{name}.{field} has the wrong type ({reason})"),
                    None => format!("{name} must be an object of options ({reason})"),
                },
            ))
        }
    }
}

/// A day given as an ISO string or a `Date`, as text for the core to read (an invalid `Date` is
/// the text `Invalid Date`, which the core refuses with `CONFIG` naming the option).
pub struct Day(String);

impl TypeName for Day {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl ValidateNapiValue for Day {}

impl FromNapiValue for Day {
    unsafe fn from_napi_value(env: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        let mut kind = 0;
        let mut is_date = false;
        // SAFETY: `env` and `value` come from napi for this call.
        unsafe {
            sys::napi_typeof(env, value, &mut kind);
            sys::napi_is_date(env, value, &mut is_date);
        }
        if kind == sys::ValueType::napi_string {
            // SAFETY: as above; the value is a string.
            return Ok(Day(unsafe { String::from_napi_value(env, value) }?));
        }
        if !is_date {
            return Err(napi::Error::new(
                napi::Status::InvalidArg,
                format!("expected a string or a Date, got {}", js_type(kind)),
            ));
        }
        let mut millis = 0f64;
        // SAFETY: as above; the value is a Date.
        unsafe { sys::napi_get_date_value(env, value, &mut millis) };
        let text = chrono::DateTime::from_timestamp_millis(millis as i64)
            .filter(|_| millis.is_finite())
            .map_or_else(|| "Invalid Date".to_owned(), |at| at.to_rfc3339());
        Ok(Day(text))
    }
}

impl Day {
    /// The day's text.
    pub fn text(self) -> String {
        self.0
    }
}
