//! A path as another file names it: relative to that file's folder.

use std::path::{Component, Path, PathBuf};

/// `file` as a path relative to `folder`, both taken from the current folder when
/// relative; `file` as given (made absolute) when they share no root, so that a
/// roster written in `folder` reads `file` wherever the command was run from.
///
/// # Example
/// ```
/// use std::path::Path;
/// use duty_roster::init::relative_to;
/// assert_eq!(relative_to(Path::new("/a/b"), Path::new("/a/c/staff.xlsx")), Path::new("../c/staff.xlsx"));
/// assert_eq!(relative_to(Path::new("/a"), Path::new("/a/staff.csv")), Path::new("staff.csv"));
/// ```
pub fn relative_to(folder: &Path, file: &Path) -> PathBuf {
    let folder = absolute(folder);
    let file = absolute(file);
    let mut folder_parts = folder.components().peekable();
    let mut file_parts = file.components().peekable();
    if folder_parts.peek() != file_parts.peek() {
        return file;
    }
    while let (Some(a), Some(b)) = (folder_parts.peek(), file_parts.peek()) {
        if a != b {
            break;
        }
        folder_parts.next();
        file_parts.next();
    }
    let mut out: PathBuf = folder_parts.map(|_| Component::ParentDir).collect();
    out.extend(file_parts);
    out
}

/// `path` joined to the current folder when relative, with `.` and `..` resolved
/// by name (no links followed: the file may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let joined = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in joined.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn a_file_below_the_folder_is_named_from_it() {
        assert_eq!(
            relative_to(
                Path::new("/x/rosters"),
                Path::new("/x/rosters/tables/staff.xlsx")
            ),
            Path::new("tables/staff.xlsx")
        );
    }

    #[test]
    fn dots_are_resolved_before_comparing() {
        assert_eq!(
            relative_to(
                Path::new("/x/./rosters/../out"),
                Path::new("/x/rosters/staff.csv")
            ),
            Path::new("../rosters/staff.csv")
        );
    }
}
