// Streams named by the records themselves (stream=field:NAME, stream=apid): many senders in one
// input, each with its own stream, sequence accounting and shard, through real files and sockets.

#include "sourceharness.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUdpSocket>

#include <map>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

class TstRecordStreams : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fieldNamesStreamsInOneFile();
    void apidNamesStreamsAndShardsThem();
    void fieldNamesStreamsInDatagrams();
};

namespace {

struct StreamView
{
    std::uint64_t samples = 0;
    std::uint64_t lost = 0;
    std::vector<std::int64_t> seqs; // as delivered
};

// What the source delivered and counted, by stream key.
std::map<std::string, StreamView> byKey(const Harness &h)
{
    std::map<std::string, StreamView> views;
    const StreamTable &table = *h.source->counters()->streams;
    for (const StreamTable::Entry *entry : table.entries()) {
        StreamView &view = views[entry->key];
        view.samples = entry->samples.load();
        view.lost = entry->lost.load();
    }
    for (std::size_t row = 0; row < h.received.size(); ++row) {
        const StreamTable::Entry *entry = table.entry(h.received.stream(row));
        if (!entry) {
            qWarning("row %zu has no stream", row);
            return {};
        }
        views[entry->key].seqs.push_back(h.received.seq(row));
    }
    return views;
}

std::string writeFile(const QTemporaryDir &dir, const QString &name, const std::string &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) {
        return {};
    }
    return path.toStdString();
}

} // namespace

// Three vehicles interleaved line by line, each numbering its own records from 0: vehicle v2
// skips five numbers. Only those five are lost, in v2's stream and in the source's total; the
// interleaving is neither loss nor disorder. A line without the field is counted and skipped.
void TstRecordStreams::fieldNamesStreamsInOneFile()
{
    std::string lines;
    for (int seq = 0; seq < 100; ++seq) {
        for (const char *vehicle : {"v1", "v2", "v3"}) {
            if (std::string_view(vehicle) == "v2" && seq >= 40 && seq < 45) {
                continue;
            }
            lines += R"({"t":)" + std::to_string(1000 + seq) + R"(,"seq":)" + std::to_string(seq)
                     + R"(,"vehicle":")" + vehicle + R"(","a":1,"b":2})" + "\n";
        }
        if (seq == 50) {
            lines += R"({"t":1050.5,"seq":50,"a":1,"b":2})"
                     "\n";
        }
    }
    QTemporaryDir dir;
    const std::string path = writeFile(dir, u"fleet.jsonl"_s, lines);
    QVERIFY(!path.empty());

    Harness h(u"file://%1?speed=0&stream=field:vehicle"_s.arg(QString::fromStdString(path)),
              benchProfile());
    QSignalSpy finished(h.source.get(), &Source::finished);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
    QTRY_COMPARE(h.received.size(), std::size_t(295));

    const auto views = byKey(h);
    QCOMPARE(views.size(), std::size_t(3));
    QCOMPARE(views.at("v1").samples, 100U);
    QCOMPARE(views.at("v2").samples, 95U);
    QCOMPARE(views.at("v3").samples, 100U);
    QCOMPARE(views.at("v1").lost, 0U);
    QCOMPARE(views.at("v2").lost, 5U);
    QCOMPARE(views.at("v3").lost, 0U);
    QCOMPARE(views.at("v1").seqs, range(0, 100));
    QCOMPARE(views.at("v2").seqs.size(), std::size_t(95));
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.samples, 295U);
    QCOMPARE(stats.lost, 5U);
    QCOMPARE(stats.duplicates, 0U);
    QCOMPARE(stats.outOfOrder, 0U);
    QCOMPARE(stats.sequenceResets, 0U);
    QCOMPARE(stats.decodeErrors.count(DecodeError::MissingStream), 1U);
    QCOMPARE(stats.decodeErrors.total(), 1U);
}

// Ten spacecraft on ten APIDs in one CCSDS file, split between two shards: each instance keeps
// exactly the APIDs whose key hashes to it, counts the others' packets as another shard's, and
// loses nothing. Together they keep every APID once.
void TstRecordStreams::apidNamesStreamsAndShardsThem()
{
    const Profile profile = benchProfile();
    std::string packets;
    for (int seq = 0; seq < 50; ++seq) {
        for (int apid = 100; apid < 110; ++apid) {
            Profile sender = profile;
            sender.apid = apid;
            const SampleBlock one = makeSamples({seq});
            makeEncoder(WireFormat::Ccsds, sender)->encode(one, 0, packets);
        }
    }
    QTemporaryDir dir;
    const QString path = QString::fromStdString(writeFile(dir, u"fleet.ccsds"_s, packets));
    QVERIFY(!path.isEmpty());

    std::map<std::string, int> keptBy;
    for (int shard = 1; shard <= 2; ++shard) {
        Harness h(u"file://%1?speed=0&stream=apid&shard=%2/2"_s.arg(path).arg(shard), profile);
        QSignalSpy finished(h.source.get(), &Source::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const StreamTable &table = *h.source->counters()->streams;
        std::uint64_t kept = 0;
        for (int apid = 100; apid < 110; ++apid) {
            kept += StreamKey::shardOf(std::to_string(apid), 2) == shard ? 50 : 0;
        }
        QTRY_COMPARE(h.received.size(), std::size_t(kept));
        const auto views = byKey(h);
        for (const auto &[key, view] : views) {
            QCOMPARE(StreamKey::shardOf(key, 2), shard);
            QCOMPARE(view.samples, 50U);
            QCOMPARE(view.lost, 0U);
            QCOMPARE(view.seqs, range(0, 50));
            ++keptBy[key];
        }
        QCOMPARE(table.otherShardMessages(), 500 - kept);
        // The replay bar's span comes from packets of any APID, though none is the profile's.
        QCOMPARE(h.source->replayStatus().first, makeSamples({0}).t(0));
        QCOMPARE(h.source->replayStatus().last, makeSamples({49}).t(0));
        QCOMPARE(h.source->stats().lost, 0U);
        QCOMPARE(h.source->stats().decodeErrors.total(), 0U);
    }
    QCOMPARE(keptBy.size(), std::size_t(10));
    for (const auto &[key, count] : keptBy) {
        QCOMPARE(count, 1);
    }
}

// csv datagrams over loopback UDP, each holding records of two benches, the bench column last:
// the live path files each record under its bench and accounts for each numbering on its own.
void TstRecordStreams::fieldNamesStreamsInDatagrams()
{
    quint16 port = 0;
    {
        QUdpSocket probe;
        QVERIFY(probe.bind(QHostAddress::LocalHost, 0));
        port = probe.localPort();
    }
    Harness h(u"udp://127.0.0.1:%1?format=csv&stream=field:bench"_s.arg(port), benchProfile());
    // The source binds on its own thread: once it holds the port, an exclusive bind fails.
    QTRY_VERIFY_WITH_TIMEOUT(
        !QUdpSocket().bind(QHostAddress::LocalHost, port, QAbstractSocket::DontShareAddress),
        kTimeoutMs);
    QVERIFY(h.failures->isEmpty());
    QUdpSocket sender;
    const QByteArray header = "t,seq,a,b,bench\n";
    QCOMPARE(sender.writeDatagram(header + "1,0,1,2,left\n", QHostAddress::LocalHost, port),
             qint64(header.size() + 13));
    for (int seq = 1; seq < 200; ++seq) {
        QByteArray datagram = header;
        datagram += QByteArray::number(1 + seq) + ',' + QByteArray::number(seq) + ",1,2,left\n";
        if (seq % 10 != 3) { // right loses every tenth record
            datagram
                += QByteArray::number(1 + seq) + ',' + QByteArray::number(seq) + ",3,4,right\n";
        }
        QCOMPARE(sender.writeDatagram(datagram, QHostAddress::LocalHost, port), datagram.size());
        if (seq % 50 == 0) {
            QTest::qWait(5); // loopback's buffer is large, but not unbounded
        }
    }
    const std::size_t rightSent = 199 - 20;
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), std::size_t(200) + rightSent, kTimeoutMs);
    const auto views = byKey(h);
    QCOMPARE(views.size(), std::size_t(2));
    QCOMPARE(views.at("left").seqs, range(0, 200));
    QCOMPARE(views.at("left").lost, 0U);
    // right's first record is 1; 3, 13, ..., 193 are missing, and 193 < 199 so all are gaps.
    QCOMPARE(views.at("right").samples, std::uint64_t(rightSent));
    QCOMPARE(views.at("right").lost, 20U);
    QCOMPARE(h.source->stats().lost, 20U);
    QCOMPARE(h.source->stats().outOfOrder, 0U);
}

QTEST_GUILESS_MAIN(TstRecordStreams)
#include "tst_recordstreams.moc"
