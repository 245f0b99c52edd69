#include "plotrenderer.h"

#include "samplehistory.h"
#include "severitystyle.h"
#include "telemetry/profile.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kScaleMargin = 0.05; // of the data's span, above and below
constexpr int kAxisPadding = 12;

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Visible strings are translated in PlotView's context, where an operator sees them.
QString plotTr(const char *text)
{
    return QCoreApplication::translate("fw::PlotView", text);
}

// Watch, warning and critical differ in pattern as well as colour, so they read without colour.
Qt::BrushStyle severityPattern(std::uint8_t severity)
{
    switch (severity) {
    case 1:
        return Qt::Dense6Pattern;
    case 2:
        return Qt::BDiagPattern;
    default:
        return Qt::SolidPattern;
    }
}

} // namespace

PlotColors PlotColors::from(const QPalette &palette)
{
    PlotColors c;
    c.strip = palette.color(QPalette::Base);
    c.background = palette.color(QPalette::Window);
    c.text = palette.color(QPalette::WindowText);
    const bool dark = c.strip.lightness() < 128;
    c.grid = mix(c.strip, palette.color(QPalette::Text), 0.14);
    c.frame = mix(c.strip, palette.color(QPalette::Text), 0.35);
    const int alpha = dark ? 60 : 45;
    c.warnBand = QColor(230, 160, 0, alpha);
    c.alarmBand = QColor(220, 40, 40, alpha);
    c.limitLine = dark ? QColor(240, 120, 100) : QColor(190, 40, 30);
    c.severityShade = {QColor(Qt::transparent), QColor(220, 200, 0, dark ? 55 : 60),
                       QColor(245, 140, 0, 70), QColor(225, 30, 30, dark ? 90 : 80)};
    // Composed over the strip once, here: an opaque shade paints as a plain memory fill. A
    // translucent one is blended per pixel, and Qt hands tall blends to its GUI thread pool,
    // whose threads compete for cores with the source and the detector while the paint waits.
    for (QColor &shade : c.severityShade) {
        shade = mix(c.strip, shade, shade.alphaF());
    }
    c.severityBar
        = {QColor(Qt::transparent), QColor(200, 170, 0), QColor(235, 120, 0), QColor(210, 25, 25)};
    // Okabe–Ito hues first (told apart with the common colour-vision deficiencies), then four
    // more from Paul Tol's sets; lightened on dark backgrounds.
    if (dark) {
        c.traces = {QColor(0x56, 0xb4, 0xe9), QColor(0xf0, 0xa3, 0x5e), QColor(0x3d, 0xd9, 0xa8),
                    QColor(0xe6, 0xa0, 0xc8), QColor(0xf5, 0xc2, 0x42), QColor(0xc0, 0xc0, 0xff),
                    QColor(0x9c, 0xe0, 0x5a), QColor(0xff, 0x88, 0x88), QColor(0x7f, 0xe3, 0xe8),
                    QColor(0xd0, 0xb0, 0x80)};
    } else {
        c.traces = {QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00), QColor(0x00, 0x9e, 0x73),
                    QColor(0xcc, 0x79, 0xa7), QColor(0x9a, 0x6a, 0x00), QColor(0x40, 0x40, 0xa0),
                    QColor(0x22, 0x88, 0x33), QColor(0xaa, 0x33, 0x77), QColor(0x00, 0x99, 0x99),
                    QColor(0x66, 0x44, 0x22)};
    }
    return c;
}

QRect PlotRenderer::plotArea(const QRect &widget, const QFontMetrics &metrics)
{
    const int left = metrics.horizontalAdvance(QStringLiteral("-00000.00")) + kAxisPadding;
    const int bottom = kStripGap + (metrics.height() + 2) + (metrics.height() + 8);
    return {widget.left() + left, widget.top() + 4, std::max(1, widget.width() - left - 12),
            std::max(1, widget.height() - 4 - bottom)};
}

void PlotRenderer::paint(QPainter &painter, const QRect &widget, const Frame &frame,
                         const PlotColors &colors)
{
    m_segments = 0;
    painter.fillRect(widget, colors.background);
    const QRect area = plotArea(widget, painter.fontMetrics());
    const SampleHistory *history = frame.history;
    const int profileChannels = frame.channels ? int(frame.channels->size()) : 0;
    const int n
        = history && history->channelCount() > 0 ? history->channelCount() : profileChannels;

    const int labelWidth = painter.fontMetrics().horizontalAdvance(QStringLiteral("00:00:00.000"));
    const AxisTicks timeTicks = plotaxis::timeTicks(
        frame.t0, frame.t1, std::max(1, area.width() / (labelWidth + 24)), frame.timeLabels);
    m_timeTicksX.clear();
    for (int i = 0; i < timeTicks.count; ++i) {
        m_timeTicksX.push_back(
            area.left() + (timeTicks.at(i) - frame.t0) / (frame.t1 - frame.t0) * area.width());
    }

    m_runs.clear();
    m_bounds.clear();
    if (history && n > 0) {
        history->columnBounds(frame.t0, frame.t1, area.width(), m_bounds);
    }
    const int stripHeight = n > 0 ? std::max(1, (area.height() - (n - 1) * kStripGap) / n) : 0;
    m_strips.clear();
    m_currentLabels.clear();
    m_trackerLabels.clear();
    m_valueLabels.clear();
    for (int channel = 0; channel < n; ++channel) {
        Strip strip;
        strip.channel = channel;
        strip.rect = QRect(area.left(), area.top() + channel * (stripHeight + kStripGap),
                           area.width(), stripHeight);
        if (history && channel < history->channelCount()) {
            history->columns(channel, m_bounds, m_columns);
        } else {
            m_columns.clear();
        }
        if (channel == 0) {
            computeSeverityRuns(false, m_runs);
        }
        computeSeverityRuns(true, m_stripRuns);
        const Channel *info = channel < profileChannels ? &(*frame.channels)[channel] : nullptr;
        computeScale(strip, info, frame.scaleIncludesLimits);
        paintStrip(painter, strip, info, colors);
        paintCurrentValue(painter, strip, info, colors);
        m_strips.push_back(strip);
    }
    const int stripsBottom
        = n > 0 ? area.top() + n * stripHeight + (n - 1) * kStripGap : area.bottom();
    const QRect bar(area.left(), stripsBottom + kStripGap, area.width(),
                    painter.fontMetrics().height() + 2);
    paintSeverityBar(painter, bar, colors);
    paintTimeAxis(painter, area, bar.bottom() + 1, frame, timeTicks, colors);
    paintTracker(painter, area, m_strips, frame, colors);
}

namespace {

QString valueWithUnit(double value, const Channel *channel)
{
    const QString number = QLocale().toString(value, 'g', 5);
    return channel && !channel->unit.isEmpty()
               ? plotTr(QT_TRANSLATE_NOOP("fw::PlotView", "%1 %2")).arg(number, channel->unit)
               : number;
}

// Text on a box of the strip's colour, so it reads over traces and shading.
void boxedText(QPainter &painter, const QRect &box, const QString &text, const QColor &background,
               const QColor &foreground)
{
    painter.fillRect(box, background);
    painter.setPen(foreground);
    painter.drawText(box, Qt::AlignCenter, text);
}

} // namespace

// The newest value in view, at the strip's top right: what the channel reads now, live.
void PlotRenderer::paintCurrentValue(QPainter &painter, const Strip &strip, const Channel *channel,
                                     const PlotColors &colors)
{
    double value = std::numeric_limits<double>::quiet_NaN();
    for (auto it = m_columns.rbegin(); it != m_columns.rend(); ++it) {
        if (!it->isEmpty()) {
            value = it->last;
            break;
        }
    }
    const QString text = std::isfinite(value) ? valueWithUnit(value, channel) : QStringLiteral("—");
    m_currentLabels << text;
    QFont bold = painter.font();
    bold.setBold(true);
    painter.save();
    painter.setFont(bold);
    const QFontMetrics metrics(bold);
    const int width = metrics.horizontalAdvance(text) + 10;
    const QRect box(strip.rect.right() - width - 2, strip.rect.top() + 2, width, metrics.height());
    QColor background = colors.strip;
    background.setAlpha(220);
    // The text colour, not the trace's: trace-coloured pixels mean data, and tests count them.
    boxedText(painter, box, text, background, colors.text);
    painter.restore();
}

// A line at the cursor across every strip, each channel's value there beside it, and the time
// under the axis: reading values off a plot without guessing from the grid.
void PlotRenderer::paintTracker(QPainter &painter, const QRect &area,
                                const std::vector<Strip> &strips, const Frame &frame,
                                const PlotColors &colors)
{
    const double t = frame.cursorT;
    if (!std::isfinite(t) || t < frame.t0 || t > frame.t1 || strips.empty()) {
        return;
    }
    const double x = area.left() + (t - frame.t0) / (frame.t1 - frame.t0) * area.width();
    const std::int64_t index = frame.history ? frame.history->indexAtOrBefore(t) : -1;
    painter.save();
    painter.setPen(QPen(colors.text, 1, Qt::DashLine));
    painter.drawLine(QPointF(x, strips.front().rect.top()),
                     QPointF(x, strips.back().rect.bottom()));
    const QFontMetrics metrics = painter.fontMetrics();
    const int profileChannels = frame.channels ? int(frame.channels->size()) : 0;
    for (const Strip &strip : strips) {
        const Channel *channel
            = strip.channel < profileChannels ? &(*frame.channels)[strip.channel] : nullptr;
        const double value = index >= 0 && strip.channel < frame.history->channelCount()
                                 ? frame.history->value(index, strip.channel)
                                 : std::numeric_limits<double>::quiet_NaN();
        const QString text
            = std::isfinite(value) ? valueWithUnit(value, channel) : QStringLiteral("—");
        m_trackerLabels << text;
        const int width = metrics.horizontalAdvance(text) + 10;
        // Right of the line, or left of it near the right edge.
        const int left = x + width + 6 < area.right() ? int(x) + 4 : int(x) - width - 4;
        const QRect box(left, strip.rect.center().y() - metrics.height() / 2, width,
                        metrics.height());
        boxedText(painter, box, text, colors.text, colors.strip);
    }
    if (index >= 0) {
        const AxisTicks fine{t, 0.001, 1, 3};
        const QString when = plotaxis::timeLabel(
            frame.history->time(index), frame.t1, fine,
            frame.timeLabels == TimeLabels::Relative ? TimeLabels::Clock : frame.timeLabels,
            QLocale());
        const int width = metrics.horizontalAdvance(when) + 10;
        const QRect box(int(x) - width / 2, strips.back().rect.bottom() + kStripGap, width,
                        metrics.height() + 2);
        boxedText(painter, box, when, colors.text, colors.strip);
    }
    painter.restore();
}

// A sample's severity is the same in every channel's columns, so channel 0's carry it; blame is
// the channel's own. A column without samples (zoomed in past the sample rate) keeps the
// severity of the sample before it until the next sample, so anomalies shade as spans rather
// than slivers.
void PlotRenderer::computeSeverityRuns(bool blame, std::vector<SeverityRun> &runs) const
{
    runs.clear();
    std::uint8_t held = 0;
    int lastSample = -1;
    for (int c = 0; c < int(m_columns.size()); ++c) {
        const PlotColumn &column = m_columns[std::size_t(c)];
        if (!column.isEmpty()) {
            held = blame ? column.blame : column.severity;
            lastSample = c;
        }
        if (held == 0) {
            continue;
        }
        if (!runs.empty() && runs.back().to == c && runs.back().severity == held) {
            runs.back().to = c + 1;
        } else {
            runs.push_back({c, c + 1, held});
        }
    }
    // Nothing is known after the newest sample.
    while (!runs.empty() && runs.back().from > lastSample) {
        runs.pop_back();
    }
    if (!runs.empty()) {
        runs.back().to = std::min(runs.back().to, lastSample + 1);
    }
}

void PlotRenderer::computeScale(Strip &strip, const Channel *channel, bool includeLimits) const
{
    double lo = kInf;
    double hi = -kInf;
    for (const PlotColumn &column : m_columns) {
        if (column.hasValue()) {
            lo = std::min(lo, column.min);
            hi = std::max(hi, column.max);
        }
    }
    const bool haveData = lo <= hi;
    if (channel && channel->warn && !haveData) {
        lo = std::min(lo, channel->warn->low);
        hi = std::max(hi, channel->warn->high);
    }
    // Scaled to its limits, a strip shows both limit lines whatever the data does.
    const std::optional<Range> &limits = channel && channel->alarm ? channel->alarm
                                         : channel                 ? channel->warn
                                                                   : std::nullopt;
    if (limits && includeLimits) {
        lo = std::min(lo, limits->low);
        hi = std::max(hi, limits->high);
    }
    if (!(lo <= hi)) {
        lo = 0;
        hi = 1;
    }
    if (hi == lo) {
        const double pad = lo == 0 ? 1.0 : std::abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    const double margin = (hi - lo) * kScaleMargin;
    strip.lo = lo - margin;
    strip.hi = hi + margin;
}

void PlotRenderer::paintStrip(QPainter &painter, const Strip &strip, const Channel *channel,
                              const PlotColors &colors)
{
    const QRect &rect = strip.rect;
    painter.fillRect(rect, colors.strip);
    // Only on the strip of a channel the alarm names, topped by a band of the severity's own
    // colour and pattern (limit zones are horizontal and plain), with a marker at each onset.
    constexpr int kBand = 4;
    for (const SeverityRun &run : m_stripRuns) {
        const QRect span(rect.left() + run.from, rect.top(), run.to - run.from, rect.height());
        painter.fillRect(span, colors.severityShade[run.severity]);
        painter.fillRect(QRect(span.left(), span.top(), span.width(), kBand),
                         colors.severityBar[run.severity]);
    }
    for (std::size_t i = 0; i < m_stripRuns.size(); ++i) {
        const SeverityRun &run = m_stripRuns[i];
        const bool onset = i == 0 || m_stripRuns[i - 1].to != run.from
                           || m_stripRuns[i - 1].severity < run.severity;
        if (onset) {
            const double x = rect.left() + run.from + 0.5;
            const double top = rect.top() + kBand;
            const std::array<QPointF, 3> marker{QPointF(x - 5, top), QPointF(x + 5, top),
                                                QPointF(x, top + 8)};
            painter.setPen(QPen(colors.text, 1));
            painter.setBrush(colors.severityBar[run.severity]);
            painter.drawPolygon(marker.data(), int(marker.size()));
        }
    }
    painter.setBrush(Qt::NoBrush);
    if (channel) {
        paintLimitBands(painter, strip, *channel, colors);
    }

    const QFontMetrics metrics = painter.fontMetrics();
    const AxisTicks ticks = plotaxis::valueTicks(
        strip.lo, strip.hi, std::max(2, rect.height() / (2 * metrics.height())));
    painter.setPen(colors.grid);
    for (int i = 0; i < ticks.count; ++i) {
        const double y
            = rect.bottom() + 1 - (ticks.at(i) - strip.lo) / (strip.hi - strip.lo) * rect.height();
        painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right() + 1, y));
    }
    for (const double x : m_timeTicksX) {
        painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom() + 1));
    }

    paintTrace(painter, strip, colors.traces[std::size_t(strip.channel) % colors.traces.size()]);

    painter.setPen(colors.text);
    const QLocale locale;
    for (int i = 0; i < ticks.count; ++i) {
        const double y
            = rect.bottom() + 1 - (ticks.at(i) - strip.lo) / (strip.hi - strip.lo) * rect.height();
        const QRectF label(0, y - metrics.height() / 2.0, rect.left() - 6, metrics.height());
        // A label that would stick out of its strip would overlap the next strip's labels.
        if (label.top() < rect.top() - 1 || label.bottom() > rect.bottom() + 2) {
            continue;
        }
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         plotaxis::valueLabel(ticks.at(i), ticks.decimals, locale));
        m_valueLabels.push_back(label);
    }
    QString title;
    if (!channel) {
        title = plotTr(QT_TRANSLATE_NOOP("fw::PlotView", "Channel %1")).arg(strip.channel + 1);
    } else if (channel->unit.isEmpty()) {
        title = channel->label.isEmpty() ? channel->id : channel->label;
    } else {
        title = plotTr(QT_TRANSLATE_NOOP("fw::PlotView", "%1 (%2)"))
                    .arg(channel->label.isEmpty() ? channel->id : channel->label, channel->unit);
    }
    const QRect titleRect(rect.left() + 4, rect.top() + 2, metrics.horizontalAdvance(title) + 8,
                          metrics.height());
    QColor titleBackground = colors.strip;
    titleBackground.setAlpha(200);
    painter.fillRect(titleRect, titleBackground);
    painter.setPen(colors.text);
    painter.drawText(titleRect, Qt::AlignCenter, title);
    painter.setPen(colors.frame);
    painter.drawRect(rect.adjusted(0, 0, -1, -1));
}

// Warn bands shade beyond the warn range up to the alarm range, alarm bands beyond that; the
// limits themselves are drawn as lines (dashed for warn) so they read without colour too.
void PlotRenderer::paintLimitBands(QPainter &painter, const Strip &strip, const Channel &channel,
                                   const PlotColors &colors) const
{
    const QRect &rect = strip.rect;
    const auto yOf = [&](double v) {
        return rect.bottom() + 1 - (v - strip.lo) / (strip.hi - strip.lo) * rect.height();
    };
    const auto band = [&](double from, double to, const QColor &color) {
        const double a = std::max(from, strip.lo);
        const double b = std::min(to, strip.hi);
        if (a < b) {
            painter.fillRect(QRectF(rect.left(), yOf(b), rect.width(), yOf(a) - yOf(b)), color);
        }
    };
    const auto line = [&](double v, Qt::PenStyle style) {
        if (v > strip.lo && v < strip.hi) {
            painter.setPen(QPen(colors.limitLine, 1, style));
            painter.drawLine(QPointF(rect.left(), yOf(v)), QPointF(rect.right() + 1, yOf(v)));
        }
    };
    const std::optional<Range> &warn = channel.warn;
    const std::optional<Range> &alarm = channel.alarm;
    if (warn) {
        band(warn->high, alarm ? alarm->high : kInf, colors.warnBand);
        band(alarm ? alarm->low : -kInf, warn->low, colors.warnBand);
        line(warn->low, Qt::DashLine);
        line(warn->high, Qt::DashLine);
    }
    if (alarm) {
        band(alarm->high, kInf, colors.alarmBand);
        band(-kInf, alarm->low, colors.alarmBand);
        line(alarm->low, Qt::SolidLine);
        line(alarm->high, Qt::SolidLine);
    }
}

// Each column contributes at most two vertices, its min and max, entered at the one nearer its
// first value and left at the other; consecutive columns are joined unless a missing value
// falls between them. Empty columns (sparser data than pixels) are bridged. All segments go to
// QPainter in one drawLines call.
void PlotRenderer::paintTrace(QPainter &painter, const Strip &strip, const QColor &color)
{
    const QRect &rect = strip.rect;
    const double scale = rect.height() / (strip.hi - strip.lo);
    const double bottom = rect.bottom() + 1;
    m_lines.clear();
    bool joined = false;
    QPointF previous;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        const PlotColumn &column = m_columns[c];
        if (column.isEmpty()) {
            continue;
        }
        if (!column.hasValue()) {
            joined = false;
            continue;
        }
        const bool fromMin
            = !(std::abs(column.first - column.max) < std::abs(column.first - column.min));
        const double x = rect.left() + double(c) + 0.5;
        const QPointF entry(x, bottom - ((fromMin ? column.min : column.max) - strip.lo) * scale);
        const QPointF exit(x, bottom - ((fromMin ? column.max : column.min) - strip.lo) * scale);
        if (joined && std::isfinite(column.first)) {
            m_lines.emplace_back(previous, entry);
        } else if (entry == exit) {
            // An isolated sample still shows as a dot.
            m_lines.emplace_back(entry - QPointF(0.5, 0), entry + QPointF(0.5, 0));
        }
        if (entry != exit) {
            m_lines.emplace_back(entry, exit);
        }
        joined = std::isfinite(column.last);
        previous = exit;
    }
    if (m_lines.empty()) {
        return;
    }
    painter.save();
    painter.setClipRect(rect);
    painter.setRenderHint(QPainter::Antialiasing, false);
    QPen pen(color, 1);
    pen.setCosmetic(true);
    painter.setPen(pen);
    painter.drawLines(m_lines.data(), int(m_lines.size()));
    painter.restore();
    m_segments += m_lines.size();
}

void PlotRenderer::paintSeverityBar(QPainter &painter, const QRect &bar,
                                    const PlotColors &colors) const
{
    painter.fillRect(bar, colors.strip);
    const QFontMetrics metrics = painter.fontMetrics();
    for (const SeverityRun &run : m_runs) {
        const QRect span(bar.left() + run.from, bar.top(), run.to - run.from, bar.height());
        painter.fillRect(span,
                         QBrush(colors.severityBar[run.severity], severityPattern(run.severity)));
        const QString name = severityLabel(detect::Severity(run.severity));
        if (metrics.horizontalAdvance(name) + 6 <= span.width()) {
            const QRect label
                = metrics.boundingRect(span, Qt::AlignCenter, name).adjusted(-2, 0, 2, 0);
            painter.fillRect(label, colors.strip);
            painter.setPen(colors.text);
            painter.drawText(span, Qt::AlignCenter, name);
        }
    }
    painter.setPen(colors.frame);
    painter.drawRect(bar.adjusted(0, 0, -1, -1));
}

void PlotRenderer::paintTimeAxis(QPainter &painter, const QRect &area, int top, const Frame &frame,
                                 const AxisTicks &ticks, const PlotColors &colors) const
{
    const QFontMetrics metrics = painter.fontMetrics();
    const QLocale locale;
    painter.setPen(colors.text);
    for (int i = 0; i < ticks.count; ++i) {
        const double x = m_timeTicksX[std::size_t(i)];
        painter.drawLine(QPointF(x, top), QPointF(x, top + 3));
        const QString label
            = plotaxis::timeLabel(ticks.at(i), frame.t1, ticks, frame.timeLabels, locale);
        const int width = metrics.horizontalAdvance(label);
        const double left = std::clamp(x - width / 2.0, 0.0, double(area.right() + 12 - width));
        painter.drawText(QPointF(left, top + 4 + metrics.ascent()), label);
    }
}

} // namespace fw
