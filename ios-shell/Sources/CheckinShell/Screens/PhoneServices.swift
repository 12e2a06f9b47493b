// PhoneServices: what the screens' effects reach on the phone besides the
// capture hardware: the permission prompts, the share sheet and the
// dialler. AppleServices implements each over iOS (AVFoundation, Core
// Location, UserNotifications, UIKit); tests replace them here, at the
// platform boundary, and nowhere else.
import CheckinCore
import Foundation

/// The OS's answer on each permission the core asks about.
public protocol PermissionCenter: AnyObject {
    /// What the OS says now, without asking the participant.
    func state(of permission: Permission) async -> PermissionState
    /// Asks the participant (the system prompt), or, when iOS will not ask
    /// again because they refused before, opens the app's page in Settings;
    /// returns the state once the prompt is answered (still `denied` after
    /// opening Settings: the answer comes with the next screen).
    func request(_ permission: Permission) async -> PermissionState
}

/// The OS share sheet.
public protocol FileSharing: AnyObject {
    /// Offers the file to the share sheet and returns once it is dismissed:
    /// true if the participant shared it somewhere.
    func share(fileAt path: String, mimeType: String) async -> Bool
}

/// The phone app.
public protocol Dialler: AnyObject {
    /// Starts a call to `phone` (digits and a leading +); false when this
    /// device cannot call (an iPad, an iPod, a restriction).
    func dial(_ phone: String) async -> Bool
}

/// Everything an effect may need, handed to the screens once.
public struct PhoneServices {
    public let desk: CaptureDesk
    public let permissions: PermissionCenter
    public let sharing: FileSharing
    public let dialler: Dialler

    public init(desk: CaptureDesk, permissions: PermissionCenter, sharing: FileSharing, dialler: Dialler) {
        self.desk = desk
        self.permissions = permissions
        self.sharing = sharing
        self.dialler = dialler
    }
}
