//! When to try again: after a transient failure, exponential backoff with
//! full jitter, capped, and never sooner than the server's `Retry-After`;
//! after a refusal (a wedged item), a long backoff of its own, so a
//! refusal caused by a server bug or a changed limit never stops an item
//! for good.

use std::time::Duration;

use ring::rand::{SecureRandom, SystemRandom};

/// First retry waits up to this long.
pub const BASE_DELAY: Duration = Duration::from_secs(2);
/// No wait is ever longer than this (a phone may sleep long; the shell's
/// next wake-up starts a sync anyway).
pub const MAX_DELAY: Duration = Duration::from_secs(30 * 60);

/// A wedged item is first retried by itself this long after its refusal.
pub const WEDGED_FIRST_RETRY: Duration = Duration::from_secs(6 * 3600);
/// And never waits longer than this between two retries.
pub const WEDGED_MAX_RETRY: Duration = Duration::from_secs(24 * 3600);

/// The delay before a wedged item is retried, after its `wedges`-th
/// refusal (1 for the first): 6 h, 12 h, then every 24 h, each between
/// half and all of that (equal jitter: never soon, never all at once).
pub fn wedged_delay(wedges: u32, jitter: u64) -> Duration {
    let doublings = wedges.saturating_sub(1).min(8);
    let ceiling = (WEDGED_FIRST_RETRY * (1u32 << doublings)).min(WEDGED_MAX_RETRY);
    let half = ceiling / 2;
    let scaled = half.as_millis() * u128::from(jitter) / u128::from(u64::MAX);
    half + Duration::from_millis(u64::try_from(scaled).unwrap_or(u64::MAX))
}

/// The delay before attempt `attempts + 1`, given how many attempts were
/// made so far and what the server asked for. `jitter` picks the point in
/// `0..=ceiling` uniformly (0 the start, `u64::MAX` the ceiling); callers
/// pass [`random_jitter`], tests pass the ends.
pub fn delay(attempts: u32, retry_after: Option<Duration>, jitter: u64) -> Duration {
    let ceiling = BASE_DELAY
        .checked_mul(1u32.checked_shl(attempts.min(20)).unwrap_or(u32::MAX))
        .unwrap_or(MAX_DELAY)
        .min(MAX_DELAY);
    let scaled = ceiling.as_millis() * u128::from(jitter) / u128::from(u64::MAX);
    let jittered = Duration::from_millis(u64::try_from(scaled).unwrap_or(u64::MAX));
    match retry_after {
        Some(asked) => jittered.max(asked.min(MAX_DELAY * 4)),
        None => jittered,
    }
}

/// Random bits for [`delay`] from the system's generator (so phones that
/// failed together do not retry together); mid-range if it fails.
pub fn random_jitter() -> u64 {
    let mut bits = [0u8; 8];
    match SystemRandom::new().fill(&mut bits) {
        Ok(()) => u64::from_le_bytes(bits),
        Err(_) => u64::MAX / 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_cap_and_respect_retry_after() {
        for attempts in 0..40 {
            let most = delay(attempts, None, u64::MAX);
            assert!(most <= MAX_DELAY);
            assert_eq!(
                most,
                (BASE_DELAY * 2u32.pow(attempts.min(20))).min(MAX_DELAY)
            );
            assert_eq!(delay(attempts, None, 0), Duration::ZERO);
            assert!(delay(attempts, None, random_jitter()) <= most);
        }
        assert_eq!(delay(0, None, u64::MAX / 2), Duration::from_millis(999));
        for jitter in [0, u64::MAX] {
            let asked = Some(Duration::from_secs(120));
            assert!(delay(0, asked, jitter) >= Duration::from_secs(120));
        }
    }

    #[test]
    fn wedged_items_wait_long_then_at_most_a_day() {
        let hours = |d: Duration| d.as_secs() / 3600;
        assert_eq!(hours(wedged_delay(1, u64::MAX)), 6);
        assert_eq!(hours(wedged_delay(1, 0)), 3, "never sooner than half");
        assert_eq!(hours(wedged_delay(2, u64::MAX)), 12);
        for wedges in 3..100 {
            assert_eq!(hours(wedged_delay(wedges, u64::MAX)), 24);
            assert_eq!(hours(wedged_delay(wedges, 0)), 12);
        }
        assert!(wedged_delay(0, random_jitter()) <= WEDGED_FIRST_RETRY);
    }

    #[test]
    fn random_jitter_varies() {
        let draws: std::collections::HashSet<u64> = (0..8).map(|_| random_jitter()).collect();
        assert!(draws.len() > 1);
    }
}
