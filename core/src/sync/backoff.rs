//! When to try again after a transient failure: exponential backoff with
//! full jitter, capped, and never sooner than the server's `Retry-After`.

use std::time::Duration;

use rand::Rng;

/// First retry waits up to this long.
pub const BASE_DELAY: Duration = Duration::from_secs(2);
/// No wait is ever longer than this (a phone may sleep long; the shell's
/// next wake-up starts a sync anyway).
pub const MAX_DELAY: Duration = Duration::from_secs(30 * 60);

/// The delay before attempt `attempts + 1`, given how many attempts were
/// made so far and what the server asked for.
pub fn delay(attempts: u32, retry_after: Option<Duration>, rng: &mut impl Rng) -> Duration {
    let ceiling = BASE_DELAY
        .checked_mul(1u32.checked_shl(attempts.min(20)).unwrap_or(u32::MAX))
        .unwrap_or(MAX_DELAY)
        .min(MAX_DELAY);
    let jittered = Duration::from_millis(rng.random_range(0..=ceiling.as_millis() as u64));
    match retry_after {
        Some(asked) => jittered.max(asked.min(MAX_DELAY * 4)),
        None => jittered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_cap_and_respect_retry_after() {
        let mut rng = rand::rng();
        for attempts in 0..40 {
            let d = delay(attempts, None, &mut rng);
            assert!(d <= MAX_DELAY);
            assert!(d <= BASE_DELAY * 2u32.saturating_pow(attempts.min(20)));
        }
        for _ in 0..100 {
            assert!(delay(0, Some(Duration::from_secs(120)), &mut rng) >= Duration::from_secs(120));
        }
    }
}
