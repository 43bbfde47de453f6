#include "common/language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace {
const QString kKey = QStringLiteral("language");
// The translators apply() installed last, owned by the application.
QPointer<QTranslator> g_qt;
QPointer<QTranslator> g_own;

void replace(QPointer<QTranslator>& slot, QTranslator* next) {
    if (slot) {
        QCoreApplication::removeTranslator(slot);
        delete slot;
    }
    slot = next;
    if (next) QCoreApplication::installTranslator(next);
}
}  // namespace

QString Language::setting() {
    return QSettings().value(kKey).toString();
}

void Language::setSetting(const QString& code) {
    QSettings().setValue(kKey, code);
}

void Language::apply(const QString& code) {
    // The system's own locale when it speaks the chosen language (or is C, whose texts
    // are English): choosing English on an en_GB or C system keeps its date formats
    // instead of switching to en_US.
    const QLocale system = QLocale::system();
    const QLocale chosen(code);
    const bool systemSpeaksIt =
        system.language() == chosen.language() ||
        (system.language() == QLocale::C && chosen.language() == QLocale::English);
    const QLocale locale = code.isEmpty() || systemSpeaksIt ? system : chosen;
    QLocale::setDefault(locale);
    auto* app = QCoreApplication::instance();
    auto* qt = new QTranslator(app);
    if (!qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        delete qt;
        qt = nullptr;
    }
    auto* own = new QTranslator(app);
    if (!own->load(locale, QStringLiteral("tablespan"), QStringLiteral("_"),
                   QStringLiteral(":/i18n"))) {
        delete own;
        own = nullptr;
    }
    replace(g_qt, qt);
    replace(g_own, own);
}
