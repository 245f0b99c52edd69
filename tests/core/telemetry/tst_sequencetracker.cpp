#include "telemetry/sequencetracker.h"

#include <QList>
#include <QTest>

#include <cmath>

using fw::SequenceTracker;

class TestSequenceTracker : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsLossDuplicatesAndReordering_data();
    void countsLossDuplicatesAndReordering();
    void resetStartsOver();
    void timeSettlesWrapsJumpsAndStrays_data();
    void timeSettlesWrapsJumpsAndStrays();
    void refusedRecordsAreNotAlsoLost();
};

namespace {

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> out;
    for (qint64 n = from; n <= to; ++n) {
        out << n;
    }
    return out;
}

} // namespace

void TestSequenceTracker::countsLossDuplicatesAndReordering_data()
{
    QTest::addColumn<quint64>("modulus");
    QTest::addColumn<QList<qint64>>("seqs");
    QTest::addColumn<quint64>("lost");
    QTest::addColumn<quint64>("duplicates");
    QTest::addColumn<quint64>("outOfOrder");

    const quint64 plain = 0;
    const quint64 ccsds = 16384;
    const auto add = [](const char *name, quint64 modulus, const QList<qint64> &seqs, quint64 lost,
                        quint64 duplicates, quint64 outOfOrder) {
        QTest::newRow(name) << modulus << seqs << lost << duplicates << outOfOrder;
    };

    add("in order", plain, range(0, 99), 0, 0, 0);
    add("in order from a large number", plain, range(9'000'000'000'000, 9'000'000'000'010), 0, 0,
        0);
    add("a gap counts the numbers missing", plain, {1, 2, 5, 6}, 2, 0, 0);
    add("two gaps", plain, {1, 3, 10}, 7, 0, 0);
    add("the same number twice", plain, {1, 2, 2, 3}, 0, 1, 0);
    add("an older number seen before", plain, {1, 2, 3, 2, 1}, 0, 2, 0);
    add("out of order is taken back from lost", plain, {1, 3, 2}, 0, 0, 1);
    add("out of order with a gap left", plain, {1, 4, 2}, 1, 0, 1);
    add("out of order then its duplicate", plain, {1, 3, 2, 2}, 0, 1, 1);
    add("older than the first seen is not taken from lost", plain, {5, 7, 4}, 1, 0, 1);
    add("oldest number still in the window", plain, {2000, 977}, 0, 0, 1);
    add("a jump back beyond the window is a restart", plain, {5000, 5001, 3, 4, 5}, 0, 0, 0);
    add("an absurd jump without time is a stray", plain, {1, 2, 4'611'686'018'427'387'904, 3}, 0, 0,
        0);
    add("a jump back of exactly the window is a restart", plain, {2000, 976, 977}, 0, 0, 0);
    add("a gap wider than the window", plain, {1, 3000, 2999, 3001}, 2997, 0, 1);
    add("a restart after a gap", plain, {1, 3000, 2}, 2998, 0, 0);
    add("numbers without seq are ignored", plain, {1, -1, 2, -1, 3}, 0, 0, 0);

    add("14-bit counts in order", ccsds, range(100, 200), 0, 0, 0);
    add("wrap from 16383 to 0", ccsds, {16382, 16383, 0, 1}, 0, 0, 0);
    add("a gap across the wrap", ccsds, {16382, 1}, 2, 0, 0);
    add("a duplicate across the wrap", ccsds, {16383, 0, 16383}, 0, 1, 0);
    add("out of order across the wrap", ccsds, {16383, 1, 0}, 0, 0, 1);
    add(
        "many wraps in order", ccsds,
        [] {
            QList<qint64> seqs;
            for (qint64 n = 0; n < 3 * 16384 + 5; ++n) {
                seqs << n % 16384;
            }
            return seqs;
        }(),
        0, 0, 0);
    add("a forward step just under half the modulus is a gap", ccsds, {100, 8291}, 8190, 0, 0);
    add("a step of half the modulus is backward: a restart", ccsds, {100, 8292, 8293}, 0, 0, 0);
    add("a sender restart at 0", ccsds, {5000, 5001, 0, 1}, 0, 0, 0);
    add("a small step back is out of order, not a restart", ccsds, {10, 12, 11}, 0, 0, 1);
}

void TestSequenceTracker::countsLossDuplicatesAndReordering()
{
    QFETCH(quint64, modulus);
    QFETCH(QList<qint64>, seqs);
    QFETCH(quint64, lost);
    QFETCH(quint64, duplicates);
    QFETCH(quint64, outOfOrder);

    SequenceTracker tracker(modulus);
    for (qint64 seq : seqs) {
        tracker.observe(seq);
    }
    QCOMPARE(tracker.lost(), lost);
    QCOMPARE(tracker.duplicates(), duplicates);
    QCOMPARE(tracker.outOfOrder(), outOfOrder);
}

void TestSequenceTracker::resetStartsOver()
{
    SequenceTracker tracker(16384);
    for (qint64 seq : {1, 5, 5, 3}) {
        tracker.observe(seq);
    }
    QCOMPARE(tracker.lost(), quint64(2));
    QCOMPARE(tracker.duplicates(), quint64(1));
    QCOMPARE(tracker.outOfOrder(), quint64(1));
    tracker.reset();
    QCOMPARE(tracker.lost(), quint64(0));
    QCOMPARE(tracker.duplicates(), quint64(0));
    QCOMPARE(tracker.outOfOrder(), quint64(0));
    // After reset the next number is a fresh start, not a jump from 5.
    for (qint64 seq : {9000, 9001, 9003}) {
        tracker.observe(seq);
    }
    QCOMPARE(tracker.lost(), quint64(1));
    QCOMPARE(tracker.duplicates(), quint64(0));
}

namespace {

// Numbers 0 .. count-1 at `rate` per second from t = 0: enough for the tracker to learn the rate.
void feedSteady(SequenceTracker &tracker, qint64 count, double rate, quint64 modulus)
{
    for (qint64 n = 0; n < count; ++n) {
        tracker.observe(modulus != 0 ? n % qint64(modulus) : n, double(n) / rate);
    }
}

} // namespace

void TestSequenceTracker::timeSettlesWrapsJumpsAndStrays_data()
{
    QTest::addColumn<quint64>("modulus");
    QTest::addColumn<QList<qint64>>("next"); // numbers after 0..1999 at 1000/s, one per ms on
    QTest::addColumn<qint64>("skipped");     // numbers the sender sent that never arrived
    QTest::addColumn<quint64>("lost");
    QTest::addColumn<quint64>("resets");
    QTest::addColumn<quint64>("strays");
    const quint64 ccsds = 16384;
    const qint64 huge = 4'611'686'018'427'387'904;
    // Numbers as the sender would put them after `skipped` were lost in transit.
    const auto after = [](qint64 skipped, quint64 modulus, int count) {
        QList<qint64> out;
        for (qint64 n = 2000 + skipped; n < 2000 + skipped + count; ++n) {
            out << (modulus != 0 ? n % qint64(modulus) : n);
        }
        return out;
    };
    QTest::newRow("ccsds: a gap of 10 000 is lost, not a restart")
        << ccsds << after(10'000, ccsds, 5) << qint64(10'000) << quint64(10'000) << quint64(0)
        << quint64(0);
    QTest::newRow("ccsds: a gap of 40 000 spans two wraps")
        << ccsds << after(40'000, ccsds, 5) << qint64(40'000) << quint64(40'000) << quint64(0)
        << quint64(0);
    QTest::newRow("ccsds: a gap of 16 384 is one whole wrap")
        << ccsds << after(16'384, ccsds, 5) << qint64(16'384) << quint64(16'384) << quint64(0)
        << quint64(0);
    QTest::newRow("ccsds: one corrupt count is a stray, nothing lost")
        << ccsds << (QList<qint64>{9000} + after(1, ccsds, 5)) << qint64(0) << quint64(0)
        << quint64(0) << quint64(1);
    QTest::newRow("jsonl: an absurd seq is a stray, nothing lost")
        << quint64(0) << (QList<qint64>{huge} + after(1, 0, 5)) << qint64(0) << quint64(0)
        << quint64(0) << quint64(1);
    QTest::newRow("jsonl: numbering that carries on from the jump is a reset")
        << quint64(0) << QList<qint64>{huge, huge + 1, huge + 2} << qint64(0) << quint64(0)
        << quint64(1) << quint64(0);
    QTest::newRow("jsonl: a real gap stays a gap") << quint64(0) << after(500, 0, 5) << qint64(500)
                                                   << quint64(500) << quint64(0) << quint64(0);
}

void TestSequenceTracker::timeSettlesWrapsJumpsAndStrays()
{
    QFETCH(quint64, modulus);
    QFETCH(QList<qint64>, next);
    QFETCH(qint64, skipped);
    QFETCH(quint64, lost);
    QFETCH(quint64, resets);
    QFETCH(quint64, strays);

    SequenceTracker tracker(modulus);
    feedSteady(tracker, 2000, 1000.0, modulus);
    QCOMPARE(tracker.lost(), quint64(0));
    QVERIFY2(std::abs(tracker.rate() - 1000.0) < 1.0, qPrintable(QString::number(tracker.rate())));
    // The sender's clock runs on through the skipped numbers; a stray takes no time slot.
    qint64 slot = 2000 + skipped;
    for (qint64 seq : next) {
        tracker.observe(seq, double(slot) / 1000.0);
        ++slot;
    }
    QCOMPARE(tracker.lost(), lost);
    QCOMPARE(tracker.resets(), resets);
    QCOMPARE(tracker.strays(), strays);
    QCOMPARE(tracker.duplicates(), quint64(0));
}

void TestSequenceTracker::refusedRecordsAreNotAlsoLost()
{
    SequenceTracker tracker;
    tracker.observe(1);
    tracker.observe(2);
    tracker.refused(1); // number 3 was refused by the decoder: counted there
    tracker.observe(4);
    QCOMPARE(tracker.lost(), quint64(0));
    tracker.refused(1);
    tracker.observe(7); // one refused, one more never came
    QCOMPARE(tracker.lost(), quint64(1));
    tracker.refused(1); // refused, but the numbers follow on for 256 samples: not one of ours
    for (qint64 n = 8; n < 8 + 256; ++n) {
        tracker.observe(n);
    }
    tracker.observe(8 + 257);
    QCOMPARE(tracker.lost(), quint64(2));
}

QTEST_GUILESS_MAIN(TestSequenceTracker)
#include "tst_sequencetracker.moc"
