#pragma once

#include <QDateTime>
#include <QDialog>

#include <memory>

class QComboBox;
class QDateTimeEdit;
class QLineEdit;

namespace fw {

namespace Ui {
class ShelveDialog;
}

// Asks why and for how long to shelve alarms (the form is ui/shelvedialog.ui). A reason is
// required: a shelf without one is an alarm silently switched off. The expiry is 15 min, 1 h, 8 h
// or a custom time in the future.
class ShelveDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShelveDialog)

public:
    // now: the alarm book's clock, so that presets and the custom minimum agree with it.
    // alarms: what is being shelved, one line per alarm, shown at the top.
    explicit ShelveDialog(const QDateTime &now, const QString &alarms = {},
                          QWidget *parent = nullptr);
    ~ShelveDialog() override;

    [[nodiscard]] QString reason() const;
    // The chosen expiry, presets counted from now.
    [[nodiscard]] QDateTime until(const QDateTime &now) const;

    [[nodiscard]] QString alarmsText() const;
    [[nodiscard]] QLineEdit *reasonEdit() const;
    [[nodiscard]] QComboBox *durationBox() const;
    [[nodiscard]] QDateTimeEdit *customEdit() const;

private:
    void updateButtons();

    std::unique_ptr<Ui::ShelveDialog> m_ui;
    QDateTime m_now;
};

} // namespace fw
