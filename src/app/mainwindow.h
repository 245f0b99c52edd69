#pragma once

#include "dialogs/preferencesdialog.h"
#include "panels/anomalypanel.h"
#include "plot/plotaxis.h"
#include "service/pipeline.h"

#include <QElapsedTimer>
#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QActionGroup;
class QLabel;
class QTimer;

namespace fw {

namespace metrics {
class Histogram;
}

class AlarmBook;
class AlarmJournal;
class AlarmPanel;
class AnomalyPanel;
class ConnectionBar;
class ModelTrainer;
class ModelView;
class PlotView;
class Endpoints;
class Prompts;
class ReplayBar;
class StateBanner;
class SampleHistory;
class TrainStatus;

// What the command line asks the console to start with.
struct ConsoleOptions
{
    bool demo = false;   // the simulator, the spacecraft profile and the bundled model
    QString source;      // a source URI to connect at start
    QString profile;     // a profile name or file; empty: the last one used
    QString modelPath;   // a model file; empty: MODEL_PATH, else the last one used
    QString http;        // ADDR:PORT to serve /metrics etc. on; empty: the setting (127.0.0.1:9917)
    bool noHttp = false; // serve nothing this time
    QString labelsPath;  // ground truth for a labelled replay (simulate --labels)
};

// The console's main window. It wires the pipeline, the plots, the panels and the alarm book
// together, and holds no detection or parsing logic. GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr int kTickMs = 33;         // display refresh, about 30 Hz
    static constexpr double kDockShare = 0.42; // of the first window's width, for the docks
    static constexpr auto kDemoSource = "sim://spacecraft?scenario=mixed&seed=7";
    static constexpr auto kDemoModel = ":/models/spacecraft.json";

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Applies the options: profile, model, source. Problems are shown in the status bar and
    // returned in *error (the console stays usable); false when any was refused.
    bool start(const ConsoleOptions &options, QString *error);

    [[nodiscard]] Pipeline *pipeline() const { return m_pipeline; }
    [[nodiscard]] SampleHistory *history() const { return m_history.get(); }
    [[nodiscard]] PlotView *plotView() const { return m_plot; }
    [[nodiscard]] AnomalyPanel *anomalyPanel() const { return m_anomaly; }
    [[nodiscard]] AlarmBook *alarmBook() const { return m_alarms; }
    [[nodiscard]] AlarmPanel *alarmPanel() const { return m_alarmPanel; }
    [[nodiscard]] ConnectionBar *connectionBar() const { return m_connection; }
    [[nodiscard]] ReplayBar *replayBar() const { return m_replayBar; }
    [[nodiscard]] StateBanner *banner() const { return m_banner; }
    [[nodiscard]] ModelTrainer *trainer() const { return m_trainer; }
    [[nodiscard]] ModelView *modelView() const { return m_modelView; }
    // The console's dialogs (their forms are under ui/), run through the prompts.
    void openConnectionDialog();
    void editPreferences();
    // Chooses a range of the history to train on, then trains as trainFromRange() does.
    void trainFromHistory();
    // About FaultWatch on tab 0, its keyboard shortcuts on tab 1.
    void showAbout(int tab);
    [[nodiscard]] Preferences preferences() const;
    void applyPreferences(const Preferences &preferences);
    // Shows the Model view on one of its tabs (0: the model, 1: calibration, 2: channels,
    // 3: session).
    void showModelView(int tab);
    [[nodiscard]] TrainStatus *trainStatus() const { return m_trainStatus; }
    [[nodiscard]] Endpoints *endpoints() const { return m_endpoints.get(); }
    [[nodiscard]] QAction *httpAction() const { return m_httpAction; }
    // Serves /metrics, /health, /ready and /predict on address ("ADDR:PORT"); false with the
    // reason, also shown in the status bar (the console works on without them).
    bool startHttp(const QString &address, QString *error);
    void stopHttp();
    [[nodiscard]] QAction *trainAction() const { return m_train; }
    // Replaces the dialogs the console asks its questions with (tests answer them directly).
    void setPrompts(std::unique_ptr<Prompts> prompts);
    [[nodiscard]] QAction *pauseAction() const { return m_pause; }
    [[nodiscard]] bool isPaused() const;
    // Refreshes plots, panels and the status bar now, as the display tick does.
    void refreshNow();

    bool connectSource(const QString &uriText, QString *error);
    bool openModel(const QString &path, QString *error);
    bool setProfileByName(const QString &nameOrPath, QString *error);
    // Trains a model on the history between t0 and t1 in the background; when it is done the new
    // model is put in use and the operator is asked where to save it. false when refused, with
    // the reason in *error (empty when the operator declined to train on flagged samples).
    bool trainFromRange(double t0, double t1, QString *error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void loadSettings();
    void saveSettings() const;
    void applyTheme(bool dark);
    void setTimeWindow(double seconds);
    void setTimeLabels(TimeLabels labels);
    void onSamples(const SampleBlockPtr &block);
    void onResults(const ResultBlockPtr &all);
    void watchStream(std::uint32_t id);
    void updateStreams();
    void onTick();
    void showHttpState();
    void buildService();
    void startHttpFromOptions(const ConsoleOptions &options);
    void recordFrameTime();
    void showMessage(const QString &text);
    void showBanner();
    // Pauses the plots on an alarm's onset.
    void showAlarmOnset(quint64 id);
    // Whether the detector is judging anything now; sets m_monitorDetail.
    MonitorState monitorState();
    // Before a replay: keeps the profile if the file fits it, else switches to the built-in
    // profile it fits, else refuses with the reason in *error.
    bool fitProfileToFile(const SourceUri &uri, QString *error);
    void chooseModelFile();
    void saveModelAs();
    void trainFromVisibleRange();
    void onTrained(const std::shared_ptr<const detect::DetectorModel> &model, const QString &name,
                   const QStringList &notes);
    void onSeeked();
    void exportPng();
    void exportCsv();

    Pipeline *m_pipeline = nullptr;
    std::unique_ptr<SampleHistory> m_history;
    std::unique_ptr<AlarmJournal> m_journal;
    AlarmBook *m_alarms = nullptr;
    PlotView *m_plot = nullptr;
    AnomalyPanel *m_anomaly = nullptr;
    AlarmPanel *m_alarmPanel = nullptr;
    ConnectionBar *m_connection = nullptr;
    ReplayBar *m_replayBar = nullptr;
    StateBanner *m_banner = nullptr;
    ModelTrainer *m_trainer = nullptr;
    ModelView *m_modelView = nullptr;
    QDockWidget *m_modelDock = nullptr;
    TrainStatus *m_trainStatus = nullptr;
    std::unique_ptr<Prompts> m_prompts;
    QTimer *m_tick = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_train = nullptr;
    QActionGroup *m_windows = nullptr;
    QActionGroup *m_timeLabels = nullptr;
    QAction *m_scaleToLimits = nullptr;
    QAction *m_dark = nullptr;
    QLabel *m_sourceStatus = nullptr;
    QLabel *m_latencyStatus = nullptr;
    QLabel *m_httpStatus = nullptr;
    QAction *m_httpAction = nullptr;
    std::unique_ptr<Endpoints> m_endpoints;
    metrics::Histogram *m_frameTimes = nullptr;
    QString m_httpAddress;
    std::uint64_t m_framesSeen = 0;
    QElapsedTimer m_lastSample; // since the newest sample arrived; invalid before the first
    bool m_replayEnded = false;
    bool m_docksSized = false; // the docks got their share of the first window, or a saved one
    struct
    {
        std::uint64_t samples = 0;
        std::uint64_t unknown = 0;
    } m_mismatchSeen; // counts at the last change, to tell a profile mismatch
    bool m_mismatch = false;
    QElapsedTimer m_unknownClock; // since the counts above last moved
    QString m_monitorDetail;
    bool m_replay = false; // the source is a file: its alarms stay out of the live journal
    // Of a source of many streams (a fleet): the one the views follow; 0 before the first.
    std::uint32_t m_watchedStream = 0;
    QElapsedTimer m_rateClock;
    std::uint64_t m_rateSamples = 0;
    double m_rate = 0;
};

} // namespace fw
