//! Reading the enumerated values from text at run time, with the rulebook's parser and words:
//! `"opted_in".parse::<RecipientSubscriptionState>()` fails exactly as `message!` does on the
//! literal, with "did you mean".

use std::str::FromStr;

use braze_rules::{Violation, values};

use crate::endpoints::RecipientSubscriptionState;
use crate::model::{
    AndroidPriority, AssetFileType, ButtonAction, Comparison, ContentCardType, InterruptionLevel, Prioritization,
    RequestMethod, StatusComparison, SubscriptionStatus, TimeComparison, WebButtonAction,
};

macro_rules! from_spelling {
    ($($ty:ty => $field:literal, $table:ident;)*) => {
        $(impl FromStr for $ty {
            type Err = Violation;

            /// Reads Braze's spelling of the value.
            fn from_str(text: &str) -> Result<Self, Violation> {
                braze_rules::check_value($field, text, values::$table)?;
                serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
                    Violation::UnknownValue { field: $field, value: text.to_owned(), accepted: values::$table }
                })
            }
        })*

        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn every_spelling_reads_and_writes_back() {
                $(for spelling in values::$table {
                    let value: $ty = spelling.parse().unwrap_or_else(|e| panic!("{spelling}: {e}"));
                    assert_eq!(serde_json::to_value(value).unwrap(), *spelling);
                })*
            }
        }
    };
}

from_spelling! {
    RecipientSubscriptionState => "recipient_subscription_state", RECIPIENT_SUBSCRIPTION_STATE;
    InterruptionLevel => "interruption_level", INTERRUPTION_LEVEL;
    AssetFileType => "asset_file_type", ASSET_FILE_TYPE;
    ButtonAction => "action", BUTTON_ACTION;
    WebButtonAction => "action", WEB_BUTTON_ACTION;
    AndroidPriority => "android_priority", ANDROID_PRIORITY;
    RequestMethod => "request_method", REQUEST_METHOD;
    ContentCardType => "type", CONTENT_CARD_TYPE;
    Comparison => "comparison", CUSTOM_ATTRIBUTE_COMPARISON;
    StatusComparison => "comparison", SUBSCRIPTION_COMPARISON;
    SubscriptionStatus => "value", SUBSCRIPTION_STATUS;
    TimeComparison => "comparison", LAST_USED_APP_COMPARISON;
    Prioritization => "prioritization", PRIORITIZATION;
}

#[cfg(test)]
mod words {
    use super::*;

    #[test]
    fn a_wrong_spelling_gets_the_macros_words() {
        let err = "opted-in".parse::<RecipientSubscriptionState>().unwrap_err();
        assert_eq!(err.message(), "`recipient_subscription_state` cannot be \"opted-in\"");
        assert!(err.help().starts_with("did you mean \"opted_in\"?"), "{}", err.help());
    }
}
