#pragma once

#include <QLocale>

class QCoreApplication;

namespace fw {

// Installs Qt's own translations and the console's (built into the binary under :/i18n) for
// locale. Returns whether the console has a translation for it; English needs none.
bool installTranslations(QCoreApplication &app, const QLocale &locale);

} // namespace fw
