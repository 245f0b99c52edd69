#include "sourceharness.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

class TstTcpListenSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoBenchesAtOnceKeepTheirOwnSequence();
    void portInUseFailsWithTheReason();
    void listensOnAHostName();
};

namespace {

quint16 freeTcpPort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

// Connects once the source listens (it does so on its own thread, a moment after start()).
bool connectWhenListening(QTcpSocket &client, const QString &host, quint16 port)
{
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < kTimeoutMs) {
        client.connectToHost(host, port);
        if (client.waitForConnected(500)) {
            return true;
        }
        client.abort();
        QTest::qWait(20);
    }
    return false;
}

void writeAll(QTcpSocket &client, const std::string &bytes)
{
    client.write(bytes.data(), qint64(bytes.size()));
    while (client.bytesToWrite() > 0) {
        QVERIFY(client.waitForBytesWritten(kTimeoutMs));
    }
}

// Bench 1 sends a = seq * 0.25, bench 2 the same seq numbers shifted by 1000 in t and a.
SampleBlock benchSamples(int bench, std::int64_t first, std::int64_t last)
{
    SampleBlock block(2);
    for (std::int64_t seq = first; seq < last; ++seq) {
        const double values[] = {double(bench * 1000) + double(seq) * 0.25, double(bench)};
        block.append(1732400000.0 + double(bench * 1000) + double(seq) / 64.0, seq, values);
    }
    return block;
}

} // namespace

void TstTcpListenSource::twoBenchesAtOnceKeepTheirOwnSequence()
{
    const Profile profile = benchProfile();
    const quint16 port = freeTcpPort();
    QVERIFY(port != 0);
    Harness h(u"tcp-listen://127.0.0.1:%1"_s.arg(port), profile);

    QTcpSocket bench1;
    QTcpSocket bench2;
    QVERIFY(connectWhenListening(bench1, u"127.0.0.1"_s, port));
    QVERIFY(connectWhenListening(bench2, u"127.0.0.1"_s, port));
    QTRY_COMPARE_WITH_TIMEOUT(h.source->stats().connections, 2u, kTimeoutMs);

    // Both count from 0 and interleave: one tracker would see duplicates and jumps.
    constexpr std::int64_t kPerBench = 200;
    for (std::int64_t first = 0; first < kPerBench; first += 25) {
        writeAll(bench1,
                 encodeStream(WireFormat::Jsonl, profile, benchSamples(1, first, first + 25)));
        writeAll(bench2,
                 encodeStream(WireFormat::Jsonl, profile, benchSamples(2, first, first + 25)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), std::size_t(2 * kPerBench), kTimeoutMs);

    // Each bench's samples arrive complete and in its own order.
    SampleBlock fromBench1(2);
    SampleBlock fromBench2(2);
    for (std::size_t row = 0; row < h.received.size(); ++row) {
        (h.received.value(row, 1) == 1.0 ? fromBench1 : fromBench2).append(h.received, row);
    }
    QVERIFY(verifySame(fromBench1, benchSamples(1, 0, kPerBench)));
    QVERIFY(verifySame(fromBench2, benchSamples(2, 0, kPerBench)));

    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.samples, std::uint64_t(2 * kPerBench));
    QCOMPARE(stats.lost, 0u);
    QCOMPARE(stats.duplicates, 0u);
    QCOMPARE(stats.outOfOrder, 0u);
    QCOMPARE(stats.decodeErrors.total(), 0u);
    QCOMPARE(h.source->state(), SourceState::Live);

    bench1.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(h.source->stats().connections, 1u, kTimeoutMs);
    bench2.disconnectFromHost();
    QTRY_COMPARE_WITH_TIMEOUT(h.source->stats().connections, 0u, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Connecting, kTimeoutMs);
    QVERIFY(h.failures->isEmpty());
}

void TstTcpListenSource::portInUseFailsWithTheReason()
{
    QTcpServer holder;
    QVERIFY(holder.listen(QHostAddress::LocalHost, 0));
    const QString uri = u"tcp-listen://127.0.0.1:%1"_s.arg(holder.serverPort());
    Harness h(uri, benchProfile());
    QTRY_COMPARE_WITH_TIMEOUT(h.failures->size(), 1, kTimeoutMs);
    const QString message = h.failures->at(0).at(0).toString();
    QVERIFY2(message.startsWith(uri + u": cannot listen: "_s), qPrintable(message));
    QVERIFY2(message.contains(u"address"_s, Qt::CaseInsensitive), qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Disconnected, kTimeoutMs);
}

void TstTcpListenSource::listensOnAHostName()
{
    const Profile profile = benchProfile();
    const quint16 port = freeTcpPort();
    QVERIFY(port != 0);
    Harness h(u"tcp-listen://localhost:%1?format=csv"_s.arg(port), profile);
    QTcpSocket bench;
    QVERIFY(connectWhenListening(bench, u"localhost"_s, port));
    const SampleBlock sent = benchSamples(1, 0, 10);
    writeAll(bench, encodeStream(WireFormat::Csv, profile, sent));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), sent.size(), kTimeoutMs);
    QVERIFY(verifySame(h.received, sent));
    QVERIFY(h.failures->isEmpty());
}

QTEST_GUILESS_MAIN(TstTcpListenSource)
#include "tst_tcplistensource.moc"
