#include "alarmsortproxy.h"

#include "alarms/alarmbook.h"
#include "alarmtablemodel.h"

#include <QLocale>

#include <cmath>
#include <limits>
#include <tuple>

namespace fw {

namespace {

bool needsAttention(const Alarm &alarm)
{
    const AlarmState state = alarm.state();
    return state == AlarmState::Unacknowledged || state == AlarmState::Latched;
}

double orLowest(double value)
{
    return std::isfinite(value) ? value : -std::numeric_limits<double>::infinity();
}

} // namespace

AlarmSortProxy::AlarmSortProxy(AlarmBook *book, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_book(book)
{
    setDynamicSortFilter(true);
}

void AlarmSortProxy::setSourceModel(QAbstractItemModel *source)
{
    if (QAbstractItemModel *old = sourceModel()) {
        disconnect(old, nullptr, this, nullptr);
    }
    // The base class connects its own handlers here; ours come after them, so a refilter sees
    // the proxy's mapping already updated. (Grouping looks at other rows: a new alarm can hide
    // an older one of its group, a closed one show the next.)
    QSortFilterProxyModel::setSourceModel(source);
    if (source) {
        connect(source, &QAbstractItemModel::rowsInserted, this, &AlarmSortProxy::refilter);
        connect(source, &QAbstractItemModel::rowsRemoved, this, &AlarmSortProxy::refilter);
        connect(source, &QAbstractItemModel::dataChanged, this, &AlarmSortProxy::refilter);
    }
    refilter();
}

void AlarmSortProxy::refilter()
{
    QSet<quint64> hidden;
    if (m_grouped) {
        for (int row = 0; row < m_book->count(); ++row) {
            const Alarm &alarm = m_book->at(row);
            if (!passesFilters(alarm)) {
                continue;
            }
            // The book is newest first: a group's row is its first member.
            for (int r = 0; r < row; ++r) {
                const Alarm &other = m_book->at(r);
                if (sameGroup(alarm, other) && passesFilters(other)) {
                    hidden.insert(alarm.id);
                    break;
                }
            }
        }
    }
    m_hidden = hidden;
    invalidateFilter();
}

void AlarmSortProxy::setStateFilter(StateFilter filter)
{
    if (filter != m_stateFilter) {
        m_stateFilter = filter;
        refilter();
    }
}

void AlarmSortProxy::setChannelFilter(const QString &text)
{
    if (text.trimmed() != m_channelFilter) {
        m_channelFilter = text.trimmed();
        refilter();
    }
}

void AlarmSortProxy::setGrouped(bool grouped)
{
    if (grouped != m_grouped) {
        m_grouped = grouped;
        refilter();
    }
}

bool AlarmSortProxy::passesFilters(const Alarm &alarm) const
{
    switch (m_stateFilter) {
    case StateFilter::All:
        break;
    case StateFilter::NeedsAcknowledging:
        if (!needsAttention(alarm)) {
            return false;
        }
        break;
    case StateFilter::Shelved:
        if (!alarm.shelved) {
            return false;
        }
        break;
    }
    if (m_channelFilter.isEmpty()) {
        return true;
    }
    for (const QString &name : alarm.channelLabels + alarm.channels) {
        if (name.contains(m_channelFilter, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

bool AlarmSortProxy::sameGroup(const Alarm &a, const Alarm &b)
{
    return a.replay == b.replay && a.channels == b.channels;
}

QList<int> AlarmSortProxy::groupRows(int row) const
{
    const Alarm &alarm = m_book->at(row);
    QList<int> rows;
    for (int r = 0; r < m_book->count(); ++r) {
        const Alarm &other = m_book->at(r);
        if ((r == row || sameGroup(alarm, other)) && passesFilters(other)) {
            rows << r;
        }
    }
    return rows;
}

bool AlarmSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &parent) const
{
    if (parent.isValid() || sourceRow >= m_book->count()) {
        return false;
    }
    const Alarm &alarm = m_book->at(sourceRow);
    return passesFilters(alarm) && !m_hidden.contains(alarm.id);
}

QList<quint64> AlarmSortProxy::alarmIds(const QModelIndex &proxyIndex) const
{
    QList<quint64> ids;
    const QModelIndex source = mapToSource(proxyIndex);
    if (!source.isValid()) {
        return ids;
    }
    if (!m_grouped) {
        ids << m_book->at(source.row()).id;
        return ids;
    }
    for (int r : groupRows(source.row())) {
        ids << m_book->at(r).id;
    }
    return ids;
}

int AlarmSortProxy::groupSize(const QModelIndex &proxyIndex) const
{
    const QModelIndex source = mapToSource(proxyIndex);
    if (!source.isValid()) {
        return 0;
    }
    return m_grouped ? int(groupRows(source.row()).size()) : 1;
}

QVariant AlarmSortProxy::data(const QModelIndex &index, int role) const
{
    QVariant value = QSortFilterProxyModel::data(index, role);
    if (role != Qt::DisplayRole || index.column() != AlarmTableModel::ChannelsColumn
        || !m_grouped) {
        return value;
    }
    const int size = groupSize(index);
    return size > 1 ? tr("%1 ×%2").arg(value.toString(), QLocale().toString(size)) : value;
}

bool AlarmSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const Alarm &a = m_book->at(left.row());
    const Alarm &b = m_book->at(right.row());
    switch (left.column()) {
    case AlarmTableModel::SeverityColumn:
        // Priority: needing acknowledgement, then severity, then newest.
        return std::tuple(needsAttention(a), int(a.severity), orLowest(a.sourceTimeRaised))
               < std::tuple(needsAttention(b), int(b.severity), orLowest(b.sourceTimeRaised));
    case AlarmTableModel::TimeColumn:
        return orLowest(a.sourceTimeRaised) < orLowest(b.sourceTimeRaised);
    case AlarmTableModel::ValueColumn:
        return orLowest(a.value) < orLowest(b.value);
    case AlarmTableModel::ConfidenceColumn:
        return orLowest(a.peakConfidence) < orLowest(b.peakConfidence);
    case AlarmTableModel::StateColumn:
        return int(a.state()) < int(b.state());
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

} // namespace fw
