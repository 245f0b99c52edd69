#pragma once

#include <QDateTime>
#include <QList>
#include <QWidget>

#include <deque>
#include <memory>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTabWidget;
class QTableView;
class QTimer;

namespace fw {

namespace Ui {
class AlarmPanel;
}

class AlarmBook;
class AlarmJournal;
class AlarmHistoryModel;
class AlarmSortProxy;
class AlarmTableModel;

// The operator's alarm table with its actions: acknowledge the selected alarms or all of them,
// shelve with a reason and an expiry, unshelve, silence annunciation, export the journal. The
// actions are exposed so the main window can put them in its menus; their shortcuts work
// anywhere in the window. Lives on the GUI thread.
//
// For triage (ISA-18.2): the active table is sorted what-needs-acknowledging first, then by
// severity, filtered by state or channel, and groups an alarm that keeps coming back into one
// row with a count. A History tab shows the journal (read again at most once a second). More
// than kFloodCount live alarms raised within kFloodWindowS is a flood: the summary says so
// with the rate, and stops saying so once the rate has fallen.
//
// The panel runs the timer that ends shelves on time (once a second), since it is what the
// operator sees; a headless service calls AlarmBook::expireShelves() itself.
// book and journal (may be null: no export) must outlive the panel.
class AlarmPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlarmPanel)

public:
    static constexpr int kShelfCheckMs = 1000;
    static constexpr int kFlashMs = 500;   // unacknowledged alarms flash the summary until acked
    static constexpr int kFloodCount = 10; // ISA-18.2: more than 10 alarms in 10 minutes
    static constexpr int kFloodWindowS = 600;

    explicit AlarmPanel(AlarmBook *book, AlarmJournal *journal = nullptr,
                        QWidget *parent = nullptr);
    ~AlarmPanel() override;

    [[nodiscard]] QAction *acknowledgeAction() const { return m_acknowledge; }
    [[nodiscard]] QAction *acknowledgeAllAction() const { return m_acknowledgeAll; }
    [[nodiscard]] QAction *shelveAction() const { return m_shelve; }
    [[nodiscard]] QAction *unshelveAction() const { return m_unshelve; }
    [[nodiscard]] QAction *silenceAction() const { return m_silence; }
    [[nodiscard]] QAction *exportAction() const { return m_export; }

    [[nodiscard]] QTableView *view() const { return m_view; }
    [[nodiscard]] AlarmTableModel *model() const { return m_model; }
    [[nodiscard]] AlarmSortProxy *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *historyView() const { return m_historyView; }
    [[nodiscard]] AlarmHistoryModel *historyModel() const { return m_history; }
    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] QString summaryText() const;
    // Alarms raised within the last kFloodWindowS, by the book's clock.
    [[nodiscard]] int recentRaises() const;
    [[nodiscard]] bool isFlooded() const { return recentRaises() > kFloodCount; }

    // Recorded in the journal with every operator action. Defaults to the OS user name.
    [[nodiscard]] QString operatorName() const { return m_operator; }
    void setOperatorName(const QString &name);
    [[nodiscard]] static QString defaultOperatorName();

    [[nodiscard]] QList<quint64> selectedAlarmIds() const;
    // Times the book asked for annunciation (a beep, the window's alert, a flashing summary).
    [[nodiscard]] int annunciationCount() const { return m_annunciations; }
    [[nodiscard]] bool isFlashing() const;

    void acknowledgeSelected();
    void acknowledgeAll();
    // Opens the shelve dialog (window-modal, not blocking) for the selected alarms.
    void shelveSelected();
    void unshelveSelected();
    // Asks for a file and exports the journal to it.
    void exportJournal();
    // Exports to path; a failure is shown in a message box and reported by statusMessage.
    bool exportJournalTo(const QString &path);

Q_SIGNALS:
    // A line for the status bar: what an action did, or why it failed.
    void statusMessage(const QString &message);
    // The operator clicked an alarm's row: show its onset.
    void alarmActivated(quint64 id);

private:
    void createActions();
    // The form's tables and filters get their models and choices.
    void setUpActiveTab();
    void setUpHistoryTab();
    // What the selected alarms are, for the shelve dialog: "Warning · Bus voltage · 12:03:04".
    [[nodiscard]] QString describe(const QList<quint64> &ids) const;
    void updateActions();
    void updateSummary();
    void showJournalProblem(const QString &error);
    void annunciate();
    void flash();

    AlarmBook *m_book;
    AlarmJournal *m_journal;
    AlarmTableModel *m_model;
    AlarmSortProxy *m_proxy;
    QTableView *m_view = nullptr;
    AlarmHistoryModel *m_history;
    std::unique_ptr<Ui::AlarmPanel> m_ui; // the form, ui/alarmpanel.ui
    QTableView *m_historyView = nullptr;
    QTabWidget *m_tabs = nullptr;
    QComboBox *m_stateFilter = nullptr;
    QLineEdit *m_channelFilter = nullptr;
    QCheckBox *m_group = nullptr;
    std::deque<QDateTime> m_raises; // wall times of live raises within the flood window
    bool m_historyStale = false;    // the journal changed since the History tab read it
    QLabel *m_summary = nullptr;
    QLabel *m_journalProblem = nullptr;
    QTimer *m_shelfTimer;
    QTimer *m_flashTimer;
    bool m_flashOn = false;
    int m_annunciations = 0;
    QAction *m_acknowledge = nullptr;
    QAction *m_acknowledgeAll = nullptr;
    QAction *m_shelve = nullptr;
    QAction *m_unshelve = nullptr;
    QAction *m_silence = nullptr;
    QAction *m_export = nullptr;
    QString m_operator;
};

} // namespace fw
