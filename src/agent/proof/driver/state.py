"""Process-wide state the driver and its forked children share (the spec, the token pipe, the zygote's
index), the start time, and the one way results are written (atomically, as JSON)."""

import json
import os
import time
from typing import Any

IMPORT = "<import>"
T0 = time.monotonic()


_SPEC: dict[str, Any] = {}


_TOKENS: list[int] = []
"""Read and write ends of the job-token pipe (one byte per worker), shared by the driver and the zygote."""


_ZYGOTE: dict[str, Any] = {}


def _write(path, data):
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)
