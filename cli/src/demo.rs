//! `feedrail demo`: the whole job on an in-process sandbox, with nothing to set up. A company with
//! a Sage Bank Feeds connection and three source accounts, two of them connected; a push to the
//! pending one refused; a few thousand realistic transactions validated and pushed in ordered
//! batches to the two connected accounts at once; every push polled to the end; and the ledgers
//! checked line by line against the input.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use feedrail::{
    Client, CompanyRequest, ErrorCode, FeedJob, FeedOptions, Pipeline, Profile, PushTarget,
    ReconcileOptions, SAGE_PLATFORM_KEY, SourceAccountPrototype, ValidationContext, check_records,
};
use feedrail_sandbox::{Sandbox, SandboxConfig};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::Failure;
use crate::output::{print_accounts, print_feed};
use crate::progress::Bars;

/// Opening balance of every demo account, in pence.
const OPENING_PENCE: i64 = 250_000;

/// What card and bank lines look like: description, Sage type, and the range of the amount in
/// pence (negative: money out).
const MERCHANTS: [(&str, &str, i64, i64); 12] = [
    ("Tesco Stores", "Pos", -9_500, -450),
    ("Pret A Manger", "Pos", -1_800, -320),
    ("TfL Travel Charge", "Debit", -1_250, -280),
    ("Amazon Marketplace", "Pos", -15_000, -799),
    ("British Gas", "DirectDebit", -14_000, -6_000),
    ("Vodafone", "DirectDebit", -4_500, -1_500),
    ("ATM Withdrawal", "Atm", -20_000, -1_000),
    ("Card refund", "Credit", 500, 6_000),
    ("Transfer from savings", "Xfer", 5_000, 50_000),
    ("Client payment INV", "Credit", 20_000, 180_000),
    ("Bank charge", "Fee", -1_500, -250),
    ("Interest", "Int", 5, 900),
];

/// Runs the demo; fails if anything landed other than exactly what was sent.
pub async fn run(per_account: usize, delay_ms: u64) -> Result<(), Failure> {
    let started = Instant::now();
    let sandbox = Sandbox::start(SandboxConfig {
        port: 0,
        processing_delay: Duration::from_millis(delay_ms),
        ..SandboxConfig::default()
    })
    .await
    .map_err(|e| Failure::Error(format!("cannot start the sandbox: {e}")))?;
    println!(
        "1. sandbox: a local Codat Bank Feeds API on {}",
        sandbox.url()
    );
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.url())
        .user_agent("cli-demo")
        .build()?;

    let company = client
        .create_company(&CompanyRequest {
            name: "Toft Stores".into(),
            description: Some("feedrail demo".into()),
        })
        .await?;
    let connection = client
        .create_connection(&company.id, SAGE_PLATFORM_KEY)
        .await?;
    let accounts = [
        ("current", "Business current", "Debit"),
        ("savings", "Business savings", "Debit"),
        ("card", "Company credit card", "Credit"),
    ];
    let prototypes: Vec<SourceAccountPrototype> = accounts
        .iter()
        .map(|(id, name, kind)| SourceAccountPrototype {
            id: (*id).into(),
            account_name: Some((*name).into()),
            account_type: Some((*kind).into()),
            account_number: Some("12345678".into()),
            sort_code: Some("040004".into()),
            currency: Some("GBP".into()),
            balance: Some(Decimal::new(OPENING_PENCE, 2)),
            modified_date: None,
        })
        .collect();
    client
        .create_accounts(&company.id, &connection.id, &prototypes)
        .await?;
    // The app shows the Sage user the connection id and a one-time password; the user enters
    // both in Sage (Banking → Connect Bank) and picks the account.
    for id in ["current", "savings"] {
        let otp = client.generate_otp(&company.id, &connection.id).await?;
        sandbox
            .connect_account_with_otp(&company.id, &connection.id, id, &otp.otp)
            .map_err(|e| Failure::Error(e.to_string()))?;
    }
    println!(
        "2. company {:?}, Sage Bank Feeds connection {}, three source accounts; with the connection id and a one-time password each, the Sage user connected two:",
        company.name, connection.id
    );
    print_accounts(&client.list_accounts(&company.id, &connection.id).await?);

    let now = Utc::now();
    let feeds: Vec<(&str, Vec<Value>)> = ["current", "savings"]
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, generate(id, per_account, now, 2026 + i as u64)))
        .collect();

    let pipeline = Pipeline::in_memory(client.clone());
    let card = PushTarget::new(&company.id, &connection.id, "card");
    match pipeline
        .push_feed(&card, &feeds[0].1[..10], &FeedOptions::default())
        .await
    {
        Err(e) if e.code() == ErrorCode::AccountNotConnected => {
            println!(
                "3. pushing to the pending \"card\" account is refused before anything is sent:\n   {e}"
            );
        }
        other => {
            return Err(Failure::Error(format!(
                "the pending account was not refused: {other:?}"
            )));
        }
    }

    let profile = Profile::sage();
    let cursor = feedrail::AccountCursor::default();
    let ctx = ValidationContext::new(&profile, &cursor);
    for (id, lines) in &feeds {
        let checked = check_records(lines, &ctx);
        println!(
            "4. {id}: {} generated lines validated against Sage's rules: {} errors, {} warnings",
            checked.report.checked,
            checked.report.errors.len(),
            checked.report.warnings.len()
        );
    }

    let batch_size = per_account.div_ceil(5).clamp(1, 1000);
    println!(
        "5. pushing both accounts at once, {batch_size} lines per push, each push after the previous landed:"
    );
    let jobs = feeds
        .iter()
        .map(|(id, lines)| {
            FeedJob::from_json(PushTarget::new(&company.id, &connection.id, *id), lines)
        })
        .collect();
    let options = FeedOptions {
        batch_size,
        progress: Some(Bars::new().callback()),
        ..FeedOptions::default()
    };
    let results = pipeline.push_feeds(jobs, &options).await;
    for result in &results {
        match result {
            Ok(report) => print_feed(report),
            Err(e) => return Err(Failure::Error(format!("a feed stopped: {e}"))),
        }
    }

    println!("6. the ledgers checked against the input:");
    println!(
        "{:<10} {:>6} {:>6} {:>14} {:>14} {:>14}  check",
        "ACCOUNT", "SENT", "LANDED", "MONEY IN", "MONEY OUT", "BALANCE"
    );
    for (id, lines) in &feeds {
        let ledger = sandbox
            .ledger(&company.id, &connection.id, id)
            .map_err(|e| Failure::Error(e.to_string()))?;
        let sent: Vec<&str> = lines.iter().filter_map(|l| l["id"].as_str()).collect();
        let landed: Vec<&str> = ledger.transactions.iter().map(|t| t.id.as_str()).collect();
        let money_in: Decimal = ledger
            .transactions
            .iter()
            .map(|t| t.amount)
            .filter(|a| a.is_sign_positive())
            .sum();
        let money_out: Decimal = ledger
            .transactions
            .iter()
            .map(|t| t.amount)
            .filter(|a| a.is_sign_negative())
            .sum();
        let expected: Decimal = lines
            .last()
            .and_then(|l| l["balance"].as_str())
            .and_then(|b| b.parse().ok())
            .unwrap_or_default();
        let opening = Decimal::new(OPENING_PENCE, 2);
        let ok = landed == sent
            && ledger.balance == Some(expected)
            && opening + money_in + money_out == expected;
        println!(
            "{id:<10} {:>6} {:>6} {money_in:>14} {money_out:>14} {:>14}  {}",
            sent.len(),
            landed.len(),
            ledger.balance.map_or("-".to_owned(), |b| b.to_string()),
            if ok { "ok" } else { "MISMATCH" }
        );
        if !ok {
            return Err(Failure::Error(format!(
                "{id}: the ledger does not match the input"
            )));
        }
    }
    println!(
        "7. reconciled from feedrail's push journal (no sandbox admin call: it works the same against api.codat.io), each batch confirmed in Codat's push history:"
    );
    for (id, lines) in &feeds {
        let target = PushTarget::new(&company.id, &connection.id, *id);
        let options = ReconcileOptions {
            opening_balance: Some(Decimal::new(OPENING_PENCE, 2)),
            confirm: true,
            ..ReconcileOptions::default()
        };
        let result = pipeline
            .reconcile(&target, &feedrail::Lines::from_json(lines), &options)
            .await?;
        let confirmed = result.batch_checks.iter().filter(|c| c.agrees).count();
        let ok = result.counts.landed == lines.len()
            && result.balance_breaks.is_empty()
            && result.balance_matches == Some(true)
            && confirmed == result.batch_checks.len();
        println!(
            "{id:<10} {} of {} lines landed, {} balance breaks, Codat's balance {} {} the last landed line's, {confirmed} of {} batches confirmed  {}",
            result.counts.landed,
            lines.len(),
            result.balance_breaks.len(),
            result
                .account_balance
                .map_or("-".to_owned(), |b| b.to_string()),
            if result.balance_matches == Some(true) {
                "is"
            } else {
                "is NOT"
            },
            result.batch_checks.len(),
            if ok { "ok" } else { "MISMATCH" }
        );
        if !ok {
            return Err(Failure::Error(format!(
                "{id}: the reconciliation does not match the input"
            )));
        }
    }
    println!(
        "verified: every line landed once, in order, and each account's balance is its last line's ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
    sandbox.shutdown().await;
    Ok(())
}

/// `n` realistic lines for `account`, one after another up to `now`, with a running balance.
fn generate(account: &str, n: usize, now: DateTime<Utc>, seed: u64) -> Vec<Value> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let span = chrono::Duration::days(45).num_seconds();
    let start = now - chrono::Duration::days(45);
    let mut balance = OPENING_PENCE;
    (0..n)
        .map(|i| {
            let (description, kind, low, high) = MERCHANTS[rng.random_range(0..MERCHANTS.len())];
            let pence = rng.random_range(low..=high);
            balance += pence;
            let at = start + chrono::Duration::seconds(span * i as i64 / n.max(1) as i64);
            json!({
                "id": format!("{account}-{i:06}"),
                "date": feedrail::date::format_transaction_date(&at.naive_utc()),
                "description": description,
                "amount": Decimal::new(pence, 2).to_string(),
                "balance": Decimal::new(balance, 2).to_string(),
                "transactionType": kind,
            })
        })
        .collect()
}
