//! Small bounded values: power, relationship strength, canvas position.

/// Fields a newer Powermap wrote that this version does not know; kept in their
/// original order and written back unchanged.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// How much weight a stakeholder carries in the decision: 1 (low) to 5 (high).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Power(u8);

impl Power {
    /// The lowest power.
    pub const MIN: Self = Self(1);
    /// The highest power.
    pub const MAX: Self = Self(5);

    /// A power level, or `None` outside 1–5.
    pub fn new(level: i64) -> Option<Self> {
        u8::try_from(level)
            .ok()
            .filter(|l| (1..=5).contains(l))
            .map(Self)
    }

    /// The level, 1–5.
    pub fn level(self) -> u8 {
        self.0
    }
}

impl Default for Power {
    fn default() -> Self {
        Self(3)
    }
}

/// How strong a relationship is: 1 (weak) to 3 (strong).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Strength(u8);

impl Strength {
    /// The weakest strength.
    pub const MIN: Self = Self(1);
    /// The strongest strength.
    pub const MAX: Self = Self(3);

    /// A strength, or `None` outside 1–3.
    pub fn new(level: i64) -> Option<Self> {
        u8::try_from(level)
            .ok()
            .filter(|l| (1..=3).contains(l))
            .map(Self)
    }

    /// The level, 1–3.
    pub fn level(self) -> u8 {
        self.0
    }
}

impl Default for Strength {
    fn default() -> Self {
        Self(2)
    }
}

/// A point on the map canvas, in canvas pixels (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Position {
    /// Horizontal coordinate.
    pub x: f64,
    /// Vertical coordinate, downwards.
    pub y: f64,
}

impl Position {
    /// A position from its coordinates.
    pub fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}
