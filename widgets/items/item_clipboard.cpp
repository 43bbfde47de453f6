#include "items/item_clipboard.h"

#include <QClipboard>
#include <QGuiApplication>

#include "items/item_json.h"

namespace ItemClipboard {

QString text(const QList<tablespan::Json>& items, Format format) {
    const auto one = [format](const tablespan::Json& item) {
        return format == Format::Dynamo ? ItemJson::toDynamoText(item)
                                        : ItemJson::toPlainText(item);
    };
    if (items.isEmpty()) return {};
    if (items.size() == 1) return one(items.first());
    QStringList parts;
    for (const auto& item : items) parts << one(item);
    return QStringLiteral("[\n") + parts.join(QStringLiteral(",\n")) + QStringLiteral("\n]");
}

void copy(const QList<tablespan::Json>& items, Format format) {
    if (items.isEmpty()) return;
    QGuiApplication::clipboard()->setText(text(items, format));
}

}  // namespace ItemClipboard
