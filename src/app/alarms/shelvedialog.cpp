#include "shelvedialog.h"

#include "ui_shelvedialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>

namespace fw {

namespace {

constexpr qint64 kCustom = -1; // duration box data of the custom choice
constexpr qint64 kMinute = 60;

} // namespace

ShelveDialog::ShelveDialog(const QDateTime &now, const QString &alarms, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ShelveDialog>())
    , m_now(now)
{
    m_ui->setupUi(this);
    m_ui->alarmsLabel->setText(alarms);
    m_ui->alarmsLabel->setVisible(!alarms.isEmpty());
    // The choices carry their length in seconds, so they are filled here, not in the form.
    m_ui->durationBox->addItem(tr("15 minutes"), 15 * kMinute);
    m_ui->durationBox->addItem(tr("1 hour"), 60 * kMinute);
    m_ui->durationBox->addItem(tr("8 hours"), 8 * 60 * kMinute);
    m_ui->durationBox->addItem(tr("Until…"), kCustom);
    m_ui->customEdit->setMinimumDateTime(now.toLocalTime().addSecs(kMinute));
    m_ui->customEdit->setDateTime(now.toLocalTime().addSecs(60 * kMinute));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Shelve"));

    connect(m_ui->reasonEdit, &QLineEdit::textChanged, this, &ShelveDialog::updateButtons);
    connect(m_ui->durationBox, &QComboBox::currentIndexChanged, this, [this] {
        m_ui->customEdit->setEnabled(m_ui->durationBox->currentData().toLongLong() == kCustom);
        updateButtons();
    });
    connect(m_ui->customEdit, &QDateTimeEdit::dateTimeChanged, this, &ShelveDialog::updateButtons);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

ShelveDialog::~ShelveDialog() = default;

QString ShelveDialog::alarmsText() const
{
    return m_ui->alarmsLabel->text();
}

QLineEdit *ShelveDialog::reasonEdit() const
{
    return m_ui->reasonEdit;
}

QComboBox *ShelveDialog::durationBox() const
{
    return m_ui->durationBox;
}

QDateTimeEdit *ShelveDialog::customEdit() const
{
    return m_ui->customEdit;
}

QString ShelveDialog::reason() const
{
    return m_ui->reasonEdit->text().trimmed();
}

QDateTime ShelveDialog::until(const QDateTime &now) const
{
    const qint64 seconds = m_ui->durationBox->currentData().toLongLong();
    return seconds == kCustom ? m_ui->customEdit->dateTime().toUTC() : now.addSecs(seconds).toUTC();
}

void ShelveDialog::updateButtons()
{
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(!reason().isEmpty() && until(m_now) > m_now);
}

} // namespace fw
