//! The connection's other bank-feed endpoints: the push model, company information,
//! source-account credentials (QuickBooks Online) and account mapping (custom mapping UIs).

use reqwest::Method;

use super::transport::Retry;
use super::{Client, connection_call};
use crate::error::Error;
use crate::model::{
    AccountMapping, AccountMappingRequest, AccountMappingResult, CompanyInformation, Credentials,
    PushOption,
};

impl Client {
    /// `GET …/options/bankAccounts/{accountId}/bankTransactions`: the fields a push of bank
    /// transactions to this account takes, and the platform's rules for them.
    pub async fn get_bank_transactions_model(
        &self,
        company_id: &str,
        connection_id: &str,
        account_id: &str,
    ) -> Result<PushOption, Error> {
        let call = connection_call(
            Method::GET,
            company_id,
            connection_id,
            &["options", "bankAccounts", account_id, "bankTransactions"],
            Retry::Read,
        );
        self.execute(&call).await?.json(&call)
    }

    /// `GET …/bankFeeds/info`: the company as its accounting software knows it (Xero and
    /// Oracle NetSuite; Codat answers 400 for Sage).
    pub async fn get_company_information(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<CompanyInformation, Error> {
        let call = connection_call(
            Method::GET,
            company_id,
            connection_id,
            &["bankFeeds", "info"],
            Retry::Read,
        );
        self.execute(&call).await?.json(&call)
    }

    /// `POST …/connectionInfo/bankFeedAccounts/credentials` (QuickBooks Online only): a new
    /// user name and password for the QBO user; earlier ones stay valid until deleted.
    pub async fn generate_credentials(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Credentials, Error> {
        let call = connection_call(
            Method::POST,
            company_id,
            connection_id,
            &["connectionInfo", "bankFeedAccounts", "credentials"],
            Retry::KeyedWrite,
        )
        .json(&serde_json::json!({}))?;
        self.execute(&call).await?.json(&call)
    }

    /// `DELETE …/connectionInfo/bankFeedAccounts/credentials`: revokes every credential set of
    /// the connection.
    pub async fn delete_credentials(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<(), Error> {
        let call = connection_call(
            Method::DELETE,
            company_id,
            connection_id,
            &["connectionInfo", "bankFeedAccounts", "credentials"],
            Retry::Delete,
        );
        self.execute(&call).await.map(|_| ())
    }

    /// `GET …/bankFeedAccounts/mapping`: each source account with its target account or the
    /// target accounts it could map to.
    pub async fn list_account_mappings(
        &self,
        company_id: &str,
        connection_id: &str,
    ) -> Result<Vec<AccountMapping>, Error> {
        let call = connection_call(
            Method::GET,
            company_id,
            connection_id,
            &["bankFeedAccounts", "mapping"],
            Retry::Read,
        );
        self.execute(&call).await?.json(&call)
    }

    /// `POST …/bankFeedAccounts/mapping`: maps a source account to a target account (for
    /// platforms mapped through the API; Sage users map inside Sage, and Codat refuses it).
    pub async fn create_account_mapping(
        &self,
        company_id: &str,
        connection_id: &str,
        mapping: &AccountMappingRequest,
    ) -> Result<AccountMappingResult, Error> {
        if mapping.source_account_id.trim().is_empty() {
            return Err(Error::config(
                "the mapping needs a source account id (source_account_id)",
            ));
        }
        let call = connection_call(
            Method::POST,
            company_id,
            connection_id,
            &["bankFeedAccounts", "mapping"],
            Retry::KeyedWrite,
        )
        .json(mapping)?;
        self.execute(&call).await?.json(&call)
    }
}
