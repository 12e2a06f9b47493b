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
use std::sync::{Arc, Mutex};

/// A server time that moves the estimate by more than this is stored; a
/// smaller correction stays in memory (every delivery reports the server's
/// time, and a durable write per check-in would be work without a gain).
const STORE_THRESHOLD_MS: i64 = 1000;

/// The most one server answer may move an anchored estimate: the server's
/// own tolerance for request timestamps (docs/protocol.md), far above the
/// drift of a phone's boot clock between syncs (a few seconds a day) and a
/// slow round trip.
pub const MAX_STEP_MS: i64 = 5 * 60 * 1000;

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
#[allow(unsafe_code)] // the one call into libc, with its SAFETY comment
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

/// What the device knows of the server's clock: the offset
/// `server - device` and the anchor it was measured at.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClockState {
    pub offset_ms: i64,
    pub anchor: Option<ClockAnchor>,
}

/// A server time that disagreed with the anchored estimate by more than
/// [`MAX_STEP_MS`]: what was seen and how far the estimate moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockJump {
    /// `server time − estimate` at the answer, in milliseconds.
    pub seen_ms: i64,
    /// How far the estimate moved: `seen_ms` bounded to ±[`MAX_STEP_MS`].
    pub applied_ms: i64,
}

/// What one server time changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Observation {
    /// The new state, when it is worth storing.
    pub store: Option<ClockState>,
    /// The answer disagreed by more than one step (for the ledger).
    pub jump: Option<ClockJump>,
}

/// The device's best estimate of true time, kept up to date from every
/// server time seen.
pub struct TrueClock {
    clock: Arc<dyn Clock>,
    state: Mutex<ClockState>,
    /// The server's clock as last seen, unbounded and never stored: what
    /// request timestamps are checked against.
    server: Mutex<Option<ClockState>>,
}

impl std::fmt::Debug for TrueClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrueClock")
            .field("state", &self.state())
            .finish_non_exhaustive()
    }
}

impl TrueClock {
    /// Starts from `state` (as last stored; the default before enrollment).
    pub fn new(clock: Arc<dyn Clock>, state: ClockState) -> Self {
        Self {
            clock,
            state: Mutex::new(state),
            server: Mutex::new(None),
        }
    }

    /// The device's own clock.
    pub fn device(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub fn state(&self) -> ClockState {
        *self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Replaces what is known (a new enrollment).
    pub fn reset(&self, state: ClockState) {
        *self.state.lock().unwrap_or_else(|e| e.into_inner()) = state;
        *self.server.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// A reading of the device clock with the best known correction.
    pub fn now(&self) -> ClockEstimate {
        let s = self.state();
        ClockEstimate::read_anchored(self.clock.as_ref(), s.offset_ms, s.anchor)
    }

    /// The server's clock as last seen (unbounded), else the estimate: the
    /// timestamp for a request signature.
    pub fn server_now(&self) -> ClockEstimate {
        match *self.server.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(s) => ClockEstimate::read_anchored(self.clock.as_ref(), s.offset_ms, s.anchor),
            None => self.now(),
        }
    }

    /// Records `server - device` from a server time seen just now. The
    /// estimate follows it, but by at most [`MAX_STEP_MS`] when it is
    /// anchored; a disagreement beyond that is reported as a jump. The new
    /// state is worth storing when no anchor was known or it moved by more
    /// than [`STORE_THRESHOLD_MS`].
    pub fn observe(&self, server_time: DateTime<Utc>) -> Observation {
        let seen = ClockState::seen(self.clock.as_ref(), server_time);
        *self.server.lock().unwrap_or_else(|e| e.into_inner()) = Some(seen);
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let estimate =
            ClockEstimate::read_anchored(self.clock.as_ref(), state.offset_ms, state.anchor);
        let anchored = match (state.anchor, estimate.uptime_ms) {
            (Some(a), Some(up)) => up >= a.uptime_ms,
            _ => false,
        };
        let seen_ms = (server_time - estimate.corrected()).num_milliseconds();
        let applied_ms = if anchored {
            seen_ms.clamp(-MAX_STEP_MS, MAX_STEP_MS)
        } else {
            // Nothing to hold the server's word against (first exchange,
            // or a reboot since): take it whole.
            seen_ms
        };
        let worth_storing = state.anchor.is_none() || applied_ms.abs() > STORE_THRESHOLD_MS;
        let corrected = estimate.corrected() + Duration::milliseconds(applied_ms);
        *state = ClockState::seen(self.clock.as_ref(), corrected);
        Observation {
            store: worth_storing.then_some(*state),
            jump: (seen_ms.abs() > MAX_STEP_MS).then_some(ClockJump {
                seen_ms,
                applied_ms,
            }),
        }
    }
}

impl ClockState {
    /// What a server time seen just now on `clock` tells.
    pub fn seen(clock: &dyn Clock, server_time: DateTime<Utc>) -> Self {
        Self {
            offset_ms: (server_time - clock.now()).num_milliseconds(),
            anchor: clock.monotonic_ms().map(|uptime_ms| ClockAnchor {
                server_ms: server_time.timestamp_millis(),
                uptime_ms,
            }),
        }
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
    fn a_true_clock_stores_only_corrections_worth_a_write() {
        let truth = Utc
            .with_ymd_and_hms(2026, 3, 8, 12, 0, 0)
            .single()
            .expect("valid");
        let device = Arc::new(ManualClock::new(truth - Duration::hours(3)));
        let clock = TrueClock::new(device.clone(), ClockState::default());
        // The first server time is always stored: there was no anchor.
        let first = clock.observe(truth).store.expect("stored");
        assert_eq!(first.offset_ms, Duration::hours(3).num_milliseconds());
        assert_eq!(clock.now().corrected(), truth);
        // Half a second of drift is corrected in memory only.
        device.advance(Duration::minutes(1));
        assert_eq!(
            clock.observe(truth + Duration::minutes(1) + Duration::milliseconds(500)),
            Observation::default()
        );
        assert_eq!(
            clock.now().corrected(),
            truth + Duration::minutes(1) + Duration::milliseconds(500)
        );
        // A jump of a minute is stored.
        assert!(clock.observe(truth + Duration::minutes(2)).store.is_some());
        assert_eq!(clock.now().corrected(), truth + Duration::minutes(2));
    }

    #[test]
    fn one_answer_moves_an_anchored_clock_by_at_most_one_step() {
        let truth = Utc
            .with_ymd_and_hms(2026, 3, 8, 12, 0, 0)
            .single()
            .expect("valid");
        let device = Arc::new(ManualClock::new(truth));
        let clock = TrueClock::new(device.clone(), ClockState::default());
        clock.observe(truth);
        device.advance(Duration::minutes(10));
        let now = truth + Duration::minutes(10);
        // The server's clock jumps two hours ahead: one step, reported.
        let o = clock.observe(now + Duration::hours(2));
        assert_eq!(
            o.jump,
            Some(ClockJump {
                seen_ms: Duration::hours(2).num_milliseconds(),
                applied_ms: MAX_STEP_MS
            })
        );
        assert!(o.store.is_some());
        assert_eq!(clock.now().corrected(), now + Duration::milliseconds(MAX_STEP_MS));
        // Request signatures follow the server's own clock meanwhile.
        assert_eq!(clock.server_now().corrected(), now + Duration::hours(2));
        // Back: the estimate steps back, bounded the same way.
        let o = clock.observe(now - Duration::hours(1));
        assert_eq!(o.jump.map(|j| j.applied_ms), Some(-MAX_STEP_MS));
        assert_eq!(clock.now().corrected(), now);
        // Four minutes is within a step: followed whole, not a jump.
        let o = clock.observe(now + Duration::minutes(4));
        assert_eq!(o.jump, None);
        assert_eq!(clock.now().corrected(), now + Duration::minutes(4));
    }

    #[test]
    fn after_a_reboot_the_server_is_believed_whole() {
        let truth = Utc
            .with_ymd_and_hms(2026, 3, 8, 12, 0, 0)
            .single()
            .expect("valid");
        let before = ManualClock::new(truth);
        before.advance(Duration::hours(1));
        let state = ClockState::seen(&before, truth + Duration::hours(1));
        // The phone rebooted (boot time back near zero) with a clock set
        // three hours wrong: nothing to hold the server's word against.
        let rebooted = Arc::new(ManualClock::new(truth - Duration::hours(1)));
        let clock = TrueClock::new(rebooted, state);
        let o = clock.observe(truth + Duration::hours(2));
        assert_eq!(o.jump.map(|j| j.applied_ms), o.jump.map(|j| j.seen_ms));
        assert_eq!(clock.now().corrected(), truth + Duration::hours(2));
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
