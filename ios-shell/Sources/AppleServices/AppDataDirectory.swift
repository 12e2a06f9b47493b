// AppDataDirectory: where the core keeps its encrypted store on iOS:
// Application Support/checkin, never in backups (`isExcludedFromBackup`:
// the storage key does not leave the phone, so a restored copy could not be
// read anyway) and under the file protection class
// completeUntilFirstUserAuthentication, which files created in it inherit
// (SQLite's database, WAL and journal): unreadable until the phone is first
// unlocked after a restart, readable after that with the screen locked, as
// background refreshes need. Reviewed by reading; built and run only on an
// iPhone.
#if os(iOS)
import Foundation

public enum AppDataDirectory {
    public static let name = "checkin"
    public static let protection = FileProtectionType.completeUntilFirstUserAuthentication

    /// Creates the directory if needed, applies both settings every time
    /// (an existing directory keeps whatever it had otherwise), and returns it.
    public static func prepare(fileManager: FileManager = .default) throws -> URL {
        let support = try fileManager.url(for: .applicationSupportDirectory, in: .userDomainMask,
                                          appropriateFor: nil, create: true)
        var directory = support.appendingPathComponent(name, isDirectory: true)
        try fileManager.createDirectory(at: directory, withIntermediateDirectories: true,
                                        attributes: [.protectionKey: protection])
        try fileManager.setAttributes([.protectionKey: protection], ofItemAtPath: directory.path)
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try directory.setResourceValues(values)
        return directory
    }
}
#endif
