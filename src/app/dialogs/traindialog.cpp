#include "traindialog.h"

#include "modeltrainer.h"
#include "plot/samplehistory.h"
#include "ui_traindialog.h"

#include <QLocale>
#include <QPushButton>

#include <cmath>

namespace fw {

namespace {

QDateTime toDateTime(double t, bool utc)
{
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(std::llround(t * 1000));
    return utc ? at.toUTC() : at;
}

double toSeconds(const QDateTime &at)
{
    return double(at.toMSecsSinceEpoch()) / 1000.0;
}

} // namespace

TrainDialog::TrainDialog(const SampleHistory &history, const ModelTrainer &trainer, double rateHz,
                         std::pair<double, double> visible, bool utc, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::TrainDialog>())
    , m_history(history)
    , m_trainer(trainer)
    , m_rateHz(rateHz)
    , m_utc(utc)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Train"));
    for (QDateTimeEdit *edit : {m_ui->fromEdit, m_ui->toEdit}) {
        edit->setTimeSpec(utc ? Qt::UTC : Qt::LocalTime);
        if (!history.isEmpty()) {
            edit->setDateTimeRange(toDateTime(std::floor(history.firstTime()), utc),
                                   toDateTime(std::ceil(history.newestTime()), utc));
        }
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &TrainDialog::update);
    }
    connect(m_ui->visibleButton, &QPushButton::clicked, this,
            [this, visible] { setRange(visible.first, visible.second); });
    connect(m_ui->allButton, &QPushButton::clicked, this, [this] {
        if (!m_history.isEmpty()) {
            setRange(m_history.firstTime(), m_history.newestTime());
        }
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    setRange(visible.first, visible.second);
}

TrainDialog::~TrainDialog() = default;

std::pair<double, double> TrainDialog::range() const
{
    return {toSeconds(m_ui->fromEdit->dateTime()), toSeconds(m_ui->toEdit->dateTime())};
}

QString TrainDialog::summary() const
{
    return m_ui->summaryLabel->text();
}

QString TrainDialog::problem() const
{
    return m_ui->problemLabel->text();
}

void TrainDialog::setRange(double t0, double t1)
{
    const QSignalBlocker from(m_ui->fromEdit);
    const QSignalBlocker to(m_ui->toEdit);
    // Whole seconds outward, as the fields show them, so the range covers what was asked.
    m_ui->fromEdit->setDateTime(toDateTime(std::floor(t0), m_utc));
    m_ui->toEdit->setDateTime(toDateTime(std::ceil(t1), m_utc));
    update();
}

void TrainDialog::update()
{
    const auto [t0, t1] = range();
    const TrainRange r = ModelTrainer::inspect(m_history, t0, t1);
    const QLocale locale;
    QString text
        = tr("%1 samples over %2 s; %3 with every channel present.")
              .arg(locale.toString(qlonglong(r.size())), locale.toString(r.seconds, 'f', 0),
                   locale.toString(qlonglong(r.completeRows)));
    if (r.flaggedRows > 0) {
        text += u' '
                + tr("The model in use flagged %1 of them: a model trained on them takes that "
                     "behaviour for normal.")
                      .arg(locale.toString(qlonglong(r.flaggedRows)));
    }
    m_ui->summaryLabel->setText(text);
    const QString refusal
        = t1 <= t0 ? tr("The range ends before it starts.") : m_trainer.refusal(r, m_rateHz);
    m_ui->problemLabel->setText(refusal);
    m_ui->problemLabel->setVisible(!refusal.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(refusal.isEmpty());
}

} // namespace fw
