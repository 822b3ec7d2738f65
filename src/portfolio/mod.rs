//! The level above one map: a workspace is a folder of map files (often a git work
//! tree shared by a team). This module scans it into one row per map (in parallel,
//! streamed, cached), adds up the portfolio, finds people across the maps, and
//! learns from the closed deals who turned out to decide. No UI code here.

pub mod bench;
pub mod cache;
pub mod learn;
pub mod people;
pub mod row;
pub mod scan;
pub mod totals;
pub mod walk;

pub use learn::{Lessons, TellingRisk};
pub use people::{Move, PersonHit, find_people, moves};
pub use row::{MapRow, MapSummary};
pub use scan::{ScanEvent, ScanOptions, Workspace, scan};
pub use totals::{Sum, Totals, totals, worsened};
