// The replay bar against a real file source: what it shows, and play, step, speed, loop and
// seeking by dragging or clicking the slider.
#include "../../core/io/sourceharness.h"
#include "io/source.h"
#include "panels/replaybar.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

class TestReplayBar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void hiddenUnlessTheSourceIsAFile();
    void playRunsToTheEndAndShowsIt();
    void draggingPreviewsAndSeeksOnRelease();
    void aKeyOnTheSliderSeeksAtOnce();
    void speedLoopAndStepReachTheSource();
    void aSpeedFromTheUriIsShownAsItIs();

private:
    QString recording(std::int64_t rows);

    QTemporaryDir m_dir;
};

void TestReplayBar::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// rows samples at 64 Hz, from 1732400000 (2024-11-23 22:13:20 UTC).
QString TestReplayBar::recording(std::int64_t rows)
{
    const QString path = m_dir.filePath(u"run%1.csv"_s.arg(rows));
    const std::string bytes
        = encodeStream(WireFormat::Csv, benchProfile(), makeSamples(range(0, rows)));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qFatal("cannot write %s", qPrintable(path));
    }
    file.write(bytes.data(), qint64(bytes.size()));
    return path;
}

void TestReplayBar::hiddenUnlessTheSourceIsAFile()
{
    ReplayBar bar;
    QVERIFY(bar.isHidden());
    QVERIFY(!bar.playPauseAction()->isEnabled());
    Harness tcp(u"tcp://127.0.0.1:9"_s, benchProfile());
    bar.setSource(tcp.source.get());
    QVERIFY(bar.isHidden());
    QVERIFY(bar.source() == nullptr);

    auto file
        = std::make_unique<Harness>(u"file://%1?paused=1"_s.arg(recording(100)), benchProfile());
    bar.setSource(file->source.get());
    QVERIFY(!bar.isHidden());
    QVERIFY(bar.playPauseAction()->isEnabled());
    QCOMPARE(bar.playPauseAction()->text(), ReplayBar::tr("&Play replay"));
    // The source goes away with its connection: the bar hides on the next refresh.
    file.reset();
    bar.refresh();
    QVERIFY(bar.isHidden());
    QVERIFY(!bar.stepAction()->isEnabled());
}

void TestReplayBar::playRunsToTheEndAndShowsIt()
{
    Harness h(u"file://%1?speed=0&paused=1"_s.arg(recording(16000)), benchProfile());
    ReplayBar bar;
    bar.show();
    bar.setSource(h.source.get());
    QTRY_VERIFY(h.source->replayStatus().duration() > 0);
    bar.refresh();
    QVERIFY(bar.slider()->isEnabled());
    QCOMPARE(bar.slider()->value(), 0);
    // 15999 / 64 s = 4:09.98
    QVERIFY2(bar.timeText().contains(u"(0:00 / 4:09)"_s), qPrintable(bar.timeText()));
    QSignalSpy finished(h.source.get(), &Source::finished);
    bar.playPauseAction()->trigger();
    QTRY_VERIFY(!h.source->replayStatus().paused);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
    QTRY_VERIFY(h.source->replayStatus().atEnd);
    bar.refresh();
    QCOMPARE(bar.slider()->value(), ReplayBar::kSliderSteps);
    QVERIFY2(bar.timeText().startsWith(u"22:17:29"_s), qPrintable(bar.timeText()));
    QVERIFY2(bar.timeText().contains(u"(4:09 / 4:09)"_s), qPrintable(bar.timeText()));
    QCOMPARE(bar.playPauseAction()->text(), ReplayBar::tr("&Play replay"));
    // Play at the end plays it again.
    bar.playPauseAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
    QCOMPARE(h.received.size(), 32000u);
}

void TestReplayBar::draggingPreviewsAndSeeksOnRelease()
{
    Harness h(u"file://%1?speed=0&paused=1"_s.arg(recording(16000)), benchProfile());
    QSignalSpy seeked(h.source.get(), &Source::seeked);
    ReplayBar bar;
    bar.setPrerollS(2);
    bar.show();
    bar.setSource(h.source.get());
    QTRY_VERIFY(h.source->replayStatus().duration() > 0);
    bar.refresh();

    QSlider *slider = bar.slider();
    slider->setSliderDown(true);
    slider->setSliderPosition(ReplayBar::kSliderSteps / 2);
    QVERIFY2(bar.timeText().contains(u"(2:04 / 4:09)"_s), qPrintable(bar.timeText()));
    bar.refresh(); // a tick while dragging leaves the slider alone
    QCOMPARE(slider->sliderPosition(), ReplayBar::kSliderSteps / 2);
    QTest::qWait(50);
    QCOMPARE(seeked.count(), 0);
    slider->setSliderDown(false);
    QTRY_COMPARE(seeked.count(), 1);
    const ReplayStatus status = h.source->replayStatus();
    QCOMPARE(seeked.at(0).at(0).toDouble(), status.first + status.duration() / 2);
    // Paused: the preroll (2 s at 64 Hz) and no more.
    QTRY_COMPARE(h.received.size(), 128u);
    QCOMPARE(h.received.t(0), status.first + 123.0); // 7872 / 64, the first at or after 122.99 s
}

void TestReplayBar::aKeyOnTheSliderSeeksAtOnce()
{
    Harness h(u"file://%1?speed=0&paused=1"_s.arg(recording(6400)), benchProfile());
    QSignalSpy seeked(h.source.get(), &Source::seeked);
    ReplayBar bar;
    bar.show();
    bar.setSource(h.source.get());
    QTRY_VERIFY(h.source->replayStatus().duration() > 0);
    bar.refresh();
    QTest::keyClick(bar.slider(), Qt::Key_End);
    QTRY_COMPARE(seeked.count(), 1);
    QCOMPARE(seeked.at(0).at(0).toDouble(), h.source->replayStatus().last);
    QTest::keyClick(bar.slider(), Qt::Key_PageDown); // back a twentieth
    QTRY_COMPARE(seeked.count(), 2);
    const ReplayStatus status = h.source->replayStatus();
    QCOMPARE(seeked.at(1).at(0).toDouble(), status.first + status.duration() * 0.95);
    bar.restartAction()->trigger();
    QTRY_COMPARE(seeked.count(), 3);
    QCOMPARE(seeked.at(2).at(0).toDouble(), status.first);
}

void TestReplayBar::speedLoopAndStepReachTheSource()
{
    Harness h(u"file://%1?paused=1"_s.arg(recording(640)), benchProfile());
    ReplayBar bar;
    bar.show();
    bar.setSource(h.source.get());
    QCOMPARE(bar.speedBox()->currentData().toDouble(), 1.0);
    bar.speedBox()->setCurrentIndex(bar.speedBox()->findData(2.0));
    QTRY_COMPARE(h.source->replayStatus().speed, 2.0);
    bar.fasterAction()->trigger();
    QTRY_COMPARE(h.source->replayStatus().speed, 5.0);
    bar.slowerAction()->trigger();
    bar.slowerAction()->trigger();
    QTRY_COMPARE(h.source->replayStatus().speed, 1.0);
    bar.speedBox()->setCurrentIndex(bar.speedBox()->count() - 1);
    QTRY_COMPARE(h.source->replayStatus().speed, 0.0); // as fast as possible
    bar.speedBox()->setCurrentIndex(bar.speedBox()->findData(1.0));

    bar.loopAction()->trigger();
    QTRY_VERIFY(h.source->replayStatus().loop);
    bar.loopAction()->trigger();
    QTRY_VERIFY(!h.source->replayStatus().loop);

    bar.stepAction()->trigger();
    QTRY_COMPARE(h.received.size(), std::size_t(ReplayBar::kStepS * 64));
    QVERIFY(h.source->replayStatus().paused);
    bar.refresh();
    QCOMPARE(bar.playPauseAction()->text(), ReplayBar::tr("&Play replay"));
    bar.playPauseAction()->trigger();
    QTRY_VERIFY(!h.source->replayStatus().paused);
    bar.refresh();
    QCOMPARE(bar.playPauseAction()->text(), ReplayBar::tr("&Pause replay"));
}

void TestReplayBar::aSpeedFromTheUriIsShownAsItIs()
{
    // It read 1× while the file played at 20×.
    Harness h(u"file://%1?paused=1&speed=20"_s.arg(recording(640)), benchProfile());
    ReplayBar bar;
    bar.setSource(h.source.get());
    QTRY_COMPARE(h.source->replayStatus().speed, 20.0);
    bar.refresh();
    QCOMPARE(bar.speedBox()->currentData().toDouble(), 20.0);
    QCOMPARE(bar.speedBox()->currentText(), u"20×"_s);
    // In order among the others, and the others still there.
    const int at = bar.speedBox()->currentIndex();
    QCOMPARE(bar.speedBox()->itemData(at - 1).toDouble(), 10.0);
    QCOMPARE(bar.speedBox()->itemData(at + 1).toDouble(), 100.0);
}

QTEST_MAIN(TestReplayBar)
#include "tst_replaybar.moc"
