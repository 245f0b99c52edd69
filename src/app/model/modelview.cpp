#include "modelview.h"

#include "detect/detectormodel.h"
#include "detect/modelfile.h"
#include "severitystyle.h"
#include "ui_modelview.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QHeaderView>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QTableWidget>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fw {

namespace {

constexpr int kHoursShown = 24;

QString number(double value, int digits = 4)
{
    if (std::isnan(value)) {
        return QStringLiteral("–");
    }
    if (std::isinf(value)) {
        return value > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    }
    return QLocale().toString(value, 'g', digits);
}

QString percent(double share)
{
    return QLocale().toString(100.0 * share, 'g', 6) + QStringLiteral(" %");
}

QString utc(double t)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(std::llround(t * 1000)).toUTC(),
                              QStringLiteral("yyyy-MM-dd HH:mm:ss"))
           + QStringLiteral(" UTC");
}

QLineSeries *line(QChart *chart, const QString &objectName, const QString &title, QColor colour,
                  Qt::PenStyle style = Qt::SolidLine, qreal width = 2)
{
    auto *series = new QLineSeries(chart);
    series->setObjectName(objectName);
    series->setName(title);
    QPen pen(colour, width);
    pen.setStyle(style);
    series->setPen(pen);
    chart->addSeries(series);
    return series;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A chart in its view, put at index of a form's layout (the form holds the notes around it).
QChartView *newChart(QWidget *parent, QBoxLayout *layout, int index, const QString &title,
                     const QString &name)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setAccessibleName(title);
    // Explicit: a chart's own minimum follows its titles and legend and would widen the dock.
    view->setMinimumSize(240, 220);
    layout->insertWidget(index, view, 1);
    return view;
}

void attach(QAbstractSeries *series, QAbstractAxis *x, QAbstractAxis *y)
{
    series->attachAxis(x);
    series->attachAxis(y);
}

void setVertical(QLineSeries *series, std::optional<double> x, double top)
{
    series->clear();
    if (x && std::isfinite(*x)) {
        series->append(*x, 0);
        series->append(*x, top);
    }
}

void setHorizontal(QLineSeries *series, double y, double x0, double x1)
{
    series->clear();
    if (std::isfinite(y)) {
        series->append(x0, y);
        series->append(x1, y);
    }
}

} // namespace

ModelView::ModelView(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ModelView>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("modelView"));
    buildCharts();
    m_ui->envelopeTable->verticalHeader()->hide();
    m_ui->envelopeTable->horizontalHeader()->setStretchLastSection(true);
    connect(m_ui->channelBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        followChannel(index);
        m_ui->envelopeTable->selectRow(index);
        drawChannel();
    });
    connect(m_ui->envelopeTable, &QTableWidget::currentCellChanged, this,
            [this](int row) { m_ui->channelBox->setCurrentIndex(row); });
    setModel(nullptr, {});
    applyPalette();
}

ModelView::~ModelView() = default;

void ModelView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
}

void ModelView::applyPalette()
{
    const QColor text = palette().color(QPalette::WindowText);
    const QColor grid = palette().color(QPalette::Mid);
    for (QChart *chart : {m_calibrationChart, m_channelChart, m_alarmChart, m_labelChart}) {
        chart->setBackgroundBrush(palette().base());
        chart->setTitleBrush(text);
        chart->legend()->setLabelColor(text);
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(grid);
        }
    }
    // The newest score in the text colour: every other colour on that chart means a severity.
    QLineSeries *newest = series(QStringLiteral("newest"));
    newest->setPen(QPen(text, 3));
    series(QStringLiteral("mean"))->setPen(QPen(text, 2));
}

void ModelView::buildCharts()
{
    m_calibrationChart = newChart(this, m_ui->calibrationLayout, 0, tr("Calibration scores"),
                                  QStringLiteral("calibrationChartView"))
                             ->chart();
    auto *bars = line(m_calibrationChart, QStringLiteral("histogram"), tr("Held-out nominal rows"),
                      QColor(0x5d, 0x6d, 0x7e), Qt::SolidLine, 1);
    auto *area = new QAreaSeries(bars);
    area->setObjectName(QStringLiteral("histogramArea"));
    area->setName(bars->name());
    area->setBrush(QColor(0x5d, 0x6d, 0x7e, 120));
    area->setPen(bars->pen());
    // The line only gives the area its upper edge: out of the chart, which hands it back
    // unowned, and into the area's keeping.
    m_calibrationChart->removeSeries(bars);
    bars->setParent(area);
    m_calibrationChart->addSeries(area);
    m_scoreAxis = new QValueAxis(m_calibrationChart);
    m_scoreAxis->setTitleText(tr("Forest score"));
    m_countAxis = new QValueAxis(m_calibrationChart);
    m_countAxis->setTitleText(tr("Rows"));
    m_countAxis->setLabelFormat(QStringLiteral("%d"));
    m_calibrationChart->addAxis(m_scoreAxis, Qt::AlignBottom);
    m_calibrationChart->addAxis(m_countAxis, Qt::AlignLeft);
    attach(area, m_scoreAxis, m_countAxis);
    const std::pair<const char *, detect::Severity> levels[]
        = {{"watch", detect::Severity::Watch},
           {"warning", detect::Severity::Warning},
           {"critical", detect::Severity::Critical}};
    for (const auto &level : levels) {
        auto *series = line(m_calibrationChart, QString::fromLatin1(level.first),
                            severityLabel(level.second), severityColor(level.second), Qt::DashLine);
        attach(series, m_scoreAxis, m_countAxis);
    }
    auto *newest = line(m_calibrationChart, QStringLiteral("newest"), tr("Newest score"),
                        QColor(0x1f, 0x77, 0xb4), Qt::SolidLine, 3);
    attach(newest, m_scoreAxis, m_countAxis);

    m_channelChart = newChart(this, m_ui->channelsLayout, 1, tr("Channel against its envelope"),
                              QStringLiteral("channelChartView"))
                         ->chart();
    m_channelTimeAxis = new QValueAxis(m_channelChart);
    m_channelTimeAxis->setTitleText(tr("Seconds before the newest sample"));
    m_channelTimeAxis->setRange(-ChannelTrace::kSpanS, 0);
    m_channelValueAxis = new QValueAxis(m_channelChart);
    m_channelChart->addAxis(m_channelTimeAxis, Qt::AlignBottom);
    m_channelChart->addAxis(m_channelValueAxis, Qt::AlignLeft);
    const QColor band(0x27, 0xae, 0x60);
    const QColor limit = severityColor(detect::Severity::Critical);
    for (QLineSeries *series :
         {line(m_channelChart, QStringLiteral("low"), tr("Range"), band, Qt::DashLine),
          line(m_channelChart, QStringLiteral("high"), tr("Range"), band, Qt::DashLine),
          line(m_channelChart, QStringLiteral("centre"), tr("Centre"), band, Qt::DotLine, 1),
          line(m_channelChart, QStringLiteral("limitLow"), tr("Limits"), limit, Qt::DashDotLine),
          line(m_channelChart, QStringLiteral("limitHigh"), tr("Limits"), limit, Qt::DashDotLine),
          line(m_channelChart, QStringLiteral("value"), tr("Value"), QColor(0x5d, 0xad, 0xe2),
               Qt::SolidLine, 1),
          line(m_channelChart, QStringLiteral("mean"), tr("Mean"), QColor(0x2c, 0x3e, 0x50))}) {
        attach(series, m_channelTimeAxis, m_channelValueAxis);
    }
    // One legend entry for each pair.
    for (const char *name : {"high", "limitHigh"}) {
        const auto markers = m_channelChart->legend()->markers(series(QString::fromLatin1(name)));
        for (auto *marker : markers) {
            marker->setVisible(false);
        }
    }

    m_alarmChart
        = newChart(this, m_ui->sessionLayout, 0, tr("Alarms raised per hour of source time (UTC)"),
                   QStringLiteral("alarmChartView"))
              ->chart();
    // The title says what the bars are; the room goes to the bars.
    m_alarmChart->legend()->hide();
    auto *barSeries = new QBarSeries(m_alarmChart);
    m_alarmBars = new QBarSet(tr("Alarms raised"), barSeries);
    m_alarmBars->setColor(severityColor(detect::Severity::Warning));
    barSeries->append(m_alarmBars);
    m_alarmChart->addSeries(barSeries);
    m_hourAxis = new QBarCategoryAxis(m_alarmChart);
    m_alarmAxis = new QValueAxis(m_alarmChart);
    m_alarmAxis->setLabelFormat(QStringLiteral("%d"));
    m_alarmChart->addAxis(m_hourAxis, Qt::AlignBottom);
    m_alarmChart->addAxis(m_alarmAxis, Qt::AlignLeft);
    attach(barSeries, m_hourAxis, m_alarmAxis);

    m_labelView = newChart(this, m_ui->sessionLayout, 1, tr("Alarms against the labels"),
                           QStringLiteral("labelChartView"));
    m_labelChart = m_labelView->chart();
    m_labelTimeAxis = new QDateTimeAxis(m_labelChart);
    m_labelTimeAxis->setFormat(QStringLiteral("HH:mm"));
    auto *shareAxis = new QValueAxis(m_labelChart);
    shareAxis->setRange(0, 1);
    m_labelChart->addAxis(m_labelTimeAxis, Qt::AlignBottom);
    m_labelChart->addAxis(shareAxis, Qt::AlignLeft);
    for (QLineSeries *series :
         {line(m_labelChart, QStringLiteral("precision"), tr("Precision"),
               QColor(0x1f, 0x77, 0xb4)),
          line(m_labelChart, QStringLiteral("recall"), tr("Recall"), QColor(0xe6, 0x7e, 0x22))}) {
        attach(series, m_labelTimeAxis, shareAxis);
    }
}

QTabWidget *ModelView::tabs() const
{
    return m_ui->tabs;
}

QComboBox *ModelView::channelBox() const
{
    return m_ui->channelBox;
}

QTableWidget *ModelView::envelopeTable() const
{
    return m_ui->envelopeTable;
}

QLineSeries *ModelView::series(const QString &name) const
{
    for (QChart *chart : {m_calibrationChart, m_channelChart, m_labelChart}) {
        for (QAbstractSeries *s : chart->series()) {
            if (s->objectName() == name) {
                return qobject_cast<QLineSeries *>(s);
            }
            if (auto *area = qobject_cast<QAreaSeries *>(s); area && name == u"histogram") {
                return area->upperSeries();
            }
        }
    }
    return nullptr;
}

QStringList ModelView::alarmHours() const
{
    return m_hourAxis->categories();
}

QString ModelView::factsText() const
{
    QStringList lines;
    for (int row = 0; row < m_ui->factsForm->rowCount(); ++row) {
        auto *label = m_ui->factsForm->itemAt(row, QFormLayout::LabelRole);
        auto *value = m_ui->factsForm->itemAt(row, QFormLayout::FieldRole);
        if (label && value) {
            lines << qobject_cast<QLabel *>(label->widget())->text() + u' '
                         + qobject_cast<QLabel *>(value->widget())->text();
        }
    }
    return lines.join(u'\n');
}

QString ModelView::calibrationNote() const
{
    return m_ui->calibrationNote->text();
}

void ModelView::setModel(std::shared_ptr<const detect::DetectorModel> model,
                         const ModelIdentity &identity)
{
    m_model = std::move(model);
    m_identity = identity;
    showFacts();
    showCalibration();
    showEnvelopeTable();
    const QSignalBlocker blocker(m_ui->channelBox);
    m_ui->channelBox->clear();
    if (m_model) {
        for (int c = 0; c < m_model->channelCount(); ++c) {
            m_ui->channelBox->addItem(channelName(c));
        }
    }
    m_ui->channelBox->setEnabled(m_model != nullptr);
    if (m_model) {
        m_ui->envelopeTable->selectRow(0);
    }
    followChannel(m_model ? 0 : -1);
    drawNewest();
    drawChannel();
}

void ModelView::setProfile(const Profile &profile)
{
    m_profile = profile;
    for (int c = 0; c < m_ui->channelBox->count(); ++c) {
        m_ui->channelBox->setItemText(c, channelName(c));
    }
    drawChannel();
}

QString ModelView::channelName(int channel) const
{
    if (!m_model || channel < 0 || channel >= m_model->channelCount()) {
        return {};
    }
    const QString id = QString::fromStdString(m_model->channels[std::size_t(channel)]);
    const int at = m_profile.indexOf(id);
    if (at < 0) {
        return id;
    }
    const Channel &c = m_profile.channels[std::size_t(at)];
    return c.unit.isEmpty() ? c.label : QStringLiteral("%1 (%2)").arg(c.label, c.unit);
}

void ModelView::setLabels(LabelTrack labels)
{
    m_tally.setLabels(std::move(labels));
    drawSession();
}

void ModelView::addResults(const ResultBlock &results)
{
    m_tally.add(results);
    if (results.samples) {
        m_trace.add(*results.samples);
    }
}

void ModelView::clearSession()
{
    m_tally.clear();
    followChannel(m_trace.channel());
}

void ModelView::refresh()
{
    if (!isVisible() || (m_redrawClock.isValid() && m_redrawClock.elapsed() < kRedrawMs)) {
        return;
    }
    redraw();
}

void ModelView::redraw()
{
    m_redrawClock.start();
    drawNewest();
    drawChannel();
    drawSession();
}

void ModelView::followChannel(int channel)
{
    const int window = m_model ? m_model->guardOptions.window : 1;
    m_trace.follow(channel, window);
}

void ModelView::showFacts()
{
    const QString none = tr("no model loaded");
    if (!m_model) {
        for (QLabel *label : findChildren<QLabel *>()) {
            if (label->objectName().endsWith(QStringLiteral("Value"))) {
                label->setText(QString());
            }
        }
        m_ui->profileValue->setText(none);
        return;
    }
    const detect::DetectorModel &m = *m_model;
    const detect::TrainingProvenance &p = m.provenance;
    QStringList channels;
    for (const std::string &c : m.channels) {
        channels << QString::fromStdString(c);
    }
    m_ui->profileValue->setText(
        tr("%1 (channels %2)")
            .arg(QString::fromStdString(m.profile), channels.join(QStringLiteral(", "))));
    m_ui->sourceValue->setText(p.source.empty() ? tr("not recorded")
                                                : QString::fromStdString(p.source));
    m_ui->periodValue->setText(p.lastTime > p.firstTime
                                   ? tr("%1 to %2 (%3 h)")
                                         .arg(utc(p.firstTime), utc(p.lastTime),
                                              number((p.lastTime - p.firstTime) / 3600.0, 3))
                                   : tr("not recorded"));
    m_ui->rowsValue->setText(tr("%1 given; the forest grew from %2, %3 held out to calibrate")
                                 .arg(QLocale().toString(qulonglong(p.rows)),
                                      QLocale().toString(qulonglong(p.forestRows)),
                                      QLocale().toString(qulonglong(m.calibration.size()))));
    m_ui->softwareValue->setText(p.software.empty() ? tr("not recorded")
                                                    : QString::fromStdString(p.software));
    m_ui->featuresValue->setText(
        m.window > 0 ? tr("%1 per row: the raw channels and features over %2 samples")
                           .arg(m.featureCount())
                           .arg(m.window)
                     : tr("%1 per row: the raw channels").arg(m.featureCount()));
    m_ui->forestValue->setText(tr("%1 trees of %2 rows each, %3")
                                   .arg(m.forest.treeCount())
                                   .arg(m.forest.sampleSize)
                                   .arg(m.forest.splitKind == detect::SplitKind::Hyperplane
                                            ? tr("hyperplane splits")
                                            : tr("axis-parallel splits")));
    const detect::AlarmPolicyOptions &policy = m.policy;
    m_ui->policyValue->setText(
        tr("watch at %1, warning at %2, critical at %3 confidence; the forest alone %4 (%5 of %6 "
           "samples)")
            .arg(percent(policy.threshold), percent(policy.warningLevel),
                 percent(policy.criticalLevel),
                 policy.forestRaises ? tr("raises alarms") : tr("raises no alarm"))
            .arg(policy.k)
            .arg(policy.m));
    int guarded = 0;
    int limited = 0;
    for (const detect::GuardChannel &g : m.guard) {
        guarded += (!g.excluded && !g.context) ? 1 : 0;
        limited += g.limits ? 1 : 0;
    }
    QStringList checks;
    checks << tr("nominal range on %1 of %2 channels (mean of %3 samples, ±%4 scales)")
                  .arg(guarded)
                  .arg(m.channelCount())
                  .arg(m.guardOptions.window)
                  .arg(number(m.guardOptions.k, 3));
    checks << tr("jump, trend, noise, stuck and dropout per channel");
    if (limited > 0) {
        checks << tr("alarm limits on %1 channels").arg(limited);
    }
    checks << (m.relations.empty() ? tr("no relation check")
                                   : tr("relation to the other channels"));
    checks << (m.forecasts.empty() ? tr("no forecast check") : tr("forecast of each channel"));
    m_ui->checksValue->setText(checks.join(QStringLiteral("; ")));
    m_ui->shaValue->setText(m_identity.sha256.isEmpty() ? detect::modelSha256(m)
                                                        : m_identity.sha256);
    QStringList warnings;
    for (const std::string &w : detect::modelWarnings(m)) {
        warnings << QString::fromStdString(w);
    }
    m_ui->warningsValue->setText(warnings.isEmpty() ? tr("none") : warnings.join(u'\n'));
}

void ModelView::showCalibration()
{
    QLineSeries *bars = series(QStringLiteral("histogram"));
    bars->clear();
    for (const char *name : {"watch", "warning", "critical"}) {
        series(QString::fromLatin1(name))->clear();
    }
    if (!m_model || m_model->calibration.empty()) {
        m_ui->calibrationNote->setText(tr("No model loaded."));
        return;
    }
    const std::vector<double> &scores = m_model->calibration;
    const std::vector<HistogramBin> bins = histogram(scores, kBins);
    int top = 1;
    QList<QPointF> points;
    for (const HistogramBin &bin : bins) {
        points << QPointF(bin.low, 0) << QPointF(bin.low, bin.count) << QPointF(bin.high, bin.count)
               << QPointF(bin.high, 0);
        top = std::max(top, bin.count);
    }
    bars->replace(points);
    m_countAxis->setRange(0, top * 1.1);
    m_countAxis->applyNiceNumbers();
    m_histogramTop = m_countAxis->max();
    const detect::AlarmPolicyOptions &policy = m_model->policy;
    double low = scores.front();
    double high = scores.back();
    QStringList unreachable;
    const std::pair<const char *, double> levels[] = {{"watch", policy.threshold},
                                                      {"warning", policy.warningLevel},
                                                      {"critical", policy.criticalLevel}};
    for (const auto &[name, level] : levels) {
        const std::optional<double> score = scoreForConfidence(scores, level);
        QLineSeries *mark = series(QString::fromLatin1(name));
        setVertical(mark, score, m_histogramTop);
        if (score) {
            high = std::max(high, *score);
        } else {
            unreachable << mark->name();
        }
    }
    const double pad = std::max(1e-6, (high - low) * 0.05);
    m_scoreAxis->setRange(low - pad, high + pad);
    QString note = tr("%1 scores of held-out nominal rows. A score to the right of a dashed line "
                      "has at least that level's confidence.")
                       .arg(QLocale().toString(qulonglong(scores.size())));
    if (!unreachable.isEmpty()) {
        note += u' '
                + tr("%1 cannot be reached from the forest's score alone with this many "
                     "calibration rows.")
                      .arg(unreachable.join(QStringLiteral(", ")));
    }
    m_ui->calibrationNote->setText(note);
}

void ModelView::showEnvelopeTable()
{
    QTableWidget *table = m_ui->envelopeTable;
    table->clear();
    table->setColumnCount(6);
    table->setHorizontalHeaderLabels({tr("Channel"), tr("Nominal range of the mean"),
                                      tr("Noise up to"), tr("Jump up to"),
                                      tr("Trend up to per window"), tr("Alarm limits")});
    table->setRowCount(m_model ? m_model->channelCount() : 0);
    if (!m_model) {
        return;
    }
    for (int c = 0; c < m_model->channelCount(); ++c) {
        const detect::GuardChannel &g = m_model->guard[std::size_t(c)];
        QString range = tr("%1 to %2").arg(number(g.low), number(g.high));
        if (g.context) {
            range = tr("context channel, never flagged");
        } else if (g.excluded || !g.exclusionReason.empty()) {
            range += u' ' + tr("(%1)").arg(QString::fromStdString(g.exclusionReason));
        }
        const QStringList cells
            = {channelName(c),
               range,
               number(g.noiseHigh),
               number(g.jumpHigh),
               number(g.trendHigh),
               g.limits ? tr("%1 to %2").arg(number(g.limits->first), number(g.limits->second))
                        : tr("none")};
        for (int column = 0; column < cells.size(); ++column) {
            table->setItem(c, column, new QTableWidgetItem(cells[column]));
        }
    }
    table->resizeColumnsToContents();
}

void ModelView::drawNewest()
{
    const double newest = m_tally.newestScore();
    setVertical(series(QStringLiteral("newest")),
                std::isfinite(newest) ? std::optional<double>(newest) : std::nullopt,
                m_histogramTop);
    if (m_model && std::isfinite(newest) && !m_model->calibration.empty()) {
        // A score beyond the calibration's range stays in view.
        const double low = std::min(m_scoreAxis->min(), newest);
        const double high = std::max(m_scoreAxis->max(), newest);
        m_scoreAxis->setRange(low, high);
    }
}

void ModelView::drawChannel()
{
    QLineSeries *value = series(QStringLiteral("value"));
    QLineSeries *mean = series(QStringLiteral("mean"));
    const int c = m_trace.channel();
    if (!m_model || c < 0 || c >= m_model->channelCount()) {
        for (QAbstractSeries *s : m_channelChart->series()) {
            qobject_cast<QLineSeries *>(s)->clear();
        }
        return;
    }
    const double newest = m_trace.values().empty() ? 0 : m_trace.values().back().x();
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    const auto extend = [&low, &high](double y) {
        if (std::isfinite(y)) {
            low = std::min(low, y);
            high = std::max(high, y);
        }
    };
    for (auto [s, points] : {std::pair{value, &m_trace.values()}, {mean, &m_trace.means()}}) {
        QList<QPointF> shifted;
        shifted.reserve(qsizetype(points->size()));
        for (const QPointF &point : *points) {
            shifted << QPointF(point.x() - newest, point.y());
            extend(point.y());
        }
        s->replace(shifted);
    }
    const detect::GuardChannel &g = m_model->guard[std::size_t(c)];
    const double x0 = -ChannelTrace::kSpanS;
    const bool ranged = !g.context;
    setHorizontal(series(QStringLiteral("low")), ranged ? g.low : kNaN, x0, 0);
    setHorizontal(series(QStringLiteral("high")), ranged ? g.high : kNaN, x0, 0);
    setHorizontal(series(QStringLiteral("centre")), ranged ? g.center : kNaN, x0, 0);
    const double limitLow = g.limits ? g.limits->first : kNaN;
    const double limitHigh = g.limits ? g.limits->second : kNaN;
    for (const double y :
         {ranged ? g.low : kNaN, ranged ? g.high : kNaN, g.center, limitLow, limitHigh}) {
        extend(y);
    }
    setHorizontal(series(QStringLiteral("limitLow")), limitLow, x0, 0);
    setHorizontal(series(QStringLiteral("limitHigh")), limitHigh, x0, 0);
    if (!std::isfinite(low)) {
        low = 0;
        high = 1;
    }
    const double pad = std::max(std::abs(high) * 1e-3, (high - low) * 0.08);
    m_channelValueAxis->setRange(low - pad, high + (pad > 0 ? pad : 1));
    m_channelValueAxis->applyNiceNumbers();
    m_channelChart->setTitle(tr("%1 against its training envelope").arg(channelName(c)));
}

void ModelView::drawSession()
{
    const auto &perHour = m_tally.alarmsPerHour();
    QStringList hours;
    QList<qreal> counts;
    int top = 1;
    auto it = perHour.size() > std::size_t(kHoursShown) ? std::prev(perHour.end(), kHoursShown)
                                                        : perHour.begin();
    for (; it != perHour.end(); ++it) {
        const QDateTime start = QDateTime::fromSecsSinceEpoch(it->first).toUTC();
        hours << QLocale().toString(start, QStringLiteral("dd HH:00"));
        counts << it->second;
        top = std::max(top, it->second);
    }
    m_hourAxis->setCategories(hours);
    m_alarmBars->remove(0, m_alarmBars->count());
    m_alarmBars->append(counts);
    // Whole alarms on the axis: one tick per alarm while few, round numbers after.
    if (top < 5) {
        m_alarmAxis->setRange(0, top + 1);
        m_alarmAxis->setTickCount(top + 2);
    } else {
        m_alarmAxis->setRange(0, top * 1.1);
        m_alarmAxis->applyNiceNumbers();
    }

    QLineSeries *precision = series(QStringLiteral("precision"));
    QLineSeries *recall = series(QStringLiteral("recall"));
    const auto toMs = [](const std::vector<QPointF> &points) {
        QList<QPointF> out;
        out.reserve(qsizetype(points.size()));
        for (const QPointF &p : points) {
            out << QPointF(p.x() * 1000.0, p.y());
        }
        return out;
    };
    precision->replace(toMs(m_tally.precision()));
    recall->replace(toMs(m_tally.recall()));
    const std::vector<QPointF> &p
        = m_tally.precision().empty() ? m_tally.recall() : m_tally.precision();
    if (!p.empty()) {
        m_labelTimeAxis->setRange(
            QDateTime::fromMSecsSinceEpoch(std::llround(p.front().x() * 1000)),
            QDateTime::fromMSecsSinceEpoch(
                std::llround(std::max(p.back().x(), p.front().x() + 1) * 1000)));
    }
    m_labelView->setVisible(m_tally.hasLabels());
    if (!m_tally.hasLabels()) {
        m_ui->labelsNote->setText(tr("Precision and recall are drawn after a replay with ground "
                                     "truth: start the console with --labels FILE."));
    } else {
        const Confusion &c = m_tally.confusion();
        m_ui->labelsNote->setText(tr("Against the labels so far: precision %1, recall %2 over %3 "
                                     "labelled samples.")
                                      .arg(number(c.precision(), 3), number(c.recall(), 3),
                                           QLocale().toString(qulonglong(c.total()))));
    }
}

} // namespace fw
