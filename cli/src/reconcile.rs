//! `feedrail reconcile`: the summary table of a reconciliation, and every line's status as CSV.

use std::path::Path;

use feedrail::{LineStatus, ReconciledLine, Reconciliation};

use crate::input::{Records, RowNames};

/// How many breaks and lines of each kind the summary shows before "and N more".
const SHOWN: usize = 10;

/// A status as the table and the CSV spell it (as every language does).
fn status(status: LineStatus) -> String {
    serde_json::to_value(status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Prints the counts per status, the lines that need attention, the balance breaks and the
/// account's balance check.
pub fn print(result: &Reconciliation, records: &Records) {
    let c = &result.counts;
    println!(
        "{}: {} lines in the file",
        result.target.account_id,
        result.lines.len()
    );
    println!("  {:<14} {:>9}", "STATUS", "LINES");
    for (name, count) in [
        (LineStatus::Landed, c.landed),
        (LineStatus::Pending, c.pending),
        (LineStatus::InDoubt, c.in_doubt),
        (LineStatus::Failed, c.failed),
        (LineStatus::Rejected, c.rejected),
        (LineStatus::NotSent, c.not_sent),
        (LineStatus::NotInSource, c.not_in_source),
    ] {
        println!("  {:<14} {count:>9}", status(name));
    }
    let attention: Vec<&ReconciledLine> = result
        .lines
        .iter()
        .filter(|l| {
            matches!(
                l.status,
                LineStatus::Failed | LineStatus::InDoubt | LineStatus::Rejected
            )
        })
        .chain(&result.not_in_source)
        .collect();
    for line in attention.iter().take(SHOWN) {
        let place = line
            .index
            .map_or_else(|| "not in the file".to_owned(), |i| records.name(i));
        println!(
            "  {} {} ({place}): {}",
            status(line.status),
            line.id.as_deref().unwrap_or("(no id)"),
            line.reason.as_deref().unwrap_or_else(|| {
                line.push_operation_key
                    .as_deref()
                    .unwrap_or("landed through feedrail earlier")
            })
        );
    }
    if attention.len() > SHOWN {
        println!("  … and {} more", attention.len() - SHOWN);
    }
    match result.balance_breaks.as_slice() {
        [] => println!(
            "running balance: holds from the opening balance {} to the last line",
            show(result.opening_balance)
        ),
        breaks => {
            println!("running balance: {} breaks", breaks.len());
            for b in breaks.iter().take(SHOWN) {
                println!(
                    "  {} ({}): expected {}, the line says {}",
                    b.id,
                    records.name(b.index),
                    b.expected,
                    b.found
                );
            }
        }
    }
    println!(
        "account balance at Codat {}, last landed line's {}{}",
        show(result.account_balance),
        show(result.last_landed_balance),
        match result.balance_matches {
            Some(true) => ": they match",
            Some(false) => ": they DIFFER",
            None => "",
        }
    );
    if !result.batch_checks.is_empty() {
        let disagree: Vec<_> = result.batch_checks.iter().filter(|b| !b.agrees).collect();
        println!(
            "Codat's push history confirms {} of {} batches",
            result.batch_checks.len() - disagree.len(),
            result.batch_checks.len()
        );
        for b in disagree {
            println!(
                "  batch {} ({}): journaled {:?}, Codat says {:?}",
                b.batch, b.push_operation_key, b.journaled, b.codat_status
            );
        }
    }
}

fn show(amount: Option<rust_decimal::Decimal>) -> String {
    amount.map_or_else(|| "-".to_owned(), |a| a.to_string())
}

/// Writes one row per line (the file's, then those not in it) to `path`.
pub fn write_csv(result: &Reconciliation, path: &Path) -> Result<(), String> {
    let fail = |e: csv::Error| format!("cannot write {}: {e}", path.display());
    let mut out = csv::Writer::from_path(path).map_err(fail)?;
    out.write_record([
        "index",
        "id",
        "status",
        "date",
        "amount",
        "balance",
        "batch",
        "push_operation_key",
        "completed_at",
        "reason",
    ])
    .map_err(fail)?;
    for line in result.lines.iter().chain(&result.not_in_source) {
        out.write_record([
            line.index.map(|i| i.to_string()).unwrap_or_default(),
            line.id.clone().unwrap_or_default(),
            status(line.status),
            line.date
                .map(|d| feedrail::date::format_transaction_date(&d))
                .unwrap_or_default(),
            line.amount.map(|a| a.to_string()).unwrap_or_default(),
            line.balance.map(|b| b.to_string()).unwrap_or_default(),
            line.batch.map(|b| b.to_string()).unwrap_or_default(),
            line.push_operation_key.clone().unwrap_or_default(),
            line.completed_at
                .map(|t| t.to_rfc3339())
                .unwrap_or_default(),
            line.reason.clone().unwrap_or_default(),
        ])
        .map_err(fail)?;
    }
    out.flush()
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
