// The console as an operator uses it, offscreen: the demo, a recorded fault replayed from a real
// file, acknowledging, pausing, settings and a bad model file.
#include "alarms/alarmbook.h"
#include "alarms/alarmpanel.h"
#include "alarms/alarmtablemodel.h"
#include "mainwindow.h"
#include "panels/anomalypanel.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"

#include <QAction>
#include <QFile>
#include <QMenuBar>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace fw;

namespace {

const QString kCli = QStringLiteral(FW_BIN_DIR "/faultwatch-cli");

// A spacecraft recording with a step on the temperature 20 s in, made by the simulator.
QString recordFault(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("step.csv"));
    QProcess cli;
    cli.start(kCli,
              {QStringLiteral("simulate"), QStringLiteral("--to"), path,
               QStringLiteral("--duration"), QStringLiteral("60"), QStringLiteral("--seed"),
               QStringLiteral("5"), QStringLiteral("--scenario"),
               QStringLiteral("step:temperature"), QStringLiteral("--onset"), QStringLiteral("20"),
               QStringLiteral("--fault-duration"), QStringLiteral("30")});
    if (!cli.waitForFinished(30000) || cli.exitCode() != 0) {
        qWarning("simulate failed: %s", cli.readAllStandardError().constData());
        return {};
    }
    return path;
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
    void theDemoPlotsAndScoresLiveData();
    void aReplayedFaultRaisesAnAlarmThatCanBeAcknowledged();
    void pauseFreezesThePlotsWhileCountsKeepRising();
    void settingsSurviveARestart();
    void aBadModelFileLeavesTheOldOneInUse();
    void screenshotOptionWritesAPng();
};

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
    const int row = view->model()->rowCount() - 1;
    const auto id = view->model()
                        ->index(row, AlarmTableModel::TimeColumn)
                        .data(AlarmTableModel::AlarmIdRole)
                        .toULongLong();
    QCOMPARE(id, alarm.id);
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
