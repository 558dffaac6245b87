/// A value made on one thread and taken on another: for one that is not copyable, which
/// `onThreadOfItsOwn` cannot return itself.
final class Handover<Value: ~Copyable>: @unchecked Sendable {
    private var value: Value?

    init(_ value: consuming Value) {
        self.value = consume value
    }

    /// The value; once.
    func take() -> Value {
        value.take()!
    }
}
