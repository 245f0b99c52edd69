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
