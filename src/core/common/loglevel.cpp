#include "common/loglevel.h"

#include <QLoggingCategory>

namespace fw {

bool applyLogLevel(const QString &level)
{
    const QString l = level.trimmed().toLower();
    QString rules;
    if (l == u"debug") {
        rules = QStringLiteral("*.debug=true");
    } else if (l == u"info") {
        rules = QStringLiteral("*.debug=false\n*.info=true");
    } else if (l == u"warning" || l == u"warn") {
        rules = QStringLiteral("*.debug=false\n*.info=false");
    } else if (l == u"error") {
        rules = QStringLiteral("*.debug=false\n*.info=false\n*.warning=false");
    } else {
        return false;
    }
    QLoggingCategory::setFilterRules(rules);
    return true;
}

} // namespace fw
