#pragma once

#include "model/modelcharts.h"
#include "service/pipeline.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>

class QAreaSeries;
class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QComboBox;
class QLineSeries;
class QTableWidget;
class QTabWidget;
class QValueAxis;
class QDateTimeAxis;

namespace fw {

namespace detect {
struct DetectorModel;
}

namespace Ui {
class ModelView;
}

// What the model in use learnt and how it does this session (the form is ui/modelview.ui): its
// facts, its calibration scores against the alarm thresholds with the newest score, each
// channel's training envelope beside the live value, and alarms per hour with, after a labelled
// replay, precision and recall as they ran. Charts are redrawn at most twice a second, and only
// while the view is shown. GUI thread.
class ModelView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelView)

public:
    static constexpr int kBins = 40;
    static constexpr int kRedrawMs = 500;

    explicit ModelView(QWidget *parent = nullptr);
    ~ModelView() override;

    // The model in use (null: none) and what the operator is told it is.
    void setModel(std::shared_ptr<const detect::DetectorModel> model,
                  const ModelIdentity &identity);
    // The profile's channel labels name the model's channels where the ids agree.
    void setProfile(const Profile &profile);
    // Ground truth for a labelled replay: precision and recall are counted from now on.
    void setLabels(LabelTrack labels);
    // A scored block, with its samples.
    void addResults(const ResultBlock &results);
    // A new source or a jump: the session's figures start again.
    void clearSession();
    // Redraws what changed if shown and due; redraw(true) redraws now, shown or not.
    void refresh();
    void redraw();

    [[nodiscard]] QTabWidget *tabs() const;
    [[nodiscard]] QComboBox *channelBox() const;
    [[nodiscard]] QTableWidget *envelopeTable() const;
    [[nodiscard]] QString factsText() const;
    [[nodiscard]] QString calibrationNote() const;
    [[nodiscard]] const SessionTally &tally() const { return m_tally; }
    [[nodiscard]] QChart *calibrationChart() const { return m_calibrationChart; }
    [[nodiscard]] QChart *channelChart() const { return m_channelChart; }
    [[nodiscard]] QChart *alarmRateChart() const { return m_alarmChart; }
    [[nodiscard]] QChart *labelChart() const { return m_labelChart; }
    // A series of a chart by its object name: "histogram", "watch", "warning", "critical",
    // "newest" (calibration); "value", "mean", "low", "high", "centre", "limitLow", "limitHigh"
    // (channel); "precision", "recall" (labels).
    [[nodiscard]] QLineSeries *series(const QString &name) const;
    [[nodiscard]] QBarSet *alarmBars() const { return m_alarmBars; }
    [[nodiscard]] QStringList alarmHours() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildCharts();
    // The charts follow the console's theme (light or dark).
    void applyPalette();
    void showFacts();
    void showCalibration();
    void showEnvelopeTable();
    void followChannel(int channel);
    void drawNewest();
    void drawChannel();
    void drawSession();
    // The operator's name of a model channel: its profile label and unit, else its id.
    [[nodiscard]] QString channelName(int channel) const;

    std::unique_ptr<Ui::ModelView> m_ui;
    std::shared_ptr<const detect::DetectorModel> m_model;
    ModelIdentity m_identity;
    Profile m_profile;
    SessionTally m_tally;
    ChannelTrace m_trace;
    QElapsedTimer m_redrawClock;
    double m_histogramTop = 1;

    QChart *m_calibrationChart = nullptr;
    QChart *m_channelChart = nullptr;
    QChart *m_alarmChart = nullptr;
    QChart *m_labelChart = nullptr;
    QChartView *m_labelView = nullptr;
    QValueAxis *m_scoreAxis = nullptr;
    QValueAxis *m_countAxis = nullptr;
    QValueAxis *m_channelTimeAxis = nullptr;
    QValueAxis *m_channelValueAxis = nullptr;
    QBarSet *m_alarmBars = nullptr;
    QBarCategoryAxis *m_hourAxis = nullptr;
    QValueAxis *m_alarmAxis = nullptr;
    QDateTimeAxis *m_labelTimeAxis = nullptr;
};

} // namespace fw
