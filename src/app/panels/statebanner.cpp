#include "panels/statebanner.h"

#include <QLocale>

namespace fw {

StateBanner::StateBanner(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(QStringLiteral("stateBanner"));
    setAlignment(Qt::AlignCenter);
    setAutoFillBackground(true);
    setMargin(6);
    QFont big = font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.5);
    setFont(big);
    setAccessibleName(tr("View state"));
    hide();
}

void StateBanner::showState(const State &state)
{
    QStringList parts;
    // Colour by what matters most: no data over a frozen view over a replay.
    QColor background;
    QColor foreground = Qt::white;
    if (state.replay) {
        QString replay;
        if (state.replayEnded) {
            replay = tr("REPLAY ENDED");
        } else if (state.replayPaused) {
            replay = tr("REPLAY PAUSED");
        } else if (state.replaySpeed <= 0) {
            replay = tr("REPLAY AT FULL SPEED");
        } else {
            replay = tr("REPLAY ×%1").arg(QLocale().toString(state.replaySpeed, 'g', 3));
        }
        parts << replay + QStringLiteral(" — ") + state.replayName;
        background = QColor(0x6a, 0x3d, 0x9a);
    }
    if (state.paused) {
        parts << tr("PAUSED at %1 — data is still judged").arg(state.pausedAt);
        background = QColor(0x1f, 0x5f, 0xa8);
    }
    if (!state.connected) {
        parts.prepend(tr("NO SOURCE"));
        background = QColor(0x55, 0x55, 0x55);
    } else if (state.stale && !state.replay) {
        parts.prepend(state.staleSeconds >= 0
                          ? tr("STALE — no data for %1 s").arg(state.staleSeconds)
                          : tr("STALE — no data yet"));
        background = QColor(0xe8, 0xa3, 0x17);
        foreground = Qt::black;
    }
    if (parts.isEmpty()) {
        hide();
        return;
    }
    QPalette pal = palette();
    pal.setColor(QPalette::Window, background);
    pal.setColor(QPalette::WindowText, foreground);
    setPalette(pal);
    setText(parts.join(QStringLiteral("   ·   ")));
    show();
}

} // namespace fw
