#include "scenarioharness.h"

#include "service/trainrun.h"

#include <QtGlobal>

namespace fw::test {

SimRun simulate(const Profile &profile, const QString &scenario, std::uint64_t seed, double seconds,
                double onsetS, double durationS)
{
    ScenarioOptions options;
    options.runDurationS = seconds;
    if (durationS > 0) {
        options.onsetS = onsetS;
        options.faultDurationS = durationS;
    }
    QString error;
    std::optional<Scenario> made = Scenario::make(scenario, profile, options, &error);
    if (!made) {
        qFatal("scenario %s: %s", qPrintable(scenario), qPrintable(error));
    }
    SimRun run;
    run.rateHz = profile.rateHz;
    Simulator simulator(profile, profile.rateHz, seed, *made, 1.7e9);
    SampleBlock block(profile.channelCount());
    const auto n = std::size_t(seconds * profile.rateHz);
    simulator.generate(n, block, &run.labels);
    run.rows = block.values();
    return run;
}

detect::DetectorModel trainOnNominal(const Profile &profile, double seconds, std::uint64_t seed,
                                     const detect::DetectorTrainOptions &options)
{
    const SimRun nominal = simulate(profile, QStringLiteral("nominal"), seed, seconds);
    QString error;
    std::vector<std::string> warnings;
    std::optional<detect::DetectorModel> model = trainOnRows(
        profile, nominal.rows, {}, {}, QStringLiteral("sim"), options, &error, &warnings);
    if (!model) {
        qFatal("training failed: %s", qPrintable(error));
    }
    return *model;
}

detect::Detector makeDetector(const detect::DetectorModel &model)
{
    std::string error;
    std::optional<detect::Detector> detector = detect::Detector::create(model, &error);
    if (!detector) {
        qFatal("detector refused its model: %s", error.c_str());
    }
    return std::move(*detector);
}

detect::DetectionResults runDetector(detect::Detector &detector, const std::vector<double> &rows)
{
    detect::DetectionResults results;
    detector.process(rows, results);
    return results;
}

} // namespace fw::test
