#include "service/learner.h"

#include "detect/modelfile.h"
#include "service/pipeline.h"

#include <algorithm>
#include <utility>

namespace fw {

Learner::Learner(Pipeline *pipeline, std::size_t rows, QString savePath, QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_wanted(std::max<std::size_t>(rows, 1))
    , m_savePath(std::move(savePath))
{}

Learner::~Learner() = default;

void Learner::start()
{
    m_watch = connect(m_pipeline, &Pipeline::samplesReady, this, &Learner::append);
}

void Learner::append(const SampleBlockPtr &block)
{
    if (!block || block->channelCount() != m_pipeline->profile().channelCount()) {
        return;
    }
    if (m_source.isEmpty()) {
        m_source = m_pipeline->sourceText();
    }
    const std::size_t width = std::size_t(block->channelCount());
    const std::size_t take = std::min(block->size(), m_wanted - m_times.size());
    m_times.insert(m_times.end(), block->times().begin(),
                   block->times().begin() + std::ptrdiff_t(take));
    m_rows.insert(m_rows.end(), block->values().begin(),
                  block->values().begin() + std::ptrdiff_t(take * width));
    if (m_times.size() >= m_wanted) {
        disconnect(m_watch);
        train();
    }
}

void Learner::train()
{
    const QString source = QStringLiteral("first %1 samples of %2").arg(m_wanted).arg(m_source);
    m_job = std::make_unique<TrainJob>(m_pipeline->profile(), std::move(m_rows), std::move(m_times),
                                       source);
    connect(m_job.get(), &TrainJob::finished, this, &Learner::finish);
    connect(m_job.get(), &TrainJob::failed, this, [this](const QString &message) {
        Q_EMIT failed(QStringLiteral("learning from the first %1 samples failed: %2")
                          .arg(m_wanted)
                          .arg(message));
    });
    m_job->start();
}

void Learner::finish(const std::shared_ptr<const detect::DetectorModel> &model,
                     const QStringList &warnings)
{
    QString error;
    const QString name = QStringLiteral("learned from the first %1 samples").arg(m_wanted);
    if (!m_savePath.isEmpty() && !detect::saveModel(*model, m_savePath, &error)) {
        Q_EMIT failed(error);
        return;
    }
    if (!m_pipeline->setModel(model, name, m_savePath, &error)) {
        Q_EMIT failed(error);
        return;
    }
    QString message = QStringLiteral("model %1").arg(name);
    if (!m_savePath.isEmpty()) {
        message += QStringLiteral(", saved to %1").arg(m_savePath);
    }
    for (const QString &warning : warnings) {
        message += QStringLiteral("; ") + warning;
    }
    Q_EMIT learned(message);
}

} // namespace fw
