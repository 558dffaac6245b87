import Foundation

/// One run of an executable of this package (`gnl-foobar`, `gnl-bench`) built next to the
/// test bundle, as a user runs it.
public struct ExecutableRun {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String

    /// Runs the executable `name` with `arguments` and waits for it; `environment` adds to
    /// (or replaces) this process's variables.
    public init(_ name: String, _ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil) throws {
        // The bundle lives in .build*/debug/; the executable is built beside it.
        let directory = URL(fileURLWithPath: CommandLine.arguments[0])
            .resolvingSymlinksInPath().deletingLastPathComponent()
        guard
            let executable = [directory, directory.deletingLastPathComponent()]
                .map({ $0.appendingPathComponent(name) })
                .first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
        else {
            throw NotBuiltError(name: name, directory: directory.path)
        }
        // Output goes to files, not pipes: Foundation's pipe reads trap on EINTR.
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputURL = scratch.appendingPathComponent("stdout")
        let errorURL = scratch.appendingPathComponent("stderr")
        for url in [outputURL, errorURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        try process.run()
        process.waitUntilExit()
        status = process.terminationStatus
        standardOutput = String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
        standardError = String(decoding: try Data(contentsOf: errorURL), as: UTF8.self)
    }

    /// The executable was not found beside the tests: build it first
    /// (`swift build --build-tests`).
    public struct NotBuiltError: Error, CustomStringConvertible {
        public var name: String
        public var directory: String
        public var description: String { "\(name) is not built next to the tests (\(directory))" }
    }
}
