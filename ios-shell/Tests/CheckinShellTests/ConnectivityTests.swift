// NWPathMonitor's view of the network, mapped to the core's Connectivity
// and fed to the real core only when it changes what the core does.
import CheckinCore
@testable import CheckinShell
import XCTest

final class ConnectivityTests: XCTestCase {
    func testPathsMapToOnlineMeteredOrOffline() {
        let cases: [(NetworkPath, Connectivity)] = [
            (NetworkPath(satisfied: true, expensive: false, constrained: false), .online),
            (NetworkPath(satisfied: true, expensive: true, constrained: false), .metered), // cellular, hotspot
            (NetworkPath(satisfied: true, expensive: false, constrained: true), .metered), // Low Data Mode
            (NetworkPath(satisfied: true, expensive: true, constrained: true), .metered),
            (NetworkPath(satisfied: false, expensive: false, constrained: false), .offline),
            (NetworkPath(satisfied: false, expensive: true, constrained: true), .offline),
        ]
        for (path, expected) in cases {
            XCTAssertEqual(path.connectivity, expected, "\(path)")
        }
    }

    func testTheCoreIsToldOfChangesOnlyAndASyncIsAskedWhenTheNetworkReturns() throws {
        let client = ScriptedClient()
        let feed = ConnectivityFeed(client: client)
        let wifi = NetworkPath(satisfied: true, expensive: false, constrained: false)
        let cellular = NetworkPath(satisfied: true, expensive: true, constrained: false)
        let none = NetworkPath(satisfied: false, expensive: false, constrained: false)

        XCTAssertFalse(try feed.update(wifi), "online already: nothing to tell")
        XCTAssertFalse(try feed.update(none))
        XCTAssertFalse(try feed.update(none))
        XCTAssertTrue(try feed.update(cellular), "back on a metered network: check-ins go")
        XCTAssertTrue(try feed.update(wifi), "unmetered now: deferred media may go")
        XCTAssertFalse(try feed.update(cellular))
        XCTAssertFalse(try feed.update(cellular))
        XCTAssertEqual(client.connectivityCalls, [.offline, .metered, .online, .metered])
    }

    func testTheRealCoreHoldsWhatItWasTold() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try await enrolledClient(server)
        let checkinId = try await submitPhotoCheckin(client)
        let feed = ConnectivityFeed(client: client)
        try feed.update(NetworkPath(satisfied: false, expensive: false, constrained: false))
        XCTAssertEqual(client.connectivity(), .offline)
        let offline = try await client.sync(maxSeconds: 10, listener: nil, cancellation: nil)
        XCTAssertEqual(offline.delivered, 0, "offline: the core does not try")
        XCTAssertEqual(offline.remaining, 1)

        XCTAssertTrue(try feed.update(NetworkPath(satisfied: true, expensive: true, constrained: false)))
        XCTAssertEqual(client.connectivity(), .metered)
        let metered = try await client.sync(maxSeconds: 30, listener: nil, cancellation: nil)
        XCTAssertEqual(metered.delivered, 1, "check-ins go on a metered network")
        XCTAssertEqual(try client.outbox().first { $0.checkinId == checkinId }?.state, .delivered)
    }

    func testALifecycleSyncsWhenTheNetworkComesBack() async throws {
        let server = try ReferenceServer()
        defer { server.stop() }
        let client = try await enrolledClient(server)
        try client.setConnectivity(connectivity: .offline)
        try await submitPhotoCheckin(client)
        let lifecycle = await AppLifecycle(client: client, reminders: MemoryReminderCenter(), scheduler: RecordingScheduler(),
                                           managed: DictionarySource(nil), singleAppMode: FakeSingleAppMode(supervised: false),
                                           status: StatusModel())
        await lifecycle.networkChanged(NetworkPath(satisfied: true, expensive: false, constrained: false))
        XCTAssertEqual(try client.outbox().map(\.state), [.delivered])
        let state = await lifecycle.status.state
        XCTAssertEqual(state.connectivity, .online)
        XCTAssertEqual(state.delivered, 1)
    }
}
