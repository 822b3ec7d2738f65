//! Redacted sharing: a copy of the map without the fields that must not leave the
//! team.

use crate::model::{Contact, Document};

/// The document without private fields: personal agendas, notes (of people, lines and
/// the account), contact details and the summaries of the interaction log (its
/// dates, kinds and observed stances stay: they are the stance trend).
pub fn redacted(doc: &Document) -> Document {
    let mut copy = doc.clone();
    copy.account.notes.clear();
    for person in &mut copy.stakeholders {
        person.interests.personal.clear();
        person.notes.clear();
        person.contact = Contact::default();
        for entry in &mut person.interactions {
            entry.summary.clear();
        }
    }
    for line in &mut copy.relationships {
        line.note.clear();
    }
    copy
}
