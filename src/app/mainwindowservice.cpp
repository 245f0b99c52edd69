// MainWindow's HTTP endpoints: the same /metrics, /health, /ready and /predict as
// `faultwatch-cli serve`, plus the console's frame time.
#include "mainwindow.h"
#include "metrics/registry.h"
#include "plot/plotview.h"
#include "service/endpoints.h"

#include <QAction>
#include <QLabel>
#include <QSettings>

namespace fw {

namespace {

constexpr auto kDefaultHttp = "127.0.0.1:9917";

metrics::Histogram &frameHistogram(metrics::Registry &registry)
{
    static const std::vector<double> bounds{0.002, 0.004, 0.008, 0.016, 0.033, 0.066, 0.1, 0.25};
    return registry.histogram("faultwatch_gui_frame_seconds",
                              "Time the console took to paint its plots, per frame.", bounds);
}

} // namespace

bool MainWindow::startHttp(const QString &address, QString *error)
{
    HttpOptions options;
    QString why;
    if (!parseHttpAddress(address, &options, &why) || !m_endpoints->start(options, &why)) {
        m_httpAddress.clear();
        showHttpState();
        showMessage(tr("Metrics are not served: %1").arg(why));
        if (error) {
            *error = why;
        }
        return false;
    }
    m_httpAddress = address;
    QSettings().setValue(QStringLiteral("http/address"), address);
    showHttpState();
    return true;
}

void MainWindow::stopHttp()
{
    m_endpoints->stop();
    showHttpState();
}

void MainWindow::showHttpState()
{
    const QString url = m_endpoints->http()->url();
    m_httpStatus->setText(url.isEmpty() ? tr("metrics off") : tr("metrics %1/metrics").arg(url));
    const QSignalBlocker block(m_httpAction);
    m_httpAction->setChecked(!url.isEmpty());
}

void MainWindow::buildService()
{
    m_endpoints = std::make_unique<Endpoints>(m_pipeline);
    m_frameTimes = &frameHistogram(m_endpoints->registry());
    m_httpStatus = new QLabel(this);
    m_httpAction = new QAction(tr("Serve &HTTP endpoints"), this);
    m_httpAction->setCheckable(true);
    m_httpAction->setStatusTip(tr("/metrics, /health, /ready and /predict, as faultwatch-cli "
                                  "serve has them"));
    connect(m_httpAction, &QAction::toggled, this, [this](bool on) {
        QSettings().setValue(QStringLiteral("http/enabled"), on);
        if (on) {
            startHttp(QSettings()
                          .value(QStringLiteral("http/address"), QLatin1String(kDefaultHttp))
                          .toString(),
                      nullptr);
        } else {
            stopHttp();
        }
    });
}

void MainWindow::startHttpFromOptions(const ConsoleOptions &options)
{
    if (options.noHttp) {
        showHttpState();
        return;
    }
    QSettings settings;
    if (options.http.isEmpty() && !settings.value(QStringLiteral("http/enabled"), true).toBool()) {
        showHttpState();
        return;
    }
    const QString address
        = options.http.isEmpty()
              ? settings.value(QStringLiteral("http/address"), QLatin1String(kDefaultHttp))
                    .toString()
              : options.http;
    startHttp(address, nullptr);
}

void MainWindow::recordFrameTime()
{
    if (m_plot->framesPainted() != m_framesSeen) {
        m_framesSeen = m_plot->framesPainted();
        m_frameTimes->observe(m_plot->lastFrameMs() / 1000.0);
    }
}

} // namespace fw
