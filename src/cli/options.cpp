#include "options.h"

#include <QTextStream>

namespace fw::cli {

std::optional<double> numberOption(const QCommandLineParser &parser, const QString &name,
                                   double fallback, double minimum, double maximum)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || !(value >= minimum && value <= maximum)) {
        QTextStream(stderr) << "--" << name << ": expected a number from " << minimum << " to "
                            << maximum << ", got '" << parser.value(name) << "'\n";
        return std::nullopt;
    }
    return value;
}

std::optional<qulonglong> integerOption(const QCommandLineParser &parser, const QString &name,
                                        qulonglong fallback)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const qulonglong value = parser.value(name).toULongLong(&ok);
    if (!ok) {
        QTextStream(stderr) << "--" << name << ": expected a non-negative integer, got '"
                            << parser.value(name) << "'\n";
        return std::nullopt;
    }
    return value;
}

void printError(const QString &command, const QString &message)
{
    QTextStream(stderr) << "faultwatch-cli " << command << ": " << message << "\n";
}

} // namespace fw::cli
