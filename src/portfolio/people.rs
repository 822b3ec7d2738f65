//! Finding a person in every map of a workspace: by e-mail, or by name (folded for
//! width, case and spaces). The same e-mail, or the same name at the same company,
//! is one person; the same name at another company is shown as a possible move
//! ("张伟 was 采购总监 at A, is now 副总 at B"), dated where the maps say when.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::analysis::learned::normalised;
use crate::lang::Language;
use crate::model::{Date, Document};

/// One appearance of a person in a map.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonHit {
    /// The map file.
    pub path: PathBuf,
    /// The map's customer.
    pub account: String,
    /// The person's id in that map.
    pub id: String,
    /// Name as written.
    pub name: String,
    /// Title as written.
    pub title: String,
    /// Department as written.
    pub department: String,
    /// E-mail as written.
    pub email: String,
    /// When the map last confirmed it: the latest of last verified and last
    /// contact, if any.
    pub seen_on: Option<Date>,
}

/// A person who appears at two customers.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    /// Where they were (the older record).
    pub from: PersonHit,
    /// Where they are now.
    pub to: PersonHit,
    /// Whether the e-mail ties the two records (otherwise only the name does).
    pub same_email: bool,
}

impl Move {
    /// "张伟 was 采购总监 at A, is now 副总 at B".
    pub fn sentence(&self, language: Language) -> String {
        let at = |hit: &PersonHit| {
            let title = if hit.title.trim().is_empty() {
                "—"
            } else {
                hit.title.trim()
            };
            let when = hit.seen_on.map(|d| format!(" ({d})")).unwrap_or_default();
            (title.to_owned(), format!("{}{when}", hit.account.trim()))
        };
        let (t1, a1) = at(&self.from);
        let (t2, a2) = at(&self.to);
        let name = self.to.name.trim();
        let (en, zh) = if self.same_email {
            (
                format!("{name} was {t1} at {a1}, is now {t2} at {a2}"),
                format!("{name}曾任{a1}{t1}，现任{a2}{t2}"),
            )
        } else {
            (
                format!(
                    "{name} was {t1} at {a1}, is now {t2} at {a2} (same name only: check it is the same person)"
                ),
                format!("{name}曾任{a1}{t1}，现任{a2}{t2}（仅姓名相同，请确认是否同一人）"),
            )
        };
        match language {
            Language::English => en,
            Language::Chinese => zh,
        }
    }
}

/// Everyone matching `query` in `doc` (read from `path`).
pub fn hits_in(doc: &Document, path: &Path, query: &str) -> Vec<PersonHit> {
    let wanted = normalised(query);
    let email_query = query.contains('@').then(|| query.trim().to_lowercase());
    if wanted.is_empty() {
        return Vec::new();
    }
    doc.stakeholders
        .iter()
        .filter(|p| {
            let email = p.contact.email.trim().to_lowercase();
            match &email_query {
                Some(q) => !email.is_empty() && email == *q,
                None => normalised(&p.name).contains(&wanted),
            }
        })
        .map(|p| PersonHit {
            path: path.to_owned(),
            account: doc.account.name.clone(),
            id: p.id.as_str().to_owned(),
            name: p.name.clone(),
            title: p.title.clone(),
            department: p.department.clone(),
            email: p.contact.email.clone(),
            seen_on: p.last_verified.max(p.last_contact),
        })
        .collect()
}

/// The moves among `hits`: for each person (by e-mail, else by folded name) seen at
/// more than one customer, from each older record to the newest one.
pub fn moves(hits: &[PersonHit]) -> Vec<Move> {
    // Group by e-mail where there is one, else by name.
    let mut groups: BTreeMap<String, Vec<&PersonHit>> = BTreeMap::new();
    for hit in hits {
        let email = hit.email.trim().to_lowercase();
        let key = if email.is_empty() {
            format!("name:{}", normalised(&hit.name))
        } else {
            format!("email:{email}")
        };
        groups.entry(key).or_default().push(hit);
    }
    // Records without e-mail also join an e-mail group of the same name.
    let mut merged: BTreeMap<String, (bool, Vec<&PersonHit>)> = BTreeMap::new();
    for (key, group) in groups {
        let name = group
            .first()
            .map(|h| normalised(&h.name))
            .unwrap_or_default();
        let entry = merged.entry(name).or_default();
        entry.0 |= key.starts_with("email:") && distinct_accounts(&group) > 1;
        entry.1.extend(group);
    }
    let mut moves = Vec::new();
    for (_, (same_email, mut group)) in merged {
        if distinct_accounts(&group) < 2 {
            continue;
        }
        // Oldest first; undated records count as older than dated ones.
        group.sort_by(|a, b| (a.seen_on, &a.path).cmp(&(b.seen_on, &b.path)));
        let Some(&newest) = group.last() else {
            continue;
        };
        let mut done: Vec<String> = vec![normalised(&newest.account)];
        for hit in group.iter().rev().skip(1) {
            let account = normalised(&hit.account);
            if done.contains(&account) {
                continue;
            }
            done.push(account);
            moves.push(Move {
                from: (*hit).clone(),
                to: newest.clone(),
                same_email: same_email
                    && !hit.email.trim().is_empty()
                    && hit.email.trim().eq_ignore_ascii_case(newest.email.trim()),
            });
        }
    }
    moves.sort_by(|a, b| (&a.to.path, &a.from.path).cmp(&(&b.to.path, &b.from.path)));
    moves
}

fn distinct_accounts(group: &[&PersonHit]) -> usize {
    let mut accounts: Vec<String> = group.iter().map(|h| normalised(&h.account)).collect();
    accounts.sort();
    accounts.dedup();
    accounts.len()
}

/// Every appearance of `query` in the maps of `root`, sorted by path and id, with
/// notes about files that could not be read. Reads the maps on every core.
pub fn find_people(root: &Path, query: &str) -> (Vec<PersonHit>, Vec<super::walk::ScanNote>) {
    let found = super::walk::json_files(root);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                let mut mine = Vec::new();
                while let Some(path) = found
                    .files
                    .get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    if let Ok(doc) = crate::format::load_file(path) {
                        mine.extend(hits_in(&doc, path, query));
                    }
                }
                if let Ok(mut all) = results.lock() {
                    all.extend(mine);
                }
            });
        }
    });
    let mut hits = results.into_inner().unwrap_or_default();
    hits.sort_by(|a, b| (&a.path, &a.id).cmp(&(&b.path, &b.id)));
    (hits, found.notes)
}
