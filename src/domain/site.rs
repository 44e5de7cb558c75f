//! Sites: the buildings and the lines (phone, WhatsApp) where duty is done.

use serde::{Deserialize, Serialize};

/// A place where duty is done: an office, or a line that needs no building.
///
/// # Example
/// ```
/// let mut phone = duty_roster::Site::new("phone", "Ligne téléphonique MRE");
/// phone.phone = Some("0523484046".into());
/// phone.open_to_all = true;
/// assert!(phone.open_to_all);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl Site {
    /// A site with no address or phone, served by its own staff and those who list it.
    ///
    /// # Example
    /// ```
    /// let bm = duty_roster::Site::new("bm", "Béni Mellal");
    /// assert_eq!((bm.address, bm.open_to_all), (None, false));
    /// ```
    pub fn new(id: &str, name: &str) -> Self {
        Site {
            id: id.to_string(),
            name: name.to_string(),
            address: None,
            phone: None,
            open_to_all: false,
        }
    }
}
