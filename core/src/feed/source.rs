//! Pushing a feed too big to hold: read from its source three times, chunk by chunk — ids, then
//! validation and the batch plan, then the batches themselves — so memory does not grow with it.

use uuid::Uuid;

use super::{
    FeedOptions, FeedReport, Hold, Pipeline, Progress, Sent, blocking, check_options, emit,
    incomplete, send,
};
use crate::batch::{PushTarget, idempotency_key};
use crate::error::Error;
use crate::model::Transaction;
use crate::rules::{IdSet, Lines, StreamValidation, ValidationContext};

/// Lines per chunk a [`LineSource`] hands over at a time: large enough that a chunk's overhead
/// vanishes, small enough that a chunk's memory does.
pub const SOURCE_CHUNK_LINES: usize = 1000;

/// A feed that can be read again from its start, chunk by chunk: a file, a table. For
/// [`Pipeline::push_source`].
pub trait LineSource: Send + Sync {
    /// The feed from its start, as chunks in order, each numbered from its place in the feed
    /// ([`Lines::starting_at`], [`Lines::from_json_at`]). A chunk that cannot be read is an
    /// error naming where (a `CONFIG` error such as `line 7: …`).
    fn chunks(&self) -> Result<Chunks<'_>, Error>;
}

/// The chunks of a [`LineSource`], read one at a time.
pub type Chunks<'a> = Box<dyn Iterator<Item = Result<Lines<'static>, Error>> + Send + 'a>;

/// What the first two passes learned: the lines to leave out, and the batches to send.
struct Plan {
    /// Feed positions whose id already landed, ascending.
    already_pushed: Vec<usize>,
    /// Feed positions with errors (left out with `skip_invalid`), ascending.
    skipped: Vec<usize>,
    /// Size and key of every batch, in order.
    batches: Vec<(usize, Uuid)>,
    /// Lines to send in all.
    total: usize,
}

impl Plan {
    /// Whether the line at `index` is sent.
    fn sends(&self, index: usize) -> bool {
        self.already_pushed.binary_search(&index).is_err()
            && self.skipped.binary_search(&index).is_err()
    }
}

impl Pipeline {
    /// [`Pipeline::push_feed`] for a feed read from `source`, with memory bounded by the batch
    /// size rather than the feed's length: the source is read once for the ids (which are looked
    /// up in the cursor store chunk by chunk), once to validate the whole feed and plan its
    /// batches, and once more to send them. The whole-feed rule holds: with errors and without
    /// `skip_invalid`, nothing is sent. Batches, keys and the report are those
    /// [`Pipeline::push_lines`] gives for the same lines.
    ///
    /// A batch read in the last pass that differs from the one planned (the source changed in
    /// between) is not sent: the run stops with an `Incomplete` error caused by `CONFIG`.
    pub async fn push_source(
        &self,
        target: &PushTarget,
        source: &dyn LineSource,
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        check_options(options)?;
        let hold = Hold::take(&self.store, target, options.lease_ttl, options.lease_wait).await?;
        let result = self.run_source(&hold, target, source, options).await;
        if let Err(e) = hold.release().await {
            tracing::warn!(error = %e, "could not release the account's lease; it expires on its own");
        }
        result
    }

    async fn run_source(
        &self,
        hold: &Hold,
        target: &PushTarget,
        source: &dyn LineSource,
        options: &FeedOptions,
    ) -> Result<FeedReport, Error> {
        let report = FeedReport::new(target.clone(), 0);
        // Should settling an earlier run's batch fail, the report still says how long the feed is.
        let count = || {
            let chunks = source.chunks().ok()?;
            chunks
                .map(|c| c.map(|c| c.len()))
                .sum::<Result<usize, _>>()
                .ok()
        };
        let (mut run, state, mut report) = self.begin(hold, target, options, report, count).await?;
        let mut cursor = state.cursor.clone();
        // Lines already pushed are found per chunk and left out, so no id is looked up whole.
        cursor.recent_ids = IdSet::default();
        let mut ctx = ValidationContext::new(&options.profile, &cursor).in_zone(options.time_zone);
        if let Some(today) = options.today {
            ctx = ctx.on(today);
        }

        let mut validation = StreamValidation::new(&ctx);
        let mut already_pushed = Vec::new();
        let mut lines = 0;
        for chunk in source.chunks()? {
            let chunk = chunk?;
            lines += chunk.len();
            already_pushed.extend(self.pushed_in(target, &chunk).await?);
            validation.scan(&chunk, |i| already_pushed.binary_search(&i).is_err());
        }
        report.total = lines;

        let mut batches = Vec::new();
        let mut pending: Vec<Transaction> = Vec::with_capacity(options.batch_size);
        let mut total = 0;
        for chunk in source.chunks()? {
            let chunk = chunk?;
            for index in validation.check(&chunk, |i| already_pushed.binary_search(&i).is_err()) {
                pending.extend(chunk.transaction_at(index, options.time_zone));
                if pending.len() == options.batch_size {
                    batches.push((pending.len(), idempotency_key(target, &pending)));
                    total += pending.len();
                    pending.clear();
                }
            }
        }
        if !pending.is_empty() {
            batches.push((pending.len(), idempotency_key(target, &pending)));
            total += pending.len();
        }
        let validation = validation.finish()?;
        let plan = Plan {
            skipped: validation.error_indices(),
            already_pushed,
            batches,
            total,
        };
        report.already_pushed = plan.already_pushed.clone();
        report.skipped = plan.skipped.clone();
        report.validation = validation;
        report.balance = cursor.last_balance;
        if !report.validation.is_ok() && !options.skip_invalid {
            return Err(Error::Validation(Box::new(report.validation)));
        }
        self.check_connected(target, options).await?;

        emit(options, || Progress::Planned {
            account_id: target.account_id.clone(),
            transactions: plan.total,
            batches: plan.batches.len(),
        });
        let mut planned = plan.batches.iter().enumerate();
        let mut next = planned.next();
        let mut pending: Vec<Transaction> = Vec::with_capacity(options.batch_size);
        let mut read = 0;
        for chunk in source.chunks()? {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                Err(e) => return Err(incomplete(e, report)),
            };
            let first = chunk.first_index();
            read += chunk.len();
            for index in first..first + chunk.len() {
                let Some(&(sequence, &(size, key))) = next.as_ref() else {
                    // Every planned batch landed; the rest is only counted.
                    break;
                };
                if !plan.sends(index) {
                    continue;
                }
                pending.extend(chunk.transaction_at(index, options.time_zone));
                if pending.len() < size {
                    continue;
                }
                let lines = std::mem::replace(&mut pending, Vec::with_capacity(size));
                if idempotency_key(target, &lines) != key {
                    return Err(incomplete(changed(sequence), report));
                }
                let sent = Sent {
                    sequence,
                    key: state.usable_key(key),
                    total: plan.total,
                };
                if let Err(e) = send(&mut run, sent, lines, &mut report).await {
                    return Err(incomplete(e, report));
                }
                next = planned.next();
            }
        }
        if let Some((sequence, _)) = next {
            return Err(incomplete(changed(sequence), report));
        }
        if read != report.total {
            return Err(incomplete(resized(report.total, read), report));
        }
        Ok(report)
    }

    /// The feed positions in `chunk` whose id the cursor store says already landed.
    async fn pushed_in(&self, target: &PushTarget, chunk: &Lines<'_>) -> Result<Vec<usize>, Error> {
        let ids: Vec<(usize, String)> = (0..chunk.len())
            .filter_map(|k| Some((chunk.first_index() + k, chunk.id(k)?.to_owned())))
            .collect();
        let t = target.clone();
        blocking(&self.store, move |s| {
            let texts: Vec<&str> = ids.iter().map(|(_, id)| id.as_str()).collect();
            let pushed = s.find_pushed(&t, &texts)?;
            Ok(ids
                .iter()
                .filter(|(_, id)| pushed.contains(id))
                .map(|&(index, _)| index)
                .collect())
        })
        .await
    }
}

/// The error for a source whose length changed after its batches were planned (they all landed).
fn resized(validated: usize, now: usize) -> Error {
    Error::config(format!(
        "the feed changed while it was pushed: it had {validated} lines when it was validated and \
         {now} once its batches were sent; every batch planned from the {validated} landed, and \
         lines added since were neither validated nor sent — run it again to push them"
    ))
}

/// The error for a source that no longer gives the batch it gave when planned.
fn changed(sequence: usize) -> Error {
    Error::config(format!(
        "the feed changed while it was pushed: batch {sequence} no longer holds the lines it was \
         validated with, so it was not sent (the batches before it landed); leave the file \
         unchanged during a push and run it again"
    ))
}
