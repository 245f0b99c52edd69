#include "panels/connectionbar.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QtTest>

using namespace fw;
using namespace Qt::StringLiterals;

// The connection bar's stream list: what it marks, and what it says of the streams not chosen.
class TestConnectionBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theListAppearsOnlyForASourceOfManyStreams();
    void alarmsOfOtherStreamsAreSaidBesideTheList();
    void anotherSourcesStreamsReplaceTheNames();
};

namespace {

QComboBox *listOf(ConnectionBar &bar)
{
    return bar.findChild<QComboBox *>(u"streamBox"_s);
}

QLabel *labelOf(ConnectionBar &bar)
{
    return bar.findChild<QLabel *>(u"streamLabel"_s);
}

} // namespace

void TestConnectionBar::theListAppearsOnlyForASourceOfManyStreams()
{
    ConnectionBar bar;
    bar.show();
    QVERIFY(!listOf(bar)->isVisible());
    bar.showStreams({{1, u"v1"_s, false, 0}, {2, u"v2"_s, false, 2}});
    QVERIFY(listOf(bar)->isVisible());
    QCOMPARE(listOf(bar)->count(), 2);
    QCOMPARE(listOf(bar)->itemText(1), u"v2 (alarms raised: 2)"_s);
    QSignalSpy chosen(&bar, &ConnectionBar::streamChosen);
    listOf(bar)->setFocus();
    QTest::keyClick(listOf(bar), Qt::Key_Down);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.first().first().value<std::uint32_t>(), 2u);
    QCOMPARE(bar.chosenStream(), 2u);
    bar.showStreams({});
    QVERIFY(!listOf(bar)->isVisible());
}

void TestConnectionBar::alarmsOfOtherStreamsAreSaidBesideTheList()
{
    ConnectionBar bar;
    bar.showStreams({{1, u"v1"_s, false, 0}, {2, u"v2"_s, true, 1}, {3, u"v3"_s, true, 1}});
    bar.chooseStream(1);
    QCOMPARE(labelOf(bar)->text(), u"S&tream (alarms elsewhere: 2):"_s);
    QCOMPARE(listOf(bar)->itemText(1), u"v2 (alarm)"_s);
    bar.chooseStream(2);
    QCOMPARE(labelOf(bar)->text(), u"S&tream (alarms elsewhere: 1):"_s);
    bar.showStreams({{1, u"v1"_s, false, 0}, {2, u"v2"_s, true, 1}, {3, u"v3"_s, false, 1}});
    QCOMPARE(labelOf(bar)->text(), u"S&tream:"_s);
    QCOMPARE(bar.chosenStream(), 2u); // the choice stays
    QVERIFY(listOf(bar)->toolTip().contains(u"3 streams, 1 holding an alarm, 2 raised one"_s));
}

void TestConnectionBar::anotherSourcesStreamsReplaceTheNames()
{
    ConnectionBar bar;
    bar.showStreams({{1, u"v1"_s, false, 0}, {2, u"v2"_s, false, 0}});
    bar.showStreams({{1, u"bench-a"_s, false, 0}, {2, u"bench-b"_s, false, 0}});
    QCOMPARE(listOf(bar)->itemText(0), u"bench-a"_s);
    QCOMPARE(listOf(bar)->itemText(1), u"bench-b"_s);
}

QTEST_MAIN(TestConnectionBar)
#include "tst_connectionbar.moc"
