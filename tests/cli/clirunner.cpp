#include "clirunner.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUdpSocket>

namespace fw::test {

QString cliPath()
{
    return QStringLiteral(FW_BIN_DIR "/faultwatch-cli");
}

CliResult runCli(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(cliPath(), arguments);
    CliResult result;
    if (!process.waitForStarted(5000)) {
        return result;
    }
    process.closeWriteChannel();
    result.finished = process.waitForFinished(timeoutMs);
    if (!result.finished) {
        process.kill();
        process.waitForFinished(2000);
    }
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

std::unique_ptr<QProcess> startCli(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->start(cliPath(), arguments);
    process->waitForStarted(5000);
    return process;
}

quint16 freeUdpPort()
{
    QUdpSocket probe;
    probe.bind(QHostAddress::LocalHost, 0);
    return probe.localPort();
}

quint16 freeTcpPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

quint16 announcedPort(QProcess &serve, QByteArray *log)
{
    const QRegularExpression url(QStringLiteral("http://127\\.0\\.0\\.1:(\\d+)"));
    QDeadlineTimer started(10000);
    while (!started.hasExpired() && serve.state() != QProcess::NotRunning) {
        serve.waitForReadyRead(200);
        *log += serve.readAllStandardError();
        const QRegularExpressionMatch match = url.match(QString::fromUtf8(*log));
        if (match.hasMatch()) {
            return quint16(match.captured(1).toUInt());
        }
    }
    return 0;
}

std::pair<int, QByteArray> httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000)) {
        return {0, {}};
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    QByteArray data;
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired()) {
        const qsizetype end = data.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QByteArray head = data.left(end).toLower();
            const qsizetype at = head.indexOf("content-length:");
            const qsizetype length
                = at < 0
                      ? 0
                      : head.mid(at + 15, head.indexOf('\r', at) - at - 15).trimmed().toLongLong();
            if (data.size() >= end + 4 + length) {
                return {data.mid(9, 3).toInt(), data.mid(end + 4, length)};
            }
        }
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())))) {
            break;
        }
        data += socket.readAll();
    }
    return {0, {}};
}

double metricValue(const QByteArray &text, const QByteArray &name)
{
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(name + ' ')) {
            return line.mid(name.size() + 1).toDouble();
        }
    }
    return -1;
}

bool udpPortTaken(quint16 port)
{
    QUdpSocket probe;
    return !probe.bind(QHostAddress::LocalHost, port, QAbstractSocket::DontShareAddress);
}

} // namespace fw::test
