#pragma once

#include "plotaxis.h"
#include "plotcolumn.h"

#include <QColor>
#include <QLineF>
#include <QRect>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

class QFontMetrics;
class QPainter;
class QPalette;

namespace fw {

class SampleHistory;
struct Channel;
struct Range;

// Colours of the plots, derived from the widget's palette so a dark theme gets a dark plot.
struct PlotColors
{
    QColor background; // margins and axes
    QColor strip;      // behind the traces
    QColor text;
    QColor grid;
    QColor frame;
    QColor warnBand;
    QColor alarmBand;
    QColor limitLine;
    std::array<QColor, 4> severityShade; // by detect::Severity, opaque over strip; None unused
    std::array<QColor, 4> severityBar;
    std::array<QColor, 10> traces; // ten apart: a SKAB bench's eight never repeat

    [[nodiscard]] static PlotColors from(const QPalette &palette);
};

// Paints the stacked channel strips, the severity bar and the time axis. Holds the per-frame
// scratch buffers so that a frame allocates nothing once they have grown. GUI thread only.
class PlotRenderer
{
public:
    struct Frame
    {
        const SampleHistory *history = nullptr;
        const std::vector<Channel> *channels = nullptr; // may be shorter than the history's
        double t0 = 0;
        double t1 = 0;
        TimeLabels timeLabels = TimeLabels::Relative;
        bool scaleIncludesLimits = false;
        double cursorT = std::numeric_limits<double>::quiet_NaN(); // the tracker; NaN: none
    };

    static constexpr int kStripGap = 4;

    // The rectangle the strips share: one pixel column per x, time t0 at left() and t1 at
    // right() + 1.
    [[nodiscard]] static QRect plotArea(const QRect &widget, const QFontMetrics &metrics);
    void paint(QPainter &painter, const QRect &widget, const Frame &frame,
               const PlotColors &colors);
    // Line segments handed to QPainter in the last frame, all strips together.
    [[nodiscard]] std::size_t lastSegmentCount() const { return m_segments; }
    // What the last frame wrote beside each strip (its newest value in view, with the unit) and
    // at the tracker (each channel's value at the cursor; empty without a tracker).
    [[nodiscard]] const QStringList &currentValueLabels() const { return m_currentLabels; }
    [[nodiscard]] const QStringList &trackerLabels() const { return m_trackerLabels; }
    // Where the last frame wrote the strips' value labels.
    [[nodiscard]] const std::vector<QRectF> &valueLabelRects() const { return m_valueLabels; }

private:
    struct Strip
    {
        QRect rect;
        int channel = 0;
        double lo = 0;
        double hi = 1;
    };
    struct SeverityRun
    {
        int from = 0;
        int to = 0; // column past the run
        std::uint8_t severity = 0;
    };

    // Runs of the columns' severity (blame: the channel's own) into runs.
    void computeSeverityRuns(bool blame, std::vector<SeverityRun> &runs) const;
    void computeScale(Strip &strip, const Channel *channel, bool includeLimits) const;
    void paintStrip(QPainter &painter, const Strip &strip, const Channel *channel,
                    const PlotColors &colors);
    void paintLimitBands(QPainter &painter, const Strip &strip, const Channel &channel,
                         const PlotColors &colors) const;
    void paintTrace(QPainter &painter, const Strip &strip, const QColor &color);
    void paintSeverityBar(QPainter &painter, const QRect &bar, const PlotColors &colors) const;
    void paintCurrentValue(QPainter &painter, const Strip &strip, const Channel *channel,
                           const PlotColors &colors);
    void paintTracker(QPainter &painter, const QRect &area, const std::vector<Strip> &strips,
                      const Frame &frame, const PlotColors &colors);
    void paintTimeAxis(QPainter &painter, const QRect &area, int top, const Frame &frame,
                       const AxisTicks &ticks, const PlotColors &colors) const;

    std::vector<std::int64_t> m_bounds;
    std::vector<PlotColumn> m_columns;
    std::vector<SeverityRun> m_runs;      // any alarm: the severity bar
    std::vector<SeverityRun> m_stripRuns; // alarms naming the strip's channel
    std::vector<QLineF> m_lines;
    std::vector<double> m_timeTicksX;
    std::vector<Strip> m_strips;
    QStringList m_currentLabels;
    QStringList m_trackerLabels;
    std::vector<QRectF> m_valueLabels;
    std::size_t m_segments = 0;
};

} // namespace fw
