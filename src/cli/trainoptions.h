#pragma once

#include "detect/detectormodel.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>

#include <optional>

namespace fw::cli {

// The forest and feature options that `train` and `score --train-rows` share, with their help
// translated in `context` (the command's name).
[[nodiscard]] QList<QCommandLineOption> trainOptions(const char *context);

// Reads them over the defaults of DetectorTrainOptions; nullopt after printing what is wrong.
[[nodiscard]] std::optional<detect::DetectorTrainOptions>
readTrainOptions(const QCommandLineParser &parser);

// Whether any of them was given, so that score can refuse them next to --model.
[[nodiscard]] bool anyTrainOptionSet(const QCommandLineParser &parser);

} // namespace fw::cli
