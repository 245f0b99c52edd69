#pragma once

#include <QString>

class QDialog;
class QWidget;

namespace fw {

// The modal questions the console asks, behind one seam: the console shows dialogs, a test
// answers without a dialog blocking it. GUI thread.
class Prompts
{
public:
    Prompts() = default;
    virtual ~Prompts();
    Prompts(const Prompts &) = delete;
    Prompts &operator=(const Prompts &) = delete;
    Prompts(Prompts &&) = delete;
    Prompts &operator=(Prompts &&) = delete;

    // A file to read or write; empty when the operator cancels.
    [[nodiscard]] virtual QString openFileName(QWidget *parent, const QString &title,
                                               const QString &filter);
    [[nodiscard]] virtual QString saveFileName(QWidget *parent, const QString &title,
                                               const QString &filter);
    // A yes/no question; true for yes.
    [[nodiscard]] virtual bool confirm(QWidget *parent, const QString &title, const QString &text);
    // Something the operator asked for could not be done, and why.
    virtual void refuse(QWidget *parent, const QString &title, const QString &text);
    // Something done that the operator must know about before going on.
    virtual void warn(QWidget *parent, const QString &title, const QString &text);
    // Runs one of the console's own dialogs; true when the operator accepted it.
    [[nodiscard]] virtual bool run(QDialog *dialog);
};

} // namespace fw
