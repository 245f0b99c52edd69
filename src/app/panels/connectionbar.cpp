#include "panels/connectionbar.h"

#include "ui_connectionbar.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

namespace fw {

ConnectionBar::ConnectionBar(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ConnectionBar>())
{
    m_ui->setupUi(this);
    m_source = m_ui->sourceField;
    m_profile = m_ui->profileBox;
    m_connect = m_ui->connectButton;
    m_state = m_ui->stateLabel;
    m_stats = m_ui->statsLabel;
    m_source->lineEdit()->setPlaceholderText(tr("udp://0.0.0.0:9000, tcp://host:port, file://…"));

    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_connected) {
            Q_EMIT disconnectRequested();
        } else {
            Q_EMIT connectRequested(sourceText(), profileName());
        }
    });
    connect(m_source->lineEdit(), &QLineEdit::returnPressed, this,
            [this] { Q_EMIT connectRequested(sourceText(), profileName()); });
    connect(m_profile, &QComboBox::textActivated, this, &ConnectionBar::profileChosen);
    setConnected(false);
    showState(SourceState::Disconnected);
}

ConnectionBar::~ConnectionBar() = default;

QString ConnectionBar::sourceText() const
{
    return m_source->currentText().trimmed();
}

void ConnectionBar::setSourceText(const QString &text)
{
    m_source->setCurrentText(text);
}

QStringList ConnectionBar::history() const
{
    QStringList out;
    for (int i = 0; i < m_source->count(); ++i) {
        out << m_source->itemText(i);
    }
    return out;
}

void ConnectionBar::setHistory(const QStringList &history)
{
    const QString current = m_source->currentText();
    m_source->clear();
    m_source->addItems(history.mid(0, kHistorySize));
    m_source->setCurrentText(current);
}

void ConnectionBar::rememberSource(const QString &text)
{
    QStringList list = history();
    list.removeAll(text);
    list.prepend(text);
    setHistory(list);
    m_source->setCurrentText(text);
}

QString ConnectionBar::profileName() const
{
    return m_profile->currentText();
}

void ConnectionBar::setProfiles(const QStringList &names, const QString &current)
{
    const QSignalBlocker blocker(m_profile);
    m_profile->clear();
    m_profile->addItems(names);
    if (m_profile->findText(current) < 0) {
        m_profile->addItem(current);
    }
    m_profile->setCurrentText(current);
}

void ConnectionBar::setConnected(bool connected)
{
    m_connected = connected;
    m_connect->setText(connected ? tr("&Disconnect") : tr("&Connect"));
    m_profile->setEnabled(!connected);
    if (!connected) {
        m_stats->clear();
    }
}

void ConnectionBar::showState(SourceState state)
{
    QString text;
    QString color;
    switch (state) {
    case SourceState::Disconnected:
        text = tr("Disconnected");
        color = QStringLiteral("gray");
        break;
    case SourceState::Connecting:
        text = tr("Connecting…");
        color = QStringLiteral("#3b82d6");
        break;
    case SourceState::Live:
        text = tr("Live");
        color = QStringLiteral("#2e9e4f");
        break;
    case SourceState::Stale:
        text = tr("Stale: no data");
        color = QStringLiteral("#e8a317");
        break;
    }
    m_state->setText(QStringLiteral("<b><font color=\"%1\">●</font> %2</b>").arg(color, text));
    m_state->setAccessibleDescription(text);
}

void ConnectionBar::showStats(double samplesPerSecond, const SourceStats &stats)
{
    const std::uint64_t errors = stats.decodeErrors.total();
    const QLocale locale;
    m_stats->setText(tr("%1 samples/s · lost %2 · decode errors %3")
                         .arg(locale.toString(samplesPerSecond, 'f', 0),
                              locale.toString(qulonglong(stats.lost)),
                              locale.toString(qulonglong(errors))));
}

QString ConnectionBar::stateText() const
{
    return m_state->accessibleDescription();
}

} // namespace fw
