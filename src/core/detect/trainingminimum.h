#pragma once

#include <cstddef>
#include <string>

namespace fw::detect {

// How much nominal data a model should be trained on, one rule for the console and the CLI.
//
// - kMinTrainingRows: 256 rows grow a full-size forest (psi) and as many calibrate it, enough
//   for the default confidence threshold of 0.995 (199 calibration rows) to be reachable.
// - kMinTrainingSeconds: the guard learns each channel's range, noise and trend from the rows;
//   36 s of a bench at 50 Hz is plenty of rows but too short a look at the process for that.
//   Two minutes is a floor against such a slip, not advice (the bundled models saw hours); it
//   was set by that reasoning, not by any score on the benchmark data.
//
// The console refuses to train below the minimum; `train` and `score --train-rows` warn and go
// on, since a benchmark protocol may fix the training size (SKAB trains on 400 rows at 1 Hz).
inline constexpr std::size_t kMinTrainingRows = 512;
inline constexpr double kMinTrainingSeconds = 120;

// The rows a training set needs at rateHz: both minima (rateHz <= 0: rows alone).
[[nodiscard]] std::size_t minimumTrainingRows(double rateHz);

// Whether rows whose first and last samples are seconds apart meet the minimum at rateHz. n
// samples at the rate span (n − 1) / rate: each sample counts for its own period.
[[nodiscard]] bool meetsTrainingMinimum(std::size_t rows, double seconds, double rateHz);

// Why rows over seconds of data at rateHz fall short of the minimum; empty when they do not.
[[nodiscard]] std::string trainingShortfall(std::size_t rows, double seconds, double rateHz);

} // namespace fw::detect
