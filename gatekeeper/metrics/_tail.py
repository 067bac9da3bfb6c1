"""Per interval, how many of each arm's requests are slower than the pooled p99.

Within one interval both arms' latencies are pooled and the pooled 99th percentile
(linear interpolation) is the line: it depends on the pooled values only, not on which
arm served which request. With the two arms' latencies alike, the canary's share of the
requests above the line is then its share of the traffic (the labels are exchangeable),
which is what the sequential count test compares (docs/statistics.md, Latency). The
counts go into each arm's ``slow_requests`` series.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from gatekeeper.metrics._samples import ArmSamples

FloatArray = npt.NDArray[np.float64]
TAIL_PERCENTILE = 99.0
SLOW_METRIC = "slow_requests"


def pooled_tail_counts(
    canary: ArmSamples, baseline: ArmSamples, start: float, interval_seconds: int, count: int
) -> tuple[FloatArray, FloatArray]:
    """Per interval, the canary's and the baseline's requests above the pooled p99.

    NaN where either arm served no request in the interval.
    """
    bounds = {arm.arm: _bounds(arm, start, interval_seconds, count) for arm in (canary, baseline)}
    out = np.full((2, count), np.nan)
    for k in range(count):
        slices = [
            arm.latency_ms[bounds[arm.arm][k] : bounds[arm.arm][k + 1]]
            for arm in (canary, baseline)
        ]
        if not all(s.size for s in slices):
            continue
        line = np.percentile(np.concatenate(slices), TAIL_PERCENTILE)
        out[:, k] = [np.count_nonzero(s > line) for s in slices]
    return out[0], out[1]


def _bounds(
    samples: ArmSamples, start: float, interval_seconds: int, count: int
) -> npt.NDArray[np.intp]:
    index = np.floor((samples.timestamp - start) / interval_seconds).astype(np.int64)
    index = np.minimum(index, count - 1)
    return np.searchsorted(index, np.arange(count + 1), side="left")
