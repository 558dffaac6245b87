"""Which syscalls of a static Swift program its runtime makes, from `strace -f -k`: each
syscall with the call stack that made it. A syscall is the runtime's when a frame of its
stack is the Swift runtime's (or a C++ static initializer, which only the runtime and the
C++ library it links bring) and no frame is the program's own code; C's start-up
(`__libc_start_main` and below) is the same for a C program and is not counted.
"""
import re

# "  > /path/binary(symbol+0x1f) [0x4b71]": the symbol, C++ arguments and all.
FRAME = re.compile(r"^\s*> [^(]*\((.*)\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]$")
# "1118  brk(NULL) = …" (strace -f -o), or without the pid.
SYSCALL = re.compile(r"^(?:\d+\s+)?(\w+)\(")
# The runtime's C++ (swift::…, swift_…, _swift_…) and static initializers.
RUNTIME = re.compile(r"^(swift::|swift_|_swift_|_GLOBAL__sub_I_)")
# The program's own code: Swift functions of its modules ($s, then the module name's
# length; the standard library's are $ss…), and its main.
PROGRAM = re.compile(r"^(\$s\d|main$|\w+_main$)")


def calls(lines):
    """[(syscall name, [frame symbols, innermost first])] in trace order."""
    found = []
    for line in lines:
        frame = FRAME.match(line)
        if frame:
            if found:
                found[-1][1].append(frame.group(1).split("(")[0])
            continue
        m = SYSCALL.match(line)
        if m:
            found.append((m.group(1), []))
    return found


def runtime_calls(traced):
    """[(syscall name, the outermost runtime frame that led to it)] of the calls the
    Swift runtime made on its own."""
    own = []
    for name, frames in traced:
        if any(PROGRAM.match(f) for f in frames):
            continue
        runtime = [f for f in frames if RUNTIME.match(f)]
        if runtime:
            own.append((name, runtime[-1]))
    return own


def heap_growths(traced):
    """[("brk", the innermost program frame that allocated)] of the program's own heap
    growths: a `brk` whose stack holds the program's code. Not the runtime's, so not in
    its allowance; listed because the C clients keep their buffers in static storage (mapped
    at exec, no syscall), where a Swift value's buffer comes from the heap (swift-raw's
    64 KiB receive buffer outgrows the heap glibc set up at start)."""
    grown = []
    for name, frames in traced:
        program = [f for f in frames if PROGRAM.match(f)]
        if name == "brk" and program:
            grown.append((name, program[0]))
    return grown


def itemised(own):
    """[(syscall name, where from, count)], in order of first appearance."""
    counts = {}
    for key in own:
        counts[key] = counts.get(key, 0) + 1
    return [(name, origin, n) for (name, origin), n in counts.items()]
