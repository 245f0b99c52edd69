#include "aboutdialog.h"

#include "ui_aboutdialog.h"

#include <QAction>
#include <QHeaderView>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace fw {

AboutDialog::AboutDialog(const QList<QAction *> &actions, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::AboutDialog>())
{
    m_ui->setupUi(this);
    QFont big = m_ui->titleLabel->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.5);
    m_ui->titleLabel->setFont(big);
    m_ui->titleLabel->setText(tr("FaultWatch %1").arg(QStringLiteral(FW_VERSION)));
    m_ui->textLabel->setText(
        tr("Fault detection for spacecraft and electric-vehicle telemetry: live plots of every "
           "channel, an Isolation Forest with range, relation and forecast checks on a worker "
           "thread, and alarms handled as in mission control.\n\n"
           "Built with Qt %1, running on Qt %2.\n"
           "Settings: %3\n"
           "Alarm journal and data: %4")
            .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()),
                 QSettings().fileName(),
                 QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));

    QList<std::pair<QString, QString>> rows;
    for (const QAction *action : actions) {
        if (action->shortcut().isEmpty() || action->text().isEmpty()) {
            continue;
        }
        QString text = action->text();
        text.remove(u'&');
        rows.append({text, action->shortcut().toString(QKeySequence::NativeText)});
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QTableWidget *table = m_ui->keysTable;
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows[row].first));
        table->setItem(row, 1, new QTableWidgetItem(rows[row].second));
    }
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->resizeColumnsToContents();
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

AboutDialog::~AboutDialog() = default;

} // namespace fw
