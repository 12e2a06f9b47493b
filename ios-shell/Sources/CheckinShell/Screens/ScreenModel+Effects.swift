// The screens' effects, carried out: what a screen asks of the phone's
// hardware or the OS (docs/screens.md, "The loop"), done through
// PhoneServices and handed back to the core with `deliverCapture`, which
// answers with the next screen.
//
// Guarantees:
// - every capture ends in exactly one `deliverCapture` for the check-in
//   and the route that asked for it, cancels, refusals and hardware
//   failures included (the core words what happened);
// - the photo is JPEG or nothing (CaptureDesk), the recording stops at
//   the effect's `maxSeconds`, the location is one fix with the platform's
//   provider and mock flag; nothing is kept once handed over;
// - `Sync` does not hold the screen: the sync runs in the background, then
//   the screen is asked for again.
import CheckinCore
import Foundation

extension ScreenModel {
    /// Starts `effect`, asked for by the screen of `route`.
    func carryOut(_ effect: Effect, on route: Route) {
        switch effect {
        case .capturePhoto(let checkinId):
            track { await $0.openCamera(checkinId: checkinId, route: route) }
        case .captureVoice(let checkinId, let maxSeconds):
            track { await $0.record(checkinId: checkinId, maxSeconds: maxSeconds, route: route) }
        case .captureLocation(let checkinId, let precise):
            track { await $0.locate(checkinId: checkinId, precise: precise, route: route) }
        case .locateForSearch:
            // The directory's distances: one approximate fix, kept in the
            // core's memory only (the check-in id is not read).
            track { await $0.locate(checkinId: "", precise: false, route: route) }
        case .scanCode:
            track { await $0.scan(route: route) }
        case .shareFile(let path, let mimeType):
            track { await $0.share(path: path, mimeType: mimeType) }
        case .requestPermission(let permission):
            track { await $0.request(permission, route: route) }
        case .dial(let phone):
            track { await $0.dial(phone, route: route) }
        case .sync:
            track { await $0.syncInBackground(route: route) }
        }
    }

    // MARK: - What the capture surface calls

    /// The camera's shutter.
    public func takePhoto() async {
        guard case .camera(let checkinId)? = state.capture, !state.busy, let route = captureRoute else { return }
        state.busy = true
        let outcome = await phone.desk.photo()
        phone.desk.closeCamera()
        endCapture()
        await deliver(outcome.result(checkinId: checkinId), current: route)
    }

    /// Ends the recording early; what was recorded is handed over.
    public func stopRecording() {
        guard case .recorder? = state.capture else { return }
        phone.desk.recorder.stop()
    }

    /// Closes the camera, drops the recording or stops the scanner; the
    /// core hears it was cancelled. A location fix cannot be cancelled: it
    /// ends by itself within CaptureDesk.locationTimeout.
    public func cancelCapture() async {
        switch state.capture {
        case .camera?:
            guard !state.busy, let route = captureRoute else { return }
            phone.desk.closeCamera()
            endCapture()
            await deliver(.cancelled(reason: "the participant closed the camera"), current: route)
        case .recorder?:
            phone.desk.recorder.cancel()
        case .scanner?:
            phone.desk.scanner.cancel()
        case .locating?, nil:
            break
        }
    }

    // MARK: - Each effect

    private func openCamera(checkinId: String, route: Route) async {
        state.busy = true
        if let failure = await phone.desk.openCamera() {
            await deliver(failure.result(checkinId: checkinId), current: route)
            return
        }
        beginCapture(.camera(checkinId: checkinId), route: route)
    }

    private func record(checkinId: String, maxSeconds: UInt32, route: Route) async {
        beginCapture(.recorder(checkinId: checkinId, maxSeconds: maxSeconds, startedAt: Date(), level: nil),
                     route: route)
        let outcome = await phone.desk.voice(maxSeconds: maxSeconds) { [weak self] level in
            Task { @MainActor in self?.heard(level) }
        }
        endCapture()
        await deliver(outcome.result(checkinId: checkinId), current: route)
    }

    private func heard(_ level: AudioLevel) {
        guard case .recorder(let checkinId, let maxSeconds, let startedAt, _)? = state.capture else { return }
        state.capture = .recorder(checkinId: checkinId, maxSeconds: maxSeconds, startedAt: startedAt, level: level)
    }

    private func locate(checkinId: String, precise: Bool, route: Route) async {
        beginCapture(.locating(checkinId: checkinId), route: route)
        // The core says how precise a fix the policy needs.
        let outcome = await phone.desk.location(precise: precise)
        endCapture()
        await deliver(outcome.result(checkinId: checkinId), current: route)
    }

    private func scan(route: Route) async {
        beginCapture(.scanner, route: route)
        let outcome = await phone.desk.scanCode()
        endCapture()
        await deliver(outcome.result(checkinId: ""), current: route)
    }

    private func share(path: String, mimeType: String) async {
        state.busy = true
        _ = await phone.sharing.share(fileAt: path, mimeType: mimeType)
        state.busy = false
        await askAgain()
    }

    private func request(_ permission: Permission, route: Route) async {
        state.busy = true
        let answer = await phone.permissions.request(permission)
        state.busy = false
        if answer == .denied {
            await deliver(.denied(permission: permission), current: route)
        } else {
            // The context of the next screen carries the answer.
            await askAgain()
        }
    }

    private func dial(_ phone: String, route: Route) async {
        state.busy = true
        let placed = await self.phone.dialler.dial(phone)
        state.busy = false
        if !placed {
            await deliver(.cancelled(reason: "this device cannot place calls"), current: route)
        }
    }

    private func syncInBackground(route: Route) async {
        let context = await contextSource.context()
        do {
            _ = try await client.perform(current: route, action: .syncNow, fields: [], context: context)
        } catch {
            state.problem = FailureCode(of: error)
        }
        await afterAction()
        await askAgain()
    }

    // MARK: - Handing back

    /// Hands `result` to the core for the screen of `current` and shows
    /// its answer.
    func deliver(_ result: CaptureResult, current: Route) async {
        state.busy = true
        let context = await contextSource.context()
        do {
            // A capture's answer is not a new action: `deliverCapture` takes
            // no fields, so what was typed stays (a scan cancelled on the
            // enrollment screen keeps the address typed before it).
            show(try await client.deliverCapture(current: current, result: result, context: context),
                 keepingTyped: true)
        } catch {
            failed(error)
        }
        if case .scannedCode = result {
            // A scanned code enrolls the phone.
            await afterAction()
        }
    }

    private func beginCapture(_ surface: CaptureSurface, route: Route) {
        captureRoute = route
        var next = state
        next.capture = surface
        next.busy = false
        state = next
    }

    private func endCapture() {
        captureRoute = nil
        state.capture = nil
    }
}
