#include "service/trainjob.h"

#include "service/trainrun.h"

#include <QMetaObject>
#include <QThread>

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
}

TrainJob::~TrainJob()
{
    // Training has no cancellation point; it is bounded by the rows given (tens of ms for 10^4).
    if (m_thread) {
        m_thread->wait();
    }
}

void TrainJob::start()
{
    if (m_thread) {
        return;
    }
    m_thread.reset(QThread::create([this] {
        QString error;
        std::vector<std::string> warnings;
        std::optional<detect::DetectorModel> model
            = trainOnRows(m_profile, m_rows, m_times, {}, m_source, m_options, &error, &warnings);
        QStringList texts;
        for (const std::string &w : warnings) {
            texts << QString::fromStdString(w);
        }
        std::shared_ptr<const detect::DetectorModel> shared;
        if (model) {
            shared = std::make_shared<const detect::DetectorModel>(std::move(*model));
        }
        // Delivered on the job's thread; the destructor waits for this thread, so this is alive.
        QMetaObject::invokeMethod(
            this,
            [this, shared, texts, error] {
                if (shared) {
                    Q_EMIT finished(shared, texts);
                } else {
                    Q_EMIT failed(error);
                }
            },
            Qt::QueuedConnection);
    }));
    m_thread->setObjectName(QStringLiteral("fw-train"));
    m_thread->start();
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
