#include "preferencesdialog.h"

#include "ui_preferencesdialog.h"

#include <QHostAddress>
#include <QPushButton>

namespace fw {

bool isEndpointAddress(const QString &text, QString *why)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    }
    bool ok = false;
    const int port = text.mid(colon + 1).toInt(&ok);
    if (colon < 0 || !ok || port < 1 || port > 65535) {
        *why = PreferencesDialog::tr("The endpoint address needs a port from 1 to 65535, as in "
                                     "127.0.0.1:9917.");
        return false;
    }
    if (QHostAddress(host).isNull()) {
        *why = PreferencesDialog::tr("“%1” is not a numeric address: give 127.0.0.1, 0.0.0.0, "
                                     "::1 (as [::1]:9917) or an address of this machine.")
                   .arg(host);
        return false;
    }
    return true;
}

PreferencesDialog::PreferencesDialog(const Preferences &current, const QList<double> &windows,
                                     QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
{
    m_ui->setupUi(this);
    // The choices carry their values, so they are filled here, not in the form.
    for (const double seconds : windows) {
        m_ui->windowBox->addItem(seconds < 60 ? tr("%n s", nullptr, int(seconds))
                                              : tr("%n min", nullptr, int(seconds / 60)),
                                 seconds);
    }
    m_ui->axisBox->addItem(tr("Local time"), int(TimeLabels::Clock));
    m_ui->axisBox->addItem(tr("UTC"), int(TimeLabels::ClockUtc));
    m_ui->axisBox->addItem(tr("Seconds before the newest sample"), int(TimeLabels::Relative));

    m_ui->windowBox->setCurrentIndex(std::max(0, m_ui->windowBox->findData(current.timeWindowS)));
    m_ui->axisBox->setCurrentIndex(std::max(0, m_ui->axisBox->findData(int(current.timeLabels))));
    m_ui->darkBox->setChecked(current.dark);
    m_ui->limitsBox->setChecked(current.scaleToLimits);
    m_ui->operatorEdit->setText(current.operatorName);
    m_ui->httpBox->setChecked(current.http);
    m_ui->httpEdit->setText(current.httpAddress);

    connect(m_ui->operatorEdit, &QLineEdit::textChanged, this, &PreferencesDialog::update);
    connect(m_ui->httpEdit, &QLineEdit::textChanged, this, &PreferencesDialog::update);
    connect(m_ui->httpBox, &QCheckBox::toggled, this, &PreferencesDialog::update);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.timeWindowS = m_ui->windowBox->currentData().toDouble();
    p.timeLabels = TimeLabels(m_ui->axisBox->currentData().toInt());
    p.dark = m_ui->darkBox->isChecked();
    p.scaleToLimits = m_ui->limitsBox->isChecked();
    p.operatorName = m_ui->operatorEdit->text().trimmed();
    p.http = m_ui->httpBox->isChecked();
    p.httpAddress = m_ui->httpEdit->text().trimmed();
    return p;
}

QString PreferencesDialog::problem() const
{
    return m_problem;
}

void PreferencesDialog::update()
{
    m_problem.clear();
    m_ui->httpEdit->setEnabled(m_ui->httpBox->isChecked());
    const Preferences p = preferences();
    if (p.operatorName.isEmpty()) {
        m_problem = tr("Give the operator's name: the alarm journal records who acted.");
    } else if (QString why; !isEndpointAddress(p.httpAddress, &why)) {
        m_problem = why;
    }
    m_ui->problemLabel->setText(m_problem);
    m_ui->problemLabel->setVisible(!m_problem.isEmpty());
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(m_problem.isEmpty());
}

} // namespace fw
