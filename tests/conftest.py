"""Shared test settings: Hypothesis profiles (few examples locally, more in CI).

- ``dev`` (the default): 60 examples, fresh random draws on every run;
- ``ci``: 200 examples, derandomized, so that CI's verdict on a commit is repeatable;
- ``fresh``: 200 examples with fresh random draws, the second pass ``.ci/run`` makes
  over the property tests so that a failure no fixed seed shows is seen before landing;
- ``thorough``: 2,000 fresh examples, for a long run by hand after changing an engine.

Choose one with ``HYPOTHESIS_PROFILE=name``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fresh",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)
