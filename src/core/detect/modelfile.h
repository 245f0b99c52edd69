#pragma once

#include "detect/detectormodel.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace fw::detect {

// The model file: versioned JSON holding a DetectorModel, plus the SHA-256 of its content. This
// file and its .cpp use Qt (JSON, hashing, files); the algorithm files of detect/ do not.

inline constexpr char kModelFormatName[] = "faultwatch-model"; // the "format" member
inline constexpr int kModelFormatVersion = 1;

// Serialises a model. Deterministic: the same model gives the same bytes. The "sha256" member is
// the hash of the document without that member, serialised compactly.
[[nodiscard]] QByteArray modelToJson(const DetectorModel &model);

// Parses and fully validates a model file's bytes (format, version, sha256, every member's type
// and range, then validateDetectorModel()); nullopt with a message saying what is wrong and where
// ("forest.trees[3].left[17]: expected an integer ...") in *error.
[[nodiscard]] std::optional<DetectorModel> modelFromJson(const QByteArray &json, QString *error);

// The content hash of a model as written into its file (lower-case hex).
[[nodiscard]] QString modelSha256(const DetectorModel &model);

// Writes atomically (a crash leaves the old file or the new one, never half of one), and only a
// model that loads back: one modelFromJson() would refuse is not written. Messages name the path.
[[nodiscard]] bool saveModel(const DetectorModel &model, const QString &path, QString *error);
// Reads and parses a model file; refuses files over 256 MiB before reading them. Messages start
// with the path.
[[nodiscard]] std::optional<DetectorModel> loadModel(const QString &path, QString *error);

// A model only fits data with the channels it was trained on, in the same order: false with a
// message naming both lists when the profile's channel ids differ from the model's.
[[nodiscard]] bool checkModelChannels(const DetectorModel &model,
                                      const QStringList &profileChannelIds, QString *error);

// The model path used when none is given: $MODEL_PATH, else empty.
[[nodiscard]] QString defaultModelPath();

// The model bundled for a built-in profile (":/models/NAME.json"), or empty: for a profile of
// another name, or one that carries other channels than the built-in profile of its name.
[[nodiscard]] QString bundledModelPath(const QString &profileName, const QStringList &channelIds);

} // namespace fw::detect
