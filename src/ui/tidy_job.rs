//! "Tidy up" and "Arrange as org chart" on the map view: the layout runs on a
//! background thread with a progress bar and Cancel; its result becomes one
//! undoable move of everyone whose place changed.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::edit::Command;
use crate::lang::Language;
use crate::model::{Document, Position, StakeholderId};
use crate::views::{ForceOptions, ViewKind, force_layout, view_layout};

/// Progress is kept in thousandths (an atomic the UI reads each frame).
pub const PROGRESS_FULL: u32 = 1000;

/// Which arrangement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrangement {
    /// The force layout: related people close, departments apart, no overlaps.
    Tidy,
    /// The org chart's positions written to the map.
    OrgChart,
}

/// How an arrangement ended.
#[derive(Clone, Debug, PartialEq)]
pub enum Arranged {
    /// The move for everyone whose place changed (`None`: nobody's did).
    Done(Option<Command>),
    /// Cancelled, or the layout failed: nothing changes.
    Stopped,
}

/// The new positions of `doc`'s people (document order), or `None` when cancelled.
/// The one place the app calls the layouts.
pub fn arranged_positions(
    doc: &Document,
    arrangement: Arrangement,
    pinned: &HashSet<StakeholderId>,
    language: Language,
    progress: &AtomicU32,
    cancel: &AtomicBool,
) -> Option<Vec<Position>> {
    match arrangement {
        Arrangement::Tidy => force_layout(
            doc,
            &ForceOptions {
                pinned: pinned.clone(),
            },
            |done| {
                let share = (done.clamp(0.0, 1.0) * PROGRESS_FULL as f32) as u32;
                progress.store(share, Ordering::Relaxed);
            },
            cancel,
        ),
        Arrangement::OrgChart => {
            let positions = view_layout(doc, ViewKind::OrgChart, language).positions;
            progress.store(PROGRESS_FULL, Ordering::Relaxed);
            (!cancel.load(Ordering::Relaxed)).then_some(positions)
        }
    }
}

/// One move of everyone whose place (in whole canvas units) differs from
/// `positions` (document order); `None` when nobody's does.
pub fn moves_to(doc: &Document, positions: &[Position]) -> Option<Command> {
    let moves: Vec<(StakeholderId, Option<Position>)> = doc
        .stakeholders
        .iter()
        .zip(positions)
        .filter(|(_, at)| at.x.is_finite() && at.y.is_finite())
        .filter_map(|(person, at)| {
            let at = Position::new(at.x.round(), at.y.round());
            (person.position != Some(at)).then(|| (person.id.clone(), Some(at)))
        })
        .collect();
    (!moves.is_empty()).then_some(Command::MoveStakeholders(moves))
}

/// An arrangement in progress.
pub struct TidyJob {
    /// Which arrangement.
    pub arrangement: Arrangement,
    /// How many people are arranged (for the progress text).
    pub people: usize,
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    done: Receiver<Arranged>,
}

impl TidyJob {
    /// Starts arranging `doc`; `pinned` people keep their places (tidy only).
    pub fn start(
        ctx: &egui::Context,
        doc: Arc<Document>,
        arrangement: Arrangement,
        pinned: HashSet<StakeholderId>,
        language: Language,
    ) -> Self {
        let progress = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, done) = channel();
        let (thread_progress, thread_cancel, ctx) =
            (Arc::clone(&progress), Arc::clone(&cancel), ctx.clone());
        let people = doc.stakeholders.len();
        std::thread::spawn(move || {
            // A panic in a layout must end the job, not leave the progress up.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                arranged_positions(
                    &doc,
                    arrangement,
                    &pinned,
                    language,
                    &thread_progress,
                    &thread_cancel,
                )
            }));
            let arranged = match result {
                Ok(Some(positions)) if !thread_cancel.load(Ordering::Relaxed) => {
                    Arranged::Done(moves_to(&doc, &positions))
                }
                _ => Arranged::Stopped,
            };
            let _ = sender.send(arranged);
            ctx.request_repaint();
        });
        Self {
            arrangement,
            people,
            progress,
            cancel,
            done,
        }
    }

    /// Progress from 0 to 1.
    pub fn progress(&self) -> f32 {
        (self.progress.load(Ordering::Relaxed) as f32 / PROGRESS_FULL as f32).clamp(0.0, 1.0)
    }

    /// Asks the layout to stop; the job then ends as [`Arranged::Stopped`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The outcome once the job is finished.
    pub fn finished(&self) -> Option<Arranged> {
        match self.done.try_recv() {
            Ok(arranged) => Some(arranged),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Arranged::Stopped),
        }
    }

    /// Waits for the job (tests).
    pub fn wait(self) -> Arranged {
        self.done.recv().unwrap_or(Arranged::Stopped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_people_whose_place_changes_are_moved_in_one_command() {
        let mut doc = crate::samples::synthetic_map(5, 1);
        // Everyone where they are: nothing to do.
        let here = crate::placement::drawing_positions(&doc);
        assert!(moves_to(&doc, &here).is_none());
        doc.stakeholders[4].position = None;
        let mut positions = crate::placement::drawing_positions(&doc);
        positions[1] = Position::new(1000.4, -20.6);
        positions[2] = Position::new(f64::NAN, 0.0);
        let Some(Command::MoveStakeholders(moves)) = moves_to(&doc, &positions) else {
            panic!("a move");
        };
        let ids: Vec<&str> = moves.iter().map(|(id, _)| id.as_str()).collect();
        // The moved one and the unplaced one (who gets a place of their own).
        assert!(ids.contains(&doc.stakeholders[1].id.as_str()));
        assert!(ids.contains(&doc.stakeholders[4].id.as_str()));
        assert!(!ids.contains(&doc.stakeholders[2].id.as_str()));
        assert!(moves.contains(&(
            doc.stakeholders[1].id.clone(),
            Some(Position::new(1000.0, -21.0))
        )));
    }

    #[test]
    fn a_cancelled_job_changes_nothing_and_a_finished_one_moves_people() {
        let ctx = egui::Context::default();
        let doc = Arc::new(crate::samples::synthetic_map(200, 3));
        let job = TidyJob::start(
            &ctx,
            Arc::clone(&doc),
            Arrangement::Tidy,
            HashSet::new(),
            Language::English,
        );
        assert!(matches!(job.wait(), Arranged::Done(Some(_))));
        let job = TidyJob::start(
            &ctx,
            doc,
            Arrangement::Tidy,
            HashSet::new(),
            Language::English,
        );
        job.cancel();
        // Cancelled before or while it ran: stopped either way (it checks at the end).
        assert_eq!(job.wait(), Arranged::Stopped);
    }
}
