#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <utility>

namespace fw::test {

// The built faultwatch-cli, as tests run it.
QString cliPath();

struct CliResult
{
    int exitCode = -1;
    bool finished = false;
    QByteArray out;
    QByteArray err;
};

// Runs faultwatch-cli to completion (bounded by timeoutMs; killed after that).
CliResult runCli(const QStringList &arguments, int timeoutMs = 30000);

// Starts faultwatch-cli and returns the running process.
std::unique_ptr<QProcess> startCli(const QStringList &arguments);

// The HTTP port a started `serve` announces on stderr (http://127.0.0.1:PORT), or 0 when it did
// not within 10 s or exited; what it logged until then is appended to *log.
quint16 announcedPort(QProcess &serve, QByteArray *log);

// A port that was free on 127.0.0.1 a moment ago, for UDP or TCP.
quint16 freeUdpPort();
quint16 freeTcpPort();
// True once somebody (a source under test) holds the UDP port: an exclusive bind then fails.
bool udpPortTaken(quint16 port);

// One GET on 127.0.0.1:port; status and body, or status 0 (no answer within 5 s).
std::pair<int, QByteArray> httpGet(quint16 port, const QByteArray &path);
// A sample's value in Prometheus text (name with labels, as written), or -1 when absent.
double metricValue(const QByteArray &text, const QByteArray &name);

} // namespace fw::test
