// The status view model: read from the real core, one notice per real
// change, failures as codes.
import CheckinCore
@testable import CheckinShell
import XCTest

final class StatusModelTests: XCTestCase {
    @MainActor
    func testFollowsTheCoreFromEnrollmentToADeliveredCheckin() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try openClient()
        let model = StatusModel()
        var seen: [StatusState] = []
        model.onChange = { seen.append($0) }

        model.reload(from: client)
        XCTAssertFalse(model.state.enrolled)
        XCTAssertNil(model.state.due)
        XCTAssertEqual(seen.count, 0, "nothing changed from the initial state")

        _ = try await client.enrollWithPins(serverUrl: server.baseUrl, code: server.codes[0], tlsPins: [])
        try await submitPhotoCheckin(client)
        model.reload(from: client)
        XCTAssertTrue(model.state.enrolled)
        XCTAssertEqual(model.state.programName, try client.policy().programName)
        let due = try XCTUnwrap(model.state.due)
        XCTAssertEqual(due.opens, try client.due()?.window.opens)
        XCTAssertEqual(model.state.queued, 1)
        XCTAssertEqual(seen.count, 1)
        model.reload(from: client)
        XCTAssertEqual(seen.count, 1, "the same state is not announced twice")

        model.syncStarted()
        _ = try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil)
        model.reload(from: client)
        model.syncFinished(at: Date(), error: nil)
        XCTAssertEqual(model.state.queued, 0)
        XCTAssertEqual(model.state.delivered, 1)
        XCTAssertNotNil(model.state.lastReceiptAt)
        XCTAssertFalse(model.state.syncing)
        XCTAssertNotNil(model.state.lastSyncAt)
        XCTAssertEqual(seen.last, model.state)
    }

    @MainActor
    func testAFailingCoreLeavesTheLastValuesAndNamesTheFailure() async throws {
        let client = ScriptedClient()
        let model = StatusModel()
        client.storeFailure = .Storage(message: "disk I/O error at /private/var/mobile/…")
        model.reload(from: client)
        XCTAssertEqual(model.state.problem, FailureCode("storage"))
        model.syncFinished(at: Date(), error: CheckinError.Network(message: "connection refused"))
        XCTAssertEqual(model.state.problem, FailureCode("network"))
        XCTAssertNil(model.state.lastSyncAt, "a failed sync is not a sync")
    }
}
