import Glibc

/// Runs a program found on `PATH` (`arguments[0]`) with this process's environment and
/// waits for it; throws unless it exits with status 0. Its output goes where ours does.
func runProgram(_ arguments: [String]) throws {
    var argv = arguments.map { strdup($0) }
    argv.append(nil)
    defer { for argument in argv { free(argument) } }
    var pid = pid_t()
    let spawned = posix_spawnp(&pid, arguments[0], nil, nil, argv, environ)
    guard spawned == 0 else { throw ProgramFailure(arguments: arguments, reason: "posix_spawnp: \(String(cString: strerror(spawned)))") }
    var status: CInt = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { throw ProgramFailure(arguments: arguments, reason: "waitpid: errno \(errno)") }
    }
    // WIFEXITED and WEXITSTATUS, which Swift's Glibc module leaves out.
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
        throw ProgramFailure(arguments: arguments, reason: "wait status \(status)")
    }
}

struct ProgramFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var reason: String
    var description: String { "\(arguments.joined(separator: " ")): \(reason)" }
}

/// An environment variable's value; nil when it is not set.
func environment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
