#pragma once

#include "detect/detector.h"
#include "sim/simulator.h"
#include "telemetry/profile.h"

#include <QString>

#include <vector>

namespace fw::test {

// Rows of simulated telemetry with their ground truth.
struct SimRun
{
    std::vector<double> rows; // samples × channels
    std::vector<Label> labels;
    double rateHz = 0;
};

// n samples of the profile's simulator under a scenario spec ("nominal", "stuck:voltage", ...)
// with the fault starting at onsetS and lasting durationS.
[[nodiscard]] SimRun simulate(const Profile &profile, const QString &scenario, std::uint64_t seed,
                              double seconds, double onsetS = 0, double durationS = 0);

// A detector trained on nominal simulator data of the profile, with its limits.
[[nodiscard]] detect::DetectorModel
trainOnNominal(const Profile &profile, double seconds, std::uint64_t seed,
               const detect::DetectorTrainOptions &options = {});

[[nodiscard]] detect::Detector makeDetector(const detect::DetectorModel &model);

// All results of a detector over rows.
[[nodiscard]] detect::DetectionResults runDetector(detect::Detector &detector,
                                                   const std::vector<double> &rows);

} // namespace fw::test
