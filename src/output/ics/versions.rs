//! Calendars that follow a roster through its re-plans. Each run records what its
//! calendars published ([`CalendarState`], `calendars/state.json`); a re-plan given
//! that record keeps an unchanged event byte for byte (same UID, `DTSTAMP` and
//! `SEQUENCE`), raises `SEQUENCE` and sets `LAST-MODIFIED` on an event whose time or
//! details changed, and keeps a duty removed from a calendar in it as
//! `STATUS:CANCELLED` with the same UID and a higher `SEQUENCE`, so that subscribed
//! calendars and apps importing the file again drop it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The file, under the calendars' folder, that records what was published.
///
/// # Example
/// ```
/// assert_eq!(duty_roster::output::ics::STATE_FILE, "state.json");
/// ```
pub const STATE_FILE: &str = "state.json";

/// What the calendars of one run published: per calendar file, its events.
///
/// # Example
/// ```
/// use duty_roster::output::ics::{self, CalendarOptions};
/// let roster = duty_roster::sample::tiny_roster();
/// let a = duty_roster::Assignment::new("2022-08-01".parse().unwrap(), "evening", "hq", "A");
/// let (_, state) = ics::render_with_state(&roster, &[a], &CalendarOptions::default());
/// let mine = &state.calendars["calendars/staff/A.ics"];
/// assert_eq!(mine.events["tiny_20220801_hq_evening_A@duty-roster"].sequence, 0);
/// let json = state.to_json();
/// assert_eq!(ics::CalendarState::from_json(&json, "state.json".as_ref()).unwrap(), state);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CalendarState {
    /// The roster id whose calendars these are.
    pub roster: String,
    /// Per calendar file (its path under the output folder, `/`-separated).
    pub calendars: BTreeMap<String, PublishedCalendar>,
}

/// One calendar file as published.
///
/// # Example
/// See [`CalendarState`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublishedCalendar {
    /// The calendar's name.
    pub name: String,
    /// Its events, by UID.
    pub events: BTreeMap<String, PublishedEvent>,
}

/// One event as published: its version, and what a cancellation repeats of it.
///
/// # Example
/// See [`CalendarState`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublishedEvent {
    /// Its `SEQUENCE`.
    pub sequence: u32,
    /// Its `DTSTAMP`.
    pub stamp: String,
    /// Its `LAST-MODIFIED`, once it has changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// A digest of its content (everything but `DTSTAMP`, `SEQUENCE` and
    /// `LAST-MODIFIED`): a change of time or details changes it.
    pub digest: String,
    /// `DTSTART`, `DTEND` and `SUMMARY`, repeated by a cancellation.
    pub start: String,
    /// See `start`.
    pub end: String,
    /// See `start`.
    pub summary: String,
    /// Whether it was published cancelled.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

/// A calendar state that cannot be read.
///
/// # Example
/// ```
/// let e = duty_roster::output::ics::CalendarState::from_json(b"{", "s.json".as_ref()).unwrap_err();
/// assert!(e.to_string().starts_with("s.json: "));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StateError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not a calendar state.
    #[error("{}: not a calendar state written by duty-roster: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What the JSON reader said.
        message: String,
    },
}

impl CalendarState {
    /// Reads the state at `path`; `None` when there is no such file (calendars
    /// written before states were kept, or none at all).
    ///
    /// # Errors
    /// [`StateError`] when the file exists but cannot be read or is not a state.
    ///
    /// # Example
    /// ```
    /// let none = duty_roster::output::ics::CalendarState::read("no/state.json".as_ref()).unwrap();
    /// assert!(none.is_none());
    /// ```
    pub fn read(path: &Path) -> Result<Option<CalendarState>, StateError> {
        match std::fs::read(path) {
            Ok(bytes) => CalendarState::from_json(&bytes, path).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(source) => Err(StateError::Io {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Reads a state from JSON; `path` names it in errors.
    ///
    /// # Errors
    /// [`StateError::Invalid`].
    ///
    /// # Example
    /// See [`CalendarState`].
    pub fn from_json(bytes: &[u8], path: &Path) -> Result<CalendarState, StateError> {
        serde_json::from_slice(bytes).map_err(|e| StateError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string(),
        })
    }

    /// The state as JSON (pretty, keys sorted, a final newline).
    ///
    /// # Example
    /// See [`CalendarState`].
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a state serialises");
        bytes.push(b'\n');
        bytes
    }
}

/// How one event is stamped in this run.
pub(super) struct Version {
    pub stamp: String,
    /// `SEQUENCE`, written when above 0.
    pub sequence: u32,
    pub modified: Option<String>,
}

/// What a cancellation of an event says.
pub(super) struct Cancellation {
    pub uid: String,
    pub version: Version,
    pub start: String,
    pub end: String,
    pub summary: String,
}

/// The versions of one calendar's events in this run, against what it published
/// before (when anything).
pub(super) struct Versions<'p> {
    previous: Option<&'p PublishedCalendar>,
    stamp: String,
    published: PublishedCalendar,
}

impl<'p> Versions<'p> {
    pub(super) fn new(previous: Option<&'p PublishedCalendar>, stamp: &str, name: &str) -> Self {
        Versions {
            previous,
            stamp: stamp.to_string(),
            published: PublishedCalendar {
                name: name.to_string(),
                events: BTreeMap::new(),
            },
        }
    }

    /// The version of event `uid`, whose content without stamps is `content`: as
    /// published when unchanged, one sequence higher and modified now when changed.
    pub(super) fn version(
        &mut self,
        uid: &str,
        content: &str,
        start: &str,
        end: &str,
        summary: &str,
    ) -> Version {
        let digest = digest(content);
        let before = self.previous.and_then(|p| p.events.get(uid));
        let version = match before {
            Some(b) if !b.cancelled && b.digest == digest => Version {
                stamp: b.stamp.clone(),
                sequence: b.sequence,
                modified: b.modified.clone(),
            },
            Some(b) => Version {
                stamp: self.stamp.clone(),
                sequence: b.sequence + 1,
                modified: Some(self.stamp.clone()),
            },
            None => Version {
                stamp: self.stamp.clone(),
                sequence: 0,
                modified: None,
            },
        };
        self.published.events.insert(
            uid.to_string(),
            PublishedEvent {
                sequence: version.sequence,
                stamp: version.stamp.clone(),
                modified: version.modified.clone(),
                digest,
                start: start.to_string(),
                end: end.to_string(),
                summary: summary.to_string(),
                cancelled: false,
            },
        );
        version
    }

    /// The events published before and not in this run, cancelled (a cancellation
    /// published before stays as it was), in order of start; and what this calendar
    /// publishes.
    pub(super) fn finish(mut self) -> (Vec<Cancellation>, PublishedCalendar) {
        let mut cancellations = Vec::new();
        for (uid, before) in self.previous.map(|p| &p.events).into_iter().flatten() {
            if self.published.events.contains_key(uid) {
                continue;
            }
            let version = if before.cancelled {
                Version {
                    stamp: before.stamp.clone(),
                    sequence: before.sequence,
                    modified: before.modified.clone(),
                }
            } else {
                Version {
                    stamp: self.stamp.clone(),
                    sequence: before.sequence + 1,
                    modified: Some(self.stamp.clone()),
                }
            };
            let mut published = before.clone();
            published.cancelled = true;
            published.stamp = version.stamp.clone();
            published.sequence = version.sequence;
            published.modified = version.modified.clone();
            self.published.events.insert(uid.clone(), published);
            cancellations.push(Cancellation {
                uid: uid.clone(),
                version,
                start: before.start.clone(),
                end: before.end.clone(),
                summary: before.summary.clone(),
            });
        }
        cancellations.sort_by(|a, b| (&a.start, &a.uid).cmp(&(&b.start, &b.uid)));
        (cancellations, self.published)
    }
}

/// SHA-256 of `content`, in hex.
fn digest(content: &str) -> String {
    Sha256::digest(content.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
