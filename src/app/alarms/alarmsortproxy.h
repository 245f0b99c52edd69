#pragma once

#include "alarms/alarm.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>

namespace fw {

class AlarmBook;

// What the operator triages from: the active alarms sorted, filtered and grouped.
//
// - Sorting by the Severity column (the default, descending) puts what needs acknowledging
//   first, then the highest severity, then the newest. Other columns sort by their value.
// - Filters: by state (all, needing acknowledgement, shelved) and by a text found in the
//   channel names.
// - Grouping (on by default): the alarms of one set of channels (and one stream, live or replay)
//   show as one row with "×N" after the channel names: the group's most urgent alarm (needing
//   acknowledgement, then the most severe, then the newest), so a latched Critical is never
//   hidden behind a newer acknowledged Watch. Acting on the row acts on every alarm of the
//   group. A channel that raises twenty times is one line, not twenty.
class AlarmSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmSortProxy)

public:
    enum class StateFilter { All, NeedsAcknowledging, Shelved };

    explicit AlarmSortProxy(AlarmBook *book, QObject *parent = nullptr);

    void setStateFilter(StateFilter filter);
    [[nodiscard]] StateFilter stateFilter() const { return m_stateFilter; }
    void setChannelFilter(const QString &text);
    void setGrouped(bool grouped);
    [[nodiscard]] bool isGrouped() const { return m_grouped; }

    // The alarms a proxy row stands for: one, or its whole group.
    [[nodiscard]] QList<quint64> alarmIds(const QModelIndex &proxyIndex) const;
    // How many alarms a proxy row stands for.
    [[nodiscard]] int groupSize(const QModelIndex &proxyIndex) const;

    void setSourceModel(QAbstractItemModel *source) override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &parent) const override;
    [[nodiscard]] bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    [[nodiscard]] bool passesFilters(const Alarm &alarm) const;
    [[nodiscard]] static QString groupKey(const Alarm &alarm);
    // Rows of the book in the group of row (passing the filters), newest first.
    [[nodiscard]] QList<int> groupRows(int row) const;
    // Recomputes the groups; refilters when what is hidden changed, or always with force (a
    // filter changed). O(alarms).
    void refilter(bool force);

    AlarmBook *m_book;
    StateFilter m_stateFilter = StateFilter::All;
    QString m_channelFilter;
    bool m_grouped = true;
    // Alarms hidden behind a newer one of their group, as of the last refilter(). Kept by id so
    // that filterAcceptsRow() answers the same for a row until the next refilter, which the
    // proxy's bookkeeping relies on; a new alarm is shown until then.
    QSet<quint64> m_hidden;
    QHash<QString, int> m_groupSizes; // by groupKey(), as of the last refilter()
};

} // namespace fw
