//! The analysis stays linear where it used to be quadratic, checked by counting
//! work, not by timing: asking whether two people are in conflict is what the
//! champion test, the adviser risks and the introductions do per pair they look at.

use super::structure::CONFLICT_CHECKS;
use super::{AnalysisOptions, analyze};
use crate::lang::Language;
use crate::model::{Document, Relationship, RelationshipKind, Role, Stakeholder, Stance, Strength};

/// Everyone a champion or a decision maker, each champion allied with the next
/// decision maker and in conflict with the one after, each decision maker advised
/// by a neutral person who fights a supporter: the shape that made those checks
/// ask every decision maker for every champion.
fn crowded_map(pairs: usize) -> Document {
    let mut doc = Document::default();
    let person = |i: usize, role: Role, stance: Stance| {
        let mut p = Stakeholder::new(format!("p{i}"), format!("Person {i}"));
        p.role = role;
        p.stance = stance;
        p
    };
    for k in 0..pairs {
        doc.stakeholders
            .push(person(3 * k, Role::DecisionMaker, Stance::Neutral));
        doc.stakeholders
            .push(person(3 * k + 1, Role::Champion, Stance::Supporter));
        doc.stakeholders
            .push(person(3 * k + 2, Role::Influencer, Stance::Neutral));
    }
    let mut line = |n: &mut usize, from: usize, to: usize, kind: RelationshipKind| {
        let mut l = Relationship::new(format!("r{n}"), format!("p{from}"), format!("p{to}"), kind);
        l.strength = Strength::MAX;
        doc.relationships.push(l);
        *n += 1;
    };
    let mut n = 0;
    let people = 3 * pairs;
    for k in 0..pairs {
        let (dm, champion, adviser) = (3 * k, 3 * k + 1, 3 * k + 2);
        line(&mut n, champion, dm, RelationshipKind::Ally);
        line(
            &mut n,
            champion,
            (dm + 3) % people,
            RelationshipKind::Conflict,
        );
        line(&mut n, adviser, dm, RelationshipKind::Influences);
        line(
            &mut n,
            adviser,
            (champion + 3) % people,
            RelationshipKind::Conflict,
        );
    }
    doc
}

fn conflict_checks(doc: &Document) -> u64 {
    let Ok(today) = "2026-11-30".parse() else {
        return u64::MAX;
    };
    CONFLICT_CHECKS.with(|count| count.set(0));
    let analysis = analyze(doc, &AnalysisOptions::new(today, Language::English));
    assert_eq!(analysis.champions.len(), doc.stakeholders.len() / 3);
    CONFLICT_CHECKS.with(std::cell::Cell::get)
}

#[test]
fn conflict_checks_grow_with_the_map_not_with_its_square() {
    let small = conflict_checks(&crowded_map(500));
    let large = conflict_checks(&crowded_map(2_000));
    assert!(small > 0, "the map exercises the checks");
    // Four times the people: about four times the work (sixteen when quadratic).
    assert!(
        large <= small * 5,
        "{small} checks for 1,500 people, {large} for 6,000"
    );
}

/// On a map large enough for the influence to be computed on its own thread, the
/// analysis holds exactly what computing it on one thread gives.
#[test]
fn influence_beside_the_rest_is_the_same_as_on_one_thread() {
    let doc = crate::samples::synthetic_map(super::PARALLEL_INFLUENCE_FROM + 10, 3);
    let Some(today) = crate::model::Date::from_ymd(2026, 11, 30) else {
        panic!("a valid date");
    };
    let options = AnalysisOptions::new(today, Language::English);
    let analysis = analyze(&doc, &options);
    let structure = super::structure::Structure::new(&doc);
    let scores = super::influence::influence_scores(&structure);
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&analysis.influence), bits(&scores));
    assert_eq!(analysis.ranking, super::influence::ranked(&scores));
    let powers: Vec<u8> = doc.stakeholders.iter().map(|s| s.power.level()).collect();
    let hidden = super::hidden::with_advisers(
        super::hidden::hidden_influencers(&scores, &powers),
        &analysis.advisers,
        &super::hidden::structural_levels(&scores),
        &doc,
        Language::English,
    );
    assert!(!hidden.is_empty());
    assert_eq!(analysis.hidden_influencers, hidden);
}

/// On a map large enough for the graph and the risks to be worked out on two
/// threads, the analysis is exactly the one worked out on one.
#[test]
fn work_side_by_side_gives_the_analysis_of_one_thread() {
    let doc = crate::samples::synthetic_map(super::PARALLEL_INFLUENCE_FROM + 10, 5);
    let Some(today) = crate::model::Date::from_ymd(2026, 11, 30) else {
        panic!("a valid date");
    };
    for language in [Language::English, Language::Chinese] {
        let options = AnalysisOptions::new(today, language);
        let beside = analyze(&doc, &options);
        super::ONE_THREAD.with(|one| one.set(true));
        let alone = analyze(&doc, &options);
        super::ONE_THREAD.with(|one| one.set(false));
        assert!(alone.risks.len() > 5, "{:?}", alone.risks.len());
        assert_eq!(beside, alone);
    }
}
