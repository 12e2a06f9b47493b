// The capture desk at the hardware boundary: what each device hands over,
// or how it failed, comes back as an outcome, never thrown; a "photo" that
// is not JPEG never passes as one; each outcome becomes the core's
// CaptureResult unchanged.
import CheckinCore
@testable import CheckinShell
import XCTest

final class CaptureDeskTests: XCTestCase {
    private func desk(camera: Result<Data, CaptureError>, scanner: Result<String, CaptureError>? = nil) -> CaptureDesk {
        CaptureDesk(camera: FakeCamera(camera), recorder: FakeMicrophone(rate: 16_000, samples: []),
                    locator: FakeLocator(.failure(.timedOut)), scanner: FakeScanner(scanner))
    }

    func testAHeicPhotoIsACancelledCaptureNotAPhoto() async {
        var heic = Data([0, 0, 0, 0x18]) + Data("ftypheic".utf8)
        heic.append(Data(repeating: 0, count: 64))
        let photo = await desk(camera: .success(heic)).photo()
        XCTAssertEqual(photo, .cancelled(reason: "the camera returned an ISO media file (HEIC?), not JPEG"))
    }

    func testCaptureFailuresBecomeOutcomesNeverThrows() async {
        let denied = await desk(camera: .failure(.denied(.camera))).photo()
        let broken = await desk(camera: .failure(.failed(reason: "no camera"))).photo()
        let empty = await desk(camera: .success(Data())).photo()
        let noFix = await desk(camera: .success(Data())).location(precise: true)
        let noCode = await desk(camera: .success(Data()), scanner: .failure(.denied(.camera))).scanCode()
        XCTAssertEqual(denied, .denied(.camera))
        XCTAssertEqual(broken, .cancelled(reason: "no camera"))
        XCTAssertEqual(empty, .cancelled(reason: "the camera returned nothing, not JPEG"))
        XCTAssertEqual(noFix, .cancelled(reason: "capture-timed-out"))
        XCTAssertEqual(noCode, .denied(.camera))
    }

    func testACameraThatCannotStartIsClosedAndSaysWhy() async {
        let camera = FakeCamera(.success(Data()))
        camera.startFailure = .denied(.camera)
        let desk = CaptureDesk(camera: camera, recorder: FakeMicrophone(rate: 16_000, samples: []),
                               locator: FakeLocator(.failure(.timedOut)), scanner: FakeScanner(nil))
        let refused = await desk.openCamera()
        XCTAssertEqual(refused, .denied(.camera))
        XCTAssertFalse(camera.running)
        camera.startFailure = nil
        let opened = await desk.openCamera()
        XCTAssertNil(opened)
        XCTAssertTrue(camera.running)
        desk.closeCamera()
        XCTAssertFalse(camera.running)
    }

    func testARefusedMicrophoneIsDenied() async {
        let microphone = FakeMicrophone(rate: 16_000, samples: [0.1, 0.2])
        microphone.denied = true
        let desk = CaptureDesk(camera: FakeCamera(.success(Data())), recorder: microphone,
                               locator: FakeLocator(.failure(.denied(.location))), scanner: FakeScanner(nil))
        let voice = await desk.voice(maxSeconds: 30) { _ in }
        let location = await desk.location(precise: false)
        XCTAssertEqual(voice, .denied(.microphone))
        XCTAssertEqual(location, .denied(.location))
    }

    func testEachOutcomeIsHandedBackAsTheCoresResultUnchanged() {
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0])
        let taken = Date(timeIntervalSince1970: 1_700_000_000.123_9)
        let fix = LocationFix(lat: 42.36, lon: -71.06, accuracyM: 35, fixTime: taken, provider: "ios", mock: true)
        XCTAssertEqual(CaptureOutcome.photo(jpeg: jpeg).result(checkinId: "c1"), .photo(checkinId: "c1", jpeg: jpeg))
        XCTAssertEqual(CaptureOutcome.voice(wav: jpeg).result(checkinId: "c1"), .voice(checkinId: "c1", wav: jpeg))
        XCTAssertEqual(CaptureOutcome.location(fix).result(checkinId: "c1"),
                       .location(checkinId: "c1", latitude: 42.36, longitude: -71.06, accuracyM: 35,
                                 takenAtMs: 1_700_000_000_123, provider: "ios", mock: true))
        XCTAssertEqual(CaptureOutcome.scannedCode("checkin://enroll?code=A").result(checkinId: ""),
                       .scannedCode(text: "checkin://enroll?code=A"))
        XCTAssertEqual(CaptureOutcome.cancelled(reason: "capture-cancelled").result(checkinId: "c1"),
                       .cancelled(reason: "capture-cancelled"))
        XCTAssertEqual(CaptureOutcome.denied(.microphone).result(checkinId: "c1"), .denied(permission: .microphone))
        XCTAssertEqual(CaptureOutcome.denied(.location).result(checkinId: "c1"), .denied(permission: .location))
        XCTAssertEqual(CaptureHandback.milliseconds(Date(timeIntervalSince1970: .infinity)), 0)
    }
}
