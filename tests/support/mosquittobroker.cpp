#include "mosquittobroker.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

namespace fw::test {

QString MosquittoBroker::executable()
{
    // Debian puts it in /usr/sbin, which a user's PATH may lack.
    QString path = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    if (path.isEmpty()) {
        path = QStandardPaths::findExecutable(QStringLiteral("mosquitto"),
                                              {QStringLiteral("/usr/sbin")});
    }
    return path;
}

bool MosquittoBroker::start(quint16 port)
{
    stop();
    m_log.clear();
    if (port == 0) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_error = probe.errorString();
            return false;
        }
        port = probe.serverPort();
    }
    m_port = port;
    const QString config = m_dir.filePath(QStringLiteral("mosquitto.conf"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = file.errorString();
        return false;
    }
    file.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\npersistence false\n"
                              "log_dest stderr\nlog_type all\nmax_queued_messages 100000\n")
                   .arg(port)
                   .toUtf8());
    file.close();
    m_process = std::make_unique<QProcess>();
    // Into a file, not a pipe: a fleet's messages are logged by the thousand per second, and a
    // pipe nobody reads while the test waits on something else would stall the broker.
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_dir.filePath(QStringLiteral("mosquitto.log")));
    m_process->start(executable(), {QStringLiteral("-c"), config});
    if (!m_process->waitForStarted(5000)) {
        m_error = QStringLiteral("mosquitto did not start: %1").arg(m_process->errorString());
        return false;
    }
    const QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (socket.waitForConnected(200)) {
            return true;
        }
        if (m_process->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("mosquitto exited: %1").arg(QString::fromUtf8(log()));
            return false;
        }
        QThread::msleep(50);
    }
    m_error = QStringLiteral("mosquitto did not listen on %1 within 10 s").arg(port);
    return false;
}

void MosquittoBroker::stop()
{
    if (!m_process) {
        return;
    }
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_log = log();
    m_process.reset();
}

QString MosquittoBroker::url(const QString &topic) const
{
    return QStringLiteral("mqtt://127.0.0.1:%1/%2").arg(m_port).arg(topic);
}

bool MosquittoBroker::waitForSubscriptions(int count, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (log().count("Received SUBSCRIBE") >= count) {
            return true;
        }
        QThread::msleep(50);
    }
    return false;
}

QByteArray MosquittoBroker::log()
{
    if (m_process) {
        QFile file(m_dir.filePath(QStringLiteral("mosquitto.log")));
        if (file.open(QIODevice::ReadOnly)) {
            m_log = file.readAll();
        }
    }
    return m_log;
}

} // namespace fw::test
