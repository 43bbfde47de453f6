#include "monitoring/capacity_points.h"

namespace CapacityPoints {

namespace {
struct Period {
    qint64 start = 0;
    int seconds = 0;  // seconds of the period the engine has samples for
    double read = 0, write = 0, replicated = 0;
    double provisionedRead = 0, provisionedWrite = 0;  // summed over the seconds
    qint64 throttledRead = 0, throttledWrite = 0;
    bool provisioned = false, capped = false;
    bool limitRead = false, limitWrite = false;  // some second had a line to draw
};
}  // namespace

Points make(const std::vector<tablespan::CapacitySample>& samples, int periodSeconds,
            tablespan::Millis now) {
    const qint64 length = qint64{periodSeconds} * 1000;
    const qint64 current = now - now % length;
    QList<Period> periods;
    for (const auto& s : samples) {
        const qint64 start = s.second - s.second % length;
        if (periods.isEmpty() || periods.back().start != start) periods.append(Period{start});
        Period& p = periods.back();
        ++p.seconds;
        p.read += s.consumed_read;
        p.write += s.consumed_write;
        p.replicated += s.replicated_write;
        p.throttledRead += s.throttled_read_requests;
        p.throttledWrite += s.throttled_write_requests;
        p.provisioned = s.provisioned;
        const double limitRead = s.provisioned ? s.provisioned_read : s.max_read;
        const double limitWrite = s.provisioned ? s.provisioned_write : s.max_write;
        p.capped = !s.provisioned && (s.max_read > 0 || s.max_write > 0);
        p.provisionedRead += limitRead;
        p.provisionedWrite += limitWrite;
        p.limitRead = p.limitRead || s.provisioned || s.max_read > 0;
        p.limitWrite = p.limitWrite || s.provisioned || s.max_write > 0;
    }
    Points out;
    for (const Period& p : periods) {
        const double x = static_cast<double>(p.start - current) / static_cast<double>(length);
        // The average per second over the seconds measured: a period the engine saw only
        // in part (the current one, or the table's first) is not diluted by the rest.
        const double seconds = p.seconds;
        out.lines[ConsumedRead] << QPointF(x, p.read / seconds);
        out.lines[ConsumedWrite] << QPointF(x, p.write / seconds);
        out.lines[ReplicatedWrite] << QPointF(x, p.replicated / seconds);
        out.lines[ThrottledRead] << QPointF(x, static_cast<double>(p.throttledRead));
        out.lines[ThrottledWrite] << QPointF(x, static_cast<double>(p.throttledWrite));
        if (p.limitRead) out.lines[ProvisionedRead] << QPointF(x, p.provisionedRead / seconds);
        if (p.limitWrite) out.lines[ProvisionedWrite] << QPointF(x, p.provisionedWrite / seconds);
    }
    if (!periods.isEmpty()) {
        out.provisioned = periods.back().provisioned;
        out.onDemandMaximum = periods.back().capped;
    }
    return out;
}

}  // namespace CapacityPoints
