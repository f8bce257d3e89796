//! Ratios to a baseline, measured interleaved: each round times a batch of every variant, in an
//! order that rotates per round, and the ratio is taken within the round. A shared machine's
//! speed drifts over the seconds criterion spends on one benchmark before the next starts, which
//! moves ratios of sequential measurements by 20 % and more; within a round the drift cancels.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Wall-clock time since the first call, for [`print`].
pub fn wall_clock() -> Duration {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed()
}

/// One variant: its name and a closure running one iteration.
pub type Variant<'a> = (&'a str, &'a mut dyn FnMut());

/// Runs `rounds` rounds of `batch` iterations of each variant, timed by `clock`, and prints, per variant, the median
/// of its per-round ratio to `variants[0]` (the baseline) with the quartiles.
pub fn print(title: &str, rounds: usize, batch: usize, clock: fn() -> Duration, variants: &mut [Variant<'_>]) {
    // A quick check (`cargo test --benches`), a listing or a profiling run is not a measurement.
    if std::env::args().any(|arg| matches!(arg.as_str(), "--test" | "--list" | "--profile-time")) {
        return;
    }
    let count = variants.len();
    let mut ratios = vec![Vec::with_capacity(rounds); count];
    let mut times = vec![Duration::ZERO; count];
    for round in 0..rounds {
        let mut elapsed = vec![Duration::ZERO; count];
        for step in 0..count {
            let index = (round + step) % count;
            let run = &mut variants[index].1;
            let start = clock();
            for _ in 0..batch {
                run();
            }
            elapsed[index] = clock().saturating_sub(start);
        }
        for index in 0..count {
            times[index] += elapsed[index];
            ratios[index].push(elapsed[index].as_secs_f64() / elapsed[0].as_secs_f64());
        }
    }
    println!("{title}: ratio to {}, median of {rounds} interleaved rounds (quartiles)", variants[0].0);
    let mut rows: Vec<(usize, f64, f64, f64)> = (0..count)
        .map(|index| {
            let sample = &mut ratios[index];
            sample.sort_by(f64::total_cmp);
            (index, sample[rounds / 4], sample[rounds / 2], sample[rounds * 3 / 4])
        })
        .collect();
    rows.sort_by(|a, b| a.2.total_cmp(&b.2));
    for (index, low, median, high) in rows {
        let mean = times[index].as_secs_f64() * 1e6 / (rounds * batch) as f64;
        println!("  {:30} {median:.3}x ({low:.3}–{high:.3})   mean {mean:.2} us", variants[index].0);
    }
}
