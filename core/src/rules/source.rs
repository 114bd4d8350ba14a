//! Where the rules read lines from: [`Lines`] read before, or tables whose rows are read as they
//! are checked.

use std::ops::Range;

use super::duplicates::line_id_hash;
use super::issue::Issue;
use super::lines::Lines;
use super::row::{Row, id_text};
use super::table::{RUN, Table, TableColumn};
use super::text::Text;

/// Lines to check, numbered from 0: their ids for the duplicate search, and visitors that hand
/// the lines themselves to the rules (several may visit parts of the lines at once).
pub(crate) trait LineSource<'s>: Sync {
    /// What visits the lines.
    type Visitor<'v>: Visit
    where
        Self: 'v;
    /// How many lines there are.
    fn len(&self) -> usize;
    /// The [`line_id_hash`] of line `i`'s id.
    fn id_hash(&self, i: usize) -> u64;
    /// The id of line `i`, when it is text.
    fn id(&self, i: usize) -> Option<&'s str>;
    /// A visitor of the lines.
    fn visitor(&self) -> Self::Visitor<'_>;
}

/// Hands lines to the rules.
pub(crate) trait Visit {
    /// Hands line `i` to `check` with the findings of reading it; lines are visited in ascending
    /// order, each at most once.
    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>));
}

/// Lines already read (the whole feed, or a chunk of it).
pub(crate) struct Held<'l, 'a> {
    lines: &'l Lines<'a>,
}

impl<'l, 'a> Held<'l, 'a> {
    pub fn new(lines: &'l Lines<'a>) -> Self {
        Held { lines }
    }
}

impl<'l> LineSource<'l> for Held<'l, '_> {
    type Visitor<'v>
        = HeldVisitor<'v, 'l>
    where
        Self: 'v;

    fn len(&self) -> usize {
        self.lines.len()
    }

    fn id_hash(&self, i: usize) -> u64 {
        self.lines.id_hashes()[i]
    }

    fn id(&self, i: usize) -> Option<&'l str> {
        self.lines.rows()[i].id.text()
    }

    fn visitor(&self) -> HeldVisitor<'_, 'l> {
        HeldVisitor {
            lines: self.lines,
            next_finding: 0,
        }
    }
}

/// Visits lines already read, with the position of the next reading finding to hand out.
pub(crate) struct HeldVisitor<'v, 'a> {
    lines: &'v Lines<'a>,
    next_finding: usize,
}

impl Visit for HeldVisitor<'_, '_> {
    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>)) {
        // Findings carry feed positions, which a later chunk's lines start counting from.
        let at = self.lines.first_index() + i;
        let found = findings_of(self.lines.findings(), &mut self.next_finding, at);
        check(&self.lines.findings()[found], &self.lines.rows()[i]);
    }
}

/// Tables laid end to end, their lines numbered through, read a run of rows at a time as they
/// are checked, their text borrowed.
pub(crate) struct Tables<'t, 'c, C> {
    tables: &'t [Table<'c, C>],
    /// The first line of each table, and the total after the last.
    starts: Vec<usize>,
    /// The [`line_id_hash`] of every line's id, read from the id columns up front.
    hashes: Vec<u64>,
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
        let mut hashes = Vec::with_capacity(total);
        for table in tables {
            table.each_id(|cell| hashes.push(line_id_hash(id_text(cell))));
        }
        Tables {
            tables,
            starts,
            hashes,
        }
    }

    /// The table holding line `i`, and the row there.
    fn locate(&self, i: usize) -> (&'t Table<'c, C>, usize) {
        let t = self.starts.partition_point(|&start| start <= i) - 1;
        (&self.tables[t], i - self.starts[t])
    }
}

impl<'c, C: TableColumn + Sync> LineSource<'c> for Tables<'_, 'c, C> {
    type Visitor<'v>
        = TableVisitor<'v, 'c, C>
    where
        Self: 'v;

    fn len(&self) -> usize {
        self.hashes.len()
    }

    fn id_hash(&self, i: usize) -> u64 {
        self.hashes[i]
    }

    fn id(&self, i: usize) -> Option<&'c str> {
        let (table, row) = self.locate(i);
        id_text(table.id(row))
    }

    fn visitor(&self) -> TableVisitor<'_, 'c, C> {
        TableVisitor {
            tables: self,
            rows: Vec::new(),
            run_start: 0,
            findings: Vec::new(),
            next_finding: 0,
        }
    }
}

/// Visits the lines of tables: the run of rows read last, from line `run_start`, and the
/// findings of reading it (in line order) with the next to hand out.
pub(crate) struct TableVisitor<'v, 'c, C> {
    tables: &'v Tables<'v, 'c, C>,
    rows: Vec<Row<'c>>,
    run_start: usize,
    findings: Vec<Issue>,
    next_finding: usize,
}

impl<C: TableColumn> TableVisitor<'_, '_, C> {
    /// Reads the run of lines starting at line `i`, up to the end of its table.
    fn read_run(&mut self, i: usize) {
        let (table, row) = self.tables.locate(i);
        let rows = row..table.len().min(row + RUN);
        // Every field of a line is read over, so the lines of the run before are reused.
        self.rows.resize_with(rows.len(), Row::absent);
        self.findings.clear();
        self.next_finding = 0;
        Row::read_run(
            i,
            &table.run(rows),
            Text::Borrowed,
            &mut self.rows,
            &mut self.findings,
        );
        self.run_start = i;
    }
}

impl<C: TableColumn> Visit for TableVisitor<'_, '_, C> {
    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>)) {
        if !(self.run_start..self.run_start + self.rows.len()).contains(&i) {
            self.read_run(i);
        }
        let found = findings_of(&self.findings, &mut self.next_finding, i);
        check(&self.findings[found], &self.rows[i - self.run_start]);
    }
}

/// Where the findings of line `at` are in `findings` (in line order), starting the search at
/// `next`, which is left after them: lines are asked about in ascending order.
fn findings_of(findings: &[Issue], next: &mut usize, at: usize) -> Range<usize> {
    let before = |issue: &Issue| issue.index.is_some_and(|index| index < at);
    let on = |issue: &Issue| issue.index == Some(at);
    while findings.get(*next).is_some_and(before) {
        *next += 1;
    }
    let start = *next;
    while findings.get(*next).is_some_and(on) {
        *next += 1;
    }
    start..*next
}
