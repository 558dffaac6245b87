"""The benchmark's new rows: batch rates, the targets judged from them, and which
syscalls the Swift runtime makes on its own. Run by scripts/test.sh on the host (pytest)."""
from report import batch_targets, peer_target, static_syscalls_target
from stats import requests_per_s
from syscall_origin import calls, heap_growths, itemised, runtime_calls


def test_requests_per_s_counts_every_request_of_every_batch():
    # Two batches of 64 in 1 ms and 3 ms: 128 requests in 4 ms.
    assert requests_per_s(64, [1_000_000, 3_000_000]) == 32_000


def rows(mine, c_raw, c_batch):
    """A batch field as results.json holds it: VM rounds, and the host's the same."""
    def fields(rounds):
        return {"round_requests_per_s": rounds, "host_round_requests_per_s": rounds}
    return {"swift-raw": {"64": fields(mine)}, "c-raw": {"1": fields(c_raw)},
            "c-raw-batch": {"64": fields(c_batch)}}


def test_batch_targets_pair_rounds_against_one_at_a_time_and_the_c_batch():
    batch = rows([400, 500, 600], [100, 100, 200], [390, 500, 610])
    verdicts = {name: met for name, _, met in batch_targets(batch)}
    # Per-round ratios to c-raw: 4, 5, 3 (median 4); to c-raw-batch: ~1.03, 1, ~0.98.
    assert verdicts["vm batch 64: swift-raw ≥ 4 × c-raw one at a time"] is True
    assert verdicts["vm batch 64: swift-raw ≥ 1 × c-raw-batch"] is True
    batch = rows([400, 500, 600], [100, 200, 200], [410, 510, 590])
    verdicts = {name: met for name, _, met in batch_targets(batch)}
    assert verdicts["host batch 64: swift-raw ≥ 4 × c-raw one at a time"] is False
    assert verdicts["host batch 64: swift-raw ≥ 1 × c-raw-batch"] is False


def test_batch_targets_without_a_row_are_not_measured():
    assert {met for _, _, met in batch_targets({})} == {None}


def test_static_syscall_target_allows_the_runtime_its_own_calls():
    clients = {"swift-raw": {"syscalls_total": 37}, "c-raw-static": {"syscalls_total": 28}}
    runtime = [("getrandom", "swift_stdlib_random")] * 9
    assert static_syscalls_target(clients, runtime)[2] is True
    assert static_syscalls_target(clients, runtime[:8])[2] is False
    assert static_syscalls_target(clients, None)[2] is None


def peer(warm_rounds, dump_rounds, cold):
    return {"vm_warm_p50_ns": sorted(warm_rounds)[len(warm_rounds) // 2],
            "vm_warm_round_p50_ns": warm_rounds, "vm_cold_p50_ns": cold,
            "dump_msgs_per_s": sorted(dump_rounds)[len(dump_rounds) // 2],
            "dump_round_msgs_per_s": dump_rounds}


def test_a_peer_is_beaten_only_when_swift_raw_is_ahead_on_every_row():
    swift = peer([10, 11, 12], [900, 1000, 1100], 5)
    assert peer_target({"swift-raw": swift, "go": peer([20, 22, 24], [90, 100, 110], 10)}, "go")[2]
    # Slower to start than the peer: not ahead on every row.
    assert not peer_target({"swift-raw": swift, "go": peer([20, 22, 24], [90, 100, 110], 4)}, "go")[2]


def test_a_peer_that_ran_fewer_rounds_is_compared_by_pooled_values():
    swift = peer([10, 11, 12], [900, 1000, 1100], 5)
    _, measured, ahead = peer_target({"swift-raw": swift, "py": peer([3000], [20], 900)}, "py")
    assert ahead and "VM warm p50 0.00367 × (pooled)" in measured


TRACE = """\
101  getrandom("\\x91", 8, 0) = 8
 > /bin/x(syscall+0x19) [0x4a2c89]
 > /bin/x(swift_stdlib_random+0x84) [0x40c144]
 > /bin/x(_GLOBAL__sub_I_GlobalObjects.cpp+0x79) [0x48e9]
 > /bin/x(__libc_start_main_impl+0x87e) [0x44061e]
101  gettid() = 101
 > /bin/x(syscall+0x19) [0x4a2c89]
 > /bin/x(swift::threading_impl::once_slow(swift::threading_impl::once_t&, void (*)(void*), void*)+0x46) [0x40d046]
 > /bin/x(swift_addNewDSOImage+0x5e) [0x37a23e]
101  brk(0x1e468000) = 0x1e468000
 > /bin/x(__brk+0x7) [0x4a2a87]
 > /bin/x(swift_slowAlloc+0x19) [0x4a2a87]
 > /bin/x($s7Netlink0A6SocketV8protocol+0x30) [0x571a0]
 > /bin/x(gnl_foobar_main+0x9) [0x60999]
101  arch_prctl(ARCH_SET_FS, 0x1e4233c0) = 0
 > /bin/x(__libc_setup_tls+0x1ad) [0x44115d]
101  exit_group(0) = ?
101  +++ exited with 0 +++
 > /bin/x(_exit+0x29) [0x49cd39]
"""


def test_calls_keep_each_syscall_with_its_frames_without_cxx_arguments():
    traced = calls(TRACE.splitlines())
    assert [name for name, _ in traced] == ["getrandom", "gettid", "brk", "arch_prctl", "exit_group"]
    assert traced[1][1][1] == "swift::threading_impl::once_slow"
    assert traced[4][1] == ["_exit"]


def test_the_runtime_owns_a_call_only_when_no_frame_is_the_programs():
    own = runtime_calls(calls(TRACE.splitlines()))
    # brk came from the program (allocating for it); arch_prctl is C's start-up.
    assert own == [("getrandom", "_GLOBAL__sub_I_GlobalObjects.cpp"), ("gettid", "swift_addNewDSOImage")]
    assert itemised(own + own[:1]) == [("getrandom", "_GLOBAL__sub_I_GlobalObjects.cpp", 2),
                                       ("gettid", "swift_addNewDSOImage", 1)]


def test_the_programs_heap_growths_are_named_by_the_code_that_allocated():
    assert heap_growths(calls(TRACE.splitlines())) == [("brk", "$s7Netlink0A6SocketV8protocol")]


def test_a_scripts_linkage_is_its_interpreters(tmp_path):
    from report import linkage
    script = tmp_path / "client"
    script.write_text("#!/bin/sh -e\necho hello\n")
    assert linkage(str(script)).startswith("script, run by sh, ")
