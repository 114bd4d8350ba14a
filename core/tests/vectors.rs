//! Runs every shared conformance case in tests/vectors/cases against the Rust API.

mod common;

use std::path::PathBuf;

use chrono::NaiveDate;
use feedrail::{
    AccountCursor, Issue, Profile, PushTarget, ValidationContext, plan_batches, validate_records,
};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Case {
    name: String,
    profile: String,
    today: NaiveDate,
    target: PushTarget,
    #[serde(default)]
    cursor: AccountCursor,
    max_batch_size: Option<usize>,
    time_zone: Option<String>,
    records: Vec<Value>,
    expected: Expected,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Expected {
    errors: Vec<ExpectedIssue>,
    warnings: Vec<ExpectedIssue>,
    valid_indices: Vec<usize>,
    batch_sizes: Vec<usize>,
    wire: Option<String>,
    idempotency_keys: Option<Vec<String>>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "camelCase")]
struct ExpectedIssue {
    index: Option<usize>,
    code: String,
    field: Option<String>,
    transaction_id: Option<String>,
}

fn observed(issues: &[Issue]) -> Vec<ExpectedIssue> {
    let mut out: Vec<_> = issues
        .iter()
        .map(|i| ExpectedIssue {
            index: i.index,
            code: i.code.as_str().to_owned(),
            field: i.field.clone(),
            transaction_id: i.transaction_id.clone(),
        })
        .collect();
    out.sort();
    out
}

fn sorted(mut v: Vec<ExpectedIssue>) -> Vec<ExpectedIssue> {
    v.sort();
    v
}

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/cases")
}

fn run(case: &Case) -> Vec<String> {
    let mut failures = Vec::new();
    let profile = Profile::by_name(&case.profile).expect("known profile");
    let zone = case
        .time_zone
        .as_deref()
        .map(|z| z.parse().expect("a known zone"));
    let ctx = ValidationContext::new(&profile, &case.cursor)
        .in_zone(zone)
        .on(case.today);
    let validated = validate_records(&case.records, &ctx);
    let report = &validated.report;
    let mut check = |what: &str, ok: bool, detail: String| {
        if !ok {
            failures.push(format!("{}: {what}: {detail}", case.name));
        }
    };
    let errors = observed(&report.errors);
    let expected_errors = sorted(case.expected.errors.clone());
    check(
        "errors",
        errors == expected_errors,
        format!("got {errors:?}, want {expected_errors:?}"),
    );
    let warnings = observed(&report.warnings);
    let expected_warnings = sorted(case.expected.warnings.clone());
    check(
        "warnings",
        warnings == expected_warnings,
        format!("got {warnings:?}, want {expected_warnings:?}"),
    );
    check(
        "checked",
        report.checked == case.records.len(),
        format!("{} of {}", report.checked, case.records.len()),
    );
    for issue in report.errors.iter().chain(&report.warnings) {
        let mentions_place = match issue.index {
            Some(i) => issue.message.contains(&format!("index {i}")),
            None => true,
        };
        check(
            "message names the index",
            mentions_place,
            issue.message.clone(),
        );
    }
    check(
        "validIndices",
        validated.indices == case.expected.valid_indices,
        format!(
            "got {:?}, want {:?}",
            validated.indices, case.expected.valid_indices
        ),
    );
    for size in [1, 2, 5] {
        let (streamed, valid) = common::streamed(&case.records, &ctx, size);
        check(
            "streamed report",
            &streamed == report,
            format!("chunks of {size}: got {streamed:?}, want {report:?}"),
        );
        check(
            "streamed validIndices",
            valid == validated.indices,
            format!("chunks of {size}: got {valid:?}"),
        );
    }
    let max = case.max_batch_size.unwrap_or(1000);
    let batches = plan_batches(&case.target, &validated.transactions, max).expect("valid size");
    let sizes: Vec<usize> = batches.iter().map(|b| b.len()).collect();
    check(
        "batchSizes",
        sizes == case.expected.batch_sizes,
        format!("got {sizes:?}, want {:?}", case.expected.batch_sizes),
    );
    if let Some(wire) = &case.expected.wire {
        let got = serde_json::to_string(&validated.transactions).unwrap();
        check("wire", &got == wire, format!("got {got}\n want {wire}"));
    }
    if let Some(keys) = &case.expected.idempotency_keys {
        let got: Vec<String> = batches
            .iter()
            .map(|b| b.idempotency_key.to_string())
            .collect();
        check(
            "idempotencyKeys",
            &got == keys,
            format!("got {got:?}, want {keys:?}"),
        );
    }
    failures
}

#[test]
fn shared_vectors() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("tests/vectors/cases exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    assert!(
        paths.len() >= 40,
        "expected at least 40 vectors, found {}",
        paths.len()
    );
    let mut failures = Vec::new();
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let case: Case = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: unreadable vector: {e}", path.display()));
        failures.extend(run(&case));
    }
    println!(
        "vectors: {} cases run, {} failures",
        paths.len(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn chunks_give_the_whole_feeds_report_with_repeats_across_chunks() {
    let records: Vec<Value> = (0..40)
        .map(|i| {
            serde_json::json!({
                "id": format!("t{}", i % 17),
                "date": format!("2026-03-{:02}T10:00:00", 1 + (i * 7) % 28),
                "description": if i % 9 == 0 { "" } else { "x" },
                "amount": if i % 11 == 0 { "abc".to_owned() } else { "1.00".to_owned() },
                "balance": format!("{i}.00"),
                "transactionType": "Credit",
            })
        })
        .collect();
    let profile = Profile::sage();
    let cursor = AccountCursor::default();
    let ctx =
        ValidationContext::new(&profile, &cursor).on(NaiveDate::from_ymd_opt(2026, 3, 20).unwrap());
    let whole = validate_records(&records, &ctx);
    assert!(
        whole.report.errors.len() > 20,
        "repeats, bad amounts, dates"
    );
    for size in [1, 3, 7, 40, 100] {
        let (report, valid) = common::streamed(&records, &ctx, size);
        assert_eq!(report, whole.report, "chunks of {size}");
        assert_eq!(valid, whole.indices, "chunks of {size}");
    }
}
