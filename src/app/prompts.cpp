#include "prompts.h"

#include <QDialog>
#include <QFileDialog>
#include <QMessageBox>

namespace fw {

Prompts::~Prompts() = default;

QString Prompts::openFileName(QWidget *parent, const QString &title, const QString &filter)
{
    return QFileDialog::getOpenFileName(parent, title, {}, filter);
}

QString Prompts::saveFileName(QWidget *parent, const QString &title, const QString &filter)
{
    return QFileDialog::getSaveFileName(parent, title, {}, filter);
}

bool Prompts::confirm(QWidget *parent, const QString &title, const QString &text)
{
    return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No)
           == QMessageBox::Yes;
}

void Prompts::refuse(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

void Prompts::warn(QWidget *parent, const QString &title, const QString &text)
{
    QMessageBox::warning(parent, title, text);
}

bool Prompts::run(QDialog *dialog)
{
    return dialog->exec() == QDialog::Accepted;
}

} // namespace fw
