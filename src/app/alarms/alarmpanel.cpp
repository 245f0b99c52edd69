#include "alarmpanel.h"

#include "alarmhistorymodel.h"
#include "alarms/alarmbook.h"
#include "alarms/alarmjournal.h"
#include "alarmsortproxy.h"
#include "alarmtablemodel.h"
#include "severitystyle.h"
#include "shelvedialog.h"
#include "ui_alarmpanel.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

#include <algorithm>

namespace fw {

AlarmPanel::AlarmPanel(AlarmBook *book, AlarmJournal *journal, QWidget *parent)
    : QWidget(parent)
    , m_book(book)
    , m_journal(journal)
    , m_model(new AlarmTableModel(book, this))
    , m_proxy(new AlarmSortProxy(book, this))
    , m_history(new AlarmHistoryModel(journal, this))
    , m_ui(std::make_unique<Ui::AlarmPanel>())
    , m_shelfTimer(new QTimer(this))
    , m_flashTimer(new QTimer(this))
    , m_operator(defaultOperatorName())
{
    Q_ASSERT(book);
    m_ui->setupUi(this);
    m_view = m_ui->alarmView;
    m_historyView = m_ui->historyView;
    m_tabs = m_ui->tabs;
    m_summary = m_ui->summaryLabel;
    m_journalProblem = m_ui->journalProblemLabel;
    m_stateFilter = m_ui->stateFilter;
    m_channelFilter = m_ui->channelFilter;
    m_group = m_ui->groupBox;
    m_proxy->setSourceModel(m_model);

    m_journalProblem->setForegroundRole(QPalette::BrightText);
    m_journalProblem->setBackgroundRole(QPalette::Dark);
    m_journalProblem->setAutoFillBackground(true);
    m_journalProblem->hide();

    createActions();
    auto *toolBar = new QToolBar(this);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolBar->addActions({m_acknowledge, m_acknowledgeAll, m_shelve, m_unshelve});
    toolBar->addSeparator();
    toolBar->addActions({m_silence, m_export});

    // The form cannot hold a tool bar outside a main window.
    m_ui->layout->insertWidget(0, toolBar);
    setUpActiveTab();
    setUpHistoryTab();
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int tab) {
        if (tab == 1) {
            m_historyStale = false;
            m_history->reload();
        }
    });

    connect(book, &AlarmBook::alarmInserted, this, [this](int row) {
        // A replay at 25x is not a flood in the control room.
        if (!m_book->at(row).replay) {
            m_raises.push_back(m_book->at(row).raisedAt);
        }
        updateSummary();
    });
    // The journal is read again at most once a second, on the timer below: a flood of alarm
    // events must not make the GUI thread parse the file for each one.
    connect(book, &AlarmBook::summaryChanged, this, [this] { m_historyStale = true; });
    connect(m_view, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) {
        const QModelIndex source = m_proxy->mapToSource(index);
        if (source.isValid()) {
            Q_EMIT alarmActivated(m_model->alarmId(source.row()));
        }
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlarmPanel::updateActions);
    connect(book, &AlarmBook::summaryChanged, this, &AlarmPanel::updateActions);
    connect(book, &AlarmBook::summaryChanged, this, &AlarmPanel::updateSummary);
    connect(book, &AlarmBook::silencedChanged, this, [this](bool silenced) {
        m_silence->setChecked(silenced);
        updateSummary();
    });
    connect(book, &AlarmBook::journalFailed, this, &AlarmPanel::showJournalProblem);
    connect(book, &AlarmBook::annunciationRequested, this, &AlarmPanel::annunciate);
    connect(m_flashTimer, &QTimer::timeout, this, &AlarmPanel::flash);
    m_flashTimer->setInterval(kFlashMs);
    m_summary->setAutoFillBackground(true);
    connect(m_shelfTimer, &QTimer::timeout, this, [this] {
        m_book->expireShelves();
        updateSummary(); // the flood rate falls as time passes, alarms or not
        if (m_historyStale && m_tabs->currentIndex() == 1) {
            m_historyStale = false;
            m_history->reload();
        }
    });
    m_shelfTimer->start(kShelfCheckMs);
    if (journal && !journal->isOpen()) {
        showJournalProblem(journal->errorString());
    }
    updateActions();
    updateSummary();
}

AlarmPanel::~AlarmPanel() = default;

void AlarmPanel::setUpActiveTab()
{
    // The choices carry their filter, so they are filled here, not in the form.
    m_stateFilter->addItem(tr("All active"), int(AlarmSortProxy::StateFilter::All));
    m_stateFilter->addItem(tr("To acknowledge"),
                           int(AlarmSortProxy::StateFilter::NeedsAcknowledging));
    m_stateFilter->addItem(tr("Shelved"), int(AlarmSortProxy::StateFilter::Shelved));
    connect(m_stateFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setStateFilter(AlarmSortProxy::StateFilter(m_stateFilter->currentData().toInt()));
    });
    connect(m_channelFilter, &QLineEdit::textChanged, m_proxy, &AlarmSortProxy::setChannelFilter);
    m_group->setChecked(m_proxy->isGrouped());
    connect(m_group, &QCheckBox::toggled, m_proxy, &AlarmSortProxy::setGrouped);

    m_view->setModel(m_proxy);
    m_view->verticalHeader()->hide();
    // What needs acknowledging first, then the most severe, then the newest.
    m_view->sortByColumn(AlarmTableModel::SeverityColumn, Qt::DescendingOrder);
    QHeaderView *header = m_view->horizontalHeader();
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(AlarmTableModel::ChannelsColumn, QHeaderView::Stretch);
}

void AlarmPanel::setUpHistoryTab()
{
    m_historyView->setModel(m_history);
    m_historyView->verticalHeader()->hide();
    m_historyView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
}

void AlarmPanel::createActions()
{
    m_acknowledge = new QAction(tr("&Acknowledge"), this);
    m_acknowledge->setStatusTip(tr("Acknowledge the selected alarms"));
    connect(m_acknowledge, &QAction::triggered, this, &AlarmPanel::acknowledgeSelected);

    m_acknowledgeAll = new QAction(tr("Acknowledge a&ll"), this);
    m_acknowledgeAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_acknowledgeAll->setStatusTip(tr("Acknowledge every alarm that is not shelved"));
    connect(m_acknowledgeAll, &QAction::triggered, this, &AlarmPanel::acknowledgeAll);

    m_shelve = new QAction(tr("&Shelve…"), this);
    m_shelve->setStatusTip(tr("Suppress the selected alarms for a while, with a reason"));
    connect(m_shelve, &QAction::triggered, this, &AlarmPanel::shelveSelected);

    m_unshelve = new QAction(tr("&Unshelve"), this);
    m_unshelve->setStatusTip(tr("Return the selected shelved alarms to service"));
    connect(m_unshelve, &QAction::triggered, this, &AlarmPanel::unshelveSelected);

    m_silence = new QAction(tr("Si&lence"), this);
    m_silence->setCheckable(true);
    m_silence->setStatusTip(tr("Mute alarm annunciation; alarms still need acknowledging"));
    connect(m_silence, &QAction::toggled, this,
            [this](bool on) { m_book->setSilenced(on, m_operator); });

    m_export = new QAction(tr("&Export journal…"), this);
    m_export->setStatusTip(tr("Save a copy of the alarm journal as CSV"));
    m_export->setEnabled(m_journal != nullptr);
    connect(m_export, &QAction::triggered, this, &AlarmPanel::exportJournal);
}

void AlarmPanel::setOperatorName(const QString &name)
{
    m_operator = name.trimmed().isEmpty() ? defaultOperatorName() : name.trimmed();
}

QString AlarmPanel::defaultOperatorName()
{
    QString name = qEnvironmentVariable("USER");
    if (name.isEmpty()) {
        name = qEnvironmentVariable("USERNAME"); // Windows
    }
    return name.isEmpty() ? tr("operator") : name;
}

QList<quint64> AlarmPanel::selectedAlarmIds() const
{
    QList<quint64> ids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        for (quint64 id : m_proxy->alarmIds(index)) {
            if (!ids.contains(id)) {
                ids.append(id);
            }
        }
    }
    return ids;
}

void AlarmPanel::acknowledgeSelected()
{
    // Ids, not rows: acknowledging a latched alarm closes it and shifts the rows below.
    int done = 0;
    for (quint64 id : selectedAlarmIds()) {
        done += m_book->acknowledge(id, m_operator) ? 1 : 0;
    }
    if (done > 0) {
        Q_EMIT statusMessage(tr("Acknowledged %n alarm(s)", nullptr, done));
    }
}

void AlarmPanel::acknowledgeAll()
{
    const int done = m_book->acknowledgeAll(m_operator);
    Q_EMIT statusMessage(tr("Acknowledged %n alarm(s)", nullptr, done));
}

void AlarmPanel::shelveSelected()
{
    const QList<quint64> ids = selectedAlarmIds();
    if (ids.isEmpty()) {
        return;
    }
    auto *dialog = new ShelveDialog(m_book->now(), describe(ids), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, ids, dialog] {
        const QDateTime until = dialog->until(m_book->now());
        int done = 0;
        for (quint64 id : ids) {
            done += m_book->shelve(id, dialog->reason(), until, m_operator) ? 1 : 0;
        }
        Q_EMIT statusMessage(
            tr("Shelved %n alarm(s) until %1", nullptr, done)
                .arg(QLocale().toString(until.toLocalTime(), QLocale::ShortFormat)));
    });
    dialog->open();
}

QString AlarmPanel::describe(const QList<quint64> &ids) const
{
    QStringList lines;
    for (quint64 id : ids) {
        const int row = m_book->rowOf(id);
        if (row < 0) {
            continue;
        }
        const Alarm &alarm = m_book->at(row);
        lines << tr("%1 · %2 · raised %3")
                     .arg(severityLabel(alarm.severity),
                          alarm.channelLabels.join(QStringLiteral(", ")),
                          QLocale().toString(alarm.raisedAt.toLocalTime(),
                                             QStringLiteral("HH:mm:ss")));
    }
    constexpr int kShown = 5;
    if (lines.size() > kShown) {
        const auto more = int(lines.size()) - kShown;
        lines = lines.mid(0, kShown);
        lines << tr("and %n more", nullptr, more);
    }
    return lines.join(u'\n');
}

void AlarmPanel::unshelveSelected()
{
    for (quint64 id : selectedAlarmIds()) {
        (void)m_book->unshelve(id, m_operator);
    }
}

void AlarmPanel::exportJournal()
{
    if (!m_journal) {
        return;
    }
    const QString suggested = QDir::home().filePath(
        QStringLiteral("alarm-journal-%1.csv")
            .arg(m_book->now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export alarm journal"), suggested,
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (!path.isEmpty()) {
        (void)exportJournalTo(path);
    }
}

bool AlarmPanel::exportJournalTo(const QString &path)
{
    QString error;
    if (!m_journal) {
        error = tr("No alarm journal is kept.");
    } else if (m_journal->exportCsv(path, &error)) {
        Q_EMIT statusMessage(
            tr("Alarm journal exported to %1").arg(QDir::toNativeSeparators(path)));
        return true;
    }
    Q_EMIT statusMessage(tr("Alarm journal not exported: %1").arg(error));
    auto *box
        = new QMessageBox(QMessageBox::Warning, tr("Export alarm journal"),
                          tr("The alarm journal could not be exported."), QMessageBox::Ok, this);
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

void AlarmPanel::updateActions()
{
    bool canAcknowledge = false;
    bool canShelve = false;
    bool canUnshelve = false;
    for (quint64 id : selectedAlarmIds()) {
        const int row = m_book->rowOf(id);
        if (row < 0) {
            continue;
        }
        const Alarm &alarm = m_book->at(row);
        canAcknowledge = canAcknowledge || (!alarm.shelved && !alarm.acknowledged);
        canShelve = canShelve || !alarm.shelved;
        canUnshelve = canUnshelve || alarm.shelved;
    }
    m_acknowledge->setEnabled(canAcknowledge);
    m_shelve->setEnabled(canShelve);
    m_unshelve->setEnabled(canUnshelve);
    m_acknowledgeAll->setEnabled(
        m_book->countIn(AlarmState::Unacknowledged) + m_book->countIn(AlarmState::Latched) > 0);
}

int AlarmPanel::recentRaises() const
{
    const QDateTime since = m_book->now().addSecs(-kFloodWindowS);
    return int(std::count_if(m_raises.begin(), m_raises.end(),
                             [&](const QDateTime &t) { return t > since; }));
}

QString AlarmPanel::summaryText() const
{
    return m_summary->text();
}

void AlarmPanel::updateSummary()
{
    const QDateTime since = m_book->now().addSecs(-kFloodWindowS);
    while (!m_raises.empty() && m_raises.front() <= since) {
        m_raises.pop_front();
    }
    const int unacknowledged
        = m_book->countIn(AlarmState::Unacknowledged) + m_book->countIn(AlarmState::Latched);
    QStringList parts;
    const int recent = recentRaises();
    if (recent > kFloodCount) {
        // ISA-18.2's flood: more alarms than an operator can handle one by one.
        parts << tr("ALARM FLOOD: %n raised in the last 10 minutes", nullptr, recent);
    }
    if (unacknowledged > 0) {
        parts << tr("%n unacknowledged, highest %1", nullptr, unacknowledged)
                     .arg(severityLabel(m_book->highestUnacknowledgedSeverity()));
    } else {
        parts << tr("No unacknowledged alarms");
    }
    if (const int shelved = m_book->countIn(AlarmState::Shelved); shelved > 0) {
        parts << tr("%n shelved", nullptr, shelved);
    }
    if (m_book->isSilenced()) {
        parts << tr("annunciation silenced");
    }
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    QFont font = m_summary->font();
    font.setBold(recent > kFloodCount);
    m_summary->setFont(font);
    if (unacknowledged == 0 && m_flashTimer->isActive()) {
        m_flashTimer->stop();
        m_flashOn = true; // flash() turns it off
        flash();
    }
}

bool AlarmPanel::isFlashing() const
{
    return m_flashTimer->isActive();
}

// A live alarm was raised or escalated and annunciation is not silenced: the system's bell, the
// window manager's attention hint, and the summary flashing until every alarm is acknowledged.
void AlarmPanel::annunciate()
{
    ++m_annunciations;
    QApplication::beep();
    QApplication::alert(window());
    if (!m_flashTimer->isActive()) {
        m_flashTimer->start();
        flash();
    }
}

void AlarmPanel::flash()
{
    m_flashOn = !m_flashOn && m_flashTimer->isActive();
    QPalette palette = this->palette();
    if (m_flashOn) {
        const QColor fill = severityColor(m_book->highestUnacknowledgedSeverity());
        palette.setColor(QPalette::Window, fill);
        palette.setColor(QPalette::WindowText, fill.lightness() > 140 ? Qt::black : Qt::white);
    }
    m_summary->setPalette(palette);
}

void AlarmPanel::showJournalProblem(const QString &error)
{
    m_journalProblem->setText(tr("Alarm journal not written: %1").arg(error));
    m_journalProblem->show();
    Q_EMIT statusMessage(m_journalProblem->text());
}

} // namespace fw
