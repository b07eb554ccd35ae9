import asyncio

from jobqueue import JobQueue


def test_stats_summary(fake_sleep, flaky):
    async def ok():
        return 1

    async def main():
        queue = JobQueue(sleep=fake_sleep)
        queue.submit(ok)
        queue.submit(flaky(1), retries=2)
        queue.submit(flaky(9), retries=1)
        dropped = queue.submit(ok)
        queue.cancel(dropped)
        queue.submit(ok)
        before = queue.stats()
        await queue.join()
        return before, queue.stats(), queue

    before, after, queue = asyncio.run(main())
    assert before == {
        "pending": 4,
        "running": 0,
        "done": 0,
        "failed": 0,
        "cancelled": 1,
        "retried": 0,
        "total": 5,
    }
    assert after == {
        "pending": 0,
        "running": 0,
        "done": 3,
        "failed": 1,
        "cancelled": 1,
        "retried": 2,
        "total": 5,
    }
    assert queue.pending() == 0
    assert len(queue.jobs) == 5


def test_stats_while_running():
    async def main():
        queue = JobQueue(concurrency=2)
        gate = asyncio.Event()

        async def blocked():
            await gate.wait()

        for _ in range(3):
            queue.submit(blocked)
        runner = asyncio.create_task(queue.join())
        await asyncio.sleep(0.01)
        during = queue.stats()
        gate.set()
        await runner
        return during

    during = asyncio.run(main())
    assert during["running"] == 2
    assert during["pending"] == 1
