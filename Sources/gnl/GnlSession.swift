import CommandLineSupport
import GenericNetlink
import Netlink
import NetlinkSpec
import SpecDrivenNetlink

/// One run of `gnl`: finds the family's spec, then does what the options ask.
struct GnlSession {
    let options: GnlOptions

    /// Runs and returns the exit status (1: `--check-spec` found differences).
    func run() throws -> Int32 {
        if options.action == .listFamilies {
            try FamilyListing.print(specs: SpecDirectories(specsDirectory: options.specsDirectory))
            return 0
        }
        switch try resolveFamily() {
        case .spec(let spec):
            return try SpecSession(spec: spec, options: options).run()
        case .raw(let name):
            return try RawSession(familyName: name, options: options).run()
        }
    }

    enum ResolvedFamily {
        case spec(Spec)
        /// No spec: the kernel's policy describes the family.
        case raw(familyName: String)
    }

    private func resolveFamily() throws -> ResolvedFamily {
        switch options.family! {
        case .spec(let path):
            return .spec(try Spec(contentsOf: path))
        case .named(let name, true):
            return .raw(familyName: name)
        case .named(let name, false):
            let directories = SpecDirectories(specsDirectory: options.specsDirectory)
            if let path = directories.spec(of: name) { return .spec(try Spec(contentsOf: path)) }
            writeToStandardError(
                "gnl: no spec for \(name) in \(directories.directories.joined(separator: ", ")); "
                    + "using the kernel's policy: commands and attributes by number (as --no-spec)\n")
            return .raw(familyName: name)
        }
    }

    /// The request `--json` gives (an empty object without it).
    static func request(_ options: GnlOptions) throws -> JSONValue {
        guard let text = options.requestText else { return .object(JSONObject()) }
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw CommandFailure("--json: \(error)")
        }
    }
}

/// `gnl` with a spec.
struct SpecSession {
    let spec: Spec
    let options: GnlOptions

    func run() throws -> Int32 {
        let codec = SpecCodec(spec: spec)
        var listener = try options.subscription.map {
            try NotificationListener(familyName: spec.name, group: $0.group) { try NotificationText.describe($0, $1, codec: codec) }
        }
        switch options.action {
        case .listOperations:
            OperationListing(spec: spec).printOperations()
        case .listAttributes(let name):
            try OperationListing(spec: spec).printAttributes(of: name)
        case .checkSpec:
            return try SpecCheck(spec: spec).run()
        case .call(let mode, let name):
            let request = try GnlSession.request(options)  // a typo needs no kernel to be found
            let client = try SpecDrivenClient(spec: spec)
            client.warningHandler = WarningOutput.printer(operation: name)
            switch mode {
            case .do:
                JSONOutput.print(try client.do(name, request: request, flags: options.flags))
            case .dump:
                JSONOutput.print(.array(try client.dump(name, request: request).map(JSONValue.object)))
            }
        case .none, .listFamilies:
            break
        }
        if let subscription = options.subscription {
            try listener?.run(seconds: subscription.seconds, count: subscription.count)
        }
        return 0
    }
}
