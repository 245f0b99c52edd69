#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QTimer;

namespace fw {

class AlarmBook;
class AlarmJournal;
class AlarmTableModel;

// The operator's alarm table with its actions: acknowledge the selected alarms or all of them,
// shelve with a reason and an expiry, unshelve, silence annunciation, export the journal. The
// actions are exposed so the main window can put them in its menus; their shortcuts work
// anywhere in the window. Lives on the GUI thread.
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
    static constexpr int kFlashMs = 500; // unacknowledged alarms flash the summary until acked

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

private:
    void createActions();
    void updateActions();
    void updateSummary();
    void showJournalProblem(const QString &error);
    void annunciate();
    void flash();

    AlarmBook *m_book;
    AlarmJournal *m_journal;
    AlarmTableModel *m_model;
    QTableView *m_view;
    QLabel *m_summary;
    QLabel *m_journalProblem;
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
