//! feedrail's tables in PostgreSQL, created and migrated in order; every process migrates
//! under one advisory lock, so many starting at once do not race.

use ::postgres::Client;

/// Migrations, in order; `feedrail_schema.version` is how many have run.
const MIGRATIONS: &[&str] = &[
    // 1: accounts (cursor, batch in flight, lease, queue backoff), their pushed ids and retired
    // keys, queued lines, and the companies' shared request slots.
    "CREATE TABLE feedrail_account (
        id BIGSERIAL PRIMARY KEY,
        company_id TEXT NOT NULL, connection_id TEXT NOT NULL, account_id TEXT NOT NULL,
        latest_date TEXT, latest_id TEXT, last_balance TEXT,
        in_flight TEXT,
        lease_token UUID, lease_holder TEXT, lease_expires TIMESTAMPTZ,
        retry_at TIMESTAMPTZ, attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,
        UNIQUE (company_id, connection_id, account_id));
    -- The batch in flight is written at every step: stored as is, not compressed.
    ALTER TABLE feedrail_account ALTER COLUMN in_flight SET STORAGE EXTERNAL;
    -- No foreign keys on the two big tables: a per-row check would cost more than the insert,
    -- and only feedrail writes them, under the account's row lock.
    CREATE TABLE feedrail_pushed_id (
        account BIGINT NOT NULL, id TEXT NOT NULL,
        PRIMARY KEY (account, id));
    CREATE TABLE feedrail_retired_key (
        account BIGINT NOT NULL REFERENCES feedrail_account (id), key UUID NOT NULL,
        PRIMARY KEY (account, key));
    CREATE TABLE feedrail_queued_line (
        account BIGINT NOT NULL,
        seq BIGSERIAL NOT NULL,
        line_id TEXT NOT NULL,
        line TEXT NOT NULL,
        failed TEXT,
        enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        PRIMARY KEY (account, seq),
        UNIQUE (account, line_id));
    -- Failed lines are few: claims and the pending count find them without scanning the queue.
    CREATE INDEX feedrail_queued_line_failed ON feedrail_queued_line (account)
        WHERE failed IS NOT NULL;
    CREATE TABLE feedrail_company (
        company_id TEXT PRIMARY KEY,
        paused_until TIMESTAMPTZ);
    CREATE TABLE feedrail_company_slot (
        company_id TEXT NOT NULL, slot INTEGER NOT NULL,
        token UUID, expires TIMESTAMPTZ,
        PRIMARY KEY (company_id, slot));",
    // 2: the push journal, one row per settled batch with its ids.
    "CREATE TABLE feedrail_journal (
        account BIGINT NOT NULL REFERENCES feedrail_account (id), sequence BIGINT NOT NULL,
        status TEXT NOT NULL, idempotency_key UUID NOT NULL, push_operation_key TEXT,
        requested_at TIMESTAMPTZ NOT NULL, completed_at TIMESTAMPTZ NOT NULL,
        message TEXT, validation TEXT, ids TEXT NOT NULL,
        PRIMARY KEY (account, sequence));",
];

/// The schema version this feedrail writes.
pub const VERSION: usize = MIGRATIONS.len();

/// Creates or migrates feedrail's tables; refuses a database migrated by a newer feedrail.
pub(super) fn migrate(conn: &mut Client) -> Result<(), String> {
    let mut tx = conn.transaction().map_err(|e| e.to_string())?;
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(7305734872101);
         CREATE TABLE IF NOT EXISTS feedrail_schema (version INTEGER NOT NULL);",
    )
    .map_err(|e| e.to_string())?;
    let version: i32 = match tx
        .query_opt("SELECT version FROM feedrail_schema", &[])
        .map_err(|e| e.to_string())?
    {
        Some(row) => row.get(0),
        None => {
            tx.execute("INSERT INTO feedrail_schema (version) VALUES (0)", &[])
                .map_err(|e| e.to_string())?;
            0
        }
    };
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > VERSION {
        return Err(format!(
            "the database has feedrail schema version {version}, newer than this feedrail knows ({VERSION}); upgrade feedrail to use it"
        ));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        tx.batch_execute(sql)
            .map_err(|e| format!("migration {} failed: {e}", i + 1))?;
        tx.execute(
            "UPDATE feedrail_schema SET version = $1",
            &[&((i + 1) as i32)],
        )
        .map_err(|e| e.to_string())?;
    }
    tx.commit().map_err(|e| e.to_string())
}
