"""The event-throughput rows: a subscriber's output read and checked, rates, and the
targets judged from them. Run by scripts/test.sh on the host (pytest)."""
import pytest

from events import parse_drain, rate
from report import event_table, event_targets


def test_a_drain_is_received_lost_and_ns_adding_up_to_the_burst():
    assert parse_drain("1990 10 5000000\n", 2000) == (1990, 10, 5_000_000)
    with pytest.raises(ValueError):
        parse_drain("1990 0 5000000\n", 2000)  # ten neither received nor lost
    with pytest.raises(ValueError):
        parse_drain("ready\n", 2000)


def test_rate_is_notifications_per_second_and_an_empty_drain_none():
    assert rate(2000, 50_000_000) == 40_000
    assert rate(0, 0) == 0


def row(rounds, lost=0):
    return {"round_notifications_per_s": rounds, "notifications_per_s": sorted(rounds)[len(rounds) // 2],
            "lost": lost, "notifications": 2000, "rounds": len(rounds), "rcvbuf": 8 << 20}


def test_swift_raw_meets_the_event_target_only_as_fast_as_c_libnl_and_losing_none():
    events = {"swift-raw": row([30, 40, 50]), "swift-raw-async": row([25, 35, 45]),
              "c-libnl": row([30, 41, 49])}
    verdicts = {name: met for name, _, met in event_targets(events)}
    # Per-round ratios 1, 0.98, 1.02: median 1.
    assert verdicts["events: swift-raw ≥ 1.0 × c-libnl notifications/s, 0 lost"] is True
    # The async form's time per notification: 1.2, 1.14, 1.11 × the blocking form's.
    assert verdicts["async price: swift-raw-async ≤ 1.2 × the blocking form's time per notification"] is True
    events["swift-raw"] = row([30, 40, 50], lost=1)
    events["swift-raw-async"] = row([20, 30, 40])
    verdicts = {name: met for name, _, met in event_targets(events)}
    assert verdicts["events: swift-raw ≥ 1.0 × c-libnl notifications/s, 0 lost"] is False
    assert verdicts["async price: swift-raw-async ≤ 1.2 × the blocking form's time per notification"] is False


def test_event_targets_without_their_rows_are_not_measured():
    assert {met for _, _, met in event_targets({})} == {None}


def test_the_event_table_gives_each_subscriber_its_ratio_to_c_libnl():
    table = event_table({"swift-raw": row([20_000, 30_000, 40_000]), "c-libnl": row([40_000] * 3)})
    assert "| swift-raw | 30.0 | 0.75 | 0 | 3 of 2,000 |" in table
