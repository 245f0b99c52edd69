#include "alarmsortproxy.h"

#include "alarms/alarmbook.h"
#include "alarmtablemodel.h"

#include <QLocale>

#include <algorithm>
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

// What comes first in triage: needing acknowledgement, then severity, then the newest.
std::tuple<bool, int, double> priority(const Alarm &alarm)
{
    return {needsAttention(alarm), int(alarm.severity), orLowest(alarm.sourceTimeRaised)};
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
        const auto regroup = [this] {
            refilter(false);
        };
        connect(source, &QAbstractItemModel::rowsInserted, this, regroup);
        connect(source, &QAbstractItemModel::rowsRemoved, this, regroup);
        connect(source, &QAbstractItemModel::dataChanged, this, regroup);
    }
    refilter(true);
}

void AlarmSortProxy::refilter(bool force)
{
    // One pass: the most urgent member of each group is its row; the rest are hidden.
    QHash<QString, int> best;
    QHash<QString, int> sizes;
    if (m_grouped) {
        for (int row = 0; row < m_book->count(); ++row) {
            const Alarm &alarm = m_book->at(row);
            if (!passesFilters(alarm)) {
                continue;
            }
            const QString key = groupKey(alarm);
            ++sizes[key];
            const auto it = best.find(key);
            if (it == best.end() || priority(m_book->at(*it)) < priority(alarm)) {
                best[key] = row;
            }
        }
    }
    QSet<quint64> hidden;
    for (int row = 0; m_grouped && row < m_book->count(); ++row) {
        const Alarm &alarm = m_book->at(row);
        const auto it = best.constFind(groupKey(alarm));
        if (it != best.constEnd() && *it != row) {
            hidden.insert(alarm.id);
        }
    }
    m_groupSizes = sizes;
    if (hidden != m_hidden || force) {
        m_hidden = hidden;
        invalidateFilter();
    }
}

void AlarmSortProxy::setStateFilter(StateFilter filter)
{
    if (filter != m_stateFilter) {
        m_stateFilter = filter;
        refilter(true);
    }
}

void AlarmSortProxy::setChannelFilter(const QString &text)
{
    if (text.trimmed() != m_channelFilter) {
        m_channelFilter = text.trimmed();
        refilter(true);
    }
}

void AlarmSortProxy::setGrouped(bool grouped)
{
    if (grouped != m_grouped) {
        m_grouped = grouped;
        refilter(true);
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

QString AlarmSortProxy::groupKey(const Alarm &alarm)
{
    return (alarm.replay ? QStringLiteral("replay:") : QStringLiteral("live:"))
           + alarm.channels.join(u'+');
}

QList<int> AlarmSortProxy::groupRows(int row) const
{
    const QString key = groupKey(m_book->at(row));
    QList<int> rows;
    for (int r = 0; r < m_book->count(); ++r) {
        const Alarm &other = m_book->at(r);
        if ((r == row || groupKey(other) == key) && passesFilters(other)) {
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
    // Painting asks for every Channels cell: the count kept by refilter(), not a scan.
    return m_grouped ? std::max(1, m_groupSizes.value(groupKey(m_book->at(source.row())), 1)) : 1;
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
        return priority(a) < priority(b);
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
