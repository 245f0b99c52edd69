#pragma once

#include "alarms/alarm.h"
#include "detect/alarmpolicy.h"

#include <QColor>
#include <QPixmap>
#include <QString>

namespace fw {

// How a severity looks everywhere in the console: a word first, then a colour and a shape, so
// that it never rests on colour alone.
[[nodiscard]] QString severityLabel(detect::Severity severity);
// The fill of lamps, bars and shading.
[[nodiscard]] QColor severityColor(detect::Severity severity);
// Dark enough to read as text on a light background; the palette's text colour for normal.
[[nodiscard]] QColor severityTextColor(detect::Severity severity);
// A lamp: a circle for normal, a triangle for watch and warning, a square for critical.
[[nodiscard]] QPixmap severityLamp(detect::Severity severity, QSize size);

// What raised an alarm, in the operator's words and language: "model", "range guard: stuck",
// "alarm limit", "relation to the other channels". The journal keeps its own untranslated names.
[[nodiscard]] QString reasonLabel(const Alarm &alarm);

// The lamp for "not monitoring": a hollow, dashed, crossed-out circle, unlike any severity's.
[[nodiscard]] QPixmap notMonitoringLamp(QSize size);

} // namespace fw
