//! What differs between the queue's two lanes on the wire and in the
//! ledger, in one place: where an envelope is posted, which receipt magic
//! its receipt carries (`CKR1` for a check-in, `CKM1` for its media, so one
//! can never pass for the other), and which ledger entries record it.

use uuid::Uuid;

use crate::ledger::LedgerEvent;
use crate::protocol::receipt::{self, Expected, Receipt, ReceiptError};
use crate::store::Lane;

pub(super) trait LaneWire {
    /// The API path envelopes of this lane are posted to.
    fn path(self) -> &'static str;
    /// Checks a receipt for an envelope of this lane.
    fn verify_receipt(
        self,
        body: &[u8],
        signature: &[u8],
        expected: Expected<'_>,
    ) -> Result<Receipt, ReceiptError>;
    /// The ledger entry of a verified delivery.
    fn delivered(self, checkin_id: Uuid, receipt: Receipt) -> LedgerEvent;
    /// The ledger entry of a permanent refusal.
    fn wedged(self, checkin_id: Uuid, reason: String) -> LedgerEvent;
}

impl LaneWire for Lane {
    fn path(self) -> &'static str {
        match self {
            Lane::Record => "/v1/checkins",
            Lane::Media => "/v1/media",
        }
    }

    fn verify_receipt(
        self,
        body: &[u8],
        signature: &[u8],
        expected: Expected<'_>,
    ) -> Result<Receipt, ReceiptError> {
        match self {
            Lane::Record => receipt::verify(body, signature, expected),
            Lane::Media => receipt::verify_media(body, signature, expected),
        }
    }

    fn delivered(self, checkin_id: Uuid, receipt: Receipt) -> LedgerEvent {
        match self {
            Lane::Record => LedgerEvent::CheckinDelivered {
                checkin_id,
                receipt,
            },
            Lane::Media => LedgerEvent::MediaDelivered {
                checkin_id,
                receipt,
            },
        }
    }

    fn wedged(self, checkin_id: Uuid, reason: String) -> LedgerEvent {
        match self {
            Lane::Record => LedgerEvent::CheckinWedged { checkin_id, reason },
            Lane::Media => LedgerEvent::MediaWedged { checkin_id, reason },
        }
    }
}
