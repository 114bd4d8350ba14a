//! Throw-away PostgreSQL databases for tests and benchmarks.

/// The variable naming the PostgreSQL server tests use (`scripts/postgres.sh start` prints it).
pub const DATABASE_URL_VAR: &str = "FEEDRAIL_DATABASE_URL";

/// A new, empty database on the server named by `FEEDRAIL_DATABASE_URL`, as a URL. Panics with
/// what to do when the variable is unset or the server unreachable: it is meant for tests.
pub fn scratch_database() -> String {
    try_scratch_database().unwrap_or_else(|e| panic!("{e}"))
}

/// [`scratch_database`], with what went wrong as an error. Callable from async code (it works on
/// a thread of its own).
pub fn try_scratch_database() -> Result<String, String> {
    std::thread::spawn(create)
        .join()
        .unwrap_or_else(|_| Err("creating a scratch database panicked".to_owned()))
}

fn create() -> Result<String, String> {
    let url = std::env::var(DATABASE_URL_VAR).map_err(|_| {
        format!(
            "{DATABASE_URL_VAR} is not set: run the PostgreSQL tests through `make test`, or start a server with `eval \"$(scripts/postgres.sh start)\"`"
        )
    })?;
    let mut admin = postgres::Client::connect(&url, postgres::NoTls)
        .map_err(|e| format!("cannot reach the PostgreSQL server of {DATABASE_URL_VAR}: {e}"))?;
    let name = format!("feedrail_{}", uuid::Uuid::new_v4().simple());
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .map_err(|e| format!("cannot create a scratch database: {e}"))?;
    let (base, _) = url
        .rsplit_once('/')
        .ok_or_else(|| format!("{DATABASE_URL_VAR} has no database name"))?;
    Ok(format!("{base}/{name}"))
}
