from .queue import DispatchQueue, DuplicateJob, Empty, Job, QueueFull

__all__ = ["DispatchQueue", "DuplicateJob", "Empty", "Job", "QueueFull"]
