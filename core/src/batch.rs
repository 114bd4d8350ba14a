//! Batching: ordered pushes of at most 1000 lines, each with a deterministic idempotency key.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use uuid::Uuid;
use xxhash_rust::xxh3::xxh3_128;

use crate::error::Error;
use crate::model::{Transaction, TransactionType};
use crate::rules::MAX_BATCH_SIZE;

/// The account a batch goes to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushTarget {
    /// Codat company id.
    pub company_id: String,
    /// Sage Bank Feeds connection id.
    pub connection_id: String,
    /// Source account id.
    pub account_id: String,
}

impl PushTarget {
    /// A target from its three ids.
    pub fn new(
        company_id: impl Into<String>,
        connection_id: impl Into<String>,
        account_id: impl Into<String>,
    ) -> Self {
        PushTarget {
            company_id: company_id.into(),
            connection_id: connection_id.into(),
            account_id: account_id.into(),
        }
    }
}

/// One push's worth of consecutive lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Batch {
    /// 0-based position among the batches.
    pub sequence: usize,
    /// The lines it covers, as positions in the planned list.
    pub range: Range<usize>,
    /// `Idempotency-Key` for its push: a UUID derived from the target and the exact content, so
    /// the same batch gets the same key across retries and restarts.
    pub idempotency_key: Uuid,
}

impl Batch {
    /// Number of lines.
    pub fn len(&self) -> usize {
        self.range.len()
    }

    /// Whether the batch is empty (never true for planned batches).
    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The batch's lines out of the list it was planned from.
    pub fn lines<'t>(&self, transactions: &'t [Transaction]) -> &'t [Transaction] {
        &transactions[self.range.clone()]
    }
}

/// Splits an ordered list into consecutive batches of at most `max_size` lines, never
/// reordering. Empty input gives no batches.
///
/// Fails with a `CONFIG` error when `max_size` is 0 or above 1000.
pub fn plan_batches(
    target: &PushTarget,
    transactions: &[Transaction],
    max_size: usize,
) -> Result<Vec<Batch>, Error> {
    if max_size == 0 || max_size > MAX_BATCH_SIZE {
        return Err(Error::config(format!(
            "batch size {max_size} is out of range; use 1 to {MAX_BATCH_SIZE} (Codat's limit per push)"
        )));
    }
    let mut buf = Vec::new();
    Ok(transactions
        .chunks(max_size)
        .enumerate()
        .map(|(sequence, chunk)| {
            let start = sequence * max_size;
            Batch {
                sequence,
                range: start..start + chunk.len(),
                idempotency_key: key_with_buffer(&mut buf, target, chunk),
            }
        })
        .collect())
}

/// The idempotency key of a push of `lines` to `target`: XXH3-128 over the target's ids and
/// every field of every line (all length-prefixed or tagged, so no two different bodies hash the
/// same input), shaped as a version-8 UUID. Stable across processes, platforms and releases;
/// changing it would break resuming an in-flight batch.
pub fn idempotency_key(target: &PushTarget, lines: &[Transaction]) -> Uuid {
    key_with_buffer(&mut Vec::new(), target, lines)
}

/// [`idempotency_key`] writing into a reusable buffer.
fn key_with_buffer(buf: &mut Vec<u8>, target: &PushTarget, lines: &[Transaction]) -> Uuid {
    buf.clear();
    buf.extend_from_slice(b"feedrail/batch/v1");
    for part in [
        &target.company_id,
        &target.connection_id,
        &target.account_id,
    ] {
        put_str(buf, part);
    }
    buf.extend_from_slice(&(lines.len() as u64).to_le_bytes());
    for tx in lines {
        put_str(buf, &tx.id);
        buf.extend_from_slice(&tx.date.and_utc().timestamp().to_le_bytes());
        buf.extend_from_slice(&tx.date.and_utc().timestamp_subsec_nanos().to_le_bytes());
        put_opt_str(buf, tx.description.as_deref());
        put_opt_str(buf, tx.counterparty.as_deref());
        put_opt_str(buf, tx.reference.as_deref());
        buf.push(match tx.reconciled {
            None => 0,
            Some(false) => 1,
            Some(true) => 2,
        });
        buf.extend_from_slice(&tx.amount.serialize());
        match tx.balance {
            None => buf.push(0),
            Some(b) => {
                buf.push(1);
                buf.extend_from_slice(&b.serialize());
            }
        }
        put_opt_str(buf, tx.transaction_type.map(TransactionType::as_str));
    }
    uuid::Builder::from_custom_bytes(xxh3_128(buf).to_le_bytes()).into_uuid()
}

/// The key of the `generation`-th resend of a push first keyed `key` (generation 1, 2, ...).
///
/// Codat keeps the response to a key for 90 minutes, so a push that ended `Failed` or
/// `TimedOut`, or was refused, cannot be sent again under its key; it is sent under this one.
/// Derived, not random, so a resumed run picks the same key.
pub fn resend_key(key: Uuid, generation: u32) -> Uuid {
    derived_key(key, "resend", generation)
}

/// A key derived from `key` for `purpose` (keys for different purposes never coincide).
pub(crate) fn derived_key(key: Uuid, purpose: &str, generation: u32) -> Uuid {
    let mut bytes = key.as_bytes().to_vec();
    put_str(&mut bytes, purpose);
    bytes.extend_from_slice(&generation.to_le_bytes());
    uuid::Builder::from_custom_bytes(xxh3_128(&bytes).to_le_bytes()).into_uuid()
}

fn put_str(buf: &mut Vec<u8>, s: &str) {
    buf.extend_from_slice(&(s.len() as u64 + 1).to_le_bytes());
    buf.extend_from_slice(s.as_bytes());
}

fn put_opt_str(buf: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => buf.extend_from_slice(&0u64.to_le_bytes()),
        Some(s) => put_str(buf, s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn tx(i: usize) -> Transaction {
        Transaction {
            id: format!("t{i}"),
            date: crate::date::parse_wall_clock("2026-01-01T00:00:00").unwrap(),
            description: Some("x".into()),
            counterparty: None,
            reference: None,
            reconciled: None,
            amount: Decimal::new(i as i64, 2),
            balance: None,
            transaction_type: None,
        }
    }

    #[test]
    fn splits_in_order_and_keys_are_stable() {
        let target = PushTarget::new("c", "k", "a");
        let lines: Vec<_> = (0..2500).map(tx).collect();
        let batches = plan_batches(&target, &lines, 1000).unwrap();
        let sizes: Vec<_> = batches.iter().map(Batch::len).collect();
        assert_eq!(sizes, [1000, 1000, 500]);
        assert_eq!(batches[2].lines(&lines)[0].id, "t2000");
        let again = plan_batches(&target, &lines, 1000).unwrap();
        assert_eq!(batches, again);
        assert_eq!(batches[0].idempotency_key.get_version_num(), 8);
        assert_ne!(batches[0].idempotency_key, batches[1].idempotency_key);
    }

    #[test]
    fn key_depends_on_target_and_every_field() {
        let target = PushTarget::new("c", "k", "a");
        let base = vec![tx(1)];
        let key = idempotency_key(&target, &base);
        assert_ne!(key, idempotency_key(&PushTarget::new("c", "k", "b"), &base));
        let mut scaled = base.clone();
        scaled[0].amount = Decimal::new(10, 3);
        assert_eq!(scaled[0].amount, base[0].amount);
        assert_ne!(
            key,
            idempotency_key(&target, &scaled),
            "0.01 and 0.010 differ on the wire"
        );
        let mut described = base.clone();
        described[0].description = None;
        assert_ne!(key, idempotency_key(&target, &described));
        let mut moved = base.clone();
        moved[0].id = "t1x".into();
        assert_ne!(key, idempotency_key(&target, &moved));
    }

    #[test]
    fn refuses_bad_sizes() {
        let target = PushTarget::new("c", "k", "a");
        assert!(plan_batches(&target, &[], 0).is_err());
        assert!(plan_batches(&target, &[], 1001).is_err());
        assert!(plan_batches(&target, &[], 1000).unwrap().is_empty());
    }
}
