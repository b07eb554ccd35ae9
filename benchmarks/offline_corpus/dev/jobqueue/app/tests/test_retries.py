import asyncio

import pytest

from jobqueue import DEFAULT_BACKOFF, JobQueue, JobStatus


def test_job_succeeds_after_retries(fake_sleep, flaky):
    work = flaky(2)

    async def main():
        queue = JobQueue(sleep=fake_sleep)
        job = queue.submit(work, retries=3)
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.DONE
    assert job.result == "ok"
    assert job.attempts == 3
    assert work.calls == 3
    assert fake_sleep.delays == [1.0, 2.0]


def test_retries_exhausted_marks_the_job_failed(fake_sleep, flaky):
    work = flaky(10)

    async def main():
        queue = JobQueue(sleep=fake_sleep, backoff=(0.5, 1.5))
        job = queue.submit(work, retries=2)
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.FAILED
    assert work.calls == 3
    assert job.attempts == 3
    assert isinstance(job.exception, ConnectionError)
    assert str(job.exception) == "attempt 3 failed"
    assert fake_sleep.delays == [0.5, 1.5]


def test_no_retries_by_default(fake_sleep, flaky):
    work = flaky(1)

    async def main():
        queue = JobQueue(sleep=fake_sleep)
        job = queue.submit(work)
        await queue.join()
        return job

    job = asyncio.run(main())
    assert job.status is JobStatus.FAILED
    assert work.calls == 1
    assert fake_sleep.delays == []


def test_queue_default_retries(fake_sleep, flaky):
    work = flaky(1)

    async def main():
        queue = JobQueue(retries=1, sleep=fake_sleep)
        job = queue.submit(work)
        await queue.join()
        return job

    assert asyncio.run(main()).status is JobStatus.DONE
    assert work.calls == 2


def test_backoff_schedule_repeats_its_last_delay(fake_sleep, flaky):
    work = flaky(5)

    async def main():
        queue = JobQueue(sleep=fake_sleep, backoff=(1, 5, 30))
        queue.submit(work, retries=5)
        await queue.join()

    asyncio.run(main())
    assert fake_sleep.delays == [1, 5, 30, 30, 30]


@pytest.mark.parametrize("retry, delay", [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (5, 8.0), (12, 8.0)])
def test_delay_for(retry, delay):
    assert JobQueue().delay_for(retry) == delay


def test_delay_for_counts_from_one():
    with pytest.raises(ValueError):
        JobQueue().delay_for(0)
    assert DEFAULT_BACKOFF == (1.0, 2.0, 4.0, 8.0)


def test_wait_raises_the_final_exception(fake_sleep, flaky):
    work = flaky(3, exc=ValueError)

    async def main():
        queue = JobQueue(sleep=fake_sleep)
        job = queue.submit(work, retries=1)
        await queue.join()
        with pytest.raises(ValueError, match="attempt 2 failed"):
            await job.wait()

    asyncio.run(main())


def test_the_real_sleep_is_the_default():
    assert JobQueue()._sleep is asyncio.sleep
