//! Where the rules read lines from: [`Lines`] read before, or tables whose rows are read as they
//! are checked.

use super::duplicates::line_id_hash;
use super::issue::Issue;
use super::lines::Lines;
use super::row::{Row, id_text};
use super::table::{Table, TableColumn};
use super::text::Text;

/// Lines to check, numbered from 0, visited in ascending order.
pub(crate) trait LineSource<'s> {
    /// How many lines there are.
    fn len(&self) -> usize;
    /// The [`line_id_hash`] of line `i`'s id.
    fn id_hash(&self, i: usize) -> u64;
    /// The id of line `i`, when it is text.
    fn id(&self, i: usize) -> Option<&'s str>;
    /// Hands line `i` to `check` with the findings of reading it; lines are visited in ascending
    /// order, each at most once.
    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>));
}

/// Lines already read (the whole feed, or a chunk of it), with the position of the next reading
/// finding to hand out.
pub(crate) struct Held<'l, 'a> {
    lines: &'l Lines<'a>,
    next_finding: usize,
}

impl<'l, 'a> Held<'l, 'a> {
    pub fn new(lines: &'l Lines<'a>) -> Self {
        Held {
            lines,
            next_finding: 0,
        }
    }
}

impl<'l> LineSource<'l> for Held<'l, '_> {
    fn len(&self) -> usize {
        self.lines.len()
    }

    fn id_hash(&self, i: usize) -> u64 {
        self.lines.id_hashes()[i]
    }

    fn id(&self, i: usize) -> Option<&'l str> {
        self.lines.rows()[i].id.text()
    }

    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>)) {
        let findings = self.lines.findings();
        // Findings carry feed positions, which a later chunk's lines start counting from.
        let at = self.lines.first_index() + i;
        let before = |issue: &Issue| issue.index.is_some_and(|index| index < at);
        let on = |issue: &Issue| issue.index == Some(at);
        while findings.get(self.next_finding).is_some_and(before) {
            self.next_finding += 1;
        }
        let start = self.next_finding;
        while findings.get(self.next_finding).is_some_and(on) {
            self.next_finding += 1;
        }
        check(&findings[start..self.next_finding], &self.lines.rows()[i]);
    }
}

/// Tables read row by row as they are checked, one after another, their text borrowed.
pub(crate) struct Tables<'t, 'c, C> {
    tables: &'t [Table<'c, C>],
    /// The first line of each table, and the total after the last.
    starts: Vec<usize>,
    /// The reading findings of the line being visited.
    findings: Vec<Issue>,
}

impl<'t, 'c, C: TableColumn> Tables<'t, 'c, C> {
    pub fn new(tables: &'t [Table<'c, C>]) -> Self {
        let mut starts = Vec::with_capacity(tables.len() + 1);
        let mut total = 0;
        starts.push(0);
        for table in tables {
            total += table.len();
            starts.push(total);
        }
        Tables {
            tables,
            starts,
            findings: Vec::new(),
        }
    }

    /// The table holding line `i`, and the row there.
    fn locate(&self, i: usize) -> (&'t Table<'c, C>, usize) {
        let t = self.starts.partition_point(|&start| start <= i) - 1;
        (&self.tables[t], i - self.starts[t])
    }
}

impl<'c, C: TableColumn> LineSource<'c> for Tables<'_, 'c, C> {
    fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    fn id_hash(&self, i: usize) -> u64 {
        line_id_hash(self.id(i))
    }

    fn id(&self, i: usize) -> Option<&'c str> {
        let (table, row) = self.locate(i);
        id_text(table.id(row))
    }

    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>)) {
        let (table, row) = self.locate(i);
        self.findings.clear();
        let row = Row::read(i, &table.row(row), Text::Borrowed, &mut self.findings);
        check(&self.findings, &row);
    }
}
