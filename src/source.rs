//! Input files as bytes and text: read with a size limit (a roster, benchmark,
//! baseline or ledger file over [`MAX_FILE_BYTES`] is refused before it is read
//! whole, even one that never ends such as `/dev/zero`), and decoded as UTF-8 with
//! the position of the first byte that is not.

use std::io::Read;
use std::path::Path;

use crate::error::Position;

/// The largest input file read: 20 MB (the largest shipped roster is under 100 kB).
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// Reads the file at `path`, refusing it once more than `limit` bytes have come:
/// the check is made on what is read, not on the size the file system gives, which
/// is 0 for a device or a pipe.
///
/// # Errors
/// The system's error when the file cannot be read, and an error of kind
/// [`std::io::ErrorKind::FileTooLarge`] past `limit`.
///
/// # Example
/// ```
/// use duty_roster::source::read_bounded;
/// let e = read_bounded("/dev/zero".as_ref(), 1000).unwrap_err();
/// assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
/// assert!(e.to_string().contains("larger than"));
/// ```
pub fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {}, the most an input file may be",
                size_words(limit)
            ),
        ));
    }
    Ok(bytes)
}

/// Reads the file at `path` with the limit of [`MAX_FILE_BYTES`].
///
/// # Errors
/// As [`read_bounded`].
///
/// # Example
/// ```
/// let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rosters/aubm-2022-08.toml");
/// assert!(!duty_roster::source::read_input(path.as_ref()).unwrap().is_empty());
/// ```
pub fn read_input(path: &Path) -> std::io::Result<Vec<u8>> {
    read_bounded(path, MAX_FILE_BYTES)
}

/// `bytes` as UTF-8 text, or where the first byte that is not UTF-8 is and a
/// message that names it and says to save the file as UTF-8.
///
/// # Errors
/// The position of the first bad byte (its line, and its column counted in the
/// characters before it) and the message.
///
/// # Example
/// ```
/// let (at, message) = duty_roster::source::utf8(b"a = 1\nb = \"\xe9\"\n").unwrap_err();
/// assert_eq!((at.line, at.column), (2, 6));
/// assert!(message.contains("0xE9") && message.contains("save the file as UTF-8"));
/// assert_eq!(duty_roster::source::utf8(b"ok").unwrap(), "ok");
/// ```
pub fn utf8(bytes: &[u8]) -> Result<&str, (Position, String)> {
    std::str::from_utf8(bytes).map_err(|e| {
        let good = e.valid_up_to();
        let before = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
        let at = Position::from_offset(before, good);
        let message = format!(
            "byte 0x{:02X} is not UTF-8 text (the file may be in Latin-1 or Windows-1252): save the file as UTF-8",
            bytes[good]
        );
        (at, message)
    })
}

/// "20 MB" for a limit in bytes.
fn size_words(limit: u64) -> String {
    if limit >= 1024 * 1024 && limit.is_multiple_of(1024 * 1024) {
        format!("{} MB", limit / (1024 * 1024))
    } else {
        format!("{limit} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_a_file_at_the_limit_is_read_and_one_byte_more_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, [b'x'; 10]).unwrap();
        assert_eq!(read_bounded(&path, 10).unwrap().len(), 10);
        let e = read_bounded(&path, 9).unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(e.to_string().contains("larger than 9 bytes"));
        assert_eq!(size_words(MAX_FILE_BYTES), "20 MB");
    }

    #[test]
    fn source_a_bad_byte_after_accents_is_placed_by_characters() {
        let (at, _) =
            utf8("é\nàb".bytes().chain([0xff]).collect::<Vec<_>>().as_slice()).unwrap_err();
        assert_eq!((at.line, at.column), (2, 3));
    }
}
