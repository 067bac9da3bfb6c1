"""Anytime-valid comparisons of canary against baseline from per-interval counts.

A rollout gate looks at a canary every interval; a fixed-horizon test asked again at
every look loses its error guarantee. The test here keeps it at every look
(docs/statistics.md):

* Per interval ``i`` the canary had ``x_i`` of the ``m_i`` events (errors, or requests
  slower than the pooled p99) of both arms, and ``q_i`` of the requests. With the two
  arms' event rates equal, given ``m_i``, ``x_i`` is Binomial(``m_i``, ``q_i``) for
  Poisson counts (hypergeometric for per-request coin flips, which is smaller in the
  convex order, so every bound below still holds).
* Under a canary rate ``rho`` times the baseline's the canary's share of an interval's
  events is ``rho q / (rho q + 1 - q)``, and the likelihood ratio against ``rho0`` is
  ``(rho / rho0)^x ((1 - q + q rho0) / (1 - q + q rho))^m``. The product over intervals,
  mixed over a grid of ratios above ``rho0`` (:data:`MIXTURE_RATIOS`, equal weights), is
  a non-negative (super)martingale starting at 1 when the canary's ratio is at most
  ``rho0``: by Ville's inequality it ever reaches ``1 / alpha`` with probability at most
  ``alpha``. Lindon and Malek (2022) build the multinomial version of this e-process.
* ``rho0 = 1`` gives the e-value of "the canary is worse than the baseline". Each
  ``rho0`` the e-process has ever rejected at ``alpha`` is below the ratio with
  confidence ``1 - alpha`` at every look at once (a confidence sequence, Howard et al.
  2021): the lower bound is the largest grid ratio ever rejected, so it never falls.

State is recomputed from the whole series at every call: the input holds the counts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt

from gatekeeper.models._exceptions import MetricsError

FloatArray = npt.NDArray[np.float64]

MIXTURE_RATIOS: FloatArray = np.exp(np.linspace(np.log(1.1), np.log(8.0), 12))
"""Alternatives of the mixture: canary/baseline rate ratios, equal weights."""

BOUND_GRID: FloatArray = np.exp(np.arange(np.log(0.05), np.log(100.0), np.log(1.02)))
"""Null ratios tried for the lower bound (2% apart): the bound is one of them, rounded down."""

E_VALUE_CAP = 1e9
"""E-values above this are reported as it (a JSON number every engine prints alike)."""


@dataclass(frozen=True)
class CountSeries:
    """Per interval: canary events ``x``, both arms' events ``m``, canary traffic share ``q``."""

    x: FloatArray
    m: FloatArray
    q: FloatArray
    canary_events: float
    canary_requests: float
    baseline_events: float
    baseline_requests: float

    @property
    def looks(self) -> int:
        """Intervals in which both arms served requests."""
        return int(np.count_nonzero((self.q > 0) & (self.q < 1)))


@dataclass(frozen=True)
class SequentialResult:
    """The evidence at the newest look (the input's ``canary.sequential.<metric>``)."""

    e_value: float
    e_max: float
    lower_bound: float
    alpha: float
    looks: int
    canary_rate: float
    baseline_rate: float

    def as_evidence(self) -> dict[str, float | int]:
        """The input fields (docs/inputs.md, canary.sequential)."""
        return asdict(self)


def count_series(
    canary_events: FloatArray,
    canary_requests: FloatArray,
    baseline_events: FloatArray,
    baseline_requests: FloatArray,
    what: str = "events",
) -> CountSeries:
    """Per-interval counts of both arms as the test reads them.

    An interval in which either arm has no requests (or no data: NaN) carries no
    evidence and is skipped. Negative counts, or more events than requests, are refused.
    """
    arrays = [
        np.asarray(a, dtype=np.float64)
        for a in (canary_events, canary_requests, baseline_events, baseline_requests)
    ]
    if len({a.shape for a in arrays}) != 1 or arrays[0].ndim != 1:
        raise MetricsError(f"{what}: the four per-interval count series differ in length")
    ce, cn, be, bn = arrays
    used = np.isfinite(ce) & np.isfinite(cn) & np.isfinite(be) & np.isfinite(bn)
    used &= (cn > 0) & (bn > 0)
    for name, values in (("canary", ce), ("baseline", be)):
        if np.any(values[used] < 0):
            raise MetricsError(f"{what}: negative {name} count")
    if np.any(ce[used] > cn[used]) or np.any(be[used] > bn[used]):
        raise MetricsError(f"{what}: more events than requests in an interval")
    x = np.where(used, ce, 0.0)
    m = np.where(used, ce + be, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        q = np.where(used, cn / (cn + bn), 0.0)
    return CountSeries(
        x=x,
        m=m,
        q=q,
        canary_events=float(np.sum(ce[used])),
        canary_requests=float(np.sum(cn[used])),
        baseline_events=float(np.sum(be[used])),
        baseline_requests=float(np.sum(bn[used])),
    )


def log_e_process(x: FloatArray, m: FloatArray, q: FloatArray, ratio0: float = 1.0) -> FloatArray:
    """``log E_t`` at every look ``t`` (last axis) against "canary ratio <= ``ratio0``".

    ``x``, ``m``, ``q`` may carry leading axes (independent runs of a simulation).
    """
    log_r = np.log(MIXTURE_RATIOS)[:, None]  # (G, 1)
    xg, mg, qg = (np.asarray(a, dtype=np.float64)[..., None, :] for a in (x, m, q))
    step = xg * log_r - mg * (
        np.log1p(qg * (ratio0 * MIXTURE_RATIOS[:, None] - 1.0)) - np.log1p(qg * (ratio0 - 1.0))
    )
    paths = np.cumsum(step, axis=-1)  # (..., G, T)
    return _log_mean_exp(paths, axis=-2)


def _log_mean_exp(values: FloatArray, axis: int) -> FloatArray:
    top = np.max(values, axis=axis, keepdims=True)
    out: FloatArray = top + np.log(np.mean(np.exp(values - top), axis=axis, keepdims=True))
    squeezed: FloatArray = np.squeeze(out, axis=axis)
    return squeezed


_CHUNK = 32


def log_e_process_grid(
    x: FloatArray, m: FloatArray, q: FloatArray, ratios0: FloatArray
) -> FloatArray:
    """``log E_t`` against each null ratio of ``ratios0`` (rows) at every look (columns)."""
    log_r = np.log(MIXTURE_RATIOS)[None, :, None]  # (1, G, 1)
    rho0 = np.asarray(ratios0, dtype=np.float64)[:, None, None]  # (K, 1, 1)
    xs, ms, qs = (np.asarray(a, dtype=np.float64)[None, None, :] for a in (x, m, q))
    step = xs * log_r - ms * (
        np.log1p(qs * (rho0 * MIXTURE_RATIOS[None, :, None] - 1.0)) - np.log1p(qs * (rho0 - 1.0))
    )
    return _log_mean_exp(np.cumsum(step, axis=-1), axis=1)


def lower_bounds(x: FloatArray, m: FloatArray, q: FloatArray, alpha: float) -> FloatArray:
    """At every look, the anytime-valid lower confidence bound on the canary/baseline ratio.

    The largest ratio of :data:`BOUND_GRID` the e-process has rejected at ``alpha`` at
    any look so far (0 when none): never falls from one look to the next.
    """
    _check_alpha(alpha)
    log_e = np.concatenate(
        [
            log_e_process_grid(x, m, q, BOUND_GRID[start : start + _CHUNK])
            for start in range(0, BOUND_GRID.size, _CHUNK)
        ]
    )  # (K, T)
    rejected = np.maximum.accumulate(log_e >= np.log(1.0 / alpha), axis=1)
    # rejections of one look form a prefix of the grid (E falls as rho0 grows)
    prefix = np.cumprod(rejected, axis=0).astype(bool)
    count = prefix.sum(axis=0)
    return np.where(count > 0, BOUND_GRID[np.maximum(count - 1, 0)], 0.0)


def compare_counts(series: CountSeries, alpha: float) -> SequentialResult:
    """The e-value and bound at the newest look of ``series`` at level ``alpha``."""
    _check_alpha(alpha)
    if series.x.size == 0:
        raise MetricsError("no intervals to compare")
    log_e = log_e_process(series.x, series.m, series.q)
    bound = lower_bounds(series.x, series.m, series.q, alpha)
    return SequentialResult(
        e_value=_e_value(float(log_e[-1])),
        e_max=_e_value(float(np.max(log_e))),
        lower_bound=_round_down(float(bound[-1])),
        alpha=alpha,
        looks=series.looks,
        canary_rate=_rate(series.canary_events, series.canary_requests),
        baseline_rate=_rate(series.baseline_events, series.baseline_requests),
    )


def _e_value(log_e: float) -> float:
    return E_VALUE_CAP if log_e >= np.log(E_VALUE_CAP) else float(np.exp(log_e))


def _round_down(bound: float, digits: int = 4) -> float:
    """``bound`` to ``digits`` significant digits, rounded down (a lower bound stays one)."""
    if bound <= 0:
        return 0.0
    scale = 10.0 ** (digits - 1 - int(np.floor(np.log10(bound))))
    return float(np.floor(bound * scale) / scale)


def _rate(events: float, requests: float) -> float:
    return events / requests if requests > 0 else 0.0


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise MetricsError(f"alpha must be within (0, 1), got {alpha}")
