#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fw::test {

// Debian's mosquitto broker, run by a test on loopback: anonymous clients, no persistence,
// everything logged so that a test can wait for a subscription to be in place.
class MosquittoBroker
{
public:
    MosquittoBroker() = default;
    ~MosquittoBroker() { stop(); }
    MosquittoBroker(const MosquittoBroker &) = delete;
    MosquittoBroker &operator=(const MosquittoBroker &) = delete;

    // The broker's executable, or empty when it is not installed (the test then skips).
    [[nodiscard]] static QString executable();

    // Starts on port (0: a free one) and waits until it accepts connections; false with the
    // reason in error().
    bool start(quint16 port = 0);
    // SIGTERM, and waits for the exit.
    void stop();
    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString url(const QString &topic) const;
    // Waits until the broker has logged `count` SUBSCRIBE requests since it started.
    bool waitForSubscriptions(int count, int timeoutMs = 5000);
    [[nodiscard]] QByteArray log();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QByteArray m_log;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace fw::test
