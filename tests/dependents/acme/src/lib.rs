//! A company's messaging crate that re-exports braze-dsl: its users do not depend on braze-dsl.

pub use braze_dsl as messaging;
