import asyncio

from jobqueue import JobQueue


class Gauge:
    def __init__(self):
        self.current = 0
        self.peak = 0

    async def work(self, n):
        self.current += 1
        self.peak = max(self.peak, self.current)
        await asyncio.sleep(0.01)
        self.current -= 1
        return n * n


def test_concurrency_limit_is_respected():
    gauge = Gauge()

    async def main():
        queue = JobQueue(concurrency=2)
        jobs = [queue.submit(gauge.work, n) for n in range(6)]
        await queue.join()
        return jobs

    jobs = asyncio.run(main())
    assert gauge.peak == 2
    assert [job.result for job in jobs] == [0, 1, 4, 9, 16, 25]


def test_one_at_a_time_by_default():
    gauge = Gauge()

    async def main():
        queue = JobQueue()
        for n in range(3):
            queue.submit(gauge.work, n)
        await queue.join()

    asyncio.run(main())
    assert gauge.peak == 1


def test_concurrency_actually_overlaps():
    gauge = Gauge()

    async def main():
        queue = JobQueue(concurrency=4)
        for n in range(4):
            queue.submit(gauge.work, n)
        await queue.join()

    asyncio.run(main())
    assert gauge.peak == 4
