// SystemPermissions: the OS's answer on each permission the core asks
// about, and the prompts. Camera through AVCaptureDevice, microphone
// through AVAudioSession, location through Core Location ("when in use"
// only, never always), notifications through UNUserNotificationCenter;
// iOS has no exact alarms (a calendar trigger fires on its minute).
//
// iOS prompts once. A permission already refused is not asked again: the
// request opens the app's page in Settings instead, and the screen asked
// for on the return to the foreground carries the new answer. A restricted
// permission (Screen Time, an MDM) counts as refused.
//
// Reviewed by reading; built and run only on an iPhone.
#if canImport(UIKit) && canImport(AVFoundation) && canImport(CoreLocation) && os(iOS)
import AVFoundation
import CheckinCore
import CheckinShell
import CoreLocation
import UIKit
import UserNotifications

public final class SystemPermissions: NSObject, PermissionCenter, CLLocationManagerDelegate, @unchecked Sendable {
    /// Made on the main thread, which Core Location calls back on.
    private var locationManager: CLLocationManager?
    /// Requests waiting for the location prompt's answer (main thread only).
    private var locationWaiters: [CheckedContinuation<Void, Never>] = []

    override public init() {
        super.init()
    }

    public func state(of permission: Permission) async -> PermissionState {
        switch permission {
        case .camera:
            return Self.state(AVCaptureDevice.authorizationStatus(for: .video))
        case .microphone:
            return Self.state(AVAudioSession.sharedInstance().recordPermission)
        case .location:
            return await MainActor.run { Self.state(self.manager().authorizationStatus) }
        case .notifications:
            return Self.state(await UNUserNotificationCenter.current().notificationSettings().authorizationStatus)
        case .exactAlarms:
            return .notApplicable
        }
    }

    public func request(_ permission: Permission) async -> PermissionState {
        switch await state(of: permission) {
        case .granted:
            return .granted
        case .notApplicable:
            return .notApplicable
        case .denied:
            await openSettings()
            return .denied
        case .notAsked:
            break
        }
        switch permission {
        case .camera:
            _ = await AVCaptureDevice.requestAccess(for: .video)
        case .microphone:
            _ = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                AVAudioSession.sharedInstance().requestRecordPermission { continuation.resume(returning: $0) }
            }
        case .location:
            await requestLocation()
        case .notifications:
            _ = try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound, .badge])
        case .exactAlarms:
            break
        }
        return await state(of: permission)
    }

    private func openSettings() async {
        guard let url = URL(string: UIApplication.openSettingsURLString) else { return }
        _ = await UIApplication.shared.open(url)
    }

    @MainActor
    private func manager() -> CLLocationManager {
        if let locationManager { return locationManager }
        let manager = CLLocationManager()
        manager.delegate = self
        locationManager = manager
        return manager
    }

    private func requestLocation() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Task { @MainActor in
                let manager = self.manager()
                guard manager.authorizationStatus == .notDetermined else { return continuation.resume() }
                self.locationWaiters.append(continuation)
                manager.requestWhenInUseAuthorization()
            }
        }
    }

    public func locationManagerDidChangeAuthorization(_ manager: CLLocationManager) {
        // Also called once when the manager is made: wait for a real answer.
        guard manager.authorizationStatus != .notDetermined else { return }
        let waiters = locationWaiters
        locationWaiters = []
        waiters.forEach { $0.resume() }
    }

    static func state(_ status: AVAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorized: return .granted
        case .notDetermined: return .notAsked
        default: return .denied
        }
    }

    static func state(_ status: AVAudioSession.RecordPermission) -> PermissionState {
        switch status {
        case .granted: return .granted
        case .undetermined: return .notAsked
        default: return .denied
        }
    }

    static func state(_ status: CLAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorizedWhenInUse, .authorizedAlways: return .granted
        case .notDetermined: return .notAsked
        default: return .denied
        }
    }

    static func state(_ status: UNAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorized, .provisional, .ephemeral: return .granted
        case .notDetermined: return .notAsked
        default: return .denied
        }
    }
}
#endif
