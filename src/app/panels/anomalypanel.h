#pragma once

#include "alarms/alarm.h"
#include "detect/alarmpolicy.h"
#include "service/pipeline.h"

#include <QWidget>

#include <memory>
#include <vector>

class QLabel;
class QProgressBar;

namespace fw {

class ConfidenceGauge;

namespace Ui {
class AnomalyPanel;
}

// Whether the detector is judging anything, and if not, why. Anything but Monitoring is shown as
// "Not monitoring", never as Normal.
enum class MonitorState : std::uint8_t {
    Monitoring,
    NoSource,        // nothing connected
    Connecting,      // connecting or reconnecting
    Stale,           // connected, no data for longer than the profile allows
    ReplayEnded,     // a replay reached its end
    NoModel,         // samples are plotted, not scored
    ProfileMismatch, // records arrive but none names the profile's channels
};

// The detector's view of now, every element in agreement with the lamp: the lamp and its word
// come from the standing alarm (the alarm book's open alarm of the stream shown), the bar shows
// that alarm's peak confidence in its colour, and the attribution is held for the whole episode
// (the shares of the row that named the alarm's channels, as the alarm book names them) with
// those channels in bold. The form is ui/anomalypanel.ui. With no alarm standing
// the lamp is grey Normal and the bar shows the median confidence of the last second, grey. While
// nothing is judged the lamp says Not monitoring and why. GUI thread.
class AnomalyPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnomalyPanel)

public:
    explicit AnomalyPanel(QWidget *parent = nullptr);
    ~AnomalyPanel() override;

    void setProfile(const Profile &profile);
    void setModelIdentity(const ModelIdentity &identity);
    // The policy's levels to mark on the bar; none without a model.
    void setPolicy(const detect::AlarmPolicyOptions *policy);
    // Takes in a scored block: the last minute's levels and the standing episode's attribution.
    // Shown at the next showAlarm() or setMonitoring() (the display tick), not per block.
    void showResults(const ResultBlock &results);
    // The standing alarm of the stream shown, or null; drawn at once.
    void showAlarm(const Alarm *alarm);
    void setMonitoring(MonitorState state, const QString &detail = {});
    // Forgets the minute and the episode (a new source, a seek).
    void clearResults();

    [[nodiscard]] int confidencePercent() const;
    [[nodiscard]] double confidence() const;
    [[nodiscard]] QString severityText() const;
    [[nodiscard]] QString detailText() const;
    [[nodiscard]] MonitorState monitorState() const { return m_monitor; }
    // The bar's colour: grey unless an alarm stands.
    [[nodiscard]] QColor confidenceColor() const;
    [[nodiscard]] std::vector<int> attributionPercents() const;
    // Channel labels shown in bold: those the standing alarm names.
    [[nodiscard]] QStringList namedChannels() const;
    [[nodiscard]] QString modelText() const;
    [[nodiscard]] ConfidenceGauge *gauge() const { return m_gauge; }

Q_SIGNALS:
    // The operator asked what the model is (the model box's Details button).
    void modelDetailsRequested();

private:
    void refresh();
    void closeSecond();
    void showAttribution();

    std::unique_ptr<Ui::AnomalyPanel> m_ui; // the form, ui/anomalypanel.ui
    ConfidenceGauge *m_gauge = nullptr;
    QLabel *m_lamp = nullptr;
    QLabel *m_severity = nullptr;
    QLabel *m_detail = nullptr;
    QWidget *m_attributionBox = nullptr;
    std::vector<QProgressBar *> m_attribution;
    std::vector<QLabel *> m_attributionLabels;
    QStringList m_channelIds;
    QLabel *m_model = nullptr;

    MonitorState m_monitor = MonitorState::NoSource;
    QString m_monitorDetail;
    bool m_alarmStanding = false;
    Alarm m_alarm; // a copy of the standing alarm
    // The standing episode's attribution as the alarm was named.
    std::vector<double> m_episodeShares;
    bool m_episodeOpen = false;
    // The second being gathered (source time) for the sparkline and the level.
    double m_second = 0;
    bool m_secondOpen = false;
    std::vector<double> m_secondValues;
    std::uint64_t m_secondSeen = 0; // finite confidences seen in the second
    std::uint64_t m_random = 0x9e3779b97f4a7c15ULL;
    detect::Severity m_secondSeverity = detect::Severity::None;
    double m_level; // median confidence of the last whole second
};

} // namespace fw
