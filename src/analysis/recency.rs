//! How current what the team knows is: whom we have met, whom recently, what was
//! verified when. Facts age: after months without contact, a relationship recorded
//! as "in depth" counts for less, and a map whose facts are all old must be
//! re-verified before anyone plans on it.

use crate::model::{Coverage, Date, Stakeholder};

/// Dates and the window in which information counts as current.
#[derive(Clone, Copy, Debug)]
pub struct Recency {
    /// Today, in days since the epoch.
    today: i64,
    /// Information older than this many days is stale.
    window: i64,
}

/// How current a person's record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Verified or contacted within the window.
    Current,
    /// Dated, but every date is older than the window.
    Stale,
    /// No date at all: never verified.
    Unverified,
}

impl Recency {
    /// The window ending `today`, `window_days` long.
    pub fn new(today: Date, window_days: i64) -> Self {
        Self {
            today: today.days_since_epoch(),
            window: window_days.max(1),
        }
    }

    /// Days since `date` (negative for a future date).
    pub fn age(&self, date: Date) -> i64 {
        self.today - date.days_since_epoch()
    }

    fn recent(&self, date: Option<Date>) -> bool {
        date.is_some_and(|d| self.age(d) <= self.window)
    }

    /// Whether someone on our team has met the person at all.
    pub fn met(person: &Stakeholder) -> bool {
        person.coverage != Coverage::None || person.last_contact.is_some()
    }

    /// Whether the last contact with the person is within the window.
    pub fn contacted_recently(&self, person: &Stakeholder) -> bool {
        self.recent(person.last_contact)
    }

    /// Whether the person's information was verified within the window.
    pub fn verified_recently(&self, person: &Stakeholder) -> bool {
        self.recent(person.last_verified)
    }

    /// How current the person's record is: the newest of last verified and last
    /// contact decides.
    pub fn freshness(&self, person: &Stakeholder) -> Freshness {
        match person.last_verified.max(person.last_contact) {
            None => Freshness::Unverified,
            Some(date) if self.age(date) <= self.window => Freshness::Current,
            Some(_) => Freshness::Stale,
        }
    }

    /// The coverage that still counts: as recorded while the last contact is recent
    /// (or when no contact date is recorded), at most a brief contact once the last
    /// contact is older than the window.
    pub fn effective_coverage(&self, person: &Stakeholder) -> Coverage {
        match person.last_contact {
            Some(date) if self.age(date) > self.window => person.coverage.min(Coverage::Brief),
            _ => person.coverage,
        }
    }

    /// The window in days.
    pub fn window(&self) -> i64 {
        self.window
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::StakeholderId;

    fn person(coverage: Coverage, contact: Option<&str>, verified: Option<&str>) -> Stakeholder {
        Stakeholder {
            coverage,
            last_contact: contact.map(|d| d.parse().unwrap()),
            last_verified: verified.map(|d| d.parse().unwrap()),
            ..Stakeholder::new(StakeholderId::new("p"), "P")
        }
    }

    #[test]
    fn coverage_fades_with_the_last_contact_and_freshness_takes_the_newest_date() {
        let r = Recency::new("2026-11-30".parse().unwrap(), 90);
        let old = person(Coverage::InDepth, Some("2026-03-01"), None);
        assert_eq!(r.effective_coverage(&old), Coverage::Brief);
        assert_eq!(r.freshness(&old), Freshness::Stale);
        let fresh = person(Coverage::InDepth, Some("2026-11-01"), Some("2026-01-01"));
        assert_eq!(r.effective_coverage(&fresh), Coverage::InDepth);
        assert_eq!(r.freshness(&fresh), Freshness::Current);
        let undated = person(Coverage::Multiple, None, None);
        assert_eq!(r.effective_coverage(&undated), Coverage::Multiple);
        assert_eq!(r.freshness(&undated), Freshness::Unverified);
        assert!(Recency::met(&undated));
        assert!(!Recency::met(&person(Coverage::None, None, None)));
    }
}
