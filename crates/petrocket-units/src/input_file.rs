//! The bounded read of a user's input file, shared by every crate of the workspace (configs,
//! mechanisms, materials, profiles): one place where "a file cannot exhaust memory" is
//! implemented and tested (issue #20).
//!
//! The file is read through [`Read::take`](std::io::Read::take) with `limit + 1` bytes, so a huge file, `/dev/zero`
//! or an endless pipe stops at the limit instead of filling memory; pipes and process
//! substitution (`<(…)`) keep working. Errors never quote the file's contents.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why [`read_text_limited`] refused a file. Each crate maps it to its own error type.
#[derive(Debug, Error)]
pub enum ReadLimitedError {
    /// The file could not be opened or read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// Path as given.
        path: PathBuf,
        /// Underlying error.
        #[source]
        source: std::io::Error,
    },
    /// More than `limit` bytes.
    #[error("{path} is larger than the {} limit for this input", human_bytes(*limit))]
    TooLarge {
        /// Path as given.
        path: PathBuf,
        /// The limit (bytes).
        limit: u64,
    },
    /// Not UTF-8 text.
    #[error("{path} is not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Path as given.
        path: PathBuf,
        /// Offset of the first invalid byte.
        offset: usize,
    },
}

/// `16 MiB`, `512 KiB` or `100 bytes`.
pub fn human_bytes(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else if bytes >= 1 << 10 && bytes.is_multiple_of(1 << 10) {
        format!("{} KiB", bytes >> 10)
    } else {
        format!("{bytes} bytes")
    }
}

/// Read UTF-8 text of at most `limit` bytes from `path`, never reading more than `limit + 1`.
///
/// # Errors
/// [`ReadLimitedError`]: unreadable, larger than the limit, or not UTF-8.
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, ReadLimitedError> {
    let io = |source| ReadLimitedError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadLimitedError::TooLarge {
            path: path.to_path_buf(),
            limit,
        });
    }
    String::from_utf8(bytes).map_err(|e| ReadLimitedError::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
        let p = std::env::temp_dir().join(format!("petrocket-units-{}-{name}", std::process::id()));
        std::fs::write(&p, bytes).unwrap();
        p
    }

    #[test]
    fn reads_up_to_the_limit_and_refuses_beyond() {
        let p = scratch("exact", b"abcd");
        assert_eq!(read_text_limited(&p, 4).unwrap(), "abcd");
        let e = read_text_limited(&p, 3).unwrap_err();
        assert!(
            matches!(e, ReadLimitedError::TooLarge { limit: 3, .. }),
            "{e}"
        );
        assert!(e.to_string().contains("3 bytes limit"), "{e}");
        std::fs::remove_file(p).unwrap();
    }

    #[test]
    fn endless_devices_stop_at_the_limit() {
        if Path::new("/dev/zero").exists() {
            let e = read_text_limited(Path::new("/dev/zero"), 1 << 20).unwrap_err();
            assert!(e.to_string().contains("larger than the 1 MiB limit"), "{e}");
        }
    }

    #[test]
    fn binary_and_missing_files_are_typed_errors_without_contents() {
        let p = scratch("binary", b"root:x:0:0\xff\xfe");
        let e = read_text_limited(&p, 100).unwrap_err();
        assert!(matches!(e, ReadLimitedError::NotUtf8 { offset: 10, .. }));
        assert!(!e.to_string().contains("root"), "{e}");
        std::fs::remove_file(p).unwrap();
        let e = read_text_limited(Path::new("/no/such/file"), 100).unwrap_err();
        assert!(matches!(e, ReadLimitedError::Io { .. }));
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_bytes(16 << 20), "16 MiB");
        assert_eq!(human_bytes(512 << 10), "512 KiB");
        assert_eq!(human_bytes(100), "100 bytes");
    }
}
