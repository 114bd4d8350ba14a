//! PostgreSQL, for many processes on many machines: a pool of connections to one database, its
//! versioned schema, and the company request slots every worker shares.
//!
//! A URL (`postgresql://user:password@host:port/db?sslmode=require`) selects it. TLS is used
//! when the server offers it (`sslmode=prefer`, the default) or always (`sslmode=require`), and
//! the server's certificate is checked against the platform's trust store. The password never
//! appears in an error, a log line or `Debug` output.

mod conn;
mod events;
mod schema;
mod slots;

use std::sync::Arc;
use std::time::Duration;

use r2d2::{Pool, PooledConnection};
use tokio_postgres_rustls::MakeRustlsConnect;

use conn::Manager;
pub(crate) use conn::Tx;

pub use events::PostgresEventRelay;
pub use slots::PostgresCompanySlots;

use crate::error::Error;

/// Most connections one process keeps open to the database.
pub const POOL_SIZE: u32 = 10;

/// How long a call waits for a free connection (or to connect) before failing with `STORE`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(30);

/// A pool of connections to one PostgreSQL database whose schema is migrated to this
/// feedrail's. Cheap to share (`Arc`); every method blocks (call it off async threads).
pub struct Database {
    /// Always set; taken only when dropped.
    pool: Option<Pool<Manager>>,
    /// For connections of their own (a listener's session).
    config: postgres::Config,
    tls: MakeRustlsConnect,
    shown: String,
}

impl Drop for Database {
    fn drop(&mut self) {
        // Each connection owns a small runtime of the driver's, which must not be dropped on a
        // thread that drives async tasks.
        if let Some(pool) = self.pool.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            std::thread::spawn(move || drop(pool));
        }
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("url", &self.shown)
            .finish()
    }
}

impl Database {
    /// Connects to the database at `url` (creating or migrating feedrail's tables, prefixed
    /// `feedrail_`). `STORE` when it cannot connect, naming the server but never the password.
    pub fn connect(url: &str) -> Result<Arc<Database>, Error> {
        off_async(|| Database::connect_now(url))
    }

    fn connect_now(url: &str) -> Result<Arc<Database>, Error> {
        let shown = redact(url);
        let config: postgres::Config = url.parse().map_err(|e| {
            Error::config(format!(
                "{shown} is not a PostgreSQL URL ({e}); use postgresql://user:password@host:port/database"
            ))
        })?;
        let tls = tls()?;
        // Connect once directly: a wrong host, port or password fails now, with its cause,
        // instead of after the pool's wait.
        let mut first = config
            .connect(tls.clone())
            .map_err(|e| Error::store(format!("{shown}: cannot connect: {e}")))?;
        schema::migrate(&mut first).map_err(|e| Error::store(format!("{shown}: {e}")))?;
        drop(first);
        let manager = Manager {
            config: config.clone(),
            tls: tls.clone(),
        };
        let pool = Pool::builder()
            .max_size(POOL_SIZE)
            .min_idle(Some(1))
            // A broken connection shows on use (a `STORE` error the caller retries) and is
            // dropped when returned: no extra round trip on every checkout.
            .test_on_check_out(false)
            .connection_timeout(CONNECT_TIMEOUT)
            .error_handler(Box::new(r2d2::NopErrorHandler))
            .build_unchecked(manager);
        Ok(Arc::new(Database {
            pool: Some(pool),
            config,
            tls,
            shown,
        }))
    }

    /// A connection from the pool.
    pub(crate) fn conn(&self) -> Result<PooledConnection<Manager>, Error> {
        self.pool
            .as_ref()
            .ok_or_else(|| self.err("the database was closed"))?
            .get()
            .map_err(|e| self.err(e))
    }

    /// A connection of its own, outside the pool (it blocks: call it off async threads).
    pub(crate) fn dedicated(&self) -> Result<postgres::Client, Error> {
        self.config
            .connect(self.tls.clone())
            .map_err(|e| self.err(format!("cannot connect: {e}")))
    }

    /// A `STORE` error about this database.
    pub(crate) fn err(&self, e: impl std::fmt::Display) -> Error {
        Error::store(format!("{}: {e}", self.shown))
    }

    /// The schema version this feedrail writes.
    pub const SCHEMA_VERSION: usize = schema::VERSION;
}

/// Runs blocking database work `f` safely from anywhere: directly on a plain or blocking-pool
/// thread, through `block_in_place` on a multi-thread runtime's worker, and on a scoped thread
/// on a current-thread runtime (the database driver must not block a thread driving tasks).
pub(crate) fn off_async<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    use tokio::runtime::{Handle, RuntimeFlavor};
    match Handle::try_current() {
        Ok(h) if h.runtime_flavor() == RuntimeFlavor::MultiThread => tokio::task::block_in_place(f),
        Ok(_) => std::thread::scope(|s| match s.spawn(f).join() {
            Ok(value) => value,
            Err(panic) => std::panic::resume_unwind(panic),
        }),
        Err(_) => f(),
    }
}

/// Whether `text` names a PostgreSQL database rather than a file.
pub fn is_url(text: &str) -> bool {
    text.starts_with("postgresql://") || text.starts_with("postgres://")
}

/// `url` without its password (and as "the PostgreSQL database" when it is not a URL at all).
fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            u.set_query(None);
            u.to_string()
        }
        Err(_) => "the PostgreSQL database".to_owned(),
    }
}

/// TLS with the platform's trust store, for servers that offer it.
fn tls() -> Result<MakeRustlsConnect, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .and_then(|b| b.with_platform_verifier())
        .map(|b| b.with_no_client_auth())
        .map_err(|e| Error::store(format!("cannot set up TLS for PostgreSQL: {e}")))?;
    Ok(MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_never_shown() {
        let shown = redact("postgresql://me:s3cret@db.example:5432/feeds?sslmode=require");
        assert_eq!(shown, "postgresql://me:***@db.example:5432/feeds");
        assert_eq!(redact("host=x password=s3cret"), "the PostgreSQL database");
    }

    #[test]
    fn a_bad_url_is_config_and_hides_the_password() {
        let err = Database::connect("postgresql://me:s3cret@host:notaport/db").unwrap_err();
        assert!(!err.to_string().contains("s3cret"), "{err}");
    }
}
