#include "panels/anomalypanel.h"

#include "panels/confidencegauge.h"
#include "severitystyle.h"
#include "ui_anomalypanel.h"

#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw {

namespace {

constexpr std::size_t kValuesPerSecond = 512; // enough for a median; bounded at any rate
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString monitorText(MonitorState state)
{
    switch (state) {
    case MonitorState::Monitoring:
        return {};
    case MonitorState::NoSource:
        return AnomalyPanel::tr("no source connected");
    case MonitorState::Connecting:
        return AnomalyPanel::tr("connecting to the source");
    case MonitorState::Stale:
        return AnomalyPanel::tr("no data from the source");
    case MonitorState::ReplayEnded:
        return AnomalyPanel::tr("the replay has ended");
    case MonitorState::NoModel:
        return AnomalyPanel::tr("no model: samples are plotted, not judged");
    case MonitorState::ProfileMismatch:
        return AnomalyPanel::tr("the data does not match the profile");
    }
    return {};
}

} // namespace

AnomalyPanel::AnomalyPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::AnomalyPanel>())
    , m_level(kNaN)
{
    m_ui->setupUi(this);
    m_gauge = m_ui->gauge;
    m_lamp = m_ui->lampLabel;
    m_severity = m_ui->severityLabel;
    m_detail = m_ui->detailLabel;
    m_attributionBox = m_ui->attributionBox;
    m_model = m_ui->modelLabel;
    // Relative to the platform's font, which the form cannot say.
    QFont big = m_severity->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.6);
    m_severity->setFont(big);
    connect(m_ui->detailsButton, &QPushButton::clicked, this, &AnomalyPanel::modelDetailsRequested);

    setModelIdentity({});
    refresh();
}

AnomalyPanel::~AnomalyPanel() = default;

void AnomalyPanel::setProfile(const Profile &profile)
{
    QFormLayout *form = m_ui->attributionForm;
    while (form->rowCount() > 0) {
        form->removeRow(0);
    }
    m_attribution.clear();
    m_attributionLabels.clear();
    m_channelIds.clear();
    for (const Channel &channel : profile.channels) {
        auto *bar = new QProgressBar(m_attributionBox);
        bar->setRange(0, 100);
        bar->setFormat(tr("%p %"));
        bar->setAccessibleName(tr("Share of %1").arg(channel.label));
        auto *label = new QLabel(channel.label, m_attributionBox);
        form->addRow(label, bar);
        m_attribution.push_back(bar);
        m_attributionLabels.push_back(label);
        m_channelIds << channel.id;
    }
    clearResults();
}

void AnomalyPanel::setModelIdentity(const ModelIdentity &identity)
{
    if (identity.sha256.isEmpty()) {
        m_model->setText(tr("No model: samples are plotted but not scored."));
        m_model->setToolTip({});
        return;
    }
    m_model->setText(tr("%1\nSHA-256 %2…\ntrained on %Ln rows", nullptr, int(identity.trainedRows))
                         .arg(identity.name, identity.sha256.left(12)));
    m_model->setToolTip(identity.path.isEmpty() ? identity.sha256
                                                : identity.path + u'\n' + identity.sha256);
}

void AnomalyPanel::setPolicy(const detect::AlarmPolicyOptions *policy)
{
    if (policy) {
        m_gauge->setLevels(*policy);
    } else {
        m_gauge->clearLevels();
    }
}

void AnomalyPanel::showResults(const ResultBlock &results)
{
    const detect::DetectionResults &r = results.results;
    const auto width = std::size_t(std::max(r.channels, 0));
    if (m_episodeShares.size() != width) {
        m_episodeShares.assign(width, 0.0);
    }
    // Only rows every array covers: a short array is a broken block, not a crash.
    std::size_t rows = std::min({r.size(), results.t.size(), r.confidence.size(), r.alarm.size(),
                                 r.severity.size(), r.raisedNow.size()});
    if (width > 0) {
        rows = std::min(rows, r.attribution.size() / width);
    }
    for (std::size_t row = 0; row < rows; ++row) {
        const double second = std::floor(results.t[row]);
        if (!m_secondOpen || second != m_second) {
            closeSecond();
            m_second = second;
            m_secondOpen = true;
        }
        const double confidence = r.confidence[row];
        if (std::isfinite(confidence)) {
            // A bounded, even sample of the second (reservoir sampling): at 1 kHz the median
            // is of the whole second, not of its first half.
            ++m_secondSeen;
            if (m_secondValues.size() < kValuesPerSecond) {
                m_secondValues.push_back(confidence);
            } else {
                m_random = m_random * 6364136223846793005ULL + 1442695040888963407ULL;
                const std::uint64_t slot = (m_random >> 33) % m_secondSeen;
                if (slot < kValuesPerSecond) {
                    m_secondValues[slot] = confidence;
                }
            }
        }
        if (r.alarm[row] == 0) {
            m_episodeOpen = false;
            continue;
        }
        m_secondSeverity = std::max(m_secondSeverity, r.severity[row]);
        if (!m_episodeOpen || r.raisedNow[row] != 0) {
            std::fill(m_episodeShares.begin(), m_episodeShares.end(), 0.0);
            m_episodeOpen = true;
        }
        // The shares of the row that named the alarm's channels (its raise, or the first row
        // with any attribution), held: they are what the alarm row says, not the newest sample.
        double held = 0;
        for (double share : m_episodeShares) {
            held += share;
        }
        if (held > 0) {
            continue;
        }
        for (std::size_t c = 0; c < width; ++c) {
            const double share = r.attribution[row * width + c];
            m_episodeShares[c] = std::isfinite(share) ? share : 0.0;
        }
    }
}

void AnomalyPanel::closeSecond()
{
    if (!m_secondOpen) {
        return;
    }
    double median = kNaN;
    if (!m_secondValues.empty()) {
        auto middle = m_secondValues.begin() + std::ptrdiff_t(m_secondValues.size() / 2);
        std::nth_element(m_secondValues.begin(), middle, m_secondValues.end());
        median = *middle;
    }
    m_gauge->pushSecond(median, m_secondSeverity);
    m_level = median;
    m_secondValues.clear();
    m_secondSeen = 0;
    m_secondSeverity = detect::Severity::None;
    m_secondOpen = false;
}

void AnomalyPanel::showAlarm(const Alarm *alarm)
{
    m_alarmStanding = alarm != nullptr;
    if (alarm) {
        m_alarm = *alarm;
    }
    refresh();
}

void AnomalyPanel::setMonitoring(MonitorState state, const QString &detail)
{
    if (state == m_monitor && detail == m_monitorDetail) {
        return;
    }
    m_monitor = state;
    m_monitorDetail = detail;
    refresh();
}

void AnomalyPanel::clearResults()
{
    m_alarmStanding = false;
    m_episodeOpen = false;
    std::fill(m_episodeShares.begin(), m_episodeShares.end(), 0.0);
    m_secondOpen = false;
    m_secondValues.clear();
    m_secondSeen = 0;
    m_secondSeverity = detect::Severity::None;
    m_level = kNaN;
    m_gauge->clearHistory();
    refresh();
}

void AnomalyPanel::refresh()
{
    const bool judging = m_monitor == MonitorState::Monitoring;
    const bool alarm = judging && m_alarmStanding;
    if (!judging) {
        m_severity->setText(tr("Not monitoring"));
        m_lamp->setPixmap(notMonitoringLamp(m_lamp->size()));
        QString why = monitorText(m_monitor);
        if (!m_monitorDetail.isEmpty()) {
            why += QStringLiteral(": ") + m_monitorDetail;
        }
        m_detail->setText(why);
        m_gauge->setValue(kNaN, detect::Severity::None);
    } else if (alarm) {
        m_severity->setText(severityLabel(m_alarm.severity));
        m_lamp->setPixmap(severityLamp(m_alarm.severity, m_lamp->size()));
        const QString channels = m_alarm.channelLabels.join(QStringLiteral(", "));
        m_detail->setText(tr("%1 · %2 · since %3")
                              .arg(channels, reasonLabel(m_alarm),
                                   QLocale().toString(m_alarm.raisedAt.toLocalTime().time(),
                                                      QStringLiteral("HH:mm:ss"))));
        // Something other than the forest raised it: say whose figure the bar shows.
        const QString prefix
            = m_alarm.reason == detect::AlarmReason::Forest ? QString() : tr("model");
        m_gauge->setValue(m_alarm.peakConfidence, m_alarm.severity, prefix);
    } else {
        m_severity->setText(severityLabel(detect::Severity::None));
        m_lamp->setPixmap(severityLamp(detect::Severity::None, m_lamp->size()));
        m_detail->setText(tr("No alarm standing."));
        m_gauge->setValue(m_level, detect::Severity::None);
    }
    QPalette pal = m_severity->palette();
    pal.setColor(QPalette::WindowText, alarm ? severityTextColor(m_alarm.severity)
                                             : palette().color(QPalette::WindowText));
    m_severity->setPalette(pal);
    m_lamp->setToolTip(m_severity->text());
    showAttribution();
}

void AnomalyPanel::showAttribution()
{
    const bool alarm = m_monitor == MonitorState::Monitoring && m_alarmStanding;
    double total = 0;
    for (double share : m_episodeShares) {
        total += share;
    }
    for (std::size_t c = 0; c < m_attribution.size(); ++c) {
        const double share
            = alarm && total > 0 && c < m_episodeShares.size() ? m_episodeShares[c] / total : 0.0;
        m_attribution[c]->setValue(int(std::lround(100 * share)));
        QFont font = m_attributionLabels[c]->font();
        font.setBold(alarm && m_alarm.channels.contains(m_channelIds.value(int(c))));
        m_attributionLabels[c]->setFont(font);
    }
}

int AnomalyPanel::confidencePercent() const
{
    const double value = m_gauge->value();
    return std::isfinite(value) ? int(std::lround(100 * value)) : 0;
}

double AnomalyPanel::confidence() const
{
    return m_gauge->value();
}

QString AnomalyPanel::severityText() const
{
    return m_severity->text();
}

QString AnomalyPanel::detailText() const
{
    return m_detail->text();
}

QColor AnomalyPanel::confidenceColor() const
{
    return m_gauge->fillColor();
}

std::vector<int> AnomalyPanel::attributionPercents() const
{
    std::vector<int> out;
    for (const QProgressBar *bar : m_attribution) {
        out.push_back(bar->value());
    }
    return out;
}

QStringList AnomalyPanel::namedChannels() const
{
    QStringList out;
    for (const QLabel *label : m_attributionLabels) {
        if (label->font().bold()) {
            out << label->text();
        }
    }
    return out;
}

QString AnomalyPanel::modelText() const
{
    return m_model->text();
}

} // namespace fw
