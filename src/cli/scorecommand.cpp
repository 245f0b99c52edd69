#include "commands.h"
#include "detect/modelfile.h"
#include "options.h"
#include "service/scorerun.h"
#include "trainoptions.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTextStream>

namespace fw::cli {

namespace {

// Prints the problem and returns the usage exit code.
int usage(const QString &message)
{
    printError(QStringLiteral("score"), message);
    return kExitUsage;
}

void printReport(const ScoreOptions &options, const ScoreSummary &summary)
{
    QTextStream err(stderr);
    for (const std::string &warning : summary.warnings) {
        err << "faultwatch-cli score: warning: " << QString::fromStdString(warning) << "\n";
    }
    if (skippedCount(summary.errors) > 0) {
        err << "faultwatch-cli score: " << options.input << ": skipped "
            << skippedCount(summary.errors) << " lines (" << skippedText(summary.errors) << "); "
            << options.output << " has one row per decoded sample\n";
    }
    err << "faultwatch-cli score: wrote " << summary.rows << " rows to " << options.output << "\n";
    if (summary.labeled && summary.unlabeledRows > 0) {
        err << "faultwatch-cli score: " << summary.unlabeledRows
            << " scored rows have no label and are left out of the metrics\n";
    }
}

} // namespace

int score(const QStringList &arguments)
{
    const QString command = QStringLiteral("score");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "score",
        "Runs the detector over a recording (csv or jsonl) and writes one result row per decoded "
        "sample, in order: t, score, confidence, alarm (0/1), severity, and one attribution "
        "column per channel. The model is --model, or one trained on the first --train-rows "
        "rows of the input (the SKAB protocol), or $MODEL_PATH.\n\n"
        "With labels (--labels-column or --labels), also counts the alarm column against them "
        "point-wise: precision, recall, F1, false-alarm rate FP/(FP+TN) and missed-alarm rate "
        "FN/(FN+TP). With --train-rows the training rows are scored into OUT but left out of "
        "the metrics, as the SKAB leaderboard does: the forest has seen them. Prints one JSON "
        "summary line on stdout (rows, scored rows, alarms, tp/fp/fn/tn and the rates); "
        "messages go to stderr."));
    parser.addHelpOption();
    parser.addOptions({
        makeOption("score", "input", "Recording to score (.csv, .jsonl).", "FILE"),
        makeOption("score", "output", "Results csv to write.", "OUT"),
        makeOption("score", "model", "Model file (default $MODEL_PATH).", "FILE"),
        makeOption("score", "train-rows",
                   "Train on the first N rows of the input instead of loading a model; they "
                   "stay in OUT and are left out of the metrics.",
                   "N"),
        makeOption("score", "profile",
                   "Profile of the input: spacecraft, ev, skab or a profile file (default: the "
                   "model's; spacecraft with --train-rows).",
                   "P"),
        makeOption("score", "labels-column",
                   "Ground truth from this column of the input (non-zero = anomalous), e.g. "
                   "SKAB's anomaly.",
                   "NAME"),
        makeOption("score", "labels",
                   "Ground truth from a labels file written by simulate --labels (t,seq,label,"
                   "channel), matched to samples by time.",
                   "FILE"),
    });
    parser.addOptions(trainOptions("score"));
    if (const std::optional<int> exit = parseArguments(parser, arguments, command)) {
        return *exit;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return usage(QStringLiteral("unexpected argument '%1'")
                         .arg(parser.positionalArguments().constFirst()));
    }
    if (!parser.isSet(QStringLiteral("input")) || !parser.isSet(QStringLiteral("output"))) {
        return usage(QStringLiteral("--input FILE and --output OUT are required (see --help)"));
    }
    const bool training = parser.isSet(QStringLiteral("train-rows"));
    if (training && parser.isSet(QStringLiteral("model"))) {
        return usage(QStringLiteral("give --model or --train-rows, not both"));
    }
    if (!training && anyTrainOptionSet(parser)) {
        return usage(QStringLiteral("training options need --train-rows"));
    }
    if (parser.isSet(QStringLiteral("labels-column")) && parser.isSet(QStringLiteral("labels"))) {
        return usage(QStringLiteral("give --labels-column or --labels, not both"));
    }

    ScoreOptions options;
    options.input = parser.value(QStringLiteral("input"));
    options.output = parser.value(QStringLiteral("output"));
    options.labelsColumn = parser.value(QStringLiteral("labels-column"));
    options.labelsPath = parser.value(QStringLiteral("labels"));
    if (training) {
        const auto rows
            = integerOption(parser, QStringLiteral("train-rows"), 0, 2, qulonglong(1) << 40);
        const auto detector = readTrainOptions(parser);
        if (!rows || !detector) {
            return kExitUsage;
        }
        options.trainRows = std::size_t(*rows);
        options.detector = *detector;
    } else {
        options.modelPath = parser.isSet(QStringLiteral("model"))
                                ? parser.value(QStringLiteral("model"))
                                : detect::defaultModelPath();
    }
    if (parser.isSet(QStringLiteral("profile")) || training) {
        QString error;
        options.profile = Profile::load(parser.isSet(QStringLiteral("profile"))
                                            ? parser.value(QStringLiteral("profile"))
                                            : QStringLiteral("spacecraft"),
                                        &error);
        if (!options.profile) {
            return usage(error);
        }
    }

    if (!training && options.modelPath.isEmpty() && options.profile) {
        options.modelPath
            = detect::bundledModelPath(options.profile->name, options.profile->channelIds());
    }
    if (!training && options.modelPath.isEmpty()) {
        return usage(QStringLiteral("no model: give --model FILE or --train-rows N, set "
                                    "MODEL_PATH, or give a --profile that has a bundled model"));
    }
    QString error;
    const auto summary = runScore(options, &error);
    if (!summary) {
        printError(QStringLiteral("score"), error);
        return kExitFailure;
    }
    printReport(options, *summary);
    QTextStream(stdout) << QJsonDocument(summary->toJson(options)).toJson(QJsonDocument::Compact)
                        << "\n";
    return 0;
}

} // namespace fw::cli
