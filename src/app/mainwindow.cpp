#include "mainwindow.h"

#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "alarms/alarmpanel.h"
#include "detect/modelfile.h"
#include "model/modelview.h"
#include "modeltrainer.h"
#include "panels/anomalypanel.h"
#include "panels/connectionbar.h"
#include "panels/replaybar.h"
#include "panels/statebanner.h"
#include "panels/trainstatus.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"
#include "profilelabels.h"
#include "prompts.h"
#include "service/endpoints.h"
#include "service/labels.h"
#include "service/streamrows.h"
#include "telemetry/profilematch.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <cmath>

namespace fw {

namespace {

Profile startupProfile()
{
    QString error;
    std::optional<Profile> profile = Profile::load(QStringLiteral("spacecraft"), &error);
    return profile ? localizedProfile(*profile) : Profile{};
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_pipeline(new Pipeline(startupProfile(), this))
    , m_history(std::make_unique<SampleHistory>(m_pipeline->profile().channelCount()))
    , m_journal(std::make_unique<AlarmJournal>())
    , m_plot(new PlotView(this))
    , m_anomaly(new AnomalyPanel(this))
    , m_connection(new ConnectionBar(this))
    , m_replayBar(new ReplayBar(this))
    , m_banner(new StateBanner(this))
    , m_trainer(new ModelTrainer(this))
    , m_modelView(new ModelView(this))
    , m_trainStatus(new TrainStatus(this))
    , m_prompts(std::make_unique<Prompts>())
    , m_tick(new QTimer(this))
{
    setWindowTitle(tr("FaultWatch"));
    setObjectName(QStringLiteral("mainWindow"));

    auto *bar = addToolBar(tr("Connection"));
    bar->setObjectName(QStringLiteral("connectionToolBar"));
    bar->setMovable(false);
    bar->addWidget(m_connection);

    m_plot->setHistory(m_history.get());
    auto *centre = new QWidget(this);
    auto *centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->setSpacing(0);
    centreLayout->addWidget(m_banner);
    // Scrolls only when the strips would get too small to read (8 channels on 768 lines).
    auto *plotScroll = new QScrollArea(centre);
    plotScroll->setObjectName(QStringLiteral("plotScroll"));
    plotScroll->setWidgetResizable(true);
    plotScroll->setFrameShape(QFrame::NoFrame);
    plotScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    plotScroll->setWidget(m_plot);
    centreLayout->addWidget(plotScroll, 1);
    centreLayout->addWidget(m_replayBar);
    setCentralWidget(centre);

    auto *anomalyDock = new QDockWidget(tr("Detector"), this);
    anomalyDock->setObjectName(QStringLiteral("detectorDock"));
    // Scrolls when the screen is short (8 channels' attribution at 768 lines), so the window
    // never has to be taller than the screen.
    auto *anomalyScroll = new QScrollArea(anomalyDock);
    anomalyScroll->setWidgetResizable(true);
    anomalyScroll->setFrameShape(QFrame::NoFrame);
    anomalyScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    anomalyScroll->setWidget(m_anomaly);
    anomalyDock->setWidget(anomalyScroll);
    addDockWidget(Qt::RightDockWidgetArea, anomalyDock);

    m_alarms = new AlarmBook(m_journal.get(), {}, this);
    m_alarmPanel = new AlarmPanel(m_alarms, m_journal.get(), this);
    connect(m_alarmPanel, &AlarmPanel::statusMessage, this, &MainWindow::showMessage);
    connect(m_alarmPanel, &AlarmPanel::alarmActivated, this, &MainWindow::showAlarmOnset);
    auto *alarmDock = new QDockWidget(tr("Alarms"), this);
    alarmDock->setObjectName(QStringLiteral("alarmDock"));
    alarmDock->setWidget(m_alarmPanel);
    addDockWidget(Qt::RightDockWidgetArea, alarmDock);

    // Shown on demand (View › Model, or Model details): beside the detector, not in its way.
    m_modelDock = new QDockWidget(tr("Model"), this);
    m_modelDock->setObjectName(QStringLiteral("modelDock"));
    // Scrolls rather than squeezing its charts (or cutting its facts) when the dock is small.
    auto *modelScroll = new QScrollArea(m_modelDock);
    modelScroll->setWidgetResizable(true);
    modelScroll->setFrameShape(QFrame::NoFrame);
    modelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    modelScroll->setWidget(m_modelView);
    m_modelDock->setWidget(modelScroll);
    addDockWidget(Qt::RightDockWidgetArea, m_modelDock);
    tabifyDockWidget(anomalyDock, m_modelDock);
    anomalyDock->raise();
    m_modelDock->hide();

    buildService();
    buildMenus();
    buildStatusBar();
    // The plots take the keyboard at start, not the Source field: Space pauses instead of typing
    // into the URI, and what is typed next does not become the source.
    m_plot->setFocusPolicy(Qt::StrongFocus);
    m_plot->setAccessibleName(tr("Channel plots"));
    setFocusProxy(m_plot);
    m_plot->setFocus();

    connect(m_pipeline, &Pipeline::samplesReady, this, &MainWindow::onSamples);
    connect(m_pipeline, &Pipeline::resultsReady, this, &MainWindow::onResults);
    connect(m_pipeline, &Pipeline::sourceStateChanged, m_connection, &ConnectionBar::showState);
    connect(m_pipeline, &Pipeline::sourceFailed, this, &MainWindow::showMessage);
    connect(m_pipeline, &Pipeline::sourceFinished, this, [this] {
        m_replayEnded = true;
        showMessage(tr("Replay finished."));
    });
    connect(m_pipeline, &Pipeline::modelChanged, this, [this](const ModelIdentity &identity) {
        m_anomaly->setModelIdentity(identity);
        const auto model = m_pipeline->model();
        m_anomaly->setPolicy(model ? &model->policy : nullptr);
        m_modelView->setModel(model, identity);
    });
    connect(m_pipeline, &Pipeline::modelRejected, this, &MainWindow::showMessage);
    connect(m_anomaly, &AnomalyPanel::modelDetailsRequested, this, [this] { showModelView(0); });
    connect(m_pipeline, &Pipeline::sourceSeeked, this, &MainWindow::onSeeked);
    connect(m_plot, &PlotView::timeWindowChanged, m_replayBar, &ReplayBar::setPrerollS);
    connect(m_trainer, &ModelTrainer::stageStarted, m_trainStatus, &TrainStatus::showStage);
    connect(m_trainer, &ModelTrainer::trained, this, &MainWindow::onTrained);
    connect(m_trainer, &ModelTrainer::failed, this, [this](const QString &message) {
        m_trainStatus->showDone();
        m_prompts->refuse(this, tr("Train model"),
                          tr("No model was trained, the one in use stays: %1").arg(message));
    });
    connect(m_trainer, &ModelTrainer::canceled, this, [this] {
        m_trainStatus->showDone();
        showMessage(tr("Training canceled; the model in use stays."));
    });
    connect(m_trainStatus, &TrainStatus::cancelRequested, m_trainer, &ModelTrainer::cancel);
    connect(m_connection, &ConnectionBar::connectRequested, this,
            [this](const QString &text, const QString &profile) {
                QString error;
                if (profile != m_pipeline->profile().name && !setProfileByName(profile, &error)) {
                    showMessage(error);
                    return;
                }
                if (!connectSource(text, &error)) {
                    showMessage(error);
                }
            });
    connect(m_connection, &ConnectionBar::disconnectRequested, this, [this] {
        m_pipeline->disconnectSource();
        m_connection->setConnected(false);
        m_replayBar->setSource(nullptr);
    });
    connect(m_connection, &ConnectionBar::streamChosen, this, &MainWindow::watchStream);
    connect(m_connection, &ConnectionBar::profileChosen, this, [this](const QString &name) {
        QString error;
        if (!setProfileByName(name, &error)) {
            showMessage(error);
        }
    });

    m_connection->setProfiles(Profile::builtinNames(), m_pipeline->profile().name);
    m_plot->setProfile(m_pipeline->profile());
    m_anomaly->setProfile(m_pipeline->profile());
    m_modelView->setProfile(m_pipeline->profile());
    m_replayBar->setPrerollS(m_plot->timeWindow());
    m_rateClock.start();
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &MainWindow::onTick);
    m_tick->start();
    // The first window fits the screen it opens on (1366×768 included); saved geometry wins.
    QSize size(1400, 860);
    if (const QScreen *screen = QGuiApplication::primaryScreen()) {
        size = size.boundedTo(screen->availableGeometry().size() * 0.95);
    }
    resize(size);
    loadSettings();
}

MainWindow::~MainWindow()
{
    // The pipeline's threads stop before the history and the book they feed go away.
    m_pipeline->disconnectSource();
}

bool MainWindow::start(const ConsoleOptions &options, QString *error)
{
    startHttpFromOptions(options);
    QStringList problems;
    QString why;
    const QString profile = options.demo ? QStringLiteral("spacecraft") : options.profile;
    if (!profile.isEmpty() && !setProfileByName(profile, &why)) {
        problems << why;
    }
    QString model = options.modelPath;
    if (model.isEmpty() && options.demo) {
        model = QString::fromLatin1(kDemoModel);
    }
    if (model.isEmpty()) {
        model = detect::defaultModelPath();
    }
    if (model.isEmpty()) {
        model = QSettings().value(QStringLiteral("model/path")).toString();
    }
    if (model.isEmpty()) {
        const Profile &current = m_pipeline->profile();
        model = detect::bundledModelPath(current.name, current.channelIds());
    }
    if (!model.isEmpty() && !openModel(model, &why)) {
        problems << why;
    }
    QString source = options.source;
    if (source.isEmpty() && options.demo) {
        source = QString::fromLatin1(kDemoSource);
    }
    if (!options.labelsPath.isEmpty()) {
        std::optional<LabelTrack> labels = readLabelsFile(options.labelsPath, &why);
        if (labels) {
            m_modelView->setLabels(std::move(*labels));
        } else {
            problems << why;
        }
    }
    if (!source.isEmpty() && !connectSource(source, &why)) {
        problems << why;
    }
    if (!problems.isEmpty()) {
        showMessage(problems.join(QStringLiteral("; ")));
        if (error) {
            *error = problems.join(u'\n');
        }
        return false;
    }
    return true;
}

bool MainWindow::isPaused() const
{
    return m_plot->isPaused();
}

bool MainWindow::connectSource(const QString &uriText, QString *error)
{
    std::optional<SourceUri> uri = SourceUri::parse(uriText, error);
    if (!uri) {
        return false;
    }
    if (uri->scheme == SourceUri::Scheme::File && !fitProfileToFile(*uri, error)) {
        return false;
    }
    if (!m_pipeline->connectSource(*uri, error)) {
        m_connection->setConnected(false);
        return false;
    }
    m_alarms->endStream(m_replay, tr("source changed"));
    m_replay = uri->scheme == SourceUri::Scheme::File;
    m_watchedStream = 0; // the new source's streams are numbered afresh
    m_history->clear();
    m_connection->rememberSource(uriText);
    m_connection->setConnected(true);
    m_anomaly->clearResults();
    m_modelView->clearSession();
    m_replayEnded = false;
    m_lastSample.invalidate();
    m_unknownClock.invalidate();
    m_mismatch = false;
    m_replayBar->setSource(m_pipeline->source());
    return true;
}

bool MainWindow::fitProfileToFile(const SourceUri &uri, QString *error)
{
    QFile file(uri.path);
    if (!file.open(QIODevice::ReadOnly)) {
        return true; // the source says what is wrong with the file
    }
    constexpr qint64 kHeadBytes = 64 * 1024;
    const QByteArray head = file.read(kHeadBytes);
    const Profile &current = m_pipeline->profile();
    const ProfileChoice choice = chooseProfile(current, uri.format, head);
    const auto percent = [](const ProfileFit &fit) {
        return QLocale().toString(100.0 * fit.insideShare(), 'f', 0);
    };
    if (choice.refused) {
        if (error) {
            *error = tr("Not replayed: the file's columns (%1) name none of the channels of "
                        "profile “%2” (%3), and it fits no built-in profile. Choose its profile "
                        "first.")
                         .arg(recordNames(uri.format, head).join(QStringLiteral(", ")),
                              current.name, current.channelIds().join(QStringLiteral(", ")));
        }
        return false;
    }
    if (choice.profile) {
        const QString name = choice.profile->name;
        if (!setProfileByName(name, error)) {
            return false;
        }
        showMessage(tr("Profile “%1” chosen for this file: all its channels are there and %2 % "
                       "of the values lie within its limits (%3 % within those of “%4”).")
                        .arg(name, percent(choice.chosen), percent(choice.current), current.name));
        return true;
    }
    if (!choice.current.allChannels()) {
        showMessage(tr("The file has %1 of the %2 channels of profile “%3”; the others stay empty.")
                        .arg(choice.current.channelsFound)
                        .arg(choice.current.channelsTotal)
                        .arg(current.name));
    } else if (choice.current.insideShare() < kFitShare) {
        showMessage(tr("Only %1 % of the file's first values lie within the limits of profile "
                       "“%2”, and no built-in profile fits better.")
                        .arg(percent(choice.current), current.name));
    }
    return true;
}

bool MainWindow::openModel(const QString &path, QString *error)
{
    if (!m_pipeline->loadModelFile(path, error)) {
        return false;
    }
    if (!path.startsWith(u':')) {
        QSettings().setValue(QStringLiteral("model/path"), path);
    }
    showMessage(tr("Model %1 loaded.").arg(m_pipeline->modelIdentity().name));
    return true;
}

bool MainWindow::setProfileByName(const QString &nameOrPath, QString *error)
{
    std::optional<Profile> profile = Profile::load(nameOrPath, error);
    if (!profile) {
        return false;
    }
    profile = localizedProfile(*profile);
    if (profile->name == m_pipeline->profile().name
        && profile->channelIds() == m_pipeline->profile().channelIds()) {
        return true;
    }
    m_connection->setConnected(false);
    m_replayBar->setSource(nullptr);
    m_alarms->endStream(m_replay, tr("profile changed"));
    m_pipeline->setProfile(*profile);
    m_history->clear();
    m_history->setChannelCount(profile->channelCount());
    m_plot->setProfile(*profile);
    m_anomaly->setProfile(*profile);
    m_modelView->setProfile(*profile);
    m_connection->setProfiles(Profile::builtinNames(), profile->name);
    // A model learnt another profile's data (a spacecraft model on an EV bench): its ranges and
    // checks do not apply, though the channel ids may be the same. The new profile's bundled
    // model takes over when there is one.
    const auto model = m_pipeline->model();
    if (model && QString::fromStdString(model->profile) != profile->name) {
        const QString bundled = detect::bundledModelPath(profile->name, profile->channelIds());
        QString why;
        if (!bundled.isEmpty() && !openModel(bundled, &why)) {
            showMessage(why);
        }
    }
    return true;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (!m_docksSized) {
        // The alarm table needs its columns in full (time, severity, channel, value,
        // confidence, state); the plots keep the larger share. A saved layout wins.
        m_docksSized = true;
        const auto docks = findChildren<QDockWidget *>(Qt::FindDirectChildrenOnly);
        resizeDocks(docks, QList<int>(docks.size(), int(width() * kDockShare)), Qt::Horizontal);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    m_pipeline->disconnectSource();
    event->accept();
}

void MainWindow::onSamples(const SampleBlockPtr &block)
{
    m_lastSample.restart();
    m_rateSamples += block->size();
    // A source of many streams: the views follow one, the first to arrive until one is chosen.
    if (block->hasStreams() && m_watchedStream == 0) {
        m_watchedStream = block->stream(0);
    }
    if (const SampleBlockPtr rows = rowsOfStream(block, m_watchedStream)) {
        m_history->appendSamples(*rows);
    }
}

void MainWindow::onResults(const ResultBlockPtr &all)
{
    const ResultBlockPtr results = rowsOfStream(all, m_watchedStream);
    if (!results) {
        return;
    }
    m_history->appendResults(*results);
    m_alarms->ingest(*results, m_pipeline->profile(), m_replay);
    m_anomaly->showResults(*results);
    m_modelView->addResults(*results);
}

void MainWindow::watchStream(std::uint32_t id)
{
    if (id == m_watchedStream) {
        return;
    }
    // As after a jump in a replay: the views start afresh on the other stream.
    m_alarms->endStream(m_replay, tr("another stream chosen"));
    m_watchedStream = id;
    m_history->clear();
    m_anomaly->clearResults();
    m_modelView->clearSession();
}

void MainWindow::updateStreams()
{
    std::vector<ConnectionBar::StreamChoice> choices;
    const std::shared_ptr<StreamTable> table = m_pipeline->streams(); // keeps the entries alive
    const std::vector<StreamTable::Entry *> entries = table->entries();
    choices.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        // Ids are given out densely from 1, in the order the entries list them.
        choices.push_back({std::uint32_t(i + 1), QString::fromStdString(entries[i]->key),
                           entries[i]->alarmActive.load(std::memory_order_relaxed),
                           entries[i]->alarmsRaised.load(std::memory_order_relaxed)});
    }
    m_connection->showStreams(choices);
    m_connection->chooseStream(m_watchedStream);
}

void MainWindow::onSeeked()
{
    // A replay jumped: the history restarts at the new position (the preroll refills the time
    // window at once), the open replay alarm ends, and the plots follow the new position.
    m_alarms->endStream(m_replay, tr("replay jumped"));
    m_history->clear();
    m_anomaly->clearResults();
    m_modelView->clearSession();
    m_replayEnded = false;
    if (m_pause->isChecked()) {
        m_pause->setChecked(false);
    }
}

void MainWindow::refreshNow()
{
    onTick();
}

void MainWindow::onTick()
{
    m_plot->refresh();
    m_replayBar->refresh();
    const QDateTime expiry = m_alarms->nextShelfExpiry();
    if (expiry.isValid() && expiry <= m_alarms->now()) {
        m_alarms->expireShelves();
    }
    m_anomaly->setMonitoring(monitorState(), m_monitorDetail);
    m_anomaly->showAlarm(m_alarms->openAlarm(m_replay));
    const qint64 elapsed = m_rateClock.elapsed();
    if (elapsed >= 1000) {
        m_rate = double(m_rateSamples) * 1000.0 / double(elapsed);
        m_rateSamples = 0;
        m_rateClock.restart();
        updateStreams();
    }
    const SourceStats stats = m_pipeline->sourceStats();
    m_connection->showStats(m_rate, stats);
    // Operator words in the bar; the developer's figures in the tooltip and on /metrics.
    m_sourceStatus->setText(m_connection->stateText());
    const std::uint64_t dropped
        = m_pipeline->droppedAtDetector() + m_pipeline->droppedAtConsumers();
    // Never silent: samples the detector or this window could not keep up with.
    m_latencyStatus->setText(
        dropped > 0 ? tr("%1 samples dropped").arg(QLocale().toString(qulonglong(dropped)))
                    : tr("nothing dropped"));
    m_latencyStatus->setStyleSheet(dropped > 0 ? QStringLiteral("color: #c0392b; font-weight: bold")
                                               : QString());
    const QString figures
        = tr("Detector latency %1 ms, last frame %2 ms, %3 samples in memory.\n"
             "Samples dropped: %4 because the detector fell behind the source, %5 because this "
             "window fell behind the detector (scoring and /metrics went on).")
              .arg(m_pipeline->detectorLatencyMs(), 0, 'f', 1)
              .arg(m_plot->lastFrameMs(), 0, 'f', 1)
              .arg(QLocale().toString(qlonglong(m_history->size())))
              .arg(m_pipeline->droppedAtDetector())
              .arg(m_pipeline->droppedAtConsumers());
    m_sourceStatus->setToolTip(figures);
    m_latencyStatus->setToolTip(figures);
    showBanner();
    m_modelView->refresh();
    recordFrameTime();
}

void MainWindow::showModelView(int tab)
{
    m_modelDock->show();
    m_modelDock->raise();
    m_modelView->tabs()->setCurrentIndex(tab);
    m_modelView->redraw();
}

void MainWindow::showAlarmOnset(quint64 id)
{
    const int row = m_alarms->rowOf(id);
    if (row < 0) {
        return;
    }
    const double t = m_alarms->at(row).sourceTimeRaised;
    if (!std::isfinite(t)) {
        return;
    }
    if (m_history->isEmpty() || t < m_history->firstTime() || t > m_history->newestTime()) {
        showMessage(tr("The onset of this alarm is no longer in memory (the replay moved on, or "
                       "the history was cleared)."));
        return;
    }
    m_pause->setChecked(true);
    m_plot->showAround(t);
}

void MainWindow::showBanner()
{
    StateBanner::State state;
    state.connected = m_pipeline->isConnected();
    state.stale = m_pipeline->sourceState() == SourceState::Stale;
    state.staleSeconds = m_lastSample.isValid() ? m_lastSample.elapsed() / 1000 : -1;
    state.paused = m_plot->isPaused();
    if (state.paused) {
        QDateTime edge
            = QDateTime::fromMSecsSinceEpoch(std::llround(m_plot->visibleRange().second * 1000));
        if (m_plot->timeLabels() == TimeLabels::ClockUtc) {
            edge = edge.toUTC();
        }
        state.pausedAt = QLocale().toString(edge, QStringLiteral("HH:mm:ss"))
                         + (edge.timeSpec() == Qt::UTC ? QStringLiteral(" UTC") : QString());
    }
    if (const Source *source = m_pipeline->source(); source && m_replay) {
        const ReplayStatus replay = source->replayStatus();
        state.replay = true;
        state.replayName = QFileInfo(m_pipeline->sourceText()).fileName().section(u'?', 0, 0);
        state.replaySpeed = replay.speed;
        state.replayPaused = replay.paused;
        state.replayEnded = m_replayEnded || replay.atEnd;
    }
    m_banner->showState(state);
}

MonitorState MainWindow::monitorState()
{
    m_monitorDetail.clear();
    if (!m_pipeline->isConnected()) {
        return MonitorState::NoSource;
    }
    if (m_replay && m_replayEnded) {
        return MonitorState::ReplayEnded;
    }
    // A profile that names none of the records' channels: records keep arriving and no sample
    // has for as long as the profile calls a feed stale. Not sooner: a feed that mixes in
    // other APIDs or heartbeat records has such records between its samples all the time.
    const SourceStats totals = m_pipeline->sourceStats();
    const std::uint64_t unknown = totals.decodeErrors.count(DecodeError::UnknownChannel)
                                  + totals.decodeErrors.count(DecodeError::UnknownApid);
    const auto staleMs = qint64(m_pipeline->profile().staleAfterS * 1000);
    const bool quiet = !m_lastSample.isValid() || m_lastSample.elapsed() >= staleMs;
    if (totals.samples != m_mismatchSeen.samples) {
        m_mismatch = false;
    } else if (unknown != m_mismatchSeen.unknown && quiet) {
        m_mismatch = true;
    }
    if (totals.samples != m_mismatchSeen.samples || unknown != m_mismatchSeen.unknown) {
        m_unknownClock.start();
    }
    m_mismatchSeen = {totals.samples, unknown};
    // Records of no channel stopped too: it is a quiet feed, said below as stale.
    if (m_mismatch && m_unknownClock.isValid() && m_unknownClock.elapsed() >= staleMs) {
        m_mismatch = false;
    }
    if (m_mismatch) {
        m_monitorDetail = tr("records name none of the channels of profile “%1”")
                              .arg(m_pipeline->profile().name);
        return MonitorState::ProfileMismatch;
    }
    switch (m_pipeline->sourceState()) {
    case SourceState::Disconnected:
    case SourceState::Connecting:
        return MonitorState::Connecting;
    case SourceState::Stale:
        if (m_lastSample.isValid()) {
            m_monitorDetail = tr("nothing for %1 s").arg(m_lastSample.elapsed() / 1000);
        }
        return MonitorState::Stale;
    case SourceState::Live:
        break;
    }
    return m_pipeline->hasModel() ? MonitorState::Monitoring : MonitorState::NoModel;
}

void MainWindow::showMessage(const QString &text)
{
    // Never a modal dialog for what the stream does: the operator keeps watching.
    statusBar()->showMessage(text, 15000);
    qInfo("%s", qPrintable(text));
}

} // namespace fw
