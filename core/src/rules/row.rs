//! One input line, field by field: read from a [`RawRecord`] (with type and format findings)
//! or from a typed [`Transaction`].

use rust_decimal::Decimal;

use super::issue::{Issue, IssueCode};
use super::raw::{FieldSource, RawValue};
use super::text::Text;
use crate::date::{WrittenDate, parse_written};
use crate::model::{Transaction, TransactionType};
use crate::money::{MoneyError, decimal_from_f64, parse_decimal};

/// The fields a bank transaction may carry; anything else draws an `UNKNOWN_FIELD` warning.
pub const KNOWN_FIELDS: [&str; 9] = [
    "id",
    "date",
    "description",
    "counterparty",
    "reference",
    "reconciled",
    "amount",
    "balance",
    "transactionType",
];

/// Where a run of lines is read from, one field at a time for the whole run.
pub(crate) trait FieldRun<'b> {
    /// Hands `each` the cell of the field at `position` (in [`KNOWN_FIELDS`]) of every line of
    /// the run, in order, with the line's place in the run; `None` where the line has no such
    /// key.
    fn each_cell(&self, position: usize, each: impl FnMut(usize, Option<RawValue<'b>>));

    /// Hands `each` every key that is not a bank transaction field, with the place of its line
    /// in the run; a line's keys in order.
    fn each_unknown(&self, each: impl FnMut(usize, &str));
}

/// One record as a run of one line.
struct Single<'r, R>(&'r R);

impl<'b, R: FieldSource<'b>> FieldRun<'b> for Single<'_, R> {
    #[inline(always)]
    fn each_cell(&self, position: usize, mut each: impl FnMut(usize, Option<RawValue<'b>>)) {
        each(0, self.0.field(position));
    }

    fn each_unknown(&self, mut each: impl FnMut(usize, &str)) {
        self.0.for_each_unknown(|key| each(0, key));
    }
}

/// What one field of a line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot<T> {
    /// The key is not there.
    Absent,
    /// The key is there with `null`.
    Null,
    /// The value was unusable; an `INVALID_FIELD` was already reported.
    Invalid,
    /// A usable value.
    Value(T),
}

impl<T: Copy> Slot<T> {
    /// The value, if usable.
    pub fn get(&self) -> Option<T> {
        match self {
            Slot::Value(v) => Some(*v),
            _ => None,
        }
    }
}

impl Slot<Text<'_>> {
    /// The text, if usable.
    pub fn text(&self) -> Option<&str> {
        match self {
            Slot::Value(v) => Some(v),
            _ => None,
        }
    }

    fn into_owned(self) -> Slot<Text<'static>> {
        self.map(|v| v.into_owned())
    }
}

impl<T> Slot<T> {
    /// Whether it holds a usable value.
    #[inline]
    pub fn is_value(&self) -> bool {
        matches!(self, Slot::Value(_))
    }

    fn map<U>(self, f: impl FnOnce(T) -> U) -> Slot<U> {
        match self {
            Slot::Absent => Slot::Absent,
            Slot::Null => Slot::Null,
            Slot::Invalid => Slot::Invalid,
            Slot::Value(v) => Slot::Value(f(v)),
        }
    }
}

/// One input line, read field by field.
#[derive(Debug, Clone)]
pub(crate) struct Row<'a> {
    pub id: Slot<Text<'a>>,
    pub date: Slot<WrittenDate>,
    pub description: Slot<Text<'a>>,
    pub counterparty: Slot<Text<'a>>,
    pub reference: Slot<Text<'a>>,
    pub reconciled: Slot<bool>,
    pub amount: Slot<Decimal>,
    pub balance: Slot<Decimal>,
    pub transaction_type: Slot<TransactionType>,
    /// The record was not an object at all (`INVALID_RECORD` reported).
    pub unreadable: bool,
}

/// Where a line is, worked out only when a finding needs it.
type At<'r> = &'r dyn Fn() -> Location<'r>;

/// Where a finding is: "transaction at index 3 (id "t-4")".
pub(crate) struct Location<'a> {
    pub index: usize,
    pub id: Option<&'a str>,
}

impl Location<'_> {
    /// Builds an issue at this location.
    pub fn issue(&self, code: IssueCode, field: Option<&str>, what: String) -> Issue {
        let place = match self.id {
            Some(id) => format!("transaction at index {} (id {id:?})", self.index),
            None => format!("transaction at index {}", self.index),
        };
        Issue {
            code,
            index: Some(self.index),
            transaction_id: self.id.map(str::to_owned),
            field: field.map(str::to_owned),
            message: format!("{place}: {what}"),
        }
    }
}

impl<'a> Row<'a> {
    /// Reads a typed transaction (no findings: types are already right).
    pub fn from_transaction(tx: &'a Transaction) -> Self {
        fn opt<T: Copy>(v: Option<T>) -> Slot<T> {
            v.map_or(Slot::Absent, Slot::Value)
        }
        Row {
            id: Slot::Value(Text::Borrowed(&tx.id)),
            date: Slot::Value(WrittenDate::local(tx.date)),
            description: opt(tx.description.as_deref()).map(Text::Borrowed),
            counterparty: opt(tx.counterparty.as_deref()).map(Text::Borrowed),
            reference: opt(tx.reference.as_deref()).map(Text::Borrowed),
            reconciled: opt(tx.reconciled),
            amount: Slot::Value(tx.amount),
            balance: opt(tx.balance),
            transaction_type: opt(tx.transaction_type),
            unreadable: false,
        }
    }

    /// A line with every field absent, to be read into with [`Row::read_run`].
    #[inline]
    pub fn absent() -> Self {
        Row {
            id: Slot::Absent,
            date: Slot::Absent,
            description: Slot::Absent,
            counterparty: Slot::Absent,
            reference: Slot::Absent,
            reconciled: Slot::Absent,
            amount: Slot::Absent,
            balance: Slot::Absent,
            transaction_type: Slot::Absent,
            unreadable: false,
        }
    }

    /// Reads a raw record's fields (positions in [`KNOWN_FIELDS`]) into this line (every field
    /// overwritten), adding every field of the wrong type or format to `findings`; `keep` turns
    /// the text the line keeps (id, description, counterparty, reference) into its own.
    #[inline(always)]
    pub fn read_from<'b>(
        &mut self,
        index: usize,
        record: &impl FieldSource<'b>,
        keep: impl Fn(&'b str) -> Text<'a>,
        findings: &mut Vec<Issue>,
    ) {
        Row::read_run(
            index,
            &Single(record),
            keep,
            std::slice::from_mut(self),
            findings,
        );
    }

    /// Reads a run of lines numbered from `first` into `rows` (one per line of the run, each
    /// field overwritten) as [`Row::read_from`] reads one, but field by field: each field's
    /// cells come in one pass over the run, so a table's column is matched on its type once a
    /// run, not once a cell. The findings are added in line order, each line's in field order.
    #[inline]
    pub fn read_run<'b>(
        first: usize,
        run: &impl FieldRun<'b>,
        keep: impl Fn(&'b str) -> Text<'a>,
        rows: &mut [Row<'a>],
        findings: &mut Vec<Issue>,
    ) {
        let start = findings.len();
        run.each_cell(
            0,
            #[inline(always)]
            |k, value| {
                rows[k].id = read_id(value, first + k, findings).map(&keep);
                rows[k].unreadable = false;
            },
        );
        /// Reads field `position` of every line with `read`, storing it with `set`.
        #[inline(always)]
        fn fill<'b, 'a, T>(
            run: &impl FieldRun<'b>,
            position: usize,
            first: usize,
            rows: &mut [Row<'a>],
            findings: &mut Vec<Issue>,
            read: impl Fn(Option<RawValue<'b>>, At<'_>, &mut Vec<Issue>) -> T,
            set: impl Fn(&mut Row<'a>, T),
        ) {
            run.each_cell(
                position,
                #[inline(always)]
                |k, value| {
                    let value = read(value, &|| rows[k].location(first + k), findings);
                    set(&mut rows[k], value);
                },
            );
        }
        fill(run, 1, first, rows, findings, read_date, |row, v| {
            row.date = v;
        });
        let text = |field| {
            let keep = &keep;
            #[inline(always)]
            move |value, at: At<'_>, findings: &mut Vec<Issue>| {
                read_str(value, field, at, findings).map(keep)
            }
        };
        fill(
            run,
            2,
            first,
            rows,
            findings,
            text("description"),
            |row, v| {
                row.description = v;
            },
        );
        fill(
            run,
            3,
            first,
            rows,
            findings,
            text("counterparty"),
            |row, v| {
                row.counterparty = v;
            },
        );
        fill(
            run,
            4,
            first,
            rows,
            findings,
            text("reference"),
            |row, v| {
                row.reference = v;
            },
        );
        let boolean = |value, at: At<'_>, findings: &mut Vec<Issue>| {
            read_bool(value, "reconciled", at, findings)
        };
        fill(run, 5, first, rows, findings, boolean, |row, v| {
            row.reconciled = v;
        });
        let money = |field| {
            #[inline(always)]
            move |value, at: At<'_>, findings: &mut Vec<Issue>| {
                read_money(value, field, at, findings)
            }
        };
        fill(run, 6, first, rows, findings, money("amount"), |row, v| {
            row.amount = v;
        });
        fill(run, 7, first, rows, findings, money("balance"), |row, v| {
            row.balance = v;
        });
        fill(run, 8, first, rows, findings, read_type, |row, v| {
            row.transaction_type = v;
        });
        run.each_unknown(|k, key| {
            findings.push(rows[k].location(first + k).issue(
                IssueCode::UnknownField,
                Some(key),
                format!("`{key}` is not a bank transaction field; it will not be sent"),
            ));
        });
        if rows.len() > 1 {
            // Found field by field; a stable sort puts them line by line, in field order.
            findings[start..].sort_by_key(|issue| issue.index);
        }
    }

    /// A line that is not an object at all (`got` names what it is: `"a string"`).
    pub fn unreadable(index: usize, got: &str, findings: &mut Vec<Issue>) -> Self {
        findings.push(Location { index, id: None }.issue(
            IssueCode::InvalidRecord,
            None,
            format!("expected an object with the transaction's fields, got {got}"),
        ));
        Row {
            id: Slot::Invalid,
            date: Slot::Invalid,
            description: Slot::Invalid,
            counterparty: Slot::Invalid,
            reference: Slot::Invalid,
            reconciled: Slot::Invalid,
            amount: Slot::Invalid,
            balance: Slot::Invalid,
            transaction_type: Slot::Invalid,
            unreadable: true,
        }
    }

    /// The same line owning its text.
    pub fn into_owned(self) -> Row<'static> {
        Row {
            id: self.id.into_owned(),
            description: self.description.into_owned(),
            counterparty: self.counterparty.into_owned(),
            reference: self.reference.into_owned(),
            ..self
        }
    }

    /// Where the line is: its index and usable id.
    pub fn location(&self, index: usize) -> Location<'_> {
        Location {
            index,
            id: self.id.text(),
        }
    }

    /// Builds the transaction to send, its date as wall-clock time (instants converted into
    /// `zone` when one is given); `None` when a mandatory part is unusable.
    pub fn to_transaction(&self, zone: Option<chrono_tz::Tz>) -> Option<Transaction> {
        Some(Transaction {
            id: self.id.text()?.to_owned(),
            date: self.date.get()?.in_zone(zone),
            description: self.description.text().map(str::to_owned),
            counterparty: self.counterparty.text().map(str::to_owned),
            reference: self.reference.text().map(str::to_owned),
            reconciled: self.reconciled.get(),
            amount: self.amount.get()?,
            balance: self.balance.get(),
            transaction_type: self.transaction_type.get(),
        })
    }
}

/// The id a cell holds when it is usable: text without control characters (what
/// [`Row::read_from`] keeps as the line's id).
pub(crate) fn id_text(value: Option<RawValue<'_>>) -> Option<&str> {
    match value {
        Some(RawValue::Text(s)) if control_char(s, false).is_none() => Some(s),
        _ => None,
    }
}

/// The usual cells read inline; anything else (and every finding) is read by the `_fully`
/// function below it. The same holds for each `read_` function.
#[inline]
fn read_id<'b>(
    value: Option<RawValue<'b>>,
    index: usize,
    findings: &mut Vec<Issue>,
) -> Slot<&'b str> {
    match value {
        Some(RawValue::Text(s)) if !may_hold_control(s.as_bytes()) => Slot::Value(s),
        _ => read_id_fully(value, index, findings),
    }
}

/// [`read_id`] for any cell, with its findings.
#[inline(never)]
fn read_id_fully<'b>(
    value: Option<RawValue<'b>>,
    index: usize,
    findings: &mut Vec<Issue>,
) -> Slot<&'b str> {
    match value {
        None => Slot::Absent,
        Some(RawValue::Null) => Slot::Null,
        Some(RawValue::Text(s)) => match control_char(s, false) {
            None => Slot::Value(s),
            Some(found) => {
                findings.push(Location { index, id: None }.issue(
                    IssueCode::InvalidField,
                    Some("id"),
                    format!("`id` {found}; ids are plain text — remove it"),
                ));
                Slot::Invalid
            }
        },
        Some(other) => {
            findings.push(Location { index, id: None }.issue(
                IssueCode::InvalidField,
                Some("id"),
                format!(
                    "`id` must be a string, got {}; send ids as text",
                    other.kind()
                ),
            ));
            Slot::Invalid
        }
    }
}

#[inline]
fn read_str<'b>(
    value: Option<RawValue<'b>>,
    field: &str,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<&'b str> {
    match value {
        Some(RawValue::Text(s)) if !may_hold_control(s.as_bytes()) => Slot::Value(s),
        None => Slot::Absent,
        _ => read_str_fully(value, field, at, findings),
    }
}

/// [`read_str`] for any cell, with its findings.
#[inline(never)]
fn read_str_fully<'b>(
    value: Option<RawValue<'b>>,
    field: &str,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<&'b str> {
    match value {
        None => Slot::Absent,
        Some(RawValue::Null) => Slot::Null,
        Some(RawValue::Text(s)) => match control_char(s, true) {
            None => Slot::Value(s),
            Some(found) => {
                findings.push(at().issue(
                    IssueCode::InvalidField,
                    Some(field),
                    format!(
                        "`{field}` {found}; only tabs and line breaks may be in the text — \
                         remove it"
                    ),
                ));
                Slot::Invalid
            }
        },
        Some(other) => {
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some(field),
                format!("`{field}` must be a string, got {}", other.kind()),
            ));
            Slot::Invalid
        }
    }
}

/// The first control character of `s` (NUL, escape, C1 controls…; tab, line feed and carriage
/// return too unless `breaks_allowed`), described with its position: `contains the control
/// character U+0000 at character 3`.
#[inline]
fn control_char(s: &str, breaks_allowed: bool) -> Option<String> {
    if !may_hold_control(s.as_bytes()) {
        return None;
    }
    first_control(s, breaks_allowed)
}

#[cold]
fn first_control(s: &str, breaks_allowed: bool) -> Option<String> {
    let allowed = |c: char| breaks_allowed && matches!(c, '\t' | '\n' | '\r');
    s.chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() && !allowed(c))
        .map(|(at, c)| {
            format!(
                "contains the control character U+{:04X} at character {}",
                u32::from(c),
                at + 1
            )
        })
}

/// Whether `bytes` may hold a control character: every one starts with a byte below 0x20, 0x7F
/// or 0xC2 (C1 controls). Checked eight bytes at a time; `false` is certain, `true` is checked
/// character by character.
#[inline]
fn may_hold_control(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Whether a byte of `word` is zero, or (with `below`) less than 0x20: exact for whether
    // any byte is, the classic bit trick.
    let zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let below = |word: u64| word.wrapping_sub(0x20 * ONES) & !word & HIGHS != 0;
    let suspect =
        |word: u64| below(word) || zero(word ^ (0x7f * ONES)) || zero(word ^ (0xc2 * ONES));
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if suspect(word) {
            return true;
        }
    }
    words
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == 0x7f || b == 0xc2)
}

fn read_bool(
    value: Option<RawValue<'_>>,
    field: &str,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<bool> {
    match value {
        None => Slot::Absent,
        Some(RawValue::Null) => Slot::Null,
        Some(RawValue::Bool(b)) => Slot::Value(b),
        Some(other) => {
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some(field),
                format!("`{field}` must be true or false, got {}", other.kind()),
            ));
            Slot::Invalid
        }
    }
}

#[inline]
fn read_date(
    value: Option<RawValue<'_>>,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<WrittenDate> {
    match value {
        Some(RawValue::Date(d)) => Slot::Value(WrittenDate::local(d)),
        Some(RawValue::Text(s)) if let Some(d) = parse_written(s) => Slot::Value(d),
        _ => read_date_fully(value, at, findings),
    }
}

/// [`read_date`] for any cell, with its findings.
#[inline(never)]
fn read_date_fully(
    value: Option<RawValue<'_>>,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<WrittenDate> {
    match value {
        None => Slot::Absent,
        Some(RawValue::Null) => Slot::Null,
        Some(RawValue::Date(d)) => Slot::Value(WrittenDate::local(d)),
        Some(RawValue::Text(s)) => match parse_written(s) {
            Some(d) => Slot::Value(d),
            None => {
                findings.push(at().issue(
                    IssueCode::InvalidField,
                    Some("date"),
                    format!(
                        "`date` {s:?} is not a valid ISO 8601 date; use YYYY-MM-DD or \
                         YYYY-MM-DDTHH:MM:SS (seconds 00-59, years from 0001), optionally with \
                         Z or an offset"
                    ),
                ));
                Slot::Invalid
            }
        },
        Some(other) => {
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some("date"),
                format!(
                    "`date` must be an ISO 8601 string such as \"2026-03-01T10:21:00\", got {}",
                    other.kind()
                ),
            ));
            Slot::Invalid
        }
    }
}

#[inline]
fn read_money(
    value: Option<RawValue<'_>>,
    field: &str,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<Decimal> {
    match value {
        Some(RawValue::Decimal(d)) => Slot::Value(d),
        Some(RawValue::Number(text) | RawValue::Text(text)) if let Ok(d) = parse_decimal(text) => {
            Slot::Value(d)
        }
        _ => read_money_fully(value, field, at, findings),
    }
}

/// [`read_money`] for any cell, with its findings.
#[inline(never)]
fn read_money_fully(
    value: Option<RawValue<'_>>,
    field: &str,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<Decimal> {
    let parsed = match value {
        None => return Slot::Absent,
        Some(RawValue::Null) => return Slot::Null,
        Some(RawValue::Decimal(d)) => return Slot::Value(d),
        Some(RawValue::Number(text) | RawValue::Text(text)) => parse_decimal(text),
        Some(RawValue::Float(f)) => decimal_from_f64(f),
        Some(other) => {
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some(field),
                format!(
                    "`{field}` must be a number or a decimal string, got {}",
                    other.kind()
                ),
            ));
            return Slot::Invalid;
        }
    };
    let shown = || match value {
        Some(RawValue::Float(f)) => float_text(f),
        Some(RawValue::Number(text) | RawValue::Text(text)) => text.to_owned(),
        _ => String::new(),
    };
    match parsed {
        Ok(d) => Slot::Value(d),
        Err(MoneyError::NotANumber) => {
            let shown = match value {
                Some(RawValue::Float(_)) => shown(),
                _ => format!("{:?}", shown()),
            };
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some(field),
                format!(
                    "`{field}` {shown} is not a decimal number; use digits with a '.' decimal \
                     point and no thousands separators, e.g. -1234.50"
                ),
            ));
            Slot::Invalid
        }
        Err(MoneyError::OutOfRange) => {
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some(field),
                format!(
                    "`{field}` {} cannot be held exactly (at most 28 significant digits and \
                     28 decimal places); check the value",
                    shown()
                ),
            ));
            Slot::Invalid
        }
    }
}

/// A float as messages show it: its shortest decimal, or `NaN`, `Infinity`, `-Infinity`.
fn float_text(f: f64) -> String {
    match f {
        f if f.is_nan() => "NaN".to_owned(),
        f64::INFINITY => "Infinity".to_owned(),
        f64::NEG_INFINITY => "-Infinity".to_owned(),
        f => f.to_string(),
    }
}

#[inline]
fn read_type(
    value: Option<RawValue<'_>>,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<TransactionType> {
    match value.and_then(|v| match v {
        RawValue::Text(s) => TransactionType::from_wire(s),
        _ => None,
    }) {
        Some(t) => Slot::Value(t),
        None => read_type_fully(value, at, findings),
    }
}

/// [`read_type`] for any cell, with its findings.
#[inline(never)]
fn read_type_fully(
    value: Option<RawValue<'_>>,
    at: At<'_>,
    findings: &mut Vec<Issue>,
) -> Slot<TransactionType> {
    match value {
        None => Slot::Absent,
        Some(RawValue::Null) => Slot::Null,
        Some(RawValue::Text(s)) => match TransactionType::from_wire(s) {
            Some(t) => Slot::Value(t),
            None => {
                let names: Vec<&str> = TransactionType::ALL.iter().map(|t| t.as_str()).collect();
                findings.push(at().issue(
                    IssueCode::InvalidField,
                    Some("transactionType"),
                    format!(
                        "`transactionType` {s:?} is not one of Codat's types ({}); names are \
                         case-sensitive",
                        names.join(", ")
                    ),
                ));
                Slot::Invalid
            }
        },
        Some(other) => {
            findings.push(at().issue(
                IssueCode::InvalidField,
                Some("transactionType"),
                format!(
                    "`transactionType` must be a string such as \"Debit\", got {}",
                    other.kind()
                ),
            ));
            Slot::Invalid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_scan_flags_exactly_the_bytes_a_control_starts_with() {
        for len in [1, 7, 8, 9, 17, 24] {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let expected = b < 0x20 || b == 0x7f || b == 0xc2;
                    assert_eq!(
                        may_hold_control(&bytes),
                        expected,
                        "byte {b:#x} at {at} of {len}"
                    );
                }
            }
        }
        assert!(!may_hold_control("Café — 12 ✓ naïve".as_bytes()));
    }
}
