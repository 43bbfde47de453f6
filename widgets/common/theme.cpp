#include "common/theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

namespace {
QPalette darkPalette() {
    QPalette p;
    const QColor window(0x23, 0x2b, 0x37), base(0x16, 0x1d, 0x26), text(0xe9, 0xeb, 0xed);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Highlight, QColor(0x53, 0x9f, 0xe5));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Link, QColor(0x89, 0xbd, 0xee));
    p.setColor(QPalette::PlaceholderText, QColor(0x8d, 0x99, 0xa8));
    p.setColor(QPalette::Mid, QColor(0x8d, 0x99, 0xa8));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x6c, 0x75, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x6c, 0x75, 0x80));
    p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x6c, 0x75, 0x80));
    return p;
}

QPalette lightPalette() {
    QPalette p = QStyleFactory::create(QStringLiteral("Fusion"))->standardPalette();
    p.setColor(QPalette::Window, QColor(0xf2, 0xf3, 0xf3));
    p.setColor(QPalette::Highlight, QColor(0x00, 0x73, 0xbb));
    p.setColor(QPalette::Mid, QColor(0x5f, 0x6b, 0x7a));
    return p;
}
}  // namespace

void Theme::apply(Mode mode) {
    if (mode == Mode::System) {
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(mode == Mode::Dark ? darkPalette() : lightPalette());
}

Theme::Mode Theme::fromString(const QString& name) {
    if (name == QLatin1String("light")) return Mode::Light;
    if (name == QLatin1String("dark")) return Mode::Dark;
    return Mode::System;
}

QString Theme::toString(Mode mode) {
    switch (mode) {
        case Mode::Light:
            return QStringLiteral("light");
        case Mode::Dark:
            return QStringLiteral("dark");
        default:
            return QStringLiteral("system");
    }
}
