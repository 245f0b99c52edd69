// The console's dialogs driven as an operator would, through their forms, and the promise that
// every control can be reached from the keyboard and has a name a screen reader can say.
#include "alarms/alarmpanel.h"
#include "dialogs/aboutdialog.h"
#include "dialogs/connectiondialog.h"
#include "dialogs/preferencesdialog.h"
#include "dialogs/traindialog.h"
#include "mainwindow.h"
#include "modeltrainer.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"
#include "prompts.h"
#include "service/pipeline.h"
#include "ui_aboutdialog.h"
#include "ui_connectiondialog.h"
#include "ui_preferencesdialog.h"
#include "ui_traindialog.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <functional>

using namespace fw;

namespace {

// Answers the console's dialogs with a function instead of a person.
class ScriptedPrompts : public Prompts
{
public:
    std::function<bool(QDialog *)> onRun;
    QString fileToOpen;
    int runs = 0;

    QStringList told; // what refuse() and warn() were given

    QString openFileName(QWidget *, const QString &, const QString &) override
    {
        return fileToOpen;
    }
    QString saveFileName(QWidget *, const QString &, const QString &) override { return {}; }
    bool confirm(QWidget *, const QString &, const QString &) override { return true; }
    void refuse(QWidget *, const QString &, const QString &text) override { told << text; }
    void warn(QWidget *, const QString &, const QString &text) override { told << text; }
    bool run(QDialog *dialog) override
    {
        ++runs;
        return onRun ? onRun(dialog) : false;
    }
};

bool okEnabled(QDialogButtonBox *box)
{
    return box->button(QDialogButtonBox::Ok)->isEnabled();
}

// Widgets a keyboard user can reach that have no name for a screen reader: no accessible
// name, no text of their own and no label whose buddy they are.
QStringList unnamedControls(const QWidget *root)
{
    QSet<const QWidget *> buddies;
    for (const QLabel *label : root->findChildren<QLabel *>()) {
        if (label->buddy()) {
            buddies.insert(label->buddy());
        }
    }
    QStringList out;
    for (const QWidget *w : root->findChildren<QWidget *>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || w->inherits("QAbstractScrollArea")
            || w->objectName().startsWith(QLatin1String("qt_"))
            || (w->parentWidget()
                && (w->parentWidget()->inherits("QComboBox")
                    || w->parentWidget()->inherits("QAbstractScrollArea")))) {
            continue;
        }
        const auto *button = qobject_cast<const QAbstractButton *>(w);
        const bool named = !w->accessibleName().isEmpty() || buddies.contains(w)
                           || (button && !button->text().isEmpty());
        if (!named && !w->inherits("QTabBar") && !w->inherits("QLineEdit")) {
            out << QStringLiteral("%1 %2 in %3")
                       .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(),
                            w->parentWidget()
                                ? QString::fromLatin1(w->parentWidget()->metaObject()->className())
                                : QString());
        }
    }
    return out;
}

} // namespace

class TestDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectionDialogBuildsEachKindOfUri();
    void connectionDialogConnectsTheConsole();
    void preferencesRefuseWhatCannotWork();
    void preferencesApplyToTheConsole();
    void trainDialogChoosesARangeTheTrainerTakes();
    void aboutListsEveryShortcut();
    void everyControlHasANameAndEveryMenuAKey();
};

void TestDialogs::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

void TestDialogs::connectionDialogBuildsEachKindOfUri()
{
    ScriptedPrompts prompts;
    ConnectionDialog dialog(QStringLiteral("udp://0.0.0.0:9100?format=csv"),
                            {QStringLiteral("spacecraft"), QStringLiteral("ev")}, &prompts);
    Ui::ConnectionDialog *f = dialog.form();
    QCOMPARE(f->portBox->value(), 9100);
    QCOMPARE(f->formatBox->currentText(), QStringLiteral("csv"));
    QCOMPARE(dialog.uri(), QStringLiteral("udp://0.0.0.0:9100?format=csv"));
    QVERIFY(f->form->isRowVisible(f->hostEdit));
    QVERIFY(!f->form->isRowVisible(f->pathRow));

    // A replay needs a file before Connect is offered.
    f->kindBox->setCurrentIndex(f->kindBox->findData(int(SourceUri::Scheme::File)));
    QVERIFY(!okEnabled(f->buttonBox));
    QVERIFY(dialog.problem().contains(QStringLiteral("recording")));
    QVERIFY(!f->form->isRowVisible(f->hostEdit));
    QVERIFY(f->form->isRowVisible(f->speedBox));
    prompts.fileToOpen = QStringLiteral("/data/pass 12.jsonl");
    QTest::mouseClick(f->browseButton, Qt::LeftButton);
    QCOMPARE(f->pathEdit->text(), prompts.fileToOpen);
    QCOMPARE(f->formatBox->currentText(), QStringLiteral("jsonl"));
    f->speedBox->setValue(10);
    f->loopBox->setChecked(true);
    QVERIFY(okEnabled(f->buttonBox));
    QString error;
    std::optional<SourceUri> uri = SourceUri::parse(dialog.uri(), &error);
    QVERIFY2(uri, qPrintable(error));
    QCOMPARE(uri->path, prompts.fileToOpen);
    QCOMPARE(uri->speed, 10.0);
    QVERIFY(uri->loop);

    f->kindBox->setCurrentIndex(f->kindBox->findData(int(SourceUri::Scheme::Sim)));
    f->profileBox->setCurrentText(QStringLiteral("ev"));
    f->scenarioBox->setCurrentText(QStringLiteral("mixed"));
    f->seedBox->setValue(7);
    uri = SourceUri::parse(dialog.uri(), &error);
    QVERIFY2(uri, qPrintable(error));
    QCOMPARE(uri->scheme, SourceUri::Scheme::Sim);
    QCOMPARE(uri->profile, QStringLiteral("ev"));
    QCOMPARE(uri->scenario, QStringLiteral("mixed"));
    QCOMPARE(uri->seed, std::uint64_t(7));

    f->kindBox->setCurrentIndex(f->kindBox->findData(int(SourceUri::Scheme::Tcp)));
    f->hostEdit->clear();
    QVERIFY(!okEnabled(f->buttonBox));
    f->hostEdit->setText(QStringLiteral("::1"));
    QCOMPARE(dialog.uri(), QStringLiteral("tcp://[::1]:9100")); // the file made it jsonl
}

void TestDialogs::connectionDialogConnectsTheConsole()
{
    MainWindow window;
    auto prompts = std::make_unique<ScriptedPrompts>();
    ScriptedPrompts *script = prompts.get();
    script->onRun = [](QDialog *dialog) {
        auto *d = qobject_cast<ConnectionDialog *>(dialog);
        if (!d) {
            return false;
        }
        Ui::ConnectionDialog *f = d->form();
        f->kindBox->setCurrentIndex(f->kindBox->findData(int(SourceUri::Scheme::Sim)));
        f->profileBox->setCurrentText(QStringLiteral("spacecraft"));
        f->scenarioBox->setCurrentText(QStringLiteral("nominal"));
        f->seedBox->setValue(3);
        return true;
    };
    window.setPrompts(std::move(prompts));
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_K, Qt::ControlModifier);
    QCOMPARE(script->runs, 1);
    QVERIFY(window.pipeline()->isConnected());
    QCOMPARE(window.pipeline()->sourceText(),
             QStringLiteral("sim://spacecraft?scenario=nominal&seed=3"));
    window.pipeline()->disconnectSource();
}

void TestDialogs::preferencesRefuseWhatCannotWork()
{
    Preferences current;
    current.operatorName = QStringLiteral("ops");
    PreferencesDialog dialog(current, {10, 60, 300});
    Ui::PreferencesDialog *f = dialog.form();
    QVERIFY(okEnabled(f->buttonBox));
    QCOMPARE(f->windowBox->currentData().toDouble(), 60.0);
    f->httpEdit->setText(QStringLiteral("localhost:9917"));
    QVERIFY(!okEnabled(f->buttonBox));
    QVERIFY(dialog.problem().contains(QStringLiteral("numeric")));
    f->httpEdit->setText(QStringLiteral("127.0.0.1:70000"));
    QVERIFY(!okEnabled(f->buttonBox));
    f->httpEdit->setText(QStringLiteral("[::1]:9918"));
    QVERIFY2(okEnabled(f->buttonBox), qPrintable(dialog.problem()));
    f->operatorEdit->setText(QStringLiteral("  "));
    QVERIFY(!okEnabled(f->buttonBox));
    QVERIFY(dialog.problem().contains(QStringLiteral("operator")));
}

void TestDialogs::preferencesApplyToTheConsole()
{
    MainWindow window;
    ConsoleOptions options;
    options.noHttp = true;
    QString error;
    QVERIFY(window.start(options, &error));
    auto prompts = std::make_unique<ScriptedPrompts>();
    prompts->onRun = [](QDialog *dialog) {
        auto *d = qobject_cast<PreferencesDialog *>(dialog);
        if (!d) {
            return false;
        }
        Ui::PreferencesDialog *f = d->form();
        f->windowBox->setCurrentIndex(f->windowBox->findData(300.0));
        f->axisBox->setCurrentIndex(f->axisBox->findData(int(TimeLabels::ClockUtc)));
        f->darkBox->setChecked(false);
        f->limitsBox->setChecked(true);
        f->operatorEdit->setText(QStringLiteral("Ada"));
        f->httpBox->setChecked(false);
        return true;
    };
    window.setPrompts(std::move(prompts));
    window.editPreferences();
    QCOMPARE(window.plotView()->timeWindow(), 300.0);
    QCOMPARE(window.plotView()->timeLabels(), TimeLabels::ClockUtc);
    QCOMPARE(window.alarmPanel()->operatorName(), QStringLiteral("Ada"));
    const Preferences now = window.preferences();
    QVERIFY(!now.dark);
    QVERIFY(now.scaleToLimits);
    QVERIFY(!now.http);
    QCOMPARE(QSettings().value(QStringLiteral("alarms/operator")).toString(),
             QStringLiteral("Ada"));
    // A new window takes the operator from the settings.
    MainWindow next;
    QCOMPARE(next.alarmPanel()->operatorName(), QStringLiteral("Ada"));
}

void TestDialogs::trainDialogChoosesARangeTheTrainerTakes()
{
    MainWindow window;
    const Profile &profile = window.pipeline()->profile();
    const double rate = profile.rateHz;
    const double start = 1700000000;
    // Three minutes of plausible spacecraft telemetry with a little noise.
    SampleBlock block(profile.channelCount());
    for (int i = 0; i < int(180 * rate); ++i) {
        const double wobble = std::sin(i * 0.37) * 0.01;
        block.append(
            start + i / rate, i,
            std::vector<double>{20.0 + wobble, 28.2 + wobble, 0.05 + wobble / 10, 18.0 + wobble});
    }
    window.history()->appendSamples(block);

    TrainDialog dialog(*window.history(), *window.trainer(), rate, {start + 100, start + 110},
                       true);
    Ui::TrainDialog *f = dialog.form();
    QVERIFY(!okEnabled(f->buttonBox)); // ten seconds are too few to learn from
    QVERIFY(!dialog.problem().isEmpty());
    QCOMPARE(f->fromEdit->dateTime().toUTC(),
             QDateTime::fromSecsSinceEpoch(qint64(start) + 100, Qt::UTC));
    QTest::mouseClick(f->allButton, Qt::LeftButton);
    QVERIFY2(okEnabled(f->buttonBox), qPrintable(dialog.problem()));
    QVERIFY2(dialog.summary().contains(QLocale().toString(qlonglong(180 * rate))),
             qPrintable(dialog.summary()));
    f->toEdit->setDateTime(f->fromEdit->dateTime().addSecs(-5));
    QVERIFY(!okEnabled(f->buttonBox));
    QTest::mouseClick(f->visibleButton, Qt::LeftButton);
    QCOMPARE(dialog.range().first, start + 100);

    // Through the console: File › Train model from history, all in memory, Train.
    auto prompts = std::make_unique<ScriptedPrompts>();
    prompts->onRun = [](QDialog *d) {
        auto *train = qobject_cast<TrainDialog *>(d);
        if (!train) {
            return false;
        }
        QTest::mouseClick(train->form()->allButton, Qt::LeftButton);
        return true;
    };
    window.setPrompts(std::move(prompts));
    QSignalSpy trained(window.trainer(), &ModelTrainer::trained);
    window.trainFromHistory();
    QVERIFY(trained.wait(120000));
    QTRY_VERIFY(window.pipeline()->hasModel());
    QCOMPARE(window.pipeline()->model()->provenance.rows, std::size_t(180 * rate));
}

void TestDialogs::aboutListsEveryShortcut()
{
    MainWindow window;
    AboutDialog dialog(window.findChildren<QAction *>());
    QTableWidget *table = dialog.form()->keysTable;
    QMap<QString, QString> keys;
    for (int row = 0; row < table->rowCount(); ++row) {
        keys.insert(table->item(row, 0)->text(), table->item(row, 1)->text());
    }
    QCOMPARE(keys.value(QStringLiteral("Model details…")), QStringLiteral("Ctrl+I"));
    QCOMPARE(keys.value(QStringLiteral("Connect to…")), QStringLiteral("Ctrl+K"));
    QCOMPARE(keys.value(QStringLiteral("Pause")), QStringLiteral("Space"));
    QCOMPARE(keys.value(QStringLiteral("Keyboard shortcuts")), QStringLiteral("F1"));
    QVERIFY(dialog.form()->titleLabel->text().contains(QStringLiteral(FW_VERSION)));
}

void TestDialogs::everyControlHasANameAndEveryMenuAKey()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList unnamed = unnamedControls(&window);
    QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
    ScriptedPrompts prompts;
    ConnectionDialog connection(QString(), {QStringLiteral("spacecraft")}, &prompts);
    PreferencesDialog preferences(Preferences{}, {60});
    AboutDialog about({});
    SampleHistory history(4);
    TrainDialog train(history, *window.trainer(), 10, {0, 1}, false);
    for (const QWidget *dialog :
         std::initializer_list<const QWidget *>{&connection, &preferences, &about, &train}) {
        const QStringList missing = unnamedControls(dialog);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }
    // Every menu opens from the keyboard (Alt + its letter), and so does every entry in it.
    for (QAction *menu : window.menuBar()->actions()) {
        QVERIFY2(menu->text().contains(u'&'), qPrintable(menu->text()));
        for (QAction *entry : menu->menu()->actions()) {
            if (!entry->isSeparator() && !entry->menu()) {
                QVERIFY2(entry->text().contains(u'&') || !entry->shortcut().isEmpty(),
                         qPrintable(entry->text()));
            }
        }
    }
}

QTEST_MAIN(TestDialogs)
#include "tst_dialogs.moc"
