#pragma once

#include "metrics/registry.h"
#include "service/httpservice.h"

#include <QObject>

#include <memory>

namespace fw {

class Pipeline;
class PipelineMetrics;

// What a run exposes over HTTP, for the console and `faultwatch-cli serve` alike: the metrics
// registry with the process_* and faultwatch_* figures, and the HttpService, kept told of the
// pipeline's source state and model. pipeline must outlive it.
class Endpoints : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Endpoints)

public:
    explicit Endpoints(Pipeline *pipeline, QObject *parent = nullptr);
    ~Endpoints() override;

    bool start(const HttpOptions &options, QString *error);
    void stop();
    [[nodiscard]] metrics::Registry &registry() { return *m_registry; }
    [[nodiscard]] HttpService *http() const { return m_http.get(); }
    [[nodiscard]] PipelineMetrics *pipelineMetrics() const { return m_metrics.get(); }

private:
    void updateSource();
    void updateModel();

    Pipeline *m_pipeline;
    std::unique_ptr<metrics::Registry> m_registry;
    std::unique_ptr<PipelineMetrics> m_metrics;
    std::unique_ptr<HttpService> m_http;
};

} // namespace fw
