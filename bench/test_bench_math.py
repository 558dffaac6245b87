"""The benchmark's arithmetic: confidence intervals and per-request counts.
Run by scripts/test.sh on the host (pytest)."""
import pytest

from guest_work_report import FIELDS, per_request
from stats import median_interval


def test_median_interval_of_48_takes_the_18th_and_31st_values():
    assert median_interval(range(1, 49)) == (18, 31)


def test_median_interval_does_not_depend_on_order():
    values = [5, 1, 4, 2, 3, 9, 8, 7, 6, 10, 12, 11]
    assert median_interval(values) == median_interval(sorted(values))


def test_median_interval_of_few_values_is_their_range():
    assert median_interval([3.0, 1.0, 2.0]) == (1.0, 3.0)
    assert median_interval([7]) == (7, 7)


def markers(before, small, big):
    """Three markers' running totals: a run of `small` work, then one of `big`."""
    return [before, [b + s for b, s in zip(before, small)],
            [b + s + g for b, s, g in zip(before, small, big)]]


def test_per_request_is_the_big_run_less_the_small_one_per_extra_request():
    # A fixed start-up of 1,000 in each field, then 10 per request (20 in the kernel).
    cost = lambda n: [1000 + 10 * n, 1000 + 20 * n, 5 * n, 6 * n, 2 * n, 3 * n]
    counts = markers([7] * 6, cost(100), cost(1100))
    result = per_request(counts, [("c-raw", "dump", 100, 1100)])
    assert result == {"dump": {"c-raw": dict(zip(FIELDS, [10, 20, 5, 6, 2, 3]))}}


def test_per_request_takes_the_median_of_rounds():
    counts, order = [], []
    for per in (10, 30, 11):
        counts += markers([0] * 6, [per * 1] * 6, [per * 3] * 6)
        order.append(("swift-raw", "echo", 1, 3))
    assert per_request(counts, order)["echo"]["swift-raw"]["insns_user"] == 11


def test_per_request_refuses_markers_that_do_not_match_the_runs():
    with pytest.raises(SystemExit):
        per_request([[0] * 6] * 5, [("c-raw", "echo", 1, 2)] * 2)
