#pragma once

// Percentiles of latency samples, as the console reports them (p50, p99).

#include <QList>

namespace Percentile {
// The nearest-rank percentile `p` (0 < p ≤ 100) of `samples`: the smallest sample at or
// below which at least p % of the samples lie. -1 when there are none.
double of(QList<double> samples, double p);
}  // namespace Percentile
