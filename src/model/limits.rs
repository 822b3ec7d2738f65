//! Hard limits that keep a hostile or broken file from exhausting memory. Every
//! document the editor can produce stays within them, so what is saved loads again.

/// Largest map file accepted, in bytes.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most stakeholders in one map.
pub const MAX_STAKEHOLDERS: usize = 100_000;
/// Most entries in one person's interaction log: years of weekly contact, and a
/// bound on what the inspector lists.
pub const MAX_INTERACTIONS: usize = 5_000;
/// Longest string (any field, any key), in bytes of UTF-8.
pub const MAX_STRING_BYTES: usize = 64 * 1024;
/// Largest canvas coordinate, either way: far beyond any map, small enough for the
/// canvas and pictures to compute with.
pub const MAX_COORDINATE: f64 = 10_000_000.0;
