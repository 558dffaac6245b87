import GenericNetlink
import NetlinkSpec
import SpecDrivenNetlink

/// What a notification prints: with a spec, `{"name": "dev-add-ntf", "msg": {…}}` as
/// ynl prints them; a command the spec has no notification for, and every one without a
/// spec, `{"cmd": 2, "msg": {…}}` with the attributes kept as they came.
enum NotificationText {
    static func describe(_ header: GenericNetlinkHeader, _ payload: RawSpan, codec: SpecCodec) throws -> JSONValue {
        guard let operation = codec.operation(replyingWith: header.command) else {
            return .object(["cmd": .integer(Int128(header.command)), "msg": .object(try codec.decodeAttributes(set: nil, in: payload, path: ""))])
        }
        return .object(["name": .string(operation.name), "msg": .object(try codec.decodeMessage(operation, payload))])
    }

    static func describeByNumber(_ header: GenericNetlinkHeader, _ payload: RawSpan) throws -> JSONValue {
        .object(["cmd": .integer(Int128(header.command)), "msg": .object(try PolicyCodec.decodeAttributes(in: payload))])
    }
}
