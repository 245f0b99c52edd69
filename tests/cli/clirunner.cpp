#include "clirunner.h"

#include <QTcpServer>
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

} // namespace fw::test
