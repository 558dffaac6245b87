#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A spec's `display-hint`: how people write a value that travels as bytes or an integer
/// (`mac`: `aa:bb:cc:dd:ee:ff`, `ipv4`: `192.0.2.1`, `uuid`, `hex` …). Replies are shown
/// that way and requests may be written that way.
enum DisplayHint: String {
    case hex, mac, fddi, ipv4, ipv6
    case ipv4OrV6 = "ipv4-or-v6"
    case uuid

    /// `bytes` as the hint writes them; nil when they do not have the length it needs
    /// (the caller then shows plain hex).
    func format(_ bytes: [UInt8]) -> String? {
        switch self {
        case .hex: return Self.hex(bytes)
        case .mac, .fddi: return bytes.isEmpty ? nil : bytes.map { Self.hexByte($0) }.joined(separator: ":")
        case .ipv4: return bytes.count == 4 ? Self.address(bytes, family: AF_INET) : nil
        case .ipv6: return bytes.count == 16 ? Self.address(bytes, family: AF_INET6) : nil
        case .ipv4OrV6:
            return bytes.count == 4 ? Self.address(bytes, family: AF_INET) : bytes.count == 16 ? Self.address(bytes, family: AF_INET6) : nil
        case .uuid:
            guard bytes.count == 16 else { return nil }
            let hex = Self.hex(bytes)
            let cuts = [0, 8, 12, 16, 20, 32].map { hex.index(hex.startIndex, offsetBy: $0) }
            return (0..<5).map { String(hex[cuts[$0]..<cuts[$0 + 1]]) }.joined(separator: "-")
        }
    }

    /// An integer as the hint writes it (`hex`: `0x1f`; `ipv4`: the address whose bytes
    /// the number is, most significant first); nil for hints that are about bytes.
    func format(_ value: Int128) -> String? {
        switch self {
        case .hex: return value < 0 ? "-0x" + String(-value, radix: 16) : "0x" + String(value, radix: 16)
        case .ipv4, .ipv4OrV6:
            guard let address = UInt32(exactly: value) else { return nil }
            return Self.address((0..<4).map { UInt8(truncatingIfNeeded: address >> (24 - 8 * $0)) }, family: AF_INET)
        default: return nil
        }
    }

    /// The bytes `text` stands for; nil when it is not written the hint's way.
    func parse(_ text: String) -> [UInt8]? {
        switch self {
        case .hex: return Self.bytes(fromHex: text)
        case .mac, .fddi:
            if text.contains(":") {
                let parts = text.split(separator: ":", omittingEmptySubsequences: false)
                let bytes = parts.compactMap { $0.count == 2 ? UInt8($0, radix: 16) : nil }
                return bytes.count == parts.count ? bytes : nil
            }
            return Self.bytes(fromHex: text)
        case .ipv4: return Self.parseAddress(text, family: AF_INET, length: 4)
        case .ipv6: return Self.parseAddress(text, family: AF_INET6, length: 16)
        case .ipv4OrV6:
            return Self.parseAddress(text, family: AF_INET, length: 4) ?? Self.parseAddress(text, family: AF_INET6, length: 16)
        case .uuid:
            let digits = text.filter { $0 != "-" }
            return digits.count == 32 ? Self.bytes(fromHex: digits) : nil
        }
    }

    /// An integer written the hint's way (an IPv4 address, most significant byte first).
    func parseInteger(_ text: String) -> Int128? {
        switch self {
        case .ipv4, .ipv4OrV6:
            return Self.parseAddress(text, family: AF_INET, length: 4).map { $0.reduce(Int128(0)) { $0 << 8 | Int128($1) } }
        default: return nil
        }
    }

    /// Lower-case hex, two digits a byte, nothing between them.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map(hexByte).joined()
    }

    private static func hexByte(_ byte: UInt8) -> String {
        byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
    }

    /// Hex text, two digits a byte; spaces and colons between bytes are allowed.
    static func bytes(fromHex text: String) -> [UInt8]? {
        let digits = Array(text.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ":") })
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    private static func address(_ bytes: [UInt8], family: Int32) -> String? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        guard written != nil else { return nil }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func parseAddress(_ text: String, family: Int32, length: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: length)
        let parsed = bytes.withUnsafeMutableBytes { inet_pton(family, text, $0.baseAddress) }
        return parsed == 1 ? bytes : nil
    }
}
