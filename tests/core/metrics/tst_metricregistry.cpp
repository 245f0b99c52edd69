#include "metrics/registry.h"

#include <QtTest>

#include <stdexcept>
#include <thread>

using namespace fw::metrics;

class TestMetricRegistry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countersOnlyGoUp();
    void histogramBucketsAreCumulativeAndEndInTheCount();
    void childrenAreMadeOncePerLabelSet();
    void badRegistrationsAreRefused_data();
    void badRegistrationsAreRefused();
    void updatesFromManyThreadsAreAllCounted();
};

void TestMetricRegistry::countersOnlyGoUp()
{
    Registry registry;
    Counter &c = registry.counter("fw_things_total", "Things.");
    c.inc();
    c.inc(2.5);
    c.inc(-4);
    c.inc(std::numeric_limits<double>::quiet_NaN());
    QCOMPARE(c.value(), 3.5);
    c.mirror(10);
    c.mirror(7); // a smaller total never takes a counter down
    QCOMPARE(c.value(), 10.0);
}

void TestMetricRegistry::histogramBucketsAreCumulativeAndEndInTheCount()
{
    Registry registry;
    Histogram &h = registry.histogram("fw_latency_seconds", "Latency.", {0.001, 0.01, 0.1});
    for (const double v : {0.0005, 0.001, 0.002, 0.05, 0.5, 7.0}) {
        h.observe(v);
    }
    h.observe(std::numeric_limits<double>::quiet_NaN());
    const Histogram::Snapshot s = h.snapshot();
    QCOMPARE(s.cumulative, (std::vector<std::uint64_t>{2, 3, 4, 6})); // 0.001 counts as <= 0.001
    QCOMPARE(s.count, std::uint64_t(6));
    QCOMPARE(s.sum, 0.0005 + 0.001 + 0.002 + 0.05 + 0.5 + 7.0);
}

void TestMetricRegistry::childrenAreMadeOncePerLabelSet()
{
    Registry registry;
    Family<Counter> &errors
        = registry.counterFamily("fw_decode_errors_total", "Errors.", {"format", "reason"});
    Counter &a = errors.with({"ccsds", "crc"});
    a.inc();
    QCOMPARE(&errors.with({"ccsds", "crc"}), &a);
    errors.with({"ccsds", "length"}).inc(3);
    std::vector<std::vector<std::string>> seen;
    errors.forEach(
        [&](const std::vector<std::string> &labels, const Counter &) { seen.push_back(labels); });
    QCOMPARE(seen.size(), std::size_t(2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, errors.with({"ccsds"}));
    errors.remove({"ccsds", "crc"});
    seen.clear();
    errors.forEach(
        [&](const std::vector<std::string> &labels, const Counter &) { seen.push_back(labels); });
    QCOMPARE(seen, (std::vector<std::vector<std::string>>{{"ccsds", "length"}}));
}

void TestMetricRegistry::badRegistrationsAreRefused_data()
{
    QTest::addColumn<int>("kind"); // 0 counter, 1 gauge, 2 histogram
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("counter without _total") << 0 << QStringLiteral("fw_samples") << QStringList();
    QTest::newRow("gauge with _total") << 1 << QStringLiteral("fw_up_total") << QStringList();
    QTest::newRow("name starts with a digit") << 1 << QStringLiteral("1fw") << QStringList();
    QTest::newRow("name with a dash") << 1 << QStringLiteral("fw-up") << QStringList();
    QTest::newRow("empty name") << 1 << QString() << QStringList();
    QTest::newRow("reserved label")
        << 1 << QStringLiteral("fw_up") << QStringList{QStringLiteral("__x")};
    QTest::newRow("label with a dot")
        << 1 << QStringLiteral("fw_up") << QStringList{QStringLiteral("a.b")};
    QTest::newRow("label twice") << 1 << QStringLiteral("fw_up")
                                 << QStringList{QStringLiteral("a"), QStringLiteral("a")};
    QTest::newRow("histogram with le")
        << 2 << QStringLiteral("fw_s") << QStringList{QStringLiteral("le")};
    QTest::newRow("registered twice") << 1 << QStringLiteral("fw_taken") << QStringList();
}

void TestMetricRegistry::badRegistrationsAreRefused()
{
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QStringList, labels);
    Registry registry;
    registry.gauge("fw_taken", "Taken.");
    std::vector<std::string> labelNames;
    for (const QString &label : labels) {
        labelNames.push_back(label.toStdString());
    }
    const std::string n = name.toStdString();
    if (kind == 0) {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 registry.counterFamily(n, "Help.", labelNames));
    } else if (kind == 1) {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 registry.gaugeFamily(n, "Help.", labelNames));
    } else {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 registry.histogramFamily(n, "Help.", {1.0}, labelNames));
    }
}

void TestMetricRegistry::updatesFromManyThreadsAreAllCounted()
{
    Registry registry;
    Counter &c = registry.counter("fw_events_total", "Events.");
    Histogram &h = registry.histogram("fw_size_bytes", "Sizes.", {10, 100});
    constexpr int kThreads = 4;
    constexpr int kEach = 100000;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&c, &h, t] {
            for (int i = 0; i < kEach; ++i) {
                c.inc();
                h.observe(double((i + t) % 200));
            }
        });
    }
    for (std::thread &t : threads) {
        t.join();
    }
    QCOMPARE(c.value(), double(kThreads * kEach));
    QCOMPARE(h.snapshot().count, std::uint64_t(kThreads * kEach));
}

QTEST_GUILESS_MAIN(TestMetricRegistry)
#include "tst_metricregistry.moc"
