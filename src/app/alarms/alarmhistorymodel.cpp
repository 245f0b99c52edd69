#include "alarmhistorymodel.h"

#include "severitystyle.h"

#include <QBrush>
#include <QLocale>

#include <algorithm>

namespace fw {

AlarmHistoryModel::AlarmHistoryModel(const AlarmJournal *journal, QObject *parent)
    : QAbstractTableModel(parent)
    , m_journal(journal)
{
    reload();
}

void AlarmHistoryModel::reload()
{
    beginResetModel();
    m_entries.clear();
    if (m_journal) {
        m_entries = m_journal->readLast(kEntries);
        std::reverse(m_entries.begin(), m_entries.end());
    }
    endResetModel();
}

int AlarmHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int AlarmHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlarmHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const JournalEntry &entry = m_entries[std::size_t(index.row())];
    if (role == Qt::ForegroundRole && index.column() == SeverityColumn) {
        return QBrush(severityTextColor(entry.severity));
    }
    if (role == Qt::ToolTipRole && index.column() == TimeColumn) {
        return QLocale().toString(entry.wallTime.toLocalTime(), QLocale::LongFormat);
    }
    if (role != Qt::DisplayRole) {
        return {};
    }
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(entry.wallTime.toLocalTime(),
                                  QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case EventColumn:
        return eventName(entry.event);
    case SeverityColumn:
        return entry.severity == detect::Severity::None ? QString() : severityLabel(entry.severity);
    case ChannelsColumn:
        return entry.channels.join(QStringLiteral(", "));
    case OperatorColumn:
        return entry.operatorName;
    case NoteColumn:
        return entry.note;
    default:
        return {};
    }
}

QVariant AlarmHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case EventColumn:
        return tr("Event");
    case SeverityColumn:
        return tr("Severity");
    case ChannelsColumn:
        return tr("Channel(s)");
    case OperatorColumn:
        return tr("Operator");
    case NoteColumn:
        return tr("Note");
    default:
        return {};
    }
}

QString AlarmHistoryModel::eventName(JournalEvent event)
{
    switch (event) {
    case JournalEvent::Raised:
        return tr("Raised");
    case JournalEvent::Escalated:
        return tr("Escalated");
    case JournalEvent::Acknowledged:
        return tr("Acknowledged");
    case JournalEvent::Shelved:
        return tr("Shelved");
    case JournalEvent::Unshelved:
        return tr("Unshelved");
    case JournalEvent::ShelveExpired:
        return tr("Shelf expired");
    case JournalEvent::Cleared:
        return tr("Cleared");
    case JournalEvent::Closed:
        return tr("Closed");
    case JournalEvent::Silenced:
        return tr("Silenced");
    case JournalEvent::Unsilenced:
        return tr("Unsilenced");
    }
    return {};
}

} // namespace fw
