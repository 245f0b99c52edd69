#include "../../core/alarms/resultrows.h"
#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "alarms/alarmpanel.h"
#include "alarms/alarmtablemodel.h"
#include "alarms/shelvedialog.h"

#include <QAction>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using fw::AlarmBook;
using fw::AlarmJournal;
using fw::AlarmPanel;
using fw::AlarmState;
using fw::AlarmTableModel;
using fw::JournalEvent;
using namespace fw::alarmtest;

namespace {

QString stateText(const AlarmPanel &panel, int row)
{
    return panel.model()->index(row, AlarmTableModel::StateColumn).data().toString();
}

} // namespace

class TestAlarmPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void acknowledgingTheSelectedRowChangesItsState();
    void acknowledgingSelectedLatchedAlarmsClosesThemAll();
    void acknowledgeAllAcknowledgesEveryRowAndHasItsShortcut();
    void shelveNeedsAReasonThenUnshelveRestores();
    void silenceActionFollowsTheBookAndDoesNotAcknowledge();
    void aNewLiveAlarmAnnunciatesUntilAcknowledged();
    void operatorNameGoesIntoTheJournal();
    void exportWritesACopyAndReportsFailures();
    void aJournalThatCannotBeWrittenIsShown();

private:
    [[nodiscard]] AlarmBook::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    QDateTime m_now;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAlarmPanel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestAlarmPanel::init()
{
    m_now = QDateTime(QDate(2024, 11, 24), QTime(8, 0), Qt::UTC);
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestAlarmPanel::acknowledgingTheSelectedRowChangesItsState()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    book.ingest(blockOf({raise(), clearRow(), raise(Severity::Warning)}), profile(), false);
    QCOMPARE(panel.model()->rowCount(), 2);
    QVERIFY(!panel.acknowledgeAction()->isEnabled()); // nothing selected
    panel.view()->selectRow(0);
    QVERIFY(panel.acknowledgeAction()->isEnabled());
    panel.acknowledgeAction()->trigger();
    QCOMPARE(stateText(panel, 0), QStringLiteral("Acknowledged"));
    QCOMPARE(stateText(panel, 1), QStringLiteral("Latched"));
    QVERIFY(!panel.acknowledgeAction()->isEnabled());
}

void TestAlarmPanel::acknowledgingSelectedLatchedAlarmsClosesThemAll()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    book.ingest(blockOf({raise(), clearRow(), raise(), clearRow(), raise(), clearRow()}), profile(),
                false);
    QCOMPARE(panel.model()->rowCount(), 3);
    panel.view()->selectAll();
    QCOMPARE(panel.selectedAlarmIds().size(), 3);
    panel.acknowledgeAction()->trigger();
    QCOMPARE(panel.model()->rowCount(), 0);
}

void TestAlarmPanel::acknowledgeAllAcknowledgesEveryRowAndHasItsShortcut()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    QCOMPARE(panel.acknowledgeAllAction()->shortcut(),
             QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    QVERIFY(!panel.acknowledgeAllAction()->isEnabled());
    book.ingest(blockOf({raise(), clearRow(), raise(Severity::Critical)}), profile(), false);
    book.ingest(blockOf({raise()}), profile(), true);
    QVERIFY(panel.acknowledgeAllAction()->isEnabled());
    QSignalSpy status(&panel, &AlarmPanel::statusMessage);
    panel.acknowledgeAllAction()->trigger();
    QCOMPARE(panel.model()->rowCount(), 2);
    QCOMPARE(stateText(panel, 0), QStringLiteral("Acknowledged (replay)"));
    QCOMPARE(stateText(panel, 1), QStringLiteral("Acknowledged"));
    QVERIFY(!panel.acknowledgeAllAction()->isEnabled());
    QCOMPARE(status.count(), 1);
}

void TestAlarmPanel::shelveNeedsAReasonThenUnshelveRestores()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    book.ingest(blockOf({raise()}), profile(), false);
    QVERIFY(!panel.shelveAction()->isEnabled());
    panel.view()->selectRow(0);
    QVERIFY(panel.shelveAction()->isEnabled());
    QVERIFY(!panel.unshelveAction()->isEnabled());
    panel.shelveAction()->trigger();
    auto *dialog = panel.findChild<fw::ShelveDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QPushButton *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled());
    dialog->reasonEdit()->setText(QStringLiteral("coolant pump swap"));
    QVERIFY(ok->isEnabled());
    QVERIFY(!dialog->customEdit()->isEnabled());
    dialog->durationBox()->setCurrentIndex(3); // custom
    QVERIFY(dialog->customEdit()->isEnabled());
    dialog->customEdit()->setDateTime(m_now.addSecs(7200).toLocalTime());
    QCOMPARE(dialog->until(m_now), m_now.addSecs(7200));
    dialog->durationBox()->setCurrentIndex(1); // 1 hour
    QCOMPARE(dialog->until(m_now), m_now.addSecs(3600));
    ok->click();
    QCOMPARE(stateText(panel, 0), QStringLiteral("Shelved"));
    QCOMPARE(book.at(0).shelvedUntil, m_now.addSecs(3600));
    QCOMPARE(book.at(0).shelveReason, QStringLiteral("coolant pump swap"));
    QVERIFY(!panel.acknowledgeAction()->isEnabled());
    QVERIFY(panel.unshelveAction()->isEnabled());
    panel.unshelveAction()->trigger();
    QCOMPARE(stateText(panel, 0), QStringLiteral("Unacknowledged"));
}

void TestAlarmPanel::silenceActionFollowsTheBookAndDoesNotAcknowledge()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    QVERIFY(panel.silenceAction()->isCheckable());
    panel.silenceAction()->trigger();
    QVERIFY(book.isSilenced());
    book.ingest(blockOf({raise()}), profile(), false);
    QCOMPARE(stateText(panel, 0), QStringLiteral("Unacknowledged"));
    book.setSilenced(false);
    QVERIFY(!panel.silenceAction()->isChecked());
}

void TestAlarmPanel::aNewLiveAlarmAnnunciatesUntilAcknowledged()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    book.ingest(blockOf({raise(Severity::Warning)}), profile(), true); // replay: quiet
    QCOMPARE(panel.annunciationCount(), 0);
    QVERIFY(!panel.isFlashing());
    panel.acknowledgeAll();
    book.ingest(blockOf({clearRow(), raise(Severity::Warning)}), profile(), false);
    QCOMPARE(panel.annunciationCount(), 1);
    QVERIFY(panel.isFlashing());
    panel.acknowledgeAll();
    QVERIFY(!panel.isFlashing());

    book.setSilenced(true);
    book.ingest(blockOf({clearRow(), raise(Severity::Critical)}), profile(), false);
    QCOMPARE(panel.annunciationCount(), 1); // silenced: raised but not annunciated
    QVERIFY(!panel.isFlashing());
    QCOMPARE(book.countIn(AlarmState::Unacknowledged) + book.countIn(AlarmState::Latched), 1);
}

void TestAlarmPanel::operatorNameGoesIntoTheJournal()
{
    AlarmJournal journal(m_dir->filePath(QStringLiteral("journal.csv")));
    AlarmBook book(&journal, clock());
    AlarmPanel panel(&book, &journal);
    QVERIFY(!panel.operatorName().isEmpty());
    panel.setOperatorName(QStringLiteral("bob"));
    book.ingest(blockOf({raise()}), profile(), false);
    panel.view()->selectRow(0);
    panel.acknowledgeAction()->trigger();
    panel.silenceAction()->trigger();
    const auto entries = journal.readLast(10);
    QCOMPARE(entries.size(), std::size_t(3));
    QCOMPARE(entries[1].event, JournalEvent::Acknowledged);
    QCOMPARE(entries[1].operatorName, QStringLiteral("bob"));
    QCOMPARE(entries[2].event, JournalEvent::Silenced);
    QCOMPARE(entries[2].operatorName, QStringLiteral("bob"));
}

void TestAlarmPanel::exportWritesACopyAndReportsFailures()
{
    AlarmJournal journal(m_dir->filePath(QStringLiteral("journal.csv")));
    AlarmBook book(&journal, clock());
    AlarmPanel panel(&book, &journal);
    QVERIFY(panel.exportAction()->isEnabled());
    book.ingest(blockOf({raise()}), profile(), false);
    QSignalSpy status(&panel, &AlarmPanel::statusMessage);
    QVERIFY(panel.exportJournalTo(m_dir->filePath(QStringLiteral("copy.csv"))));
    QCOMPARE(AlarmJournal(m_dir->filePath(QStringLiteral("copy.csv"))).readLast(10).size(),
             std::size_t(1));
    QVERIFY(!panel.exportJournalTo(m_dir->path())); // a directory
    QCOMPARE(status.count(), 2);
    QVERIFY(status.constLast().constFirst().toString().contains(QStringLiteral("not exported")));
    auto *box = panel.findChild<QMessageBox *>();
    QVERIFY(box);
    box->close();

    AlarmPanel withoutJournal(&book);
    QVERIFY(!withoutJournal.exportAction()->isEnabled());
}

void TestAlarmPanel::aJournalThatCannotBeWrittenIsShown()
{
    AlarmJournal journal(m_dir->path()); // a directory: cannot be opened
    QVERIFY(!journal.isOpen());
    AlarmBook book(&journal, clock());
    AlarmPanel panel(&book, &journal);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    bool shown = false;
    for (const QLabel *label : panel.findChildren<QLabel *>()) {
        shown = shown || (label->isVisible() && label->text().contains(QStringLiteral("journal")));
    }
    QVERIFY(shown);
}

QTEST_MAIN(TestAlarmPanel)
#include "tst_alarmpanel.moc"
