//! The public surface every language ships, defined once: each client operation with the
//! options it takes, the client's own options, and the CLI command that runs it. The parity
//! tests of Python, Node and the CLI read it (as `tests/surface.json`, written from this table)
//! and fail when a language lacks an operation or an option, or spells one differently.

use serde::Serialize;

/// Options of a feed (`push_feed`, `push_feeds`); `progress` is a callback.
const FEED: &[&str] = &[
    "skip_invalid",
    "batch_size",
    "today",
    "time_zone",
    "wait_timeout",
    "profile",
    "timeout_in_minutes",
    "allow_sync_on_push_complete",
    "lease_wait",
    "progress",
];

/// Options of a paged list.
const LIST: &[&str] = &["page", "page_size", "query", "order_by"];

/// Options of a list read page after page (the iterator chooses the pages).
const EVERY_PAGE: &[&str] = &["page_size", "query", "order_by"];

/// One operation of the client.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// Its name in snake_case (Rust, Python); Node spells it in camelCase.
    pub name: &'static str,
    /// Its options, in snake_case; Node's options object spells them in camelCase.
    pub options: &'static [&'static str],
    /// Node's interface for the options, when it takes an options object.
    pub node_options: Option<&'static str>,
    /// The CLI command that runs it (words after `feedrail`), if any.
    pub cli: Option<&'static str>,
    /// What it returns, in TypeScript's notation over the generated types (`Company`,
    /// `Connection[]`, `void`): Node declares exactly this, Python returns the same type.
    pub returns: &'static str,
}

const fn op(name: &'static str, returns: &'static str) -> Operation {
    Operation {
        name,
        options: &[],
        node_options: None,
        cli: None,
        returns,
    }
}

impl Operation {
    /// Whether bindings run it through their call by name (a shared `ops::` function): all but
    /// the worker, the webhook handlers and the derived client, which have calls of their own.
    pub fn called_by_name(&self) -> bool {
        !matches!(
            self.name,
            "worker" | "handle_webhook" | "handle_event" | "with_options"
        )
    }
}

const fn with(
    name: &'static str,
    returns: &'static str,
    options: &'static [&'static str],
    node_options: &'static str,
) -> Operation {
    Operation {
        name,
        options,
        node_options: Some(node_options),
        cli: None,
        returns,
    }
}

const fn cli(mut operation: Operation, command: &'static str) -> Operation {
    operation.cli = Some(command);
    operation
}

/// Every operation of `Client` (Python's `AsyncClient` has the same, as coroutines).
pub const OPERATIONS: &[Operation] = &[
    op("create_company", "Company"),
    op("get_company", "Company"),
    cli(
        with("list_companies", "CompanyPage", LIST, "ListOptions"),
        "companies list",
    ),
    cli(op("delete_company", "void"), "companies delete"),
    op("create_connection", "Connection"),
    op("get_connection", "Connection"),
    cli(op("list_connections", "Connection[]"), "connections list"),
    cli(op("unlink_connection", "Connection"), "connections unlink"),
    cli(op("delete_connection", "void"), "connections delete"),
    cli(op("generate_otp", "Otp"), "otp"),
    cli(
        op("get_company_information", "CompanyInformation"),
        "connections info",
    ),
    cli(
        op("generate_credentials", "Credentials"),
        "connections credentials",
    ),
    op("delete_credentials", "void"),
    cli(op("list_account_mappings", "AccountMapping[]"), "mappings"),
    op("create_account_mapping", "AccountMappingResult"),
    op("create_account", "SourceAccount"),
    op("create_accounts", "BatchCreateItem[]"),
    cli(op("list_accounts", "SourceAccount[]"), "accounts"),
    op("get_account", "SourceAccount"),
    op("update_account", "SourceAccount"),
    op("delete_account", "void"),
    cli(op("get_bank_transactions_model", "PushOption"), "model"),
    with(
        "push_batch",
        "PushOperation",
        &[
            "idempotency_key",
            "timeout_in_minutes",
            "allow_sync_on_push_complete",
        ],
        "PushBatchOptions",
    ),
    cli(op("get_push_operation", "PushOperation"), "status"),
    with("wait", "PushOperation", &["timeout"], "WaitOptions"),
    with(
        "list_push_operations",
        "PushOperationPage",
        LIST,
        "ListOptions",
    ),
    cli(with("push_feed", "FeedReport", FEED, "FeedOptions"), "push"),
    with(
        "push_feeds",
        "Record<string, FeedReport | FeedrailError>",
        FEED,
        "FeedOptions",
    ),
    cli(
        with(
            "enqueue",
            "Enqueued",
            &["today", "time_zone", "profile"],
            "EnqueueOptions",
        ),
        "enqueue",
    ),
    cli(op("queue_status", "AccountQueueStatus[]"), "queue status"),
    cli(
        with(
            "reconcile",
            "Reconciliation",
            &[
                "today",
                "time_zone",
                "profile",
                "opening_balance",
                "confirm",
            ],
            "ReconcileOptions",
        ),
        "reconcile",
    ),
    cli(op("retry_failed", "number"), "queue retry"),
    cli(op("drop_failed", "number"), "queue drop"),
    cli(
        with(
            "worker",
            "Worker",
            &[
                "accounts_at_once",
                "lines_per_claim",
                "until_drained",
                "idle_poll",
                "lease_ttl",
                "batch_size",
                "wait_timeout",
                "profile",
            ],
            "WorkerOptions",
        ),
        "worker",
    ),
    op("handle_webhook", "WebhookEvent"),
    op("handle_event", "void"),
    with(
        "with_options",
        "Client",
        &["max_retries", "timeout", "total_timeout"],
        "PolicyOptions",
    ),
];

/// Lists read page after page: Python's `iter_*` generators, Node's async iterators.
pub const ITERATORS: &[(&str, &[&str])] =
    &[("companies", EVERY_PAGE), ("push_operations", EVERY_PAGE)];

/// The options of a client.
pub const CLIENT_OPTIONS: &[&str] = &[
    "api_key",
    "base_url",
    "cursor",
    "max_retries",
    "timeout",
    "total_timeout",
    "concurrency_per_company",
    "user_agent",
    "webhook_secret",
    "proxy",
];

/// The sandbox handle's methods, the same in Python and Node.
pub const SANDBOX_METHODS: &[&str] = &[
    "connect_account",
    "disconnect_account",
    "ledger",
    "set_faults",
    "add_webhook",
    "webhook_stats",
    "status_polls",
    "stats",
    "reset",
    "close",
];

/// Every option name of the surface (client, operations, iterators), in snake_case.
pub fn option_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = CLIENT_OPTIONS
        .iter()
        .chain(OPERATIONS.iter().flat_map(|op| op.options.iter()))
        .copied()
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The whole surface as JSON, the form the language suites read.
pub fn surface_json() -> serde_json::Value {
    let iterators: Vec<serde_json::Value> = ITERATORS
        .iter()
        .map(|(name, options)| serde_json::json!({"name": name, "options": options}))
        .collect();
    serde_json::json!({
        "operations": OPERATIONS,
        "iterators": iterators,
        "clientOptions": CLIENT_OPTIONS,
        "sandboxMethods": SANDBOX_METHODS,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tests/surface.json` is this table; `FEEDRAIL_WRITE_SURFACE=1` rewrites it.
    #[test]
    fn the_committed_surface_is_the_table() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/surface.json");
        let want = format!(
            "{}\n",
            serde_json::to_string_pretty(&surface_json()).expect("serializes")
        );
        if std::env::var_os("FEEDRAIL_WRITE_SURFACE").is_some() {
            std::fs::write(path, &want).expect("writes");
        }
        let got = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            got == want,
            "tests/surface.json is stale: run FEEDRAIL_WRITE_SURFACE=1 cargo test -p feedrail-bindings surface"
        );
    }

    #[test]
    fn every_operation_is_a_shared_operation() {
        let source = [
            include_str!("ops.rs"),
            include_str!("webhooks.rs"),
            include_str!("settings.rs"),
        ]
        .concat();
        for op in OPERATIONS {
            // The worker is built from the settings (`WorkerSettings`), then run by `run_worker`;
            // a derived client comes from `ClientSettings::override_policy`.
            let name = match op.name {
                "worker" => "run_worker",
                "with_options" => "override_policy",
                other => other,
            };
            let defined = source.contains(&format!("pub async fn {name}("))
                || source.contains(&format!("pub fn {name}("));
            assert!(defined, "{} is not a shared operation", op.name);
            let by_name = include_str!("ops.rs").contains(&format!("pub async fn {}(", op.name));
            assert_eq!(by_name, op.called_by_name(), "{}: called by name", op.name);
        }
    }
}
