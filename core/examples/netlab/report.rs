//! The lab's figures: one row per phone (profile × upload mode), as a
//! Markdown table for people and JSON for machines, and the checks that
//! make a run fail.

use serde::Serialize;

use crate::phone::{Delivery, Mode, Verified};
use crate::profiles::Events;
use crate::relay::Reading;

/// Everything measured for one phone.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub profile: &'static str,
    pub mode: Mode,
    pub checkins: usize,
    /// The run's time bound, s.
    pub limit_s: u64,
    pub delivery: Delivery,
    pub verified: Verified,
    /// Bytes through the meter (TLS, HTTP headers, bodies, resends).
    pub wire: Reading,
    /// Mean envelope size: what the program receives per check-in.
    pub envelope_bytes: u64,
    /// Mean payload: the record, photo and voice a check-in carries.
    pub payload_bytes: u64,
    /// TLS handshakes the server completed, and how many resumed a session.
    pub tls_handshakes: u64,
    pub tls_resumed: u64,
    /// Requests the server saw, by route.
    pub requests: Vec<(String, u64)>,
    pub events: Events,
    /// Upstream rate of the profile, bytes/s (for the shaping check).
    pub up_rate: u64,
}

impl Row {
    fn per_checkin(&self, bytes: u64) -> Option<u64> {
        (self.verified.receipts > 0).then(|| bytes / self.verified.receipts as u64)
    }

    /// Problems that fail the run (empty: it holds).
    pub fn problems(&self, cuts: bool) -> Vec<String> {
        let mut out = Vec::new();
        let name = format!("{} / {}", self.profile, self.mode.name());
        let everything =
            self.verified.receipts == self.checkins && self.verified.stored == self.checkins;
        match (self.mode, cuts) {
            (Mode::Resumable, _) | (Mode::Whole, false) if !self.delivery.finished || !everything => {
                out.push(format!(
                    "{name}: {} of {} check-ins delivered with verified receipts in {} s ({} stored)",
                    self.verified.receipts, self.checkins, self.limit_s, self.verified.stored
                ));
            }
            // Connections are cut below an envelope's size: a whole upload
            // that got through means the cut was not applied.
            (Mode::Whole, true) if self.verified.stored > 0 => out.push(format!(
                "{name}: whole uploads got through a link that cuts every connection below an envelope's size; the lab is not shaping"
            )),
            _ => {}
        }
        // Nothing goes faster than the shaper lets it (with 15% for timing).
        let seconds = self.delivery.seconds.max(1.0);
        let rate = self.wire.up as f64 / seconds;
        if rate > self.up_rate as f64 * 1.15 {
            out.push(format!(
                "{name}: {rate:.0} B/s up through a {} B/s link; the lab is not shaping",
                self.up_rate
            ));
        }
        out
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1000.0)
}

/// The rows as a Markdown table.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = String::from(
        "| profile | uploads | delivered (receipts verified) | time | up on the wire | down | up per check-in | down per check-in | payload / envelope | up ÷ envelope | connections | TLS resumed | requests | events |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    for r in rows {
        let time = if r.delivery.finished {
            format!("{:.1} s", r.delivery.seconds)
        } else {
            format!("not done in {} s", r.limit_s)
        };
        let per = |b| {
            r.per_checkin(b)
                .map_or("–".into(), |v| format!("{} KB", kb(v)))
        };
        let ratio = r.per_checkin(r.wire.up).map_or("–".into(), |up| {
            format!("{:.2}", up as f64 / r.envelope_bytes.max(1) as f64)
        });
        let requests: Vec<String> = r
            .requests
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(route, n)| format!("{route} {n}"))
            .collect();
        out.push_str(&format!(
            "| {} | {} | {}/{} | {} | {} KB | {} KB | {} | {} | {} / {} KB | {} | {} | {}/{} | {} | {} resets, {} stalls |\n",
            r.profile,
            r.mode.name(),
            r.verified.receipts,
            r.checkins,
            time,
            kb(r.wire.up),
            kb(r.wire.down),
            per(r.wire.up),
            per(r.wire.down),
            kb(r.payload_bytes),
            kb(r.envelope_bytes),
            ratio,
            r.wire.connections,
            r.tls_resumed,
            r.tls_handshakes,
            requests.join(", "),
            r.events.resets,
            r.events.stalls,
        ));
    }
    out
}
