//! The scan cache: one file per workspace under the user's cache folder, holding
//! each map's row with the stamp (size, modification time, and on Unix the change
//! time and inode) of the file it was read from. A row is used only when the file's
//! stamp is unchanged, so a changed or deleted file is never shown from the cache.
//! A cache that cannot be read, is too large, or was made by another version or
//! for another day is ignored and written again; writes are atomic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use super::row::{Broken, MapRow, MapSummary, health_level};
use crate::analysis::learned::Feature;
use crate::model::{Date, Outcome, Stage};

/// Bump when rows, the analysis or the file format change what a row holds.
pub const CACHE_VERSION: u64 = 2;
/// A cache file larger than this is ignored (and replaced).
pub const MAX_CACHE_BYTES: u64 = 256 * 1024 * 1024;

/// What a file looked like when its row was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp {
    size: u64,
    modified_ns: i64,
    changed_ns: i64,
    inode: u64,
}

impl Stamp {
    /// The stamp of `path` now (`None` when it cannot be read).
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_nanos()).ok())?;
        #[cfg(unix)]
        let (changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                meta.ctime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (changed_ns, inode) = (0, 0);
        Some(Self {
            size: meta.len(),
            modified_ns,
            changed_ns,
            inode,
        })
    }

    fn to_value(self) -> Value {
        json!([self.size, self.modified_ns, self.changed_ns, self.inode])
    }

    fn from_value(value: &Value) -> Option<Self> {
        let [size, modified, changed, inode] = value.as_array()?.as_slice() else {
            return None;
        };
        Some(Self {
            size: size.as_u64()?,
            modified_ns: modified.as_i64()?,
            changed_ns: changed.as_i64()?,
            inode: inode.as_u64()?,
        })
    }
}

/// The rows of one workspace from an earlier scan, for one day and staleness window.
#[derive(Debug, Default)]
pub struct Cache {
    entries: HashMap<PathBuf, (Stamp, MapRow)>,
}

/// Where the cache of a workspace lives, inside `cache_dir`.
pub fn cache_file(cache_dir: &Path, root: &Path) -> PathBuf {
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned());
    let text = canonical.to_string_lossy();
    // FNV-1a: stable across runs and builds, unlike the std hasher.
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    cache_dir
        .join("portfolio")
        .join(format!("{hash:016x}.json"))
}

fn key(today: Date, stale_days: i64) -> Value {
    json!({"version": CACHE_VERSION, "today": today.to_string(), "stale_days": stale_days})
}

impl Cache {
    /// The cache at `file` for `today`; empty when missing, corrupt, too large or
    /// made for something else.
    pub fn load(file: &Path, today: Date, stale_days: i64) -> Self {
        let Ok(bytes) = crate::files::read_limited(file, MAX_CACHE_BYTES) else {
            return Self::default();
        };
        let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
            return Self::default();
        };
        if value.get("key") != Some(&key(today, stale_days)) {
            return Self::default();
        }
        let entries = value
            .get("rows")
            .and_then(Value::as_array)
            .map(|rows| {
                rows.iter()
                    .filter_map(|r| {
                        let stamp = Stamp::from_value(r.get("stamp")?)?;
                        let row = row_from_value(r.get("row")?)?;
                        Some((row.path.clone(), (stamp, row)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self { entries }
    }

    /// The row of `path` when the file still has `stamp`.
    pub fn row(&self, path: &Path, stamp: Stamp) -> Option<&MapRow> {
        self.entries
            .get(path)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, row)| row)
    }

    /// Writes `rows` with their stamps to `file` atomically (errors are ignored: a
    /// cache is only a shortcut).
    pub fn save(file: &Path, today: Date, stale_days: i64, rows: &[(Stamp, MapRow)]) {
        let rows: Vec<Value> = rows
            .iter()
            .map(|(stamp, row)| json!({"stamp": stamp.to_value(), "row": row_to_value(row)}))
            .collect();
        let value = json!({"key": key(today, stale_days), "rows": rows});
        let Ok(bytes) = serde_json::to_vec(&value) else {
            return;
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = crate::format::atomic_replace(file, &bytes);
    }
}

fn date_value(date: Option<Date>) -> Value {
    date.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn row_to_value(row: &MapRow) -> Value {
    let summary = match &row.summary {
        Err(broken) => json!({"error": broken.english, "error_zh": broken.chinese}),
        Ok(s) => json!({
            "account": s.account,
            "opportunity": s.opportunity,
            "stage": s.stage.as_str(),
            "deal_value": s.deal_value,
            "currency": s.currency,
            "close_date": date_value(s.close_date),
            "outcome": s.outcome.map(Outcome::as_str),
            "closed_on": date_value(s.closed_on),
            "health": s.health.as_str(),
            "reviewed_health": s.reviewed_health.map(|h| h.as_str()),
            "decision_maker_supports": s.decision_maker_supports,
            "has_champion": s.has_champion,
            "stale_share": s.stale_share,
            "overdue_actions": s.overdue_actions,
            "owners": s.owners,
            "people": s.people,
            "risk_codes": s.risk_codes,
            "lessons": s.lessons.iter().map(|(f, d)| json!([f.key, f.label, d])).collect::<Vec<_>>(),
        }),
    };
    json!({"path": row.path.to_string_lossy(), "modified": row.modified, "summary": summary})
}

fn row_from_value(value: &Value) -> Option<MapRow> {
    let path = PathBuf::from(value.get("path")?.as_str()?);
    let modified = value.get("modified").and_then(Value::as_i64);
    let s = value.get("summary")?.as_object()?;
    let summary = match s.get("error") {
        Some(english) => Err(Broken {
            english: english.as_str()?.to_owned(),
            chinese: s.get("error_zh")?.as_str()?.to_owned(),
        }),
        None => Ok(summary_from(s)?),
    };
    Some(MapRow {
        path,
        modified,
        summary,
    })
}

fn summary_from(s: &Map<String, Value>) -> Option<MapSummary> {
    let text = |k: &str| s.get(k).and_then(Value::as_str).map(str::to_owned);
    let date = |k: &str| match s.get(k)? {
        Value::Null => Some(None),
        v => v.as_str()?.parse::<Date>().ok().map(Some),
    };
    let texts = |k: &str| -> Option<Vec<String>> {
        s.get(k)?
            .as_array()?
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect()
    };
    let lessons = s
        .get("lessons")?
        .as_array()?
        .iter()
        .map(|l| {
            let [key, label, decided] = l.as_array()?.as_slice() else {
                return None;
            };
            let feature = Feature {
                key: key.as_str()?.to_owned(),
                label: label.as_str()?.to_owned(),
            };
            Some((feature, decided.as_bool()?))
        })
        .collect::<Option<Vec<_>>>()?;
    let optional_code = |k: &str| match s.get(k)? {
        Value::Null => Some(None),
        v => Some(Some(v.as_str()?)),
    };
    let outcome = match optional_code("outcome")? {
        None => None,
        Some(code) => Some(Outcome::parse(code)?),
    };
    let reviewed_health = match optional_code("reviewed_health")? {
        None => None,
        Some(code) => Some(health_level(code)?),
    };
    Some(MapSummary {
        account: text("account")?,
        opportunity: text("opportunity")?,
        stage: Stage::parse(&text("stage")?)?,
        deal_value: match s.get("deal_value")? {
            Value::Null => None,
            v => Some(v.as_f64()?),
        },
        currency: text("currency")?,
        close_date: date("close_date")?,
        outcome,
        closed_on: date("closed_on")?,
        health: health_level(&text("health")?)?,
        reviewed_health,
        decision_maker_supports: s.get("decision_maker_supports")?.as_bool()?,
        has_champion: s.get("has_champion")?.as_bool()?,
        stale_share: s.get("stale_share")?.as_f64()?,
        overdue_actions: usize::try_from(s.get("overdue_actions")?.as_u64()?).ok()?,
        owners: texts("owners")?,
        people: usize::try_from(s.get("people")?.as_u64()?).ok()?,
        risk_codes: texts("risk_codes")?,
        lessons,
    })
}
