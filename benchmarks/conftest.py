"""Benchmarks are pytest-benchmark tests; in CI they run once with --benchmark-disable."""
