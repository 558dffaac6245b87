"""Statistics the benchmark report shares."""
import math


def median_interval(values, z=1.96):
    """A 95% confidence interval for the median of `values` that assumes no
    distribution: the order statistics n/2 -+ z*sqrt(n)/2 (how many values fall below
    the median is binomial; normal approximation). With 48 values: the 18th and 31st."""
    v = sorted(values)
    k = max(int((len(v) - z * math.sqrt(len(v))) / 2), 0)
    return v[k], v[len(v) - 1 - k]


def requests_per_s(batch_size, batch_ns):
    """Requests per second of batches of `batch_size` that took `batch_ns` each."""
    return batch_size * len(batch_ns) * 1e9 / sum(batch_ns)
