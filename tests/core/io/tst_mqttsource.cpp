#include "io/sink.h"
#include "mosquittobroker.h"
#include "sourceharness.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <numeric>

using namespace fw;
using namespace fw::test;
using namespace Qt::StringLiterals;

// mqtt:// against Debian's mosquitto broker on loopback, published to by the MQTT sink that
// `simulate --to mqtt://` uses.
class TstMqttSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void everyTopicIsAStreamOfItsOwn();
    void aRestartedBrokerIsReconnectedAndTheGapCounted();
    void aTopicLevelNamesTheStreamAndItsLosses();
    void withoutAStreamKeyTheSourceIsOneStream();
    void aShardKeepsItsShareOfTheStreams();
    void anUnreadableCredentialsFileFailsTheSource();
    void stopWhileTheBrokerIsAwayIsPrompt();

private:
    std::unique_ptr<MosquittoBroker> m_broker;
};

namespace {

// Publishes the samples to url, one record a message, as jsonl.
bool publish(const QString &url, const SampleBlock &samples)
{
    QString error;
    Sink::Options options;
    options.datagramBytes = 1; // one record a message
    const std::unique_ptr<Sink> sink = Sink::open(url, options, &error);
    if (!sink) {
        qWarning().noquote() << error;
        return false;
    }
    const std::string wire = encodeStream(WireFormat::Jsonl, benchProfile(), samples, false);
    std::size_t from = 0;
    while (from < wire.size()) {
        const std::size_t end = wire.find('\n', from) + 1;
        if (!sink->write(std::string_view(wire).substr(from, end - from))) {
            return false;
        }
        from = end;
    }
    return sink->flush() && sink->unsent() == 0;
}

// The rows in order of time, then sequence number.
SampleBlock sortedRows(const SampleBlock &block)
{
    std::vector<std::size_t> order(block.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&block](std::size_t a, std::size_t b) {
        return std::pair(block.t(a), block.seq(a)) < std::pair(block.t(b), block.seq(b));
    });
    SampleBlock sorted(block.channelCount());
    for (const std::size_t row : order) {
        sorted.append(block, row);
    }
    return sorted;
}

} // namespace

void TstMqttSource::init()
{
    if (MosquittoBroker::executable().isEmpty()) {
        QSKIP("mosquitto is not installed (packaging/setup.sh installs it)");
    }
    // The sink's writes to a broker stopped under it must fail, not end the test.
    std::signal(SIGPIPE, SIG_IGN);
    m_broker = std::make_unique<MosquittoBroker>();
    QVERIFY2(m_broker->start(), qPrintable(m_broker->error()));
}

void TstMqttSource::cleanup()
{
    m_broker.reset();
}

void TstMqttSource::everyTopicIsAStreamOfItsOwn()
{
    Harness h(m_broker->url(u"bench/+"_s), benchProfile());
    QVERIFY(m_broker->waitForSubscriptions(1));
    // Each bench numbers its samples from 0: merged into one stream, the second would be all
    // duplicates or a sequence reset.
    const SampleBlock first = makeSamples(range(0, 20));
    const SampleBlock second = makeSamples(range(0, 10));
    QVERIFY(publish(m_broker->url(u"bench/1"_s), first));
    QVERIFY(publish(m_broker->url(u"bench/2"_s), second));
    QVERIFY(publish(m_broker->url(u"elsewhere/3"_s), second)); // not subscribed to
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 30u, kTimeoutMs);
    // The broker keeps each publisher's order, not the order between two publishers.
    SampleBlock expected = first;
    for (std::size_t row = 0; row < second.size(); ++row) {
        expected.append(second, row);
    }
    QVERIFY(verifySame(sortedRows(h.received), sortedRows(expected)));
    QTest::qWait(200);
    QCOMPARE(h.received.size(), 30u);
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.lost, 0u);
    QCOMPARE(stats.duplicates, 0u);
    QCOMPARE(stats.sequenceResets, 0u);
    QCOMPARE(stats.decodeErrors.total(), 0u);
    QCOMPARE(h.source->state(), SourceState::Live);
}

void TstMqttSource::aRestartedBrokerIsReconnectedAndTheGapCounted()
{
    const quint16 port = m_broker->port();
    Harness h(m_broker->url(u"bench/#"_s), benchProfile());
    QVERIFY(m_broker->waitForSubscriptions(1));
    QVERIFY(publish(m_broker->url(u"bench/7"_s), makeSamples(range(0, 10))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 10u, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Live, kTimeoutMs);

    m_broker->stop();
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Connecting, kTimeoutMs);
    QTest::qWait(300); // a few refused attempts
    QCOMPARE(h.source->stats().reconnects, 0u);
    QVERIFY2(m_broker->start(port), qPrintable(m_broker->error()));
    // The subscription is made again on the new connection.
    QVERIFY2(m_broker->waitForSubscriptions(1, 10000), m_broker->log().constData());
    // 10 to 14 were sent while the broker was away: a loss of 5 on that topic.
    QVERIFY(publish(m_broker->url(u"bench/7"_s), makeSamples(range(15, 20))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 15u, kTimeoutMs);
    const SourceStats stats = h.source->stats();
    QCOMPARE(stats.reconnects, 1u);
    QCOMPARE(stats.lost, 5u);
    const std::vector<SourceState> states{SourceState::Connecting, SourceState::Live,
                                          SourceState::Connecting, SourceState::Live};
    QCOMPARE(h.stateHistory(), states);
}

void TstMqttSource::anUnreadableCredentialsFileFailsTheSource()
{
    Harness h(m_broker->url(u"bench/+?credentials=/nonexistent/faultwatch.credentials"_s),
              benchProfile());
    QTRY_COMPARE_WITH_TIMEOUT(h.failures->size(), 1, kTimeoutMs);
    const QString message = h.failures->first().first().toString();
    QVERIFY2(message.contains(u"/nonexistent/faultwatch.credentials"_s), qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(h.source->state(), SourceState::Disconnected, kTimeoutMs);
}

void TstMqttSource::stopWhileTheBrokerIsAwayIsPrompt()
{
    const QString url = m_broker->url(u"bench/+"_s);
    m_broker->stop();
    Harness h(url, benchProfile());
    QTest::qWait(1700); // backing off: 100, 200, 400, 800 ms
    QCOMPARE(h.source->state(), SourceState::Connecting);
    QVERIFY(h.failures->isEmpty());
    QElapsedTimer stopping;
    stopping.start();
    h.source->stop();
    QVERIFY2(stopping.elapsed() < 500, qPrintable(QString::number(stopping.elapsed())));
    QCOMPARE(h.source->state(), SourceState::Disconnected);
}

void TstMqttSource::aTopicLevelNamesTheStreamAndItsLosses()
{
    Harness h(m_broker->url(u"fleet/+/+?stream=topic:2"_s), benchProfile());
    QVERIFY(m_broker->waitForSubscriptions(1));
    // Vehicle v1 publishes on two topics (each numbered on its own, so each keeps its own
    // sequence accounting) and loses 3 samples on one; v2 publishes on one.
    std::vector<std::int64_t> bms = range(0, 5);
    for (const std::int64_t seq : range(8, 10)) {
        bms.push_back(seq);
    }
    QVERIFY(publish(m_broker->url(u"fleet/v1/bms"_s), makeSamples(bms)));
    QVERIFY(publish(m_broker->url(u"fleet/v1/motor"_s), makeSamples(range(0, 5))));
    QVERIFY(publish(m_broker->url(u"fleet/v2/bms"_s), makeSamples(range(0, 6))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 18u, kTimeoutMs);

    const std::shared_ptr<StreamTable> streams = h.source->counters()->streams;
    QCOMPARE(streams->size(), 2u);
    const std::uint32_t v1 = streams->idOf("v1");
    const std::uint32_t v2 = streams->idOf("v2");
    QCOMPARE(streams->size(), 2u); // both were there already
    QCOMPARE(streams->entry(v1)->samples.load(), 12u);
    QCOMPARE(streams->entry(v1)->lost.load(), 3u);
    QCOMPARE(streams->entry(v2)->samples.load(), 6u);
    QCOMPARE(streams->entry(v2)->lost.load(), 0u);
    QCOMPARE(h.source->stats().lost, 3u);
    std::size_t ofV1 = 0;
    for (std::size_t row = 0; row < h.received.size(); ++row) {
        const std::uint32_t id = h.received.stream(row);
        QVERIFY(id == v1 || id == v2);
        ofV1 += id == v1 ? 1 : 0;
    }
    QCOMPARE(ofV1, 12u);
}

void TstMqttSource::withoutAStreamKeyTheSourceIsOneStream()
{
    Harness h(m_broker->url(u"fleet/+/+?stream=none"_s), benchProfile());
    QVERIFY(m_broker->waitForSubscriptions(1));
    QVERIFY(publish(m_broker->url(u"fleet/v1/bms"_s), makeSamples(range(0, 4))));
    QVERIFY(publish(m_broker->url(u"fleet/v2/bms"_s), makeSamples(range(0, 3))));
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 7u, kTimeoutMs);
    QVERIFY(!h.received.hasStreams());
    QCOMPARE(h.source->counters()->streams->size(), 0u);
    // Still one sequence accounting per topic: the second bench's numbers are not duplicates.
    QCOMPARE(h.source->stats().duplicates, 0u);
}

// Of v1 to v6, shard 1 of 2 keeps v1, v3 and v5 (by their FNV-1a hash); the others' messages
// are passed over and counted, on the first message of a topic and on the later ones.
void TstMqttSource::aShardKeepsItsShareOfTheStreams()
{
    Harness h(m_broker->url(u"fleet/+/bms?stream=topic:2&shard=1/2"_s), benchProfile());
    QVERIFY(m_broker->waitForSubscriptions(1));
    for (int round = 0; round < 2; ++round) {
        for (const char *vehicle : {"v1", "v2", "v3", "v4", "v5", "v6"}) {
            const QString topic = u"fleet/%1/bms"_s.arg(QLatin1String(vehicle));
            QVERIFY(publish(m_broker->url(topic), makeSamples(range(round * 2, round * 2 + 2))));
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(h.received.size(), 12u, kTimeoutMs);
    const std::shared_ptr<StreamTable> streams = h.source->counters()->streams;
    QTRY_COMPARE_WITH_TIMEOUT(streams->otherShardMessages(), 12u, kTimeoutMs); // a record a message
    QCOMPARE(streams->shard(), 1);
    QCOMPARE(streams->shards(), 2);
    QStringList kept;
    for (const StreamTable::Entry *entry : streams->entries()) {
        kept << QString::fromStdString(entry->key);
        QCOMPARE(entry->samples.load(), 4u);
        QCOMPARE(entry->lost.load(), 0u);
    }
    kept.sort();
    QCOMPARE(kept, (QStringList{u"v1"_s, u"v3"_s, u"v5"_s}));
    QTest::qWait(200);
    QCOMPARE(h.received.size(), 12u);
    QCOMPARE(h.source->stats().lost, 0u);
}

QTEST_GUILESS_MAIN(TstMqttSource)
#include "tst_mqttsource.moc"
