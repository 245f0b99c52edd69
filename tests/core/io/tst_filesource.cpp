#include "sourceharness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(fw::WireFormat)

class TstFileSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void replaysEverySampleAsFastAsPossible_data();
    void replaysEverySampleAsFastAsPossible();
    void pacingFollowsSampleTimes_data();
    void pacingFollowsSampleTimes();
    void loopReplaysTheRecordingAgain();
    void malformedLineIsCountedAndSkipped();
    void missingFileFailsWithThePath();
    void replayStatusGivesTheSpanAndPosition();
    void pauseHoldsSamplesBackAndResumeGoesOn();
    void speedChangesWhileReplaying();
    void seekStartsAtTheTarget_data();
    void seekStartsAtTheTarget();
    void seekWhilePlayingSeparatesTheStreams();
    void seekAfterTheEndReplaysAgain();
    void stepPublishesTheNextSecondsAndStaysPaused();
    void onlyFileSourcesTakeReplayCommands();

private:
    QString writeRecording(const QString &name, const std::string &bytes);

    QTemporaryDir m_dir;
};

void TstFileSource::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TstFileSource::writeRecording(const QString &name, const std::string &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) {
        qFatal("cannot write %s", qPrintable(path));
    }
    return path;
}

void TstFileSource::replaysEverySampleAsFastAsPossible_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<QString>("name");
    // 16000 rows (below the 14-bit CCSDS count): several read chunks, more than one block.
    QTest::newRow("csv") << WireFormat::Csv << u"run.csv"_s;
    QTest::newRow("jsonl") << WireFormat::Jsonl << u"run.jsonl"_s;
    QTest::newRow("ccsds") << WireFormat::Ccsds << u"run.ccsds"_s;
}

void TstFileSource::replaysEverySampleAsFastAsPossible()
{
    QFETCH(WireFormat, format);
    QFETCH(QString, name);
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 16000));
    const std::string bytes = encodeStream(format, profile, recorded);
    const QString path = writeRecording(name, bytes);

    Harness h(u"file://%1?speed=0"_s.arg(path), profile);
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(h.received.size(), recorded.size());
    QVERIFY(verifySame(h.received, recorded));

    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Disconnected, kTimeoutMs);
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.samples, std::uint64_t(recorded.size()));
    QCOMPARE(stats.bytes, std::uint64_t(bytes.size()));
    QCOMPARE(stats.lost, 0u);
    QCOMPARE(stats.decodeErrors.total(), 0u);
    QVERIFY(h.failures->isEmpty());
    QCOMPARE(h.stateHistory().back(), SourceState::Disconnected);
}

void TstFileSource::pacingFollowsSampleTimes_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<int>("atLeastMs");
    // The recording spans 1 s. Only a loose lower bound is asserted: a loaded machine may be
    // slower, never faster.
    QTest::newRow("real time") << 1.0 << 900;
    QTest::newRow("four times") << 4.0 << 220;
}

void TstFileSource::pacingFollowsSampleTimes()
{
    QFETCH(double, speed);
    QFETCH(int, atLeastMs);
    const Profile profile = benchProfile();
    std::vector<std::int64_t> seqs;
    for (std::int64_t seq = 0; seq <= 64; seq += 4) {
        seqs.push_back(seq); // t every 1/16 s from 0 to 1 s
    }
    const SampleBlock recorded = makeSamples(seqs);
    const QString path
        = writeRecording(u"paced.jsonl"_s, encodeStream(WireFormat::Jsonl, profile, recorded));

    QElapsedTimer replay;
    replay.start();
    Harness h(u"file://%1?speed=%2"_s.arg(path).arg(speed), profile);
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() > 0, kTimeoutMs);
    if (speed == 1.0) {
        // The first sample comes at once, the rest follow their times (a second here).
        QVERIFY(h.received.size() < recorded.size());
    }
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY2(replay.elapsed() >= atLeastMs, qPrintable(QString::number(replay.elapsed())));
    QVERIFY(verifySame(h.received, recorded));
}

void TstFileSource::loopReplaysTheRecordingAgain()
{
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 10));
    const QString path
        = writeRecording(u"loop.csv"_s, encodeStream(WireFormat::Csv, profile, recorded));

    Harness h(u"file://%1?speed=0&loop=1"_s.arg(path), profile);
    QSignalSpy finished(h.source.get(), &Source::finished);
    // Each wrap is announced like a seek to the start, after the whole pass before it.
    std::vector<std::size_t> atWrap;
    QObject::connect(h.source.get(), &Source::seeked, h.source.get(), [&](double t) {
        QCOMPARE(t, recorded.t(0));
        atWrap.push_back(h.received.size());
    });
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() >= 3 * recorded.size(), kTimeoutMs);
    h.source->stop();
    QCOMPARE(finished.size(), 0);
    QVERIFY(atWrap.size() >= 2);
    QCOMPARE(atWrap[0], recorded.size());
    QCOMPARE(atWrap[1], 2 * recorded.size());
    // Blocks flushed while stopping are still on their way to this thread.
    QTRY_COMPARE_WITH_TIMEOUT(std::uint64_t(h.received.size()), h.source->stats().samples,
                              kTimeoutMs);

    SampleBlock firstThreePasses(2);
    SampleBlock expected(2);
    for (std::size_t row = 0; row < 3 * recorded.size(); ++row) {
        firstThreePasses.append(h.received, row);
        expected.append(recorded, row % recorded.size());
    }
    QVERIFY(verifySame(firstThreePasses, expected));
    // Each pass is accounted on its own: the restart at seq 0 is neither loss nor duplicate.
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.lost, 0u);
    QCOMPARE(stats.duplicates, 0u);
    QCOMPARE(stats.outOfOrder, 0u);
}

void TstFileSource::malformedLineIsCountedAndSkipped()
{
    const Profile profile = benchProfile();
    std::string bytes = encodeStream(WireFormat::Jsonl, profile, makeSamples(range(0, 3)));
    bytes += "this is no json\n";
    bytes += encodeStream(WireFormat::Jsonl, profile, makeSamples(range(3, 6)));
    const QString path = writeRecording(u"bad line.jsonl"_s, bytes);

    Harness h(u"file://%1?speed=0"_s.arg(path), profile);
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QVERIFY(verifySame(h.received, makeSamples(range(0, 6))));
    QCOMPARE(h.source->stats().decodeErrors.count(DecodeError::Malformed), 1u);
    QCOMPARE(h.source->stats().decodeErrors.total(), 1u);
}

void TstFileSource::missingFileFailsWithThePath()
{
    const QString path = m_dir.filePath(u"never-recorded.csv"_s);
    Harness h(u"file://%1"_s.arg(path), benchProfile());
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_COMPARE_WITH_TIMEOUT(h.failures->size(), 1, kTimeoutMs);
    const QString message = h.failures->at(0).at(0).toString();
    QVERIFY2(message.contains(u"cannot open "_s + path), qPrintable(message));
    QVERIFY2(message.contains(u"No such file"_s), qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Disconnected, kTimeoutMs);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(h.received.size(), 0u);
}

namespace {

// Rows [first, last) of a block.
SampleBlock rows(const SampleBlock &block, std::size_t first, std::size_t last)
{
    SampleBlock out(block.channelCount());
    for (std::size_t row = first; row < last && row < block.size(); ++row) {
        out.append(block, row);
    }
    return out;
}

constexpr double kT0 = 1732400000.0; // makeSamples: t = kT0 + seq / 64

} // namespace

void TstFileSource::replayStatusGivesTheSpanAndPosition()
{
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 640));
    const QString path
        = writeRecording(u"status.csv"_s, encodeStream(WireFormat::Csv, profile, recorded));
    Harness h(u"file://%1?speed=0&loop=1&paused=1"_s.arg(path), profile);
    QVERIFY(h.source->isReplay());
    QTRY_COMPARE_WITH_TIMEOUT(h.source->replayStatus().first, kT0, kTimeoutMs);
    ReplayStatus status = h.source->replayStatus();
    QCOMPARE(status.last, kT0 + 639 / 64.0);
    QCOMPARE(status.duration(), 639 / 64.0);
    QVERIFY(status.paused);
    QVERIFY(status.loop);
    QCOMPARE(status.speed, 0.0);
    QVERIFY(std::isnan(status.position)); // nothing published yet
    QCOMPARE(status.fraction(), 0.0);

    QVERIFY(h.source->setLoop(false));
    QVERIFY(h.source->setSpeed(2.5));
    QVERIFY(h.source->stepBy(1.0));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 64u, kTimeoutMs);
    status = h.source->replayStatus();
    QCOMPARE(status.position, kT0 + 63 / 64.0);
    QVERIFY(!status.loop);
    QCOMPARE(status.speed, 2.5);
    QVERIFY(status.fraction() > 0.09 && status.fraction() < 0.11);
    // Negative or non-finite speeds are ignored.
    QVERIFY(h.source->setSpeed(-1));
    QVERIFY(h.source->setSpeed(qQNaN()));
    QVERIFY(h.source->stepBy(1.0));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 127u, kTimeoutMs); // t < t0 + 63/64 + 1
    QCOMPARE(h.source->replayStatus().speed, 2.5);
}

void TstFileSource::pauseHoldsSamplesBackAndResumeGoesOn()
{
    const Profile profile = benchProfile(0.2);
    const SampleBlock recorded = makeSamples(range(0, 64 * 20)); // 20 s at 64 Hz
    const QString path
        = writeRecording(u"pause.jsonl"_s, encodeStream(WireFormat::Jsonl, profile, recorded));
    Harness h(u"file://%1?speed=4"_s.arg(path), profile);
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() >= 64, kTimeoutMs);
    QVERIFY(h.source->setPaused(true));
    QTRY_VERIFY_WITH_TIMEOUT(h.source->replayStatus().paused, kTimeoutMs);
    QTest::qWait(100); // a block flushed as it paused may still be on its way
    const std::size_t held = h.received.size();
    QTest::qWait(400); // at 4x, 400 ms would be 100 samples
    QCOMPARE(h.received.size(), held);
    QCOMPARE(h.source->replayStatus().position, h.received.t(held - 1));
    QCOMPARE(h.source->state(), SourceState::Live); // quiet on purpose, not stale

    QVERIFY(h.source->setPaused(false));
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() > held + 20, kTimeoutMs);
    // Nothing lost or repeated across the pause.
    QVERIFY(verifySame(h.received, rows(recorded, 0, h.received.size())));
    QCOMPARE(h.source->stats().lost, 0u);
}

void TstFileSource::speedChangesWhileReplaying()
{
    const Profile profile = benchProfile(60);
    const SampleBlock recorded = makeSamples(range(0, 64 * 30)); // 30 s at 64 Hz
    const QString path
        = writeRecording(u"speed.csv"_s, encodeStream(WireFormat::Csv, profile, recorded));
    QElapsedTimer clock;
    clock.start();
    Harness h(u"file://%1"_s.arg(path), profile);
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() > 0, kTimeoutMs);
    QVERIFY(h.source->setSpeed(0));
    // Real time would take 30 s.
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QVERIFY2(clock.elapsed() < 20000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(verifySame(h.received, recorded));
}

void TstFileSource::seekStartsAtTheTarget_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("prerollS");
    QTest::newRow("csv") << WireFormat::Csv << u"seek.csv"_s << 0.0;
    QTest::newRow("csv with preroll") << WireFormat::Csv << u"seek.csv"_s << 10.0;
    QTest::newRow("jsonl") << WireFormat::Jsonl << u"seek.jsonl"_s << 0.0;
    QTest::newRow("jsonl with preroll") << WireFormat::Jsonl << u"seek.jsonl"_s << 2.5;
    QTest::newRow("ccsds") << WireFormat::Ccsds << u"seek.ccsds"_s << 0.0;
    QTest::newRow("ccsds with preroll") << WireFormat::Ccsds << u"seek.ccsds"_s << 1.0;
}

void TstFileSource::seekStartsAtTheTarget()
{
    QFETCH(WireFormat, format);
    QFETCH(QString, name);
    QFETCH(double, prerollS);
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 16000));
    const QString path = writeRecording(name, encodeStream(format, profile, recorded));

    Harness h(u"file://%1?speed=0&paused=1"_s.arg(path), profile);
    QSignalSpy seeked(h.source.get(), &Source::seeked);
    QSignalSpy finished(h.source.get(), &Source::finished);
    const std::size_t target = 12345;
    QVERIFY(h.source->seekTo(recorded.t(target), prerollS));
    QTRY_COMPARE_WITH_TIMEOUT(seeked.size(), 1, kTimeoutMs);
    QCOMPARE(seeked.at(0).at(0).toDouble(), recorded.t(target));
    const auto first = std::size_t(double(target) - prerollS * 64);
    // Paused: the preroll comes at once, then nothing until play.
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), target - first, kTimeoutMs);
    QTest::qWait(50);
    QCOMPARE(h.received.size(), target - first);
    QVERIFY(h.source->setPaused(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QVERIFY(verifySame(h.received, rows(recorded, first, recorded.size())));
    // Sequence accounting starts afresh at the target: the jump is no loss.
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.lost, 0u);
    QCOMPARE(stats.decodeErrors.total(), 0u);
    QCOMPARE(h.source->replayStatus().position, recorded.t(recorded.size() - 1));
    QVERIFY(h.source->replayStatus().atEnd);

    // Half way through the recording's time span.
    const std::size_t before = h.received.size();
    QVERIFY(h.source->seekToFraction(0.5));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QCOMPARE(h.received.size() - before, recorded.size() - 8000);
    QCOMPARE(h.received.t(before), recorded.t(8000));
}

void TstFileSource::seekWhilePlayingSeparatesTheStreams()
{
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 64 * 60));
    const QString path
        = writeRecording(u"live seek.jsonl"_s, encodeStream(WireFormat::Jsonl, profile, recorded));
    Harness h(u"file://%1?speed=2"_s.arg(path), profile);
    std::size_t atSeek = 0;
    QObject::connect(h.source.get(), &Source::seeked, h.source.get(),
                     [&] { atSeek = h.received.size(); });
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() >= 10, kTimeoutMs);
    QVERIFY(h.source->seekTo(recorded.t(3000)));
    QTRY_VERIFY_WITH_TIMEOUT(atSeek > 0 && h.received.size() > atSeek + 10, kTimeoutMs);
    // Everything before seeked() is the start of the recording, everything after the target on.
    QVERIFY(verifySame(rows(h.received, 0, atSeek), rows(recorded, 0, atSeek)));
    const SampleBlock after = rows(h.received, atSeek, h.received.size());
    QVERIFY(verifySame(after, rows(recorded, 3000, 3000 + after.size())));
}

void TstFileSource::seekAfterTheEndReplaysAgain()
{
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 100));
    const QString path
        = writeRecording(u"again.csv"_s, encodeStream(WireFormat::Csv, profile, recorded));
    Harness h(u"file://%1?speed=0"_s.arg(path), profile);
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Disconnected, kTimeoutMs);
    QVERIFY(h.source->seekTo(recorded.t(90)));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, kTimeoutMs);
    QCOMPARE(h.received.size(), 110u);
    // Play at the end plays the whole recording again.
    QVERIFY(h.source->setPaused(true));
    QVERIFY(h.source->setPaused(false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, kTimeoutMs);
    QCOMPARE(h.received.size(), 210u);
    QVERIFY(verifySame(rows(h.received, 110, 210), recorded));
    QVERIFY(h.failures->isEmpty());
}

void TstFileSource::stepPublishesTheNextSecondsAndStaysPaused()
{
    const Profile profile = benchProfile();
    const SampleBlock recorded = makeSamples(range(0, 640));
    const QString path
        = writeRecording(u"step.jsonl"_s, encodeStream(WireFormat::Jsonl, profile, recorded));
    Harness h(u"file://%1?paused=1"_s.arg(path), profile);
    QVERIFY(h.source->stepBy(1.0));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 64u, kTimeoutMs); // [t0, t0 + 1 s)
    QVERIFY(h.source->stepBy(0.5));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 95u, kTimeoutMs); // t < t0 + 63/64 + 0.5
    QTest::qWait(100);
    QCOMPARE(h.received.size(), 95u);
    QVERIFY(h.source->replayStatus().paused);
    QVERIFY(verifySame(h.received, rows(recorded, 0, 95)));
    // A step while playing pauses first.
    QVERIFY(h.source->setPaused(false));
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() > 100, kTimeoutMs);
    QVERIFY(h.source->stepBy(0.25));
    QTRY_VERIFY_WITH_TIMEOUT(h.source->replayStatus().paused, kTimeoutMs);
    QTest::qWait(100);
    const std::size_t held = h.received.size();
    QTest::qWait(300);
    QCOMPARE(h.received.size(), held);
    QVERIFY(verifySame(h.received, rows(recorded, 0, held)));
}

void TstFileSource::onlyFileSourcesTakeReplayCommands()
{
    const Profile profile = benchProfile();
    Harness h(u"tcp://127.0.0.1:9"_s, profile);
    QVERIFY(!h.source->isReplay());
    QVERIFY(!h.source->setPaused(true));
    QVERIFY(!h.source->seekTo(kT0));
    QVERIFY(!h.source->stepBy(1));
    QVERIFY(std::isnan(h.source->replayStatus().first));

    const QString path = writeRecording(
        u"stopped.csv"_s, encodeStream(WireFormat::Csv, profile, makeSamples(range(0, 5))));
    Harness stopped(u"file://%1?paused=1"_s.arg(path), profile);
    stopped.source->stop();
    QVERIFY(stopped.source->isReplay());
    QVERIFY(!stopped.source->setPaused(false)); // its thread is gone
}

QTEST_GUILESS_MAIN(TstFileSource)
#include "tst_filesource.moc"
