#include "modeltrainer.h"

#include "detect/trainingminimum.h"
#include "plot/samplehistory.h"

#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace fw {

namespace {

QString timeText(double t)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(std::llround(t * 1000));
    return QLocale().toString(time, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString stageText(TrainJob::Stage stage)
{
    switch (stage) {
    case TrainJob::Stage::Training:
        return ModelTrainer::tr("Growing the forest and calibrating…");
    case TrainJob::Stage::Checking:
        return ModelTrainer::tr("Checking the new model on its training samples…");
    }
    return {};
}

} // namespace

ModelTrainer::ModelTrainer(QObject *parent)
    : QObject(parent)
{}

ModelTrainer::~ModelTrainer() = default;

TrainRange ModelTrainer::inspect(const SampleHistory &history, double t0, double t1)
{
    TrainRange range;
    range.rows = historyRange(history, t0, t1);
    if (range.size() > 0) {
        range.seconds = history.time(range.rows.end - 1) - history.time(range.rows.first);
    }
    const int width = history.channelCount();
    for (std::int64_t i = range.rows.first; i < range.rows.end; ++i) {
        bool complete = true;
        for (int c = 0; c < width && complete; ++c) {
            complete = std::isfinite(history.value(i, c));
        }
        range.completeRows += complete ? 1 : 0;
        if (i < history.scoredEnd() && history.severity(i) != detect::Severity::None) {
            ++range.flaggedRows;
        }
    }
    return range;
}

QString ModelTrainer::refusal(const TrainRange &range, double rateHz) const
{
    if (m_job) {
        return tr("A model is being trained already.");
    }
    const auto needed = std::int64_t(detect::minimumTrainingRows(rateHz));
    if (!detect::meetsTrainingMinimum(std::size_t(range.completeRows), range.seconds, rateHz)) {
        return tr("The range holds %1 complete samples over %2 s. A model needs at least %3 "
                  "complete samples over %4 s of normal operation (at this profile's %5 Hz) to "
                  "learn each channel's range, noise and trend. Widen the time window, or pause "
                  "and zoom out, and try again.")
            .arg(QLocale().toString(qlonglong(range.completeRows)))
            .arg(QLocale().toString(range.seconds, 'f', 0))
            .arg(QLocale().toString(qlonglong(needed)))
            .arg(QLocale().toString(detect::kMinTrainingSeconds, 'f', 0))
            .arg(QLocale().toString(rateHz, 'g', 4));
    }
    return {};
}

bool ModelTrainer::start(const SampleHistory &history, const TrainRange &range,
                         const Profile &profile, const QString &sourceText, QString *error)
{
    if (QString why = refusal(range, profile.rateHz); !why.isEmpty()) {
        *error = why;
        return false;
    }
    std::vector<double> rows;
    std::vector<double> times;
    copyRows(history, range.rows, rows, times);
    const QString source = sourceText.isEmpty() ? tr("console history") : sourceText;
    m_name = tr("trained on %1 – %2 of %3")
                 .arg(timeText(times.front()), timeText(times.back()), source);
    m_job = std::make_unique<TrainJob>(profile, std::move(rows), std::move(times), source);
    connect(m_job.get(), &TrainJob::stageStarted, this, [this](TrainJob::Stage stage) {
        Q_EMIT stageStarted(int(stage), TrainJob::kStageCount, stageText(stage));
    });
    connect(m_job.get(), &TrainJob::finished, this, &ModelTrainer::onFinished);
    connect(m_job.get(), &TrainJob::failed, this, [this](const QString &message) {
        release();
        Q_EMIT failed(message);
    });
    connect(m_job.get(), &TrainJob::canceled, this, [this] {
        release();
        Q_EMIT canceled();
    });
    m_job->start();
    return true;
}

void ModelTrainer::cancel()
{
    if (m_job) {
        m_job->cancel();
    }
}

void ModelTrainer::onFinished(const std::shared_ptr<const detect::DetectorModel> &model,
                              const QStringList &warnings)
{
    QStringList notes = warnings;
    const std::size_t alarms = m_job->alarmRows();
    if (alarms > 0) {
        notes << tr("The new model raises alarms on %Ln of the samples it was trained on: the "
                    "range may hold a fault.",
                    nullptr, int(alarms));
    }
    release();
    Q_EMIT trained(model, m_name, notes);
}

void ModelTrainer::release()
{
    // Called from the job's own signal: it goes once that signal has returned.
    m_job.release()->deleteLater();
}

} // namespace fw
