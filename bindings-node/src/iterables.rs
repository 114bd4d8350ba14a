//! Records from iterables other than arrays: a sync iterable (a generator, a `Set`) is read
//! record by record as `next()` gives them; an async iterable (an async generator, a database
//! cursor's stream) one `next()` after another on the JS thread, each record read into the
//! core's lines as it arrives and let go. What an iterator throws while it is read is a `CONFIG`
//! error naming the record's place (`records[i] could not be read: …`), as in Python; a promise
//! an async iterator rejects rejects the call with its own error, as Python's `async for` raises.

use std::cell::RefCell;
use std::ffi::CStr;
use std::ptr;
use std::rc::Rc;

use feedrail::Lines;
use napi::bindgen_prelude::{CallbackContext, FromNapiValue, JsValue, PromiseRaw, ToNapiValue};
use napi::{Env, sys};

use crate::errors::{guard, to_js};
use crate::types::{Output, Reader, check, global_function};

/// A JS value as napi gives it, passed through a promise's `then` unread.
struct Raw(sys::napi_value);

impl FromNapiValue for Raw {
    unsafe fn from_napi_value(_: sys::napi_env, value: sys::napi_value) -> napi::Result<Self> {
        Ok(Raw(value))
    }
}

impl ToNapiValue for Raw {
    unsafe fn to_napi_value(_: sys::napi_env, value: Self) -> napi::Result<sys::napi_value> {
        Ok(value.0)
    }
}

/// What an iterator's `next()` result says.
enum Step {
    /// The next record (valid in the current handle scope).
    Record(sys::napi_value),
    /// No more records.
    Done,
}

/// An iterator held across the JS turns of an async iteration (a napi reference, deleted when
/// dropped, which happens on the JS thread: in a `then` callback or its finalizer).
struct Held {
    env: sys::napi_env,
    iterator: sys::napi_ref,
    next: sys::napi_ref,
}

impl Held {
    fn new(
        env: sys::napi_env,
        iterator: sys::napi_value,
        next: sys::napi_value,
    ) -> napi::Result<Self> {
        let mut held = Held {
            env,
            iterator: ptr::null_mut(),
            next: ptr::null_mut(),
        };
        unsafe {
            check(sys::napi_create_reference(
                env,
                iterator,
                1,
                &mut held.iterator,
            ))?;
            check(sys::napi_create_reference(env, next, 1, &mut held.next))?;
        }
        Ok(held)
    }

    /// The iterator and its `next` method, in the current handle scope.
    fn get(&self) -> napi::Result<(sys::napi_value, sys::napi_value)> {
        let (mut iterator, mut next) = (ptr::null_mut(), ptr::null_mut());
        unsafe {
            check(sys::napi_get_reference_value(
                self.env,
                self.iterator,
                &mut iterator,
            ))?;
            check(sys::napi_get_reference_value(
                self.env, self.next, &mut next,
            ))?;
        }
        Ok((iterator, next))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        for reference in [self.iterator, self.next] {
            if !reference.is_null() {
                unsafe { sys::napi_delete_reference(self.env, reference) };
            }
        }
    }
}

impl Reader {
    /// The records of a sync iterable that is not an array (anything with `Symbol.iterator`
    /// but a string), read as `next()` gives them; `None` when `value` is no such iterable.
    pub fn iterated(&self, value: sys::napi_value) -> napi::Result<Option<Lines<'static>>> {
        let Some((iterator, next)) = self.iterator(value, c"iterator")? else {
            return Ok(None);
        };
        let mut lines = Lines::default();
        loop {
            let index = lines.len();
            let done = self.scoped(|| {
                let result = self.call(iterator, next, index)?;
                match self.step(result, index)? {
                    Step::Done => Ok(true),
                    Step::Record(record) => self.record(record, &mut lines).map(|()| false),
                }
            })?;
            if done {
                return Ok(Some(lines));
            }
        }
    }

    /// `value[Symbol[symbol]]()` and its `next` when `value` is an object (not an array) with
    /// that method; `None` otherwise.
    fn iterator(
        &self,
        value: sys::napi_value,
        symbol: &CStr,
    ) -> napi::Result<Option<(sys::napi_value, sys::napi_value)>> {
        if self.type_of(value)? != sys::ValueType::napi_object {
            return Ok(None);
        }
        let mut method = ptr::null_mut();
        unsafe {
            let (_, key) = global_function(self.env(), c"Symbol", symbol)?;
            check(sys::napi_get_property(self.env(), value, key, &mut method))?;
        }
        if self.type_of(method)? != sys::ValueType::napi_function {
            return Ok(None);
        }
        let iterator = self.call(value, method, 0)?;
        let mut next = ptr::null_mut();
        if self.type_of(iterator)? == sys::ValueType::napi_object {
            unsafe {
                check(sys::napi_get_named_property(
                    self.env(),
                    iterator,
                    c"next".as_ptr(),
                    &mut next,
                ))?;
            }
        }
        if next.is_null() || self.type_of(next)? != sys::ValueType::napi_function {
            return Err(self.unreadable(0, "its iterator has no next() method"));
        }
        Ok(Some((iterator, next)))
    }

    /// `function` called on `this`; what it throws is record `index`'s `CONFIG` error.
    fn call(
        &self,
        this: sys::napi_value,
        function: sys::napi_value,
        index: usize,
    ) -> napi::Result<sys::napi_value> {
        let mut result = ptr::null_mut();
        unsafe {
            if sys::napi_call_function(self.env(), this, function, 0, ptr::null(), &mut result)
                == sys::Status::napi_ok
            {
                return Ok(result);
            }
            let mut thrown = ptr::null_mut();
            check(sys::napi_get_and_clear_last_exception(
                self.env(),
                &mut thrown,
            ))?;
            Err(self.unreadable(index, self.coerced(thrown)?))
        }
    }

    /// Reads a `{ done, value }` result of `next()`.
    fn step(&self, result: sys::napi_value, index: usize) -> napi::Result<Step> {
        if self.type_of(result)? != sys::ValueType::napi_object {
            return Err(self.unreadable(index, "next() gave no { done, value } object"));
        }
        let (mut done, mut flag, mut record) = (ptr::null_mut(), ptr::null_mut(), false);
        let mut value = ptr::null_mut();
        unsafe {
            check(sys::napi_get_named_property(
                self.env(),
                result,
                c"done".as_ptr(),
                &mut done,
            ))?;
            check(sys::napi_coerce_to_bool(self.env(), done, &mut flag))?;
            check(sys::napi_get_value_bool(self.env(), flag, &mut record))?;
            if record {
                return Ok(Step::Done);
            }
            check(sys::napi_get_named_property(
                self.env(),
                result,
                c"value".as_ptr(),
                &mut value,
            ))?;
        }
        Ok(Step::Record(value))
    }

    /// Runs `f` in a handle scope of its own, so each record's values can be let go.
    fn scoped<T>(&self, f: impl FnOnce() -> napi::Result<T>) -> napi::Result<T> {
        let mut scope = ptr::null_mut();
        check(unsafe { sys::napi_open_handle_scope(self.env(), &mut scope) })?;
        let result = f();
        check(unsafe { sys::napi_close_handle_scope(self.env(), scope) })?;
        result
    }

    fn unreadable(&self, index: usize, raised: impl std::fmt::Display) -> napi::Error {
        let env = Env::from_raw(self.env());
        to_js(&env, feedrail::Error::unreadable_record(index, raised))
    }
}

/// What [`with_records`] does with the lines once read: the call's work, as a promise.
pub type Then =
    Box<dyn for<'a> FnOnce(&'a Env, Lines<'static>) -> napi::Result<PromiseRaw<'a, Output>>>;

/// `then` of the lines of `records`: at once when they are an array or a sync iterable (or
/// when `read` gives them otherwise), and after the last record for an async iterable.
pub fn with_records<'env>(
    env: &'env Env,
    records: sys::napi_value,
    read: impl FnOnce() -> napi::Result<Lines<'static>>,
    then: Then,
) -> napi::Result<PromiseRaw<'env, Output>> {
    let reader = Reader::new(env)?;
    let Some((iterator, next)) = reader.iterator(records, c"asyncIterator")? else {
        return then(env, read()?);
    };
    let (mut deferred, mut promise) = (ptr::null_mut(), ptr::null_mut());
    check(unsafe { sys::napi_create_promise(env.raw(), &mut deferred, &mut promise) })?;
    ask(
        env,
        Pull {
            held: Held::new(env.raw(), iterator, next)?,
            lines: Lines::default(),
            then,
            deferred,
        },
    );
    Ok(PromiseRaw::new(env.raw(), promise))
}

/// An async iteration under way: what was read so far, and the promise that settles with the
/// call's result. One `next()` is asked for at a time, so no chain of promises builds up.
struct Pull {
    held: Held,
    lines: Lines<'static>,
    then: Then,
    deferred: sys::napi_deferred,
}

/// Asks the iterator for its next record; [`arrived`] takes it, or the promise rejects with
/// what the iterator threw.
fn ask(env: &Env, pull: Pull) {
    let deferred = pull.deferred;
    let index = pull.lines.len();
    let asked = guard(env, || {
        let (iterator, next) = pull.held.get()?;
        Reader::new(env)?.call(iterator, next, index)
    });
    let result = match asked {
        Ok(result) => result,
        Err(e) => return reject(env, deferred, e),
    };
    let taken = Rc::new(RefCell::new(Some(pull)));
    let on_error = Rc::clone(&taken);
    let attached = PromiseRaw::<Raw>::new(env.raw(), result)
        .then(move |ctx: CallbackContext<Raw>| {
            if let Some(pull) = taken.borrow_mut().take() {
                arrived(&ctx.env, pull, ctx.value.0, index);
            }
            Ok(())
        })
        .and_then(|then| {
            then.catch(move |ctx: CallbackContext<Raw>| {
                if let Some(pull) = on_error.borrow_mut().take() {
                    conclude(ctx.env.raw(), pull.deferred, ctx.value.0, false);
                }
                Ok(())
            })
        });
    if let Err(e) = attached {
        reject(env, deferred, e);
    }
}

/// A `next()` result arrived: its record is read and the next one asked for, or, at the end,
/// the call's work starts and the promise follows it.
fn arrived(env: &Env, mut pull: Pull, result: sys::napi_value, index: usize) {
    let step = guard(env, || {
        let reader = Reader::new(env)?;
        match reader.step(result, index)? {
            Step::Record(record) => reader.record(record, &mut pull.lines).map(|()| false),
            Step::Done => Ok(true),
        }
    });
    match step {
        Ok(false) => ask(env, pull),
        Ok(true) => {
            let Pull {
                held,
                lines,
                then,
                deferred,
            } = pull;
            drop(held);
            match guard(env, || then(env, lines)) {
                Ok(promise) => conclude(env.raw(), deferred, promise.raw(), true),
                Err(e) => reject(env, deferred, e),
            }
        }
        Err(e) => reject(env, pull.deferred, e),
    }
}

fn reject(env: &Env, deferred: sys::napi_deferred, error: napi::Error) {
    let value = unsafe { napi::JsError::from(error).into_value(env.raw()) };
    conclude(env.raw(), deferred, value, false);
}

/// Resolves (a promise given is followed) or rejects the call's promise.
fn conclude(env: sys::napi_env, deferred: sys::napi_deferred, value: sys::napi_value, ok: bool) {
    unsafe {
        if ok {
            sys::napi_resolve_deferred(env, deferred, value);
        } else {
            sys::napi_reject_deferred(env, deferred, value);
        }
    }
}
