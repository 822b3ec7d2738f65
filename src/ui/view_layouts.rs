//! The layout of the workshop view on screen, cached: computed again only when the
//! map, the view or the language changes, and on a background thread for large maps
//! so no frame waits for it.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::lang::Language;
use crate::model::Document;
use crate::views::{ViewKind, ViewLayout, view_layout};

/// From this many people a view is laid out on a background thread (an org chart of
/// 20,000 people takes longer than a frame may).
pub const BACKGROUND_PEOPLE: usize = 20_000;

/// What a layout was computed for: edit counter, view, language.
type Key = (u64, ViewKind, Language);

/// A computed layout and a number that changes whenever the layout shown does.
#[derive(Clone, Debug)]
pub struct ShownLayout {
    /// The layout.
    pub layout: Arc<ViewLayout>,
    /// Changes with every new layout (the canvas resyncs on it).
    pub serial: u64,
}

/// The cache of the current view's layout.
pub struct ViewLayouts {
    current: Option<(Key, ShownLayout)>,
    job: Option<(Key, Receiver<ViewLayout>)>,
    serial: u64,
    background_from: usize,
}

impl Default for ViewLayouts {
    fn default() -> Self {
        Self::with_background_from(BACKGROUND_PEOPLE)
    }
}

impl ViewLayouts {
    /// A cache that lays out maps of `people` or more on a background thread.
    pub fn with_background_from(people: usize) -> Self {
        Self {
            current: None,
            job: None,
            serial: 0,
            background_from: people,
        }
    }

    /// The layout of `doc` in `kind`, or `None` for the map view (people at their
    /// own positions) and while a large map is being laid out for the first time in
    /// this view. While a new layout of a large map is computed, the previous one
    /// of the same view is shown if it still has the same people count.
    /// `snapshot` hands the background thread the map without copying it; `wake`
    /// is called from that thread when it is done.
    pub fn layout(
        &mut self,
        doc: &Document,
        snapshot: impl FnOnce() -> Arc<Document>,
        edit_counter: u64,
        kind: ViewKind,
        language: Language,
        wake: impl FnOnce() + Send + 'static,
    ) -> Option<ShownLayout> {
        if kind == ViewKind::Map {
            return None;
        }
        let key = (edit_counter, kind, language);
        self.collect(doc.stakeholders.len());
        if self.current.as_ref().is_some_and(|(k, _)| *k == key) {
            return self.current.as_ref().map(|(_, shown)| shown.clone());
        }
        if doc.stakeholders.len() < self.background_from {
            let layout = view_layout(doc, kind, language);
            self.install(key, layout);
        } else if self.job.is_none() {
            let (sender, receiver) = channel();
            let doc = snapshot();
            std::thread::spawn(move || {
                let _ = sender.send(view_layout(&doc, kind, language));
                wake();
            });
            self.job = Some((key, receiver));
        }
        // A layout for an older map state is still right for this view while the
        // new one is computed, as long as every person has a place in it.
        self.current
            .as_ref()
            .filter(|((_, k, l), shown)| {
                (*k, *l) == (kind, language)
                    && shown.layout.positions.len() == doc.stakeholders.len()
            })
            .map(|(_, shown)| shown.clone())
    }

    /// Whether a layout is being computed in the background.
    pub fn is_computing(&self) -> bool {
        self.job.is_some()
    }

    /// Waits for a background layout (tests, benchmarks).
    pub fn wait(&mut self) {
        if let Some((key, receiver)) = self.job.take()
            && let Ok(layout) = receiver.recv()
        {
            self.install(key, layout);
        }
    }

    /// Takes a finished background layout.
    fn collect(&mut self, people: usize) {
        let Some((key, receiver)) = &self.job else {
            return;
        };
        let key = *key;
        match receiver.try_recv() {
            Ok(layout) => {
                self.job = None;
                if layout.positions.len() == people || self.current.is_none() {
                    self.install(key, layout);
                }
            }
            Err(TryRecvError::Empty) => {}
            // The thread died (a bug in a layout): the map positions show instead.
            Err(TryRecvError::Disconnected) => self.job = None,
        }
    }

    fn install(&mut self, key: Key, layout: ViewLayout) {
        self.serial += 1;
        self.current = Some((
            key,
            ShownLayout {
                layout: Arc::new(layout),
                serial: self.serial,
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wake() {}

    #[test]
    fn a_layout_is_computed_once_per_map_state_view_and_language() {
        let doc = crate::samples::synthetic_map(30, 3);
        let snapshot = || Arc::new(doc.clone());
        let mut cache = ViewLayouts::default();
        let en = Language::English;
        assert!(
            cache
                .layout(&doc, snapshot, 1, ViewKind::Map, en, wake)
                .is_none()
        );
        let first = cache
            .layout(&doc, snapshot, 1, ViewKind::Grid, en, wake)
            .unwrap();
        assert_eq!(first.layout.positions.len(), 30);
        assert_eq!(*first.layout, view_layout(&doc, ViewKind::Grid, en));
        let again = cache
            .layout(&doc, snapshot, 1, ViewKind::Grid, en, wake)
            .unwrap();
        assert!(Arc::ptr_eq(&first.layout, &again.layout));
        assert_eq!(first.serial, again.serial);
        for (counter, kind, language) in [
            (2, ViewKind::Grid, en),
            (2, ViewKind::OrgChart, en),
            (2, ViewKind::OrgChart, Language::Chinese),
        ] {
            let next = cache
                .layout(&doc, snapshot, counter, kind, language, wake)
                .unwrap();
            assert_ne!(next.serial, first.serial, "{counter} {kind:?} {language:?}");
        }
    }

    #[test]
    fn large_maps_are_laid_out_in_the_background_keeping_the_last_layout_meanwhile() {
        let mut doc = crate::samples::synthetic_map(40, 3);
        let mut cache = ViewLayouts::with_background_from(10);
        let en = Language::English;
        let snap = Arc::new(doc.clone());
        // Nothing to show before the first layout arrives.
        let shown = cache.layout(&doc, || Arc::clone(&snap), 1, ViewKind::Grid, en, wake);
        assert!(shown.is_none());
        assert!(cache.is_computing());
        cache.wait();
        let first = cache
            .layout(&doc, || Arc::clone(&snap), 1, ViewKind::Grid, en, wake)
            .unwrap();
        assert_eq!(*first.layout, view_layout(&doc, ViewKind::Grid, en));
        // An edit: the old layout shows until the new one is ready.
        doc.stakeholders[0].stance = crate::model::Stance::Opponent;
        let snap = Arc::new(doc.clone());
        let meanwhile = cache
            .layout(&doc, || Arc::clone(&snap), 2, ViewKind::Grid, en, wake)
            .unwrap();
        assert_eq!(meanwhile.serial, first.serial);
        cache.wait();
        let next = cache
            .layout(&doc, || Arc::clone(&snap), 2, ViewKind::Grid, en, wake)
            .unwrap();
        assert_eq!(*next.layout, view_layout(&doc, ViewKind::Grid, en));
        // Another view's old layout is never shown for this one.
        assert!(
            cache
                .layout(&doc, || Arc::clone(&snap), 2, ViewKind::Fishbone, en, wake)
                .is_none()
        );
        cache.wait();
    }
}
