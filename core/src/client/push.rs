//! Pushing one batch (with reconciliation after a server error), polling a push to its end, and
//! the push history as an auto-paginating stream.

use std::time::{Duration, Instant};

use chrono::Utc;
use futures_util::{Stream, StreamExt, TryStreamExt};
use reqwest::Method;
use serde::Serialize;
use uuid::Uuid;

use super::Client;
use super::retry::Deadline;
use super::transport::{Call, Retry};
use crate::batch::{PushTarget, derived_key};
use crate::error::Error;
use crate::model::{Page, PushOperation, PushStatus, Transaction};
use crate::rules::MAX_BATCH_SIZE;

/// Query options of a push.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushOptions {
    /// Codat's `timeoutInMinutes`: the push ends `TimedOut` if not done within it.
    pub timeout_in_minutes: Option<u32>,
    /// Codat's `allowSyncOnPushComplete` (Codat's default: true).
    pub allow_sync_on_push_complete: Option<bool>,
}

/// How to wait for a push to finish: polls spaced in proportion to the time waited so far (so
/// the end is noticed within about `relative_interval` of the wait), at least `initial_interval`
/// and at most `max_interval` apart, up to a deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct WaitOptions {
    /// Shortest wait between polls (and before the first).
    pub initial_interval: Duration,
    /// Longest wait between polls.
    pub max_interval: Duration,
    /// Wait between polls as a fraction of the time waited so far (0.05: a push that takes 10 s
    /// is noticed within about 0.5 s).
    pub relative_interval: f64,
    /// How long Codat is expected to take over the push, when known (the feed pipeline sets it
    /// from Codat's own timestamps of the account's previous push): the first poll is when it
    /// should be done and the next ones 2.5% of it apart, so the end is noticed quickly with few
    /// requests.
    pub expected: Option<Duration>,
    /// How long to wait in all before giving up with `PUSH_TIMED_OUT` (the push keeps going
    /// on Codat's side; a feed's durable cursor keeps its key so a later run resumes polling
    /// it).
    pub deadline: Duration,
    /// With webhooks (a client with a webhook secret), the push's `bankTransactions.write.*`
    /// event ends the wait, and polls are at least this far apart: the fallback for an event
    /// that never comes.
    pub webhook_fallback: Duration,
}

impl Default for WaitOptions {
    fn default() -> Self {
        WaitOptions {
            initial_interval: Duration::from_millis(20),
            max_interval: Duration::from_secs(2),
            relative_interval: 0.05,
            expected: None,
            deadline: Duration::from_secs(15 * 60),
            webhook_fallback: Duration::from_secs(5),
        }
    }
}

/// Most push operations Codat returns on one page.
pub const MAX_PAGE_SIZE: u32 = 5000;

/// Filters and page size for Codat's paged lists (push history, companies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOptions {
    /// Codat query, e.g. `status=Failed`.
    pub query: Option<String>,
    /// Sort field, e.g. `-requestedOnUtc`.
    pub order_by: Option<String>,
    /// Items per page (1 to [`MAX_PAGE_SIZE`]).
    pub page_size: u32,
}

impl ListOptions {
    /// `call` asking for `page` with these options; `CONFIG` when the page or its size is out
    /// of Codat's range.
    pub(super) fn apply(&self, page: u32, call: Call) -> Result<Call, Error> {
        if page == 0 || !(1..=MAX_PAGE_SIZE).contains(&self.page_size) {
            return Err(Error::config(format!(
                "page {page} with page size {} is out of range; pages count from 1 and hold 1 to {MAX_PAGE_SIZE} items",
                self.page_size
            )));
        }
        let mut call = call.query("page", page).query("pageSize", self.page_size);
        if let Some(q) = &self.query {
            call = call.query("query", q);
        }
        if let Some(o) = &self.order_by {
            call = call.query("orderBy", o);
        }
        Ok(call)
    }
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            query: None,
            order_by: None,
            page_size: 100,
        }
    }
}

/// The push body, borrowed (no copy of the lines).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PushBody<'a> {
    account_id: &'a str,
    transactions: &'a [Transaction],
}

/// Times a push is sent again with a new key after a server error it did not survive.
const MAX_RESENDS: u32 = 2;

/// How far before a batch was first sent its push is looked for in the history (clock skew
/// between this machine and Codat).
const HISTORY_MARGIN: chrono::Duration = chrono::Duration::minutes(5);

/// What became of sending one batch.
#[derive(Debug)]
pub(crate) enum Sent {
    /// Codat accepted it (or had, earlier: `replayed` when its answer was a replay of a push
    /// made before this call, by an earlier run or a twin).
    Accepted {
        /// The operation, usually `Pending`.
        op: PushOperation,
        /// Whether the push was made before this call.
        replayed: bool,
    },
    /// Codat answered with an error: the batch is not on Codat under this key.
    Refused(Error),
    /// No usable answer (network, timeouts, 409, 429 after every retry): sending it again under
    /// the same key within Codat's idempotency window settles it.
    Unanswered(Error),
    /// A server error, and the history search that would tell whether the batch landed failed:
    /// its fate is unknown.
    Unknown(Error),
}

impl Client {
    /// Pushes one batch (at most 1000 lines) to `target` with `key` as its Idempotency-Key, and
    /// returns the `Pending` operation.
    ///
    /// Network errors, timeouts, 409 and 429 are retried with the same key, so a push that
    /// landed is never sent twice. After a 5xx (which Codat keeps under the key) feedrail first
    /// looks through the push history for this batch, and only when it is not there sends it
    /// again under a new key. A 5xx error returned from here therefore means the batch was
    /// checked and is not on Codat.
    pub async fn push_batch(
        &self,
        target: &PushTarget,
        lines: &[Transaction],
        key: Uuid,
        options: &PushOptions,
    ) -> Result<PushOperation, Error> {
        if lines.len() > MAX_BATCH_SIZE {
            return Err(Error::config(format!(
                "a push takes at most {MAX_BATCH_SIZE} transactions (Sage's limit), got {}; split them, or use push_feed, which batches",
                lines.len()
            )));
        }
        match self
            .send_batch(target, lines, key, options, Utc::now())
            .await
        {
            Sent::Accepted { op, .. } => Ok(op),
            Sent::Refused(e) | Sent::Unanswered(e) | Sent::Unknown(e) => Err(e),
        }
    }

    /// [`Client::push_batch`], saying what is known of the batch's fate when it was not
    /// accepted. `first_sent` is when the batch was first sent (by any run): the history is
    /// searched from then.
    pub(crate) async fn send_batch(
        &self,
        target: &PushTarget,
        lines: &[Transaction],
        key: Uuid,
        options: &PushOptions,
        first_sent: chrono::DateTime<Utc>,
    ) -> Sent {
        let body = PushBody {
            account_id: &target.account_id,
            transactions: lines,
        };
        let call = Call::new(
            Method::POST,
            &[
                "companies",
                &target.company_id,
                "connections",
                &target.connection_id,
                "push",
                "bankAccounts",
                &target.account_id,
                "bankTransactions",
            ],
            Retry::Push,
        )
        .company(&target.company_id)
        .json(&body);
        let mut call = match call {
            Ok(call) => call,
            Err(e) => return Sent::Refused(e),
        };
        if let Some(minutes) = options.timeout_in_minutes {
            call = call.query("timeoutInMinutes", minutes);
        }
        if let Some(allow) = options.allow_sync_on_push_complete {
            call = call.query("allowSyncOnPushComplete", allow);
        }
        let mut generation = 0;
        loop {
            let attempt = call.clone().key(if generation == 0 {
                key
            } else {
                derived_key(key, "after-server-error", generation)
            });
            match self.execute(&attempt).await {
                Ok(reply) => {
                    // A replay answering this call's very first attempt cannot be of this call.
                    let replayed = reply.replayed && reply.attempts == 1 && generation == 0;
                    return match reply.json(&attempt) {
                        Ok(op) => Sent::Accepted { op, replayed },
                        Err(e) => Sent::Unanswered(e),
                    };
                }
                Err(Error::Api(failure)) if failure.status >= 500 => {
                    let ids: Vec<&str> = lines.iter().map(|t| t.id.as_str()).collect();
                    match self.find_landed(target, &ids, first_sent).await {
                        Ok(Some(op)) => {
                            tracing::info!(push_operation_key = %op.push_operation_key, "found the batch after a server error");
                            return Sent::Accepted {
                                op,
                                replayed: false,
                            };
                        }
                        Ok(None) if generation == MAX_RESENDS => {
                            // Checked: the batch is not on Codat. The caller may resend it
                            // later under a fresh key.
                            return Sent::Refused(Error::Api(failure));
                        }
                        Ok(None) => {}
                        Err(e) => {
                            tracing::warn!(error = %e, "the push history could not be searched after a server error");
                            return Sent::Unknown(Error::Api(failure));
                        }
                    }
                    generation += 1;
                    tracing::warn!(
                        status = failure.status,
                        generation,
                        "batch not found after a server error; sending it again under a new key"
                    );
                }
                Err(e @ Error::Api(_)) if !matches!(e.status(), Some(409 | 429)) => {
                    return Sent::Refused(e);
                }
                Err(e) => return Sent::Unanswered(e),
            }
        }
    }

    /// Looks through the connection's pushes since `since` (less a margin for clock skew) for
    /// one that landed exactly these lines, waiting for pending ones to finish so their changes
    /// are known.
    pub(crate) async fn find_landed(
        &self,
        target: &PushTarget,
        ids: &[&str],
        since: chrono::DateTime<Utc>,
    ) -> Result<Option<PushOperation>, Error> {
        let from = crate::date::format_timestamp(&(since - HISTORY_MARGIN));
        let options = ListOptions {
            query: Some(format!(
                "dataConnectionKey={}&&requestedOnUtc>={from}",
                target.connection_id
            )),
            order_by: Some("requestedOnUtc".into()),
            page_size: 100,
        };
        let ops: Vec<PushOperation> = self
            .push_operations(&target.company_id, &options)
            .try_collect()
            .await?;
        for mut op in ops {
            if op.status == PushStatus::Pending {
                op = self
                    .wait(
                        &target.company_id,
                        &op.push_operation_key,
                        &WaitOptions::default(),
                    )
                    .await?;
            }
            let changed: Vec<&str> = op
                .changes
                .iter()
                .flatten()
                .filter_map(|c| c.record_ref.as_ref()?.id.as_deref())
                .collect();
            if op.status == PushStatus::Success && changed == ids {
                return Ok(Some(op));
            }
        }
        Ok(None)
    }

    /// `GET /companies/{companyId}/push/{pushOperationKey}`
    pub async fn get_push_operation(
        &self,
        company_id: &str,
        push_operation_key: &str,
    ) -> Result<PushOperation, Error> {
        let call = Call::new(
            Method::GET,
            &["companies", company_id, "push", push_operation_key],
            Retry::Read,
        )
        .company(company_id);
        self.execute(&call).await?.json(&call)
    }

    /// Polls a push until it is `Success`, `Failed` or `TimedOut` and returns it; `PUSH_TIMED_OUT`
    /// when it is still pending at the deadline.
    pub async fn wait(
        &self,
        company_id: &str,
        push_operation_key: &str,
        options: &WaitOptions,
    ) -> Result<PushOperation, Error> {
        self.wait_since(company_id, push_operation_key, options, Instant::now())
            .await
    }

    /// [`Client::wait`] for a push sent at `sent`.
    ///
    /// With an expected processing time `e` (Codat's own requested → completed time of an
    /// earlier push, which slow polls and retries cannot inflate), the first poll is `e` after
    /// the push arrived at Codat (taken as half its round trip after `sent`) and the next ones
    /// `e / 40` apart until `2e`: the end is seen within a few percent of the processing time,
    /// whether that is 5 ms or 5 minutes. Past `2e`, or without `e`, polls are spaced at
    /// `relative_interval` of the time waited.
    pub(crate) async fn wait_since(
        &self,
        company_id: &str,
        push_operation_key: &str,
        options: &WaitOptions,
        sent: Instant,
    ) -> Result<PushOperation, Error> {
        let deadline = Deadline::after(options.deadline);
        let floor = Duration::from_millis(1);
        let hub = self.event_hub();
        // With webhooks, polls are the fallback for an event that does not come.
        let fallback = |interval: Duration| {
            if hub.expected() {
                interval.max(options.webhook_fallback)
            } else {
                interval
            }
        };
        // Codat starts the clock when the request has arrived, about half the round trip of
        // the push after it was sent.
        let mut interval = fallback(options.expected.map_or(options.initial_interval, |e| {
            e.saturating_sub(sent.elapsed() / 2).min(options.deadline)
        }));
        // Once an event said the push ended, one poll reads its final status; should Codat
        // still say Pending, polling goes on as without the event.
        let mut event_read = false;
        let ended_by_event = |read: bool| !read && hub.ended(push_operation_key).is_some();
        let mut next_poll = tokio::time::Instant::now() + interval;
        loop {
            let event = hub.notified();
            tokio::pin!(event);
            event.as_mut().enable();
            if !ended_by_event(event_read) {
                tokio::select! {
                    () = tokio::time::sleep_until(next_poll) => {}
                    () = event => {
                        if !ended_by_event(event_read) {
                            continue;
                        }
                    }
                }
            }
            event_read |= hub.ended(push_operation_key).is_some();
            let op = self
                .get_push_operation(company_id, push_operation_key)
                .await?;
            if op.status.is_final() {
                return Ok(op);
            }
            if deadline.reached_after(interval) {
                return Err(Error::PushTimedOut {
                    push_operation_key: push_operation_key.to_owned(),
                    message: format!(
                        "still Pending after {:?}; Sage may still be processing it — wait for this key again (a feed with a SQLite or PostgreSQL cursor resumes polling it on its next run rather than sending it twice)",
                        options.deadline
                    ),
                });
            }
            let elapsed = sent.elapsed();
            interval = fallback(match options.expected {
                Some(e) if elapsed < e * 2 => {
                    (e / 20).clamp(floor, options.max_interval.max(floor))
                }
                _ => Duration::try_from_secs_f64(
                    elapsed.as_secs_f64() * options.relative_interval.max(0.0),
                )
                .unwrap_or(options.max_interval)
                .clamp(
                    options.initial_interval,
                    options.max_interval.max(options.initial_interval),
                ),
            });
            next_poll = tokio::time::Instant::now() + interval;
        }
    }

    /// One page of the push history.
    pub async fn list_push_operations(
        &self,
        company_id: &str,
        page: u32,
        options: &ListOptions,
    ) -> Result<Page<PushOperation>, Error> {
        let call = options.apply(
            page,
            Call::new(Method::GET, &["companies", company_id, "push"], Retry::Read)
                .company(company_id),
        )?;
        self.execute(&call).await?.json(&call)
    }

    /// The whole push history (filtered and sorted by `options`), page after page as it is read.
    pub fn push_operations(
        &self,
        company_id: &str,
        options: &ListOptions,
    ) -> impl Stream<Item = Result<PushOperation, Error>> + Send + 'static {
        let client = self.clone();
        let company = company_id.to_owned();
        pages(options.clone(), move |page, options| {
            let (client, company) = (client.clone(), company.clone());
            async move { client.list_push_operations(&company, page, &options).await }
        })
    }
}

/// Every item of a paged list, reading page after page (from 1) as the stream is consumed.
pub(super) fn pages<T, F, Fut>(
    options: ListOptions,
    read: F,
) -> impl Stream<Item = Result<T, Error>> + Send + 'static
where
    T: Send + 'static,
    F: Fn(u32, ListOptions) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Page<T>, Error>> + Send + 'static,
{
    futures_util::stream::try_unfold(Some(1u32), move |page| {
        let reply = page.map(|p| (p, read(p, options.clone())));
        async move {
            let Some((page, reply)) = reply else {
                return Ok(None);
            };
            let reply = reply.await?;
            let next =
                (reply.links.next.is_some() && !reply.results.is_empty()).then_some(page + 1);
            Ok(Some((
                futures_util::stream::iter(reply.results.into_iter().map(Ok)),
                next,
            )))
        }
    })
    .try_flatten()
    .boxed()
}
