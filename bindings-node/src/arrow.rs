//! Arrow input: `records` given as Arrow IPC bytes (`tableToIPC(table)` of Apache Arrow JS, or a
//! `.arrow` file's content) are read column by column by the shared reader
//! (`feedrail_bindings::arrow`), without a JS object per row. An Arrow JS `Table` itself is
//! refused with a message saying to pass its IPC bytes: its cells (decimals as word arrays,
//! timestamps as numbers) are not records.

use std::ptr;

use feedrail::Lines;
use feedrail_bindings::arrow::RecordBatch;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue, sys};

use crate::errors::{config, to_js};
use crate::types::check;

/// The lines of `value` when it is a `Uint8Array` (a `Buffer` too) or an `ArrayBuffer` of Arrow
/// IPC data; `None` when it is neither; `CONFIG` when it is an Arrow JS `Table` or a typed array
/// of another kind.
pub fn lines(env: &Env, value: &Unknown<'_>, what: &str) -> napi::Result<Option<Lines<'static>>> {
    let Some(bytes) = ipc(env, value, what)? else {
        return Ok(None);
    };
    feedrail_bindings::arrow::read_ipc(bytes, what)
        .map(Some)
        .map_err(|e| to_js(env, e))
}

/// The record batches of `value` when it holds Arrow IPC data (as for [`lines`]), for
/// `validate` to check in place.
pub fn batches(
    env: &Env,
    value: &Unknown<'_>,
    what: &str,
) -> napi::Result<Option<Vec<RecordBatch>>> {
    let Some(bytes) = ipc(env, value, what)? else {
        return Ok(None);
    };
    feedrail_bindings::arrow::ipc_batches(bytes, what)
        .map(Some)
        .map_err(|e| to_js(env, e))
}

/// The IPC bytes `value` holds, if any; `CONFIG` for an Arrow JS `Table` or another typed array.
fn ipc<'v>(env: &Env, value: &'v Unknown<'_>, what: &str) -> napi::Result<Option<&'v [u8]>> {
    let bytes = bytes(env, value, what)?;
    if bytes.is_none() && is_table(env, value.raw())? {
        return Err(config(
            env,
            format!(
                "{what} is an Apache Arrow Table; pass its IPC bytes instead: \
                 tableToIPC(table) from apache-arrow, which feedrail reads column by column"
            ),
        ));
    }
    Ok(bytes)
}

/// The bytes of a `Uint8Array` or an `ArrayBuffer`, borrowed while the handle is in scope.
fn bytes<'v>(env: &Env, value: &'v Unknown<'_>, what: &str) -> napi::Result<Option<&'v [u8]>> {
    let (js, value) = (env, value.raw());
    let env = env.raw();
    let (mut data, mut length): (*mut std::ffi::c_void, usize) = (ptr::null_mut(), 0);
    // SAFETY: plain napi queries on a live value; the slice lives no longer than the handle,
    // which keeps the JS value (and so its backing store) alive for the synchronous call.
    unsafe {
        let mut is_typed = false;
        check(sys::napi_is_typedarray(env, value, &mut is_typed))?;
        if is_typed {
            let mut kind = 0;
            let (mut buffer, mut offset) = (ptr::null_mut(), 0);
            check(sys::napi_get_typedarray_info(
                env,
                value,
                &mut kind,
                &mut length,
                &mut data,
                &mut buffer,
                &mut offset,
            ))?;
            if kind != sys::TypedarrayType::uint8_array {
                return Err(config(
                    js,
                    format!(
                        "{what} is a typed array but not a Uint8Array; give Arrow IPC bytes as \
                         a Uint8Array or a Buffer (tableToIPC(table))"
                    ),
                ));
            }
        } else {
            let mut is_buffer = false;
            check(sys::napi_is_arraybuffer(env, value, &mut is_buffer))?;
            if !is_buffer {
                return Ok(None);
            }
            check(sys::napi_get_arraybuffer_info(
                env,
                value,
                &mut data,
                &mut length,
            ))?;
        }
        Ok(Some(if length == 0 {
            &[]
        } else {
            std::slice::from_raw_parts(data.cast::<u8>(), length)
        }))
    }
}

/// Whether `value` is an Apache Arrow JS `Table` (it has `schema`, `batches` and `numRows`).
fn is_table(env: &Env, value: sys::napi_value) -> napi::Result<bool> {
    let env = env.raw();
    // SAFETY: plain napi queries on a live value.
    unsafe {
        let mut kind = 0;
        check(sys::napi_typeof(env, value, &mut kind))?;
        if kind != sys::ValueType::napi_object {
            return Ok(false);
        }
        for name in [c"schema", c"batches", c"numRows"] {
            let mut has = false;
            let mut key = ptr::null_mut();
            check(sys::napi_create_string_utf8(
                env,
                name.as_ptr(),
                name.count_bytes() as isize,
                &mut key,
            ))?;
            check(sys::napi_has_property(env, value, key, &mut has))?;
            if !has {
                return Ok(false);
            }
        }
        Ok(true)
    }
}
