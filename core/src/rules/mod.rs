//! Validation: every rule a target platform enforces, checked before anything is sent, with a
//! per-line report.
//!
//! Edge cases, decided once here for every language:
//! - **Offsets**: a date is its wall-clock time as written, as Codat reads it
//!   (`2026-07-01T00:30:00+01:00` is 1 July, 00:30); every comparison is on wall-clock time. A
//!   feed whose dates carry different offsets gets one `MIXED_OFFSETS` warning, at the first line
//!   that differs. With a time zone (`time_zone`, e.g. `Europe/London`), a date with an offset is
//!   the instant it names, converted into that zone's wall-clock time; dates without an offset
//!   stay as written, and no `MIXED_OFFSETS` is raised.
//! - **Equal timestamps** are in order: lines must be non-decreasing by date, not strictly
//!   increasing. A line dated exactly at the cursor's latest date is accepted (its id must be new).
//! - **Ordering** compares full wall-clock date-times. A line is `OUT_OF_ORDER` when it is earlier than the
//!   latest date among the lines before it that were not themselves out of place, so dropping
//!   every flagged line always leaves a chronological list.
//! - **Same day**: `OLDER_THAN_LATEST` also compares full date-times, so a line earlier on the same day
//!   as the newest pushed line is refused (Sage's granularity is undocumented; this is the safe
//!   reading).
//! - **Future dates**: a line is `FUTURE_DATE` when its calendar day is after `today` — the
//!   current UTC day, the current day in `time_zone` when one is given, or the day passed as
//!   `today`; any time on `today` itself is accepted.
//! - A line gets at most one date finding: `FUTURE_DATE`, else `OLDER_THAN_LATEST`, else
//!   `OUT_OF_ORDER`.
//! - **Balance continuity** starts from the cursor's balance when known, otherwise from the first
//!   line; after a discontinuity the chain continues from the line's own balance.
//! - An account whose status is known and not `connected` makes every line unpushable; an unknown
//!   status (`None`) is not checked.

mod cursor;
mod duplicates;
mod engine;
mod issue;
mod json_text;
mod lines;
mod profile;
mod raw;
mod row;
mod source;
mod stream;
mod table;
mod text;

use std::ops::Range;

use chrono::NaiveDate;
use serde_json::Value;

pub use cursor::{AccountCursor, IdSet};
pub use issue::{Issue, IssueCode, Report, Severity};
pub use lines::Lines;
pub use profile::{Field, MAX_BATCH_SIZE, Profile};
pub use raw::{FieldSource, RawRecord, RawValue, field_position};
pub use row::KNOWN_FIELDS;
pub use stream::StreamValidation;
pub use table::{Table, TableColumn};

use crate::model::Transaction;
use duplicates::{Repeats, earlier_duplicates, id_hash};
use engine::{Engine, considered};
use row::Row;
use source::{LineSource, Visit};

/// What validation checks against: the rules, the account's state and the current day.
#[derive(Debug, Clone)]
pub struct ValidationContext<'a> {
    /// The target platform's rules.
    pub profile: &'a Profile,
    /// What is known about the account.
    pub cursor: &'a AccountCursor,
    /// The current calendar day; later dates are `FUTURE_DATE`.
    pub today: NaiveDate,
    /// The zone whose wall-clock time dates with an offset are converted into; `None` keeps every
    /// date's wall-clock time as written (Codat's reading).
    pub time_zone: Option<chrono_tz::Tz>,
}

impl<'a> ValidationContext<'a> {
    /// A context for `profile` and `cursor` on the current UTC day, dates kept as written.
    pub fn new(profile: &'a Profile, cursor: &'a AccountCursor) -> Self {
        ValidationContext {
            profile,
            cursor,
            today: chrono::Utc::now().date_naive(),
            time_zone: None,
        }
    }

    /// The same context converting instants into `zone`'s wall-clock time, on the current day
    /// there (call [`ValidationContext::on`] after it to set another day).
    pub fn in_zone(mut self, zone: Option<chrono_tz::Tz>) -> Self {
        self.time_zone = zone;
        self.today = crate::date::today_in(zone);
        self
    }

    /// The same context on another day (tests, replays).
    pub fn on(mut self, today: NaiveDate) -> Self {
        self.today = today;
        self
    }

    /// Where `today` comes from, for messages: `"UTC"` or the zone's name.
    pub(crate) fn day_zone(&self) -> &'static str {
        self.time_zone.map_or("UTC", |z| z.name())
    }
}

/// The outcome of [`validate_records`]: the report and the lines that can be sent. Serializes as
/// the report with `validIndices` (the form the language packages return).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "ValidationReport")
)]
pub struct Validated {
    /// Every finding.
    #[serde(flatten)]
    pub report: Report,
    /// The lines without errors, in input order (empty when the account itself is refused).
    #[serde(skip)]
    pub transactions: Vec<Transaction>,
    /// Positions in the input of the lines without errors ([`check_records`] fills only these).
    #[serde(rename = "validIndices")]
    pub indices: Vec<usize>,
}

/// Validates raw JSON records (e.g. parsed from a file or handed over by a binding), reporting
/// missing fields and wrong types per line, then every rule of the profile.
///
/// Amounts and balances may be JSON numbers or decimal strings; dates are ISO 8601 strings.
/// Never panics, whatever the input.
pub fn validate_records(records: &[Value], ctx: &ValidationContext<'_>) -> Validated {
    validate_lines(&Lines::from_json(records), ctx)
}

/// [`validate_records`] on the records at the positions `include` accepts; the others are not
/// checked at all (the feed pipeline leaves out lines already pushed this way). Indices in the
/// report stay positions in `records`.
pub fn validate_records_where(
    records: &[Value],
    ctx: &ValidationContext<'_>,
    include: impl Fn(usize) -> bool + Sync,
) -> Validated {
    validate_lines_where(&Lines::from_json(records), ctx, include)
}

/// [`validate_records`] without building the sendable lines: the report and the positions of
/// the lines without errors (`Validated::transactions` stays empty).
pub fn check_records(records: &[Value], ctx: &ValidationContext<'_>) -> Validated {
    check_lines(&Lines::from_json(records), ctx)
}

/// Validates lines already read: their reading findings, then every rule of the profile; the
/// lines without errors come back as transactions to send.
pub fn validate_lines(lines: &Lines<'_>, ctx: &ValidationContext<'_>) -> Validated {
    run(lines, ctx, &|_| true, true)
}

/// [`validate_lines`] on the lines at the positions `include` accepts; the others are not
/// checked at all. Indices in the report stay positions in `lines`.
pub fn validate_lines_where(
    lines: &Lines<'_>,
    ctx: &ValidationContext<'_>,
    include: impl Fn(usize) -> bool + Sync,
) -> Validated {
    run(lines, ctx, &include, true)
}

/// [`validate_lines`] without building the sendable lines: the report and the positions of the
/// lines without errors. For callers that only report, such as `validate` in every language.
pub fn check_lines(lines: &Lines<'_>, ctx: &ValidationContext<'_>) -> Validated {
    run(lines, ctx, &|_| true, false)
}

fn run(
    lines: &Lines<'_>,
    ctx: &ValidationContext<'_>,
    include: &(dyn Fn(usize) -> bool + Sync),
    build: bool,
) -> Validated {
    run_source(&source::Held::new(lines), ctx, include, build)
}

/// Checks every line of `source` that `include` accepts, in order: the duplicate ids found over
/// the whole source first, then each line's reading findings and the engine's. Many lines are
/// checked in two halves at once (see [`check_halves`]).
fn run_source<'s, S: LineSource<'s>>(
    source: &S,
    ctx: &ValidationContext<'_>,
    include: &(dyn Fn(usize) -> bool + Sync),
    build: bool,
) -> Validated {
    let n = source.len();
    let pushed_nothing = ctx.cursor.pushed_nothing();
    let repeats = earlier_duplicates(
        n,
        |i| {
            let hash = source.id_hash(i);
            // Only a cursor that names pushed ids needs the id's text here.
            let considered = hash != 0
                && include(i)
                && (pushed_nothing || source.id(i).is_some_and(|id| considered(ctx, id)));
            considered.then_some(hash)
        },
        |i| source.id(i),
    );
    let checked = (0..n).filter(|&i| include(i)).count();
    let span = Span { include, build };
    // The repeated ids of the second half, for the engine that checks it.
    let halves = (n >= HALVES_FROM).then(|| {
        let middle = n / 2;
        let later = &repeats[repeats.partition_point(|&(at, _)| (at as usize) < middle)..];
        let later = Repeats::Listed {
            repeats: later.to_vec(),
            seen: 0,
        };
        (middle, later)
    });
    let mut checks = Checks {
        engine: Engine::new(ctx, Repeats::Listed { repeats, seen: 0 }, checked),
        transactions: Vec::with_capacity(if build { n } else { 0 }),
        indices: Vec::with_capacity(n),
    };
    match halves {
        Some((middle, later)) => check_halves(source, &span, middle, later, &mut checks),
        None => span.check(&mut source.visitor(), 0..n, &mut checks),
    }
    let Checks {
        engine,
        mut transactions,
        mut indices,
    } = checks;
    if engine.report.has_account_error() {
        transactions.clear();
        indices.clear();
    }
    Validated {
        report: engine.report,
        transactions,
        indices,
    }
}

/// From how many lines [`run_source`] checks two halves at once.
const HALVES_FROM: usize = 4 * table::RUN;

/// An engine part way through the lines, with what it found valid so far.
struct Checks<'c> {
    engine: Engine<'c>,
    transactions: Vec<Transaction>,
    indices: Vec<usize>,
}

/// How lines are checked: which are, and whether the valid ones are built into transactions.
struct Span<'i> {
    include: &'i (dyn Fn(usize) -> bool + Sync),
    build: bool,
}

impl Span<'_> {
    /// Checks the lines `lines` that are included, in order, adding to `checks`.
    fn check(&self, visitor: &mut impl Visit, lines: Range<usize>, checks: &mut Checks<'_>) {
        for index in lines.filter(|&i| (self.include)(i)) {
            visitor.visit(index, |read, row| {
                if checks.engine.check_read(index, read, row) {
                    if !self.build {
                        checks.indices.push(index);
                    } else if let Some(tx) = row.to_transaction(checks.engine.ctx().time_zone) {
                        checks.transactions.push(tx);
                        checks.indices.push(index);
                    }
                }
            });
        }
    }
}

/// Checks the lines before `middle` here and the rest on another thread at once (`repeats`:
/// the repeated ids from `middle` on). The second half starts from a guess of what the first
/// leaves behind (the engine's state after the first line and the last line of the first half:
/// right for a feed in order); when the first half ends elsewhere, the second is checked again,
/// after it. Either way the result is the sequential one.
fn check_halves<'s, S: LineSource<'s>>(
    source: &S,
    span: &Span<'_>,
    middle: usize,
    repeats: Repeats,
    checks: &mut Checks<'_>,
) {
    let n = source.len();
    let ctx = checks.engine.ctx();
    let none = Repeats::Listed {
        repeats: Vec::new(),
        seen: 0,
    };
    let mut probe = Engine::resuming(ctx, none, engine::Carried::at_start(ctx));
    let mut visitor = source.visitor();
    for index in [0, middle - 1].into_iter().filter(|&i| (span.include)(i)) {
        visitor.visit(index, |read, row| {
            probe.check_read(index, read, row);
        });
    }
    let guess = probe.carried().clone();
    let mut second = Checks {
        engine: Engine::resuming(ctx, repeats, guess.clone()),
        transactions: Vec::with_capacity(if span.build { n - middle } else { 0 }),
        indices: Vec::with_capacity(n - middle),
    };
    std::thread::scope(|scope| {
        let later = scope.spawn(|| span.check(&mut source.visitor(), middle..n, &mut second));
        span.check(&mut source.visitor(), 0..middle, checks);
        if let Err(panic) = later.join() {
            std::panic::resume_unwind(panic);
        }
    });
    if *checks.engine.carried() != guess {
        span.check(&mut source.visitor(), middle..n, checks);
        return;
    }
    checks.engine.append(second.engine);
    checks.transactions.append(&mut second.transactions);
    checks.indices.append(&mut second.indices);
}

/// Validates the rows of `tables` (one table after another, numbered through) without keeping
/// them as [`Lines`]: each row is read from its columns as it is checked, its text borrowed —
/// how `validate` takes an Arrow table. The report is the one [`check_lines`] gives for the same
/// rows read into lines.
pub fn check_tables<C: TableColumn + Sync>(
    tables: &[Table<'_, C>],
    ctx: &ValidationContext<'_>,
) -> Validated {
    run_source(&source::Tables::new(tables), ctx, &|_| true, false)
}

/// [`check_lines`] on the lines at the positions `include` accepts; the others are not checked
/// at all. Indices in the report stay positions in `lines`.
pub fn check_lines_where(
    lines: &Lines<'_>,
    ctx: &ValidationContext<'_>,
    include: impl Fn(usize) -> bool + Sync,
) -> Validated {
    run(lines, ctx, &include, false)
}

/// Validates typed transactions (types are already right, so only the profile's rules apply).
pub fn validate(transactions: &[Transaction], ctx: &ValidationContext<'_>) -> Report {
    validate_where(transactions, ctx, |_| true)
}

/// [`validate`] on the lines at the positions `include` accepts (see [`validate_records_where`]).
pub fn validate_where(
    transactions: &[Transaction],
    ctx: &ValidationContext<'_>,
    include: impl Fn(usize) -> bool,
) -> Report {
    let considered_id =
        |i: usize| Some(transactions[i].id.as_str()).filter(|id| include(i) && considered(ctx, id));
    let repeats = earlier_duplicates(
        transactions.len(),
        |i| considered_id(i).map(id_hash),
        |i| Some(transactions[i].id.as_str()),
    );
    let checked = (0..transactions.len()).filter(|&i| include(i)).count();
    let mut engine = Engine::new(ctx, Repeats::Listed { repeats, seen: 0 }, checked);
    for (index, tx) in transactions.iter().enumerate() {
        if include(index) {
            engine.check(index, &Row::from_transaction(tx));
        }
    }
    engine.report
}
