//! Bad photos get typed errors within bounded time and memory, and nothing
//! already queued is touched.

use std::time::{Duration, Instant};

use crate::support::*;
use checkin_core::Error;
use checkin_core::store::OutboxState;
use checkin_media::MediaError;

/// Memory the process may grow by while rejecting one bad input.
const MEMORY_BOUND_KB: i64 = 64 * 1024;
/// Time one rejection may take (debug build, shared CI machine).
const TIME_BOUND: Duration = Duration::from_secs(5);

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A valid PNG header claiming `w`×`h` RGB pixels, with a little zlib data.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = w.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    // zlib stream of a long run of zeros: inflates to a lot, if allowed.
    png.extend(chunk(
        b"IDAT",
        &[
            0x78, 0x9c, 0xed, 0xc1, 0x01, 0x0d, 0x00, 0x00, 0x00, 0xc2, 0xa0,
        ],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

fn max_rss_kb() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    usage.ru_maxrss
}

/// The process's peak memory counts every thread: the cases run in a child
/// process of this test binary, alone, so no other test's peak is counted.
#[test]
fn bad_photos_are_refused_and_the_queue_is_untouched() {
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--ignored",
            "--exact",
            "bad_input::bad_photos_in_a_process_of_their_own",
            "--test-threads=1",
        ])
        .output()
        .expect("child runs");
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "the child ran the cases"
    );
}

#[tokio::test]
#[ignore = "run alone by bad_photos_are_refused_and_the_queue_is_untouched"]
async fn bad_photos_in_a_process_of_their_own() {
    let s = enrolled().await;
    s.server.shutdown().await;
    let queued = submit_photo_checkin(&s.client, 6);
    let before = s
        .client
        .internals()
        .outbox_item(queued)
        .expect("read")
        .expect("item");

    let good = photo(320, 240, 1);
    let truncated = good[..good.len() / 2].to_vec();
    let mut bad_header = good.clone();
    // Overwrite the start-of-frame marker's segment: the header no longer parses.
    if let Some(i) = bad_header.windows(2).position(|w| w == [0xff, 0xc0]) {
        for b in &mut bad_header[i + 2..i + 12] {
            *b = 0xff;
        }
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated JPEG", truncated),
        ("corrupt JPEG header", bad_header),
        ("50,000 x 50,000 PNG", png_claiming(50_000, 50_000)),
        (
            "not an image",
            b"this is a text file, not a photo".repeat(10),
        ),
        ("empty", Vec::new()),
    ];
    let draft = s.client.start_checkin(None).expect("start");
    for (name, input) in cases {
        let rss = max_rss_kb();
        let started = Instant::now();
        let err = s.client.attach_photo(draft, &input).expect_err(name);
        assert!(
            started.elapsed() < TIME_BOUND,
            "{name} took {:?}",
            started.elapsed()
        );
        assert!(
            max_rss_kb() - rss < MEMORY_BOUND_KB,
            "{name} grew memory by {} KB",
            max_rss_kb() - rss
        );
        let Error::Media(media) = &err else {
            panic!("{name}: expected a media error, got {err:?}")
        };
        match name {
            "50,000 x 50,000 PNG" => assert!(
                matches!(media, MediaError::TooManyPixels { .. }),
                "{name}: {media:?}"
            ),
            "empty" => assert!(matches!(media, MediaError::Empty), "{name}: {media:?}"),
            "not an image" => assert!(
                matches!(media, MediaError::UnsupportedFormat { .. }),
                "{name}: {media:?}"
            ),
            _ => {}
        }
    }
    let after = s
        .client
        .internals()
        .outbox_item(queued)
        .expect("read")
        .expect("item");
    assert_eq!(after.state, OutboxState::Queued);
    assert_eq!(after.summary, before.summary);
    assert!(s.client.internals().has_envelope(queued).expect("read"));
    assert_eq!(s.client.internals().integrity_check().expect("check"), "ok");
}
