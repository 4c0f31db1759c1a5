"""Settings for bench/bench_serve.py: the shop's own settings plus one trivial view as the ceiling.

Nothing here changes how the shop behaves; the extra URL only exists in the benchmark's server.
"""

from shop.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
