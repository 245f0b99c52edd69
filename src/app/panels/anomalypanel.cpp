#include "panels/anomalypanel.h"

#include "severitystyle.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLayout>
#include <QProgressBar>
#include <QVBoxLayout>

#include <cmath>

namespace fw {

AnomalyPanel::AnomalyPanel(QWidget *parent)
    : QWidget(parent)
    , m_confidence(new QProgressBar(this))
    , m_lamp(new QLabel(this))
    , m_severity(new QLabel(this))
    , m_attributionBox(new QGroupBox(tr("Attribution"), this))
    , m_model(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *confidenceBox = new QGroupBox(tr("Anomaly confidence"), this);
    auto *confidenceLayout = new QVBoxLayout(confidenceBox);
    m_confidence->setRange(0, 100);
    m_confidence->setFormat(tr("%p %"));
    m_confidence->setAccessibleName(tr("Anomaly confidence"));
    confidenceLayout->addWidget(m_confidence);
    auto *lampRow = new QHBoxLayout;
    m_lamp->setFixedSize(22, 22);
    m_lamp->setAccessibleName(tr("Severity lamp"));
    QFont big = m_severity->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_severity->setFont(big);
    lampRow->addWidget(m_lamp);
    lampRow->addWidget(m_severity, 1);
    confidenceLayout->addLayout(lampRow);
    layout->addWidget(confidenceBox);

    new QFormLayout(m_attributionBox);
    layout->addWidget(m_attributionBox);

    auto *modelBox = new QGroupBox(tr("Model"), this);
    auto *modelLayout = new QVBoxLayout(modelBox);
    m_model->setWordWrap(true);
    m_model->setTextInteractionFlags(Qt::TextSelectableByMouse);
    modelLayout->addWidget(m_model);
    layout->addWidget(modelBox);
    layout->addStretch(1);

    setModelIdentity({});
    clearResults();
}

void AnomalyPanel::setProfile(const Profile &profile)
{
    auto *form = static_cast<QFormLayout *>(m_attributionBox->layout());
    while (form->rowCount() > 0) {
        form->removeRow(0);
    }
    m_attribution.clear();
    for (const Channel &channel : profile.channels) {
        auto *bar = new QProgressBar(m_attributionBox);
        bar->setRange(0, 100);
        bar->setFormat(tr("%p %"));
        bar->setAccessibleName(tr("Share of %1").arg(channel.label));
        form->addRow(channel.label, bar);
        m_attribution.push_back(bar);
    }
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

void AnomalyPanel::showResults(const ResultBlock &results)
{
    const detect::DetectionResults &r = results.results;
    if (r.size() == 0) {
        return;
    }
    const std::size_t last = r.size() - 1;
    const double confidence = r.confidence[last];
    m_confidence->setValue(std::isfinite(confidence) ? int(std::lround(100 * confidence)) : 0);
    setSeverity(r.alarm[last] ? r.severity[last] : detect::Severity::None);
    const auto width = std::size_t(r.channels);
    for (std::size_t c = 0; c < m_attribution.size(); ++c) {
        const double share = c < width ? r.attribution[last * width + c] : 0.0;
        m_attribution[c]->setValue(std::isfinite(share) ? int(std::lround(100 * share)) : 0);
    }
}

void AnomalyPanel::clearResults()
{
    m_confidence->setValue(0);
    setSeverity(detect::Severity::None);
    for (QProgressBar *bar : m_attribution) {
        bar->setValue(0);
    }
}

int AnomalyPanel::confidencePercent() const
{
    return m_confidence->value();
}

QString AnomalyPanel::severityText() const
{
    return m_severity->text();
}

std::vector<int> AnomalyPanel::attributionPercents() const
{
    std::vector<int> out;
    for (const QProgressBar *bar : m_attribution) {
        out.push_back(bar->value());
    }
    return out;
}

QString AnomalyPanel::modelText() const
{
    return m_model->text();
}

void AnomalyPanel::setSeverity(detect::Severity severity)
{
    m_severity->setText(severityLabel(severity));
    m_lamp->setPixmap(severityLamp(severity, m_lamp->size()));
    m_lamp->setToolTip(severityLabel(severity));
}

} // namespace fw
