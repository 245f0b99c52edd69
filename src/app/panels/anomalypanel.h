#pragma once

#include "detect/alarmpolicy.h"
#include "service/pipeline.h"

#include <QWidget>

#include <vector>

class QLabel;
class QProgressBar;

namespace fw {

// The detector's view of now: how confident it is that something is wrong, which channels it
// blames, the alarm severity as a lamp with words, and which model says so. GUI thread.
class AnomalyPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnomalyPanel)

public:
    explicit AnomalyPanel(QWidget *parent = nullptr);

    void setProfile(const Profile &profile);
    void setModelIdentity(const ModelIdentity &identity);
    // Shows the newest sample of a result block: its confidence, severity and attribution. A
    // sample that is not anomalous shows no attribution.
    void showResults(const ResultBlock &results);
    void clearResults();

    [[nodiscard]] int confidencePercent() const;
    [[nodiscard]] QString severityText() const;
    [[nodiscard]] std::vector<int> attributionPercents() const;
    [[nodiscard]] QString modelText() const;

private:
    void setSeverity(detect::Severity severity);

    QProgressBar *m_confidence = nullptr;
    QLabel *m_lamp = nullptr;
    QLabel *m_severity = nullptr;
    QWidget *m_attributionBox = nullptr;
    std::vector<QProgressBar *> m_attribution;
    QLabel *m_model = nullptr;
};

} // namespace fw
