//! Any bytes given to `process_voice` give a result or a typed error: no
//! panic, no unbounded allocation or time.
#![no_main]

use checkin_media::{VoicePolicy, process_voice};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let policy = VoicePolicy::default();
    if let Ok(voice) = process_voice(data, &policy) {
        assert!(voice.duration_ms <= policy.max_duration_ms);
        assert!(voice.ogg_opus.starts_with(b"OggS"));
    }
});
