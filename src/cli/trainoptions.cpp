#include "trainoptions.h"

#include "options.h"

#include <QTextStream>

namespace fw::cli {

namespace {

const QStringList &names()
{
    static const QStringList list{QStringLiteral("trees"),
                                  QStringLiteral("sample-size"),
                                  QStringLiteral("extended"),
                                  QStringLiteral("window"),
                                  QStringLiteral("calibration-fraction"),
                                  QStringLiteral("seed"),
                                  QStringLiteral("forest-alarms")};
    return list;
}

} // namespace

QList<QCommandLineOption> trainOptions(const char *context)
{
    return {
        makeOption(context, "trees", "Trees in the forest (default 100).", "N"),
        makeOption(context, "sample-size",
                   "Rows each tree is grown from, psi (default 256, capped at the rows there are).",
                   "N"),
        makeOption(context, "extended", "Hyperplane splits (extended Isolation Forest)."),
        makeOption(context, "window",
                   "Add rolling mean, deviation and slope over W samples as features "
                   "(default 0: raw channels only).",
                   "W"),
        makeOption(context, "calibration-fraction",
                   "Share of the training rows, taken from the end, held out to calibrate "
                   "confidence on (default 0.5).",
                   "F"),
        makeOption(context, "seed",
                   "Random seed; the same data and seed give the same model "
                   "(default 0).",
                   "N"),
        makeOption(context, "forest-alarms",
                   "Let the forest's confidence alone raise alarms (3 of 5 s at the threshold), "
                   "as older model files do. Off by default: the range, motion, "
                   "forecast and relation checks raise, the forest names the channels."),
    };
}

std::optional<detect::DetectorTrainOptions> readTrainOptions(const QCommandLineParser &parser)
{
    detect::DetectorTrainOptions options;
    const auto trees = integerOption(parser, QStringLiteral("trees"),
                                     qulonglong(options.forest.treeCount), 1, 100000);
    const auto sampleSize = integerOption(parser, QStringLiteral("sample-size"),
                                          qulonglong(options.forest.sampleSize), 2, 1 << 24);
    const auto window
        = integerOption(parser, QStringLiteral("window"), qulonglong(options.window), 0, 1000000);
    const auto fraction = numberOption(parser, QStringLiteral("calibration-fraction"),
                                       options.calibrationFraction, 0, 1);
    const auto seed = integerOption(parser, QStringLiteral("seed"), options.forest.seed);
    if (!trees || !sampleSize || !window || !fraction || !seed) {
        return std::nullopt;
    }
    if (*fraction <= 0 || *fraction >= 1) {
        QTextStream(stderr) << "--calibration-fraction: expected a number above 0 and below 1, "
                               "got '"
                            << parser.value(QStringLiteral("calibration-fraction")) << "'\n";
        return std::nullopt;
    }
    options.forest.treeCount = int(*trees);
    options.forest.sampleSize = int(*sampleSize);
    options.forest.seed = *seed;
    options.forestRaises = parser.isSet(QStringLiteral("forest-alarms"));
    if (parser.isSet(QStringLiteral("extended"))) {
        options.forest.splitKind = detect::SplitKind::Hyperplane;
    }
    options.window = int(*window);
    options.calibrationFraction = *fraction;
    return options;
}

bool anyTrainOptionSet(const QCommandLineParser &parser)
{
    for (const QString &name : names()) {
        if (parser.isSet(name)) {
            return true;
        }
    }
    return false;
}

} // namespace fw::cli
