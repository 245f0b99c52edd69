#include "trainstatus.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace fw {

TrainStatus::TrainStatus(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setMaximumWidth(120);
    m_bar->setTextVisible(false);
    m_bar->setAccessibleName(tr("Training progress"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop training; the model in use stays"));
    connect(m_cancel, &QToolButton::clicked, this, &TrainStatus::cancelRequested);
    hide();
}

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
