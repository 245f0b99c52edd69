#pragma once

#include "io/sourcestate.h"

#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QPushButton;

namespace fw {

namespace Ui {
class ConnectionBar;
}

// Where the telemetry comes from: the source URI (with history), the profile, connect and
// disconnect, and how the link is doing (the form is ui/connectionbar.ui). It only asks; the main
// window connects. GUI thread.
class ConnectionBar : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionBar)

public:
    static constexpr int kHistorySize = 12;

    explicit ConnectionBar(QWidget *parent = nullptr);
    ~ConnectionBar() override;

    [[nodiscard]] QString sourceText() const;
    void setSourceText(const QString &text);
    // Most recent first; the current text is not added until a connect succeeds.
    [[nodiscard]] QStringList history() const;
    void setHistory(const QStringList &history);
    void rememberSource(const QString &text);

    [[nodiscard]] QString profileName() const;
    void setProfiles(const QStringList &names, const QString &current);

    void setConnected(bool connected);
    [[nodiscard]] bool isConnected() const { return m_connected; }
    void showState(SourceState state);
    void showStats(double samplesPerSecond, const SourceStats &stats);
    [[nodiscard]] QString stateText() const;

    // The streams of a source of many (a fleet); none hides the picker. Those holding an alarm,
    // or that raised one, are marked. The current choice stays unless it is gone.
    struct StreamChoice
    {
        std::uint32_t id = 0;
        QString key;
        bool alarm = false;
        std::uint64_t alarmsRaised = 0;
    };
    void showStreams(const std::vector<StreamChoice> &streams);
    void chooseStream(std::uint32_t id);
    [[nodiscard]] std::uint32_t chosenStream() const;

Q_SIGNALS:
    void connectRequested(const QString &sourceText, const QString &profileName);
    void disconnectRequested();
    void profileChosen(const QString &profileName);
    void streamChosen(std::uint32_t id);

private:
    void showOtherAlarms();

    std::unique_ptr<Ui::ConnectionBar> m_ui; // the form, ui/connectionbar.ui
    QComboBox *m_source = nullptr;
    QComboBox *m_profile = nullptr;
    QPushButton *m_connect = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_stats = nullptr;
    QComboBox *m_stream = nullptr;
    std::vector<StreamChoice> m_streams; // as shown
    bool m_connected = false;
};

} // namespace fw
