import asyncio

import pytest

from jobqueue import JobCancelled, JobQueue, JobStatus


async def slow(seconds=1.0):
    await asyncio.sleep(seconds)
    return "finished"


def test_job_timeout_fails_the_job(fake_sleep):
    async def main():
        queue = JobQueue(sleep=fake_sleep)
        job = queue.submit(slow, 5, timeout=0.02)
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.FAILED
    assert isinstance(job.exception, TimeoutError)


def test_timeouts_are_retried(fake_sleep):
    async def main():
        queue = JobQueue(sleep=fake_sleep)
        job = queue.submit(slow, 5, timeout=0.01, retries=2)
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.FAILED
    assert job.attempts == 3
    assert fake_sleep.delays == [1.0, 2.0]


def test_job_within_its_timeout_succeeds():
    async def main():
        queue = JobQueue(timeout=5)
        job = queue.submit(slow, 0.01)
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.DONE
    assert job.timeout == 5


def test_job_timeout_wins_over_the_queue_default(fake_sleep):
    async def main():
        queue = JobQueue(timeout=10, sleep=fake_sleep)
        job = queue.submit(slow, 2, timeout=0.02)
        default = queue.submit(slow, 0.01)
        await queue.join()
        return job, default

    job, default = asyncio.run(main())
    assert job.timeout == 0.02
    assert default.timeout == 10
    assert job.status is JobStatus.FAILED
    assert isinstance(job.exception, TimeoutError)
    assert default.status is JobStatus.DONE


def test_cancel_a_pending_job():
    calls = []

    async def work(label):
        calls.append(label)

    async def main():
        queue = JobQueue()
        keep = queue.submit(work, "keep")
        drop = queue.submit(work, "drop")
        assert queue.cancel(drop) is True
        assert drop.status is JobStatus.CANCELLED
        assert drop.done()
        await queue.join()
        with pytest.raises(JobCancelled):
            await drop.wait()
        return keep

    keep = asyncio.run(main())
    assert keep.status is JobStatus.DONE
    assert calls == ["keep"]


def test_cancel_twice_answers_false():
    async def main():
        queue = JobQueue()
        job = queue.submit(slow, 0)
        assert queue.cancel(job) is True
        assert queue.cancel(job) is False
        await queue.join()

    asyncio.run(main())


def test_a_running_job_cannot_be_cancelled():
    async def main():
        queue = JobQueue()
        started = asyncio.Event()

        async def work():
            started.set()
            await asyncio.sleep(0.02)
            return 42

        job = queue.submit(work)
        runner = asyncio.create_task(queue.join())
        await started.wait()
        assert job.status is JobStatus.RUNNING
        assert queue.cancel(job) is False
        await runner
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.DONE
    assert job.result == 42


def test_a_finished_job_cannot_be_cancelled():
    async def main():
        queue = JobQueue()
        job = queue.submit(slow, 0)
        await queue.join()
        assert queue.cancel(job) is False
        return job

    assert asyncio.run(main()).status is JobStatus.DONE
