#pragma once

#include "detect/detectormodel.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace fw {

// What POST /predict answers: a status and a JSON body.
struct PredictReply
{
    int status = 200;
    QByteArray body;
};

// The most samples one /predict request may carry.
inline constexpr int kMaxPredictSamples = 10000;

// Scores the samples of a /predict body with model, as one short stream in the order given
// (windows and alarm persistence start fresh for each request). The body is one sample object
// {"<channel id>": number or null, ..., "t": optional number, "seq": optional integer}, or
// {"samples": [sample, ...]} with 1 to kMaxPredictSamples of them. Every channel of the model
// must be present (null marks a missing value); any other key, a wrong type or a non-finite
// number is refused with 400 and a reason naming the sample and the field. Without a model: 503.
// modelName and modelSha256 are echoed so the client knows which model answered.
[[nodiscard]] PredictReply predict(const QByteArray &body,
                                   const std::shared_ptr<const detect::DetectorModel> &model,
                                   const QString &modelName, const QString &modelSha256);

} // namespace fw
