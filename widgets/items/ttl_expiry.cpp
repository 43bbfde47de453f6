#include "items/ttl_expiry.h"

#include <cmath>

#include <QDateTime>
#include <QLocale>

using tablespan::Json;

namespace {
// The service's "five years": 365-day years, as the engine's sweeper counts them.
constexpr qint64 kFiveYearsSeconds = qint64{5} * 365 * 24 * 60 * 60;
constexpr qint64 kLastSecond = 253'402'300'799;  // 9999-12-31T23:59:59Z

QString dateTime(qint64 seconds) {
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(seconds),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
}  // namespace

std::optional<qint64> TtlExpiry::seconds(const Json& item, const std::string& attribute,
                                         qint64 nowMs) {
    if (!item.is_object()) return std::nullopt;
    const auto it = item.find(attribute);
    if (it == item.end() || !it->is_object()) return std::nullopt;
    const auto number = it->find("N");
    if (number == it->end() || !number->is_string()) return std::nullopt;
    bool ok = false;
    const double value = QString::fromStdString(number->get<std::string>()).toDouble(&ok);
    if (!ok || !std::isfinite(value)) return std::nullopt;
    const double floor = std::floor(value);
    if (floor < static_cast<double>(nowMs / 1000 - kFiveYearsSeconds) ||
        floor > static_cast<double>(kLastSecond))
        return std::nullopt;
    return static_cast<qint64>(floor);
}

QString TtlExpiry::relative(qint64 seconds, qint64 nowMs) {
    const qint64 now = nowMs / 1000;
    const qint64 span = std::abs(seconds - now);
    const QLocale locale;
    const QString amount = span < 60          ? tr("%1 s").arg(locale.toString(span))
                           : span < 3600      ? tr("%1 min").arg(locale.toString(span / 60))
                           : span < 2 * 86400 ? tr("%1 h").arg(locale.toString(span / 3600))
                                              : tr("%1 d").arg(locale.toString(span / 86400));
    // The sweeper deletes expired items later (the service: within a few days); until
    // then reads return them.
    return seconds > now ? tr("in %1").arg(amount)
                         : tr("expired %1 ago, pending deletion").arg(amount);
}

QString TtlExpiry::text(qint64 seconds, qint64 nowMs) {
    return tr("%1 · %2", "expiry: local date and time · relative time")
        .arg(dateTime(seconds), relative(seconds, nowMs));
}

QString TtlExpiry::toolTip(qint64 seconds, qint64 nowMs, const QString& attribute) {
    return seconds > nowMs / 1000
               ? tr("Expires at %1 (local time), from its “%2” attribute. DynamoDB then "
                    "deletes the item within a few days.")
                     .arg(dateTime(seconds), attribute)
               : tr("Expired at %1 (local time), from its “%2” attribute. DynamoDB deletes "
                    "the item within a few days; until then reads still return it.")
                     .arg(dateTime(seconds), attribute);
}
