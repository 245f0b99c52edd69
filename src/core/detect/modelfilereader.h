#pragma once

// Internal to the model file: modelfile.cpp parses and hashes, this reads the parsed document's
// members, checking presence, type and range, with messages that name the member path
// ("forest.trees[3].left[17]: expected an integer ..."). What the values mean together is left to
// validateDetectorModel().

#include "detect/detectormodel.h"
#include "detect/windowfeatures.h"

#include <QJsonObject>
#include <QString>

namespace fw::detect {

// Counts (rows) are stored as JSON numbers, which are exact up to 2^53.
inline constexpr qint64 kMaxModelCount = qint64(1) << 53;

struct WindowedFeatureName
{
    WindowFeatures::Flag flag;
    const char *name;
};
// In the order WindowFeatures lays the features out, which is the order they are written in.
inline constexpr WindowedFeatureName kWindowedFeatureNames[] = {
    {WindowFeatures::Mean, "mean"},
    {WindowFeatures::StdDev, "stddev"},
    {WindowFeatures::Slope, "slope"},
};

// "format" and "version", then the claimed "sha256" into *sha: what is read before the content
// is trusted. false with a message in *error.
[[nodiscard]] bool readModelHeader(const QJsonObject &root, QString *sha, QString *error);

// Every content member into *model; false with "<member path>: <problem>" in *error.
[[nodiscard]] bool readModelContent(const QJsonObject &root, DetectorModel *model, QString *error);

} // namespace fw::detect
