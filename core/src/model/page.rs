//! Codat's paging envelope.

use serde::{Deserialize, Serialize};

/// One page of a paged list (`GET /companies/{companyId}/push` and friends).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(rename = "{T}Page")
)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The items on this page.
    pub results: Vec<T>,
    /// 1-based page number.
    pub page_number: u32,
    /// Page size asked for.
    pub page_size: u32,
    /// Items across all pages, after filtering.
    pub total_results: u64,
    /// Navigation links.
    #[serde(rename = "_links")]
    pub links: Links,
}

/// Links of a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Links {
    /// The request as made.
    #[serde(rename = "self")]
    pub self_link: Link,
    /// This page.
    pub current: Link,
    /// The next page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<Link>,
    /// The previous page, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Link>,
}

/// A link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Link {
    /// Path and query, relative to the API base.
    pub href: String,
}
