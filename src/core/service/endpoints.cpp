#include "service/endpoints.h"

#include "metrics/processmetrics.h"
#include "service/pipeline.h"
#include "service/pipelinemetrics.h"

namespace fw {

Endpoints::Endpoints(Pipeline *pipeline, QObject *parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_registry(std::make_unique<metrics::Registry>())
{
    metrics::registerProcessMetrics(*m_registry);
    m_metrics = std::make_unique<PipelineMetrics>(pipeline, m_registry.get());
    m_http = std::make_unique<HttpService>(m_registry.get());
    connect(pipeline, &Pipeline::sourceStateChanged, this, &Endpoints::updateSource);
    connect(pipeline, &Pipeline::sourceFinished, this, &Endpoints::updateSource);
    connect(pipeline, &Pipeline::modelChanged, this, &Endpoints::updateModel);
    connect(pipeline, &Pipeline::modelRejected, this, &Endpoints::updateModel);
    updateSource();
    updateModel();
}

Endpoints::~Endpoints()
{
    // The service's thread reads the registry: it stops first.
    m_http.reset();
    m_metrics.reset();
}

bool Endpoints::start(const HttpOptions &options, QString *error)
{
    return m_http->start(options, error);
}

void Endpoints::stop()
{
    m_http->stop();
}

void Endpoints::updateSource()
{
    const SourceState state = m_pipeline->sourceState();
    m_http->setSource(m_pipeline->sourceText(), sourceStateName(state), state == SourceState::Live);
    m_http->setStreams(m_pipeline->streams());
}

void Endpoints::updateModel()
{
    const ModelIdentity &identity = m_pipeline->modelIdentity();
    m_http->setModel(m_pipeline->model(), identity.name, identity.sha256);
}

} // namespace fw
