//! The whole job against the embedded sandbox: set up a company with a Sage Bank Feeds
//! connection and source accounts, validate a feed, push it in ordered batches, poll each push to
//! the end, and check what landed against what was sent.
//!
//! Against Codat instead: drop the sandbox, use your API key and `https://api.codat.io`.

use std::sync::Arc;

use feedrail::{
    AccountStatus, Client, CompanyRequest, ErrorCode, FeedOptions, Pipeline, Progress, PushTarget,
    SAGE_PLATFORM_KEY, SourceAccountPrototype,
};
use feedrail_sandbox::{Sandbox, SandboxConfig};
use rust_decimal::Decimal;
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/sample-transactions.json".into());
    let records: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&path)?)?;

    // 1. A local Codat: Sage's rules, a 200 ms processing delay per push.
    let sandbox = Sandbox::start(SandboxConfig::default()).await?;
    println!("sandbox listening on {}", sandbox.url());
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.url())
        .build()?;

    // 2. A company, its Sage Bank Feeds connection and two source accounts.
    let company = client
        .create_company(&CompanyRequest {
            name: "Toft Stores".into(),
            description: None,
        })
        .await?;
    let connection = client
        .create_connection(&company.id, SAGE_PLATFORM_KEY)
        .await?;
    for (id, name) in [
        ("current", "Current account"),
        ("savings", "Savings account"),
    ] {
        let account = SourceAccountPrototype {
            id: id.into(),
            account_name: Some(name.into()),
            account_type: Some("Debit".into()),
            account_number: Some("12345678".into()),
            sort_code: Some("040004".into()),
            currency: Some("GBP".into()),
            balance: Some(Decimal::new(100_000, 2)),
            modified_date: None,
        };
        client
            .create_account(&company.id, &connection.id, &account)
            .await?;
    }
    // The account holder connects "current" in Sage with the connection id and a one-time
    // password your app shows them; "savings" stays pending.
    let otp = client.generate_otp(&company.id, &connection.id).await?;
    println!(
        "connection id {} and one-time password {} (until {})",
        connection.id, otp.otp, otp.expiry
    );
    sandbox.connect_account_with_otp(&company.id, &connection.id, "current", &otp.otp)?;
    for account in client.list_accounts(&company.id, &connection.id).await? {
        println!(
            "account {:<8} {}",
            account.id,
            account.status.unwrap_or(AccountStatus::Unknown)
        );
    }

    // 3. The feed pipeline remembers what it pushed (in memory here; `SqliteCursorStore` keeps
    //    it across runs and processes). Validation happens before anything is sent.
    let feeds = Pipeline::in_memory(client.clone());
    let current = PushTarget::new(&company.id, &connection.id, "current");
    let strict = FeedOptions::default();
    match feeds.push_feed(&current, &records, &strict).await {
        Err(e) if e.code() == ErrorCode::Validation => {
            println!(
                "\nrefused before sending anything: {}",
                e.report().expect("a report")
            );
        }
        other => println!("unexpected: {other:?}"),
    }

    // 4. A pending account is refused too.
    let savings = PushTarget::new(&company.id, &connection.id, "savings");
    let skip = FeedOptions {
        skip_invalid: true,
        batch_size: 5,
        progress: Some(Arc::new(|p: &Progress| {
            if let Progress::BatchLanded {
                sequence,
                landed,
                total,
                ..
            } = p
            {
                println!("  batch {sequence} landed: {landed}/{total}");
            }
        })),
        ..FeedOptions::default()
    };
    if let Err(e) = feeds.push_feed(&savings, &records, &skip).await {
        println!("\n{}: {e}", e.code());
    }

    // 5. Push the valid lines in ordered batches of 5, each after the previous landed.
    println!("\npushing the valid lines to \"current\":");
    let report = feeds.push_feed(&current, &records, &skip).await?;
    println!("{report}");

    // 6. Check what landed against what was sent.
    let ledger = sandbox.ledger(&company.id, &connection.id, "current")?;
    let sent: Vec<&str> = (0..records.len())
        .filter(|i| !report.skipped.contains(i))
        .map(|i| records[i]["id"].as_str().unwrap_or_default())
        .collect();
    let landed: Vec<&str> = ledger.transactions.iter().map(|t| t.id.as_str()).collect();
    let total: Decimal = ledger.transactions.iter().map(|t| t.amount).sum();
    assert_eq!(
        landed, sent,
        "the ledger holds exactly the lines sent, in order"
    );
    assert_eq!(
        ledger.balance, report.balance,
        "the account balance is the last line's balance"
    );
    println!(
        "verified: {} lines on the ledger in order, total {total}, balance {}",
        landed.len(),
        ledger.balance.map_or("-".into(), |b| b.to_string())
    );
    sandbox.shutdown().await;
    Ok(())
}
