mod core;

pub(crate) mod with_extras;

pub use core::{FruchtermanReingold, FruchtermanReingoldState};
