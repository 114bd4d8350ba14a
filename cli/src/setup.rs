//! `feedrail companies …`, `feedrail connections …`, `feedrail mappings` and `feedrail model`:
//! the setup around a bank feed, as Codat's API offers it.

use clap::Subcommand;
use feedrail::{ListOptions, PushOption};
use futures_util::TryStreamExt;

use crate::{Connection, Credentials, Failure};

/// `feedrail companies …`
#[derive(Debug, Subcommand)]
pub enum CompaniesCommand {
    /// List your companies, oldest first.
    List {
        #[command(flatten)]
        credentials: Credentials,
        /// Codat query, e.g. `name~Bakery`.
        #[arg(long)]
        query: Option<String>,
    },
    /// Delete a company, its connections and everything pushed through them, for good.
    Delete {
        #[command(flatten)]
        credentials: Credentials,
        /// Codat company id.
        #[arg(long)]
        company: String,
    },
}

/// `feedrail connections …`
#[derive(Debug, Subcommand)]
pub enum ConnectionsCommand {
    /// List a company's connections.
    List {
        #[command(flatten)]
        credentials: Credentials,
        /// Codat company id.
        #[arg(long)]
        company: String,
    },
    /// Unlink a connection: the feed stops, the connection stays and can be linked again.
    Unlink {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
    },
    /// Delete a connection and its source accounts; the user must connect anew.
    Delete {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
    },
    /// The company as its accounting software knows it (Xero, NetSuite; not Sage).
    Info {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
    },
    /// New credentials for a QuickBooks Online user (QBO only), or `--revoke` them all.
    #[command(name = "credentials")]
    QboCredentials {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        at: Connection,
        /// Revoke every credential set of the connection instead.
        #[arg(long)]
        revoke: bool,
    },
}

/// Runs `feedrail companies …`.
pub async fn companies(command: CompaniesCommand) -> Result<(), Failure> {
    match command {
        CompaniesCommand::List { credentials, query } => {
            let client = credentials.client()?;
            let options = ListOptions {
                query,
                ..ListOptions::default()
            };
            let companies: Vec<feedrail::Company> =
                client.companies(&options).try_collect().await?;
            println!("{:<36}  {:<24}  CREATED", "ID", "NAME");
            for c in companies {
                let created = c.created.map_or("-".to_owned(), |d| d.to_rfc3339());
                println!("{:<36}  {:<24}  {created}", c.id, c.name);
            }
        }
        CompaniesCommand::Delete {
            credentials,
            company,
        } => {
            credentials.client()?.delete_company(&company).await?;
            println!("deleted company {company}");
        }
    }
    Ok(())
}

/// Runs `feedrail connections …`.
pub async fn connections(command: ConnectionsCommand) -> Result<(), Failure> {
    match command {
        ConnectionsCommand::List {
            credentials,
            company,
        } => {
            let list = credentials.client()?.list_connections(&company).await?;
            println!(
                "{:<36}  {:<14}  {:<12}  CREATED",
                "ID", "PLATFORM", "STATUS"
            );
            for c in list {
                println!(
                    "{:<36}  {:<14}  {:<12}  {}",
                    c.id,
                    c.platform_name,
                    format!("{:?}", c.status),
                    c.created.to_rfc3339()
                );
            }
        }
        ConnectionsCommand::Unlink { credentials, at } => {
            let c = credentials
                .client()?
                .unlink_connection(&at.company, &at.connection)
                .await?;
            println!("connection {} is {:?}", c.id, c.status);
        }
        ConnectionsCommand::Delete { credentials, at } => {
            credentials
                .client()?
                .delete_connection(&at.company, &at.connection)
                .await?;
            println!("deleted connection {}", at.connection);
        }
        ConnectionsCommand::Info { credentials, at } => {
            let info = credentials
                .client()?
                .get_company_information(&at.company, &at.connection)
                .await?;
            let text = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
            println!("company name    {}", text(info.company_name));
            println!("base currency   {}", text(info.base_currency));
            println!("plan            {}", text(info.plan_type));
            println!(
                "currencies      {}",
                info.currencies.map_or("-".to_owned(), |c| c.join(", "))
            );
        }
        ConnectionsCommand::QboCredentials {
            credentials,
            at,
            revoke,
        } => {
            let client = credentials.client()?;
            if revoke {
                client
                    .delete_credentials(&at.company, &at.connection)
                    .await?;
                println!("revoked every credential set of {}", at.connection);
            } else {
                let c = client
                    .generate_credentials(&at.company, &at.connection)
                    .await?;
                println!("username   {}", c.username);
                println!("password   {}", c.password);
            }
        }
    }
    Ok(())
}

/// Runs `feedrail mappings`: each source account and its target account.
pub async fn mappings(credentials: Credentials, at: Connection) -> Result<(), Failure> {
    let list = credentials
        .client()?
        .list_account_mappings(&at.company, &at.connection)
        .await?;
    println!(
        "{:<16}  {:<12}  {:<24}  FEED START",
        "SOURCE", "STATUS", "TARGET"
    );
    for m in list {
        let text = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
        println!(
            "{:<16}  {:<12}  {:<24}  {}",
            text(m.source_account_id),
            text(m.status),
            text(m.target_account_name.or(m.target_account_id)),
            m.feed_start_date.map_or("-".to_owned(), |d| d.to_rfc3339())
        );
    }
    Ok(())
}

/// Runs `feedrail model`: the fields a push to the account takes.
pub async fn model(
    credentials: Credentials,
    at: Connection,
    account: String,
) -> Result<(), Failure> {
    let model = credentials
        .client()?
        .get_bank_transactions_model(&at.company, &at.connection, &account)
        .await?;
    print_option("", &model, 0);
    Ok(())
}

fn print_option(name: &str, option: &PushOption, depth: usize) {
    let indent = "  ".repeat(depth);
    let label = if name.is_empty() {
        option.display_name.as_str()
    } else {
        name
    };
    let required = if option.required {
        "required"
    } else {
        "optional"
    };
    let mut line = format!("{indent}{label:<24} {:<9} {required}", option.option_type);
    if let Some(choices) = &option.options {
        let values: Vec<&str> = choices.iter().map(|c| c.value.as_str()).collect();
        line.push_str(&format!("  one of {}", values.join(", ")));
    }
    println!("{line}");
    for rule in option
        .validation
        .iter()
        .flat_map(|v| v.warnings.iter().flatten())
    {
        println!("{indent}  rule: {}", rule.details);
    }
    for (child, sub) in option.properties.iter().flatten() {
        print_option(child, sub, depth + 1);
    }
}
