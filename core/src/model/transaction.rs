//! Bank transactions as Codat's `BankTransactions` schema carries them.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One bank statement line, in Codat's camelCase wire format.
///
/// `amount` is signed: positive is money in, negative is money out. `balance` is the account's
/// running balance after this line; for Sage the balance of the last line pushed becomes the
/// account's balance. Build these from raw records with
/// [`validate_records`](crate::validate_records), which reports every problem per row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    /// Your unique id for the line; Sage refuses an id it has already received.
    pub id: String,
    /// When the line cleared: wall-clock date and time, as Codat records it (no offset; see
    /// [`crate::date`]).
    #[serde(with = "crate::date::transaction_date")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDateTime"))]
    pub date: NaiveDateTime,
    /// Statement text (mandatory and non-empty for Sage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The giving or receiving party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterparty: Option<String>,
    /// A free reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Whether the line is already reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciled: Option<bool>,
    /// Signed amount, exact.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    #[cfg_attr(feature = "schema", schemars(with = "Decimal"))]
    pub amount: Decimal,
    /// Running balance after this line, exact (mandatory for Sage).
    #[serde(
        default,
        with = "rust_decimal::serde::arbitrary_precision_option",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Decimal>"))]
    pub balance: Option<Decimal>,
    /// Kind of line (mandatory for Sage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_type: Option<TransactionType>,
}

/// Codat's `BankTransactionType`: all 18 values, in the spec's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum TransactionType {
    /// Unknown type.
    Unknown,
    /// Generic credit (money in).
    Credit,
    /// Generic debit (money out).
    Debit,
    /// Interest.
    Int,
    /// Dividend.
    Div,
    /// Fee.
    Fee,
    /// Service charge.
    SerChg,
    /// Deposit.
    Dep,
    /// Cash machine withdrawal.
    Atm,
    /// Point of sale.
    Pos,
    /// Transfer.
    Xfer,
    /// Cheque.
    Check,
    /// Electronic payment.
    Payment,
    /// Cash withdrawal.
    Cash,
    /// Direct deposit.
    DirectDep,
    /// Direct debit.
    DirectDebit,
    /// Repeating payment or standing order.
    RepeatPmt,
    /// Other.
    Other,
}

impl TransactionType {
    /// Every value, in the order of Codat's enum.
    pub const ALL: [TransactionType; 18] = [
        Self::Unknown,
        Self::Credit,
        Self::Debit,
        Self::Int,
        Self::Div,
        Self::Fee,
        Self::SerChg,
        Self::Dep,
        Self::Atm,
        Self::Pos,
        Self::Xfer,
        Self::Check,
        Self::Payment,
        Self::Cash,
        Self::DirectDep,
        Self::DirectDebit,
        Self::RepeatPmt,
        Self::Other,
    ];

    /// The wire name, e.g. `"SerChg"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unknown => "Unknown",
            Self::Credit => "Credit",
            Self::Debit => "Debit",
            Self::Int => "Int",
            Self::Div => "Div",
            Self::Fee => "Fee",
            Self::SerChg => "SerChg",
            Self::Dep => "Dep",
            Self::Atm => "Atm",
            Self::Pos => "Pos",
            Self::Xfer => "Xfer",
            Self::Check => "Check",
            Self::Payment => "Payment",
            Self::Cash => "Cash",
            Self::DirectDep => "DirectDep",
            Self::DirectDebit => "DirectDebit",
            Self::RepeatPmt => "RepeatPmt",
            Self::Other => "Other",
        }
    }

    /// Looks a wire name up exactly (case-sensitive, as Codat's enum is).
    pub fn from_wire(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

impl std::fmt::Display for TransactionType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Body of `POST .../push/bankAccounts/{accountId}/bankTransactions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct CreateBankTransactions {
    /// The source account id; equals the path's `{accountId}`.
    pub account_id: String,
    /// At most 1000 lines, in chronological order.
    pub transactions: Vec<Transaction>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::parse_decimal;

    #[test]
    fn money_goes_on_the_wire_with_the_digits_given() {
        let tx = Transaction {
            id: "t1".into(),
            date: crate::date::parse_wall_clock("2026-01-02T03:04:05").unwrap(),
            description: Some("Coffee ☕".into()),
            counterparty: None,
            reference: None,
            reconciled: None,
            amount: parse_decimal("0.1").unwrap(),
            balance: Some(parse_decimal("12345678901234.56").unwrap()),
            transaction_type: Some(TransactionType::Credit),
        };
        let json = serde_json::to_string(&tx).unwrap();
        assert_eq!(
            json,
            r#"{"id":"t1","date":"2026-01-02T03:04:05","description":"Coffee ☕","amount":0.1,"balance":12345678901234.56,"transactionType":"Credit"}"#
        );
        let back: Transaction = serde_json::from_str(&json).unwrap();
        assert_eq!(back, tx);
    }

    #[test]
    fn every_enum_value_round_trips() {
        for t in TransactionType::ALL {
            assert_eq!(TransactionType::from_wire(t.as_str()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(json, format!("\"{}\"", t.as_str()));
        }
        assert_eq!(TransactionType::from_wire("credit"), None);
    }
}
