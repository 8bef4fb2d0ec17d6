"""What every benchmark shares: a figure with its target, and a careful timer."""

from __future__ import annotations

import dataclasses
import gc
import statistics
import time
from collections.abc import Callable


@dataclasses.dataclass(frozen=True)
class Figure:
    """One measured figure and the target it is held to."""

    name: str
    value: float
    target: float | None
    """None: a figure reported, held to no target."""
    unit: str = "x"
    detail: str = ""
    higher_is_better: bool = False
    skipped: str = ""
    """Why it could not be measured here (no PostgreSQL server): said, never failed."""

    @property
    def met(self) -> bool:
        if self.skipped or self.target is None:
            return True
        return self.value >= self.target if self.higher_is_better else self.value <= self.target

    def line(self) -> str:
        if self.skipped:
            return f"skip {self.name}: {self.skipped}"
        if self.target is None:
            detail = f"  ({self.detail})" if self.detail else ""
            return f"info {self.name}: {self.value:.3g} {self.unit}{detail}"
        op = ">=" if self.higher_is_better else "<="
        verdict = "ok  " if self.met else "MISS"
        detail = f"  ({self.detail})" if self.detail else ""
        return (
            f"{verdict} {self.name}: {self.value:.3g} {self.unit} "
            f"(target {op} {self.target:g} {self.unit}){detail}"
        )


def best_time(fn: Callable[[], object], repeat: int = 5, number: int = 1) -> float:
    """The fastest of `repeat` runs of `number` calls, in seconds per call.

    The minimum is the figure least disturbed by the rest of the machine.
    """
    return compare([fn], repeat, number)[0]


def compare(
    fns: list[Callable[[], object]],
    repeat: int = 7,
    number: int = 1,
    clock: Callable[[], float] = time.process_time,
) -> list[float]:
    """The best CPU time per call of each function, their runs interleaved.

    CPU time of this process (not wall time) and interleaving keep a busy machine from
    favouring whichever function happened to run in a quiet moment. Each function's
    results are freed after its clock stops, for every function alike. A query run by a
    database server spends its time in another process: time it with `time.perf_counter`.
    """
    return [min(runs) for runs in timings(fns, repeat, number, clock)]


def timings(
    fns: list[Callable[[], object]],
    repeat: int = 7,
    number: int = 1,
    clock: Callable[[], float] = time.process_time,
) -> list[list[float]]:
    """Every run's time per call of each function, in run order, as `compare` takes them."""
    runs: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            gc.collect()
            start = clock()
            # Results are kept until the clock stops: what is measured is making them,
            # not also freeing them when the caller lets go.
            results = [fn() for _ in range(number)]
            runs[i].append((clock() - start) / number)
            del results
    return runs


def paired_ratio(ours: list[float], base: list[float]) -> float:
    """The median over runs of each run's time against the baseline's run of the same
    round: a run and its baseline are taken a moment apart, so a change in the shared
    machine's load between rounds touches both, where the two minima may come from
    rounds far apart."""
    return statistics.median(o / b for o, b in zip(ours, base, strict=True))


@dataclasses.dataclass(frozen=True)
class Paired:
    """Two functions timed in pairs: the median of each pair's ratio, and more."""

    ratio: float
    """The median over rounds of `other / base`, each pair timed back to back."""
    base: float
    other: float
    """The median CPU time per call of each, in seconds."""
    best_ratio: float
    """The fastest `other` over the fastest `base` (what `compare` gives)."""


def time_pairs(
    base: Callable[[], object],
    other: Callable[[], object],
    rounds: int = 11,
    clock: Callable[[], float] = time.process_time,
) -> Paired:
    """`other`'s cost over `base`'s, timed as pairs back to back, their order alternated.

    On a machine others share, the fastest run of each (as `compare` takes) can come
    from different moments, and one lucky `base` swings the ratio by a third. A pair
    run back to back shares its moment, so each pair's ratio is much steadier; the
    median of the pairs' ratios is the figure. Results are freed after the clock stops.
    """
    base_times: list[float] = []
    other_times: list[float] = []
    for i in range(rounds):
        order = [(base, base_times), (other, other_times)]
        for fn, times in order if i % 2 == 0 else order[::-1]:
            gc.collect()
            start = clock()
            result = fn()
            times.append(clock() - start)
            del result
    ratios = [o / b for b, o in zip(base_times, other_times, strict=True)]
    return Paired(
        statistics.median(ratios),
        statistics.median(base_times),
        statistics.median(other_times),
        min(other_times) / min(base_times),
    )
