//! Codat Bank Feeds wire types, in Codat's camelCase JSON.

mod account;
mod company;
mod error_body;
mod page;
mod push;
mod transaction;

pub use account::{
    AccountStatus, BatchCreateItem, BatchCreateResult, SourceAccount, SourceAccountPrototype,
    SourceAccountUpdate, StatusCode,
};
pub use company::{
    Company, CompanyRequest, Connection, ConnectionRequest, ConnectionStatus, Otp,
    SAGE_PLATFORM_KEY,
};
pub use error_body::ErrorBody;
pub use page::{Link, Links, Page};
pub use push::{
    ALREADY_RECEIVED, PushChange, PushOperation, PushStatus, RecordRef, Validation, ValidationItem,
};
pub use transaction::{CreateBankTransactions, Transaction, TransactionType};
