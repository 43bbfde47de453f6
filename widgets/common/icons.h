#pragma once

#include <QIcon>
#include <QString>

// A console icon drawn in resources/icons/<name>.svg (scales for high-DPI screens).
inline QIcon icon(const QString& name) {
    return QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg"));
}
