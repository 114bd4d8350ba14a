//! The rule engine: mandatory fields, duplicate ids, dates and ordering, and the warnings, applied
//! line by line against the account's cursor.

use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;

use super::ValidationContext;
use super::duplicates::Repeats;
use super::issue::{Issue, IssueCode, Report};
use super::profile::Field;
use super::row::{Location, Row, Slot};
use crate::date::format_transaction_date;
use crate::model::{AccountStatus, TransactionType};

/// Checks lines in input order, carrying what earlier lines established.
pub(crate) struct Engine<'c> {
    ctx: &'c ValidationContext<'c>,
    /// Which lines repeat an earlier line's id.
    repeats: Repeats,
    /// What the lines checked so far established for the next.
    carried: Carried,
    /// The profile's mandatory fields as bits (`1 << field`), to see at once that a line has
    /// them all.
    required: u8,
    pub report: Report,
}

impl<'c> Engine<'c> {
    /// Starts a run over `checked` lines; reports `ACCOUNT_NOT_CONNECTED` up front when it
    /// applies.
    pub fn new(ctx: &'c ValidationContext<'c>, repeats: Repeats, checked: usize) -> Self {
        let mut report = Report {
            checked,
            ..Report::default()
        };
        if ctx.profile.require_connected()
            && let Some(status) = ctx.cursor.account_status
            && status != AccountStatus::Connected
        {
            report.push(Issue {
                code: IssueCode::AccountNotConnected,
                index: None,
                transaction_id: None,
                field: None,
                message: format!(
                    "the account is {status}, not connected; Sage accepts pushes only to \
                             connected accounts — ask the account holder to connect it in Sage \
                             (Banking → Connect Bank), then push again"
                ),
            });
        }
        let mut engine = Engine::resuming(ctx, repeats, Carried::at_start(ctx));
        engine.report = report;
        engine
    }

    /// Goes on checking after lines that left `carried` behind, with an empty report (for the
    /// lines from there on).
    pub fn resuming(ctx: &'c ValidationContext<'c>, repeats: Repeats, carried: Carried) -> Self {
        Engine {
            ctx,
            repeats,
            carried,
            required: ctx
                .profile
                .required()
                .iter()
                .fold(0, |bits, &field| bits | 1 << field as u8),
            report: Report::default(),
        }
    }

    /// What the lines checked so far established for the next.
    pub fn carried(&self) -> &Carried {
        &self.carried
    }

    /// The context the lines are checked in.
    pub fn ctx(&self) -> &'c ValidationContext<'c> {
        self.ctx
    }

    /// Takes over from `later`, which checked the lines after these: its findings follow these,
    /// and its state is now this one's.
    pub fn append(&mut self, later: Engine<'c>) {
        let Engine {
            repeats,
            carried,
            report,
            ..
        } = later;
        self.report.errors.extend(report.errors);
        self.report.warnings.extend(report.warnings);
        self.repeats = repeats;
        self.carried = carried;
    }

    /// Adds the findings of reading line `index` (`read`), then checks it; whether it has no
    /// error.
    pub fn check_read(&mut self, index: usize, read: &[Issue], row: &Row<'_>) -> bool {
        let errors_before = self.report.errors.len();
        read.iter()
            .for_each(|issue| self.report.push(issue.clone()));
        self.check(index, row);
        self.report.errors.len() == errors_before
    }

    /// Checks one line, adding its findings to the report.
    pub fn check(&mut self, index: usize, row: &Row<'_>) {
        if !row.unreadable {
            let at = row.location(index);
            self.check_required(row, &at);
            self.check_id(row, &at);
            self.check_date(row, &at);
            self.check_sign(row, &at);
            self.check_balance(row, &at);
        }
    }

    fn check_required(&mut self, row: &Row<'_>, at: &Location<'_>) {
        if self.has_required(row) {
            return;
        }
        let profile = &self.ctx.profile;
        for &field in profile.required() {
            let present = match field {
                Field::Id => presence(&row.id),
                Field::Date => presence(&row.date),
                Field::Description => presence(&row.description),
                Field::Amount => presence(&row.amount),
                Field::Balance => presence(&row.balance),
                Field::TransactionType => presence(&row.transaction_type),
            };
            let name = field.as_str();
            match present {
                Presence::Absent | Presence::Null => {
                    let how = if present == Presence::Null {
                        "is null"
                    } else {
                        "is missing"
                    };
                    self.report.push(at.issue(
                        IssueCode::MissingField,
                        Some(name),
                        format!(
                            "`{name}` {how}; the {} profile needs {} on every line — add it",
                            profile.name(),
                            required_list(profile.required())
                        ),
                    ));
                }
                Presence::Invalid => {}
                Presence::Value => {
                    let is_blank = match field {
                        Field::Id => row.id.text().is_some_and(is_blank),
                        Field::Description => row.description.text().is_some_and(is_blank),
                        _ => false,
                    };
                    if is_blank {
                        self.report.push(at.issue(
                            IssueCode::InvalidField,
                            Some(name),
                            format!("`{name}` is empty; give every line a non-blank {name}"),
                        ));
                    }
                }
            }
        }
    }

    /// Whether the line has a value in every mandatory field and neither a blank id nor a blank
    /// description: the usual line, which [`check_required`](Self::check_required) finds
    /// nothing in (`false` leaves the question to it).
    #[inline]
    fn has_required(&self, row: &Row<'_>) -> bool {
        let bit = |filled: bool, field: Field| u8::from(filled) << field as u8;
        let filled = bit(row.id.is_value(), Field::Id)
            | bit(row.date.is_value(), Field::Date)
            | bit(row.description.is_value(), Field::Description)
            | bit(row.amount.is_value(), Field::Amount)
            | bit(row.balance.is_value(), Field::Balance)
            | bit(row.transaction_type.is_value(), Field::TransactionType);
        filled & self.required == self.required
            && !row.id.text().is_some_and(is_blank)
            && !row.description.text().is_some_and(is_blank)
    }

    fn check_id(&mut self, row: &Row<'_>, at: &Location<'_>) {
        let Some(id) = row.id.text() else { return };
        if is_blank(id) {
            return;
        }
        if self.ctx.cursor.has_pushed(id) {
            self.report.push(at.issue(
                IssueCode::DuplicateId,
                Some("id"),
                format!(
                    "id {id:?} was already pushed to this account; Sage rejects repeated ids — \
                     leave this line out"
                ),
            ));
            return;
        }
        if let Some(first) = self.repeats.earlier(at.index, id) {
            self.report.push(at.issue(
                IssueCode::DuplicateId,
                Some("id"),
                format!(
                    "id {id:?} is already used by the transaction at index {first}; ids must be \
                     unique — drop the repeat or give it its own id"
                ),
            ));
        }
    }

    fn check_date(&mut self, row: &Row<'_>, at: &Location<'_>) {
        let Some(written) = row.date.get() else {
            return;
        };
        self.check_offset(written.offset, at);
        let date = written.in_zone(self.ctx.time_zone);
        let shown = || format_transaction_date(&date);
        let profile = &self.ctx.profile;
        let today: NaiveDate = self.ctx.today;
        if profile.no_future_dates() && date.date() > today {
            self.report.push(at.issue(
                IssueCode::FutureDate,
                Some("date"),
                format!(
                    "date {} is after today ({today}, the day in {}); Sage accepts dates up \
                     to today — push this line on or after its date, or set `today` or \
                     `time_zone` if your day is another",
                    shown(),
                    self.ctx.day_zone()
                ),
            ));
            return;
        }
        if profile.not_older_than_latest()
            && let Some(latest) = self.ctx.cursor.latest_date
            && date < latest
        {
            let newest = match &self.ctx.cursor.latest_id {
                Some(id) => format!("the newest line already on the account (id {id:?})"),
                None => "the newest line already on the account".to_owned(),
            };
            self.report.push(at.issue(
                IssueCode::OlderThanLatest,
                Some("date"),
                format!(
                    "date {} is before {}, the date of {newest}; Sage refuses older lines \
                             — leave this line out",
                    shown(),
                    format_transaction_date(&latest)
                ),
            ));
            return;
        }
        if profile.chronological()
            && let Some(high) = self.carried.high_water
            && date < high
        {
            self.report.push(at.issue(
                IssueCode::OutOfOrder,
                Some("date"),
                format!(
                    "date {} is before {}, the date of an earlier line; Sage needs lines \
                             in chronological order — sort by date",
                    shown(),
                    format_transaction_date(&high)
                ),
            ));
            return;
        }
        self.carried.high_water = Some(self.carried.high_water.map_or(date, |h| h.max(date)));
    }

    /// `MIXED_OFFSETS` once, at the first line whose offset differs from the first line's (not
    /// when a time zone converts every instant).
    fn check_offset(&mut self, offset: Option<FixedOffset>, at: &Location<'_>) {
        if self.ctx.time_zone.is_some() || self.carried.mixed_reported {
            return;
        }
        let Some((first_index, first)) = self.carried.first_offset else {
            self.carried.first_offset = Some((at.index, offset));
            return;
        };
        if first == offset {
            return;
        }
        self.carried.mixed_reported = true;
        let name = |o: Option<FixedOffset>| o.map_or("no offset".to_owned(), |o| o.to_string());
        self.report.push(at.issue(
            IssueCode::MixedOffsets,
            Some("date"),
            format!(
                "the date carries {} but the line at index {first_index} carries {}; Codat keeps \
                 the wall-clock time and drops offsets, so lines are ordered and land by \
                 wall-clock time, which may differ from the order of the instants — write every \
                 date in one offset, or set `time_zone` (e.g. Europe/London) to convert instants \
                 into your zone",
                name(offset),
                name(first)
            ),
        ));
    }

    fn check_sign(&mut self, row: &Row<'_>, at: &Location<'_>) {
        let (Some(amount), Some(kind)) = (row.amount.get(), row.transaction_type.get()) else {
            return;
        };
        let contradiction = match kind {
            TransactionType::Credit if amount.is_sign_negative() && !amount.is_zero() => {
                Some("negative but transactionType is Credit (money in)")
            }
            TransactionType::Debit if amount.is_sign_positive() && !amount.is_zero() => {
                Some("positive but transactionType is Debit (money out)")
            }
            _ => None,
        };
        if let Some(what) = contradiction {
            self.report.push(at.issue(
                IssueCode::AmountSignMismatch,
                Some("amount"),
                format!("amount {amount} is {what}; check the sign or the type"),
            ));
        }
    }

    fn check_balance(&mut self, row: &Row<'_>, at: &Location<'_>) {
        let balance = row.balance.get();
        if let (Some(prev), Some(amount), Some(balance)) =
            (self.carried.prev_balance, row.amount.get(), balance)
        {
            if continues(prev, amount, balance) {
                self.carried.prev_balance = Some(balance);
                return;
            }
            match prev.checked_add(amount) {
                Some(expected) if expected == balance => {}
                expected => {
                    let expected =
                        expected.map_or_else(|| "out of range".to_owned(), |e| e.to_string());
                    self.report.push(at.issue(
                        IssueCode::BalanceDiscontinuity,
                        Some("balance"),
                        format!(
                            "balance {balance} should be {expected} (previous balance {prev} + \
                             amount {amount}); check for a missing line or a wrong balance"
                        ),
                    ));
                }
            }
        }
        self.carried.prev_balance = balance;
    }
}

/// What the lines checked so far establish for the next: all the state a check carries from
/// line to line.
#[derive(Debug, Clone)]
pub(crate) struct Carried {
    /// Latest date among earlier lines that were not themselves out of place.
    high_water: Option<NaiveDateTime>,
    /// The offset of the first dated line (`None` inside: written without one), and whether
    /// `MIXED_OFFSETS` was reported.
    first_offset: Option<(usize, Option<FixedOffset>)>,
    mixed_reported: bool,
    /// Balance after the previous line, when known.
    prev_balance: Option<Decimal>,
}

impl Carried {
    /// Before the first line: only the account's balance is known.
    pub fn at_start(ctx: &ValidationContext<'_>) -> Self {
        Carried {
            high_water: None,
            first_offset: None,
            mixed_reported: false,
            prev_balance: ctx.cursor.last_balance,
        }
    }
}

/// Equal when every later check would go the same way, messages included: balances must match
/// in their digits too (`1.0` is shown unlike `1.00`).
impl PartialEq for Carried {
    fn eq(&self, other: &Self) -> bool {
        let digits = |d: &Option<Decimal>| d.map(|d| d.serialize());
        self.high_water == other.high_water
            && self.first_offset == other.first_offset
            && self.mixed_reported == other.mixed_reported
            && digits(&self.prev_balance) == digits(&other.prev_balance)
    }
}

/// Whether `prev + amount` is exactly `balance`, quickly when the three share a scale (money
/// mostly does): their mantissas then add up as integers. `false` means "not shown this way",
/// and the full check decides.
#[inline]
fn continues(prev: Decimal, amount: Decimal, balance: Decimal) -> bool {
    /// The largest mantissa a `Decimal` holds (96 bits).
    const MAX: i128 = (1 << 96) - 1;
    let scale = balance.scale();
    if prev.scale() != scale || amount.scale() != scale {
        return false;
    }
    let sum = prev.mantissa() + amount.mantissa();
    sum.abs() <= MAX && sum == balance.mantissa()
}

/// Whether the duplicate check considers an included line's id: it is not blank and not already
/// pushed (that is its own finding).
pub(crate) fn considered(ctx: &ValidationContext<'_>, id: &str) -> bool {
    !is_blank(id) && !ctx.cursor.has_pushed(id)
}

/// How a field is filled, for the mandatory-field check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    Absent,
    Null,
    Invalid,
    Value,
}

fn presence<T>(slot: &Slot<T>) -> Presence {
    match slot {
        Slot::Absent => Presence::Absent,
        Slot::Null => Presence::Null,
        Slot::Invalid => Presence::Invalid,
        Slot::Value(_) => Presence::Value,
    }
}

/// Whether `s` is empty or only (Unicode) whitespace; O(1) for the usual non-blank text.
pub(crate) fn is_blank(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => false,
        Some(_) => s.chars().all(char::is_whitespace),
    }
}

fn required_list(fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
    names.join(", ")
}
