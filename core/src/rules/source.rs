//! Where the rules read lines from: [`Lines`] read before, or tables whose rows are read as they
//! are checked.

use std::ops::Range;
use std::sync::mpsc::{Receiver, Sender, SyncSender};

use super::duplicates::line_id_hash;
use super::issue::Issue;
use super::lines::Lines;
use super::row::{Row, id_text};
use super::table::{RUN, Table, TableColumn};
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
        // Findings carry feed positions, which a later chunk's lines start counting from.
        let at = self.lines.first_index() + i;
        let found = findings_of(self.lines.findings(), &mut self.next_finding, at);
        check(&self.lines.findings()[found], &self.lines.rows()[i]);
    }
}

/// Tables laid end to end, their lines numbered through.
pub(crate) struct Layout<'t, 'c, C> {
    tables: &'t [Table<'c, C>],
    /// The first line of each table, and the total after the last.
    starts: Vec<usize>,
}

impl<'t, 'c, C: TableColumn> Layout<'t, 'c, C> {
    pub fn new(tables: &'t [Table<'c, C>]) -> Self {
        let mut starts = Vec::with_capacity(tables.len() + 1);
        let mut total = 0;
        starts.push(0);
        for table in tables {
            total += table.len();
            starts.push(total);
        }
        Layout { tables, starts }
    }

    /// How many lines there are.
    pub fn len(&self) -> usize {
        self.starts.last().copied().unwrap_or(0)
    }

    /// The table holding line `i`, and the row there.
    fn locate(&self, i: usize) -> (&'t Table<'c, C>, usize) {
        let t = self.starts.partition_point(|&start| start <= i) - 1;
        (&self.tables[t], i - self.starts[t])
    }

    /// Reads the run of lines starting at line `i` (up to the end of its table) into `run`.
    fn read(&self, i: usize, run: &mut Run<'c>) {
        let (table, row) = self.locate(i);
        let rows = row..table.len().min(row + RUN);
        // Every field of a line is read over, so the lines of the run before are reused.
        run.rows.resize_with(rows.len(), Row::absent);
        run.findings.clear();
        Row::read_run(
            i,
            &table.run(rows),
            Text::Borrowed,
            &mut run.rows,
            &mut run.findings,
        );
        run.start = i;
    }

    /// Reads every run in order and sends it to `runs`, taking buffers back from `spent`;
    /// stops early when `runs` has no receiver left.
    pub fn read_ahead(&self, runs: SyncSender<Run<'c>>, spent: Receiver<Run<'c>>) {
        let mut i = 0;
        while i < self.len() {
            let mut run = spent.try_recv().unwrap_or_default();
            self.read(i, &mut run);
            i += run.rows.len();
            if runs.send(run).is_err() {
                return;
            }
        }
    }
}

/// A run of lines read from a table, and the findings of reading them (in line order).
#[derive(Default)]
pub(crate) struct Run<'c> {
    start: usize,
    rows: Vec<Row<'c>>,
    findings: Vec<Issue>,
}

impl Run<'_> {
    fn holds(&self, i: usize) -> bool {
        (self.start..self.start + self.rows.len()).contains(&i)
    }
}

/// Runs read by another thread ([`Layout::read_ahead`]): received in order, given back once
/// checked.
pub(crate) struct Ahead<'c> {
    pub runs: Receiver<Run<'c>>,
    pub spent: Sender<Run<'c>>,
}

/// Tables read a run of rows at a time as they are checked (here, or ahead by another thread),
/// their text borrowed.
pub(crate) struct Tables<'l, 't, 'c, C> {
    layout: &'l Layout<'t, 'c, C>,
    /// The [`line_id_hash`] of every line's id, read from the id columns up front.
    hashes: Vec<u64>,
    /// The run being checked, and the next of its findings to hand out.
    run: Run<'c>,
    next_finding: usize,
    ahead: Option<Ahead<'c>>,
}

impl<'l, 't, 'c, C: TableColumn> Tables<'l, 't, 'c, C> {
    /// The lines of `layout`, read here or, given `ahead`, by another thread.
    pub fn new(layout: &'l Layout<'t, 'c, C>, ahead: Option<Ahead<'c>>) -> Self {
        let mut hashes = Vec::with_capacity(layout.len());
        for table in layout.tables {
            table.each_id(|cell| hashes.push(line_id_hash(id_text(cell))));
        }
        Tables {
            layout,
            hashes,
            run: Run::default(),
            next_finding: 0,
            ahead,
        }
    }

    /// Makes the run holding line `i` the current one.
    fn advance(&mut self, i: usize) {
        self.next_finding = 0;
        let Some(ahead) = &self.ahead else {
            self.layout.read(i, &mut self.run);
            return;
        };
        while !self.run.holds(i) {
            let next = ahead
                .runs
                .recv()
                .expect("the thread reading ahead sends every run");
            let spent = std::mem::replace(&mut self.run, next);
            // The reader may be done already; its buffers are then simply dropped.
            let _ = ahead.spent.send(spent);
        }
    }
}

impl<'c, C: TableColumn> LineSource<'c> for Tables<'_, '_, 'c, C> {
    fn len(&self) -> usize {
        self.hashes.len()
    }

    fn id_hash(&self, i: usize) -> u64 {
        self.hashes[i]
    }

    fn id(&self, i: usize) -> Option<&'c str> {
        let (table, row) = self.layout.locate(i);
        id_text(table.id(row))
    }

    fn visit(&mut self, i: usize, check: impl FnOnce(&[Issue], &Row<'_>)) {
        if !self.run.holds(i) {
            self.advance(i);
        }
        let found = findings_of(&self.run.findings, &mut self.next_finding, i);
        check(
            &self.run.findings[found],
            &self.run.rows[i - self.run.start],
        );
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
