#include "plotview.h"

#include "samplehistory.h"

#include <QElapsedTimer>
#include <QEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace fw {

PlotView::PlotView(QWidget *parent)
    : QWidget(parent)
    , m_colors(PlotColors::from(palette()))
{
    // Every pixel is painted each frame, so Qt need not clear the background first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true); // the tracker follows the mouse without a button held
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

PlotView::~PlotView() = default;

void PlotView::setProfile(const Profile &profile)
{
    m_profile = profile;
    updateGeometry(); // the minimum height follows the number of strips
    update();
}

void PlotView::setHistory(const SampleHistory *history)
{
    m_history = history;
    m_havePainted = false;
    update();
}

void PlotView::setTimeWindow(double seconds)
{
    if (std::isnan(seconds)) {
        return;
    }
    const double clamped = std::clamp(seconds, kMinWindowS, kMaxWindowS);
    if (clamped == m_window) {
        return;
    }
    m_window = clamped;
    if (m_paused) {
        setFrozenRange(m_frozenT1 - m_window, m_frozenT1);
    }
    update();
    Q_EMIT timeWindowChanged(m_window);
}

void PlotView::setPaused(bool paused)
{
    if (paused == m_paused) {
        return;
    }
    if (paused) {
        std::tie(m_frozenT0, m_frozenT1) = visibleRange();
        setCursor(Qt::OpenHandCursor);
    } else {
        unsetCursor();
    }
    m_paused = paused;
    m_dragging = false;
    update();
    Q_EMIT pausedChanged(m_paused);
}

void PlotView::showAround(double t)
{
    setPaused(true);
    setFrozenRange(t - 0.25 * m_window, t + 0.75 * m_window);
}

void PlotView::setTimeLabels(TimeLabels labels)
{
    if (labels != m_timeLabels) {
        m_timeLabels = labels;
        update();
    }
}

void PlotView::setScaleIncludesLimits(bool include)
{
    if (include != m_scaleIncludesLimits) {
        m_scaleIncludesLimits = include;
        update();
    }
}

std::pair<double, double> PlotView::visibleRange() const
{
    if (m_paused) {
        return {m_frozenT0, m_frozenT1};
    }
    // The right edge is the newest sample rounded up to a whole pixel column: column edges then
    // stay put as the view scrolls, so a dense trace does not shimmer from frame to frame.
    const double newest = m_history && !m_history->isEmpty() ? m_history->newestTime() : 0.0;
    const double column = m_window / plotArea().width();
    const double t1 = std::ceil(newest / column) * column;
    return {t1 - m_window, t1};
}

void PlotView::refresh()
{
    const auto [t0, t1] = visibleRange();
    if (!m_havePainted || t0 != m_painted.t0 || t1 != m_painted.t1 || dataChangedInView()) {
        update();
    }
}

bool PlotView::dataChangedInView() const
{
    if (!m_history || m_history->revision() == m_painted.revision) {
        return false;
    }
    if (!m_paused) {
        return true;
    }
    // Paused, only changes inside the frozen range matter: new samples usually land to its right.
    const SampleHistory &h = *m_history;
    if (h.resetCount() != m_painted.resets) {
        return true;
    }
    if (h.isEmpty()) {
        return false;
    }
    if (h.firstIndex() != m_painted.firstIndex && h.firstTime() > m_painted.t0) {
        return true; // eviction reached into the view
    }
    const auto changedFrom = [&](std::int64_t paintedIndex, std::int64_t nowIndex) {
        const std::int64_t first = std::max(paintedIndex, h.firstIndex());
        return nowIndex != paintedIndex && first < h.endIndex() && h.time(first) <= m_painted.t1;
    };
    return changedFrom(m_painted.endIndex, h.endIndex())
           || changedFrom(m_painted.scoredEnd, h.scoredEnd());
}

double PlotView::medianFrameMs() const
{
    const auto count = std::size_t(std::min<std::uint64_t>(m_framesPainted, kFrameStatCount));
    if (count == 0) {
        return 0;
    }
    std::array<double, kFrameStatCount> sorted = m_frameMs;
    const auto middle = sorted.begin() + std::ptrdiff_t(count / 2);
    std::nth_element(sorted.begin(), middle, sorted.begin() + std::ptrdiff_t(count));
    return *middle;
}

QSize PlotView::sizeHint() const
{
    return {900, 600};
}

QSize PlotView::minimumSizeHint() const
{
    // Every strip stays readable: with many channels the view grows taller than its place and
    // the main window scrolls it instead of squeezing the strips.
    const QRect area = plotArea();
    const int margins = height() - area.height();
    const int channels = std::max(1, m_profile.channelCount());
    return {320, std::max(200, margins + channels * (kMinStripHeight + PlotRenderer::kStripGap))};
}

void PlotView::paintEvent(QPaintEvent * /*event*/)
{
    QElapsedTimer timer;
    timer.start();
    const auto [t0, t1] = visibleRange();
    {
        QPainter painter(this);
        PlotRenderer::Frame frame;
        frame.history = m_history;
        frame.channels = &m_profile.channels;
        frame.t0 = t0;
        frame.t1 = t1;
        frame.timeLabels = m_timeLabels;
        frame.scaleIncludesLimits = m_scaleIncludesLimits;
        frame.cursorT = t0 + m_trackerAt * (t1 - t0);
        m_renderer.paint(painter, rect(), frame, m_colors);
    }
    m_painted.t0 = t0;
    m_painted.t1 = t1;
    if (m_history) {
        m_painted.revision = m_history->revision();
        m_painted.resets = m_history->resetCount();
        m_painted.firstIndex = m_history->firstIndex();
        m_painted.endIndex = m_history->endIndex();
        m_painted.scoredEnd = m_history->scoredEnd();
    }
    m_havePainted = true;
    m_lastFrameMs = double(timer.nsecsElapsed()) / 1e6;
    m_frameMs[std::size_t(m_framesPainted % kFrameStatCount)] = m_lastFrameMs;
    ++m_framesPainted;
}

void PlotView::wheelEvent(QWheelEvent *event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (!m_paused || notches == 0) {
        event->ignore();
        return;
    }
    const QRect area = plotArea();
    const auto [t0, t1] = visibleRange();
    const double span = t1 - t0;
    const double newSpan
        = std::clamp(span * std::pow(kWheelZoomStep, notches), kMinZoomSpanS, kMaxZoomSpanS);
    // The time under the cursor stays under the cursor.
    const double fraction
        = std::clamp((event->position().x() - area.left()) / area.width(), 0.0, 1.0);
    const double anchor = t0 + fraction * span;
    setFrozenRange(anchor - fraction * newSpan, anchor + (1 - fraction) * newSpan);
    event->accept();
}

void PlotView::mousePressEvent(QMouseEvent *event)
{
    if (!m_paused || event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    m_dragging = true;
    m_dragStartX = event->position().x();
    m_dragStartRange = visibleRange();
    setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void PlotView::setTrackerTime(double t)
{
    const auto [t0, t1] = visibleRange();
    const double at = std::isfinite(t) && t1 > t0 ? (t - t0) / (t1 - t0)
                                                  : std::numeric_limits<double>::quiet_NaN();
    if (at == m_trackerAt || (std::isnan(at) && std::isnan(m_trackerAt))) {
        return;
    }
    m_trackerAt = at;
    update();
}

double PlotView::trackerTime() const
{
    const auto [t0, t1] = visibleRange();
    return t0 + m_trackerAt * (t1 - t0);
}

void PlotView::leaveEvent(QEvent *event)
{
    setTrackerTime(std::numeric_limits<double>::quiet_NaN());
    QWidget::leaveEvent(event);
}

void PlotView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        const QRect area = plotArea();
        const double x = event->position().x();
        const auto [t0, t1] = visibleRange();
        setTrackerTime(x >= area.left() && x <= area.right() + 1
                           ? t0 + (x - area.left()) / area.width() * (t1 - t0)
                           : std::numeric_limits<double>::quiet_NaN());
        event->accept();
        return;
    }
    const auto [t0, t1] = m_dragStartRange;
    const double shift = (event->position().x() - m_dragStartX) / plotArea().width() * (t1 - t0);
    setFrozenRange(t0 - shift, t1 - shift);
    event->accept();
}

void PlotView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        event->ignore();
        return;
    }
    m_dragging = false;
    setCursor(Qt::OpenHandCursor);
    event->accept();
}

void PlotView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_colors = PlotColors::from(palette());
        update();
    } else if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        update();
    }
    QWidget::changeEvent(event);
}

void PlotView::setFrozenRange(double t0, double t1)
{
    m_frozenT0 = t0;
    m_frozenT1 = t1;
    update();
    Q_EMIT visibleRangeChanged(t0, t1);
}

QRect PlotView::plotArea() const
{
    return PlotRenderer::plotArea(rect(), fontMetrics());
}

} // namespace fw
