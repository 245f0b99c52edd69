#include "options.h"

#include "commands.h"
#include "service/httpservice.h"

#include <QCoreApplication>
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

std::optional<qulonglong> integerOption(const QCommandLineParser &parser, const QString &name,
                                        qulonglong fallback, qulonglong minimum, qulonglong maximum)
{
    if (!parser.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const qulonglong value = parser.value(name).toULongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        QTextStream(stderr) << "--" << name << ": expected an integer from " << minimum << " to "
                            << maximum << ", got '" << parser.value(name) << "'\n";
        return std::nullopt;
    }
    return value;
}

QCommandLineOption makeOption(const char *context, const char *name, const char *description,
                              const char *value)
{
    const QString text = QCoreApplication::translate(context, description);
    return value ? QCommandLineOption(QString::fromLatin1(name), text, QString::fromLatin1(value))
                 : QCommandLineOption(QString::fromLatin1(name), text);
}

void printError(const QString &command, const QString &message)
{
    QTextStream(stderr) << "faultwatch-cli " << command << ": " << message << "\n";
}

std::optional<Profile> profileOption(const QCommandLineParser &parser, const QString &command)
{
    const QString name = parser.isSet(QStringLiteral("profile"))
                             ? parser.value(QStringLiteral("profile"))
                             : QStringLiteral("spacecraft");
    QString error;
    std::optional<Profile> profile = Profile::load(name, &error);
    if (!profile) {
        printError(command, error);
    }
    return profile;
}

std::optional<int> parseArguments(QCommandLineParser &parser, const QStringList &arguments,
                                  const QString &command)
{
    if (!parser.parse(arguments)) {
        printError(command, parser.errorText() + QStringLiteral(" (see --help)"));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // QCommandLineParser names the program by its path; say which command this is.
        QString help = parser.helpText();
        const qsizetype endOfUsage = help.indexOf(u'\n');
        const QString options = help.left(endOfUsage).section(u' ', 2);
        help.replace(0, endOfUsage,
                     QStringLiteral("Usage: faultwatch-cli %1 %2").arg(command, options));
        QTextStream(stdout) << help;
        return 0;
    }
    return std::nullopt;
}

namespace {

std::optional<SourceChoice> sourceChoice(const QCommandLineParser &parser, const QString &command,
                                         const QString &uriText)
{
    QString error;
    std::optional<SourceUri> uri = SourceUri::parse(uriText, &error);
    if (!uri) {
        printError(command, error);
        return std::nullopt;
    }
    QString profileName = parser.value(QStringLiteral("profile"));
    if (profileName.isEmpty()) {
        profileName
            = uri->scheme == SourceUri::Scheme::Sim ? uri->profile : QStringLiteral("spacecraft");
    }
    std::optional<Profile> profile = Profile::load(profileName, &error);
    if (!profile) {
        printError(command, error);
        return std::nullopt;
    }
    return SourceChoice{std::move(*uri), std::move(*profile)};
}

} // namespace

std::optional<SourceChoice> chosenSource(const QCommandLineParser &parser, const QString &command)
{
    if (!parser.isSet(QStringLiteral("source"))) {
        printError(command, QStringLiteral("--source is required"));
        return std::nullopt;
    }
    return sourceChoice(parser, command, parser.value(QStringLiteral("source")));
}

std::optional<SourceChoice> chosenSourceOrEnvironment(const QCommandLineParser &parser,
                                                      const QString &command)
{
    if (parser.isSet(QStringLiteral("source"))) {
        return sourceChoice(parser, command, parser.value(QStringLiteral("source")));
    }
    const QString fromEnvironment = qEnvironmentVariable("FAULTWATCH_SOURCE");
    if (fromEnvironment.isEmpty()) {
        printError(command, QStringLiteral("--source (or FAULTWATCH_SOURCE) is required"));
        return std::nullopt;
    }
    return sourceChoice(parser, command, fromEnvironment);
}

QString httpAddressDefault()
{
    const QString fromEnvironment = qEnvironmentVariable("FAULTWATCH_HTTP");
    return fromEnvironment.isEmpty() ? QStringLiteral("127.0.0.1:9917") : fromEnvironment;
}

bool tokenFromOptions(const QCommandLineParser &parser, const QCommandLineOption &fileOption,
                      QByteArray *token, QString *error)
{
    if (parser.isSet(fileOption)) {
        return readTokenFile(parser.value(fileOption), token, error);
    }
    *token = qEnvironmentVariable("FAULTWATCH_HTTP_TOKEN").trimmed().toUtf8();
    return true;
}

} // namespace fw::cli
