#include "shelvedialog.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace fw {

namespace {

constexpr qint64 kCustom = -1; // duration box data of the custom choice
constexpr qint64 kMinute = 60;

} // namespace

ShelveDialog::ShelveDialog(const QDateTime &now, const QString &alarms, QWidget *parent)
    : QDialog(parent)
    , m_alarms(new QLabel(alarms, this))
    , m_reason(new QLineEdit(this))
    , m_duration(new QComboBox(this))
    , m_custom(new QDateTimeEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_now(now)
{
    setWindowTitle(tr("Shelve alarm"));
    m_reason->setPlaceholderText(tr("Why is this alarm shelved? (required)"));
    m_duration->addItem(tr("15 minutes"), 15 * kMinute);
    m_duration->addItem(tr("1 hour"), 60 * kMinute);
    m_duration->addItem(tr("8 hours"), 8 * 60 * kMinute);
    m_duration->addItem(tr("Until…"), kCustom);
    m_custom->setCalendarPopup(true);
    m_custom->setDisplayFormat(QStringLiteral("yyyy-MM-dd hh:mm"));
    m_custom->setMinimumDateTime(now.toLocalTime().addSecs(kMinute));
    m_custom->setDateTime(now.toLocalTime().addSecs(60 * kMinute));
    m_custom->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Shelve"));

    auto *form = new QFormLayout(this);
    QFont bold = m_alarms->font();
    bold.setBold(true);
    m_alarms->setFont(bold);
    m_alarms->setVisible(!alarms.isEmpty());
    form->addRow(m_alarms);
    form->addRow(tr("&Reason:"), m_reason);
    form->addRow(tr("&For:"), m_duration);
    form->addRow(tr("&Until:"), m_custom);
    form->addRow(m_buttons);

    connect(m_reason, &QLineEdit::textChanged, this, &ShelveDialog::updateButtons);
    connect(m_duration, &QComboBox::currentIndexChanged, this, [this] {
        m_custom->setEnabled(m_duration->currentData().toLongLong() == kCustom);
        updateButtons();
    });
    connect(m_custom, &QDateTimeEdit::dateTimeChanged, this, &ShelveDialog::updateButtons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateButtons();
}

ShelveDialog::~ShelveDialog() = default;

QString ShelveDialog::alarmsText() const
{
    return m_alarms->text();
}

QString ShelveDialog::reason() const
{
    return m_reason->text().trimmed();
}

QDateTime ShelveDialog::until(const QDateTime &now) const
{
    const qint64 seconds = m_duration->currentData().toLongLong();
    return seconds == kCustom ? m_custom->dateTime().toUTC() : now.addSecs(seconds).toUTC();
}

void ShelveDialog::updateButtons()
{
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!reason().isEmpty() && until(m_now) > m_now);
}

} // namespace fw
