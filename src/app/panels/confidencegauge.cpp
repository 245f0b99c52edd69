#include "panels/confidencegauge.h"

#include "severitystyle.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw {

namespace {

constexpr int kBarHeight = 26;
constexpr int kTickLabelHeight = 16;
constexpr int kSparkHeight = 44;
constexpr int kGap = 4;

QString percentText(double confidence)
{
    // Enough digits to tell the levels apart: 99.5, 99.9 and 99.99 must not all read "100 %".
    const double percent = 100.0 * confidence;
    int decimals = 0;
    if (percent >= 99.0) {
        decimals = percent >= 99.9 ? 2 : 1;
    }
    return QLocale().toString(percent, 'f', decimals) + QStringLiteral(" %");
}

} // namespace

ConfidenceGauge::ConfidenceGauge(QWidget *parent)
    : QWidget(parent)
    , m_value(std::numeric_limits<double>::quiet_NaN())
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ConfidenceGauge::setLevels(const detect::AlarmPolicyOptions &policy)
{
    m_levels = {{policy.threshold, detect::Severity::Watch},
                {policy.warningLevel, detect::Severity::Warning},
                {policy.criticalLevel, detect::Severity::Critical}};
    update();
}

void ConfidenceGauge::clearLevels()
{
    m_levels.clear();
    update();
}

void ConfidenceGauge::setValue(double confidence, detect::Severity severity, const QString &prefix)
{
    if ((confidence == m_value || (std::isnan(confidence) && std::isnan(m_value)))
        && severity == m_severity && prefix == m_prefix) {
        return;
    }
    m_value = confidence;
    m_severity = severity;
    m_prefix = prefix;
    update();
}

QString ConfidenceGauge::text() const
{
    if (!std::isfinite(m_value)) {
        return QStringLiteral("—");
    }
    return m_prefix.isEmpty() ? percentText(m_value) : m_prefix + u' ' + percentText(m_value);
}

void ConfidenceGauge::pushSecond(double confidence, detect::Severity severity)
{
    m_seconds.push_back({confidence, severity});
    while (m_seconds.size() > std::size_t(kMinuteSeconds)) {
        m_seconds.pop_front();
    }
    update();
}

void ConfidenceGauge::clearHistory()
{
    m_seconds.clear();
    update();
}

QColor ConfidenceGauge::fillColor() const
{
    return m_severity == detect::Severity::None ? QColor(0x9e, 0x9e, 0x9e)
                                                : severityColor(m_severity);
}

double ConfidenceGauge::position(double confidence)
{
    if (!std::isfinite(confidence)) {
        return 0.0;
    }
    const double p = std::max(1.0 - confidence, 1e-12);
    return std::clamp(-std::log10(p) / kTopSurprise, 0.0, 1.0);
}

QSize ConfidenceGauge::sizeHint() const
{
    return {260, kBarHeight + kTickLabelHeight + kGap + kSparkHeight};
}

QSize ConfidenceGauge::minimumSizeHint() const
{
    return {160, sizeHint().height()};
}

void ConfidenceGauge::paintEvent(QPaintEvent * /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRect bar(0, 0, width() - 1, kBarHeight);
    paintBar(painter, bar);
    const QRect spark(0, kBarHeight + kTickLabelHeight + kGap, width() - 1, kSparkHeight - 1);
    paintSparkline(painter, spark);
}

void ConfidenceGauge::paintBar(QPainter &painter, const QRect &area) const
{
    const QPalette &pal = palette();
    painter.setPen(pal.color(QPalette::Mid));
    painter.setBrush(pal.color(QPalette::Base));
    painter.drawRect(area);
    if (std::isfinite(m_value)) {
        QRectF fill = QRectF(area).adjusted(1, 1, 0, 0);
        fill.setWidth(std::max(1.0, position(m_value) * (area.width() - 1)));
        painter.fillRect(fill, fillColor());
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (const Level &level : m_levels) {
        const double x = area.left() + position(level.confidence) * area.width();
        painter.setPen(QPen(severityTextColor(level.severity), 2));
        painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom() + 4));
        painter.setFont(small);
        const QString text = QLocale().toString(100.0 * level.confidence, 'g', 4);
        const QRectF label(x - 30, area.bottom() + 3, 60, kTickLabelHeight);
        painter.drawText(label, Qt::AlignHCenter | Qt::AlignTop, text);
    }
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(pal.color(QPalette::Text));
    painter.drawText(area.adjusted(6, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, text());
}

void ConfidenceGauge::paintSparkline(QPainter &painter, const QRect &area) const
{
    const QPalette &pal = palette();
    painter.setPen(pal.color(QPalette::Mid));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(area);
    constexpr int kAlarmStrip = 5;
    const QRectF plot = QRectF(area).adjusted(1, 1, -1, -kAlarmStrip - 1);
    const auto yOf = [&](double confidence) {
        return plot.bottom() - position(confidence) * plot.height();
    };
    for (const Level &level : m_levels) {
        painter.setPen(QPen(severityTextColor(level.severity), 1, Qt::DotLine));
        const double y = yOf(level.confidence);
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }
    const double step = plot.width() / double(kMinuteSeconds - 1);
    // The newest second is at the right edge; older ones go left.
    const double x0 = plot.right() - double(m_seconds.size() - 1) * step;
    QPainterPath line;
    bool open = false;
    for (std::size_t i = 0; i < m_seconds.size(); ++i) {
        const Second &s = m_seconds[i];
        const double x = x0 + double(i) * step;
        if (s.severity != detect::Severity::None) {
            painter.fillRect(QRectF(x - step / 2, area.bottom() - kAlarmStrip, step, kAlarmStrip),
                             severityColor(s.severity));
        }
        if (!std::isfinite(s.confidence)) {
            open = false;
            continue;
        }
        const QPointF point(x, yOf(s.confidence));
        if (open) {
            line.lineTo(point);
        } else {
            line.moveTo(point);
            open = true;
        }
    }
    painter.setPen(QPen(pal.color(QPalette::Text), 1.5));
    painter.drawPath(line);
}

} // namespace fw
