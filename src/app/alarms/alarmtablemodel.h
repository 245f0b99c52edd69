#pragma once

#include "alarms/alarm.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QPointer>

namespace fw {

class AlarmBook;

// The active alarms of an AlarmBook as a table, row for row in the book's order (newest first).
// Follows the book's about-to/done signals, so views and proxies see exact row inserts and
// removals. Lives on the GUI thread with its book; if the book goes first the model empties.
//
// Severity is never shown by colour alone: its column always carries the text, plus an icon
// shape and a colour; unacknowledged rows are bold.
class AlarmTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmTableModel)

public:
    enum Column : int {
        TimeColumn,
        SeverityColumn,
        ChannelsColumn,
        ValueColumn,
        ConfidenceColumn,
        StateColumn,
        ColumnCount,
    };

    enum Role : int {
        AlarmIdRole = Qt::UserRole + 1, // qulonglong: AlarmBook's id of the row's alarm
        SeverityRole,                   // int: detect::Severity
        StateRole,                      // int: AlarmState
        ReplayRole,                     // bool
    };

    explicit AlarmTableModel(AlarmBook *book, QObject *parent = nullptr);
    ~AlarmTableModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] AlarmBook *book() const;
    [[nodiscard]] quint64 alarmId(int row) const; // 0 when the row does not exist

    [[nodiscard]] static QString stateName(AlarmState state);

private:
    [[nodiscard]] QVariant display(const Alarm &alarm, int column) const;
    [[nodiscard]] QVariant toolTip(const Alarm &alarm, int column) const;

    QPointer<AlarmBook> m_book;
};

} // namespace fw
