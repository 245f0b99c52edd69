#include "metrics/exposition.h"
#include "metrics/registry.h"

#include <QtTest>

using namespace fw::metrics;

Q_DECLARE_METATYPE(fw::metrics::ExpositionFormat)

namespace {

QString text(const std::string &s)
{
    return QString::fromStdString(s);
}

// A registry with one of each kind, labels that need escaping included.
void fill(Registry &registry)
{
    registry.counter("fw_samples_total", "Samples received.").inc(1234567);
    Family<Counter> &errors = registry.counterFamily(
        "fw_errors_total", "Errors by \"reason\", with a \\ and a\nnewline.", {"reason"});
    errors.with({"bad \"quote\""}).inc(2);
    errors.with({"back\\slash\nnew line"}).inc();
    registry.gauge("fw_up", "Whether the source is up.").set(1);
    registry.gaugeFamily("fw_value", "Channel values.", {"channel"}).with({"temp"}).set(-0.25);
    Histogram &latency = registry.histogram("fw_latency_seconds", "Latency.", {0.005, 0.1, 1});
    latency.observe(0.003);
    latency.observe(0.05);
    latency.observe(2.5);
}

} // namespace

class TestExposition : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void prometheusTextIsExact();
    void openMetricsIsExact();
    void labelledHistogramsKeepLabelsBeforeLe();
    void numbers_data();
    void numbers();
    void negotiation_data();
    void negotiation();
};

void TestExposition::prometheusTextIsExact()
{
    Registry registry;
    fill(registry);
    const QString expected = QStringLiteral(
        "# HELP fw_errors_total Errors by \"reason\", with a \\\\ and a\\nnewline.\n"
        "# TYPE fw_errors_total counter\n"
        "fw_errors_total{reason=\"back\\\\slash\\nnew line\"} 1\n"
        "fw_errors_total{reason=\"bad \\\"quote\\\"\"} 2\n"
        "# HELP fw_latency_seconds Latency.\n"
        "# TYPE fw_latency_seconds histogram\n"
        "fw_latency_seconds_bucket{le=\"0.005\"} 1\n"
        "fw_latency_seconds_bucket{le=\"0.1\"} 2\n"
        "fw_latency_seconds_bucket{le=\"1\"} 2\n"
        "fw_latency_seconds_bucket{le=\"+Inf\"} 3\n"
        "fw_latency_seconds_sum 2.553\n"
        "fw_latency_seconds_count 3\n"
        "# HELP fw_samples_total Samples received.\n"
        "# TYPE fw_samples_total counter\n"
        "fw_samples_total 1234567\n"
        "# HELP fw_up Whether the source is up.\n"
        "# TYPE fw_up gauge\n"
        "fw_up 1\n"
        "# HELP fw_value Channel values.\n"
        "# TYPE fw_value gauge\n"
        "fw_value{channel=\"temp\"} -0.25\n");
    QCOMPARE(text(render(registry, ExpositionFormat::PrometheusText)), expected);
    QCOMPARE(contentType(ExpositionFormat::PrometheusText),
             std::string_view("text/plain; version=0.0.4; charset=utf-8"));
}

void TestExposition::openMetricsIsExact()
{
    Registry registry;
    fill(registry);
    const QString expected
        = QStringLiteral("# HELP fw_errors Errors by \\\"reason\\\", with a \\\\ and a\\nnewline.\n"
                         "# TYPE fw_errors counter\n"
                         "fw_errors_total{reason=\"back\\\\slash\\nnew line\"} 1\n"
                         "fw_errors_total{reason=\"bad \\\"quote\\\"\"} 2\n"
                         "# HELP fw_latency_seconds Latency.\n"
                         "# TYPE fw_latency_seconds histogram\n"
                         "fw_latency_seconds_bucket{le=\"0.005\"} 1\n"
                         "fw_latency_seconds_bucket{le=\"0.1\"} 2\n"
                         "fw_latency_seconds_bucket{le=\"1.0\"} 2\n"
                         "fw_latency_seconds_bucket{le=\"+Inf\"} 3\n"
                         "fw_latency_seconds_sum 2.553\n"
                         "fw_latency_seconds_count 3\n"
                         "# HELP fw_samples Samples received.\n"
                         "# TYPE fw_samples counter\n"
                         "fw_samples_total 1234567\n"
                         "# HELP fw_up Whether the source is up.\n"
                         "# TYPE fw_up gauge\n"
                         "fw_up 1\n"
                         "# HELP fw_value Channel values.\n"
                         "# TYPE fw_value gauge\n"
                         "fw_value{channel=\"temp\"} -0.25\n"
                         "# EOF\n");
    QCOMPARE(text(render(registry, ExpositionFormat::OpenMetrics)), expected);
    QCOMPARE(contentType(ExpositionFormat::OpenMetrics),
             std::string_view("application/openmetrics-text; version=1.0.0; charset=utf-8"));
}

void TestExposition::labelledHistogramsKeepLabelsBeforeLe()
{
    Registry registry;
    registry.histogramFamily("fw_http_seconds", "Durations.", {0.5}, {"path"})
        .with({"/metrics"})
        .observe(0.25);
    const QString out = text(render(registry, ExpositionFormat::PrometheusText));
    QVERIFY2(
        out.contains(QStringLiteral("fw_http_seconds_bucket{path=\"/metrics\",le=\"0.5\"} 1\n")),
        qPrintable(out));
    QVERIFY(
        out.contains(QStringLiteral("fw_http_seconds_bucket{path=\"/metrics\",le=\"+Inf\"} 1\n")));
    QVERIFY(out.contains(QStringLiteral("fw_http_seconds_sum{path=\"/metrics\"} 0.25\n")));
    QVERIFY(out.contains(QStringLiteral("fw_http_seconds_count{path=\"/metrics\"} 1\n")));
}

void TestExposition::numbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0");
    QTest::newRow("integer") << 42.0 << QStringLiteral("42");
    QTest::newRow("fraction") << 0.1 << QStringLiteral("0.1");
    QTest::newRow("large") << 1e21 << QStringLiteral("1e+21");
    QTest::newRow("negative") << -3.5 << QStringLiteral("-3.5");
    QTest::newRow("+Inf") << std::numeric_limits<double>::infinity() << QStringLiteral("+Inf");
    QTest::newRow("-Inf") << -std::numeric_limits<double>::infinity() << QStringLiteral("-Inf");
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << QStringLiteral("NaN");
}

void TestExposition::numbers()
{
    QFETCH(double, value);
    QFETCH(QString, expected);
    QCOMPARE(text(formatValue(value)), expected);
}

void TestExposition::negotiation_data()
{
    QTest::addColumn<QString>("accept");
    QTest::addColumn<ExpositionFormat>("expected");
    const auto om = ExpositionFormat::OpenMetrics;
    const auto text = ExpositionFormat::PrometheusText;
    QTest::newRow("none") << QString() << text;
    QTest::newRow("anything") << QStringLiteral("*/*") << text;
    QTest::newRow("text") << QStringLiteral("text/plain;version=0.0.4") << text;
    QTest::newRow("openmetrics") << QStringLiteral("application/openmetrics-text") << om;
    QTest::newRow("prometheus server")
        << QStringLiteral("application/openmetrics-text;version=1.0.0,application/"
                          "openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,"
                          "*/*;q=0.1")
        << om;
    QTest::newRow("text preferred")
        << QStringLiteral("application/openmetrics-text; q=0.3, text/plain") << text;
    QTest::newRow("refused with q=0") << QStringLiteral("application/openmetrics-text;q=0") << text;
    QTest::newRow("unknown version")
        << QStringLiteral("application/openmetrics-text; version=9.9.9") << text;
    QTest::newRow("case and spaces")
        << QStringLiteral(" Application/OpenMetrics-Text ; Version=1.0.0 ; Q=0.9 ") << om;
}

void TestExposition::negotiation()
{
    QFETCH(QString, accept);
    QFETCH(ExpositionFormat, expected);
    QCOMPARE(negotiateFormat(accept.toStdString()), expected);
}

QTEST_GUILESS_MAIN(TestExposition)
#include "tst_exposition.moc"
