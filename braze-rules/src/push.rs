//! How long a push may be (FACTS §1.4, §3.3): Apple counts alert, extra and the other optional
//! fields against 1,912 bytes ("Apple Push Length Exceeded"); Android counts alert and extra
//! against 4,000 bytes ("Android Push Length Exceeded").

use crate::{MAX_ANDROID_PUSH_BYTES, MAX_APPLE_PUSH_BYTES, Violation};

/// Checks the size of a push payload.
///
/// The bytes are counted the same way at compile time (on literals) and at run time: a text
/// field counts its UTF-8 bytes; `extra`, and an Apple alert given as an object, count the
/// bytes of their compact JSON. For `apple_push` every string field but `message_variation_id`
/// counts too; for `android_push` only `alert` and `extra` do.
pub fn check_push_length(channel: &'static str, bytes: usize) -> Result<(), Violation> {
    let max = if channel == "apple_push" { MAX_APPLE_PUSH_BYTES } else { MAX_ANDROID_PUSH_BYTES };
    if bytes > max {
        return Err(Violation::PushTooLong { channel, bytes, max });
    }
    Ok(())
}

/// The length of `text` written as a compact JSON string, quotes included, as serde_json writes
/// it: `"`, `\` and control characters are escaped.
pub fn json_string_len(text: &str) -> usize {
    2 + text
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            c => c.len_utf8(),
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_per_channel() {
        // FACTS §1.4: Apple 1,912 bytes, Android 4,000 bytes.
        assert!(check_push_length("apple_push", 1912).is_ok());
        assert_eq!(
            check_push_length("apple_push", 1913),
            Err(Violation::PushTooLong { channel: "apple_push", bytes: 1913, max: 1912 })
        );
        assert!(check_push_length("android_push", 4000).is_ok());
        assert!(check_push_length("android_push", 4001).is_err());
    }

    #[test]
    fn json_lengths_count_quotes_and_escapes() {
        assert_eq!(json_string_len(""), 2);
        assert_eq!(json_string_len("a\"b"), 6); // "a\"b"
        assert_eq!(json_string_len("\n"), 4); // "\n"
        assert_eq!(json_string_len("\u{7}"), 8); // "\u0007"
        assert_eq!(json_string_len("é"), 4); // two UTF-8 bytes
    }
}
