#include "service/predict.h"

#include "detect/detector.h"
#include "service/scorerun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <limits>

namespace fw {

namespace {

PredictReply error(int status, const QString &reason)
{
    const QJsonObject body{{QStringLiteral("error"), reason}};
    return {status, QJsonDocument(body).toJson(QJsonDocument::Compact)};
}

// Appends one sample's channel values to rows, or says what is wrong with it.
bool readSample(const QJsonValue &value, const detect::DetectorModel &model, int index,
                std::vector<double> &rows, QString *reason)
{
    const QString where
        = index < 0 ? QStringLiteral("sample") : QStringLiteral("samples[%1]").arg(index);
    if (!value.isObject()) {
        *reason = QStringLiteral("%1: expected an object of channel values").arg(where);
        return false;
    }
    const QJsonObject sample = value.toObject();
    for (auto it = sample.begin(); it != sample.end(); ++it) {
        const QString key = it.key();
        if (key == u"t" || key == u"seq") {
            if (!it.value().isDouble() || !std::isfinite(it.value().toDouble())) {
                *reason = QStringLiteral("%1.%2: expected a finite number").arg(where, key);
                return false;
            }
            continue;
        }
        if (std::find(model.channels.begin(), model.channels.end(), key.toStdString())
            == model.channels.end()) {
            *reason = QStringLiteral("%1: unknown field \"%2\" (channels: %3)")
                          .arg(where, key, QString::fromStdString([&] {
                                   std::string all;
                                   for (const std::string &c : model.channels) {
                                       all += (all.empty() ? "" : ", ") + c;
                                   }
                                   return all;
                               }()));
            return false;
        }
    }
    for (const std::string &channel : model.channels) {
        const QString id = QString::fromStdString(channel);
        const auto it = sample.find(id);
        if (it == sample.end()) {
            *reason = QStringLiteral("%1: missing channel \"%2\" (null marks a missing value)")
                          .arg(where, id);
            return false;
        }
        if (it->isNull()) {
            rows.push_back(std::numeric_limits<double>::quiet_NaN());
        } else if (it->isDouble()) {
            rows.push_back(it->toDouble());
        } else {
            *reason = QStringLiteral("%1.%2: expected a number or null").arg(where, id);
            return false;
        }
    }
    return true;
}

// The detector this thread scores requests with, made once per model (validating and laying out
// a forest costs more than scoring a batch) and reset for each request.
detect::Detector *detectorFor(const std::shared_ptr<const detect::DetectorModel> &model,
                              std::string *error)
{
    thread_local std::shared_ptr<const detect::DetectorModel> cachedModel;
    thread_local std::optional<detect::Detector> cached;
    if (cachedModel != model) {
        cached = detect::Detector::create(model, error);
        cachedModel = cached ? model : nullptr;
    }
    if (!cached) {
        return nullptr;
    }
    cached->reset();
    return &*cached;
}

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

} // namespace

PredictReply predict(const QByteArray &body,
                     const std::shared_ptr<const detect::DetectorModel> &model,
                     const QString &modelName, const QString &modelSha256)
{
    if (!model) {
        return error(503, QStringLiteral("no model is loaded"));
    }
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return error(400, QStringLiteral("body is not JSON: %1 at offset %2")
                              .arg(parseError.errorString())
                              .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return error(400, QStringLiteral("expected a sample object or {\"samples\": [...]}"));
    }
    const QJsonObject root = document.object();
    const bool batch = root.contains(QStringLiteral("samples"));
    std::vector<double> rows;
    QString reason;
    if (batch) {
        if (root.size() != 1 || !root.value(QStringLiteral("samples")).isArray()) {
            return error(400, QStringLiteral("expected {\"samples\": [...]} and nothing else"));
        }
        const QJsonArray samples = root.value(QStringLiteral("samples")).toArray();
        if (samples.isEmpty() || samples.size() > kMaxPredictSamples) {
            return error(400, QStringLiteral("samples: expected 1 to %1 samples, got %2")
                                  .arg(kMaxPredictSamples)
                                  .arg(samples.size()));
        }
        rows.reserve(std::size_t(samples.size()) * model->channels.size());
        for (int i = 0; i < samples.size(); ++i) {
            if (!readSample(samples.at(i), *model, i, rows, &reason)) {
                return error(400, reason);
            }
        }
    } else if (!readSample(root, *model, -1, rows, &reason)) {
        return error(400, reason);
    }

    std::string createError;
    detect::Detector *detector = detectorFor(model, &createError);
    if (!detector) {
        return error(503, QString::fromStdString(createError));
    }
    detect::DetectionResults results;
    detector->process(rows, results);
    QJsonArray out;
    const int channels = int(model->channels.size());
    for (std::size_t i = 0; i < results.size(); ++i) {
        QJsonObject attribution;
        for (int c = 0; c < channels; ++c) {
            attribution.insert(QString::fromStdString(model->channels[std::size_t(c)]),
                               results.attribution[i * std::size_t(channels) + std::size_t(c)]);
        }
        out.append(QJsonObject{
            {QStringLiteral("score"), number(results.score[i])},
            {QStringLiteral("confidence"), number(results.confidence[i])},
            {QStringLiteral("alarm"), results.alarm[i] != 0},
            {QStringLiteral("severity"), severityName(results.severity[i])},
            {QStringLiteral("attribution"), attribution},
        });
    }
    QJsonObject reply{
        {QStringLiteral("model"),
         QJsonObject{{QStringLiteral("name"), modelName},
                     {QStringLiteral("sha256"), modelSha256},
                     {QStringLiteral("profile"), QString::fromStdString(model->profile)}}}};
    if (batch) {
        reply.insert(QStringLiteral("results"), out);
    } else {
        reply.insert(QStringLiteral("result"), out.first());
    }
    return {200, QJsonDocument(reply).toJson(QJsonDocument::Compact)};
}

} // namespace fw
