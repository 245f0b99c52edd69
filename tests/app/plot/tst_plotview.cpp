#include "plot/plotview.h"
#include "plot/samplehistory.h"
#include "plottestutil.h"

#include <QElapsedTimer>
#include <QImage>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <cmath>

using fw::PlotColors;
using fw::PlotRenderer;
using fw::PlotView;
using fw::SampleHistory;
using fw::detect::Severity;
using fw::plottest::makeBlock;
using fw::plottest::makeResults;

namespace {

constexpr double kStart = 1.7e9;

fw::Profile twoChannels()
{
    fw::Profile profile;
    profile.name = QStringLiteral("test");
    fw::Channel temperature;
    temperature.id = QStringLiteral("temperature");
    temperature.label = QStringLiteral("Temperature");
    temperature.unit = QStringLiteral("°C");
    temperature.warn = fw::Range{15, 24};
    temperature.alarm = fw::Range{10, 26};
    fw::Channel voltage;
    voltage.id = QStringLiteral("voltage");
    voltage.label = QStringLiteral("Voltage");
    voltage.unit = QStringLiteral("V");
    profile.channels = {temperature, voltage};
    return profile;
}

double wave(std::size_t row, int channel)
{
    return channel == 0 ? 20 + 5 * std::sin(double(row) * 0.002) : double(row % 1000) * 0.01;
}

QRect stripRect(const PlotView &view, int channels, int index)
{
    const QRect area = PlotRenderer::plotArea(view.rect(), view.fontMetrics());
    const int height = (area.height() - (channels - 1) * PlotRenderer::kStripGap) / channels;
    return {area.left(), area.top() + index * (height + PlotRenderer::kStripGap), area.width(),
            height};
}

int countPixels(const QImage &image, const QRect &rect, const QColor &color)
{
    int count = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            count += image.pixelColor(x, y).rgb() == color.rgb() ? 1 : 0;
        }
    }
    return count;
}

// Live, the right edge is the newest sample rounded up to a whole pixel column.
bool endsAtTheNewestSample(const PlotView &view, const SampleHistory &history)
{
    const auto [t0, t1] = view.visibleRange();
    const double column
        = (t1 - t0) / PlotRenderer::plotArea(view.rect(), view.fontMetrics()).width();
    return t1 >= history.newestTime() && t1 - history.newestTime() < column;
}

void sendWheel(PlotView &view, QPointF at, int notches)
{
    QWheelEvent event(at, view.mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &event);
}

void sendDrag(PlotView &view, QPointF from, QPointF to)
{
    QMouseEvent press(QEvent::MouseButtonPress, from, view.mapToGlobal(from), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&view, &press);
    QMouseEvent move(QEvent::MouseMove, to, view.mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QApplication::sendEvent(&view, &move);
    QMouseEvent release(QEvent::MouseButtonRelease, to, view.mapToGlobal(to), Qt::LeftButton,
                        Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(&view, &release);
}

} // namespace

class TestPlotView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void paintsEachChannelsTraceInItsOwnStrip();
    void anEmptyHistoryPaintsNoTrace();
    void aOneSampleSpikeAmongAMillionReachesTheTop();
    void anomalySpansAreShadedBehindTheTrace();
    void pauseFreezesTheVisibleRangeWhileHistoryGrows();
    void wheelZoomsAboutTheCursorOnlyWhilePaused();
    void dragPansOnlyWhilePaused();
    void resumeCatchesUpToTheNewestSample();
    void timeWindowIsClamped_data();
    void timeWindowIsClamped();
    void refreshRepaintsOnlyWhenSomethingChanged();
    void followsTheWidgetPalette_data();
    void followsTheWidgetPalette();
    void fourMillionPointsInViewDrawAtMostTwoSegmentsPerColumn();
    void eachStripShowsItsNewestValueWithItsUnit();
    void theTrackerReadsEveryChannelAtTheCursor();
    void valueLabelsOfNeighbouringStripsDoNotOverlap();
    void anAlarmShadesTheChannelItWasRaisedOnThroughout();
};

void TestPlotView::paintsEachChannelsTraceInItsOwnStrip()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 6000, wave));
    PlotView view;
    view.resize(800, 500);
    view.setProfile(twoChannels());
    view.setHistory(&history);
    const QImage image = view.grab().toImage();
    const PlotColors colors = PlotColors::from(view.palette());
    const QRect first = stripRect(view, 2, 0);
    const QRect second = stripRect(view, 2, 1);
    // A continuous trace has at least one pixel in every column of its strip.
    QVERIFY(countPixels(image, first, colors.traces[0]) >= first.width() - 2);
    QVERIFY(countPixels(image, second, colors.traces[1]) >= second.width() - 2);
    QCOMPARE(countPixels(image, second, colors.traces[0]), 0);
    QCOMPARE(countPixels(image, first, colors.traces[1]), 0);
    QVERIFY(view.lastSegmentCount() <= 2 * 2 * std::size_t(first.width()));
}

void TestPlotView::eachStripShowsItsNewestValueWithItsUnit()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 6000, wave));
    PlotView view;
    view.resize(800, 500);
    view.setProfile(twoChannels());
    view.setHistory(&history);
    (void)view.grab();
    const std::int64_t newest = history.endIndex() - 1;
    QCOMPARE(
        view.currentValueLabels(),
        QStringList(
            {QStringLiteral("%1 °C").arg(QLocale().toString(history.value(newest, 0), 'g', 5)),
             QStringLiteral("%1 V").arg(QLocale().toString(history.value(newest, 1), 'g', 5))}));
}

void TestPlotView::theTrackerReadsEveryChannelAtTheCursor()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 6000, wave));
    PlotView view;
    view.resize(800, 500);
    view.setProfile(twoChannels());
    view.setHistory(&history);
    view.setPaused(true);
    (void)view.grab();
    QVERIFY(view.trackerLabels().isEmpty());
    // The mouse over the middle of the plots puts the tracker there.
    const QRect strip = stripRect(view, 2, 0);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTest::mouseMove(&view, QPoint(strip.center().x(), strip.center().y()));
    QTRY_VERIFY(!std::isnan(view.trackerTime()));
    const auto [t0, t1] = view.visibleRange();
    QVERIFY(std::abs(view.trackerTime() - (t0 + t1) / 2) < 0.01 * (t1 - t0));
    // Each channel's value at the sample under it, with the unit.
    view.setTrackerTime(kStart + 40.005);
    (void)view.grab();
    const std::int64_t index = history.indexAtOrBefore(kStart + 40.005);
    QCOMPARE(index, history.firstIndex() + 4000);
    QCOMPARE(
        view.trackerLabels(),
        QStringList(
            {QStringLiteral("%1 °C").arg(QLocale().toString(history.value(index, 0), 'g', 5)),
             QStringLiteral("%1 V").arg(QLocale().toString(history.value(index, 1), 'g', 5))}));
    // Leaving the plots takes it away.
    QEvent leave(QEvent::Leave);
    QApplication::sendEvent(&view, &leave);
    QVERIFY(std::isnan(view.trackerTime()));
}

void TestPlotView::valueLabelsOfNeighbouringStripsDoNotOverlap()
{
    // Eight short strips of many ranges, at several heights, so that some ticks fall near the
    // strips' edges: their labels used to run into the next strip's.
    SampleHistory history(8);
    history.appendSamples(*makeBlock(8, kStart, 0.01, 3000, [](std::size_t row, int channel) {
        return 0.37 * channel + std::sin(double(row) * 0.01 + channel) * (1.0 + 0.73 * channel);
    }));
    PlotView view;
    view.setHistory(&history);
    std::size_t checked = 0;
    for (int height = 8 * PlotView::kMinStripHeight; height < 8 * PlotView::kMinStripHeight + 240;
         height += 7) {
        view.resize(700, height);
        (void)view.grab();
        const std::vector<QRectF> &labels = view.valueLabelRects();
        QVERIFY(labels.size() >= 8);
        checked += labels.size();
        for (std::size_t a = 0; a < labels.size(); ++a) {
            for (std::size_t b = a + 1; b < labels.size(); ++b) {
                QVERIFY2(!labels[a].intersects(labels[b]),
                         qPrintable(QStringLiteral("at %1 px, labels %2 and %3 overlap")
                                        .arg(height)
                                        .arg(a)
                                        .arg(b)));
            }
        }
    }
    QVERIFY(checked > 0);
}

void TestPlotView::anAlarmShadesTheChannelItWasRaisedOnThroughout()
{
    // Raised on the second channel; halfway through the first channel takes the larger share
    // of a few rows, and some rows attribute nothing. The alarm names the second channel from
    // its raise to its clear (as the alarm book does): only its strip is shaded, without gaps.
    SampleHistory history(2);
    const fw::SampleBlockPtr block = makeBlock(2, kStart, 0.01, 6000, wave);
    history.appendSamples(*block);
    std::vector<Severity> severities(6000, Severity::None);
    std::fill(severities.begin() + 2400, severities.begin() + 3600, Severity::Warning);
    fw::ResultBlock results = makeResults(block, severities, 1);
    for (std::size_t row = 3000; row < 3050; ++row) {
        results.results.attribution[row * 2] = 0.8;
        results.results.attribution[row * 2 + 1] = 0.2;
    }
    for (std::size_t row = 3100; row < 3150; ++row) {
        results.results.attribution[row * 2 + 1] = 0.0;
    }
    history.appendResults(results);
    for (std::int64_t i = 2400; i < 3600; ++i) {
        QCOMPARE(history.columns(1, kStart + double(i) * 0.01, kStart + double(i + 1) * 0.01, 1)
                     .at(0)
                     .blame,
                 std::uint8_t(Severity::Warning));
        QCOMPARE(history.columns(0, kStart + double(i) * 0.01, kStart + double(i + 1) * 0.01, 1)
                     .at(0)
                     .blame,
                 std::uint8_t(0));
    }
}

void TestPlotView::anEmptyHistoryPaintsNoTrace()
{
    SampleHistory history(2);
    PlotView view;
    view.resize(800, 500);
    view.setProfile(twoChannels());
    view.setHistory(&history);
    const QImage image = view.grab().toImage();
    const PlotColors colors = PlotColors::from(view.palette());
    QCOMPARE(countPixels(image, stripRect(view, 2, 0), colors.traces[0]), 0);
    QCOMPARE(view.lastSegmentCount(), 0u);
}

void TestPlotView::aOneSampleSpikeAmongAMillionReachesTheTop()
{
    SampleHistory history(1);
    history.appendSamples(*makeBlock(1, kStart, 0.001, 1000000, [](std::size_t row, int) {
        return row == 500123 ? 100.0 : std::sin(double(row) * 0.001);
    }));
    PlotView view;
    view.resize(900, 400);
    view.setTimeWindow(PlotView::kMaxWindowS); // all 1000 s in view
    view.setHistory(&history);
    const QImage image = view.grab().toImage();
    const QRect strip = stripRect(view, 1, 0);
    const QColor trace = PlotColors::from(view.palette()).traces[0];
    // The spike is 50 times the baseline: only it reaches the top tenth of the strip.
    const QRect top(strip.left(), strip.top(), strip.width(), strip.height() / 10);
    QVERIFY(countPixels(image, top, trace) > 0);
    QVERIFY(view.lastSegmentCount() <= 2 * std::size_t(strip.width()));
}

void TestPlotView::anomalySpansAreShadedBehindTheTrace()
{
    SampleHistory history;
    const fw::SampleBlockPtr block = makeBlock(2, kStart, 0.01, 6000, wave);
    history.appendSamples(*block);
    PlotView view;
    view.resize(800, 500);
    view.setProfile(twoChannels());
    view.setHistory(&history);
    const QImage before = view.grab().toImage();

    // An alarm that names the second channel only.
    std::vector<Severity> severities(6000, Severity::None);
    std::fill(severities.begin() + 2400, severities.begin() + 3600, Severity::Critical);
    history.appendResults(makeResults(block, severities, 1));
    const QImage after = view.grab().toImage();

    const QRect strip = stripRect(view, 2, 1);
    const int inside = strip.left() + strip.width() * 9 / 20; // clear of the ramp's drop at 30 s
    const int outside = strip.left() + strip.width() / 8;
    const int y = strip.bottom() - 2; // below the voltage ramp's lowest point
    QVERIFY(after.pixelColor(inside, y) != before.pixelColor(inside, y));
    QCOMPARE(after.pixelColor(outside, y), before.pixelColor(outside, y));
    // The shade is opaque, composed over the strip beforehand, so it fills without a blend.
    const PlotColors colors = PlotColors::from(view.palette());
    const QColor shade = colors.severityShade[int(Severity::Critical)];
    QCOMPARE(shade.alpha(), 255);
    QCOMPARE(after.pixelColor(inside, y).rgb(), shade.rgb());
    // A band of the severity's colour tops the span, with a marker at its onset.
    QCOMPARE(after.pixelColor(inside, strip.top() + 1).rgb(),
             colors.severityBar[int(Severity::Critical)].rgb());
    const int onset = strip.left() + int(strip.width() * 0.4);
    QVERIFY(countPixels(after, QRect(onset - 3, strip.top() + 5, 7, 4),
                        colors.severityBar[int(Severity::Critical)])
            > 0);
    // The strip of the channel the alarm does not name stays as it was: before, every strip
    // was shaded, which put the fault on every channel.
    const QRect other = stripRect(view, 2, 0);
    for (int x = other.left() + 1; x < other.right(); x += 7) {
        QCOMPARE(after.pixelColor(x, other.bottom() - 2), before.pixelColor(x, other.bottom() - 2));
        QCOMPARE(after.pixelColor(x, other.top() + 1), before.pixelColor(x, other.top() + 1));
    }
    // The severity bar under the strips marks the span too.
    const int barY = strip.bottom() + PlotRenderer::kStripGap + 3;
    QVERIFY(after.pixelColor(inside, barY) != before.pixelColor(inside, barY));
}

void TestPlotView::pauseFreezesTheVisibleRangeWhileHistoryGrows()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 3000, wave));
    PlotView view;
    view.setHistory(&history);
    QSignalSpy paused(&view, &PlotView::pausedChanged);
    QVERIFY(endsAtTheNewestSample(view, history));

    view.setPaused(true);
    QVERIFY(view.isPaused());
    QCOMPARE(paused.count(), 1);
    const auto frozen = view.visibleRange();
    history.appendSamples(*makeBlock(2, kStart + 30, 0.01, 3000, wave));
    view.refresh();
    QCOMPARE(view.visibleRange(), frozen);
    QVERIFY(history.newestTime() > frozen.second);
}

void TestPlotView::wheelZoomsAboutTheCursorOnlyWhilePaused()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 12000, wave));
    PlotView view;
    view.resize(800, 400);
    view.setHistory(&history);
    const QRect area = PlotRenderer::plotArea(view.rect(), view.fontMetrics());
    const QPointF cursor(area.left() + area.width() * 0.25, area.center().y());

    const auto live = view.visibleRange();
    sendWheel(view, cursor, 2);
    QCOMPARE(view.visibleRange(), live);

    view.setPaused(true);
    QSignalSpy moved(&view, &PlotView::visibleRangeChanged);
    const auto [t0, t1] = view.visibleRange();
    const double anchor = t0 + 0.25 * (t1 - t0);
    sendWheel(view, cursor, 2);
    const auto [z0, z1] = view.visibleRange();
    QCOMPARE(moved.count(), 1);
    QVERIFY(std::abs((z1 - z0) - (t1 - t0) * std::pow(PlotView::kWheelZoomStep, 2)) < 1e-5);
    QVERIFY(std::abs((z0 + 0.25 * (z1 - z0)) - anchor) < 1e-5);
    sendWheel(view, cursor, -2);
    QVERIFY(std::abs((view.visibleRange().second - view.visibleRange().first) - (t1 - t0)) < 1e-5);
}

void TestPlotView::dragPansOnlyWhilePaused()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 12000, wave));
    PlotView view;
    view.resize(800, 400);
    view.setHistory(&history);
    const QRect area = PlotRenderer::plotArea(view.rect(), view.fontMetrics());
    const QPointF from(area.center());
    const QPointF to = from + QPointF(area.width() / 4.0, 0);

    const auto live = view.visibleRange();
    sendDrag(view, from, to);
    QCOMPARE(view.visibleRange(), live);

    view.setPaused(true);
    const auto [t0, t1] = view.visibleRange();
    sendDrag(view, from, to);
    // Dragging right brings earlier data into view, by a quarter of the span.
    const auto [p0, p1] = view.visibleRange();
    QVERIFY(std::abs(p0 - (t0 - (t1 - t0) / 4)) < 1e-6);
    QVERIFY(std::abs((p1 - p0) - (t1 - t0)) < 1e-6);
}

void TestPlotView::resumeCatchesUpToTheNewestSample()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 3000, wave));
    PlotView view;
    view.resize(800, 400);
    view.setHistory(&history);
    view.setTimeWindow(20);
    view.setPaused(true);
    sendWheel(view, QPointF(400, 200), 3);
    history.appendSamples(*makeBlock(2, kStart + 30, 0.01, 3000, wave));
    QVERIFY(view.visibleRange().second < history.newestTime());

    view.setPaused(false);
    QVERIFY(endsAtTheNewestSample(view, history));
    QVERIFY(std::abs((view.visibleRange().second - view.visibleRange().first) - 20) < 1e-6);
    history.appendSamples(*makeBlock(2, kStart + 60, 0.01, 100, wave));
    QVERIFY(endsAtTheNewestSample(view, history));
}

void TestPlotView::timeWindowIsClamped_data()
{
    QTest::addColumn<double>("requested");
    QTest::addColumn<double>("expected");
    QTest::newRow("below the minimum") << 1.0 << 10.0;
    QTest::newRow("the minimum") << 10.0 << 10.0;
    QTest::newRow("ten minutes") << 600.0 << 600.0;
    QTest::newRow("the maximum") << 3600.0 << 3600.0;
    QTest::newRow("above the maximum") << 7200.0 << 3600.0;
    QTest::newRow("negative") << -5.0 << 10.0;
}

void TestPlotView::timeWindowIsClamped()
{
    QFETCH(double, requested);
    QFETCH(double, expected);
    PlotView view;
    view.setTimeWindow(requested);
    QCOMPARE(view.timeWindow(), expected);
    const auto [t0, t1] = view.visibleRange();
    QCOMPARE(t1 - t0, expected);
}

void TestPlotView::refreshRepaintsOnlyWhenSomethingChanged()
{
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 3000, wave));
    PlotView view;
    view.resize(600, 400);
    view.setHistory(&history);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QTRY_VERIFY(view.framesPainted() > 0);
    QTest::qWait(50);

    std::uint64_t frames = view.framesPainted();
    view.refresh();
    QTest::qWait(50);
    QCOMPARE(view.framesPainted(), frames);

    history.appendSamples(*makeBlock(2, kStart + 30, 0.01, 10, wave));
    view.refresh();
    QTRY_VERIFY(view.framesPainted() > frames);
    QVERIFY(view.lastFrameMs() > 0);
    QVERIFY(view.medianFrameMs() > 0);

    // Paused, samples newer than the frozen range change nothing on screen.
    view.setPaused(true);
    QTRY_VERIFY(view.framesPainted() > frames + 1);
    QTest::qWait(50);
    frames = view.framesPainted();
    history.appendSamples(*makeBlock(2, kStart + 40, 0.01, 10, wave));
    view.refresh();
    QTest::qWait(50);
    QCOMPARE(view.framesPainted(), frames);
}

void TestPlotView::followsTheWidgetPalette_data()
{
    QTest::addColumn<QColor>("base");
    QTest::newRow("dark") << QColor(20, 20, 24);
    QTest::newRow("light") << QColor(250, 250, 250);
}

void TestPlotView::followsTheWidgetPalette()
{
    QFETCH(QColor, base);
    SampleHistory history;
    history.appendSamples(*makeBlock(2, kStart, 0.01, 6000, wave));
    PlotView view;
    view.resize(800, 500);
    view.setHistory(&history);
    QPalette palette = view.palette();
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::Window, base.lighter(110));
    palette.setColor(QPalette::Text, base.lightness() < 128 ? Qt::white : Qt::black);
    view.setPalette(palette);
    const QImage image = view.grab().toImage();
    const QRect strip = stripRect(view, 2, 1);
    // Below the voltage ramp, away from the title and the grid: the strip's own background.
    QCOMPARE(image.pixelColor(strip.right() - 3, strip.bottom() - 2).rgb(), base.rgb());
    const PlotColors colors = PlotColors::from(palette);
    QVERIFY(countPixels(image, stripRect(view, 2, 0), colors.traces[0]) > 0);
}

void TestPlotView::fourMillionPointsInViewDrawAtMostTwoSegmentsPerColumn()
{
    // Also the ad hoc measure of the frame-time target: 4 channels × 1 M points in view while
    // 100 k samples/s arrive at 60 Hz. The time is logged, not asserted.
    constexpr std::size_t kPoints = 1000000;
    constexpr double kDt = 1e-4; // 10 kHz: a million points is 100 s
    SampleHistory history(4);
    history.appendSamples(*makeBlock(4, kStart, kDt, kPoints, [](std::size_t row, int c) {
        return std::sin(double(row) * 1e-3 * (c + 1)) + (row % 9973 == 0 ? 5.0 : 0.0);
    }));
    PlotView view;
    view.resize(1600, 900);
    view.setTimeWindow(100);
    view.setHistory(&history);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    constexpr int kFrames = 60;
    constexpr std::size_t kPerFrame = 100000 / 60;
    std::vector<double> wall;
    double t = kStart + double(kPoints) * kDt;
    for (int frame = 0; frame < kFrames; ++frame) {
        history.appendSamples(*makeBlock(4, t, kDt, kPerFrame, [](std::size_t row, int c) {
            return std::cos(double(row) * 1e-2 * (c + 1));
        }));
        t += double(kPerFrame) * kDt;
        QElapsedTimer timer;
        timer.start();
        view.repaint();
        wall.push_back(double(timer.nsecsElapsed()) / 1e6);
        const QRect area = PlotRenderer::plotArea(view.rect(), view.fontMetrics());
        QVERIFY(view.lastSegmentCount() <= 4 * 2 * std::size_t(area.width()));
    }
    std::nth_element(wall.begin(), wall.begin() + kFrames / 2, wall.end());
    const auto [t0, t1] = view.visibleRange();
    qInfo("%.0f points per channel in view, %zu segments; paintEvent median %.2f ms, "
          "repaint() median %.2f ms (%d frames, %.0f bytes per stored sample)",
          (t1 - t0) / kDt, view.lastSegmentCount(), view.medianFrameMs(),
          wall[std::size_t(kFrames / 2)], kFrames, history.bytesPerSample());
}

QTEST_MAIN(TestPlotView)
#include "tst_plotview.moc"
