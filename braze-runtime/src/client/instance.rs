//! Braze instances and their REST hosts.

use std::fmt;
use std::str::FromStr;

/// A Braze instance (the cluster a workspace lives on). Pick the one matching the dashboard you
/// log into; for anything else, give the REST endpoint URL from Settings > APIs and Identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)] // each variant is the instance of the same name
pub enum Instance {
    Us01,
    Us02,
    Us03,
    Us04,
    Us05,
    Us06,
    Us07,
    Us08,
    Us10,
    Eu01,
    Eu02,
    Au01,
    Id01,
    Jp01,
    Kr01,
}

const TABLE: &[(Instance, &str, &str)] = &[
    (Instance::Us01, "US-01", "https://rest.iad-01.braze.com"),
    (Instance::Us02, "US-02", "https://rest.iad-02.braze.com"),
    (Instance::Us03, "US-03", "https://rest.iad-03.braze.com"),
    (Instance::Us04, "US-04", "https://rest.iad-04.braze.com"),
    (Instance::Us05, "US-05", "https://rest.iad-05.braze.com"),
    (Instance::Us06, "US-06", "https://rest.iad-06.braze.com"),
    (Instance::Us07, "US-07", "https://rest.iad-07.braze.com"),
    (Instance::Us08, "US-08", "https://rest.iad-08.braze.com"),
    (Instance::Us10, "US-10", "https://rest.us-10.braze.com"),
    (Instance::Eu01, "EU-01", "https://rest.fra-01.braze.eu"),
    (Instance::Eu02, "EU-02", "https://rest.fra-02.braze.eu"),
    (Instance::Au01, "AU-01", "https://rest.au-01.braze.com"),
    (Instance::Id01, "ID-01", "https://rest.id-01.braze.com"),
    (Instance::Jp01, "JP-01", "https://rest.jp-01.braze.com"),
    (Instance::Kr01, "KR-01", "https://rest.kr-01.braze.com"),
];

impl Instance {
    /// Every documented instance.
    pub fn all() -> impl Iterator<Item = Instance> {
        TABLE.iter().map(|(i, _, _)| *i)
    }

    fn row(self) -> &'static (Instance, &'static str, &'static str) {
        TABLE.iter().find(|(i, _, _)| *i == self).unwrap_or(&TABLE[0])
    }

    /// The name Braze uses, e.g. `US-01`.
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The REST base URL, e.g. `https://rest.iad-01.braze.com`.
    pub fn rest_url(self) -> &'static str {
        self.row().2
    }
}

impl fmt::Display for Instance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name that is not a documented instance.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Braze instance \"{0}\"; expected one of US-01…US-08, US-10, EU-01, EU-02, AU-01, ID-01, JP-01, KR-01")]
pub struct UnknownInstance(pub String);

impl FromStr for Instance {
    type Err = UnknownInstance;

    /// Reads `US-01`, `us-01` or `US01`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted: String = s.chars().filter(|c| *c != '-' && *c != '_').flat_map(char::to_uppercase).collect();
        TABLE
            .iter()
            .find(|(_, name, _)| name.replace('-', "") == wanted)
            .map(|(i, _, _)| *i)
            .ok_or_else(|| UnknownInstance(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_follow_the_table_not_a_pattern() {
        assert_eq!(Instance::Us10.rest_url(), "https://rest.us-10.braze.com");
        assert_eq!(Instance::Eu02.rest_url(), "https://rest.fra-02.braze.eu");
        assert_eq!(Instance::all().count(), 15);
        assert!(Instance::all().all(|i| i.rest_url().starts_with("https://rest.")));
    }

    #[test]
    fn names_parse_loosely_and_us09_does_not_exist() {
        assert_eq!("us-01".parse::<Instance>(), Ok(Instance::Us01));
        assert_eq!("KR01".parse::<Instance>(), Ok(Instance::Kr01));
        assert!("US-09".parse::<Instance>().is_err());
    }
}
