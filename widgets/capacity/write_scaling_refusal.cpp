#include "capacity/write_scaling_refusal.h"

bool WriteScalingRefusal::matches(const tablespan::Result& result) {
    return !result.ok() && result.error->type == "ValidationException" &&
           result.error->message.find(
               "write capacity should either be Pay-Per-Request or "
               "AutoScaled") != std::string::npos;
}

QString WriteScalingRefusal::explanation(const QString& table, const tablespan::Result& result) {
    const bool index = result.error->message.starts_with("GSI");
    const QString why =
        index ? tr("A global secondary index of %1 has provisioned write capacity without auto "
                   "scaling.")
                    .arg(table)
              : tr("%1 has provisioned write capacity without auto scaling.").arg(table);
    return why + QLatin1Char(' ') +
           tr("DynamoDB adds replicas only to a table whose write capacity, and that of each "
              "global secondary index, is auto scaled or on-demand, so that every replica keeps "
              "up with the writes replicated to it. Turn on write auto scaling, or switch the "
              "table to on-demand capacity in its Settings, then create the replica again.") +
           QLatin1Char('\n') +
           tr("DynamoDB said: %1").arg(QString::fromStdString(result.error->message));
}
