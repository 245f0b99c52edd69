#pragma once

#include "alarms/alarmjournal.h"

#include <QAbstractTableModel>

#include <vector>

namespace fw {

// The alarm journal's last entries as a table, newest first: raised, acknowledged, shelved,
// cleared and closed alarms, and silencing, with who did it and why. What the operator looks
// back at once an alarm has left the active list. Reloaded from the file on demand (reload()),
// so it shows what the journal really holds. GUI thread.
class AlarmHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmHistoryModel)

public:
    static constexpr int kEntries = 1000;

    enum Column : int {
        TimeColumn,
        EventColumn,
        SeverityColumn,
        ChannelsColumn,
        OperatorColumn,
        NoteColumn,
        ColumnCount,
    };

    // journal may be null: the table stays empty.
    explicit AlarmHistoryModel(const AlarmJournal *journal, QObject *parent = nullptr);

    void reload();

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] static QString eventName(JournalEvent event);

private:
    const AlarmJournal *m_journal;
    std::vector<JournalEntry> m_entries; // newest first
};

} // namespace fw
