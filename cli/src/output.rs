//! What the commands print: validation reports, account tables, feed summaries.

use feedrail::{FeedReport, Issue, Report, Resolution, SourceAccount};

use crate::input::RowNames;

/// Prints a validation report: a summary, then every error and warning with its row and field.
pub fn print_report(report: &Report, rows: &dyn RowNames) {
    println!(
        "{} transactions checked: {} errors, {} warnings",
        report.checked,
        report.errors.len(),
        report.warnings.len()
    );
    for (kind, issues) in [("error", &report.errors), ("warning", &report.warnings)] {
        for issue in issues {
            println!("  {kind} {}", describe(issue, rows));
        }
    }
}

fn describe(issue: &Issue, rows: &dyn RowNames) -> String {
    let place = match issue.index {
        Some(i) => format!("{} ", rows.name(i)),
        None => String::new(),
    };
    let field = issue
        .field
        .as_deref()
        .map_or(String::new(), |f| format!(" [{f}]"));
    format!("{place}{}{field}: {}", issue.code.as_str(), issue.message)
}

/// Prints source accounts as a table.
pub fn print_accounts(accounts: &[SourceAccount]) {
    println!(
        "{:<16} {:<24} {:<12} {:<4} {:>14}",
        "ID", "NAME", "STATUS", "CCY", "BALANCE"
    );
    for a in accounts {
        println!(
            "{:<16} {:<24} {:<12} {:<4} {:>14}",
            a.id,
            a.account_name.as_deref().unwrap_or("-"),
            a.status.map_or("-".to_owned(), |s| s.to_string()),
            a.currency.as_deref().unwrap_or("-"),
            a.balance.map_or("-".to_owned(), |b| b.to_string()),
        );
    }
}

/// Prints what a feed did.
pub fn print_feed(report: &FeedReport) {
    let mut earlier = Vec::new();
    if report.already_landed > 0 {
        earlier.push(format!("{} were already there", report.already_landed));
    }
    if !report.already_pushed.is_empty() {
        earlier.push(format!(
            "{} already pushed earlier",
            report.already_pushed.len()
        ));
    }
    println!(
        "{}: {} of {} lines landed in {} batches{}; balance {}",
        report.target.account_id,
        report.landed,
        report.total,
        report.batches.len(),
        match earlier.is_empty() {
            true => String::new(),
            false => format!(" ({})", earlier.join(", ")),
        },
        report.balance.map_or("-".to_owned(), |b| b.to_string()),
    );
    for batch in report.resumed.iter().chain(&report.batches) {
        println!(
            "  batch {:>3}: {:>4} lines {}..{} {:?}{}",
            batch
                .sequence
                .map_or("resumed".to_owned(), |s| s.to_string()),
            batch.size,
            batch.first_id,
            batch.last_id,
            batch.status,
            batch
                .processing_ms
                .map_or(String::new(), |ms| format!(" in {ms} ms")),
        );
        if let Some(reason) = &batch.in_doubt {
            println!(
                "             in doubt: {reason}; {}",
                match batch.resolution {
                    Some(Resolution::FoundInHistory) => "found landed in Codat's push history",
                    Some(Resolution::Resent) => "sent again under a fresh key, and landed",
                    Some(Resolution::AlreadyReceived) =>
                        "sent again; Sage refused every line as already received, so they are on the account",
                    _ => "still unresolved: the next run resolves it before sending anything else",
                }
            );
        }
    }
}
