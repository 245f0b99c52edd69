#pragma once

#include <QLabel>

namespace fw {

// What the plots show, when it is not the live present: PAUSED, REPLAY, STALE, NO SOURCE, in
// large capitals across the top of the plots so it reads from across the room. Hidden while
// the plots follow a live source that is sending. GUI thread.
class StateBanner : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateBanner)

public:
    struct State
    {
        bool connected = false;
        bool stale = false;
        qint64 staleSeconds = 0; // since the newest sample; negative: none arrived yet
        bool paused = false;     // the plots are frozen
        QString pausedAt;        // the right edge of the frozen range, as the axis shows time
        bool replay = false;
        QString replayName; // the file's name
        double replaySpeed = 1;
        bool replayPaused = false;
        bool replayEnded = false;
    };

    explicit StateBanner(QWidget *parent = nullptr);

    void showState(const State &state);
};

} // namespace fw
