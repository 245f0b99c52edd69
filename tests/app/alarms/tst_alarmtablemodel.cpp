#include "../../core/alarms/resultrows.h"
#include "alarms/alarmbook.h"
#include "alarms/alarmtablemodel.h"
#include "severitystyle.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFont>
#include <QIcon>
#include <QSignalSpy>
#include <QtTest>

using fw::AlarmBook;
using fw::AlarmState;
using fw::AlarmTableModel;
using namespace fw::alarmtest;

namespace {

const QString kOperator = QStringLiteral("alice");

// A source time that reads 09:30:15.250 in the local zone, whatever the zone is.
double localSourceTime()
{
    return double(QDateTime(QDate(2024, 11, 24), QTime(9, 30, 15, 250), Qt::LocalTime)
                      .toMSecsSinceEpoch())
           / 1000.0;
}

QString text(const AlarmTableModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.index(row, column).data(role).toString();
}

} // namespace

class TestAlarmTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void modelFollowsTheBookThroughTheLifecycle();
    void rowsAreInsertedAtTheTopAndRemovedWhereTheyAre();
    void columnsShowTheAlarm();
    void channelsToolTipSaysWhyTheyAreNamed_data();
    void channelsToolTipSaysWhyTheyAreNamed();
    void severityIsTextWithIconAndColour_data();
    void severityIsTextWithIconAndColour();
    void stateTextFollowsTheWorkflow();
    void replayAlarmsAreTagged();
    void idRoleMapsRowsToAlarms();
    void unacknowledgedRowsAreBold();
    void headersNameEveryColumn();
    void modelEmptiesWhenTheBookGoes();

private:
    [[nodiscard]] AlarmBook::Clock clock()
    {
        return [this] {
            return m_now;
        };
    }

    QDateTime m_now;
};

void TestAlarmTableModel::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestAlarmTableModel::init()
{
    m_now = QDateTime(QDate(2024, 11, 24), QTime(8, 0), Qt::UTC);
}

void TestAlarmTableModel::modelFollowsTheBookThroughTheLifecycle()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    book.ingest(blockOf({raise(), hold()}), profile(), false);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(book.acknowledge(model.alarmId(0), kOperator));
    book.ingest(blockOf({hold(Severity::Critical), clearRow(), {}, raise(Severity::Warning)}),
                profile(), false);
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(
        book.shelve(model.alarmId(0), QStringLiteral("nuisance"), m_now.addSecs(60), kOperator));
    book.ingest(blockOf({raise(), clearRow()}), profile(), true);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(book.acknowledgeAll(kOperator), 2);
    QCOMPARE(model.rowCount(), 1);
    book.ingest(blockOf({clearRow()}), profile(), false);
    QCOMPARE(book.expireShelves(m_now.addSecs(60)), 1);
    QCOMPARE(model.rowCount(), 0);
}

void TestAlarmTableModel::rowsAreInsertedAtTheTopAndRemovedWhereTheyAre()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    book.ingest(blockOf({raise(), clearRow(), raise(Severity::Critical)}), profile(), false);
    QCOMPARE(inserted.count(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(text(model, 0, AlarmTableModel::SeverityColumn), QStringLiteral("Critical"));
    // Acknowledging the older, latched alarm closes it: row 1 goes.
    QVERIFY(book.acknowledge(model.alarmId(1), kOperator));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(2).toInt(), 1);
    QVERIFY(book.acknowledge(model.alarmId(0), kOperator));
    QVERIFY(!changed.isEmpty());
    const QModelIndex topLeft = changed.constLast().at(0).toModelIndex();
    const QModelIndex bottomRight = changed.constLast().at(1).toModelIndex();
    QCOMPARE(topLeft.row(), 0);
    QCOMPARE(bottomRight.column(), AlarmTableModel::ColumnCount - 1);
}

void TestAlarmTableModel::columnsShowTheAlarm()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    book.ingest(blockOf({raise(Severity::Warning, 0.9996)}, localSourceTime()), profile(), false);
    // Short enough for every column to fit a 1366-px screen; the milliseconds are in the tip.
    QCOMPARE(text(model, 0, AlarmTableModel::TimeColumn), QStringLiteral("09:30:15"));
    QVERIFY(text(model, 0, AlarmTableModel::TimeColumn, Qt::ToolTipRole)
                .contains(QStringLiteral("2024-11-24 09:30:15.250")));
    QCOMPARE(text(model, 0, AlarmTableModel::SeverityColumn), QStringLiteral("Warning"));
    QCOMPARE(text(model, 0, AlarmTableModel::ChannelsColumn), QStringLiteral("Temperature"));
    QVERIFY(text(model, 0, AlarmTableModel::ChannelsColumn, Qt::ToolTipRole)
                .contains(QStringLiteral("temperature")));
    QCOMPARE(text(model, 0, AlarmTableModel::ValueColumn), QStringLiteral("21.5 °C"));
    QCOMPARE(text(model, 0, AlarmTableModel::ConfidenceColumn), QStringLiteral("99.96 %"));
    QCOMPARE(text(model, 0, AlarmTableModel::StateColumn), QStringLiteral("Unacknowledged"));
    // Truncated: a confidence just short of 1 never reads as 100 %.
    book.ingest(blockOf({hold(Severity::Critical, 0.99999)}), profile(), false);
    QCOMPARE(text(model, 0, AlarmTableModel::ConfidenceColumn), QStringLiteral("99.99 %"));
}

void TestAlarmTableModel::channelsToolTipSaysWhyTheyAreNamed_data()
{
    QTest::addColumn<AlarmReason>("reason");
    QTest::addColumn<GuardFlag>("flag");
    QTest::addColumn<QString>("why");
    QTest::newRow("forest") << AlarmReason::Forest << GuardFlag::Within
                            << QStringLiteral("Most to blame in the detector's view: ");
    QTest::newRow("out of range") << AlarmReason::RangeGuard << GuardFlag::OutOfNominalRange
                                  << QStringLiteral("Outside the range seen in training: ");
    QTest::newRow("stuck") << AlarmReason::RangeGuard << GuardFlag::Stuck
                           << QStringLiteral("Stuck on one value: ");
    QTest::newRow("dropout") << AlarmReason::RangeGuard << GuardFlag::Dropout
                             << QStringLiteral("No values arriving: ");
    QTest::newRow("noisy") << AlarmReason::RangeGuard << GuardFlag::Noisy
                           << QStringLiteral("Noisier than anything seen in training: ");
    QTest::newRow("trend") << AlarmReason::RangeGuard << GuardFlag::Trend
                           << QStringLiteral("Changing faster than anything seen in training: ");
    QTest::newRow("jump") << AlarmReason::RangeGuard << GuardFlag::Jump
                          << QStringLiteral("A jump or spike larger than any seen in training: ");
    QTest::newRow("relation") << AlarmReason::Relation << GuardFlag::Relation
                              << QStringLiteral("No longer moving with the other channels: ");
    QTest::newRow("limit") << AlarmReason::Limit << GuardFlag::OutOfLimits
                           << QStringLiteral("Outside the profile's alarm limits: ");
}

void TestAlarmTableModel::channelsToolTipSaysWhyTheyAreNamed()
{
    QFETCH(AlarmReason, reason);
    QFETCH(GuardFlag, flag);
    QFETCH(QString, why);
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    Row row = raise(Severity::Warning);
    row.reason = reason;
    // A guard flag names its channel whatever the forest's shares say.
    row.flags[1] = flag;
    book.ingest(blockOf({row}), profile(), false);
    const QString named
        = flag == GuardFlag::Within ? QStringLiteral("temperature") : QStringLiteral("voltage");
    QCOMPARE(text(model, 0, AlarmTableModel::ChannelsColumn, Qt::ToolTipRole), why + named);
}

void TestAlarmTableModel::severityIsTextWithIconAndColour_data()
{
    QTest::addColumn<Severity>("severity");
    QTest::addColumn<QString>("name");
    QTest::newRow("watch") << Severity::Watch << QStringLiteral("Watch");
    QTest::newRow("warning") << Severity::Warning << QStringLiteral("Warning");
    QTest::newRow("critical") << Severity::Critical << QStringLiteral("Critical");
}

void TestAlarmTableModel::severityIsTextWithIconAndColour()
{
    QFETCH(Severity, severity);
    QFETCH(QString, name);
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    book.ingest(blockOf({raise(severity)}), profile(), false);
    const QModelIndex index = model.index(0, AlarmTableModel::SeverityColumn);
    QCOMPARE(index.data().toString(), name);
    QCOMPARE(index.data(AlarmTableModel::SeverityRole).toInt(), int(severity));
    QCOMPARE(index.data(Qt::ForegroundRole).value<QBrush>().color(),
             fw::severityTextColor(severity));
    QVERIFY(!index.data(Qt::DecorationRole).value<QIcon>().isNull());
}

void TestAlarmTableModel::stateTextFollowsTheWorkflow()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    const auto state = [&] {
        return text(model, 0, AlarmTableModel::StateColumn);
    };
    book.ingest(blockOf({raise()}), profile(), false);
    QCOMPARE(state(), QStringLiteral("Unacknowledged"));
    QVERIFY(book.acknowledge(model.alarmId(0), kOperator));
    QCOMPARE(state(), QStringLiteral("Acknowledged"));
    QVERIFY(text(model, 0, AlarmTableModel::StateColumn, Qt::ToolTipRole).contains(kOperator));
    book.ingest(blockOf({hold(Severity::Critical)}), profile(), false);
    QCOMPARE(state(), QStringLiteral("Unacknowledged"));
    book.ingest(blockOf({clearRow()}), profile(), false);
    QCOMPARE(state(), QStringLiteral("Latched"));
    QVERIFY(
        book.shelve(model.alarmId(0), QStringLiteral("pump swap"), m_now.addSecs(60), kOperator));
    // The shelf's end and reason in the row, not only in a tooltip.
    QCOMPARE(state(), QStringLiteral("Shelved until %1: pump swap")
                          .arg(m_now.addSecs(60).toLocalTime().toString(QStringLiteral("HH:mm"))));
    QVERIFY(text(model, 0, AlarmTableModel::StateColumn, Qt::ToolTipRole)
                .contains(QStringLiteral("pump swap")));
    QCOMPARE(model.index(0, 0).data(AlarmTableModel::StateRole).toInt(), int(AlarmState::Shelved));
}

void TestAlarmTableModel::replayAlarmsAreTagged()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    book.ingest(blockOf({raise()}), profile(), true);
    // In italics with a tooltip, not a "(replay)" that took a column's width.
    QCOMPARE(text(model, 0, AlarmTableModel::StateColumn), QStringLiteral("Unacknowledged"));
    QVERIFY(model.index(0, 0).data(AlarmTableModel::ReplayRole).toBool());
    QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(text(model, 0, AlarmTableModel::StateColumn, Qt::ToolTipRole)
                .contains(QStringLiteral("replay")));
    book.ingest(blockOf({raise()}), profile(), false);
    QVERIFY(!model.index(0, 0).data(Qt::FontRole).value<QFont>().italic());
}

void TestAlarmTableModel::idRoleMapsRowsToAlarms()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    book.ingest(blockOf({raise(), clearRow(), raise()}), profile(), false);
    for (int row = 0; row < model.rowCount(); ++row) {
        const quint64 id = model.index(row, 3).data(AlarmTableModel::AlarmIdRole).toULongLong();
        QCOMPARE(id, book.at(row).id);
        QCOMPARE(model.alarmId(row), id);
    }
    QCOMPARE(model.alarmId(5), quint64(0));
}

void TestAlarmTableModel::unacknowledgedRowsAreBold()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    book.ingest(blockOf({raise()}), profile(), false);
    QVERIFY(model.index(0, 2).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(book.acknowledge(model.alarmId(0), kOperator));
    QVERIFY(!model.index(0, 2).data(Qt::FontRole).value<QFont>().bold());
}

void TestAlarmTableModel::headersNameEveryColumn()
{
    AlarmBook book(nullptr, clock());
    AlarmTableModel model(&book);
    QCOMPARE(model.columnCount(), 6);
    QStringList headers;
    for (int column = 0; column < model.columnCount(); ++column) {
        headers << model.headerData(column, Qt::Horizontal).toString();
    }
    QCOMPARE(headers, (QStringList{QStringLiteral("Time"), QStringLiteral("Severity"),
                                   QStringLiteral("Channel(s)"), QStringLiteral("Value"),
                                   QStringLiteral("Peak"), QStringLiteral("State")}));
}

void TestAlarmTableModel::modelEmptiesWhenTheBookGoes()
{
    auto book = std::make_unique<AlarmBook>(nullptr, clock());
    AlarmTableModel model(book.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    book->ingest(blockOf({raise()}), profile(), false);
    QCOMPARE(model.rowCount(), 1);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    book.reset();
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.index(0, 0).isValid());
}

QTEST_MAIN(TestAlarmTableModel)
#include "tst_alarmtablemodel.moc"
