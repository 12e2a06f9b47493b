use super::render::content_hash;
use super::*;
use chrono::TimeZone;

#[test]
fn content_hash_is_fixed_fnv1a_with_part_separators() {
    // FNV-1a of the empty input is the offset basis; each part adds 0xff.
    assert_eq!(content_hash(&[]), 0xcbf2_9ce4_8422_2325);
    assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
    // Pinned so ids survive releases and platforms.
    assert_eq!(
        content_hash(&[b"open:w@2026-01-05T09:00"]),
        0x592e_404f_9d2d_9640
    );
}

#[test]
fn device_shift_rounds_to_whole_minutes() {
    let at = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid");
    let with = |ms| ClockEstimate {
        device_time: at,
        server_offset_ms: ms,
        uptime_ms: None,
    };
    assert_eq!(device_shift(&with(0)), Duration::zero());
    assert_eq!(device_shift(&with(29_999)), Duration::zero());
    assert_eq!(device_shift(&with(-10_800_000 + 250)), Duration::hours(-3));
    assert_eq!(device_shift(&with(90_000)), Duration::minutes(2));
}
