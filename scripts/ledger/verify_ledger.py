#!/usr/bin/env python3
"""Independent checker for an exported check-in ledger (docs/ledger.md).

Written against the documented format only, not the Rust code. Checks:
  * every entry's bytes hash to its sha256_hex, its parsed form matches the
    bytes, its seq is 1, 2, 3, ... and its prev_hash_hex names the entry
    before (the first names the genesis hash); the head names the last;
  * the export is signed by the device key it names: the key matches its
    key id and the device key of the latest enrollment in the ledger, the
    program block matches that enrollment, and the head signature verifies;
  * the receipt public key matches the program's receipt key id;
  * every delivery receipt is 84 bytes "CKR1", names its check-in, carries a
    valid Ed25519 signature by the receipt key, and names the envelope
    digest recorded when that check-in was submitted;
  * a check-in deleted from the device under retention was delivered with
    such a receipt before (a delivered check-in), or was never submitted
    (a draft);
  * every media receipt (deferred media) is the same with "CKM1" and names
    the media envelope digest recorded when its check-in was submitted;
  * every submitted check-in that names a ledger head names an earlier
    entry of this chain (its seq and hash);
  * with --envelopes, each envelope the program holds from this device is
    in the ledger: signed by the device, submitted with that digest, and
    naming a ledger head of this chain. A ledger rolled back to an older
    copy, or rebuilt, fails here.

Usage: verify_ledger.py [--allow-unsigned] EXPORT.json [--envelopes PATH ...]
  PATH: envelope files (*.cke) or folders holding them, e.g. the program
  server's devices/<device_id>/envelopes/.
  --allow-unsigned: accept a format 1 export (made before exports were
  signed); it proves nothing about which device made it.
Exit 0 = sound, 1 = fault, 2 = usage. Needs the `cryptography` package.
"""

import base64
import hashlib
import json
import os
import struct
import sys
import uuid

try:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
except ImportError:  # pragma: no cover
    print("MISSING-DEPENDENCY: pip install cryptography", file=sys.stderr)
    sys.exit(3)

RECEIPT_LEN = 84
HEAD_CONTEXT = b"checkin-ledger-head-v1\0"
ENVELOPE_CONTEXT = b"checkin-envelope-v1\0"
GENESIS = "0" * 64


class Fault(Exception):
    pass


def b64(text):
    return base64.b64decode(text, validate=True)


def key_id(public_key):
    return hashlib.sha256(public_key).digest()[:16]


def verifies(public_key, signature, message):
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def millis(text):
    """`YYYY-MM-DDTHH:MM:SS.mmmZ` (UTC) to ms since the epoch, else None."""
    import calendar
    import datetime
    import re

    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", text):
        return None
    t = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")
    return calendar.timegm(t.timetuple()) * 1000 + t.microsecond // 1000


def check_signature(doc, entries_parsed, head_seq, head_hash):
    """The device key, its enrollment and the head signature."""
    device = doc["device_key"]
    public_key = b64(device["public_key_b64"])
    if len(public_key) != 32:
        raise Fault("device public key is not 32 bytes")
    if key_id(public_key).hex() != device["key_id"]:
        raise Fault("device public key does not match its key id")
    enrollments = [e["event"] for e in entries_parsed if e["event"]["kind"] == "enrolled"]
    if not enrollments:
        raise Fault("the ledger records no enrollment")
    enrolled = enrollments[-1]
    if enrolled["device_key_id"] != device["key_id"]:
        raise Fault("the export is signed by a key the latest enrollment does not name")
    program = doc["program"]
    for field, name in (
        ("id", "program_id"),
        ("name", "program_name"),
        ("encryption_key_id", "encryption_key_id"),
        ("receipt_key_id", "receipt_key_id"),
    ):
        if program[field] != enrolled[name]:
            raise Fault("program %s differs from the enrollment's" % field)
    exported_at = millis(doc["exported_at"])
    if exported_at is None:
        raise Fault("exported_at is not a time to the millisecond")
    message = (
        HEAD_CONTEXT
        + uuid.UUID(doc["device_id"]).bytes
        + struct.pack(">qQ", exported_at, head_seq)
        + bytes.fromhex(head_hash)
        + bytes.fromhex(program["receipt_key_id"])
    )
    if not verifies(public_key, b64(doc["head_signature_b64"]), message):
        raise Fault("the head signature does not verify under the device key")
    return public_key


def parse_envelope(raw):
    """(header, signed bytes, signature) of a CKE1 envelope."""
    if raw[:4] != b"CKE1" or len(raw) < 8:
        raise Fault("not a CKE1 envelope")
    (h,) = struct.unpack(">I", raw[4:8])
    if len(raw) < 44 + h:
        raise Fault("envelope truncated")
    header = json.loads(raw[8 : 8 + h])
    (c,) = struct.unpack(">I", raw[40 + h : 44 + h])
    if len(raw) != 108 + h + c:
        raise Fault("envelope length does not match its header")
    return header, raw[: 44 + h + c], raw[44 + h + c :]


def envelope_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in sorted(names):
                    if name.endswith(".cke"):
                        yield os.path.join(root, name)
        else:
            yield path


def check_envelopes(paths, doc, device_public_key, submitted, heads, enrolled_keys, recovered=()):
    """Each of the program's envelopes from this device is in the ledger.
    Envelopes signed by the export's key are signature-checked; one signed
    by an earlier key of this device (before a re-enrollment) must at least
    name a key the ledger enrolled."""
    count = 0
    for path in envelope_files(paths):
        with open(path, "rb") as f:
            raw = f.read()
        name = os.path.basename(path)
        header, signed, sig = parse_envelope(raw)
        if header.get("device_id") != doc["device_id"]:
            continue  # another device's envelope
        signer = header.get("device_key_id")
        if signer not in enrolled_keys:
            raise Fault("%s: signed by a device key this ledger never enrolled" % name)
        if signer == doc["device_key"]["key_id"] and not verifies(
            device_public_key, sig, ENVELOPE_CONTEXT + signed
        ):
            raise Fault("%s: the device's signature does not verify" % name)
        digest = hashlib.sha256(raw).hexdigest()
        cid = header["checkin_id"]
        if cid not in submitted:
            raise Fault(
                "%s: the program holds check-in %s, which this ledger does not record "
                "(an older copy of the ledger, or another one)" % (name, cid)
            )
        summary = submitted[cid]
        wanted = summary.get("media_envelope_sha256_hex") if "media_for" in header else None
        if "media_for" in header:
            if header["media_for"] != summary["envelope_sha256_hex"] or digest != wanted:
                raise Fault("%s: media envelope differs from the one recorded" % name)
        elif digest != summary["envelope_sha256_hex"]:
            raise Fault("%s: envelope differs from the one recorded for %s" % (name, cid))
        named = header.get("ledger_head")
        if named != summary.get("ledger_head"):
            raise Fault("%s: names another ledger head than the ledger recorded" % name)
        if named is not None and cid not in recovered and heads.get(named["seq"]) != named["sha256_hex"]:
            raise Fault("%s: names a ledger head this chain does not have" % name)
        count += 1
    return count


def check(doc, allow_unsigned=False, envelopes=()):
    fmt = doc.get("format")
    if fmt == "checkin-ledger/1" and not allow_unsigned:
        raise Fault("format 1 exports are not signed (use --allow-unsigned to read one)")
    if fmt not in ("checkin-ledger/1", "checkin-ledger/2"):
        raise Fault("unknown format %r" % fmt)
    program = doc["program"]
    receipt_key = b64(program["receipt_public_key_b64"])
    if len(receipt_key) != 32:
        raise Fault("receipt public key is not 32 bytes")
    receipt_key_id = key_id(receipt_key)
    if receipt_key_id.hex() != program["receipt_key_id"]:
        raise Fault("receipt public key does not match receipt_key_id")

    prev = doc["genesis_hash_hex"]
    if prev != GENESIS:
        raise Fault("the genesis hash is not 64 zeros")
    heads = {}  # seq -> entry hash, for the heads envelopes name
    recovered = set()  # check-ins kept through a lost storage key: their heads are in the lost chain
    submitted = {}  # checkin_id -> its summary
    receipted = set()  # check-ins with a verified receipt
    delivered = 0
    deleted = 0
    parsed = []
    entries = doc["entries"]
    for i, row in enumerate(entries):
        seq = i + 1
        raw = b64(row["bytes_b64"])
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
        parsed.append(entry)

        event = entry["event"]
        kind = event["kind"]
        if kind == "checkin_submitted":
            s = event["summary"]
            named = s.get("ledger_head")
            if named is not None and s["checkin_id"] not in recovered and (
                named["seq"] >= seq or heads.get(named["seq"]) != named["sha256_hex"]
            ):
                raise Fault("entry %d: names a ledger head that is not an earlier entry" % seq)
            submitted[s["checkin_id"]] = s
        elif kind == "storage_key_lost":
            if seq != 1:
                raise Fault("entry %d: a lost storage key can only open a ledger" % seq)
            recovered.update(event["recovered"])
        elif kind in ("checkin_delivered", "media_delivered"):
            magic, field = {
                "checkin_delivered": (b"CKR1", "envelope_sha256_hex"),
                "media_delivered": (b"CKM1", "media_envelope_sha256_hex"),
            }[kind]
            cid = event["checkin_id"]
            r = event["receipt"]
            body = b64(r["receipt_b64"])
            sig = b64(r["signature_b64"])
            if len(body) != RECEIPT_LEN or body[:4] != magic:
                raise Fault("entry %d: receipt is malformed" % seq)
            if not verifies(receipt_key, sig, body):
                raise Fault("entry %d: receipt signature does not verify" % seq)
            if body[68:84] != receipt_key_id:
                raise Fault("entry %d: receipt names another key" % seq)
            if body[4:20] != uuid.UUID(cid).bytes:
                raise Fault("entry %d: receipt names another check-in" % seq)
            recorded = submitted.get(cid, {}).get(field)
            if recorded is None:
                raise Fault("entry %d: receipt for a check-in never submitted" % seq)
            if body[20:52].hex() != recorded:
                raise Fault("entry %d: receipt names another envelope digest" % seq)
            if r["envelope_sha256_hex"] != recorded:
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
        heads[seq] = digest

    head = doc.get("head")
    if entries:
        if head is None or head["seq"] != len(entries) or head["hash_hex"] != prev:
            raise Fault("the head does not name the last entry")
    elif head is not None:
        raise Fault("the head names entries that are missing")

    anchored = None
    if fmt == "checkin-ledger/2":
        device_key = check_signature(doc, parsed, len(entries), prev)
        if envelopes:
            enrolled_keys = {
                e["event"]["device_key_id"] for e in parsed if e["event"]["kind"] == "enrolled"
            }
            anchored = check_envelopes(
                envelopes, doc, device_key, submitted, heads, enrolled_keys, recovered
            )
    elif envelopes:
        raise Fault("a format 1 export names no device key to check envelopes with")
    return len(entries), delivered, deleted, anchored


def main(argv):
    args = argv[1:]
    allow_unsigned = "--allow-unsigned" in args
    args = [a for a in args if a != "--allow-unsigned"]
    envelopes = []
    if "--envelopes" in args:
        at = args.index("--envelopes")
        envelopes = args[at + 1 :]
        args = args[:at]
        if not envelopes:
            print(__doc__, file=sys.stderr)
            return 2
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], "rb") as f:
        doc = json.load(f)
    try:
        count, delivered, deleted, anchored = check(doc, allow_unsigned, envelopes)
    except (Fault, KeyError, ValueError, TypeError, AttributeError) as e:
        print("FAULT: %s" % e)
        return 1
    line = "OK: %d entries, %d verified receipts" % (count, delivered)
    if deleted:
        line += ", %d deleted from the device under retention" % deleted
    if anchored is not None:
        line += ", %d of the program's envelopes anchored in this ledger" % anchored
    if doc.get("format") == "checkin-ledger/1":
        line += " (format 1: not signed by the device)"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
