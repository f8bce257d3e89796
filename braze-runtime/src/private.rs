//! What the macros' generated code names. Not public API: it changes with the macros, in
//! lockstep (the facade pins both crates to the same version).

pub use crate::endpoints::*;
pub use crate::model::*;
pub use crate::time::Timestamp;
pub use crate::triggered::*;
pub use serde_json;

/// A list of strings from any iterable of string-likes (`Vec<String>`, `[&str; N]`, …).
pub fn strings<I, S>(items: I) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    items.into_iter().map(Into::into).collect()
}

/// An integer of a signed field (`badge`, `priority`, …) from any integer type that converts to
/// `i64` without loss.
pub fn int(value: impl LosslessInt) -> i64 {
    value.into_i64()
}

/// An integer of an unsigned field (`time_to_live`, …) from any unsigned integer type.
pub fn uint(value: impl LosslessUint) -> u64 {
    value.into_u64()
}

/// Integer types that convert to `i64` without loss.
#[diagnostic::on_unimplemented(
    message = "expected an integer that converts to `i64` without loss, found `{Self}`",
    label = "this field takes an integer",
    note = "use `i8`, `i16`, `i32`, `i64`, `u8`, `u16` or `u32`; convert a `u64` or `usize` with `i64::try_from`"
)]
pub trait LosslessInt {
    /// The value as `i64`.
    fn into_i64(self) -> i64;
}

/// Integer types that convert to `u64` without loss.
#[diagnostic::on_unimplemented(
    message = "expected a non-negative integer that converts to `u64` without loss, found `{Self}`",
    label = "this field takes a non-negative integer",
    note = "use `u8`, `u16`, `u32`, `u64` or `usize`; convert a signed value with `u64::try_from`"
)]
pub trait LosslessUint {
    /// The value as `u64`.
    fn into_u64(self) -> u64;
}

macro_rules! lossless {
    ($trait:ident, $method:ident, $target:ty: $($ty:ty),*) => {
        $(impl $trait for $ty {
            #[inline]
            fn $method(self) -> $target {
                <$target>::from(self)
            }
        })*
    };
}

lossless!(LosslessInt, into_i64, i64: i8, i16, i32, i64, u8, u16, u32);
lossless!(LosslessUint, into_u64, u64: u8, u16, u32, u64);

impl LosslessUint for usize {
    #[inline]
    fn into_u64(self) -> u64 {
        // usize is at most 64 bits on every target Rust supports here.
        self as u64
    }
}

/// A JSON value from a Rust value that converts to one.
pub fn json<T: Into<serde_json::Value>>(value: T) -> serde_json::Value {
    value.into()
}

/// A timestamp from a literal that the macro already checked with the same parser.
pub fn checked_timestamp(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("message! checked this literal with the same parser at compile time")
}

/// A schedule from a literal time and flags that the macro already checked.
pub fn checked_schedule(time: &str, in_local_time: bool, at_optimal_time: bool) -> Schedule {
    Schedule::parse(time, in_local_time, at_optimal_time)
        .expect("message! checked this schedule with the same parser at compile time")
}

/// The value `message!`'s expansions and the runtime's constructors start from, then set the
/// fields they are given. It keeps the expansion to the keys the user wrote, so rustc spends on
/// it about what it spends on a hand-written struct-update literal. The required fields are
/// always set after, so a blank required value never leaves the literal. The impls are
/// generated (`blank.rs`, by the `xtask` package), so a new field cannot be forgotten.
pub trait Blank {
    /// The value with every optional field `None` and every required one empty.
    fn blank() -> Self;
}

// The leaf types the generated impls (blank.rs) need. Any value does: it is always replaced.
macro_rules! blank_as {
    ($($ty:ty => $value:expr,)*) => {
        $(impl Blank for $ty {
            #[inline]
            fn blank() -> Self {
                $value
            }
        })*
    };
}

blank_as! {
    Comparison => Comparison::Equals,
    StatusComparison => StatusComparison::Is,
    SubscriptionStatus => SubscriptionStatus::OptedIn,
    TimeComparison => TimeComparison::After,
    RequestMethod => RequestMethod::Post,
    ContentCardType => ContentCardType::Classic,
    RecipientId => RecipientId::ExternalUserId(String::new()),
    WhatsAppMessage => WhatsAppMessage::TextResponseMessage(Blank::blank()),
    Schedule => Schedule { time: ScheduleTime::InLocalTime(Default::default()), unknown_fields: Default::default() },
    Timestamp => Timestamp::blank(),
}
