#include "connectiondialog.h"

#include "prompts.h"
#include "sim/simulator.h"
#include "ui_connectiondialog.h"

#include <QPushButton>

namespace fw {

ConnectionDialog::ConnectionDialog(const QString &current, const QStringList &profiles,
                                   Prompts *prompts, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConnectionDialog>())
    , m_prompts(prompts)
{
    m_ui->setupUi(this);
    // The choices carry their values, so they are filled here, not in the form.
    m_ui->kindBox->addItem(tr("UDP datagrams (listen)"), int(SourceUri::Scheme::Udp));
    m_ui->kindBox->addItem(tr("TCP stream (connect to a server)"), int(SourceUri::Scheme::Tcp));
    m_ui->kindBox->addItem(tr("TCP stream (accept a connection)"),
                           int(SourceUri::Scheme::TcpListen));
    m_ui->kindBox->addItem(tr("Recorded file (replay)"), int(SourceUri::Scheme::File));
    m_ui->kindBox->addItem(tr("Simulator"), int(SourceUri::Scheme::Sim));
    m_ui->kindBox->addItem(tr("MQTT broker (subscribe)"), int(SourceUri::Scheme::Mqtt));
    for (const WireFormat format : {WireFormat::Jsonl, WireFormat::Csv, WireFormat::Ccsds}) {
        m_ui->formatBox->addItem(wireFormatName(format), int(format));
    }
    m_ui->profileBox->addItems(profiles);
    m_ui->scenarioBox->addItems(Scenario::names());
    m_ui->hostEdit->setText(QStringLiteral("0.0.0.0"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));

    QString error;
    if (const std::optional<SourceUri> uri = SourceUri::parse(current, &error)) {
        fill(*uri);
    }
    for (QComboBox *box : {m_ui->kindBox, m_ui->formatBox, m_ui->profileBox}) {
        connect(box, &QComboBox::currentIndexChanged, this, &ConnectionDialog::update);
    }
    connect(m_ui->scenarioBox, &QComboBox::currentTextChanged, this, &ConnectionDialog::update);
    for (QLineEdit *edit : {m_ui->hostEdit, m_ui->pathEdit, m_ui->topicEdit}) {
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::update);
    }
    connect(m_ui->portBox, &QSpinBox::valueChanged, this, &ConnectionDialog::update);
    connect(m_ui->seedBox, &QSpinBox::valueChanged, this, &ConnectionDialog::update);
    connect(m_ui->speedBox, &QDoubleSpinBox::valueChanged, this, &ConnectionDialog::update);
    connect(m_ui->loopBox, &QCheckBox::toggled, this, &ConnectionDialog::update);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        if (!m_prompts) {
            return;
        }
        const QString path = m_prompts->openFileName(
            this, tr("Replay a recording"), tr("Recordings (*.csv *.jsonl *.json *.ccsds *.bin)"));
        if (!path.isEmpty()) {
            m_ui->pathEdit->setText(path);
            if (const auto format = wireFormatFromExtension(path)) {
                m_ui->formatBox->setCurrentIndex(m_ui->formatBox->findData(int(*format)));
            }
        }
    });
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

ConnectionDialog::~ConnectionDialog() = default;

QString ConnectionDialog::uri() const
{
    return m_uri;
}

QString ConnectionDialog::problem() const
{
    return m_problem;
}

void ConnectionDialog::fill(const SourceUri &uri)
{
    m_ui->kindBox->setCurrentIndex(m_ui->kindBox->findData(int(uri.scheme)));
    m_ui->formatBox->setCurrentIndex(m_ui->formatBox->findData(int(uri.format)));
    switch (uri.scheme) {
    case SourceUri::Scheme::Udp:
    case SourceUri::Scheme::Tcp:
    case SourceUri::Scheme::TcpListen:
        m_ui->hostEdit->setText(uri.host);
        m_ui->portBox->setValue(uri.port);
        break;
    case SourceUri::Scheme::File:
        m_ui->pathEdit->setText(uri.path);
        m_ui->speedBox->setValue(uri.speed);
        m_ui->loopBox->setChecked(uri.loop);
        break;
    case SourceUri::Scheme::Sim:
        m_ui->profileBox->setCurrentText(uri.profile);
        m_ui->scenarioBox->setCurrentText(uri.scenario.isEmpty() ? QStringLiteral("nominal")
                                                                 : uri.scenario);
        m_ui->seedBox->setValue(int(std::min<std::uint64_t>(uri.seed, INT32_MAX)));
        break;
    case SourceUri::Scheme::Mqtt:
        // TLS, credentials and the client id are kept as they were given.
        m_mqttOptions = uri;
        m_ui->hostEdit->setText(uri.host);
        m_ui->portBox->setValue(uri.port);
        m_ui->topicEdit->setText(uri.topic);
        break;
    }
}

SourceUri ConnectionDialog::fromFields() const
{
    SourceUri uri;
    uri.scheme = SourceUri::Scheme(m_ui->kindBox->currentData().toInt());
    uri.format = WireFormat(m_ui->formatBox->currentData().toInt());
    uri.host = m_ui->hostEdit->text().trimmed();
    uri.port = std::uint16_t(m_ui->portBox->value());
    uri.path = m_ui->pathEdit->text().trimmed();
    uri.speed = m_ui->speedBox->value();
    uri.loop = m_ui->loopBox->isChecked();
    uri.profile = m_ui->profileBox->currentText();
    uri.scenario = m_ui->scenarioBox->currentText().trimmed();
    uri.seed = std::uint64_t(m_ui->seedBox->value());
    if (uri.scheme == SourceUri::Scheme::Mqtt) {
        uri.topic = m_ui->topicEdit->text().trimmed();
        uri.qos = m_mqttOptions.qos;
        uri.tls = m_mqttOptions.tls;
        uri.caFile = m_mqttOptions.caFile;
        uri.credentialsFile = m_mqttOptions.credentialsFile;
        uri.clientId = m_mqttOptions.clientId;
    }
    return uri;
}

void ConnectionDialog::showKind()
{
    const auto scheme = SourceUri::Scheme(m_ui->kindBox->currentData().toInt());
    const bool mqtt = scheme == SourceUri::Scheme::Mqtt;
    const bool network = scheme == SourceUri::Scheme::Udp || scheme == SourceUri::Scheme::Tcp
                         || scheme == SourceUri::Scheme::TcpListen || mqtt;
    const bool file = scheme == SourceUri::Scheme::File;
    const bool sim = scheme == SourceUri::Scheme::Sim;
    QFormLayout *form = m_ui->form;
    form->setRowVisible(m_ui->hostEdit, network);
    form->setRowVisible(m_ui->portBox, network);
    form->setRowVisible(m_ui->topicEdit, mqtt);
    form->setRowVisible(m_ui->pathRow, file);
    form->setRowVisible(m_ui->formatBox, !sim);
    form->setRowVisible(m_ui->speedBox, file);
    form->setRowVisible(m_ui->loopBox, file);
    form->setRowVisible(m_ui->profileBox, sim);
    form->setRowVisible(m_ui->scenarioBox, sim);
    form->setRowVisible(m_ui->seedBox, sim);
}

void ConnectionDialog::update()
{
    showKind();
    const SourceUri fields = fromFields();
    m_uri.clear();
    m_problem.clear();
    if (fields.scheme == SourceUri::Scheme::File && fields.path.isEmpty()) {
        m_problem = tr("Choose a recording to replay.");
    } else if (fields.scheme != SourceUri::Scheme::File && fields.scheme != SourceUri::Scheme::Sim
               && fields.host.isEmpty()) {
        m_problem = tr("Give a host: an address to listen on or a server to connect to.");
    } else if (fields.scheme == SourceUri::Scheme::Mqtt && fields.topic.isEmpty()) {
        m_problem = tr("Give a topic filter, such as fleet/+/telemetry.");
    } else {
        // Parsed back: the dialog accepts exactly what the source field would.
        const QString text = fields.toString();
        if (SourceUri::parse(text, &m_problem)) {
            m_uri = text;
        }
    }
    m_ui->uriLabel->setText(m_uri.isEmpty() ? m_problem : m_uri);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!m_uri.isEmpty());
}

} // namespace fw
