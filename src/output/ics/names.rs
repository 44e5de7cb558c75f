//! File names of the calendars: staff and site ids made safe for any file system, or,
//! for per-person calendars published as subscription feeds, a keyed hash of the
//! staff id that reveals nothing to someone browsing the folder.

use std::fmt;
use std::path::{Path, PathBuf};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The environment variable that holds the key for keyed file names.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::ics::NAME_KEY_ENV, "DUTY_ROSTER_NAME_KEY");
/// ```
pub const NAME_KEY_ENV: &str = "DUTY_ROSTER_NAME_KEY";

/// Fewest bytes a name key may have: a short key could be found by trying keys
/// against one file whose owner is known.
///
/// # Example
/// ```
/// use duty_roster::output::ics::{NameKey, MIN_KEY_BYTES};
/// assert!(NameKey::new(vec![7; MIN_KEY_BYTES]).is_ok());
/// assert!(NameKey::new(vec![7; MIN_KEY_BYTES - 1]).is_err());
/// ```
pub const MIN_KEY_BYTES: usize = 16;

/// Hex digits of a keyed file name (128 bits of HMAC-SHA256).
const KEYED_HEX_DIGITS: usize = 32;

/// Longest safe file stem kept from an id before the hash suffix, in bytes.
const MAX_STEM_BYTES: usize = 64;

/// A secret key for keyed file names. It comes from the environment or a file, never
/// from the roster, so that the roster file can be shared without the key. Its
/// `Debug` output does not show the key.
///
/// # Example
/// ```
/// use duty_roster::output::ics::NameKey;
/// let key = NameKey::new(b"0123456789abcdef-a-long-enough-key".to_vec()).unwrap();
/// assert_eq!(format!("{key:?}"), "NameKey(34 bytes)");
/// assert!(NameKey::new(b"short".to_vec()).is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct NameKey(Vec<u8>);

impl fmt::Debug for NameKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NameKey({} bytes)", self.0.len())
    }
}

/// A name key could not be had.
///
/// # Example
/// ```
/// let err = duty_roster::output::ics::NameKey::new(b"abc".to_vec()).unwrap_err();
/// assert_eq!(err.to_string(), "name key too short: 3 bytes, at least 16 needed");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum NameKeyError {
    /// Neither the environment variable nor a key file gave a key.
    #[error(
        "private file names need a key: set the environment variable {NAME_KEY_ENV} or pass --name-key-file"
    )]
    Missing,
    /// The key is shorter than [`MIN_KEY_BYTES`].
    #[error("name key too short: {bytes} bytes, at least {MIN_KEY_BYTES} needed")]
    TooShort {
        /// Its length.
        bytes: usize,
    },
    /// The key file could not be read.
    #[error("{}: cannot read the name key: {source}", path.display())]
    Io {
        /// The key file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl NameKey {
    /// A key from raw bytes.
    ///
    /// # Errors
    /// [`NameKeyError::TooShort`] below [`MIN_KEY_BYTES`] bytes.
    ///
    /// # Example
    /// See [`NameKey`].
    pub fn new(bytes: Vec<u8>) -> Result<NameKey, NameKeyError> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(NameKeyError::TooShort { bytes: bytes.len() });
        }
        Ok(NameKey(bytes))
    }

    /// The key in a file, without the white space (such as a final newline) around it.
    ///
    /// # Errors
    /// [`NameKeyError::Io`] when the file cannot be read, [`NameKeyError::TooShort`]
    /// when the key is too short.
    ///
    /// # Example
    /// ```
    /// let path = std::env::temp_dir().join("duty-roster-doc-name-key");
    /// std::fs::write(&path, "an example key, long enough\n").unwrap();
    /// let key = duty_roster::output::ics::NameKey::from_file(&path).unwrap();
    /// assert_eq!(format!("{key:?}"), "NameKey(27 bytes)");
    /// ```
    pub fn from_file(path: &Path) -> Result<NameKey, NameKeyError> {
        let bytes = std::fs::read(path).map_err(|source| NameKeyError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        NameKey::new(bytes.trim_ascii().to_vec())
    }

    /// The key in a file when one is given, else in the environment variable
    /// [`NAME_KEY_ENV`] (white space around it removed).
    ///
    /// # Errors
    /// [`NameKeyError::Missing`] when there is no file and the variable is unset or
    /// empty; the errors of [`NameKey::from_file`] and [`NameKey::new`].
    ///
    /// # Example
    /// ```
    /// use duty_roster::output::ics::NameKey;
    /// let path = std::env::temp_dir().join("duty-roster-doc-name-key-2");
    /// std::fs::write(&path, "another example key, long enough").unwrap();
    /// assert!(NameKey::from_file_or_env(Some(&path)).is_ok());
    /// ```
    pub fn from_file_or_env(file: Option<&Path>) -> Result<NameKey, NameKeyError> {
        if let Some(path) = file {
            return NameKey::from_file(path);
        }
        let value = std::env::var_os(NAME_KEY_ENV).unwrap_or_default();
        let bytes = value.as_encoded_bytes().trim_ascii();
        if bytes.is_empty() {
            return Err(NameKeyError::Missing);
        }
        NameKey::new(bytes.to_vec())
    }
}

/// How per-person calendar files are named.
///
/// # Example
/// ```
/// use duty_roster::output::ics::FileNames;
/// assert_eq!(FileNames::default(), FileNames::StaffId);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum FileNames {
    /// The staff id made safe for file names: characters other than letters,
    /// digits, `-`, `_` and `.` replaced, with a short hash where that changed the id
    /// or two ids would collide.
    #[default]
    StaffId,
    /// HMAC-SHA256 of the staff id under a secret key, as 32 hex digits (see
    /// [`keyed_file_stem`]): a published folder does not tell whose file is whose,
    /// and a file name cannot be guessed from a staff id without the key.
    Keyed(NameKey),
}

/// The keyed file stem of a staff id: HMAC-SHA256(key, id), first 128 bits in hex.
///
/// # Example
/// ```
/// use duty_roster::output::ics::{keyed_file_stem, NameKey};
/// let key = NameKey::new(b"an example key, long enough".to_vec()).unwrap();
/// let stem = keyed_file_stem(&key, "BM-01");
/// assert_eq!(stem.len(), 32);
/// assert!(stem.bytes().all(|b| b.is_ascii_hexdigit()));
/// assert_ne!(stem, keyed_file_stem(&key, "BM-02"));
/// ```
pub fn keyed_file_stem(key: &NameKey, staff_id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(&key.0).expect("HMAC takes keys of any length");
    mac.update(staff_id.as_bytes());
    hex(&mac.finalize().into_bytes())[..KEYED_HEX_DIGITS].to_string()
}

/// Lower-case hex of bytes.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Names Windows will not take as a file stem, whatever the extension.
fn reserved_on_windows(stem: &str) -> bool {
    let upper = stem.to_ascii_uppercase();
    matches!(upper.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit())
}

/// File stems for ids, one each, in order: ASCII letters, digits, `-`, `_` and `.`
/// are kept, anything else becomes `_`, leading dots are dropped, long ids are cut
/// and an empty stem becomes `_`. When that changed the id, gave a name Windows
/// reserves, or two ids would share a name on a case-insensitive file system
/// (Windows, macOS), `-` and the first 8 hex digits of the id's SHA-256 are added:
/// distinct ids get distinct names, and an id that is already safe keeps its own.
pub(crate) fn safe_file_stems(ids: &[&str]) -> Vec<String> {
    let cleaned: Vec<String> = ids
        .iter()
        .map(|id| {
            let mut stem: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                        c
                    } else {
                        '_'
                    }
                })
                .collect::<String>()
                .trim_start_matches('.')
                .to_string();
            stem.truncate(MAX_STEM_BYTES);
            if stem.is_empty() {
                stem.push('_');
            }
            stem
        })
        .collect();
    ids.iter()
        .zip(&cleaned)
        .map(|(id, stem)| {
            let shared = cleaned
                .iter()
                .filter(|other| other.eq_ignore_ascii_case(stem))
                .count()
                > 1;
            if stem == id && !reserved_on_windows(stem) && !shared {
                stem.clone()
            } else {
                let digest = hex(&Sha256::digest(id.as_bytes()));
                format!("{stem}-{}", &digest[..8])
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_sha256_matches_the_published_test_vector() {
        // RFC 4231 test case 2 is keyed with "Jefe", too short for a name key; this
        // is the widely published vector for key "key".
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            hex(&mac.finalize().into_bytes()),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
        let key = NameKey::new(b"key-key-key-key-key".to_vec()).unwrap();
        assert_eq!(keyed_file_stem(&key, "BM-01").len(), KEYED_HEX_DIGITS);
    }

    #[test]
    fn keyed_stems_depend_on_the_key() {
        let a = NameKey::new(b"first key, long enough".to_vec()).unwrap();
        let b = NameKey::new(b"second key, long enough".to_vec()).unwrap();
        assert_ne!(keyed_file_stem(&a, "BM-01"), keyed_file_stem(&b, "BM-01"));
        assert_eq!(keyed_file_stem(&a, "BM-01"), keyed_file_stem(&a, "BM-01"));
    }

    #[test]
    fn safe_stems_keep_safe_ids_and_disambiguate_the_rest() {
        let stems = safe_file_stems(&[
            "BM-01", "..", "", "سلمى", "a b", "a_b", "nul", "COM1", "bm", "BM", "x.y",
        ]);
        assert_eq!(stems[0], "BM-01");
        assert!(
            stems[1].starts_with("_-") && stems[1].len() == 10,
            "{}",
            stems[1]
        );
        assert!(stems[2].starts_with("_-"));
        assert_ne!(stems[1], stems[2]);
        assert!(stems[3].starts_with("____-"));
        assert!(stems[4].starts_with("a_b-"));
        assert!(stems[5].starts_with("a_b-"));
        assert_ne!(stems[4], stems[5]);
        assert!(stems[6].starts_with("nul-"));
        assert!(stems[7].starts_with("COM1-"));
        assert!(stems[8].starts_with("bm-") && stems[9].starts_with("BM-"));
        assert_eq!(stems[10], "x.y");
        let long = "x".repeat(200);
        let stem = &safe_file_stems(&[&long])[0];
        assert!(stem.starts_with(&long[..MAX_STEM_BYTES]));
        assert_eq!(stem.len(), MAX_STEM_BYTES + 9);
    }

    #[test]
    fn key_debug_hides_the_key() {
        let key = NameKey::new(b"a secret that must not leak".to_vec()).unwrap();
        assert!(!format!("{key:?}").contains("secret"));
    }
}
