//! Time as the core sees it: an injected clock, and an estimate of the real
//! time that survives a phone clock set hours wrong.
//!
//! Logic never calls `Utc::now()` directly; it asks a [`Clock`]. Tests use
//! [`ManualClock`] to move time by hand.
//!
//! The device clock can be wrong by hours (manually set, wrong zone, dead
//! battery). Each successful exchange with the program server records the
//! offset between the server's clock and ours (`server - device`), so
//! [`ClockEstimate::corrected`] gives our best estimate of true time. The
//! estimate is what decides on-time vs late; the raw device time and the
//! offset are recorded beside every check-in so the program can judge too.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

/// A source of wall-clock time and of monotonic time since boot.
pub trait Clock: Send + Sync {
    /// The device's wall clock, as the OS reports it (may be wrong).
    fn now(&self) -> DateTime<Utc>;
    /// Milliseconds since an arbitrary fixed point that never jumps
    /// (time since boot on a phone). `None` where the platform cannot say.
    fn monotonic_ms(&self) -> Option<u64>;
}

/// The real clock of the machine. Its monotonic time is time since boot,
/// including sleep, so it survives the app being restarted (not a reboot).
#[derive(Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn monotonic_ms(&self) -> Option<u64> {
        since_boot_ms()
    }
}

/// Milliseconds since boot, counting sleep (Linux/Android `CLOCK_BOOTTIME`,
/// Apple `CLOCK_MONOTONIC`, which also counts sleep there).
fn since_boot_ms() -> Option<u64> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    const CLOCK: libc::clockid_t = libc::CLOCK_BOOTTIME;
    #[cfg(any(target_os = "macos", target_os = "ios"))]
    const CLOCK: libc::clockid_t = libc::CLOCK_MONOTONIC;
    #[cfg(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios"
    ))]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec into the pointer given.
        if unsafe { libc::clock_gettime(CLOCK, &mut ts) } != 0 {
            return None;
        }
        let secs = u64::try_from(ts.tv_sec).ok()?;
        let nanos = u64::try_from(ts.tv_nsec).ok()?;
        Some(secs.saturating_mul(1000).saturating_add(nanos / 1_000_000))
    }
    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios"
    )))]
    {
        None
    }
}

/// The last moment the device saw the server's clock: the server's time
/// then, and the device's monotonic time then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClockAnchor {
    pub server_ms: i64,
    pub uptime_ms: u64,
}

/// A clock moved by hand, for tests and simulations.
#[derive(Debug)]
pub struct ManualClock {
    state: Mutex<(DateTime<Utc>, u64)>,
}

impl ManualClock {
    pub fn new(start: DateTime<Utc>) -> Self {
        Self {
            state: Mutex::new((start, 0)),
        }
    }
    /// Moves both the wall clock and the monotonic clock forward.
    pub fn advance(&self, by: Duration) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.0 += by;
        s.1 =
            s.1.saturating_add(u64::try_from(by.num_milliseconds()).unwrap_or(0));
    }
    /// Sets the wall clock only, as a user changing the phone's time would.
    pub fn set_wall(&self, to: DateTime<Utc>) {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0 = to;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0
    }
    fn monotonic_ms(&self) -> Option<u64> {
        Some(self.state.lock().unwrap_or_else(|e| e.into_inner()).1)
    }
}

/// The device clock together with the offset to the server's clock seen
/// at the last successful exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ClockEstimate {
    /// What the device clock said.
    pub device_time: DateTime<Utc>,
    /// `server_time - device_time` at the last sync, in milliseconds; 0 if
    /// the device has never talked to the server.
    pub server_offset_ms: i64,
    /// Monotonic milliseconds (time since boot) when this estimate was taken.
    pub uptime_ms: Option<u64>,
}

impl ClockEstimate {
    /// An estimate with no known offset (device clock taken as true).
    pub fn uncorrected(device_time: DateTime<Utc>) -> Self {
        Self {
            device_time,
            server_offset_ms: 0,
            uptime_ms: None,
        }
    }

    /// Takes a reading from `clock` with the last known server offset.
    pub fn read(clock: &dyn Clock, server_offset_ms: i64) -> Self {
        Self {
            device_time: clock.now(),
            server_offset_ms,
            uptime_ms: clock.monotonic_ms(),
        }
    }

    /// Like [`ClockEstimate::read`], but when the device has not rebooted
    /// since `anchor`, true time is the anchor's server time plus the
    /// monotonic time elapsed since: a phone clock changed after the last
    /// sync then changes nothing. The offset recorded is the one this
    /// implies, so the evidence stays `device_time + offset = estimate`.
    pub fn read_anchored(
        clock: &dyn Clock,
        server_offset_ms: i64,
        anchor: Option<ClockAnchor>,
    ) -> Self {
        let mut est = Self::read(clock, server_offset_ms);
        if let (Some(a), Some(up)) = (anchor, est.uptime_ms)
            && up >= a.uptime_ms
            && let Some(elapsed) = i64::try_from(up - a.uptime_ms).ok()
        {
            let truth = a.server_ms.saturating_add(elapsed);
            est.server_offset_ms = truth.saturating_sub(est.device_time.timestamp_millis());
        }
        est
    }

    /// Best estimate of true (server) time.
    pub fn corrected(&self) -> DateTime<Utc> {
        self.device_time + Duration::milliseconds(self.server_offset_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn corrected_time_undoes_a_wrong_device_clock() {
        let truth = Utc
            .with_ymd_and_hms(2026, 3, 8, 12, 0, 0)
            .single()
            .expect("valid");
        let wrong = truth - Duration::hours(3);
        let est = ClockEstimate {
            device_time: wrong,
            server_offset_ms: Duration::hours(3).num_milliseconds(),
            uptime_ms: None,
        };
        assert_eq!(est.corrected(), truth);
    }

    #[test]
    fn an_anchor_survives_the_phone_clock_being_changed_after_sync() {
        let truth = Utc
            .with_ymd_and_hms(2026, 3, 8, 12, 0, 0)
            .single()
            .expect("valid");
        let c = ManualClock::new(truth);
        c.advance(Duration::minutes(5));
        let anchor = ClockAnchor {
            server_ms: (truth + Duration::minutes(5)).timestamp_millis(),
            uptime_ms: 300_000,
        };
        c.advance(Duration::minutes(10));
        for wrong in [Duration::hours(3), Duration::hours(-3)] {
            c.set_wall(truth + Duration::minutes(15) + wrong);
            let est = ClockEstimate::read_anchored(&c, 0, Some(anchor));
            assert_eq!(est.corrected(), truth + Duration::minutes(15));
            assert_eq!(est.server_offset_ms, -wrong.num_milliseconds());
        }
        // After a reboot (monotonic time went back) the stored offset applies.
        let rebooted = ManualClock::new(truth);
        let est = ClockEstimate::read_anchored(&rebooted, 42, Some(anchor));
        assert_eq!(est.server_offset_ms, 42);
    }

    #[test]
    fn the_system_clock_counts_time_since_boot() {
        let a = SystemClock.monotonic_ms().expect("boot time");
        assert!(a > 0);
        assert!(SystemClock.monotonic_ms().expect("boot time") >= a);
    }

    #[test]
    fn manual_clock_moves_wall_and_monotonic_together() {
        let start = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .expect("valid");
        let c = ManualClock::new(start);
        c.advance(Duration::seconds(90));
        assert_eq!(c.now(), start + Duration::seconds(90));
        assert_eq!(c.monotonic_ms(), Some(90_000));
        c.set_wall(start);
        assert_eq!(c.monotonic_ms(), Some(90_000));
    }
}
