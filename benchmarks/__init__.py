"""Speed and memory figures, each against a baseline measured in the same run.

Run all with `python -m benchmarks` (or name some: `python -m benchmarks loading`).
Each module has `run() -> list[Figure]`; register it in `benchmarks/__main__.py`.
"""
