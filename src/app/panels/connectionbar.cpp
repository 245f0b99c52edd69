#include "panels/connectionbar.h"

#include "ui_connectionbar.h"

#include <QAbstractItemView>
#include <QColor>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>

#include <algorithm>

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
    m_stream = m_ui->streamBox;
    m_ui->streamLabel->hide();
    m_stream->hide();
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
    connect(m_stream, &QComboBox::activated, this, [this](int index) {
        Q_EMIT streamChosen(m_stream->itemData(index).value<std::uint32_t>());
    });
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

void ConnectionBar::showStreams(const std::vector<StreamChoice> &streams)
{
    const bool same = streams.size() == m_streams.size()
                      && std::equal(streams.begin(), streams.end(), m_streams.begin(),
                                    [](const StreamChoice &a, const StreamChoice &b) {
                                        return a.id == b.id && a.key == b.key && a.alarm == b.alarm
                                               && a.alarmsRaised == b.alarmsRaised;
                                    });
    // Not while the list is open: the operator is choosing from it.
    if (same || m_stream->view()->isVisible()) {
        return;
    }
    m_streams = streams;
    m_ui->streamLabel->setVisible(!streams.empty());
    m_stream->setVisible(!streams.empty());
    const std::uint32_t chosen = chosenStream();
    const QSignalBlocker blocker(m_stream);
    m_stream->clear();
    int alarms = 0;
    int raised = 0;
    for (const StreamChoice &stream : streams) {
        // The watched stream's alarms are in the alarm table; the others' are shown here, so that
        // one that came and went while another stream was watched is not missed either.
        QString text = stream.key;
        if (stream.alarm) {
            text = tr("%1 (alarm)").arg(stream.key);
        } else if (stream.alarmsRaised > 0) {
            text = tr("%1 (alarms raised: %2)").arg(stream.key).arg(stream.alarmsRaised);
        }
        m_stream->addItem(text, QVariant::fromValue(stream.id));
        if (stream.alarm) {
            m_stream->setItemData(m_stream->count() - 1, QColor(0xc0, 0x39, 0x2b),
                                  Qt::ForegroundRole);
        }
        alarms += stream.alarm ? 1 : 0;
        raised += stream.alarmsRaised > 0 ? 1 : 0;
    }
    chooseStream(chosen);
    showOtherAlarms();
    // The whole fleet at a glance, beside the one being watched.
    const QString summary = tr("%1 streams, %2 holding an alarm, %3 raised one. The plots and "
                               "alarms follow the one chosen here.")
                                .arg(streams.size())
                                .arg(alarms)
                                .arg(raised);
    m_stream->setAccessibleDescription(summary);
    m_stream->setToolTip(summary);
}

void ConnectionBar::chooseStream(std::uint32_t id)
{
    const int index = m_stream->findData(QVariant::fromValue(id));
    const QSignalBlocker blocker(m_stream);
    m_stream->setCurrentIndex(index >= 0 ? index : 0);
    showOtherAlarms();
}

void ConnectionBar::showOtherAlarms()
{
    // The alarm table follows the chosen stream only: alarms elsewhere are said here, in red.
    const std::uint32_t chosen = chosenStream();
    const auto others
        = std::count_if(m_streams.begin(), m_streams.end(),
                        [chosen](const StreamChoice &s) { return s.alarm && s.id != chosen; });
    m_ui->streamLabel->setText(others > 0 ? tr("S&tream (alarms elsewhere: %1):").arg(others)
                                          : tr("S&tream:"));
    m_ui->streamLabel->setStyleSheet(
        others > 0 ? QStringLiteral("color: #c0392b; font-weight: bold") : QString());
}

std::uint32_t ConnectionBar::chosenStream() const
{
    return m_stream->currentIndex() < 0 ? 0 : m_stream->currentData().value<std::uint32_t>();
}

} // namespace fw
