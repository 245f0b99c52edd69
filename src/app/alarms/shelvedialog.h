#pragma once

#include <QDateTime>
#include <QDialog>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace fw {

// Asks why and for how long to shelve alarms. A reason is required: a shelf without one is an
// alarm silently switched off. The expiry is 15 min, 1 h, 8 h or a custom time in the future.
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
    [[nodiscard]] QLineEdit *reasonEdit() const { return m_reason; }
    [[nodiscard]] QComboBox *durationBox() const { return m_duration; }
    [[nodiscard]] QDateTimeEdit *customEdit() const { return m_custom; }

private:
    void updateButtons();

    QLabel *m_alarms;
    QLineEdit *m_reason;
    QComboBox *m_duration;
    QDateTimeEdit *m_custom;
    QDialogButtonBox *m_buttons;
    QDateTime m_now;
};

} // namespace fw
