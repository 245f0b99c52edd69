// The console as an operator uses it, offscreen: the demo, a recorded fault replayed from a real
// file, acknowledging, pausing, settings and a bad model file.
#include "alarms/alarmbook.h"
#include "alarms/alarmpanel.h"
#include "alarms/alarmtablemodel.h"
#include "detect/detector.h"
#include "detect/modelfile.h"
#include "historyrange.h"
#include "mainwindow.h"
#include "modeltrainer.h"
#include "panels/anomalypanel.h"
#include "panels/replaybar.h"
#include "panels/statebanner.h"
#include "panels/trainstatus.h"
#include "plot/plotrenderer.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"
#include "prompts.h"
#include "service/endpoints.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

using namespace fw;

namespace {

const QString kCli = QStringLiteral(FW_BIN_DIR "/faultwatch-cli");

QString simulate(const QString &path, const QStringList &options)
{
    QProcess cli;
    cli.start(kCli, QStringList{QStringLiteral("simulate"), QStringLiteral("--to"), path,
                                QStringLiteral("--seed"), QStringLiteral("5")}
                        + options);
    if (!cli.waitForFinished(30000) || cli.exitCode() != 0) {
        qWarning("simulate failed: %s", cli.readAllStandardError().constData());
        return {};
    }
    return path;
}

// A spacecraft recording with a step on the temperature 20 s in, made by the simulator.
QString recordFault(const QTemporaryDir &dir)
{
    return simulate(dir.filePath(QStringLiteral("step.csv")),
                    {QStringLiteral("--duration"), QStringLiteral("60"),
                     QStringLiteral("--scenario"), QStringLiteral("step:temperature"),
                     QStringLiteral("--onset"), QStringLiteral("20"),
                     QStringLiteral("--fault-duration"), QStringLiteral("30")});
}

// Four minutes of nominal spacecraft telemetry (10 Hz): training needs two at least.
QString recordNominal(const QTemporaryDir &dir)
{
    return simulate(dir.filePath(QStringLiteral("nominal.csv")),
                    {QStringLiteral("--duration"), QStringLiteral("240"),
                     QStringLiteral("--scenario"), QStringLiteral("nominal")});
}

// Answers the console's questions without a dialog, and remembers them.
class TestPrompts : public Prompts
{
public:
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString saveFileName(QWidget *, const QString &title, const QString &) override
    {
        saveTitles << title;
        return savePath;
    }
    bool confirm(QWidget *, const QString &, const QString &text) override
    {
        questions << text;
        return answer;
    }
    void refuse(QWidget *, const QString &, const QString &text) override { refusals << text; }
    void warn(QWidget *, const QString &, const QString &text) override { warnings << text; }

    QString savePath;
    bool answer = true;
    QStringList saveTitles;
    QStringList questions;
    QStringList refusals;
    QStringList warnings;
};

// Replays a recording as fast as possible and waits until every sample is scored.
bool replayAll(MainWindow &window, const QString &path, std::uint64_t rows)
{
    QString error;
    QSignalSpy finished(window.pipeline(), &Pipeline::sourceFinished);
    const std::uint64_t scoredBefore = window.pipeline()->samplesScored();
    if (!window.connectSource(QStringLiteral("file://%1?speed=0").arg(path), &error)) {
        qWarning("%s", qPrintable(error));
        return false;
    }
    return QTest::qWaitFor([&] { return finished.count() == 1; }, 20000)
           && QTest::qWaitFor(
               [&] { return window.pipeline()->samplesScored() == scoredBefore + rows; }, 10000);
}

// Scores of rows by a fresh detector of a model.
std::vector<double> scoresOf(std::shared_ptr<const detect::DetectorModel> model,
                             const std::vector<double> &rows)
{
    std::string error;
    std::optional<detect::Detector> detector = detect::Detector::create(std::move(model), &error);
    if (!detector) {
        qWarning("%s", error.c_str());
        return {};
    }
    detect::DetectionResults results;
    results.channels = detector->channelCount();
    detector->process(rows, results);
    return results.score;
}

QList<QAction *> allActions(const QMenuBar *bar)
{
    QList<QAction *> out;
    for (QAction *menu : bar->actions()) {
        if (menu->menu()) {
            out += menu->menu()->actions();
        }
    }
    return out;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void opensAndClosesCleanly();
    void everyShortcutTheOperatorNeedsIsInAMenu_data();
    void everyShortcutTheOperatorNeedsIsInAMenu();
    void spaceAtStartPausesAndDoesNotTypeIntoTheSource();
    void aClosedDockComesBackFromTheViewMenu();
    void theFirstWindowFitsTheScreen();
    void everyReplayMenuItemHasText();
    void theDemoPlotsAndScoresLiveData();
    void aReplayedFaultRaisesAnAlarmThatCanBeAcknowledged();
    void pauseFreezesThePlotsWhileCountsKeepRising();
    void theBannerSaysWhatThePlotsShow();
    void theTimeAxisShowsClockTimeChosenInView();
    void clickingAnAlarmShowsItsOnset();
    void everyAlarmColumnIsVisibleAt1366_data();
    void everyAlarmColumnIsVisibleAt1366();
    void eightChannelsGetReadableStripsAndColoursOfTheirOwn();
    void settingsSurviveARestart();
    void aBadModelFileLeavesTheOldOneInUse();
    void trainingFromTheVisibleRangePutsTheNewModelInUse();
    void aRangeTooSmallToTrainOnIsRefused();
    void cancelingTrainingKeepsTheModelInUse();
    void trainingOnFlaggedSamplesNeedsAYes();
    void theReplayBarShowsOnlyForFiles();
    void anEvRecordingIsReplayedWithTheEvProfileAndModel();
    void aFileOfNoKnownProfileIsRefused();
    void aSeekRestartsTheHistoryAtTheNewPosition();
    void theConsoleServesTheSameEndpoints();
    void screenshotOptionWritesAPng();
};

// The body of GET path on 127.0.0.1:port, or nothing.
QByteArray httpGet(quint16 port, const QByteArray &path)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(2000)) {
        return {};
    }
    socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QByteArray data;
    QDeadlineTimer deadline(5000);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(100);
        data += socket.readAll();
    }
    data += socket.readAll();
    return data.mid(data.indexOf("\r\n\r\n") + 4);
}

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("FaultWatchTest"));
    QCoreApplication::setApplicationName(QStringLiteral("faultwatch-test"));
}

void TestMainWindow::init()
{
    QSettings().clear();
    QFile::remove(AlarmJournal::defaultPath());
}

void TestMainWindow::opensAndClosesCleanly()
{
    auto *window = new MainWindow;
    window->setAttribute(Qt::WA_DeleteOnClose);
    QSignalSpy destroyed(window, &QObject::destroyed);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window));
    QVERIFY(!window->windowTitle().isEmpty());
    QVERIFY(window->close());
    QTRY_COMPARE(destroyed.count(), 1);
}

void TestMainWindow::everyShortcutTheOperatorNeedsIsInAMenu_data()
{
    QTest::addColumn<QKeySequence>("keys");
    QTest::newRow("quit") << QKeySequence(Qt::CTRL | Qt::Key_Q);
    QTest::newRow("pause") << QKeySequence(Qt::Key_Space);
    QTest::newRow("acknowledge all") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A);
    QTest::newRow("full screen") << QKeySequence(Qt::Key_F11);
    QTest::newRow("open model") << QKeySequence(Qt::CTRL | Qt::Key_O);
    QTest::newRow("train model") << QKeySequence(Qt::CTRL | Qt::Key_T);
    QTest::newRow("play/pause replay") << QKeySequence(Qt::CTRL | Qt::Key_Space);
    QTest::newRow("step replay") << QKeySequence(Qt::CTRL | Qt::Key_Right);
    QTest::newRow("restart replay") << QKeySequence(Qt::CTRL | Qt::Key_Home);
    QTest::newRow("loop replay") << QKeySequence(Qt::CTRL | Qt::Key_L);
}

void TestMainWindow::everyShortcutTheOperatorNeedsIsInAMenu()
{
    QFETCH(QKeySequence, keys);
    MainWindow window;
    bool found = false;
    for (QAction *action : allActions(window.menuBar())) {
        found = found || action->shortcut() == keys;
    }
    QVERIFY2(found, qPrintable(keys.toString()));
}

void TestMainWindow::spaceAtStartPausesAndDoesNotTypeIntoTheSource()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    auto *sourceField = window.findChild<QComboBox *>(QStringLiteral("sourceField"));
    QVERIFY(sourceField);
    const QString before = sourceField->currentText();
    QVERIFY(!window.isPaused());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
    QVERIFY(window.isPaused());
    QCOMPARE(sourceField->currentText(), before);
}

void TestMainWindow::aClosedDockComesBackFromTheViewMenu()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (const QString &name : {QStringLiteral("alarmDock"), QStringLiteral("detectorDock")}) {
        auto *dock = window.findChild<QDockWidget *>(name);
        QVERIFY(dock);
        QVERIFY(dock->close());
        QVERIFY(!dock->isVisible());
        QAction *show = nullptr;
        for (QAction *action : allActions(window.menuBar())) {
            show = action == dock->toggleViewAction() ? action : show;
        }
        QVERIFY2(show, qPrintable(name));
        show->trigger();
        QVERIFY(dock->isVisible());
    }
}

void TestMainWindow::theFirstWindowFitsTheScreen()
{
    MainWindow window;
    const QSize screen = QGuiApplication::primaryScreen()->availableGeometry().size();
    QVERIFY(window.width() <= screen.width());
    QVERIFY(window.height() <= screen.height());
}

void TestMainWindow::everyReplayMenuItemHasText()
{
    // Before any file is replayed, as in a live session.
    MainWindow window;
    for (QAction *action : allActions(window.menuBar())) {
        QVERIFY2(action->isSeparator() || action->menu() || !action->text().isEmpty(),
                 qPrintable(action->toolTip()));
    }
}

void TestMainWindow::theDemoPlotsAndScoresLiveData()
{
    MainWindow window;
    window.show();
    ConsoleOptions options;
    options.demo = true;
    QString error;
    QVERIFY2(window.start(options, &error), qPrintable(error));
    QVERIFY(window.pipeline()->hasModel());
    QVERIFY(window.anomalyPanel()->modelText().contains(QStringLiteral("spacecraft.json")));
    QTRY_VERIFY(window.history()->size() >= 10);
    QTRY_VERIFY(window.pipeline()->samplesScored() >= 10);
    QTRY_VERIFY(window.plotView()->framesPainted() > 0);
    QCOMPARE(window.history()->samplesAppendedTotal(), window.pipeline()->samplesReceived());
}

void TestMainWindow::aReplayedFaultRaisesAnAlarmThatCanBeAcknowledged()
{
    QTemporaryDir dir;
    const QString recording = recordFault(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    QSignalSpy finished(window.pipeline(), &Pipeline::sourceFinished);
    QVERIFY2(window.connectSource(QStringLiteral("file://%1?speed=0").arg(recording), &error),
             qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QTRY_COMPARE(window.pipeline()->samplesScored(), 600U);
    AlarmBook *book = window.alarmBook();
    QVERIFY(book->count() >= 1);
    const Alarm &alarm = book->at(book->count() - 1); // the first raised
    QVERIFY(alarm.replay);
    QCOMPARE(alarm.channels.value(0), QStringLiteral("temperature"));

    QTableView *view = window.alarmPanel()->view();
    int row = 0;
    while (row < view->model()->rowCount()
           && view->model()
                      ->index(row, AlarmTableModel::TimeColumn)
                      .data(AlarmTableModel::AlarmIdRole)
                      .toULongLong()
                  != alarm.id) {
        ++row;
    }
    QVERIFY(row < view->model()->rowCount());
    const quint64 id = alarm.id;
    QVERIFY(alarm.state() == AlarmState::Unacknowledged || alarm.state() == AlarmState::Latched);
    view->selectRow(row);
    window.alarmPanel()->acknowledgeAction()->trigger();
    // Acknowledged while the fault lasts; closed and gone once it has cleared as well.
    const int at = book->rowOf(id);
    QVERIFY(at == -1 || book->at(at).state() == AlarmState::Acknowledged);
    QVERIFY(at == -1 || !book->at(at).acknowledgedBy.isEmpty());
}

void TestMainWindow::pauseFreezesThePlotsWhileCountsKeepRising()
{
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(window.connectSource(QStringLiteral("sim://spacecraft?rate=200"), &error));
    QTRY_VERIFY(window.history()->size() > 50);
    window.pauseAction()->trigger();
    QVERIFY(window.isPaused());
    window.refreshNow();
    const auto frozen = window.plotView()->visibleRange();
    const std::int64_t seen = window.history()->size();
    QTRY_VERIFY(window.history()->size() > seen + 100);
    window.refreshNow();
    QCOMPARE(window.plotView()->visibleRange(), frozen);
    window.pauseAction()->trigger();
    QVERIFY(!window.isPaused());
    window.refreshNow();
    QVERIFY(window.plotView()->visibleRange().second > frozen.second);
    QVERIFY(window.plotView()->visibleRange().second >= window.history()->newestTime() - 1e-9);
}

void TestMainWindow::theBannerSaysWhatThePlotsShow()
{
    MainWindow window;
    window.show();
    StateBanner *banner = window.banner();
    window.refreshNow();
    QVERIFY(banner->isVisible());
    QVERIFY(banner->text().contains(StateBanner::tr("NO SOURCE")));

    // Live and following: nothing to say.
    QString error;
    QVERIFY(window.connectSource(QStringLiteral("sim://spacecraft?rate=100"), &error));
    QTRY_VERIFY(window.history()->size() > 20);
    window.refreshNow();
    QVERIFY(!banner->isVisible());
    // Paused: it used to read "Live" with nothing else to tell.
    window.pauseAction()->trigger();
    window.refreshNow();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().startsWith(QStringLiteral("PAUSED at ")), qPrintable(banner->text()));
    window.pauseAction()->trigger();
    window.refreshNow();
    QVERIFY(!banner->isVisible());

    // A replay, opened paused: says so, and names the file.
    QTemporaryDir dir;
    const QString recording = recordNominal(dir);
    QVERIFY(!recording.isEmpty());
    QVERIFY(window.connectSource(QStringLiteral("file://%1?paused=1").arg(recording), &error));
    QTRY_VERIFY((window.refreshNow(), banner->text().contains(QStringLiteral("REPLAY PAUSED"))));
    QVERIFY(banner->text().contains(QStringLiteral("nominal.csv")));
    window.replayBar()->playPauseAction()->trigger();
    QTRY_VERIFY((window.refreshNow(), banner->text().contains(QStringLiteral("REPLAY ×1"))));
}

void TestMainWindow::theTimeAxisShowsClockTimeChosenInView()
{
    {
        MainWindow window;
        // Clock time by default: the axis used to end at "0 s" whatever the time was.
        QCOMPARE(window.plotView()->timeLabels(), TimeLabels::Clock);
        QAction *utc = nullptr;
        for (QAction *a : allActions(window.menuBar())) {
            if (a->menu() && a->menu()->title() == MainWindow::tr("Time &axis")) {
                utc = a->menu()->actions().value(1);
            }
        }
        QVERIFY(utc);
        QCOMPARE(utc->text(), MainWindow::tr("&UTC"));
        utc->trigger();
        QCOMPARE(window.plotView()->timeLabels(), TimeLabels::ClockUtc);
        window.close();
    }
    MainWindow again;
    QCOMPARE(again.plotView()->timeLabels(), TimeLabels::ClockUtc);
}

void TestMainWindow::clickingAnAlarmShowsItsOnset()
{
    QTemporaryDir dir;
    const QString recording = recordFault(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.resize(1366, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    QVERIFY(replayAll(window, recording, 600));
    AlarmBook *book = window.alarmBook();
    QVERIFY(book->count() >= 1);
    QTableView *view = window.alarmPanel()->view();
    const QModelIndex first = view->model()->index(0, AlarmTableModel::ChannelsColumn);
    const auto id = first.data(AlarmTableModel::AlarmIdRole).toULongLong();
    const double onset = book->at(book->rowOf(id)).sourceTimeRaised;
    QVERIFY(!window.isPaused());
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(first).center());
    QVERIFY(window.isPaused());
    const auto [t0, t1] = window.plotView()->visibleRange();
    QVERIFY(t0 < onset && onset < t1);
    QCOMPARE(onset - t0, 0.25 * (t1 - t0));
}

void TestMainWindow::everyAlarmColumnIsVisibleAt1366_data()
{
    QTest::addColumn<bool>("german");
    QTest::newRow("English") << false;
    QTest::newRow("German") << true; // longer words: "Batterietemperatur", "Unquittiert"
}

void TestMainWindow::everyAlarmColumnIsVisibleAt1366()
{
    QFETCH(bool, german);
    QTranslator translator; // removes itself from the application when it goes
    if (german) {
        QVERIFY(translator.load(QLocale(QLocale::German), QStringLiteral("faultwatch"),
                                QStringLiteral("_"), QStringLiteral(":/i18n")));
        QCoreApplication::installTranslator(&translator);
    }
    QTemporaryDir dir;
    const QString recording = recordFault(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.resize(1366, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    QVERIFY(replayAll(window, recording, 600));
    QTableView *view = window.alarmPanel()->view();
    QVERIFY(view->model()->rowCount() >= 1);
    QApplication::processEvents();
    // State was off-screen and Channel truncated, even at 1920 px.
    for (int column = 0; column < AlarmTableModel::ColumnCount; ++column) {
        const int left = view->columnViewportPosition(column);
        const int width = view->columnWidth(column);
        QVERIFY2(left >= 0 && left + width <= view->viewport()->width(),
                 qPrintable(QStringLiteral("column %1 at %2 + %3 of %4")
                                .arg(column)
                                .arg(left)
                                .arg(width)
                                .arg(view->viewport()->width())));
        const QModelIndex cell = view->model()->index(0, column);
        const QString text = cell.data().toString();
        const QVariant font = cell.data(Qt::FontRole);
        const QFontMetrics metrics(font.isValid() ? font.value<QFont>() : view->font());
        QVERIFY2(metrics.horizontalAdvance(text) <= width,
                 qPrintable(QStringLiteral("column %1 cuts \"%2\"").arg(column).arg(text)));
    }
}

void TestMainWindow::eightChannelsGetReadableStripsAndColoursOfTheirOwn()
{
    MainWindow window;
    window.resize(1366, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY(window.setProfileByName(QStringLiteral("skab"), &error));
    QCOMPARE(window.pipeline()->profile().channelCount(), 8);
    QApplication::processEvents();
    // They were 65 px each, with their tick labels running into each other; now the strip area
    // scrolls rather than squeezing them.
    PlotView *plot = window.plotView();
    QVERIFY(plot->height() >= 8 * PlotView::kMinStripHeight);
    // The window still fits a 768-line screen: the panels scroll, they do not push it taller.
    QVERIFY2(window.minimumSizeHint().height() <= 768,
             qPrintable(QString::number(window.minimumSizeHint().height())));
    QVERIFY(window.height() <= 740);
    auto *scroll = window.findChild<QScrollArea *>(QStringLiteral("plotScroll"));
    QVERIFY(scroll);
    QVERIFY(scroll->verticalScrollBar()->maximum() > 0 || plot->height() <= scroll->height());
    // And no two of the eight share a colour (there were six colours).
    const PlotColors colors = PlotColors::from(plot->palette());
    QSet<QRgb> seen;
    for (int c = 0; c < 8; ++c) {
        seen.insert(colors.traces[std::size_t(c) % colors.traces.size()].rgb());
    }
    QCOMPARE(seen.size(), 8);
}

void TestMainWindow::settingsSurviveARestart()
{
    {
        MainWindow window;
        window.show();
        QString error;
        QVERIFY(window.connectSource(QStringLiteral("sim://spacecraft?seed=3"), &error));
        window.plotView()->setTimeWindow(300);
        QVERIFY(window.close());
    }
    MainWindow again;
    QCOMPARE(again.plotView()->timeWindow(), 300.0);
}

void TestMainWindow::aBadModelFileLeavesTheOldOneInUse()
{
    MainWindow window;
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const QString sha = window.pipeline()->modelIdentity().sha256;
    const QString shown = window.anomalyPanel()->modelText();
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"faultwatch-model\", \"version\": 1}");
    file.close();
    QVERIFY(!window.openModel(bad, &error));
    QVERIFY2(error.contains(bad), qPrintable(error));
    QCOMPARE(window.pipeline()->modelIdentity().sha256, sha);
    QCOMPARE(window.anomalyPanel()->modelText(), shown);
}

void TestMainWindow::theConsoleServesTheSameEndpoints()
{
    MainWindow window;
    window.show();
    ConsoleOptions options;
    options.demo = true;
    options.http = QStringLiteral("127.0.0.1:0");
    QString error;
    QVERIFY2(window.start(options, &error), qPrintable(error));
    QVERIFY(window.httpAction()->isChecked());
    const QString url = window.endpoints()->http()->url();
    QVERIFY(url.startsWith(QStringLiteral("http://127.0.0.1:")));
    QTRY_VERIFY(window.statusBar()->findChildren<QLabel *>().size() > 0);
    bool shown = false;
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>()) {
        shown = shown || label->text().contains(url + QStringLiteral("/metrics"));
    }
    QVERIFY(shown);
    QTRY_VERIFY(window.plotView()->framesPainted() > 2);
    QTRY_VERIFY(window.pipeline()->samplesScored() > 0);

    const quint16 port = window.endpoints()->http()->port();
    QByteArray metrics;
    QTRY_VERIFY_WITH_TIMEOUT(
        (metrics = httpGet(port, "/metrics")).contains("faultwatch_samples_total"), 5000);
    QVERIFY(metrics.contains("faultwatch_gui_frame_seconds_count"));
    QVERIFY(!metrics.contains("faultwatch_gui_frame_seconds_count 0\n"));
    QVERIFY(httpGet(port, "/health").contains("spacecraft.json"));

    window.httpAction()->setChecked(false); // the operator turns them off
    QVERIFY(window.endpoints()->http()->url().isEmpty());
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(1000));
}

void TestMainWindow::screenshotOptionWritesAPng()
{
    QTemporaryDir dir;
    const QString shot = dir.filePath(QStringLiteral("main.png"));
    QProcess console;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.path());
    console.setProcessEnvironment(env);
    console.start(QStringLiteral(FW_BIN_DIR "/faultwatch"),
                  {QStringLiteral("--demo"), QStringLiteral("--screenshot"), shot,
                   QStringLiteral("--quit-after"), QStringLiteral("2")});
    QVERIFY(console.waitForFinished(30000));
    QCOMPARE(console.exitCode(), 0);
    QImage image(shot);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 800);
}

void TestMainWindow::trainingFromTheVisibleRangePutsTheNewModelInUse()
{
    QTemporaryDir dir;
    const QString recording = recordNominal(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    auto prompts = std::make_unique<TestPrompts>();
    TestPrompts *answers = prompts.get();
    answers->savePath = dir.filePath(QStringLiteral("trained.json"));
    window.setPrompts(std::move(prompts));
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const QString demoSha = window.pipeline()->modelIdentity().sha256;
    QVERIFY(replayAll(window, recording, 2400));

    // Live, the visible range is the time window ending at the newest sample: three minutes.
    window.plotView()->setTimeWindow(180);
    window.refreshNow();
    const auto [t0, t1] = window.plotView()->visibleRange();
    const HistoryRange range = historyRange(*window.history(), t0, t1);
    QVERIFY2(range.size() >= 1200 && range.size() < 2400,
             qPrintable(QString::number(range.size())));
    std::vector<double> rows;
    std::vector<double> times;
    copyRows(*window.history(), range, rows, times);

    QSignalSpy changed(window.pipeline(), &Pipeline::modelChanged);
    QVERIFY(window.trainStatus()->isHidden());
    window.trainAction()->trigger();
    QVERIFY(window.trainer()->isBusy());
    QVERIFY(window.trainStatus()->isVisible()); // progress and Cancel in the status bar
    QTRY_VERIFY_WITH_TIMEOUT(!window.trainer()->isBusy(), 20000);
    QVERIFY(window.trainStatus()->isHidden());
    QVERIFY2(answers->refusals.isEmpty(), qPrintable(answers->refusals.join(u'\n')));
    const ModelIdentity identity = window.pipeline()->modelIdentity();
    QVERIFY(identity.sha256 != demoSha);
    QCOMPARE(identity.trainedRows, std::size_t(range.size()));
    QVERIFY2(identity.name.contains(QStringLiteral("trained on")), qPrintable(identity.name));
    QVERIFY2(identity.name.contains(recording), qPrintable(identity.name));
    QVERIFY(window.anomalyPanel()->modelText().contains(identity.name));
    // What the trainer warned about came in a dialog, in full (it was a status line, cut off).
    QCOMPARE(answers->warnings.size(), 1);
    QVERIFY2(answers->warnings.at(0).contains(QStringLiteral("too little variety")),
             qPrintable(answers->warnings.at(0)));
    // Then the operator was asked where to save it, and it was saved there.
    QCOMPARE(answers->saveTitles.size(), 1);
    QCOMPARE(identity.path, answers->savePath);
    QCOMPARE(QSettings().value(QStringLiteral("model/path")).toString(), answers->savePath);
    QVERIFY(changed.count() >= 1);

    // Scores come from the new model.
    QSignalSpy results(window.pipeline(), &Pipeline::resultsReady);
    QVERIFY(replayAll(window, recording, 2400));
    QVERIFY(!results.isEmpty());
    for (const QList<QVariant> &args : results) {
        QCOMPARE(args.at(0).value<ResultBlockPtr>()->modelSha256, identity.sha256);
    }

    // The saved file loads and scores the range exactly as the model in use does.
    std::optional<detect::DetectorModel> loaded = detect::loadModel(answers->savePath, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(detect::modelSha256(*loaded), identity.sha256);
    const std::vector<double> inUse = scoresOf(window.pipeline()->model(), rows);
    const std::vector<double> fromFile
        = scoresOf(std::make_shared<const detect::DetectorModel>(std::move(*loaded)), rows);
    QCOMPARE(inUse.size(), rows.size() / 4);
    QVERIFY(inUse == fromFile);
}

void TestMainWindow::aRangeTooSmallToTrainOnIsRefused()
{
    QTemporaryDir dir;
    const QString recording = recordNominal(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    auto prompts = std::make_unique<TestPrompts>();
    TestPrompts *answers = prompts.get();
    answers->savePath = dir.filePath(QStringLiteral("never.json"));
    window.setPrompts(std::move(prompts));
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const QString demoSha = window.pipeline()->modelIdentity().sha256;
    QVERIFY(replayAll(window, recording, 2400));

    // Paused and zoomed in to 10 s: 100 samples.
    window.plotView()->setTimeWindow(10);
    window.pauseAction()->trigger();
    window.refreshNow();
    window.trainAction()->trigger();
    QCOMPARE(answers->refusals.size(), 1);
    const QString needed = QLocale().toString(qlonglong(1200)); // two minutes at 10 Hz
    QVERIFY2(answers->refusals.at(0).contains(needed), qPrintable(answers->refusals.at(0)));
    QVERIFY(!window.trainer()->isBusy());
    const auto [t0, t1] = window.plotView()->visibleRange();
    QVERIFY(!window.trainFromRange(t0, t1, &error));
    QVERIFY(error.contains(needed));
    // A minute in view, 600 samples: it used to train on 512.
    window.plotView()->setTimeWindow(60);
    const auto [m0, m1] = window.plotView()->visibleRange();
    QVERIFY(ModelTrainer::inspect(*window.history(), m0, m1).completeRows >= 512);
    QVERIFY(!window.trainFromRange(m0, m1, &error));
    QVERIFY2(error.contains(QStringLiteral("120 s")), qPrintable(error));
    QCOMPARE(window.pipeline()->modelIdentity().sha256, demoSha);
    QVERIFY(answers->saveTitles.isEmpty());
    QVERIFY(!QFile::exists(answers->savePath));
}

void TestMainWindow::cancelingTrainingKeepsTheModelInUse()
{
    QTemporaryDir dir;
    const QString recording = recordNominal(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    auto prompts = std::make_unique<TestPrompts>();
    TestPrompts *answers = prompts.get();
    window.setPrompts(std::move(prompts));
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const QString demoSha = window.pipeline()->modelIdentity().sha256;
    QVERIFY(replayAll(window, recording, 2400));
    window.plotView()->setTimeWindow(180);
    window.refreshNow();
    window.trainAction()->trigger();
    QVERIFY(window.trainer()->isBusy());
    auto *cancel = window.trainStatus()->findChild<QToolButton *>();
    QVERIFY(cancel && cancel->isVisible());
    cancel->click();
    QTRY_VERIFY(!window.trainer()->isBusy());
    QVERIFY(window.trainStatus()->isHidden());
    QCOMPARE(window.pipeline()->modelIdentity().sha256, demoSha);
    QVERIFY(answers->saveTitles.isEmpty());
    QVERIFY(answers->refusals.isEmpty());
}

void TestMainWindow::trainingOnFlaggedSamplesNeedsAYes()
{
    QTemporaryDir dir;
    // Long enough to train on: a step on the temperature in the last of its four minutes.
    const QString recording = simulate(
        dir.filePath(QStringLiteral("late-step.csv")),
        {QStringLiteral("--duration"), QStringLiteral("240"), QStringLiteral("--scenario"),
         QStringLiteral("step:temperature"), QStringLiteral("--onset"), QStringLiteral("200"),
         QStringLiteral("--fault-duration"), QStringLiteral("30")});
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    auto prompts = std::make_unique<TestPrompts>();
    TestPrompts *answers = prompts.get();
    answers->answer = false;
    window.setPrompts(std::move(prompts));
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    const QString demoSha = window.pipeline()->modelIdentity().sha256;
    QVERIFY(replayAll(window, recording, 2400));
    window.plotView()->setTimeWindow(180);
    window.refreshNow();
    const auto [t0, t1] = window.plotView()->visibleRange();
    QVERIFY(ModelTrainer::inspect(*window.history(), t0, t1).flaggedRows > 0);
    QVERIFY(!window.trainFromRange(t0, t1, &error));
    QVERIFY(error.isEmpty()); // declined, nothing to explain
    QCOMPARE(answers->questions.size(), 1);
    QVERIFY(!window.trainer()->isBusy());
    QCOMPARE(window.pipeline()->modelIdentity().sha256, demoSha);

    // With a yes it trains, and says the new model alarms on its own training samples.
    answers->answer = true;
    answers->savePath.clear(); // the operator cancels the save dialog
    QVERIFY2(window.trainFromRange(t0, t1, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!window.trainer()->isBusy(), 20000);
    QVERIFY(window.pipeline()->modelIdentity().sha256 != demoSha);
    QVERIFY(window.pipeline()->modelIdentity().path.isEmpty());
}

void TestMainWindow::theReplayBarShowsOnlyForFiles()
{
    QTemporaryDir dir;
    const QString recording = recordFault(dir);
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(window.connectSource(QStringLiteral("sim://spacecraft?rate=50"), &error));
    window.refreshNow();
    QVERIFY(window.replayBar()->isHidden());
    QVERIFY(!window.replayBar()->playPauseAction()->isEnabled());
    QVERIFY(window.connectSource(QStringLiteral("file://%1?paused=1").arg(recording), &error));
    window.refreshNow();
    QVERIFY(!window.replayBar()->isHidden());
    QVERIFY(window.replayBar()->playPauseAction()->isEnabled());
    QCOMPARE(window.replayBar()->prerollS(), window.plotView()->timeWindow());
    window.plotView()->setTimeWindow(30);
    QCOMPARE(window.replayBar()->prerollS(), 30.0);
    QVERIFY(window.setProfileByName(QStringLiteral("ev"), &error));
    window.refreshNow();
    QVERIFY(window.replayBar()->isHidden());
}

void TestMainWindow::anEvRecordingIsReplayedWithTheEvProfileAndModel()
{
    // It used to replay under the spacecraft profile: wrong names and units, strips painted red
    // by the spacecraft's limits, the spacecraft model judging an EV, a green lamp.
    QTemporaryDir dir;
    const QString recording = simulate(dir.filePath(QStringLiteral("ev.csv")),
                                       {QStringLiteral("--profile"), QStringLiteral("ev"),
                                        QStringLiteral("--duration"), QStringLiteral("20")});
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    ConsoleOptions options;
    // The spacecraft profile and model, and no source: samples of a simulator scored before the
    // switch would be counted below (seen under ASan, which slows the switch down).
    options.profile = QStringLiteral("spacecraft");
    options.modelPath = QString::fromLatin1(MainWindow::kDemoModel);
    options.noHttp = true;
    QString error;
    QVERIFY(window.start(options, &error));
    QCOMPARE(window.pipeline()->modelIdentity().profile, QStringLiteral("spacecraft"));
    QCOMPARE(window.pipeline()->samplesScored(), 0U);
    QVERIFY2(window.connectSource(QStringLiteral("file://%1?speed=0").arg(recording), &error),
             qPrintable(error));
    QCOMPARE(window.pipeline()->profile().name, QStringLiteral("ev"));
    QCOMPARE(window.pipeline()->profile().channels[1].label, QStringLiteral("Pack voltage"));
    QCOMPARE(window.pipeline()->modelIdentity().profile, QStringLiteral("ev"));
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("“ev”")));
    QTRY_COMPARE_WITH_TIMEOUT(window.pipeline()->samplesScored(), 1000U, 20000);
}

void TestMainWindow::aFileOfNoKnownProfileIsRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("motor.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("t,rpm,torque\n1700000000,1200,40\n1700000001,1210,41\n");
    file.close();
    MainWindow window;
    QString error;
    QVERIFY(!window.connectSource(QStringLiteral("file://%1").arg(path), &error));
    QVERIFY2(error.contains(QStringLiteral("rpm, torque")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("spacecraft")));
    QVERIFY(!window.pipeline()->isConnected());
}

void TestMainWindow::aSeekRestartsTheHistoryAtTheNewPosition()
{
    QTemporaryDir dir;
    const QString recording = recordFault(dir); // 600 samples, 10 Hz
    QVERIFY(!recording.isEmpty());
    MainWindow window;
    window.show();
    QString error;
    QVERIFY(window.openModel(QString::fromLatin1(MainWindow::kDemoModel), &error));
    window.plotView()->setTimeWindow(10);
    QVERIFY(
        window.connectSource(QStringLiteral("file://%1?speed=0&paused=1").arg(recording), &error));
    Source *source = window.pipeline()->source();
    QTRY_VERIFY(source->replayStatus().duration() > 59);
    const double first = source->replayStatus().first;
    QSignalSpy seeked(window.pipeline(), &Pipeline::sourceSeeked);

    // Paused, a seek shows the time window before the target at once and stays there.
    window.pauseAction()->trigger();
    window.replayBar()->seekToFraction(0.5);
    QTRY_COMPARE(seeked.count(), 1);
    QVERIFY(!window.isPaused());                 // the plots follow the new position
    QTRY_COMPARE(window.history()->size(), 100); // 10 s at 10 Hz before the target
    QTRY_COMPARE(window.pipeline()->samplesScored(), 100U);
    QCOMPARE(window.history()->firstTime(), first + 20.0);
    QTest::qWait(100);
    QCOMPARE(window.history()->size(), 100);

    // Forward: the samples before the jump go, though time goes on.
    window.replayBar()->seekToFraction(0.75);
    QTRY_COMPARE(seeked.count(), 2);
    QTRY_COMPARE(window.pipeline()->samplesScored(), 200U);
    QCOMPARE(window.history()->size(), 100);
    QCOMPARE(window.history()->firstTime(), first + 35.0);

    // Play to the end, then back into the fault: the history restarts there.
    window.replayBar()->playPauseAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(window.history()->size(), 250, 10000);
    QTRY_VERIFY(source->replayStatus().atEnd);
    QTRY_COMPARE(window.pipeline()->samplesScored(), 350U);
    const std::uint64_t resets = window.history()->resetCount();
    window.replayBar()->seekToFraction(0.25);
    QTRY_COMPARE(seeked.count(), 3);
    QTRY_COMPARE_WITH_TIMEOUT(window.history()->size(), 600 - 50, 10000);
    QCOMPARE(window.history()->firstTime(), first + 5.0);
    QCOMPARE(window.history()->resetCount(), resets + 1);
    QTRY_COMPARE(window.pipeline()->samplesScored(), 350U + 550U);
    window.refreshNow();
    QVERIFY(window.replayBar()->timeText().contains(QStringLiteral("0:59 / 0:59")));

    // The fault raised replay alarms; none of them reached the live journal.
    AlarmBook *book = window.alarmBook();
    QVERIFY(book->count() >= 1);
    for (int i = 0; i < book->count(); ++i) {
        QVERIFY(book->at(i).replay);
    }
    QFile journal(AlarmJournal::defaultPath());
    if (journal.open(QIODevice::ReadOnly)) {
        QVERIFY(journal.readAll().count('\n') <= 1); // at most its header
    }
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
