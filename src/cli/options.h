#pragma once

#include "io/sourceuri.h"
#include "telemetry/profile.h"

#include <QCommandLineParser>
#include <QString>

#include <optional>

namespace fw::cli {

// Reads a numeric option; on a bad value prints "--name: expected ..." and returns nullopt.
[[nodiscard]] std::optional<double> numberOption(const QCommandLineParser &parser,
                                                 const QString &name, double fallback,
                                                 double minimum, double maximum);
[[nodiscard]] std::optional<qulonglong> integerOption(const QCommandLineParser &parser,
                                                      const QString &name, qulonglong fallback);
// An integer option from minimum to maximum; prints the expected range on a bad value.
[[nodiscard]] std::optional<qulonglong> integerOption(const QCommandLineParser &parser,
                                                      const QString &name, qulonglong fallback,
                                                      qulonglong minimum, qulonglong maximum);
// An option whose description is translated in `context` (the command's name).
[[nodiscard]] QCommandLineOption makeOption(const char *context, const char *name,
                                            const char *description, const char *value = nullptr);
// Prints "faultwatch-cli NAME: message" to stderr.
void printError(const QString &command, const QString &message);
// The profile --profile names, or spacecraft; prints the reason and returns nullopt when it
// cannot be loaded.
[[nodiscard]] std::optional<Profile> profileOption(const QCommandLineParser &parser,
                                                   const QString &command);
// The source a command reads: the URI of --source (required) and the profile of --profile,
// which defaults to the sim:// URI's profile, else spacecraft. Prints the reason and returns
// nullopt when either is missing or bad.
struct SourceChoice
{
    SourceUri uri;
    Profile profile;
};
[[nodiscard]] std::optional<SourceChoice> chosenSource(const QCommandLineParser &parser,
                                                       const QString &command);
// As above, but without --source the URI is $FAULTWATCH_SOURCE: how a systemd unit's
// EnvironmentFile or a container's environment configures serve.
[[nodiscard]] std::optional<SourceChoice>
chosenSourceOrEnvironment(const QCommandLineParser &parser, const QString &command);
// The --http default of serve and health: $FAULTWATCH_HTTP, else 127.0.0.1:9917.
[[nodiscard]] QString httpAddressDefault();
// The bearer token: the first line of the token file option when set, else
// $FAULTWATCH_HTTP_TOKEN (trimmed), else empty. False with a reason when the file is unreadable
// or empty.
[[nodiscard]] bool tokenFromOptions(const QCommandLineParser &parser,
                                    const QCommandLineOption &fileOption, QByteArray *token,
                                    QString *error);
// Parses a command's arguments. On --help prints the help (as "faultwatch-cli NAME") and returns
// 0; on an unknown option or missing value prints the error and returns kExitUsage; otherwise
// returns nullopt and the command goes on.
[[nodiscard]] std::optional<int>
parseArguments(QCommandLineParser &parser, const QStringList &arguments, const QString &command);

} // namespace fw::cli
