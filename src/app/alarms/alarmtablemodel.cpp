#include "alarmtablemodel.h"

#include "alarms/alarmbook.h"
#include "severitystyle.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QIcon>
#include <QLocale>
#include <QPalette>

#include <cmath>

namespace fw {

namespace {

const QString kNone = QStringLiteral("—");

QDateTime localTime(double sourceTime)
{
    return QDateTime::fromMSecsSinceEpoch(qint64(std::llround(sourceTime * 1000.0)), Qt::LocalTime);
}

QString percent(double confidence)
{
    if (!std::isfinite(confidence)) {
        return kNone;
    }
    // Truncated, not rounded: a conformal confidence is never 1, and "100.00 %" would say it was.
    const double hundredths = std::floor(confidence * 10000.0 + 1e-6) / 100.0;
    return AlarmTableModel::tr("%1 %").arg(QLocale().toString(hundredths, 'f', 2));
}

// What the guard found, with %1 for the channels: a stuck sensor is not out of range.
QString guardToolTip(detect::GuardFlag finding)
{
    switch (finding) {
    case detect::GuardFlag::Stuck:
        return AlarmTableModel::tr("Stuck on one value: %1");
    case detect::GuardFlag::Dropout:
        return AlarmTableModel::tr("No values arriving: %1");
    case detect::GuardFlag::Noisy:
        return AlarmTableModel::tr("Noisier than anything seen in training: %1");
    case detect::GuardFlag::Trend:
        return AlarmTableModel::tr("Changing faster than anything seen in training: %1");
    case detect::GuardFlag::Jump:
        return AlarmTableModel::tr("A jump or spike larger than any seen in training: %1");
    case detect::GuardFlag::Forecast:
        return AlarmTableModel::tr("No longer moving the way its own recent values forecast: %1");
    default:
        return AlarmTableModel::tr("Outside the range seen in training: %1");
    }
}

bool needsAttention(const Alarm &alarm)
{
    const AlarmState state = alarm.state();
    return state == AlarmState::Unacknowledged || state == AlarmState::Latched;
}

} // namespace

AlarmTableModel::AlarmTableModel(AlarmBook *book, QObject *parent)
    : QAbstractTableModel(parent)
    , m_book(book)
{
    if (!book) {
        return;
    }
    connect(book, &AlarmBook::alarmAboutToBeInserted, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(book, &AlarmBook::alarmInserted, this, [this] { endInsertRows(); });
    connect(book, &AlarmBook::alarmAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(book, &AlarmBook::alarmRemoved, this, [this] { endRemoveRows(); });
    connect(book, &AlarmBook::alarmChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    // The QPointer is already null here, so rowCount() says 0 on both sides of the reset.
    connect(book, &QObject::destroyed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

AlarmTableModel::~AlarmTableModel() = default;

int AlarmTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_book ? 0 : m_book->count();
}

int AlarmTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

AlarmBook *AlarmTableModel::book() const
{
    return m_book;
}

quint64 AlarmTableModel::alarmId(int row) const
{
    return row >= 0 && row < rowCount() ? m_book->at(row).id : 0;
}

QVariant AlarmTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !m_book) {
        return {};
    }
    const Alarm &alarm = m_book->at(index.row());
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return display(alarm, column);
    case Qt::ToolTipRole:
        return toolTip(alarm, column);
    case Qt::ForegroundRole:
        if (column == SeverityColumn) {
            return QBrush(severityTextColor(alarm.severity));
        }
        if (alarm.state() == AlarmState::Shelved) {
            return QBrush(QApplication::palette().color(QPalette::Disabled, QPalette::Text));
        }
        return {};
    case Qt::DecorationRole:
        if (column == SeverityColumn) {
            // The lamp's shape as well as its colour, for those who cannot tell the colours.
            return QIcon(severityLamp(alarm.severity, QSize(14, 14)));
        }
        return {};
    case Qt::FontRole: {
        // Bold: needs acknowledging. Italic: replayed from a recording, never journaled (the
        // State column's tooltip says so too): told apart without a column of its own.
        if (!needsAttention(alarm) && !alarm.replay) {
            return {};
        }
        QFont font;
        font.setBold(needsAttention(alarm));
        font.setItalic(alarm.replay);
        return font;
    }
    case Qt::TextAlignmentRole:
        if (column == ValueColumn || column == ConfidenceColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case AlarmIdRole:
        return QVariant::fromValue(qulonglong(alarm.id));
    case SeverityRole:
        return int(alarm.severity);
    case StateRole:
        return int(alarm.state());
    case ReplayRole:
        return alarm.replay;
    default:
        return {};
    }
}

QVariant AlarmTableModel::display(const Alarm &alarm, int column) const
{
    switch (column) {
    case TimeColumn:
        return std::isfinite(alarm.sourceTimeRaised)
                   ? localTime(alarm.sourceTimeRaised).toString(QStringLiteral("hh:mm:ss"))
                   : kNone;
    case SeverityColumn:
        return severityLabel(alarm.severity);
    case ChannelsColumn:
        return alarm.channelLabels.isEmpty() ? kNone
                                             : alarm.channelLabels.join(QStringLiteral(", "));
    case ValueColumn:
        if (!std::isfinite(alarm.value)) {
            return kNone;
        }
        return alarm.unit.isEmpty() ? QLocale().toString(alarm.value, 'g', 6)
                                    : tr("%1 %2", "value and unit")
                                          .arg(QLocale().toString(alarm.value, 'g', 6), alarm.unit);
    case ConfidenceColumn:
        return percent(alarm.peakConfidence);
    case StateColumn: {
        QString state = stateName(alarm.state());
        if (alarm.shelved) {
            // The shelf's end and reason in the row itself: a shelved alarm must not be a
            // mystery to the next shift.
            state = tr("Shelved until %1: %2")
                        .arg(QLocale().toString(alarm.shelvedUntil.toLocalTime(),
                                                QStringLiteral("HH:mm")),
                             alarm.shelveReason);
        }
        return state;
    }
    default:
        return {};
    }
}

QVariant AlarmTableModel::toolTip(const Alarm &alarm, int column) const
{
    switch (column) {
    case TimeColumn:
        return tr("Source time %1\nSeen at %2")
            .arg(localTime(alarm.sourceTimeRaised)
                     .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss.zzz t")),
                 alarm.raisedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm:ss t")));
    case ChannelsColumn:
        switch (alarm.reason) {
        case detect::AlarmReason::Limit:
            return tr("Outside the profile's alarm limits: %1").arg(alarm.channels.join(u", "));
        case detect::AlarmReason::RangeGuard:
            return guardToolTip(alarm.finding).arg(alarm.channels.join(u", "));
        case detect::AlarmReason::Relation:
            return tr("No longer moving with the other channels: %1")
                .arg(alarm.channels.join(u", "));
        default:
            return tr("Most to blame in the detector's view: %1").arg(alarm.channels.join(u", "));
        }
    case ConfidenceColumn:
        return std::isfinite(alarm.confidence)
                   ? tr("%1 when raised, %2 at most")
                         .arg(percent(alarm.confidence), percent(alarm.peakConfidence))
                   : tr("Raised without a detector confidence");
    case StateColumn: {
        const QString replay
            = alarm.replay ? tr("From a replay (in italics): shown, never journaled.") : QString();
        const auto withReplay = [&](const QString &text) {
            return replay.isEmpty() ? text : text.isEmpty() ? replay : text + u'\n' + replay;
        };
        if (alarm.shelved) {
            return withReplay(tr("Shelved by %1 until %2: %3")
                                  .arg(alarm.shelvedBy,
                                       alarm.shelvedUntil.toLocalTime().toString(
                                           QStringLiteral("yyyy-MM-dd hh:mm")),
                                       alarm.shelveReason));
        }
        if (alarm.acknowledged) {
            return withReplay(
                tr("Acknowledged by %1 at %2")
                    .arg(alarm.acknowledgedBy,
                         alarm.acknowledgedAt.toLocalTime().toString(QStringLiteral("hh:mm:ss"))));
        }
        return withReplay({});
    }
    default:
        return {};
    }
}

QVariant AlarmTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section == ConfidenceColumn) {
        return tr("The detector's highest confidence while the alarm stood");
    }
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case SeverityColumn:
        return tr("Severity");
    case ChannelsColumn:
        return tr("Channel(s)");
    case ValueColumn:
        return tr("Value");
    case ConfidenceColumn:
        return tr("Peak");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QString AlarmTableModel::stateName(AlarmState state)
{
    switch (state) {
    case AlarmState::Unacknowledged:
        return tr("Unacknowledged");
    case AlarmState::Acknowledged:
        return tr("Acknowledged");
    case AlarmState::Latched:
        return tr("Latched");
    case AlarmState::Shelved:
        return tr("Shelved");
    case AlarmState::Closed:
        return tr("Closed");
    }
    return {};
}

} // namespace fw
