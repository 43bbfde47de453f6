#pragma once

// The console's language: the choice saved in the settings ("" follows the system) and
// the translators that carry it out (Tablespan's own and Qt's), replaced in place when
// the user picks another language.

#include <QString>

namespace Language {
// The saved choice: "", "en", "de" or "ja".
QString setting();
void setSetting(const QString& code);
// Installs the translators for `code` ("" follows the system), removing the ones an
// earlier call installed; sets the default QLocale to match.
void apply(const QString& code);
}  // namespace Language
