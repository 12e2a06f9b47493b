//! Program documents signed by the program (docs/protocol.md, "Signed
//! documents"): the directory and the case document. The program signs each
//! revision with its receipt key, which the device pinned at enrollment, so
//! a document is the program's whatever carried it (a cache, a proxy, a
//! CDN) and a revision number cannot be moved onto other bytes.
//!
//! ```text
//! signed = "checkin-document-v1\0" || name || "\0" || revision (u64 BE) || SHA-256(body)
//! signature = Ed25519-Sign(receipt key, signed)
//! ```
//!
//! The 20-byte context keeps a document signature from ever being valid as
//! a receipt, and the name keeps a directory from passing as a case
//! document.

use super::ProtocolError;

/// The context that starts every signed document.
pub const CONTEXT: &[u8] = b"checkin-document-v1\0";
/// Response header: the document's revision.
pub const HEADER_REVISION: &str = "Checkin-Document-Revision";
/// Response header: base64 of the signature.
pub const HEADER_SIGNATURE: &str = "Checkin-Document-Signature";

/// Which document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Directory,
    Case,
}

impl DocumentKind {
    /// The name signed, and the store's and the ledger's name.
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Directory => "directory",
            DocumentKind::Case => "case",
        }
    }

    /// Its route under the API's base.
    pub fn path(self) -> &'static str {
        match self {
            DocumentKind::Directory => "/v1/directory",
            DocumentKind::Case => "/v1/case",
        }
    }
}

/// The bytes the program signs for `revision` of `kind` with body `body`.
pub fn signed_bytes(kind: DocumentKind, revision: u64, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(CONTEXT.len() + 16 + 8 + 32);
    out.extend_from_slice(CONTEXT);
    out.extend_from_slice(kind.name().as_bytes());
    out.push(0);
    out.extend_from_slice(&revision.to_be_bytes());
    out.extend_from_slice(&crate::crypto::sha256(body));
    out
}

/// Checks the program's signature over a document.
pub fn verify(
    receipt_key: &[u8],
    kind: DocumentKind,
    revision: u64,
    body: &[u8],
    signature: &[u8],
) -> Result<(), ProtocolError> {
    if crate::crypto::signing::verify(receipt_key, &signed_bytes(kind, revision, body), signature) {
        Ok(())
    } else {
        Err(ProtocolError::malformed(
            "document",
            format!("the {} is not signed by the program's key", kind.name()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::signature::{Ed25519KeyPair, KeyPair};

    #[test]
    fn a_signature_holds_for_its_kind_revision_and_body_only() {
        let rng = ring::rand::SystemRandom::new();
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&rng).expect("key");
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("pair");
        let public = pair.public_key().as_ref().to_vec();
        let sig = pair.sign(&signed_bytes(DocumentKind::Directory, 7, b"{}"));
        let sig = sig.as_ref();
        assert!(verify(&public, DocumentKind::Directory, 7, b"{}", sig).is_ok());
        assert!(verify(&public, DocumentKind::Directory, 8, b"{}", sig).is_err());
        assert!(verify(&public, DocumentKind::Case, 7, b"{}", sig).is_err());
        assert!(verify(&public, DocumentKind::Directory, 7, b"{ }", sig).is_err());
        assert!(verify(&public, DocumentKind::Directory, 7, b"{}", &[0; 64]).is_err());
    }
}
