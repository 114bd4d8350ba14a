//! Codat Bank Feeds wire types, in Codat's camelCase JSON.

mod account;
mod bank_feed;
mod company;
mod error_body;
mod page;
mod push;
mod push_option;
mod transaction;

pub use account::{
    AccountStatus, BatchCreateItem, BatchCreateResult, SourceAccount, SourceAccountPrototype,
    SourceAccountUpdate, StatusCode,
};
pub use bank_feed::{
    AccountMapping, AccountMappingRequest, AccountMappingResult, CompanyInformation, Credentials,
    TargetAccountOption,
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
pub use push_option::{PushFieldValidation, PushOption, PushOptionChoice, PushValidationInfo};
pub use transaction::{CreateBankTransactions, Transaction, TransactionType};
