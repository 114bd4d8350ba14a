//! Throw-away PostgreSQL databases for tests and benchmarks.

/// The variable naming the PostgreSQL server tests use (`scripts/postgres.sh start` prints it).
pub const DATABASE_URL_VAR: &str = "FEEDRAIL_DATABASE_URL";

/// A new, empty database on the server named by `FEEDRAIL_DATABASE_URL`, as a URL. Panics with
/// what to do when the variable is unset or the server unreachable: it is meant for tests.
/// Callable from async code (it works on a thread of its own).
pub fn scratch_database() -> String {
    std::thread::spawn(create)
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}

fn create() -> String {
    let url = std::env::var(DATABASE_URL_VAR).unwrap_or_else(|_| {
        panic!(
            "{DATABASE_URL_VAR} is not set: run the PostgreSQL tests through `make test`, or start a server with `eval \"$(scripts/postgres.sh start)\"`"
        )
    });
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap_or_else(|e| {
        panic!("cannot reach the PostgreSQL server of {DATABASE_URL_VAR}: {e}")
    });
    let name = format!("feedrail_{}", uuid::Uuid::new_v4().simple());
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("cannot create a scratch database: {e}"));
    let (base, _) = url.rsplit_once('/').expect("a URL with a database name");
    format!("{base}/{name}")
}
