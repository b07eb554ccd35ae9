import pytest

from dispatch import DispatchQueue, DuplicateJob, Empty, QueueFull


class FakeClock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


def ids(jobs):
    return [job.id for job in jobs]


def test_most_urgent_first_then_arrival_order():
    q = DispatchQueue()
    q.push("low", 5)
    q.push("a", 2)
    q.push("urgent", 1)
    q.push("b", 2)
    q.push("normal")
    assert ids(q.drain()) == ["urgent", "a", "b", "normal", "low"]


def test_default_priority_is_3():
    q = DispatchQueue()
    assert q.push("x").priority == 3


def test_priority_bounds():
    q = DispatchQueue()
    q.push("one", 1)
    q.push("five", 5)
    for bad in (0, 6, -1):
        with pytest.raises(ValueError):
            q.push(f"bad{bad}", bad)
    assert len(q) == 2


def test_duplicate_id_refused_while_waiting_but_allowed_after_pop():
    q = DispatchQueue()
    q.push("job", 4, payload="first")
    with pytest.raises(DuplicateJob):
        q.push("job", 1, payload="second")
    assert q.peek().payload == "first"
    q.pop()
    q.push("job", 1)
    assert "job" in q


def test_max_size():
    q = DispatchQueue(max_size=2)
    q.push("a")
    q.push("b")
    with pytest.raises(QueueFull):
        q.push("c")
    q.pop()
    q.push("c")
    assert len(q) == 2


@pytest.mark.parametrize("kwargs", [{"max_size": 0}, {"age_after": 0}, {"age_after": -5}])
def test_invalid_settings(kwargs):
    with pytest.raises(ValueError):
        DispatchQueue(**kwargs)


def test_empty_queue_raises():
    q = DispatchQueue()
    with pytest.raises(Empty):
        q.pop()
    with pytest.raises(Empty):
        q.peek()


def test_peek_does_not_remove():
    q = DispatchQueue()
    q.push("a", 2)
    assert q.peek().id == "a"
    assert q.peek().id == "a"
    assert len(q) == 1


def test_cancel():
    q = DispatchQueue()
    q.push("a")
    q.push("b")
    assert q.cancel("a") is True
    assert q.cancel("a") is False
    assert q.cancel("never") is False
    assert "a" not in q
    assert len(q) == 1
    assert ids(q.drain()) == ["b"]


def test_drain_limit():
    q = DispatchQueue()
    for name in "abcde":
        q.push(name)
    assert ids(q.drain(2)) == ["a", "b"]
    assert len(q) == 3
    assert q.drain(0) == []
    assert ids(q.drain(10)) == ["c", "d", "e"]


def test_ageing_counts_whole_steps_only():
    clock = FakeClock()
    q = DispatchQueue(age_after=60, clock=clock)
    job = q.push("old", 5)
    clock.now += 59
    assert q.effective_priority(job) == 5
    clock.now += 1
    assert q.effective_priority(job) == 4
    clock.now += 89  # 149 s: two whole steps
    assert q.effective_priority(job) == 3


def test_aged_job_overtakes_newer_urgent_one():
    clock = FakeClock()
    q = DispatchQueue(age_after=60, clock=clock)
    q.push("old", 4)
    clock.now += 120
    q.push("new", 2)
    assert q.peek().id == "old"


def test_ageing_stops_at_highest_priority():
    clock = FakeClock()
    q = DispatchQueue(age_after=10, clock=clock)
    q.push("urgent", 1)
    q.push("lazy", 5)
    clock.now += 1000
    assert q.effective_priority(q.peek()) == 1
    assert ids(q.drain()) == ["urgent", "lazy"]


def test_without_ageing_waiting_changes_nothing():
    clock = FakeClock()
    q = DispatchQueue(clock=clock)
    job = q.push("x", 5)
    clock.now += 10_000
    assert q.effective_priority(job) == 5


def test_counts_by_declared_priority():
    q = DispatchQueue()
    q.push("a", 1)
    q.push("b", 3)
    q.push("c", 3)
    assert q.counts() == {1: 1, 2: 0, 3: 2, 4: 0, 5: 0}
