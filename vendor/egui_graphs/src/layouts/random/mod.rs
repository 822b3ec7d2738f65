mod layout;

pub use layout::{Random, State};
