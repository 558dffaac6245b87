import CommandLineParsing

/// Which client implementation talks to the kernel: `--backend raw|libnl`.
public enum Backend: String, Sendable {
    /// This package's own netlink layers over a raw `AF_NETLINK` socket.
    case raw
    /// The libnl-genl-3 backend.
    case libnl

    /// The `--backend` option.
    public static let option = OptionSpec.option(
        "backend", value: "raw|libnl",
        help: "Which client implementation talks to the kernel (raw, libnl; default raw).")

    /// The backend `--backend` names; raw when it is not given.
    public init(_ arguments: ParsedArguments) throws(CommandLineError) {
        self = try arguments.value(Self.option.name, Backend.init(rawValue:)) ?? .raw
    }
}
