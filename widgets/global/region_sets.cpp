#include "global/region_sets.h"

namespace {
const QList<QStringList>& sets() {
    static const QList<QStringList> s = {
        {QStringLiteral("us-east-1"), QStringLiteral("us-east-2"), QStringLiteral("us-west-2")},
        {QStringLiteral("eu-west-1"), QStringLiteral("eu-west-2"), QStringLiteral("eu-west-3"),
         QStringLiteral("eu-central-1")},
        {QStringLiteral("ap-northeast-1"), QStringLiteral("ap-northeast-2"),
         QStringLiteral("ap-northeast-3")}};
    return s;
}
}  // namespace

namespace RegionSets {

QStringList setOf(const QString& region) {
    for (const QStringList& set : sets())
        if (set.contains(region)) return set;
    return {};
}

QList<QStringList> all() {
    return sets();
}

QString nameOf(const QString& region) {
    static const QString names[] = {QStringLiteral("US"), QStringLiteral("EU"),
                                    QStringLiteral("AP")};
    for (int i = 0; i < sets().size(); ++i)
        if (sets()[i].contains(region)) return names[i];
    return {};
}

}  // namespace RegionSets
