#include "metrics/exposition.h"
#include "metrics/processmetrics.h"
#include "metrics/registry.h"

#include <QDateTime>
#include <QFile>
#include <QtTest>

using namespace fw::metrics;

class TestProcessMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figuresDescribeThisProcess();
    void theStandardNamesAreExposed();
};

void TestProcessMetrics::figuresDescribeThisProcess()
{
    const std::optional<ProcessFigures> before = readProcessFigures();
    QVERIFY(before.has_value());
    QVERIFY(before->residentBytes > 1e6);
    QVERIFY(before->virtualBytes >= before->residentBytes);
    QVERIFY(before->maxFds >= before->openFds || before->maxFds < 0);
    const double now = double(QDateTime::currentSecsSinceEpoch());
    QVERIFY2(before->startTimeSeconds > now - 600 && before->startTimeSeconds <= now + 1,
             qPrintable(QString::number(before->startTimeSeconds - now)));

    QFile a(QStringLiteral("/proc/self/status"));
    QFile b(QStringLiteral("/proc/self/stat"));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    volatile double spin = 0;
    for (int i = 0; i < 50'000'000; ++i) {
        spin = spin + 1.0;
    }
    const std::optional<ProcessFigures> after = readProcessFigures();
    QVERIFY(after.has_value());
    QCOMPARE(after->openFds, before->openFds + 2);
    QVERIFY(after->cpuSeconds > before->cpuSeconds);
}

void TestProcessMetrics::theStandardNamesAreExposed()
{
    Registry registry;
    registerProcessMetrics(registry);
    const QString out = QString::fromStdString(render(registry, ExpositionFormat::PrometheusText));
    for (const char *name : {"process_cpu_seconds_total", "process_resident_memory_bytes",
                             "process_virtual_memory_bytes", "process_open_fds", "process_max_fds",
                             "process_start_time_seconds"}) {
        QVERIFY2(out.contains(QStringLiteral("\n%1 ").arg(QLatin1String(name))), name);
    }
    QVERIFY(!out.contains(QStringLiteral("process_resident_memory_bytes 0\n")));
}

QTEST_GUILESS_MAIN(TestProcessMetrics)
#include "tst_processmetrics.moc"
