#include "severitystyle.h"

#include <QApplication>
#include <QCoreApplication>
#include <QPainter>
#include <QPalette>
#include <QPolygonF>

namespace fw {

QString severityLabel(detect::Severity severity)
{
    switch (severity) {
    case detect::Severity::None:
        return QCoreApplication::translate("fw::Severity", "Normal");
    case detect::Severity::Watch:
        return QCoreApplication::translate("fw::Severity", "Watch");
    case detect::Severity::Warning:
        return QCoreApplication::translate("fw::Severity", "Warning");
    case detect::Severity::Critical:
        return QCoreApplication::translate("fw::Severity", "Critical");
    }
    return {};
}

QColor severityColor(detect::Severity severity)
{
    switch (severity) {
    case detect::Severity::None:
        // ISA-101: normal is grey; colour is kept for what is abnormal.
        return QColor(0x9e, 0x9e, 0x9e);
    case detect::Severity::Watch:
        return QColor(0x3b, 0x82, 0xd6);
    case detect::Severity::Warning:
        return QColor(0xe8, 0xa3, 0x17);
    case detect::Severity::Critical:
        return QColor(0xd6, 0x2d, 0x2d);
    }
    return {};
}

QColor severityTextColor(detect::Severity severity)
{
    switch (severity) {
    case detect::Severity::Critical:
        return {0xc6, 0x28, 0x28};
    case detect::Severity::Warning:
        return {0xd8, 0x4b, 0x00};
    case detect::Severity::Watch:
        return {0x9a, 0x74, 0x00};
    case detect::Severity::None:
        break;
    }
    return QApplication::palette().color(QPalette::Text);
}

QPixmap severityLamp(detect::Severity severity, QSize size)
{
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(severityColor(severity));
    const QRectF r = QRectF(pixmap.rect()).adjusted(1.5, 1.5, -1.5, -1.5);
    switch (severity) {
    case detect::Severity::None:
        painter.drawEllipse(r);
        break;
    case detect::Severity::Watch:
    case detect::Severity::Warning:
        painter.drawPolygon(
            QPolygonF({QPointF(r.center().x(), r.top()), r.bottomRight(), r.bottomLeft()}));
        break;
    case detect::Severity::Critical:
        painter.drawRect(r);
        break;
    }
    return pixmap;
}

namespace {

QString reasonTr(const char *text)
{
    return QCoreApplication::translate("fw::Reason", text);
}

QString findingLabel(detect::GuardFlag finding)
{
    switch (finding) {
    case detect::GuardFlag::Within:
        return {};
    case detect::GuardFlag::Relation:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "out of step with the others"));
    case detect::GuardFlag::Forecast:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "off its forecast"));
    case detect::GuardFlag::Dropout:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "no values"));
    case detect::GuardFlag::Stuck:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "stuck"));
    case detect::GuardFlag::Noisy:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "noisy"));
    case detect::GuardFlag::Trend:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "changing fast"));
    case detect::GuardFlag::Jump:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "jump"));
    case detect::GuardFlag::OutOfNominalRange:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "out of its range"));
    case detect::GuardFlag::OutOfLimits:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "beyond its limits"));
    }
    return {};
}

} // namespace

QString reasonLabel(const Alarm &alarm)
{
    switch (alarm.reason) {
    case detect::AlarmReason::None:
        return {};
    case detect::AlarmReason::Forest:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "model"));
    case detect::AlarmReason::Limit:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "alarm limit"));
    case detect::AlarmReason::Relation:
        return reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "relation to the other channels"));
    case detect::AlarmReason::RangeGuard: {
        const QString finding = findingLabel(alarm.finding);
        const QString guard = reasonTr(QT_TRANSLATE_NOOP("fw::Reason", "range guard"));
        return finding.isEmpty() ? guard : guard + QStringLiteral(": ") + finding;
    }
    }
    return {};
}

QPixmap notMonitoringLamp(QSize size)
{
    QPixmap pixmap(size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF r = QRectF(pixmap.rect()).adjusted(2, 2, -2, -2);
    // Hollow and crossed out: it must never pass for the grey disc of Normal.
    painter.setPen(QPen(QApplication::palette().color(QPalette::Text), 2, Qt::DashLine));
    painter.setBrush(Qt::NoBrush);
    painter.drawEllipse(r);
    painter.setPen(QPen(QApplication::palette().color(QPalette::Text), 2));
    painter.drawLine(r.bottomLeft() + QPointF(3, -3), r.topRight() + QPointF(-3, 3));
    return pixmap;
}

} // namespace fw
