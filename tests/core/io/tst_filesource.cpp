#include "sourceharness.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
    QTRY_VERIFY_WITH_TIMEOUT(h.received.size() >= 3 * recorded.size(), kTimeoutMs);
    h.source->stop();
    QCOMPARE(finished.size(), 0);
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

QTEST_GUILESS_MAIN(TstFileSource)
#include "tst_filesource.moc"
