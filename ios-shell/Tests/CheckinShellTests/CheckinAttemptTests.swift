// A whole check-in with the capture hardware replaced at its boundary: the
// camera hands over the JPEG fixture, the microphone a recording through
// the WavEncoder, Core Location one fix. Sealed, delivered, and receipted
// by the reference server, which opens what it received.
import CheckinCore
@testable import CheckinShell
import XCTest

final class CheckinAttemptTests: XCTestCase {
    func testPhotoVoiceAndLocationAreSubmittedAndDeliveredWithAVerifiedReceipt() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try await enrolledClient(server)
        let speech = try Fixtures.speechSamples()
        let microphone = FakeMicrophone(rate: speech.rate, samples: speech.samples)
        let locator = FakeLocator(.success(bostonFix()))
        let desk = CaptureDesk(camera: FakeCamera(.success(try Fixtures.media("portrait.jpg"))),
                               recorder: microphone, locator: locator)

        let result = try await CheckinAttempt(client: client, desk: desk).run(windowId: nil)
        guard case .submitted(let summary, let sync, let receipt) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(summary.parts.map(\.kind), [.record, .photo, .voice])
        XCTAssertEqual(summary.parts.first { $0.kind == .photo }?.mediaType, "image/jpeg")
        XCTAssertNotNil(summary.locationJson, "the default policy takes a coarse location")
        XCTAssertEqual(locator.asked, [false], "a coarse policy asks for no precise fix")
        XCTAssertGreaterThan(microphone.levels, 0, "the level meter ran")
        XCTAssertEqual(sync?.delivered, 1)

        // The core marks a check-in delivered only once the receipt verified.
        let item = try XCTUnwrap(try client.outbox().first { $0.checkinId == summary.checkinId })
        XCTAssertEqual(item.state, .delivered)
        XCTAssertEqual(item.receipt, receipt)
        XCTAssertEqual(receipt?.envelopeSha256Hex, summary.envelopeSha256Hex)
        XCTAssertTrue(try client.ledger().contains {
            if case .checkinDelivered(let id, let delivered) = $0.event { return id == summary.checkinId && delivered == receipt }
            return false
        })

        // The program opened it: the photo and the voice are there.
        // The server keeps each device's check-ins apart: devices/<device>/opened/<check-in>.
        let devices = URL(fileURLWithPath: server.dataDir).appendingPathComponent("devices")
        let device = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: devices.path).first)
        let opened = devices.appendingPathComponent("\(device)/opened/\(summary.checkinId)")
        let photo = try Data(contentsOf: opened.appendingPathComponent("photo.jpg"))
        XCTAssertTrue(photo.starts(with: [0xFF, 0xD8, 0xFF]))
        let voice = try Data(contentsOf: opened.appendingPathComponent("voice.ogg"))
        XCTAssertTrue(voice.starts(with: Array("OggS".utf8)))
    }

    func testAHeicPhotoNeverReachesTheCoreAndTheRequiredPhotoIsMissing() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try await enrolledClient(server)
        var heic = Data([0, 0, 0, 0x18]) + Data("ftypheic".utf8)
        heic.append(Data(repeating: 0, count: 64))
        let desk = CaptureDesk(camera: FakeCamera(.success(heic)),
                               recorder: FakeMicrophone(rate: 16_000, samples: []),
                               locator: FakeLocator(.failure(.timedOut)))
        let photo = await desk.photo()
        XCTAssertEqual(photo, .cancelled(reason: "the camera returned an ISO media file (HEIC?), not JPEG"))
        do {
            _ = try await CheckinAttempt(client: client, desk: desk).run(windowId: nil)
            XCTFail("submitted without the required photo")
        } catch CheckinError.MissingEvidence {
        }
        XCTAssertEqual(try client.outbox(), [])
    }

    func testARefusedMicrophoneAndNoFixLeaveThemOutOfTheCheckin() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try await enrolledClient(server)
        let microphone = FakeMicrophone(rate: 16_000, samples: [0.1, 0.2])
        microphone.denied = true
        let desk = CaptureDesk(camera: FakeCamera(.success(try Fixtures.media("portrait.jpg"))),
                               recorder: microphone, locator: FakeLocator(.failure(.denied(.location))))
        let voice = await desk.voice(maxSeconds: 30) { _ in }
        let location = await desk.location(precise: false)
        XCTAssertEqual(voice, .denied(.microphone))
        XCTAssertEqual(location, .denied(.location))

        let result = try await CheckinAttempt(client: client, desk: desk).run(windowId: nil)
        guard case .submitted(let summary, _, let receipt) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(summary.parts.map(\.kind), [.record, .photo], "voice is optional in the default policy")
        XCTAssertNil(summary.locationJson)
        XCTAssertNotNil(receipt)
    }

    func testAPhotoTheQualityCheckBlocksDiscardsTheDraft() async throws {
        // The default policy blocks on no finding; a program's may.
        let client = ScriptedClient()
        client.photoQuality = PhotoQuality(issues: ["photo-too-dark"], blocking: true, faces: 1, meanLuma: 12, sharpness: 40)
        let desk = CaptureDesk(camera: FakeCamera(.success(try Fixtures.media("portrait.jpg"))),
                               recorder: FakeMicrophone(rate: 16_000, samples: []),
                               locator: FakeLocator(.failure(.timedOut)))
        let result = try await CheckinAttempt(client: client, desk: desk).run(windowId: nil)
        guard case .photoRejected(let issues) = result else { return XCTFail("\(result)") }
        XCTAssertEqual(issues, ["photo-too-dark"])
        XCTAssertEqual(client.discarded, ["scripted-checkin"], "nothing of it is kept")
    }

    func testCaptureFailuresBecomeOutcomesNeverThrows() async {
        func desk(camera: Result<Data, CaptureError>) -> CaptureDesk {
            CaptureDesk(camera: FakeCamera(camera), recorder: FakeMicrophone(rate: 16_000, samples: []),
                        locator: FakeLocator(.failure(.timedOut)))
        }
        let denied = await desk(camera: .failure(.denied(.camera))).photo()
        let broken = await desk(camera: .failure(.failed(reason: "no camera"))).photo()
        let empty = await desk(camera: .success(Data())).photo()
        let noFix = await desk(camera: .success(Data())).location(precise: true)
        XCTAssertEqual(denied, .denied(.camera))
        XCTAssertEqual(broken, .cancelled(reason: "no camera"))
        XCTAssertEqual(empty, .cancelled(reason: "the camera returned nothing, not JPEG"))
        XCTAssertEqual(noFix, .cancelled(reason: "capture-timed-out"))
    }
}
