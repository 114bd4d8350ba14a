//! `GET …/options/bankAccounts/{accountId}/bankTransactions`: the shape Codat expects a push of
//! bank transactions to take for this connection's platform (Codat's `PushOption`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A field of the push body (or the body itself): its type, whether it is required, its
/// sub-fields and allowed values, and the platform's notes on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushOption {
    /// `Array`, `Object`, `String`, `Number`, `Boolean`, `DateTime`, `File` or `MultiPart`.
    #[serde(rename = "type")]
    pub option_type: String,
    /// Display name.
    pub display_name: String,
    /// What it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the platform needs it.
    pub required: bool,
    /// Sub-fields by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, PushOption>>,
    /// Allowed values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<PushOptionChoice>>,
    /// The platform's rules for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validation: Option<PushValidationInfo>,
}

/// An allowed value of a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushOptionChoice {
    /// The value.
    #[serde(default)]
    pub value: String,
    /// Its type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub option_type: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
}

/// The platform's notes on a field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushValidationInfo {
    /// Rules a push can break.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warnings: Option<Vec<PushFieldValidation>>,
    /// Information.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub information: Option<Vec<PushFieldValidation>>,
}

/// One note on a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase")]
pub struct PushFieldValidation {
    /// The field it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule.
    pub details: String,
    /// A reference for it.
    #[serde(default, rename = "ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}
