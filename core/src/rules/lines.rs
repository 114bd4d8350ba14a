//! Input lines read once, field by field, and kept ready for the rules: what every language
//! package hands the core instead of JSON.

use serde_json::Value;

use super::duplicates::line_id_hash;
use super::issue::{Issue, IssueCode, Report};
use super::raw::{FieldSource, RawRecord};
use super::row::{Row, Slot};
use super::table::{RUN, Table, TableColumn};
use super::text::Text;
use crate::error::Error;
use crate::model::Transaction;

/// Raw input lines, read in order: each line's fields parsed (dates to UTC, money to exact
/// decimals) with the type and format findings kept for the report, and its text held as
/// borrowed from the input or as its own.
///
/// Build one with [`Lines::push`] (from a language package's values) or [`Lines::from_json`],
/// then check it with [`validate_lines`](super::validate_lines) or push it with
/// [`Client::push_lines`](crate::Client::push_lines).
#[derive(Debug, Clone, Default)]
pub struct Lines<'a> {
    rows: Vec<Row<'a>>,
    /// The [`line_id_hash`] of each line's id, 0 where it has no usable, non-blank id: what the
    /// duplicate check needs, taken while the id is at hand, so that the check need not read
    /// the lines again.
    hashes: Vec<u64>,
    /// Reading findings of every line, in line order (each carries its line's index).
    findings: Vec<Issue>,
    /// The feed position of the first line (non-zero for a chunk of a longer feed).
    first: usize,
}

impl<'a> Lines<'a> {
    /// No lines yet, with room for `capacity`.
    pub fn with_capacity(capacity: usize) -> Self {
        Lines {
            rows: Vec::with_capacity(capacity),
            hashes: Vec::with_capacity(capacity),
            findings: Vec::new(),
            first: 0,
        }
    }

    /// A chunk of a longer feed whose first line is at position `first` of the feed: its lines
    /// and findings are numbered from there (see [`StreamValidation`](super::StreamValidation)).
    pub fn starting_at(first: usize, capacity: usize) -> Self {
        Lines {
            first,
            ..Lines::with_capacity(capacity)
        }
    }

    /// Reads a chunk of JSON records starting at feed position `first` into lines that own
    /// their text.
    pub fn from_json_at(first: usize, records: &[Value]) -> Lines<'static> {
        let mut lines = Lines::starting_at(first, records.len());
        for record in records {
            lines.read_json(record, Text::copied);
        }
        lines
    }

    /// The feed position of the first line (0 unless this is a later chunk of a feed).
    pub fn first_index(&self) -> usize {
        self.first
    }

    /// Reads JSON records, borrowing their text. A record that is not an object is reported as
    /// `INVALID_RECORD`.
    pub fn from_json(records: &'a [Value]) -> Self {
        let mut lines = Lines::with_capacity(records.len());
        for record in records {
            lines.read_json(record, Text::Borrowed);
        }
        lines
    }

    /// Reads JSON records into lines that own their text.
    pub fn from_json_owned(records: &[Value]) -> Lines<'static> {
        Lines::from_json_at(0, records)
    }

    /// Reads the next line from its fields wherever they are (a [`RawRecord`], or any
    /// [`FieldSource`]), copying the text it keeps.
    pub fn push<'b>(&mut self, record: &impl FieldSource<'b>) {
        self.read_next(record, Text::copied);
    }

    /// Reads every row of `table` as the next lines, copying the text they keep; the rows are
    /// read a run at a time, each column's cells in one pass.
    pub fn push_table<C: TableColumn>(&mut self, table: &Table<'_, C>) {
        self.read_table(table, Text::copied);
    }

    /// Reads every row of `table` as the next lines, borrowing the text they keep from the
    /// cells (the table's data must outlive the lines).
    pub fn push_table_borrowed<C: TableColumn>(&mut self, table: &Table<'a, C>) {
        self.read_table(table, Text::Borrowed);
    }

    fn read_table<'b, C: TableColumn>(
        &mut self,
        table: &Table<'b, C>,
        keep: impl Fn(&'b str) -> Text<'a> + Copy,
    ) {
        self.reserve(table.len());
        for start in (0..table.len()).step_by(RUN) {
            let run = start..table.len().min(start + RUN);
            let at = self.rows.len();
            self.rows.resize_with(at + run.len(), Row::absent);
            Row::read_run(
                self.first + at,
                &table.run(run),
                keep,
                &mut self.rows[at..],
                &mut self.findings,
            );
            let hashes = self.rows[at..]
                .iter()
                .map(|row| line_id_hash(row.id.text()));
            self.hashes.extend(hashes);
        }
    }

    /// Reads the next line from a JSON value, copying the text it keeps; a value that is not an
    /// object is reported as `INVALID_RECORD`.
    pub fn push_json(&mut self, record: &Value) {
        self.read_json(record, Text::copied);
    }

    /// Reads the next line, borrowing the text it keeps from the record's values (no copies;
    /// the values must outlive the lines).
    pub fn push_borrowed<R: FieldSource<'a>>(&mut self, record: &R) {
        self.read_next(record, Text::Borrowed);
    }

    /// Adds a line that is not a record at all; `got` names what it is (`"a string"`,
    /// `"an array"`), and the line is reported as `INVALID_RECORD`.
    pub fn push_unreadable(&mut self, got: &str) {
        let index = self.first + self.rows.len();
        let row = Row::unreadable(index, got, &mut self.findings);
        self.add(row);
    }

    /// Makes room for `additional` more lines.
    pub fn reserve(&mut self, additional: usize) {
        self.rows.reserve(additional);
        self.hashes.reserve(additional);
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are no lines.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The id of the line at `index` (counted in these lines, from 0), when it is text.
    pub fn id(&self, index: usize) -> Option<&str> {
        self.rows.get(index)?.id.text()
    }

    /// The lines as transactions exactly as given, for a push that applies no profile (such as
    /// `push_batch`): only what a transaction needs is checked — readable fields and an id, a
    /// date and an amount on every line. Fails with `VALIDATION`, listing every such problem.
    pub fn to_transactions(&self) -> Result<Vec<Transaction>, Error> {
        let mut report = Report {
            checked: self.rows.len(),
            ..Report::default()
        };
        for issue in &self.findings {
            report.push(issue.clone());
        }
        let mut transactions = Vec::with_capacity(self.rows.len());
        for (index, row) in self.rows.iter().enumerate() {
            if row.unreadable {
                continue;
            }
            let at = row.location(index);
            let missing = [
                ("id", matches!(row.id, Slot::Absent | Slot::Null)),
                ("date", matches!(row.date, Slot::Absent | Slot::Null)),
                ("amount", matches!(row.amount, Slot::Absent | Slot::Null)),
            ];
            for (field, _) in missing.iter().filter(|(_, gone)| *gone) {
                report.push(at.issue(
                    IssueCode::MissingField,
                    Some(field),
                    format!(
                        "`{field}` is missing; every transaction needs an id, a date and an amount"
                    ),
                ));
            }
            transactions.extend(row.to_transaction(None));
        }
        if report.is_ok() {
            Ok(transactions)
        } else {
            report.errors.sort_by_key(|i| i.index);
            Err(Error::Validation(Box::new(report)))
        }
    }

    /// The same lines owning all their text (for a job that outlives its input).
    pub fn into_owned(self) -> Lines<'static> {
        Lines {
            rows: self.rows.into_iter().map(Row::into_owned).collect(),
            hashes: self.hashes,
            findings: self.findings,
            first: self.first,
        }
    }

    pub(crate) fn rows(&self) -> &[Row<'a>] {
        &self.rows
    }

    /// The [`line_id_hash`] of each line's usable, non-blank id (0 for none), in line order.
    pub(crate) fn id_hashes(&self) -> &[u64] {
        &self.hashes
    }

    fn add(&mut self, row: Row<'a>) {
        self.hashes.push(line_id_hash(row.id.text()));
        self.rows.push(row);
    }

    pub(crate) fn findings(&self) -> &[Issue] {
        &self.findings
    }

    fn read_json<'b>(&mut self, record: &'b Value, keep: impl Fn(&'b str) -> Text<'a>) {
        match RawRecord::from_json(record) {
            Some(raw) => self.read_next(&raw, keep),
            None => {
                let index = self.first + self.rows.len();
                let kind = super::raw::RawValue::from_json(record).kind();
                let row = Row::unreadable(index, kind, &mut self.findings);
                self.add(row);
            }
        }
    }

    /// Reads the next line from `record` straight into its place.
    #[inline]
    fn read_next<'b>(&mut self, record: &impl FieldSource<'b>, keep: impl Fn(&'b str) -> Text<'a>) {
        let index = self.first + self.rows.len();
        self.rows.push(Row::absent());
        let row = self.rows.last_mut().expect("a line was just added");
        row.read_from(index, record, keep, &mut self.findings);
        self.hashes.push(line_id_hash(row.id.text()));
    }
}
