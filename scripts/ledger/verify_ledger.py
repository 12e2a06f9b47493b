#!/usr/bin/env python3
"""Independent checker for an exported check-in ledger (docs/ledger.md).

Written against the documented format only, not the Rust code. Checks:
  * every entry's bytes hash to its sha256_hex, its parsed form matches the
    bytes, its seq is 1, 2, 3, ... and its prev_hash_hex names the entry
    before (the first names the genesis hash); the head names the last;
  * the receipt public key matches the program's receipt key id;
  * every delivery receipt is 84 bytes "CKR1", names its check-in, carries a
    valid Ed25519 signature by the receipt key, and names the envelope
    digest recorded when that check-in was submitted;
  * a check-in deleted from the device under retention was delivered with
    such a receipt before (a delivered check-in), or was never submitted
    (a draft).
  * every media receipt (deferred media) is the same with "CKM1" and names
    the media envelope digest recorded when its check-in was submitted.

Usage: verify_ledger.py EXPORT.json   (exit 0 = sound, 1 = fault, 2 = usage)
Needs the `cryptography` package for Ed25519.
"""

import base64
import hashlib
import json
import sys
import uuid

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:  # pragma: no cover
    print("MISSING-DEPENDENCY: pip install cryptography", file=sys.stderr)
    sys.exit(3)

RECEIPT_LEN = 84


class Fault(Exception):
    pass


def check(doc):
    if doc.get("format") != "checkin-ledger/1":
        raise Fault("unknown format %r" % doc.get("format"))
    program = doc["program"]
    receipt_key = base64.b64decode(program["receipt_public_key_b64"], validate=True)
    if len(receipt_key) != 32:
        raise Fault("receipt public key is not 32 bytes")
    key_id = hashlib.sha256(receipt_key).digest()[:16]
    if key_id.hex() != program["receipt_key_id"]:
        raise Fault("receipt public key does not match receipt_key_id")
    verifier = Ed25519PublicKey.from_public_bytes(receipt_key)

    prev = doc["genesis_hash_hex"]
    submitted = {}  # checkin_id -> envelope digest hex
    receipted = set()  # check-ins with a verified receipt
    submitted_media = {}  # checkin_id -> media envelope digest hex
    delivered = 0
    deleted = 0
    entries = doc["entries"]
    for i, row in enumerate(entries):
        seq = i + 1
        raw = base64.b64decode(row["bytes_b64"], validate=True)
        digest = hashlib.sha256(raw).hexdigest()
        if digest != row["sha256_hex"]:
            raise Fault("entry %d: bytes do not hash to sha256_hex" % seq)
        entry = json.loads(raw)
        if entry != row["entry"]:
            raise Fault("entry %d: parsed entry differs from its bytes" % seq)
        if entry["seq"] != seq or row["seq"] != seq:
            raise Fault("entry %d: out of sequence" % seq)
        if entry["prev_hash_hex"] != prev:
            raise Fault("entry %d: does not follow the entry before it" % seq)
        prev = digest

        event = entry["event"]
        kind = event["kind"]
        if kind == "checkin_submitted":
            s = event["summary"]
            submitted[s["checkin_id"]] = s["envelope_sha256_hex"]
            if s.get("media_envelope_sha256_hex") is not None:
                submitted_media[s["checkin_id"]] = s["media_envelope_sha256_hex"]
        elif kind in ("checkin_delivered", "media_delivered"):
            magic, names = {
                "checkin_delivered": (b"CKR1", submitted),
                "media_delivered": (b"CKM1", submitted_media),
            }[kind]
            cid = event["checkin_id"]
            r = event["receipt"]
            body = base64.b64decode(r["receipt_b64"], validate=True)
            sig = base64.b64decode(r["signature_b64"], validate=True)
            if len(body) != RECEIPT_LEN or body[:4] != magic:
                raise Fault("entry %d: receipt is malformed" % seq)
            try:
                verifier.verify(sig, body)
            except InvalidSignature:
                raise Fault("entry %d: receipt signature does not verify" % seq)
            if body[68:84] != key_id:
                raise Fault("entry %d: receipt names another key" % seq)
            if body[4:20] != uuid.UUID(cid).bytes:
                raise Fault("entry %d: receipt names another check-in" % seq)
            if cid not in names:
                raise Fault("entry %d: receipt for a check-in never submitted" % seq)
            if body[20:52].hex() != names[cid]:
                raise Fault("entry %d: receipt names another envelope digest" % seq)
            if r["envelope_sha256_hex"] != names[cid]:
                raise Fault("entry %d: receipt record disagrees with its bytes" % seq)
            if kind == "checkin_delivered":
                receipted.add(cid)
            delivered += 1
        elif kind == "retention_deleted":
            cid = event["checkin_id"]
            item = event["item"]
            if item == "delivered_checkin":
                if cid not in receipted:
                    raise Fault(
                        "entry %d: retention deleted a check-in without a verified receipt"
                        % seq
                    )
            elif item == "unsubmitted_draft":
                if cid in submitted:
                    raise Fault(
                        "entry %d: retention deleted as a draft a submitted check-in" % seq
                    )
            else:
                raise Fault("entry %d: retention deleted an unknown item %r" % (seq, item))
            deleted += 1

    head = doc.get("head")
    if entries:
        if head is None or head["seq"] != len(entries) or head["hash_hex"] != prev:
            raise Fault("the head does not name the last entry")
    elif head is not None:
        raise Fault("the head names entries that are missing")
    return len(entries), delivered, deleted


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        doc = json.load(f)
    try:
        count, delivered, deleted = check(doc)
    except (Fault, KeyError, ValueError, TypeError) as e:
        print("FAULT: %s" % e)
        return 1
    line = "OK: %d entries, %d verified receipts" % (count, delivered)
    if deleted:
        line += ", %d deleted from the device under retention" % deleted
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
