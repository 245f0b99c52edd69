#include "service/pipeline.h"

#include "detect/modelfile.h"

#include <QFileInfo>

namespace fw {

Pipeline::Pipeline(Profile profile, QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_detector(std::make_unique<DetectorThread>())
{
    qRegisterMetaType<fw::ModelIdentity>();
    m_clock.start();
    connect(m_detector.get(), &DetectorThread::resultsReady, this, &Pipeline::onResults);
    connect(m_detector.get(), &DetectorThread::blockSkipped, this,
            [this](qulonglong samples, const QString &reason) {
                (void)answerPending();
                m_samplesSkipped += samples;
                Q_EMIT blockSkipped(samples, reason);
            });
    connect(m_detector.get(), &DetectorThread::modelRejected, this, &Pipeline::modelRejected);
    m_detector->start();
}

Pipeline::~Pipeline()
{
    disconnectSource();
    m_detector->stop();
}

void Pipeline::setProfile(Profile profile)
{
    disconnectSource();
    m_profile = std::move(profile);
    if (!m_model) {
        return;
    }
    QString error;
    if (!detect::checkModelChannels(*m_model, m_profile.channelIds(), &error)) {
        m_model.reset();
        m_identity = {};
        m_detector->setModel(nullptr, {});
        Q_EMIT modelRejected(error);
        Q_EMIT modelChanged(m_identity);
    }
}

bool Pipeline::connectSource(const SourceUri &uri, QString *error)
{
    disconnectSource();
    std::unique_ptr<Source> source = createSource(uri, m_profile, error);
    if (!source) {
        return false;
    }
    m_detector->resetStream();
    m_source = std::move(source);
    connect(m_source.get(), &Source::blockReady, this, &Pipeline::onBlock);
    connect(m_source.get(), &Source::stateChanged, this, &Pipeline::sourceStateChanged);
    connect(m_source.get(), &Source::failed, this, &Pipeline::sourceFailed);
    connect(m_source.get(), &Source::finished, this, &Pipeline::sourceFinished);
    connect(m_source.get(), &Source::seeked, this, &Pipeline::onSeeked);
    m_source->start();
    return true;
}

void Pipeline::disconnectSource()
{
    if (!m_source) {
        return;
    }
    m_source->stop();
    // Blocks it queued before stopping may still arrive; they belong to no source now.
    m_source->disconnect(this);
    m_source.reset();
    Q_EMIT sourceStateChanged(SourceState::Disconnected);
}

SourceState Pipeline::sourceState() const
{
    return m_source ? m_source->state() : SourceState::Disconnected;
}

SourceStats Pipeline::sourceStats() const
{
    return m_source ? m_source->stats() : SourceStats{};
}

QString Pipeline::sourceText() const
{
    return m_source ? m_source->uri().toString() : QString();
}

bool Pipeline::loadModelFile(const QString &path, QString *error)
{
    std::optional<detect::DetectorModel> model = detect::loadModel(path, error);
    if (!model) {
        return false;
    }
    return setModel(std::make_shared<const detect::DetectorModel>(std::move(*model)),
                    QFileInfo(path).fileName(), path, error);
}

bool Pipeline::setModel(std::shared_ptr<const detect::DetectorModel> model, const QString &name,
                        const QString &path, QString *error)
{
    if (!model) {
        if (error) {
            *error = tr("no model given");
        }
        return false;
    }
    QString why;
    if (!detect::checkModelChannels(*model, m_profile.channelIds(), &why)) {
        if (error) {
            *error = path.isEmpty() ? why : QStringLiteral("%1: %2").arg(path, why);
        }
        return false;
    }
    std::string invalid;
    if (!detect::Detector::create(model, &invalid)) {
        if (error) {
            *error = QString::fromStdString(invalid);
        }
        return false;
    }
    m_identity.name = name;
    m_identity.path = path;
    m_identity.sha256 = detect::modelSha256(*model);
    m_identity.trainedRows = model->provenance.rows;
    m_identity.profile = QString::fromStdString(model->profile);
    m_model = std::move(model);
    m_detector->setModel(m_model, m_identity.sha256);
    Q_EMIT modelChanged(m_identity);
    return true;
}

void Pipeline::setModelPath(const QString &path)
{
    if (!m_model || m_identity.path == path) {
        return;
    }
    m_identity.path = path;
    Q_EMIT modelChanged(m_identity);
}

void Pipeline::onBlock(const SampleBlockPtr &block)
{
    m_samplesReceived += block->size();
    m_pending.push_back(m_clock.nsecsElapsed());
    m_detector->submit(block);
    Q_EMIT samplesReady(block);
}

bool Pipeline::answerPending()
{
    if (m_pending.empty()) {
        return false;
    }
    m_pending.pop_front();
    if (m_stalePending > 0) {
        --m_stalePending;
        return true;
    }
    return false;
}

void Pipeline::onSeeked(double t)
{
    // Every block before this signal is at the detector already; the reset is queued behind
    // them, so the windows start afresh with the first block after the jump.
    m_detector->resetStream();
    m_stalePending = m_pending.size();
    Q_EMIT sourceSeeked(t);
}

void Pipeline::onResults(const ResultBlockPtr &results)
{
    const qint64 arrived = m_pending.empty() ? -1 : m_pending.front();
    if (answerPending()) {
        return; // answers a block from before a seek: its samples are gone from every view
    }
    if (arrived >= 0) {
        m_latencyMs = double(m_clock.nsecsElapsed() - arrived) / 1e6;
    }
    m_samplesScored += results->size();
    Q_EMIT resultsReady(results);
}

} // namespace fw
