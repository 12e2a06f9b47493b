//! After a pin mismatch: the program's signed TLS key rotation, if it
//! published one (docs/protocol.md, "TLS key rotation").
//!
//! The rotation is fetched over a connection that accepts any key
//! (`net::tls::PinningVerifier::probe`) and carries nothing of the device:
//! an unsigned `GET` of a public document. It is taken only if it verifies
//! under the receipt key pinned at enrollment, names this program, is
//! numbered above the last one taken, and names a key the connection
//! presented. Then the new pins replace the old ones, with a ledger entry,
//! in one transaction, and the sync goes on over a normally pinned
//! connection. Anything else leaves the pins as they were, and the sync
//! reports the pin mismatch: an impostor cannot sign a rotation.

use crate::error::Result;
use crate::ledger::{self, LedgerEvent};
use crate::net::http::{Api, b64};
use crate::protocol::rotation::{self, Held};
use crate::session::Session;

/// Takes the program's rotation if there is a valid one; whether it did.
/// A network failure or an invalid rotation is `Ok(false)`.
pub(super) async fn adopt(session: &Session) -> Result<bool> {
    let enrolled = session.enrolled()?;
    let api = Api::probe(&enrolled.record.server_url)?;
    let Ok(Some(answer)) = api.tls_rotation().await else {
        return Ok(false);
    };
    let (Ok(bytes), Ok(signature)) = (b64(&answer.rotation), b64(&answer.signature)) else {
        return Ok(false);
    };
    let held = Held {
        receipt_public_key: &enrolled.receipt_key,
        program_id: &enrolled.record.program.id,
        seq: enrolled.record.tls_rotation_seq,
    };
    let Ok(taken) = rotation::verify(&bytes, &signature, held) else {
        return Ok(false);
    };
    // The key this server shows must be one the program named.
    if !api.presented_pins().iter().any(|p| taken.pins.contains(p)) {
        return Ok(false);
    }
    let at = session.now().corrected();
    let store = &session.store;
    store.write(|tx| {
        store.set_tls_pins(tx, &taken.pins, taken.seq)?;
        ledger::append(
            store,
            tx,
            at,
            LedgerEvent::TlsKeyRotated {
                seq: taken.seq,
                pins: taken.pins.clone(),
            },
        )
    })?;
    Ok(true)
}
