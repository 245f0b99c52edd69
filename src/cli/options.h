#pragma once

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
// Prints "faultwatch-cli NAME: message" to stderr.
void printError(const QString &command, const QString &message);

} // namespace fw::cli
