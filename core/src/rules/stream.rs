//! Validating a feed too big to hold: read twice, chunk by chunk, keeping only what the rules
//! need between lines — one 64-bit hash per id during the first pass, and during the second the
//! previous date and balance plus the text of the few ids whose hash repeats.

use std::collections::HashMap;

use super::ValidationContext;
use super::duplicates::{Repeats, repeated_hashes};
use super::engine::{Engine, considered};
use super::issue::Report;
use super::lines::Lines;
use super::source::{Held, LineSource, Visit};
use crate::error::Error;
use crate::model::Transaction;

/// Validation of a feed handed over in chunks of [`Lines`], each numbered from its place in the
/// feed ([`Lines::starting_at`]). Gives exactly the report [`validate_lines`](super::validate_lines)
/// gives for the whole feed.
///
/// Pass 1: [`StreamValidation::scan`] every chunk in order. Then pass 2:
/// [`StreamValidation::check`] every chunk again, in the same order, and
/// [`StreamValidation::finish`] for the report. A line left out by `include` in one pass must be
/// left out in the other.
pub struct StreamValidation<'c> {
    ctx: &'c ValidationContext<'c>,
    /// Pass 1: the hash of every considered id.
    hashes: Vec<u64>,
    /// Pass 2, once started.
    engine: Option<Engine<'c>>,
    checked: usize,
    /// Each pass's lines and ids, folded in order: equal when both passes read the same feed.
    scanned: Fold,
    rechecked: Fold,
}

/// An order-sensitive digest of a pass's ids and its number of lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Fold {
    lines: usize,
    digest: u64,
}

impl Fold {
    fn add(&mut self, chunk: &Lines<'_>) {
        for &id in chunk.id_hashes() {
            self.digest = (self.digest ^ id)
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(7);
            self.lines += 1;
        }
    }
}

impl<'c> StreamValidation<'c> {
    /// Starts pass 1 against `ctx`.
    pub fn new(ctx: &'c ValidationContext<'c>) -> Self {
        StreamValidation {
            ctx,
            hashes: Vec::new(),
            engine: None,
            checked: 0,
            scanned: Fold::default(),
            rechecked: Fold::default(),
        }
    }

    /// Pass 1: notes the ids of the lines of `chunk` that `include` accepts (called with feed
    /// positions).
    pub fn scan(&mut self, chunk: &Lines<'_>, include: impl Fn(usize) -> bool) {
        self.scanned.add(chunk);
        let first = chunk.first_index();
        let pushed_nothing = self.ctx.cursor.pushed_nothing();
        for (k, (&hash, row)) in chunk.id_hashes().iter().zip(chunk.rows()).enumerate() {
            if hash != 0
                && include(first + k)
                && (pushed_nothing || row.id.text().is_some_and(|id| considered(self.ctx, id)))
            {
                self.hashes.push(hash);
            }
        }
    }

    /// Pass 2: checks the lines of `chunk` that `include` accepts, and returns the feed positions
    /// of those without errors (none once the account itself is refused).
    pub fn check(&mut self, chunk: &Lines<'_>, include: impl Fn(usize) -> bool) -> Vec<usize> {
        self.rechecked.add(chunk);
        let ctx = self.ctx;
        let hashes = &mut self.hashes;
        let engine = self.engine.get_or_insert_with(|| {
            let suspects = repeated_hashes(hashes);
            *hashes = Vec::new();
            Engine::new(
                ctx,
                Repeats::Streamed {
                    suspects,
                    first: HashMap::new(),
                },
                0,
            )
        });
        let first = chunk.first_index();
        let source = Held::new(chunk);
        let mut held = source.visitor();
        let mut valid = Vec::with_capacity(chunk.len());
        for k in 0..chunk.len() {
            let index = first + k;
            if !include(index) {
                continue;
            }
            self.checked += 1;
            held.visit(k, |read, row| {
                if engine.check_read(index, read, row) {
                    valid.push(index);
                }
            });
        }
        if engine.report.has_account_error() {
            valid.clear();
        }
        valid
    }

    /// The report over every line checked. Fails with `CONFIG` when the second pass did not read
    /// the lines and ids the first did (the feed changed in between, so a repeated id could
    /// have gone unseen).
    pub fn finish(self) -> Result<Report, Error> {
        if self.scanned != self.rechecked {
            return Err(Error::config(format!(
                "the feed changed while it was validated: the first pass read {} lines, the \
                 second {} (or other ids); nothing was sent — leave the source unchanged and run \
                 again",
                self.scanned.lines, self.rechecked.lines
            )));
        }
        let mut report = match self.engine {
            Some(engine) => engine.report,
            // No chunk at all: an empty feed still gets the account's own findings.
            None => {
                Engine::new(
                    self.ctx,
                    Repeats::Listed {
                        repeats: Vec::new(),
                        seen: 0,
                    },
                    0,
                )
                .report
            }
        };
        report.checked = self.checked;
        Ok(report)
    }
}

impl Lines<'_> {
    /// The line at feed position `index` as a transaction to send, read in `zone` (`None` when
    /// the position is not in these lines or the line cannot be one).
    pub fn transaction_at(&self, index: usize, zone: Option<chrono_tz::Tz>) -> Option<Transaction> {
        self.rows()
            .get(index.checked_sub(self.first_index())?)?
            .to_transaction(zone)
    }
}
