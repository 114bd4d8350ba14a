//! Validates and batches a JSON file of bank transactions against the Sage rules, and prints the
//! report and the batch plan. Nothing is sent anywhere.
//!
//! ```text
//! cargo run -p feedrail --example validate_file -- [FILE] [--batch-size N]
//! ```

use std::process::ExitCode;

use feedrail::{
    AccountCursor, AccountStatus, Profile, PushTarget, ValidationContext, plan_batches,
    validate_records,
};
use rust_decimal::Decimal;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = "examples/data/sample-transactions.json".to_owned();
    let mut batch_size = 1000;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--batch-size" => match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) => batch_size = n,
                None => return fail("--batch-size needs a number from 1 to 1000"),
            },
            other => path = other.to_owned(),
        }
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => return fail(&format!("cannot read {path}: {e}")),
    };
    let records: Vec<serde_json::Value> = match serde_json::from_str(&text) {
        Ok(r) => r,
        Err(e) => return fail(&format!("{path} is not a JSON array of transactions: {e}")),
    };

    // What the account already holds: in the real pipeline this comes from the cursor store.
    let cursor = AccountCursor {
        last_balance: Some(Decimal::new(100_000, 2)),
        account_status: Some(AccountStatus::Connected),
        ..AccountCursor::default()
    };
    let profile = Profile::sage();
    let ctx = ValidationContext::new(&profile, &cursor);
    let validated = validate_records(&records, &ctx);

    println!(
        "Validating {path} with the {} profile (today {} UTC)",
        profile.name(),
        ctx.today
    );
    println!("{}", validated.report);
    println!();

    let target = PushTarget::new("demo-company", "demo-connection", "demo-account");
    let batches = match plan_batches(&target, &validated.transactions, batch_size) {
        Ok(b) => b,
        Err(e) => return fail(&e.to_string()),
    };
    println!(
        "{} of {} lines are sendable; with the invalid ones skipped they make {} batch(es) of at most {batch_size}:",
        validated.transactions.len(),
        records.len(),
        batches.len()
    );
    for batch in &batches {
        let lines = batch.lines(&validated.transactions);
        println!(
            "  batch {}: {} lines, {} .. {}, Idempotency-Key {}",
            batch.sequence,
            batch.len(),
            lines[0].id,
            lines[lines.len() - 1].id,
            batch.idempotency_key
        );
    }
    if validated.report.is_ok() {
        ExitCode::SUCCESS
    } else {
        println!("\nFix the errors above (or push with skip-invalid) before sending.");
        ExitCode::from(1)
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}
