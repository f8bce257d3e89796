#!/usr/bin/env bash
# Compile time of the DSL, measured with hyperfine against baselines built in the same run:
#
# 1. A crate with 200 `message!` calls vs the same 200 requests written as runtime struct
#    literals (`MessagesSend { .. }`), dependencies built, debug profile: rebuilt after a touch
#    (incremental, the edit-compile loop), and rebuilt whole without incremental compilation.
# 2. A clean build of braze-macros (with its dependencies) vs a clean build of serde_derive
#    (with its dependencies), each alone in a fresh crate.
#
# Usage: scripts/compile-time.sh [runs]        (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
# BRAZE_COMPILE_TIME_DIR keeps the generated crates there, to profile them afterwards.
if [ -n "${BRAZE_COMPILE_TIME_DIR:-}" ]; then
    work="$BRAZE_COMPILE_TIME_DIR"
    mkdir -p "$work"
else
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
fi
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }

calls=200
serde_derive_version="$(awk '/^name = "serde_derive"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$repo/Cargo.lock")"

# A crate of its own (its own workspace, the repository's lock file) depending on `$2`.
new_crate() {
    mkdir -p "$work/$1/src"
    cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$2

[workspace]
TOML
    cp "$repo/Cargo.lock" "$work/$1/Cargo.lock"
}

# --- 1. 200 message! calls vs 200 hand-written runtime literals --------------------------------
for crate in macro-calls builder-calls; do
    new_crate "$crate" "braze-dsl = { path = \"$repo\" }"
done

{
    echo "//! $calls requests declared with message!."
    echo "use braze_dsl::endpoints::MessagesSend;"
    echo "use braze_dsl::message;"
    for i in $(seq 1 $calls); do
        cat <<RUST
pub fn request_$i(users: Vec<String>, name: &str) -> MessagesSend {
    message! {
        external_user_ids: users,
        recipient_subscription_state: "opted_in",
        messages: {
            apple_push: { alert: { title: "Order $i", body: format!("{name}, order $i has shipped") }, badge: $i },
            android_push: { title: "Order $i", alert: format!("{name}, order $i has shipped") },
            email: {
                app_id: "5f1e0c54-aaaa-bbbb-cccc-0123456789ab",
                from: "Acme <orders@acme.example>",
                subject: "Order $i",
                body: format!("<p>{name}, order $i has shipped</p>"),
            },
        },
    }
}
RUST
    done
} > "$work/macro-calls/src/lib.rs"

{
    echo "//! The same $calls requests written as runtime struct literals."
    echo "use braze_dsl::endpoints::{MessagesSend, RecipientSubscriptionState};"
    echo "use braze_dsl::model::{AlertObject, AndroidPush, ApplePush, Email, Messages};"
    for i in $(seq 1 $calls); do
        cat <<RUST
pub fn request_$i(users: Vec<String>, name: &str) -> MessagesSend {
    let alert = AlertObject { title: Some("Order $i".to_owned()), ..AlertObject::new(format!("{name}, order $i has shipped")) };
    MessagesSend {
        external_user_ids: Some(users),
        recipient_subscription_state: Some(RecipientSubscriptionState::OptedIn),
        messages: Some(Messages {
            apple_push: Some(ApplePush { badge: Some($i), ..ApplePush::new(alert) }),
            android_push: Some(AndroidPush::new(format!("{name}, order $i has shipped"), "Order $i")),
            email: Some(Email {
                subject: Some("Order $i".to_owned()),
                body: Some(format!("<p>{name}, order $i has shipped</p>")),
                ..Email::new("5f1e0c54-aaaa-bbbb-cccc-0123456789ab", "Acme <orders@acme.example>")
            }),
            ..Messages::default()
        }),
        ..MessagesSend::default()
    }
}
RUST
    done
} > "$work/builder-calls/src/lib.rs"

export CARGO_TARGET_DIR="$work/target-calls"
for crate in macro-calls builder-calls; do
    (cd "$work/$crate" && cargo build -q --offline 2>/dev/null || cargo build -q)
done

echo "== $calls requests: message! vs runtime struct literals (rebuild of the crate, debug) =="
hyperfine --warmup 1 --runs "$runs" --style basic --export-markdown "$work/calls.md" \
    --prepare "touch $work/builder-calls/src/lib.rs" -n "runtime struct literals" "cd $work/builder-calls && cargo build -q --offline" \
    --prepare "touch $work/macro-calls/src/lib.rs" -n "message!" "cd $work/macro-calls && cargo build -q --offline"
cat "$work/calls.md"

echo
echo "== $calls requests: message! vs runtime struct literals (whole crate, non-incremental, debug) =="
CARGO_INCREMENTAL=0 hyperfine --warmup 1 --runs "$runs" --style basic --export-markdown "$work/calls-full.md" \
    --prepare "touch $work/builder-calls/src/lib.rs" -n "runtime struct literals" "cd $work/builder-calls && cargo build -q --offline" \
    --prepare "touch $work/macro-calls/src/lib.rs" -n "message!" "cd $work/macro-calls && cargo build -q --offline"
cat "$work/calls-full.md"

# --- 2. clean build of braze-macros vs serde_derive ---------------------------------------------
new_crate only-braze-macros "braze-macros = { path = \"$repo/braze-macros\" }"
new_crate only-serde-derive "serde_derive = \"=$serde_derive_version\""
for crate in only-braze-macros only-serde-derive; do
    echo "" > "$work/$crate/src/lib.rs"
    (cd "$work/$crate" && CARGO_TARGET_DIR="$work/target-$crate" cargo fetch -q)
done

echo
echo "== clean build (debug) of a proc-macro crate and its dependencies =="
hyperfine --warmup 1 --runs "$runs" --style basic --export-markdown "$work/clean.md" \
    --prepare "rm -rf $work/target-only-serde-derive" -n "serde_derive $serde_derive_version" \
    "cd $work/only-serde-derive && CARGO_TARGET_DIR=$work/target-only-serde-derive cargo build -q --offline" \
    --prepare "rm -rf $work/target-only-braze-macros" -n "braze-macros" \
    "cd $work/only-braze-macros && CARGO_TARGET_DIR=$work/target-only-braze-macros cargo build -q --offline"
cat "$work/clean.md"
