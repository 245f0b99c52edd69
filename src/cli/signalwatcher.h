#pragma once

#include <QObject>

class QSocketNotifier;

namespace fw::cli {

// Turns SIGINT and SIGTERM into a Qt signal on the thread that made it (the main thread), through
// a socket pair: a signal handler may only write a byte, the rest happens in the event loop.
// One instance per process.
class SignalWatcher : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    void readSignal();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace fw::cli
