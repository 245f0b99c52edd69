#include "telemetry/sampleblock.h"
#include "telemetry/streamtable.h"

#include <QtTest>

#include <array>
#include <string>
#include <thread>

using namespace fw;

class TestStreamTable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void idsAreDenseFromOneAndStable();
    void aFullTableRefusesNewKeysOnly();
    void entriesReadFromAnotherThreadStayPut();
    void streamKeysParseAndPrint_data();
    void streamKeysParseAndPrint();
    void aBadStreamKeyIsRefusedWithItsReason();
    void aTopicLevelNamesTheStream_data();
    void aTopicLevelNamesTheStream();
    void blocksCarryStreamIdsOnlyWhenGiven();
    void shardsSplitKeysByTheirFnvHash();
    void aBadShardIsRefusedWithItsReason();
};

void TestStreamTable::idsAreDenseFromOneAndStable()
{
    StreamTable table;
    QCOMPARE(table.size(), 0u);
    QCOMPARE(table.entry(StreamTable::kNone), nullptr);
    QCOMPARE(table.idOf("v1"), 1u);
    QCOMPARE(table.idOf("v2"), 2u);
    QCOMPARE(table.idOf("v1"), 1u);
    QCOMPARE(table.idOf(""), 3u); // a topic without the level is a stream too, named ""
    QCOMPARE(table.size(), 3u);
    QCOMPARE(table.entry(2)->key, std::string("v2"));
    QCOMPARE(table.entry(4), nullptr);
    const std::vector<StreamTable::Entry *> all = table.entries();
    QCOMPARE(all.size(), 3u);
    QCOMPARE(all[0], table.entry(1));
    QCOMPARE(all[2]->key, std::string());
}

void TestStreamTable::aFullTableRefusesNewKeysOnly()
{
    StreamTable table(2);
    QCOMPARE(table.idOf("a"), 1u);
    QCOMPARE(table.idOf("b"), 2u);
    QCOMPARE(table.idOf("c"), StreamTable::kFull);
    QCOMPARE(table.idOf("a"), 1u);
    QCOMPARE(table.size(), 2u);
    table.refuse(7);
    table.refuse(3);
    QCOMPARE(table.refusedSamples(), 10u);
}

void TestStreamTable::entriesReadFromAnotherThreadStayPut()
{
    // The source thread adds streams while a scrape walks them: an entry's address never moves.
    StreamTable table;
    StreamTable::Entry *first = table.entry(table.idOf("first"));
    std::thread writer([&table] {
        for (int i = 0; i < 20000; ++i) {
            table.entry(table.idOf("v" + std::to_string(i)))->samples.fetch_add(1);
        }
    });
    std::size_t seen = 0;
    while (seen < 20001) {
        const std::vector<StreamTable::Entry *> all = table.entries();
        QCOMPARE(all.front(), first);
        for (const StreamTable::Entry *entry : all) {
            QVERIFY(!entry->key.empty());
        }
        seen = all.size();
    }
    writer.join();
    QCOMPARE(table.entry(table.idOf("v19999"))->samples.load(), 1u);
}

void TestStreamTable::streamKeysParseAndPrint_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("level");
    QTest::newRow("none") << "none" << int(StreamKey::Kind::None) << 0;
    QTest::newRow("topic") << "topic" << int(StreamKey::Kind::Topic) << 0;
    QTest::newRow("level 2") << "topic:2" << int(StreamKey::Kind::Topic) << 2;
}

void TestStreamTable::streamKeysParseAndPrint()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(int, level);
    StreamKey key;
    std::string error;
    QVERIFY(StreamKey::parse(text.toStdString(), &key, &error));
    QCOMPARE(int(key.kind), kind);
    QCOMPARE(key.level, level);
    QCOMPARE(QString::fromStdString(key.toString()), text);
}

void TestStreamTable::aBadStreamKeyIsRefusedWithItsReason()
{
    for (const char *bad : {"", "topics", "topic:", "topic:0", "topic:-1", "topic:2x", "field"}) {
        StreamKey key{StreamKey::Kind::Topic, 3};
        std::string error;
        QVERIFY2(!StreamKey::parse(bad, &key, &error), bad);
        QVERIFY2(error.find("not a stream key") != std::string::npos, error.c_str());
        QCOMPARE(key.level, 3); // untouched
    }
}

void TestStreamTable::aTopicLevelNamesTheStream_data()
{
    QTest::addColumn<int>("level");
    QTest::addColumn<QString>("topic");
    QTest::addColumn<QString>("key");
    QTest::newRow("whole") << 0 << "fleet/v17/bms"
                           << "fleet/v17/bms";
    QTest::newRow("first") << 1 << "fleet/v17/bms"
                           << "fleet";
    QTest::newRow("middle") << 2 << "fleet/v17/bms"
                            << "v17";
    QTest::newRow("last") << 3 << "fleet/v17/bms"
                          << "bms";
    QTest::newRow("missing") << 4 << "fleet/v17/bms"
                             << "";
    QTest::newRow("empty level") << 2 << "fleet//bms"
                                 << "";
    QTest::newRow("one level") << 1 << "v17"
                               << "v17";
}

void TestStreamTable::aTopicLevelNamesTheStream()
{
    QFETCH(int, level);
    QFETCH(QString, topic);
    QFETCH(QString, key);
    const StreamKey streamKey{StreamKey::Kind::Topic, level};
    const std::string text = topic.toStdString();
    QCOMPARE(QString::fromStdString(std::string(streamKey.ofTopic(text))), key);
    QVERIFY(StreamKey{}.ofTopic(text).empty());
}

void TestStreamTable::blocksCarryStreamIdsOnlyWhenGiven()
{
    SampleBlock block(2);
    const std::array<double, 2> row{1, 2};
    block.append(1, 1, row);
    block.setStream(0, 0); // stream 0 stores nothing
    QVERIFY(!block.hasStreams());
    block.append(2, 2, row);
    block.setStream(1, 5);
    QVERIFY(block.hasStreams());
    QCOMPARE(block.stream(0), 0u);
    QCOMPARE(block.stream(1), 5u);
    block.append(3, 3, row); // a row appended later is stream 0 until said otherwise
    QCOMPARE(block.stream(2), 0u);

    SampleBlock copy(2);
    copy.append(block, 1);
    copy.append(block, 0);
    QCOMPARE(copy.stream(0), 5u);
    QCOMPARE(copy.stream(1), 0u);

    block.truncate(2);
    QCOMPARE(block.size(), 2u);
    QCOMPARE(block.values().size(), 4u);
    QCOMPARE(block.stream(1), 5u);
    block.clear();
    QVERIFY(!block.hasStreams());
}

// The published FNV-1a test vectors, so that a script elsewhere can place a vehicle.
void TestStreamTable::shardsSplitKeysByTheirFnvHash()
{
    QCOMPARE(StreamKey::shardOf("a", 1000), int(0xaf63dc4c8601ec8cULL % 1000) + 1);
    QCOMPARE(StreamKey::shardOf("foobar", 7), int(0x85944171f73967e8ULL % 7) + 1);
    QCOMPARE(StreamKey::shardOf("anything", 1), 1);

    StreamKey first{StreamKey::Kind::Topic, 2};
    StreamKey second = first;
    std::string error;
    QVERIFY(first.parseShard("1/2", &error));
    QVERIFY(second.parseShard("2/2", &error));
    int firsts = 0;
    for (int i = 1; i <= 1000; ++i) {
        const std::string key = "v" + std::to_string(10000 + i).substr(1);
        QVERIFY2(first.owns(key) != second.owns(key), key.c_str());
        firsts += first.owns(key) ? 1 : 0;
    }
    QCOMPARE(firsts, 501);                 // and 499 for the other: an even split
    QVERIFY(StreamKey{}.owns("whatever")); // unsharded: every stream
}

void TestStreamTable::aBadShardIsRefusedWithItsReason()
{
    for (const char *text :
         {"", "1", "0/2", "3/2", "1/0", "1/4097", "a/b", "1/2/3", "-1/2", "1/ 2"}) {
        StreamKey key;
        std::string error;
        QVERIFY2(!key.parseShard(text, &error), text);
        QVERIFY2(error.find("shard: expected K/N") == 0, error.c_str());
        QCOMPARE(key.shards, 1);
    }
    StreamKey key;
    std::string error;
    QVERIFY(key.parseShard("4096/4096", &error));
    QCOMPARE(key.shard, 4096);
}

QTEST_GUILESS_MAIN(TestStreamTable)
#include "tst_streamtable.moc"
