//! The `feedrail` binary against a real sandbox on loopback: validate and push the sample CSVs,
//! list accounts, show a push, run the demo, and fail with one clear line on bad input.

use std::path::PathBuf;
use std::process::{Command, Output};

use feedrail::{Client, CompanyRequest, SourceAccountPrototype};
use feedrail_sandbox::{FaultConfig, Sandbox, SandboxConfig};

fn data(name: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    root.join("examples/data")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Runs `feedrail args...` with the sandbox's credentials in the environment.
async fn feedrail(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedrail"));
    command
        .args(args)
        .env_remove("FEEDRAIL_API_KEY")
        .env_remove("FEEDRAIL_BASE_URL")
        .env_remove("FEEDRAIL_MAX_RETRIES")
        .env_remove("FEEDRAIL_TIMEOUT")
        .env_remove("FEEDRAIL_WEBHOOK_LISTEN")
        .env_remove("FEEDRAIL_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .env_remove("all_proxy")
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env_remove("FEEDRAIL_WEBHOOK_SECRET");
    for (k, v) in env {
        command.env(k, v);
    }
    tokio::task::spawn_blocking(move || command.output().expect("the binary runs"))
        .await
        .expect("joined")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A failure is one line on stderr, exit code 2, and no panic or backtrace.
fn assert_one_line_error(out: &Output, needle: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "stderr: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(needle), "{stderr:?} lacks {needle:?}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
}

struct Setup {
    sandbox: Sandbox,
    url: String,
    company: String,
    connection: String,
}

impl Setup {
    /// The sandbox's key and URL, as the CLI reads them from the environment.
    fn env(&self) -> [(&str, &str); 2] {
        [
            ("FEEDRAIL_API_KEY", self.sandbox.api_key()),
            ("FEEDRAIL_BASE_URL", self.url.as_str()),
        ]
    }
}

/// `feedrail accounts` for a connection.
fn accounts<'a>(company: &'a str, connection: &'a str) -> [&'a str; 5] {
    ["accounts", "--company", company, "--connection", connection]
}

async fn setup() -> Setup {
    setup_with(SandboxConfig::for_tests()).await
}

async fn setup_with(config: SandboxConfig) -> Setup {
    let sandbox = Sandbox::start(config).await.unwrap();
    let client = Client::builder()
        .api_key(sandbox.api_key())
        .base_url(sandbox.url())
        .build()
        .unwrap();
    let company = client
        .create_company(&CompanyRequest {
            name: "CLI Co".into(),
            description: None,
        })
        .await
        .unwrap();
    let connection = client
        .create_connection(&company.id, feedrail::SAGE_PLATFORM_KEY)
        .await
        .unwrap();
    let account = SourceAccountPrototype {
        id: "current".into(),
        account_name: Some("Current".into()),
        account_type: Some("Debit".into()),
        account_number: Some("12345678".into()),
        sort_code: Some("040004".into()),
        currency: Some("GBP".into()),
        balance: Some(1000.into()),
        modified_date: None,
    };
    client
        .create_account(&company.id, &connection.id, &account)
        .await
        .unwrap();
    sandbox
        .connect_account(&company.id, &connection.id, "current")
        .unwrap();
    Setup {
        url: sandbox.url(),
        sandbox,
        company: company.id,
        connection: connection.id,
    }
}

#[tokio::test]
async fn validate_names_the_bad_row_and_field_and_exits_non_zero() {
    let bad = feedrail(&[], &["validate", &data("bank-lines.csv")]).await;
    let stdout = text(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("1 errors"), "{stdout}");
    assert!(
        stdout.contains("line 10 INVALID_FIELD [balance]") && stdout.contains("bl-0009"),
        "{stdout}"
    );
    let good = feedrail(&[], &["validate", &data("bank-lines-fixed.csv")]).await;
    assert_eq!(good.status.code(), Some(0), "{}", text(&good.stdout));
    let json = feedrail(&[], &["validate", &data("sample-transactions.json")]).await;
    assert_eq!(json.status.code(), Some(1));
    assert!(text(&json.stdout).contains("row 17 (line 19) MISSING_FIELD [balance]"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn push_refuses_the_bad_file_then_lands_the_fixed_one_exactly_once() {
    let s = setup().await;
    let env = s.env();
    let target = [
        "--company",
        &s.company,
        "--connection",
        &s.connection,
        "--account",
        "current",
    ];
    let dir = tempfile::tempdir().unwrap();
    let cursor = dir.path().join("cursor.sqlite");
    let cursor = cursor.to_str().unwrap();

    let bad_file = data("bank-lines.csv");
    let mut args = vec!["push", bad_file.as_str()];
    args.extend(target);
    let bad = feedrail(&env, &args).await;
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad.stderr));
    assert!(text(&bad.stdout).contains("line 10 INVALID_FIELD [balance]"));
    assert!(text(&bad.stderr).contains("nothing was sent"));
    let ledger = s
        .sandbox
        .ledger(&s.company, &s.connection, "current")
        .unwrap();
    assert!(ledger.transactions.is_empty());

    let fixed = data("bank-lines-fixed.csv");
    let mut args = vec![
        "push",
        fixed.as_str(),
        "--cursor",
        cursor,
        "--batch-size",
        "4",
    ];
    args.extend(target);
    let good = feedrail(&env, &args).await;
    let stdout = text(&good.stdout);
    assert_eq!(
        good.status.code(),
        Some(0),
        "{stdout} {}",
        text(&good.stderr)
    );
    assert!(
        stdout.contains("10 of 10 lines landed in 3 batches; balance 2043.61"),
        "{stdout}"
    );
    let again = feedrail(&env, &args).await;
    assert!(
        text(&again.stdout)
            .contains("0 of 10 lines landed in 0 batches (10 already pushed earlier)"),
        "{}",
        text(&again.stdout)
    );
    let ledger = s
        .sandbox
        .ledger(&s.company, &s.connection, "current")
        .unwrap();
    let ids: Vec<&str> = ledger.transactions.iter().map(|t| t.id.as_str()).collect();
    let expected: Vec<String> = (1..=10).map(|i| format!("bl-{i:04}")).collect();
    assert_eq!(ids, expected);

    let csv = dir.path().join("reconciled.csv");
    let mut args = vec![
        "reconcile",
        fixed.as_str(),
        "--cursor",
        cursor,
        "--confirm",
        "--csv",
        csv.to_str().unwrap(),
    ];
    args.extend(target);
    let reconciled = feedrail(&env, &args).await;
    let summary = text(&reconciled.stdout);
    assert_eq!(
        reconciled.status.code(),
        Some(0),
        "{summary} {}",
        text(&reconciled.stderr)
    );
    assert!(summary.contains("landed                10"), "{summary}");
    assert!(summary.contains("running balance: holds"), "{summary}");
    assert!(summary.contains("2043.61: they match"), "{summary}");
    assert!(summary.contains("confirms 3 of 3 batches"), "{summary}");
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(rows.lines().count(), 11, "{rows}");
    assert!(
        rows.lines()
            .nth(1)
            .unwrap()
            .starts_with("0,bl-0001,landed,"),
        "{rows}"
    );

    let accounts = feedrail(&env, &accounts(&s.company, &s.connection)).await;
    let table = text(&accounts.stdout);
    assert!(
        table.contains("current") && table.contains("connected"),
        "{table}"
    );

    let client = Client::builder()
        .api_key(s.sandbox.api_key())
        .base_url(s.sandbox.url())
        .build()
        .unwrap();
    let ops = client
        .list_push_operations(&s.company, 1, &Default::default())
        .await
        .unwrap();
    let key = &ops.results[0].push_operation_key;
    let status = feedrail(&env, &["status", key, "--company", &s.company]).await;
    assert!(
        text(&status.stdout).contains("Success"),
        "{}",
        text(&status.stdout)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_are_one_clear_line() {
    let s = setup().await;
    let url = s.sandbox.url();
    let good_key = [
        ("FEEDRAIL_API_KEY", s.sandbox.api_key()),
        ("FEEDRAIL_BASE_URL", url.as_str()),
    ];
    let accounts = accounts(&s.company, &s.connection);

    let missing = feedrail(&[], &["validate", "no-such-file.csv"]).await;
    assert_one_line_error(&missing, "cannot read no-such-file.csv");

    let dir = tempfile::tempdir().unwrap();
    let ragged = dir.path().join("ragged.csv");
    std::fs::write(&ragged, "id,amount,balance\na,1,2\nb,1,043.24,3\n").unwrap();
    let malformed = feedrail(&[], &["validate", ragged.to_str().unwrap()]).await;
    assert_one_line_error(&malformed, "line 3");

    let no_key = feedrail(&[("FEEDRAIL_BASE_URL", url.as_str())], &accounts).await;
    assert_one_line_error(&no_key, "no API key");

    let secret = "wrong-secret-key-123";
    let wrong = feedrail(
        &[
            ("FEEDRAIL_API_KEY", secret),
            ("FEEDRAIL_BASE_URL", url.as_str()),
        ],
        &accounts,
    )
    .await;
    assert_one_line_error(&wrong, "401");
    assert!(!text(&wrong.stderr).contains(secret));
    assert!(!text(&wrong.stdout).contains(secret));

    let ok = feedrail(&good_key, &accounts).await;
    assert_eq!(ok.status.code(), Some(0));
    let down_url = url.clone();
    s.sandbox.shutdown().await;
    let down = feedrail(
        &[
            ("FEEDRAIL_API_KEY", "sandbox-api-key"),
            ("FEEDRAIL_BASE_URL", down_url.as_str()),
            ("FEEDRAIL_MAX_RETRIES", "0"),
        ],
        &accounts,
    )
    .await;
    assert_one_line_error(&down, "GET");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_retries_bounds_the_attempts_of_a_failing_request() {
    let s = setup().await;
    s.sandbox
        .set_faults(FaultConfig {
            error_500: 1.0,
            ..FaultConfig::default()
        })
        .unwrap();
    let env = [
        ("FEEDRAIL_API_KEY", s.sandbox.api_key().to_owned()),
        ("FEEDRAIL_BASE_URL", s.sandbox.url()),
        ("FEEDRAIL_MAX_RETRIES", "2".to_owned()),
    ];
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let accounts = accounts(&s.company, &s.connection);

    let out = feedrail(&env, &accounts).await;
    assert_one_line_error(&out, "500");
    assert_eq!(
        s.sandbox.fault_stats().error_500,
        3,
        "1 attempt + 2 retries"
    );

    let flag = [&accounts[..], &["--max-retries", "0"]].concat();
    let out = feedrail(&env, &flag).await;
    assert_one_line_error(&out, "500");
    assert_eq!(
        s.sandbox.fault_stats().error_500,
        4,
        "the flag wins over the env"
    );

    let zero = feedrail(&env, &[&accounts[..], &["--timeout", "0"]].concat()).await;
    assert_eq!(zero.status.code(), Some(2), "{}", text(&zero.stderr));
    assert!(text(&zero.stderr).contains("--timeout"));
}

#[tokio::test]
async fn the_demo_verifies_what_landed() {
    let out = feedrail(&[], &["demo", "--transactions", "300", "--delay-ms", "5"]).await;
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        stdout.contains("pending \"card\" account is refused"),
        "{stdout}"
    );
    assert!(
        stdout.contains("7. reconciled from feedrail's push journal")
            && !stdout.contains("MISMATCH"),
        "{stdout}"
    );
    assert!(
        stdout.contains("verified: every line landed once"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("  ok").count(),
        4,
        "two ledgers, two reconciliations: {stdout}"
    );
}

#[tokio::test]
async fn push_with_a_webhook_receiver_ends_each_push_on_its_event() {
    let s = setup_with(SandboxConfig {
        processing_delay: std::time::Duration::from_millis(200),
        ..SandboxConfig::for_tests()
    })
    .await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen = format!("127.0.0.1:{port}");
    let endpoint = s
        .sandbox
        .add_webhook(&format!("http://{listen}/codat"), None)
        .unwrap();
    let url = s.sandbox.url();
    let env = [
        ("FEEDRAIL_API_KEY", s.sandbox.api_key()),
        ("FEEDRAIL_BASE_URL", url.as_str()),
        ("FEEDRAIL_WEBHOOK_SECRET", endpoint.secret.as_str()),
    ];
    let fixed = data("bank-lines-fixed.csv");
    let polls = s.sandbox.status_polls();
    let out = feedrail(
        &env,
        &[
            "push",
            &fixed,
            "--company",
            &s.company,
            "--connection",
            &s.connection,
            "--account",
            "current",
            "--batch-size",
            "4",
            "--webhook-listen",
            &listen,
        ],
    )
    .await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stderr.contains(&format!("receiving Codat webhooks on http://{listen}")),
        "{stderr}"
    );
    assert!(!stdout.contains(&endpoint.secret) && !stderr.contains(&endpoint.secret));
    let ledger = s
        .sandbox
        .ledger(&s.company, &s.connection, "current")
        .unwrap();
    let batches = ledger.transactions.len().div_ceil(4) as u64;
    assert!(batches >= 3, "{stdout}");
    assert_eq!(
        s.sandbox.status_polls() - polls,
        batches,
        "one status poll per batch, after its event"
    );

    // Without the secret the receiver cannot start.
    let out = feedrail(
        &env[..2],
        &[
            "push",
            &fixed,
            "--company",
            "c",
            "--connection",
            "k",
            "--account",
            "a",
            "--webhook-listen",
            &listen,
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--webhook-secret"),
        "{}",
        text(&out.stderr)
    );
}

/// A proxy on loopback that records every byte it receives, agrees to any `CONNECT` and
/// forwards nothing.
async fn capture_proxy() -> (String, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: std::sync::Arc<std::sync::Mutex<Vec<u8>>> = Default::default();
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let record = record.clone();
            tokio::spawn(async move {
                let mut buffer = [0u8; 4096];
                let mut answered = false;
                while let Ok(n) = socket.read(&mut buffer).await {
                    if n == 0 {
                        break;
                    }
                    record.lock().unwrap().extend_from_slice(&buffer[..n]);
                    if !answered {
                        answered = true;
                        let _ = socket
                            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                            .await;
                    }
                }
            });
        }
    });
    (url, seen)
}

#[tokio::test]
async fn the_api_key_never_reaches_a_proxy_in_clear() {
    let s = setup().await;
    let (proxy, seen) = capture_proxy().await;
    let url = s.sandbox.url();
    let key = s.sandbox.api_key().to_owned();
    // Environment proxies do not apply to the loopback sandbox: the request goes direct.
    let env = [
        ("FEEDRAIL_API_KEY", key.as_str()),
        ("FEEDRAIL_BASE_URL", url.as_str()),
        ("HTTP_PROXY", proxy.as_str()),
        ("http_proxy", proxy.as_str()),
        ("ALL_PROXY", proxy.as_str()),
        ("all_proxy", proxy.as_str()),
    ];
    let out = feedrail(&env, &accounts(&s.company, &s.connection)).await;
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(seen.lock().unwrap().is_empty(), "the proxy saw the request");

    // An explicit proxy with the plain-http sandbox is refused before anything is sent.
    let mut args = accounts(&s.company, &s.connection).to_vec();
    args.extend(["--proxy", proxy.as_str()]);
    let out = feedrail(&env[..2], &args).await;
    assert_one_line_error(&out, "in clear");
    assert!(!text(&out.stderr).contains(&proxy));

    // With an https base URL the proxy only tunnels: it sees CONNECT, and TLS after it.
    let env = [
        ("FEEDRAIL_API_KEY", key.as_str()),
        ("FEEDRAIL_BASE_URL", "https://api.codat.io"),
        ("FEEDRAIL_MAX_RETRIES", "0"),
        ("FEEDRAIL_TIMEOUT", "5"),
    ];
    let out = feedrail(&env, &args).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let seen = String::from_utf8_lossy(&seen.lock().unwrap()).into_owned();
    assert!(seen.starts_with("CONNECT api.codat.io:443"), "{seen:?}");
    let encoded = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &key);
    assert!(
        !seen.contains(&encoded)
            && !seen.contains(&key)
            && !seen.to_ascii_lowercase().contains("authorization")
    );
}

#[tokio::test]
async fn the_sandbox_refuses_fault_rates_that_cannot_add_up_and_hides_its_keys() {
    let out = feedrail(&[], &["sandbox", "--port", "0", "--fault-rate", "0.3"]).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("= 1.5") && stderr.contains("use at most 0.2"),
        "{stderr}"
    );
    let out = feedrail(
        &[("FEEDRAIL_SANDBOX_API_KEYS", "a-secret-sandbox-key")],
        &["sandbox", "--help"],
    )
    .await;
    assert!(out.status.success());
    assert!(!text(&out.stdout).contains("a-secret-sandbox-key"));
}

#[tokio::test]
async fn otp_prints_a_one_time_password_the_sage_user_connects_with() {
    let s = setup().await;
    let env = s.env();
    let out = feedrail(
        &env,
        &[
            "otp",
            "--company",
            &s.company,
            "--connection",
            &s.connection,
        ],
    )
    .await;
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let otp = stdout
        .lines()
        .find_map(|l| l.strip_prefix("one-time password"))
        .unwrap()
        .trim();
    assert!(stdout.contains(&s.connection) && stdout.contains("valid until"));
    s.sandbox
        .connect_account_with_otp(&s.company, &s.connection, "current", otp)
        .unwrap();
    assert!(
        s.sandbox
            .connect_account_with_otp(&s.company, &s.connection, "current", otp)
            .is_err(),
        "a one-time password works once"
    );
}

#[tokio::test]
async fn the_setup_commands_cover_the_rest_of_the_api() {
    let s = setup().await;
    let env = s.env();
    let at = [
        "--company",
        s.company.as_str(),
        "--connection",
        s.connection.as_str(),
    ];
    let run = |args: Vec<&str>| {
        let args: Vec<String> = args.into_iter().map(str::to_owned).collect();
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            feedrail(&env, &args).await
        }
    };
    let listed = run(vec!["companies", "list", "--query", "name~cli"]).await;
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    assert!(text(&listed.stdout).contains(&s.company));
    let none = run(vec!["companies", "list", "--query", "name~nobody"]).await;
    assert!(!text(&none.stdout).contains(&s.company));

    let model = run([vec!["model"], at.to_vec(), vec!["--account", "current"]].concat()).await;
    let model_text = text(&model.stdout);
    assert!(model.status.success(), "{}", text(&model.stderr));
    assert!(
        model_text.contains("transactionType") && model_text.contains("one of"),
        "{model_text}"
    );
    assert!(model_text.contains("rule: Transactions must be in chronological order"));

    let mappings = run([vec!["mappings"], at.to_vec()].concat()).await;
    assert!(
        text(&mappings.stdout).contains("current") && text(&mappings.stdout).contains("connected")
    );

    let info = run([vec!["connections", "info"], at.to_vec()].concat()).await;
    assert_one_line_error(&info, "not supported for Sage");
    let credentials = run([vec!["connections", "credentials"], at.to_vec()].concat()).await;
    assert_one_line_error(&credentials, "QuickBooks Online");

    let unlinked = run([vec!["connections", "unlink"], at.to_vec()].concat()).await;
    assert!(
        text(&unlinked.stdout).contains("Unlinked"),
        "{}",
        text(&unlinked.stderr)
    );
    let deleted = run([vec!["connections", "delete"], at.to_vec()].concat()).await;
    assert!(deleted.status.success(), "{}", text(&deleted.stderr));
    let conns = run(vec!["connections", "list", "--company", &s.company]).await;
    assert!(!text(&conns.stdout).contains(&s.connection));

    let gone = run(vec!["companies", "delete", "--company", &s.company]).await;
    assert!(gone.status.success(), "{}", text(&gone.stderr));
    let again = run(vec!["companies", "delete", "--company", &s.company]).await;
    assert_one_line_error(&again, "404");
}

/// Every file of the malformed-input corpus (tests/malformed) gives what expected.json says: a
/// one-line error naming the line (exit 2), a report naming line and field (exit 1), or
/// acceptance with the documented meaning (exit 0). No file is left without an expectation.
#[tokio::test]
async fn the_malformed_input_corpus_is_refused_clearly_or_read_as_documented() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/malformed");
    let expected: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "expected.json" && n != "README.md")
        .collect();
    files.sort();
    let mut named: Vec<String> = expected.keys().cloned().collect();
    named.sort();
    assert_eq!(files, named, "every corpus file has an expectation");
    assert!(files.len() >= 25);
    for (name, want) in &expected {
        let path = dir.join(name);
        let out = feedrail(
            &[],
            &["validate", path.to_str().unwrap(), "--today", "2026-06-30"],
        )
        .await;
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        let code = want["exit"].as_i64().unwrap() as i32;
        assert_eq!(out.status.code(), Some(code), "{name}: {stdout}{stderr}");
        if code == 2 {
            assert_one_line_error(&out, "line");
        } else {
            assert!(stderr.is_empty(), "{name}: {stderr}");
        }
        for (stream, got) in [("out", &stdout), ("err", &stderr)] {
            for needle in want[stream].as_array().into_iter().flatten() {
                let needle = needle.as_str().unwrap();
                assert!(got.contains(needle), "{name}: {needle:?} not in {got:?}");
            }
        }
    }
}

/// Every operation the surface table gives a CLI command (tests/surface.json) has it.
#[tokio::test]
async fn every_operation_with_a_command_has_it() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/surface.json");
    let surface: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let commands: Vec<&str> = surface["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|op| op["cli"].as_str())
        .collect();
    assert!(commands.len() >= 15, "{commands:?}");
    for command in commands {
        let mut args: Vec<&str> = command.split(' ').collect();
        args.push("--help");
        let out = feedrail(&[], &args).await;
        assert!(
            out.status.success(),
            "feedrail {command}: {}",
            text(&out.stderr)
        );
    }
}

/// `n` lines from `start`, one a minute from 1 January 2026, with a continuous balance; every
/// seventh description is quoted and holds a comma, a quote and a line break.
fn big_feed(n: usize) -> Vec<(String, String, String, String, String)> {
    let base = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let mut balance = 0i64;
    (0..n)
        .map(|i| {
            let amount = if i % 3 == 0 {
                1000 + i as i64
            } else {
                -(17 + (i % 50) as i64)
            };
            balance += amount;
            let description = if i % 7 == 0 {
                format!("Card, \"shop\"\nline {i}")
            } else {
                format!("Line {i}")
            };
            (
                format!("t-{i:07}"),
                (base + chrono::Duration::minutes(i as i64))
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
                description,
                rust_decimal::Decimal::new(amount, 2).to_string(),
                rust_decimal::Decimal::new(balance, 2).to_string(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_streamed_push_of_files_many_times_the_read_buffer_lands_line_by_line() {
    let s = setup().await;
    let env = s.env();
    let dir = tempfile::tempdir().unwrap();
    let cursor = dir.path().join("cursor.sqlite");
    let lines = big_feed(30_000);
    let (first, second) = lines.split_at(18_000);

    // A CSV, then JSON Lines continuing it: each far beyond the 64 KiB read buffer.
    let csv_path = dir.path().join("feed.csv");
    let mut writer = csv::Writer::from_path(&csv_path).unwrap();
    writer
        .write_record([
            "id",
            "date",
            "description",
            "amount",
            "balance",
            "transactionType",
        ])
        .unwrap();
    for (id, date, description, amount, balance) in first {
        let kind = if amount.starts_with('-') {
            "Debit"
        } else {
            "Credit"
        };
        writer
            .write_record([id, date, description, amount, balance, &kind.to_owned()])
            .unwrap();
    }
    writer.flush().unwrap();
    let jsonl_path = dir.path().join("feed.jsonl");
    let jsonl: String = second
        .iter()
        .map(|(id, date, description, amount, balance)| {
            let kind = if amount.starts_with('-') {
                "Debit"
            } else {
                "Credit"
            };
            format!(
                "{}\n",
                serde_json::json!({"id": id, "date": date, "description": description,
                    "amount": amount, "balance": balance, "transactionType": kind})
            )
        })
        .collect();
    std::fs::write(&jsonl_path, jsonl).unwrap();
    for path in [&csv_path, &jsonl_path] {
        assert!(std::fs::metadata(path).unwrap().len() > 8 * 64 * 1024);
    }

    for (path, count) in [(&csv_path, first.len()), (&jsonl_path, second.len())] {
        let out = feedrail(
            &env,
            &[
                "push",
                path.to_str().unwrap(),
                "--cursor",
                cursor.to_str().unwrap(),
                "--company",
                &s.company,
                "--connection",
                &s.connection,
                "--account",
                "current",
            ],
        )
        .await;
        let stdout = text(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{stdout} {}", text(&out.stderr));
        assert!(
            stdout.contains(&format!("{count} of {count} lines landed")),
            "{stdout}"
        );
    }

    let ledger = s
        .sandbox
        .ledger(&s.company, &s.connection, "current")
        .unwrap();
    assert_eq!(ledger.transactions.len(), lines.len());
    for (landed, (id, date, description, amount, balance)) in ledger.transactions.iter().zip(&lines)
    {
        assert_eq!(&landed.id, id);
        assert_eq!(
            &landed.date.format("%Y-%m-%dT%H:%M:%S").to_string(),
            date,
            "{id}"
        );
        assert_eq!(
            landed.description.as_deref(),
            Some(description.as_str()),
            "{id}"
        );
        assert_eq!(&landed.amount.to_string(), amount, "{id}");
        assert_eq!(
            landed.balance.map(|b| b.to_string()).as_deref(),
            Some(balance.as_str()),
            "{id}"
        );
    }
}
