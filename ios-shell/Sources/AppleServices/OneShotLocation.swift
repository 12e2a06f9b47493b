// OneShotLocation: one location fix over Core Location, only when a
// check-in asks for it. `requestLocation()` delivers a single fix and stops
// by itself; there is no background location and no continuous updates
// (the Info.plist asks "when in use" only). A fix that does not come within
// the timeout is abandoned and `CaptureError.timedOut` thrown.
//
// Create and use it on the main thread (Core Location calls the delegate on
// the thread that made the manager). Reviewed by reading; built and run
// only on an iPhone.
#if canImport(CoreLocation) && os(iOS)
import CheckinCore
import CheckinShell
import CoreLocation

public final class OneShotLocation: NSObject, LocationReader, CLLocationManagerDelegate {
    private let manager = CLLocationManager()
    private var authorizationWaiters: [CheckedContinuation<Void, Never>] = []
    private var pendingFix: CheckedContinuation<LocationFix, Error>?

    /// On the main thread (see above).
    override public init() {
        super.init()
        manager.delegate = self
    }

    @MainActor
    public func oneFix(precise: Bool, timeout: TimeInterval) async throws -> LocationFix {
        try await authorize()
        guard pendingFix == nil else { throw CaptureError.failed(reason: "a fix is already being read") }
        // A coarse or area policy keeps no more than a ~1 km cell: a Wi-Fi
        // fix good to 100 m comes sooner and costs less than GPS.
        manager.desiredAccuracy = precise ? kCLLocationAccuracyBest : kCLLocationAccuracyHundredMeters
        return try await withCheckedThrowingContinuation { continuation in
            pendingFix = continuation
            manager.requestLocation()
            DispatchQueue.main.asyncAfter(deadline: .now() + timeout) { [weak self] in
                Task { @MainActor in self?.finish(.failure(CaptureError.timedOut)) }
            }
        }
    }

    @MainActor
    private func authorize() async throws {
        if manager.authorizationStatus == .notDetermined {
            await withCheckedContinuation { continuation in
                authorizationWaiters.append(continuation)
                manager.requestWhenInUseAuthorization()
            }
        }
        switch manager.authorizationStatus {
        case .authorizedWhenInUse, .authorizedAlways: return
        default: throw CaptureError.denied(.location)
        }
    }

    @MainActor
    private func finish(_ result: Result<LocationFix, Error>) {
        guard let continuation = pendingFix else { return }
        pendingFix = nil
        manager.stopUpdatingLocation()
        continuation.resume(with: result)
    }

    public func locationManagerDidChangeAuthorization(_ manager: CLLocationManager) {
        Task { @MainActor in
            guard manager.authorizationStatus != .notDetermined else { return }
            let waiters = self.authorizationWaiters
            self.authorizationWaiters = []
            waiters.forEach { $0.resume() }
        }
    }

    public func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation]) {
        guard let location = locations.last else { return }
        let fix = LocationFix(
            lat: location.coordinate.latitude,
            lon: location.coordinate.longitude,
            accuracyM: location.horizontalAccuracy,
            fixTime: location.timestamp,
            provider: "ios",
            mock: location.sourceInformation?.isSimulatedBySoftware ?? false
        )
        Task { @MainActor in self.finish(.success(fix)) }
    }

    public func locationManager(_ manager: CLLocationManager, didFailWithError error: Error) {
        let code = (error as NSError).code
        let failure: CaptureError = code == CLError.denied.rawValue
            ? .denied(.location)
            : .failed(reason: "location failed: \(code)")
        Task { @MainActor in self.finish(.failure(failure)) }
    }
}
#endif
