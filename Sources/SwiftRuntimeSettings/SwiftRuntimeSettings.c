/* Runs before the Swift runtime starts, in fully static executables only: turns the crash
 * backtracer's start-up search off. Linked in as a dependency of gnl-foobar and gnl-bench
 * (SwiftPM links every object file of a target); nothing calls it.
 *
 * At every start the runtime's backtracer looks for its helper binary, swift-backtrace,
 * beside the executable and checks the terminals: readlink, 8 newfstatat and 2 ioctl, 11 of
 * the 56 syscalls `gnl-foobar resolve nlctrl` made. A static executable ships without the
 * helper, so the search always fails and backtracing ends up off anyway. The runtime reads
 * SWIFT_BACKTRACE in a C++ global constructor; a constructor of priority 101 runs before
 * those, and with the helper named as empty the search is skipped.
 *
 * _DYNAMIC is null only in a fully static executable: a dynamically linked build (debug)
 * finds swift-backtrace in the toolchain and keeps its crash backtraces. overwrite=0 keeps
 * a SWIFT_BACKTRACE the user set. */

#include <stdlib.h>

#ifdef __GLIBC__  /* which passes argc, argv and envp to every initializer (musl does not) */

extern const char _DYNAMIC[] __attribute__((weak));

/* libswiftCore: sets what CommandLine.arguments reads. In a static executable the runtime
 * otherwise finds argv by walking back from environ to the stack, and setenv has moved
 * environ to the heap: CommandLine.arguments would be empty. */
extern void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc);

__attribute__((constructor(101))) static void disable_backtracer_search(int argc, char **argv, char **envp) {
    (void)envp;
    if (_DYNAMIC != 0) return;
    _swift_stdlib_overrideUnsafeArgvArgc(argv, argc);
    setenv("SWIFT_BACKTRACE", "enable=no,interactive=no,color=no,swift-backtrace=", 0);
}

#endif
