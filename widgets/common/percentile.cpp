#include "common/percentile.h"

#include <algorithm>
#include <cmath>

namespace Percentile {

double of(QList<double> samples, double p) {
    if (samples.isEmpty()) return -1;
    const auto n = samples.size();
    auto rank = static_cast<qsizetype>(std::ceil(p / 100.0 * static_cast<double>(n)));
    rank = std::clamp<qsizetype>(rank, 1, n);
    std::nth_element(samples.begin(), samples.begin() + (rank - 1), samples.end());
    return samples[rank - 1];
}

}  // namespace Percentile
