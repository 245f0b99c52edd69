#include "service/trainjob.h"

#include "detect/detector.h"
#include "service/trainrun.h"

#include <QMetaObject>
#include <QThread>

#include <algorithm>

namespace fw {

TrainJob::TrainJob(Profile profile, std::vector<double> rows, std::vector<double> times,
                   QString source, detect::DetectorTrainOptions options, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_rows(std::move(rows))
    , m_times(std::move(times))
    , m_source(std::move(source))
    , m_options(options)
{
    qRegisterMetaType<std::shared_ptr<const fw::detect::DetectorModel>>();
    qRegisterMetaType<fw::TrainJob::Stage>();
}

TrainJob::~TrainJob()
{
    // Training has no cancellation point inside a stage; it is bounded by the rows given (tens
    // of ms for 10^4).
    m_canceled = true;
    if (m_thread) {
        m_thread->wait();
    }
}

void TrainJob::start()
{
    if (m_thread) {
        return;
    }
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("fw-train"));
    m_thread->start();
}

void TrainJob::cancel()
{
    m_canceled = true;
}

void TrainJob::enterStage(Stage stage)
{
    // Delivered on the job's thread; the destructor waits for the training thread, so this is
    // alive when queued, and Qt drops the call if the job is gone by the time it would run.
    QMetaObject::invokeMethod(
        this,
        [this, stage] {
            if (!m_canceled) {
                Q_EMIT stageStarted(stage);
            }
        },
        Qt::QueuedConnection);
}

// Training thread.
void TrainJob::run()
{
    QString error;
    std::vector<std::string> warnings;
    std::shared_ptr<const detect::DetectorModel> shared;
    std::size_t alarmRows = 0;
    if (!m_canceled) {
        enterStage(Stage::Training);
        std::optional<detect::DetectorModel> model
            = trainOnRows(m_profile, m_rows, m_times, {}, m_source, m_options, &error, &warnings);
        if (model) {
            shared = std::make_shared<const detect::DetectorModel>(std::move(*model));
        }
    }
    if (shared && !m_canceled) {
        enterStage(Stage::Checking);
        std::string why;
        std::optional<detect::Detector> detector = detect::Detector::create(shared, &why);
        if (detector) {
            detect::DetectionResults results;
            results.channels = shared->channelCount();
            detector->process(m_rows, results);
            alarmRows = std::size_t(std::count(results.alarm.begin(), results.alarm.end(), 1));
        } else {
            error = QString::fromStdString(why);
            shared.reset();
        }
    }
    QStringList texts;
    for (const std::string &w : warnings) {
        texts << QString::fromStdString(w);
    }
    QMetaObject::invokeMethod(
        this,
        [this, shared, texts, error, alarmRows] {
            if (m_canceled) {
                Q_EMIT canceled();
            } else if (shared) {
                m_alarmRows = alarmRows;
                Q_EMIT finished(shared, texts);
            } else {
                Q_EMIT failed(error);
            }
        },
        Qt::QueuedConnection);
}

bool TrainJob::isRunning() const
{
    return m_thread && m_thread->isRunning();
}

std::size_t TrainJob::rowCount() const
{
    return m_profile.channelCount() > 0 ? m_rows.size() / std::size_t(m_profile.channelCount()) : 0;
}

} // namespace fw
