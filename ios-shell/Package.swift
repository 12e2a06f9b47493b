// swift-tools-version:5.9
// CheckinShell: the iOS app's logic, as a Swift package that also builds and
// is tested on Linux (scripts/shells/test-ios.sh).
//
// Targets:
// - CheckinCore: the generated uniffi bindings. On Linux, the generated
//   Swift and a system-library module over the C headers, linked to the
//   host build of libcheckin_ffi.so; test-ios.sh stages every generated
//   file into Generated/ (not in git). Elsewhere, the bindings package at
//   ../bindings/ios, whose XCFramework scripts/bindings/build-ios-xcframework.sh
//   builds on a Mac.
// - CheckinShell: platform-neutral. Protocols for each platform service and
//   the logic that drives them from the core; no Apple framework.
// - AppleServices: the adapters to AVFoundation, Core Location,
//   UserNotifications, BackgroundTasks, Network, Security, CryptoKit and
//   UIKit, each behind `#if canImport(...)` (empty on Linux).
// - ScreenViews: the SwiftUI views that render ScreenModel's state, one per
//   kind of block, behind `#if canImport(SwiftUI) && os(iOS)` (empty on
//   Linux, where swift build still parses them).
// The SwiftUI app in App/ is built by an Xcode project that depends on this
// package (README.md, "Build the app in Xcode").
import PackageDescription

#if os(Linux)
let coreTargets: [Target] = [
    .systemLibrary(name: "CheckinCoreFFI", path: "Generated/CheckinCoreFFI"),
    .target(
        name: "CheckinCore",
        dependencies: ["CheckinCoreFFI"],
        path: "Generated/CheckinCore",
        linkerSettings: [.linkedLibrary("checkin_ffi")]
    ),
]
let coreDependency: Target.Dependency = "CheckinCore"
let bindingsPackage: [Package.Dependency] = []
#else
let coreTargets: [Target] = []
let coreDependency: Target.Dependency = .product(name: "CheckinCore", package: "ios")
let bindingsPackage: [Package.Dependency] = [.package(path: "../bindings/ios")]
#endif

let package = Package(
    name: "CheckinShell",
    platforms: [
        // Keep in step with bindings/ios/Package.swift and README.md ("Minimum iOS").
        .iOS(.v15),
        .macOS(.v12),
    ],
    products: [
        .library(name: "CheckinShell", targets: ["CheckinShell"]),
        .library(name: "AppleServices", targets: ["AppleServices"]),
        .library(name: "ScreenViews", targets: ["ScreenViews"]),
    ],
    dependencies: bindingsPackage,
    targets: coreTargets + [
        .target(name: "CheckinShell", dependencies: [coreDependency]),
        .target(name: "AppleServices", dependencies: ["CheckinShell", coreDependency]),
        .target(name: "ScreenViews", dependencies: ["CheckinShell", coreDependency]),
        .testTarget(name: "CheckinShellTests", dependencies: ["CheckinShell", coreDependency]),
    ]
)
