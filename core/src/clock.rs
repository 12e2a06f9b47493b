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
use std::time::Instant;

/// A source of wall-clock time and of monotonic time since boot.
pub trait Clock: Send + Sync {
    /// The device's wall clock, as the OS reports it (may be wrong).
    fn now(&self) -> DateTime<Utc>;
    /// Milliseconds since an arbitrary fixed point that never jumps
    /// (time since boot on a phone). `None` where the platform cannot say.
    fn monotonic_ms(&self) -> Option<u64>;
}

/// The real clock of the machine.
#[derive(Debug)]
pub struct SystemClock {
    started: Instant,
}

impl Default for SystemClock {
    fn default() -> Self {
        Self {
            started: Instant::now(),
        }
    }
}

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn monotonic_ms(&self) -> Option<u64> {
        u64::try_from(self.started.elapsed().as_millis()).ok()
    }
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
