//! Tables read row by row: each row's fields read cell by cell from the columns as the line is
//! read, with no record built for the row (how Arrow tables and DataFrames come in).

use super::raw::{FieldSource, RawValue};
use super::row::KNOWN_FIELDS;

/// A column whose cells are read by row.
pub trait TableColumn {
    /// The cell at `row`, `None` when it is empty (null).
    fn cell(&self, row: usize) -> Option<RawValue<'_>>;
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

    /// Row `row`, to hand to [`Lines::push`](super::Lines::push).
    pub fn row(&self, row: usize) -> impl FieldSource<'c> + '_ {
        TableRow { table: self, row }
    }
}

struct TableRow<'t, 'c, C> {
    table: &'t Table<'c, C>,
    row: usize,
}

impl<'c, C: TableColumn> FieldSource<'c> for TableRow<'_, 'c, C> {
    #[inline]
    fn field(&self, position: usize) -> Option<RawValue<'c>> {
        self.table
            .fields
            .get(position)
            .copied()
            .flatten()?
            .cell(self.row)
    }

    fn for_each_unknown(&self, mut each: impl FnMut(&str)) {
        for (name, column) in &self.table.others {
            if column.cell(self.row).is_some() {
                each(name);
            }
        }
    }
}
