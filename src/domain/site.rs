//! Sites: the buildings and the lines (phone, WhatsApp) where duty is done.

use serde::{Deserialize, Serialize};

/// A place where duty is done: an office, or a line that needs no building.
///
/// # Example
/// ```
/// let phone = duty_roster::Site {
///     id: "phone".into(),
///     name: "Ligne téléphonique MRE".into(),
///     address: None,
///     phone: Some("0523484046".into()),
///     open_to_all: true,
/// };
/// assert!(phone.open_to_all);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Site {
    /// Unique id, used in references and file names.
    pub id: String,
    /// Display name (Arabic and/or French).
    pub name: String,
    /// Postal address, for calendar LOCATION.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Phone number of the line or desk, shown to the person on duty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Any staff member may serve it, whatever their home site (a remote line).
    #[serde(default)]
    pub open_to_all: bool,
}
