#include "../../core/alarms/resultrows.h"
#include "alarms/alarmbook.h"
#include "alarms/alarmhistorymodel.h"
#include "alarms/alarmjournal.h"
#include "alarms/alarmpanel.h"
#include "alarms/alarmsortproxy.h"
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
using fw::AlarmHistoryModel;
using fw::AlarmJournal;
using fw::AlarmPanel;
using fw::AlarmSortProxy;
using fw::AlarmState;
using fw::AlarmTableModel;
using fw::JournalEvent;
using namespace fw::alarmtest;

namespace {

// A raise naming one channel (0, 1 or 2) alone.
Row raiseOn(int channel, Severity severity = Severity::Watch)
{
    Row row = raise(severity);
    row.shares = {0, 0, 0};
    row.shares[std::size_t(channel)] = 1.0;
    return row;
}

// What the view shows in a column, top to bottom.
QStringList column(const AlarmPanel &panel, int column)
{
    QStringList out;
    const QAbstractItemModel *model = panel.view()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        out << model->index(row, column).data().toString();
    }
    return out;
}

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
    void whatNeedsAcknowledgingComesFirstThenSeverity();
    void filtersByStateAndChannel();
    void repeatsOfOneChannelAreOneRowWithACount();
    void aGroupShowsItsMostUrgentAlarm();
    void aFloodIsAnnounced();
    void historyShowsWhatLeftTheList();
    void clickingARowAsksForItsOnset();

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
    panel.proxy()->setGrouped(false); // one row per alarm
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
    QCOMPARE(stateText(panel, 0), QStringLiteral("Acknowledged"));
    QVERIFY(panel.model()->index(0, 0).data(AlarmTableModel::ReplayRole).toBool());
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
    // The dialog names what it shelves.
    QVERIFY2(dialog->alarmsText().contains(QStringLiteral("Temperature")),
             qPrintable(dialog->alarmsText()));
    // Built from ui/shelvedialog.ui, its labels lead the keyboard to their fields.
    QCOMPARE(dialog->objectName(), QStringLiteral("ShelveDialog"));
    auto *reasonLabel = dialog->findChild<QLabel *>(QStringLiteral("reasonLabel"));
    QVERIFY(reasonLabel);
    QCOMPARE(reasonLabel->buddy(), dialog->reasonEdit());
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
    QCOMPARE(stateText(panel, 0),
             QStringLiteral("Shelved until %1: coolant pump swap")
                 .arg(m_now.addSecs(3600).toLocalTime().toString(QStringLiteral("HH:mm"))));
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

void TestAlarmPanel::whatNeedsAcknowledgingComesFirstThenSeverity()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    // Oldest first: a Watch and a Warning that latch, a Critical that stands acknowledged.
    book.ingest(blockOf({raiseOn(1, Severity::Watch), clearRow()}), profile(), false);
    book.ingest(blockOf({raiseOn(2, Severity::Warning), clearRow()}, 2000), profile(), false);
    book.ingest(blockOf({raiseOn(0, Severity::Critical)}, 3000), profile(), false);
    QVERIFY(book.acknowledge(book.at(0).id, QStringLiteral("ann")));
    QCOMPARE(book.count(), 3);
    // Before, the table was newest first: the acknowledged Critical sat among the rest.
    QCOMPARE(column(panel, AlarmTableModel::SeverityColumn),
             QStringList(
                 {QStringLiteral("Warning"), QStringLiteral("Watch"), QStringLiteral("Critical")}));
    QCOMPARE(column(panel, AlarmTableModel::StateColumn).constFirst(), QStringLiteral("Latched"));
    // Any column sorts; the time column, newest first.
    panel.view()->sortByColumn(AlarmTableModel::TimeColumn, Qt::DescendingOrder);
    QCOMPARE(column(panel, AlarmTableModel::ChannelsColumn),
             QStringList({QStringLiteral("Temperature"), QStringLiteral("Pressure"),
                          QStringLiteral("Voltage")}));
}

void TestAlarmPanel::filtersByStateAndChannel()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    book.ingest(blockOf({raiseOn(0), clearRow(), raiseOn(1), clearRow(), raiseOn(2)}), profile(),
                false);
    QVERIFY(book.shelve(book.at(0).id, QStringLiteral("sensor swap"), m_now.addSecs(600),
                        QStringLiteral("ann")));
    QCOMPARE(panel.view()->model()->rowCount(), 3);
    panel.proxy()->setStateFilter(AlarmSortProxy::StateFilter::Shelved);
    QCOMPARE(column(panel, AlarmTableModel::ChannelsColumn),
             QStringList{QStringLiteral("Pressure")});
    panel.proxy()->setStateFilter(AlarmSortProxy::StateFilter::NeedsAcknowledging);
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    panel.proxy()->setChannelFilter(QStringLiteral("volt"));
    QCOMPARE(column(panel, AlarmTableModel::ChannelsColumn),
             QStringList{QStringLiteral("Voltage")});
}

void TestAlarmPanel::repeatsOfOneChannelAreOneRowWithACount()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    std::vector<Row> rows;
    for (int i = 0; i < 5; ++i) {
        rows.push_back(raiseOn(1));
        rows.push_back(clearRow());
    }
    rows.push_back(raiseOn(0, Severity::Warning));
    book.ingest(blockOf(rows), profile(), false);
    QCOMPARE(book.count(), 6);
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    QVERIFY(column(panel, AlarmTableModel::ChannelsColumn).contains(QStringLiteral("Voltage ×5")));
    // Acknowledging the group's row acknowledges all five (they were latched: they close).
    const int voltageRow
        = int(column(panel, AlarmTableModel::ChannelsColumn).indexOf(QStringLiteral("Voltage ×5")));
    panel.view()->selectRow(voltageRow);
    QCOMPARE(panel.selectedAlarmIds().size(), 5);
    panel.acknowledgeAction()->trigger();
    QCOMPARE(book.count(), 1);
    QCOMPARE(column(panel, AlarmTableModel::ChannelsColumn),
             QStringList{QStringLiteral("Temperature")});
    // A new one of a group shows at once, and hides behind the group again once refiltered.
    book.ingest(blockOf({clearRow(), raiseOn(0), clearRow(), raiseOn(0)}, 5000), profile(), false);
    QCOMPARE(column(panel, AlarmTableModel::ChannelsColumn),
             QStringList{QStringLiteral("Temperature ×3")});
    panel.proxy()->setGrouped(false);
    QCOMPARE(panel.view()->model()->rowCount(), 3);
}

void TestAlarmPanel::aGroupShowsItsMostUrgentAlarm()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    // A Critical on the voltage that latched, then a Watch on it that was acknowledged.
    book.ingest(blockOf({raiseOn(1, Severity::Critical), clearRow()}), profile(), false);
    book.ingest(blockOf({raiseOn(1, Severity::Watch)}, 2000), profile(), false);
    QVERIFY(book.acknowledge(book.at(0).id, QStringLiteral("ann")));
    QCOMPARE(book.count(), 2);
    // One row, and it is the Critical that still needs acknowledging, not the newer Watch.
    QCOMPARE(column(panel, AlarmTableModel::SeverityColumn),
             QStringList{QStringLiteral("Critical")});
    QCOMPARE(column(panel, AlarmTableModel::StateColumn), QStringList{QStringLiteral("Latched")});
    QCOMPARE(column(panel, AlarmTableModel::ChannelsColumn),
             QStringList{QStringLiteral("Voltage ×2")});
}

void TestAlarmPanel::aFloodIsAnnounced()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    std::vector<Row> rows;
    for (int i = 0; i < AlarmPanel::kFloodCount; ++i) {
        rows.push_back(raiseOn(i % 3));
        rows.push_back(clearRow());
    }
    book.ingest(blockOf(rows), profile(), false);
    QVERIFY(!panel.isFlooded());
    QVERIFY(!panel.summaryText().contains(QStringLiteral("FLOOD")));
    book.ingest(blockOf({raiseOn(1)}, 9000), profile(), false);
    QVERIFY(panel.isFlooded());
    QVERIFY2(panel.summaryText().startsWith(
                 QStringLiteral("ALARM FLOOD: %1 raised in the last 10 minutes")
                     .arg(AlarmPanel::kFloodCount + 1)),
             qPrintable(panel.summaryText()));
    // Ten minutes later the rate has fallen back, with no new alarm to say so.
    m_now = m_now.addSecs(AlarmPanel::kFloodWindowS + 1);
    QVERIFY(!panel.isFlooded());
    QTRY_VERIFY(!panel.summaryText().contains(QStringLiteral("FLOOD")));
    // Replayed alarms are not a flood in the control room.
    std::vector<Row> replayed;
    for (int i = 0; i <= AlarmPanel::kFloodCount; ++i) {
        replayed.push_back(raiseOn(i % 3));
        replayed.push_back(clearRow());
    }
    book.ingest(blockOf(replayed, 9500), profile(), true);
    QVERIFY(!panel.isFlooded());
}

void TestAlarmPanel::historyShowsWhatLeftTheList()
{
    AlarmJournal journal(m_dir->filePath(QStringLiteral("journal.csv")));
    AlarmBook book(&journal, clock());
    AlarmPanel panel(&book, &journal);
    panel.show();
    book.ingest(blockOf({raiseOn(1, Severity::Warning), clearRow()}), profile(), false);
    panel.acknowledgeAllAction()->trigger();
    // Acknowledge all closed it: gone from the active list, as before...
    QCOMPARE(book.count(), 0);
    // ...and in the history, newest first, with who acknowledged it.
    panel.tabs()->setCurrentIndex(1);
    const AlarmHistoryModel *history = panel.historyModel();
    QVERIFY(history->rowCount() >= 3);
    const auto cell = [&](int row, int col) {
        return history->index(row, col).data().toString();
    };
    QCOMPARE(cell(0, AlarmHistoryModel::EventColumn), QStringLiteral("Closed"));
    QStringList events;
    for (int row = 0; row < history->rowCount(); ++row) {
        events << cell(row, AlarmHistoryModel::EventColumn);
    }
    QVERIFY(events.contains(QStringLiteral("Acknowledged")));
    QCOMPARE(events.constLast(), QStringLiteral("Raised"));
    QCOMPARE(cell(history->rowCount() - 1, AlarmHistoryModel::ChannelsColumn),
             QStringLiteral("voltage"));
    QCOMPARE(cell(history->rowCount() - 1, AlarmHistoryModel::SeverityColumn),
             QStringLiteral("Warning"));
    const int acked = int(events.indexOf(QStringLiteral("Acknowledged")));
    QCOMPARE(cell(acked, AlarmHistoryModel::OperatorColumn), panel.operatorName());
    // A new alarm shows up in the open history tab (within a second).
    const int before = history->rowCount();
    book.ingest(blockOf({raiseOn(0)}, 2000), profile(), false);
    QTRY_VERIFY(history->rowCount() > before);
}

void TestAlarmPanel::clickingARowAsksForItsOnset()
{
    AlarmBook book(nullptr, clock());
    AlarmPanel panel(&book);
    panel.resize(700, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    book.ingest(blockOf({raiseOn(2, Severity::Critical)}, 4321), profile(), false);
    QSignalSpy activated(&panel, &AlarmPanel::alarmActivated);
    const QRect cell = panel.view()->visualRect(
        panel.view()->model()->index(0, AlarmTableModel::ChannelsColumn));
    QTest::mouseClick(panel.view()->viewport(), Qt::LeftButton, {}, cell.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.constFirst().at(0).toULongLong(), book.at(0).id);
}

QTEST_MAIN(TestAlarmPanel)
#include "tst_alarmpanel.moc"
