#pragma once

#include "plotaxis.h"
#include "plotrenderer.h"
#include "telemetry/profile.h"

#include <QWidget>

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <utility>

namespace fw {

class SampleHistory;

// The console's live plots: one strip per channel on a shared time axis, painted straight from
// a SampleHistory's min/max columns so that a frame costs the same with a thousand or millions
// of points in view. GUI thread only.
//
// The owner appends blocks to the history as they arrive and calls refresh() on its display
// tick; the view repaints only when the data or the view changed, never once per block.
// Live, the view ends at the newest sample (rounded up to a whole pixel column) and spans
// timeWindow(). Paused, the range freezes
// while the history keeps growing; the wheel zooms about the cursor and a drag pans, and
// resuming jumps back to live with the time window as it was.
class PlotView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlotView)

public:
    static constexpr double kMinWindowS = 10;
    static constexpr double kMaxWindowS = 3600;
    static constexpr double kDefaultWindowS = 60;
    static constexpr double kMinZoomSpanS = 1e-3; // paused zoom can go below the live window
    static constexpr double kMaxZoomSpanS = 7 * 24 * 3600.0;
    static constexpr double kWheelZoomStep = 0.8; // span factor per wheel notch
    static constexpr int kFrameStatCount = 60;    // paints in the median frame time
    static constexpr int kMinStripHeight = 72;    // two value ticks and a title, legibly

    explicit PlotView(QWidget *parent = nullptr);
    ~PlotView() override;

    void setProfile(const Profile &profile);
    [[nodiscard]] const Profile &profile() const { return m_profile; }
    // Not owned; it must outlive the view or be replaced first (setHistory(nullptr)).
    void setHistory(const SampleHistory *history);
    [[nodiscard]] const SampleHistory *history() const { return m_history; }

    // Clamped to [kMinWindowS, kMaxWindowS]. While paused it re-spans the frozen range about its
    // right edge.
    void setTimeWindow(double seconds);
    [[nodiscard]] double timeWindow() const { return m_window; }
    void setPaused(bool paused);
    // Paused, shows the time window with t a quarter in from the left: an alarm's onset with
    // what led to it and what followed.
    void showAround(double t);
    [[nodiscard]] bool isPaused() const { return m_paused; }
    void setTimeLabels(TimeLabels labels);
    [[nodiscard]] TimeLabels timeLabels() const { return m_timeLabels; }
    // Off (the default) scales each strip to its visible data; on also fits the alarm limits.
    void setScaleIncludesLimits(bool include);
    [[nodiscard]] bool scaleIncludesLimits() const { return m_scaleIncludesLimits; }

    // The tracker: a line at time t with every channel's value there; NaN removes it. The mouse
    // sets it as it moves over the plots. It holds its place on the screen, so live it reads
    // the values passing under it.
    void setTrackerTime(double t);
    [[nodiscard]] double trackerTime() const;
    [[nodiscard]] const QStringList &trackerLabels() const { return m_renderer.trackerLabels(); }
    [[nodiscard]] const QStringList &currentValueLabels() const
    {
        return m_renderer.currentValueLabels();
    }
    [[nodiscard]] const std::vector<QRectF> &valueLabelRects() const
    {
        return m_renderer.valueLabelRects();
    }

    // (t0, t1) in seconds since the Unix epoch, as drawn; for exporting the visible range.
    [[nodiscard]] std::pair<double, double> visibleRange() const;

    // Called on the owner's display tick: schedules a repaint if data or view changed.
    void refresh();

    [[nodiscard]] double lastFrameMs() const { return m_lastFrameMs; }
    // Median paint time of the last kFrameStatCount paints; 0 before the first.
    [[nodiscard]] double medianFrameMs() const;
    [[nodiscard]] std::uint64_t framesPainted() const { return m_framesPainted; }
    // Segments the last paint drew, all strips together (at most two per pixel column each).
    [[nodiscard]] std::size_t lastSegmentCount() const { return m_renderer.lastSegmentCount(); }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

Q_SIGNALS:
    void pausedChanged(bool paused);
    void timeWindowChanged(double seconds);
    // The paused range moved (zoom, pan); the live range follows the data without signalling.
    void visibleRangeChanged(double t0, double t1);

protected:
    void paintEvent(QPaintEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    // What the last paint showed, so refresh() can tell whether anything changed.
    struct Painted
    {
        std::uint64_t revision = 0;
        std::uint64_t resets = 0;
        std::int64_t firstIndex = 0;
        std::int64_t endIndex = 0;
        std::int64_t scoredEnd = 0;
        double t0 = 0;
        double t1 = 0;
    };

    [[nodiscard]] bool dataChangedInView() const;
    void setFrozenRange(double t0, double t1);
    [[nodiscard]] QRect plotArea() const;

    Profile m_profile;
    const SampleHistory *m_history = nullptr;
    PlotRenderer m_renderer;
    PlotColors m_colors;
    double m_window = kDefaultWindowS;
    bool m_paused = false;
    double m_frozenT0 = 0; // the range while paused
    double m_frozenT1 = 0;
    TimeLabels m_timeLabels = TimeLabels::Relative;
    bool m_scaleIncludesLimits = false;
    double m_trackerAt = std::numeric_limits<double>::quiet_NaN(); // share of the plot width
    bool m_dragging = false;
    double m_dragStartX = 0;
    std::pair<double, double> m_dragStartRange;
    Painted m_painted;
    bool m_havePainted = false;
    double m_lastFrameMs = 0;
    std::array<double, kFrameStatCount> m_frameMs{};
    std::uint64_t m_framesPainted = 0;
};

} // namespace fw
