#pragma once

#include "detect/alarmpolicy.h"

#include <QWidget>

#include <deque>

namespace fw {

// How unusual the data is, on a scale that gives the alarm thresholds room: the bar's length is
// −log10(1 − confidence), so 90 %, 99 %, 99.9 % and 99.99 % are evenly spaced instead of all in
// the last pixel, with a tick at each of the policy's levels. Grey while nothing stands (ISA-101:
// colour only for the abnormal), the severity's colour while an alarm does. Under the bar, a
// sparkline of the last minute: the level each second, and a strip coloured where an alarm stood.
// GUI thread.
class ConfidenceGauge : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfidenceGauge)

public:
    static constexpr double kTopSurprise = 5.0; // the bar's end: confidence 99.999 %
    static constexpr int kMinuteSeconds = 60;

    explicit ConfidenceGauge(QWidget *parent = nullptr);

    // The levels to mark (the model's policy), or none when there is no model.
    void setLevels(const detect::AlarmPolicyOptions &policy);
    void clearLevels();
    // The value shown and how: NaN for nothing to show. severity None draws the bar grey. prefix
    // goes before the figure ("model 84 %" when a check, not the model, raised the alarm).
    void setValue(double confidence, detect::Severity severity, const QString &prefix = {});
    // One second of the sparkline: its level and the highest severity of an alarm within it.
    void pushSecond(double confidence, detect::Severity severity);
    void clearHistory();

    [[nodiscard]] double value() const { return m_value; }
    [[nodiscard]] QString text() const;
    [[nodiscard]] detect::Severity severity() const { return m_severity; }
    // The bar's fill colour as painted (grey, or the severity's colour).
    [[nodiscard]] QColor fillColor() const;
    // Where a confidence lands on the bar, 0 (left) to 1 (right).
    [[nodiscard]] static double position(double confidence);
    [[nodiscard]] std::size_t secondsShown() const { return m_seconds.size(); }

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    struct Second
    {
        double confidence;
        detect::Severity severity;
    };
    struct Level
    {
        double confidence;
        detect::Severity severity;
    };

    void paintBar(QPainter &painter, const QRect &area) const;
    void paintSparkline(QPainter &painter, const QRect &area) const;

    std::vector<Level> m_levels;
    std::deque<Second> m_seconds;
    double m_value;
    detect::Severity m_severity = detect::Severity::None;
    QString m_prefix;
};

} // namespace fw
