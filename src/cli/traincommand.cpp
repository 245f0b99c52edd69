#include "commands.h"
#include "options.h"
#include "service/trainrun.h"
#include "trainoptions.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

namespace fw::cli {

int train(const QStringList &arguments)
{
    const QString command = QStringLiteral("train");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "train",
        "Trains an Isolation Forest detector on a nominal recording (csv or jsonl, as written by "
        "simulate or a recorder; SKAB's ';' files with --profile skab) and writes the model file. "
        "Prints one JSON summary line on stdout: rows, features, calibration rows, confidence "
        "threshold, SHA-256. Warnings about the model go to stderr."));
    parser.addHelpOption();
    parser.addOptions({
        makeOption("train", "input", "Recording to train on (.csv, .jsonl).", "FILE"),
        makeOption("train", "output", "Model file to write.", "FILE"),
        makeOption("train", "profile",
                   "Profile: spacecraft, ev, skab or a profile file (default spacecraft).", "P"),
        makeOption("train", "calibration",
                   "A separate nominal recording to calibrate on, instead of holding out "
                   "--calibration-fraction of the input.",
                   "FILE"),
    });
    parser.addOptions(trainOptions("train"));
    if (const std::optional<int> exit = parseArguments(parser, arguments, command)) {
        return *exit;
    }
    if (!parser.positionalArguments().isEmpty()) {
        printError(command, QStringLiteral("unexpected argument '%1'")
                                .arg(parser.positionalArguments().constFirst()));
        return kExitUsage;
    }
    if (!parser.isSet(QStringLiteral("input")) || !parser.isSet(QStringLiteral("output"))) {
        printError(command, QStringLiteral("--input FILE and --output FILE are required "
                                           "(see --help)"));
        return kExitUsage;
    }
    if (parser.isSet(QStringLiteral("calibration"))
        && parser.isSet(QStringLiteral("calibration-fraction"))) {
        printError(command, QStringLiteral("give --calibration or --calibration-fraction, not "
                                           "both"));
        return kExitUsage;
    }
    const std::optional<Profile> profile = profileOption(parser, command);
    if (!profile) {
        return kExitUsage;
    }
    QString error;
    const auto detector = readTrainOptions(parser);
    if (!detector) {
        return kExitUsage;
    }
    TrainOptions options;
    options.input = parser.value(QStringLiteral("input"));
    options.output = parser.value(QStringLiteral("output"));
    options.calibrationInput = parser.value(QStringLiteral("calibration"));
    options.profile = *profile;
    options.detector = *detector;

    const auto summary = runTrain(options, &error);
    if (!summary) {
        printError(command, error);
        return kExitFailure;
    }
    QTextStream err(stderr);
    if (skippedCount(summary->errors) > 0) {
        err << "faultwatch-cli train: " << options.input << ": skipped "
            << skippedCount(summary->errors) << " lines (" << skippedText(summary->errors) << ")\n";
    }
    for (const std::string &warning : summary->warnings) {
        err << "faultwatch-cli train: warning: " << QString::fromStdString(warning) << "\n";
    }
    err << "faultwatch-cli train: wrote " << options.output << " (sha256 " << summary->sha256
        << ")\n";
    err.flush();
    QTextStream(stdout) << QJsonDocument(summary->toJson(options)).toJson(QJsonDocument::Compact)
                        << "\n";
    return 0;
}

} // namespace fw::cli
