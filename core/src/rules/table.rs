//! Tables read a run of rows at a time: each field's cells read straight from its column, with no
//! record built for a row (how Arrow tables and DataFrames come in).

use std::ops::Range;

use super::raw::RawValue;
use super::row::{FieldRun, KNOWN_FIELDS};

/// Rows read in one run: enough to match each column's type rarely, few enough that the run's
/// lines stay in the CPU's cache until they are checked.
pub(crate) const RUN: usize = 1024;

/// A column whose cells are read by row.
pub trait TableColumn {
    /// The cell at `row`, `None` when it is empty (null).
    fn cell(&self, row: usize) -> Option<RawValue<'_>>;

    /// Hands `each` the cell of every row in `rows`, in order, with the row's place in the run.
    /// A column that can match its type once for the whole run, rather than once a cell,
    /// should do so here.
    fn each_cell<'s>(
        &'s self,
        rows: Range<usize>,
        mut each: impl FnMut(usize, Option<RawValue<'s>>),
    ) {
        for (k, row) in rows.enumerate() {
            each(k, self.cell(row));
        }
    }
}

/// A table's columns by role: the column of each transaction field, and the others (each
/// filled cell of those draws an `UNKNOWN_FIELD` warning, as a record's unknown key does).
pub struct Table<'c, C> {
    rows: usize,
    fields: [Option<&'c C>; KNOWN_FIELDS.len()],
    others: Vec<(&'c str, &'c C)>,
}

impl<'c, C: TableColumn> Table<'c, C> {
    /// The table of `rows` rows in `columns`, each with its field position in
    /// [`KNOWN_FIELDS`] (`None`: not a transaction field) and its name. Of two columns for one
    /// field, the later is read.
    pub fn new(
        rows: usize,
        columns: impl IntoIterator<Item = (Option<usize>, &'c str, &'c C)>,
    ) -> Self {
        let mut table = Table {
            rows,
            fields: [None; KNOWN_FIELDS.len()],
            others: Vec::new(),
        };
        for (position, name, column) in columns {
            match position.and_then(|i| table.fields.get_mut(i)) {
                Some(slot) => *slot = Some(column),
                None => table.others.push((name, column)),
            }
        }
        table
    }

    /// How many rows the table has.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The id cell of row `row`.
    pub(crate) fn id(&self, row: usize) -> Option<RawValue<'c>> {
        self.fields[0]?.cell(row)
    }

    /// Hands `each` the id cell of every row, in order.
    pub(crate) fn each_id(&self, mut each: impl FnMut(Option<RawValue<'c>>)) {
        match self.fields[0] {
            Some(column) => column.each_cell(0..self.rows, |_, cell| each(cell)),
            None => (0..self.rows).for_each(|_| each(None)),
        }
    }

    /// The rows `rows`, to read with [`Row::read_run`](super::row::Row::read_run).
    pub(crate) fn run(&self, rows: Range<usize>) -> TableRun<'_, 'c, C> {
        TableRun { table: self, rows }
    }
}

/// A run of a table's rows.
pub(crate) struct TableRun<'t, 'c, C> {
    table: &'t Table<'c, C>,
    rows: Range<usize>,
}

impl<'c, C: TableColumn> FieldRun<'c> for TableRun<'_, 'c, C> {
    #[inline]
    fn each_cell(&self, position: usize, mut each: impl FnMut(usize, Option<RawValue<'c>>)) {
        match self.table.fields.get(position).copied().flatten() {
            Some(column) => column.each_cell(self.rows.clone(), each),
            None => (0..self.rows.len()).for_each(|k| each(k, None)),
        }
    }

    fn each_unknown(&self, mut each: impl FnMut(usize, &str)) {
        for (name, column) in &self.table.others {
            column.each_cell(self.rows.clone(), |k, cell| {
                if cell.is_some() {
                    each(k, name);
                }
            });
        }
    }
}
