import asyncio

import pytest

from jobqueue import JobQueue, JobStatus, QueueClosed


def make_recorder(order):
    async def record(label):
        order.append(label)
        await asyncio.sleep(0)
        return label.upper()

    return record


def test_lower_priority_number_runs_first():
    order = []

    async def main():
        queue = JobQueue()
        record = make_recorder(order)
        queue.submit(record, "low", priority=5)
        queue.submit(record, "urgent", priority=-1)
        queue.submit(record, "normal")
        queue.submit(record, "high", priority=1)
        await queue.join()

    asyncio.run(main())
    assert order == ["urgent", "normal", "high", "low"]


def test_fifo_within_a_priority():
    order = []

    async def main():
        queue = JobQueue()
        record = make_recorder(order)
        for label in ["a", "b", "c"]:
            queue.submit(record, label, priority=2)
        queue.submit(record, "first", priority=1)
        for label in ["d", "e"]:
            queue.submit(record, label, priority=2)
        await queue.join()

    asyncio.run(main())
    assert order == ["first", "a", "b", "c", "d", "e"]


def test_results_and_statuses():
    async def main():
        queue = JobQueue()
        record = make_recorder([])
        job = queue.submit(record, "x")
        assert job.status is JobStatus.PENDING
        assert not job.done()
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.DONE
    assert job.done()
    assert job.result == "X"
    assert job.exception is None
    assert job.attempts == 1


def test_keyword_arguments_and_names():
    async def add(a, b, *, scale=1):
        return (a + b) * scale

    async def main():
        queue = JobQueue()
        job = queue.submit(add, 2, 3, scale=10)
        named = queue.submit(add, 1, 1, name="tiny sum")
        await queue.join()
        return job, named

    job, named = asyncio.run(main())
    assert job.result == 50
    assert job.name == "add"
    assert named.name == "tiny sum"


def test_jobs_submitted_while_running_are_run_too():
    order = []

    async def main():
        queue = JobQueue()
        record = make_recorder(order)

        async def spawner():
            order.append("spawner")
            queue.submit(record, "child")

        queue.submit(spawner)
        await queue.join()

    asyncio.run(main())
    assert order == ["spawner", "child"]


def test_wait_returns_the_result():
    async def main():
        queue = JobQueue()
        job = queue.submit(make_recorder([]), "y")
        runner = asyncio.create_task(queue.join())
        result = await job.wait()
        await runner
        return result

    assert asyncio.run(main()) == "Y"


def test_closed_queue_refuses_new_jobs():
    async def main():
        queue = JobQueue()
        job = queue.submit(make_recorder([]), "z")
        queue.close()
        with pytest.raises(QueueClosed):
            queue.submit(make_recorder([]), "late")
        await queue.join()
        return job

    assert asyncio.run(main()).status is JobStatus.DONE


@pytest.mark.parametrize(
    "kwargs",
    [{"concurrency": 0}, {"retries": -1}, {"backoff": ()}, {"backoff": (1, -2)}],
)
def test_invalid_queue_settings(kwargs):
    with pytest.raises(ValueError):
        JobQueue(**kwargs)


def test_invalid_job_settings():
    queue = JobQueue()

    async def nothing():
        return None

    with pytest.raises(ValueError):
        queue.submit(nothing, retries=-1)
    with pytest.raises(ValueError):
        queue.submit(nothing, timeout=0)
    assert queue.jobs == []
