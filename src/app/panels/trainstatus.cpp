#include "trainstatus.h"

#include "ui_trainstatus.h"

#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace fw {

TrainStatus::TrainStatus(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::TrainStatus>())
{
    m_ui->setupUi(this);
    m_text = m_ui->stageLabel;
    m_bar = m_ui->progressBar;
    m_cancel = m_ui->cancelButton;
    connect(m_cancel, &QToolButton::clicked, this, &TrainStatus::cancelRequested);
    hide();
}

TrainStatus::~TrainStatus() = default;

void TrainStatus::showStarted()
{
    showStage(0, 1, tr("Training a model…"));
    m_bar->setRange(0, 0); // busy until the first stage reports
}

void TrainStatus::showStage(int stage, int stageCount, const QString &text)
{
    m_text->setText(text);
    m_bar->setRange(0, stageCount);
    m_bar->setValue(stage);
    m_cancel->setEnabled(true);
    show();
}

void TrainStatus::showDone()
{
    hide();
}

QString TrainStatus::text() const
{
    return m_text->text();
}

int TrainStatus::progress() const
{
    return m_bar->value();
}

} // namespace fw
