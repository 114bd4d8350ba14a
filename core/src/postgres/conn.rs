//! Pooled connections that prepare each statement once: feedrail's SQL is a fixed set of
//! statements, so every connection keeps its prepared statements and a call costs one round trip
//! and no parse or plan on the server.

use std::collections::HashMap;

use postgres::types::ToSql;
use postgres::{Client, GenericClient, Row, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

/// Statements prepared on one connection, by their text.
type Prepared = HashMap<&'static str, Statement>;

/// A connection and its prepared statements.
pub(crate) struct Conn {
    client: Client,
    prepared: Prepared,
}

/// A transaction on a [`Conn`], preparing through the same cache.
pub(crate) struct Tx<'a> {
    tx: postgres::Transaction<'a>,
    prepared: &'a mut Prepared,
}

fn statement(
    client: &mut impl GenericClient,
    prepared: &mut Prepared,
    sql: &'static str,
) -> Result<Statement, postgres::Error> {
    if let Some(s) = prepared.get(sql) {
        return Ok(s.clone());
    }
    let s = client.prepare(sql)?;
    prepared.insert(sql, s.clone());
    Ok(s)
}

/// The calls both a connection and a transaction offer, each on a cached statement.
macro_rules! calls {
    () => {
        /// Rows of `sql`.
        pub fn query(
            &mut self,
            sql: &'static str,
            params: &[&(dyn ToSql + Sync)],
        ) -> Result<Vec<Row>, postgres::Error> {
            let (client, prepared) = self.parts();
            let s = statement(client, prepared, sql)?;
            client.query(&s, params)
        }

        /// The row of `sql`, if any.
        pub fn query_opt(
            &mut self,
            sql: &'static str,
            params: &[&(dyn ToSql + Sync)],
        ) -> Result<Option<Row>, postgres::Error> {
            let (client, prepared) = self.parts();
            let s = statement(client, prepared, sql)?;
            client.query_opt(&s, params)
        }

        /// The one row of `sql`.
        pub fn query_one(
            &mut self,
            sql: &'static str,
            params: &[&(dyn ToSql + Sync)],
        ) -> Result<Row, postgres::Error> {
            let (client, prepared) = self.parts();
            let s = statement(client, prepared, sql)?;
            client.query_one(&s, params)
        }

        /// Runs `sql`; rows changed.
        pub fn execute(
            &mut self,
            sql: &'static str,
            params: &[&(dyn ToSql + Sync)],
        ) -> Result<u64, postgres::Error> {
            let (client, prepared) = self.parts();
            let s = statement(client, prepared, sql)?;
            client.execute(&s, params)
        }
    };
}

impl Conn {
    calls!();

    fn parts(&mut self) -> (&mut Client, &mut Prepared) {
        (&mut self.client, &mut self.prepared)
    }

    /// A read-write transaction.
    pub fn transaction(&mut self) -> Result<Tx<'_>, postgres::Error> {
        Ok(Tx {
            tx: self.client.transaction()?,
            prepared: &mut self.prepared,
        })
    }

    /// A read-only transaction seeing one snapshot.
    pub fn snapshot(&mut self) -> Result<Tx<'_>, postgres::Error> {
        Ok(Tx {
            tx: self
                .client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?,
            prepared: &mut self.prepared,
        })
    }
}

impl<'a> Tx<'a> {
    calls!();

    fn parts(&mut self) -> (&mut postgres::Transaction<'a>, &mut Prepared) {
        (&mut self.tx, self.prepared)
    }

    /// Commits.
    pub fn commit(self) -> Result<(), postgres::Error> {
        self.tx.commit()
    }
}

/// Opens connections for the pool.
pub(crate) struct Manager {
    pub config: postgres::Config,
    pub tls: MakeRustlsConnect,
}

impl std::fmt::Debug for Manager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Manager")
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<Conn, postgres::Error> {
        Ok(Conn {
            client: self.config.connect(self.tls.clone())?,
            prepared: Prepared::new(),
        })
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), postgres::Error> {
        conn.client.simple_query("").map(|_| ())
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.client.is_closed()
    }
}
