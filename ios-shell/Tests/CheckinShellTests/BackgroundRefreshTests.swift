// Background refresh: the OS is asked for the time the core names, after
// every run and every sync, and a run that iOS cuts short leaves every
// check-in queued and the next run scheduled.
import CheckinCore
@testable import CheckinShell
import XCTest

final class BackgroundRefreshTests: XCTestCase {
    func testAsksTheOSForTheCoresNextWakeup() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try await enrolledClient(server)
        let scheduler = RecordingScheduler()
        let asked = try XCTUnwrap(try WakeupSchedule(client: client, scheduler: scheduler).reschedule(budget: 64))
        let ms = try XCTUnwrap(try client.nextWakeupMs(max: 64))
        // "Sync every 360 minutes" counts from now, so the core's answer moves with the clock.
        XCTAssertEqual(asked.timeIntervalSince1970, TimeInterval(ms) / 1000, accuracy: 1)
        XCTAssertEqual(scheduler.pending, asked)
        let inHours = asked.timeIntervalSinceNow / 3600
        XCTAssertGreaterThan(inHours, 0)
        XCTAssertLessThanOrEqual(inHours, 6.01, "the plan syncs every 360 minutes")
    }

    func testBeforeEnrollmentThePendingRequestIsWithdrawn() async throws {
        let scheduler = RecordingScheduler()
        try scheduler.schedule(earliest: Date())
        let asked = try WakeupSchedule(client: try openClient(), scheduler: scheduler).reschedule(budget: 64)
        XCTAssertNil(asked)
        XCTAssertNil(scheduler.pending)
        XCTAssertEqual(scheduler.cancels, 1)
    }

    func testWhenTheCoreCannotNameATimeARetryIsAskedFor() throws {
        let client = ScriptedClient()
        client.wakeupMs = .failure(.Storage(message: "database is locked"))
        let scheduler = RecordingScheduler()
        let now = Date()
        let asked = try WakeupSchedule(client: client, scheduler: scheduler).reschedule(budget: 64, now: now)
        XCTAssertEqual(asked, now.addingTimeInterval(WakeupSchedule.retryAfterFailure))
        XCTAssertEqual(scheduler.pending, asked)
    }

    func testARefusalByTheOSIsReported() throws {
        let client = ScriptedClient()
        client.wakeupMs = .success(1_900_000_000_000)
        let scheduler = RecordingScheduler()
        scheduler.failure = FixtureError("Background App Refresh is off")
        XCTAssertThrowsError(try WakeupSchedule(client: client, scheduler: scheduler).reschedule(budget: 64))
    }

    func testARunDeliversWhatWaitsRefillsTheRemindersAndReschedules() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try await enrolledClient(server)
        let checkinId = try await submitPhotoCheckin(client)
        let center = MemoryReminderCenter(others: ["other"])
        let scheduler = RecordingScheduler()
        let reminders = ReminderSync(client: client, center: center)
        let run = BackgroundRun(client: client, reminders: reminders,
                                wakeups: WakeupSchedule(client: client, scheduler: scheduler))

        let report = await run.perform()
        XCTAssertTrue(report.success)
        XCTAssertEqual(try report.sync?.get().delivered, 1)
        XCTAssertEqual(try client.outbox().first { $0.checkinId == checkinId }?.state, .delivered)
        XCTAssertEqual(center.reminderIdentifiers.count, 63)
        let expected = try XCTUnwrap(try client.nextWakeupMs(max: 63))
        XCTAssertEqual(try XCTUnwrap(scheduler.pending).timeIntervalSince1970, TimeInterval(expected) / 1000, accuracy: 1,
                       "asked with the budget the reminders left")
        XCTAssertEqual(report.nextRun, scheduler.pending)
    }

    func testExpiryCancelsTheSyncKeepsTheCheckinQueuedAndStillReschedules() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        let client = try await enrolledClient(server)
        let checkinId = try await submitPhotoCheckin(client)
        let port = server.port
        server.stop()
        let hole = try BlackHole(port: port)
        defer { hole.close() }
        try client.networkAvailable()
        let scheduler = RecordingScheduler()
        let run = BackgroundRun(client: client, reminders: ReminderSync(client: client, center: MemoryReminderCenter()),
                                wakeups: WakeupSchedule(client: client, scheduler: scheduler))

        let started = Date()
        let task = Task { await run.perform() }
        while hole.accepted == 0, Date().timeIntervalSince(started) < 10 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        XCTAssertGreaterThan(hole.accepted, 0, "the sync never reached the server")
        task.cancel() // what iOS's expiration handler does
        let report = await task.value
        XCTAssertLessThan(Date().timeIntervalSince(started), 8, "the run did not stop when cancelled")
        XCTAssertFalse(report.success)
        guard case .failure(let error)? = report.sync, case CheckinError.Cancelled = error else {
            return XCTFail("sync ended with \(String(describing: report.sync))")
        }
        // Caught mid-send: kept, and sent again next time (the server keeps it single).
        XCTAssertEqual(try client.outbox().first { $0.checkinId == checkinId }?.state, .sending)
        XCTAssertNotNil(scheduler.pending, "the next run is scheduled anyway")

        hole.close()
        let back = try ReferenceServer(codes: 0, dataDir: server.dataDir, listen: "127.0.0.1:\(port)",
                                       planJson: Plans.daily(revision: 1))
        defer { back.stop() }
        try client.networkAvailable()
        let next = await run.perform()
        XCTAssertEqual(try next.sync?.get().delivered, 1, "the next run delivers it")
        XCTAssertEqual(try client.outbox().first { $0.checkinId == checkinId }?.state, .delivered)
    }

    func testAForegroundSyncAlsoReschedules() async throws {
        let server = try ReferenceServer(planJson: Plans.daily(revision: 1))
        defer { server.stop() }
        let client = try await enrolledClient(server)
        try await submitPhotoCheckin(client)
        let scheduler = RecordingScheduler()
        let lifecycle = await AppLifecycle(client: client, reminders: MemoryReminderCenter(), scheduler: scheduler,
                                           managed: DictionarySource(nil), singleAppMode: FakeSingleAppMode(supervised: false),
                                           status: StatusModel())
        await lifecycle.syncNow()
        XCTAssertEqual(scheduler.scheduled.count, 1)
        XCTAssertEqual(try client.outbox().map(\.state), [.delivered])
        let state = await lifecycle.status.state
        XCTAssertEqual(state.delivered, 1)
        XCTAssertNotNil(state.lastSyncAt)
        XCTAssertNil(state.problem)
    }
}
