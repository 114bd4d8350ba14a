//! Rule profiles: which rules apply for a target platform.

/// A transaction field that a profile can make mandatory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// `id`
    Id,
    /// `date`
    Date,
    /// `description`
    Description,
    /// `amount`
    Amount,
    /// `balance`
    Balance,
    /// `transactionType`
    TransactionType,
}

impl Field {
    /// The wire name, e.g. `"transactionType"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Date => "date",
            Self::Description => "description",
            Self::Amount => "amount",
            Self::Balance => "balance",
            Self::TransactionType => "transactionType",
        }
    }
}

/// The rules a target platform enforces on pushed bank transactions.
///
/// Profiles are data: adding a platform means adding a constructor here, not new rule code.
/// `id`, `date` and `amount` are mandatory in every profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    name: &'static str,
    required: &'static [Field],
    chronological: bool,
    not_older_than_latest: bool,
    no_future_dates: bool,
    require_connected: bool,
    max_batch_size: usize,
}

/// Sage Bank Feeds allows at most this many transactions per push (Codat's `maxItems`).
pub const MAX_BATCH_SIZE: usize = 1000;

impl Profile {
    /// Sage Bank Feeds (`olpr`): all six fields mandatory, chronological order, nothing older
    /// than the newest line already pushed, no future dates, connected accounts only, at most
    /// 1000 per push.
    pub const fn sage() -> Self {
        Profile {
            name: "sage",
            required: &[
                Field::Id,
                Field::Date,
                Field::Description,
                Field::Amount,
                Field::Balance,
                Field::TransactionType,
            ],
            chronological: true,
            not_older_than_latest: true,
            no_future_dates: true,
            require_connected: true,
            max_batch_size: MAX_BATCH_SIZE,
        }
    }

    /// Codat's schema only: `id`, `date` and `amount` mandatory, types checked, ids unique;
    /// no ordering, date or account-status rules. The base for other targets.
    pub const fn generic() -> Self {
        Profile {
            name: "generic",
            required: &[Field::Id, Field::Date, Field::Amount],
            chronological: false,
            not_older_than_latest: false,
            no_future_dates: false,
            require_connected: false,
            max_batch_size: MAX_BATCH_SIZE,
        }
    }

    /// Looks a profile up by name (`"sage"`, `"generic"`).
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "sage" => Some(Self::sage()),
            "generic" => Some(Self::generic()),
            _ => None,
        }
    }

    /// [`Profile::by_name`], or a `CONFIG` error naming the profiles there are.
    pub fn named(name: &str) -> Result<Self, crate::Error> {
        Self::by_name(name).ok_or_else(|| {
            crate::Error::config(format!(
                "unknown profile {name:?}; use \"sage\" or \"generic\""
            ))
        })
    }

    /// The profile's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The mandatory fields.
    pub fn required(&self) -> &'static [Field] {
        self.required
    }

    /// Whether `field` is mandatory.
    pub fn requires(&self, field: Field) -> bool {
        self.required.contains(&field)
    }

    /// Whether lines must be in chronological order.
    pub fn chronological(&self) -> bool {
        self.chronological
    }

    /// Whether lines older than the newest already pushed are refused.
    pub fn not_older_than_latest(&self) -> bool {
        self.not_older_than_latest
    }

    /// Whether dates after today (UTC) are refused.
    pub fn no_future_dates(&self) -> bool {
        self.no_future_dates
    }

    /// Whether the account must be `connected`.
    pub fn require_connected(&self) -> bool {
        self.require_connected
    }

    /// Most transactions one push may carry.
    pub fn max_batch_size(&self) -> usize {
        self.max_batch_size
    }
}

impl Default for Profile {
    fn default() -> Self {
        Self::sage()
    }
}
