#include "commands.h"
#include "options.h"
#include "service/httpservice.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace fw::cli {

// `health` asks a running serve (or console) whether it is alive: the container image's
// HEALTHCHECK and scripts use it, as the slim runtime image has no curl. It reads the same
// FAULTWATCH_HTTP and FAULTWATCH_HTTP_TOKEN as serve, so one environment configures both.
int health(const QStringList &arguments)
{
    const QString command = QStringLiteral("health");
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "health", "Asks the service on ADDR:PORT for /health; exits 0 when it answers 200, else "
                  "1 with the reason. A wildcard address (0.0.0.0, ::) is asked on loopback."));
    parser.addHelpOption();
    QCommandLineOption httpOption = makeOption(
        "health", "http", "Address of the service (default $FAULTWATCH_HTTP, else 127.0.0.1:9917).",
        "ADDR:PORT");
    httpOption.setDefaultValue(httpAddressDefault());
    const QCommandLineOption tokenOption = makeOption(
        "health", "http-token-file",
        "Send the bearer token in FILE's first line (default $FAULTWATCH_HTTP_TOKEN).", "FILE");
    const QCommandLineOption timeoutOption
        = makeOption("health", "timeout", "Seconds to wait for the answer (default 5).", "S");
    parser.addOptions({httpOption, tokenOption, timeoutOption});
    if (const std::optional<int> exit = parseArguments(parser, arguments, command)) {
        return *exit;
    }
    const auto timeout = numberOption(parser, timeoutOption.names().constFirst(), 5, 0.001, 3600);
    if (!timeout) {
        return kExitUsage;
    }
    HttpOptions http;
    QString error;
    if (!parseHttpAddress(parser.value(httpOption), &http, &error)
        || !tokenFromOptions(parser, tokenOption, &http.token, &error)) {
        printError(command, error);
        return kExitUsage;
    }
    if (http.address == QHostAddress::AnyIPv4) {
        http.address = QHostAddress::LocalHost;
    } else if (http.address == QHostAddress::AnyIPv6) {
        http.address = QHostAddress::LocalHostIPv6;
    }
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(http.address.toString());
    url.setPort(http.port);
    url.setPath(QStringLiteral("/health"));

    QNetworkAccessManager network;
    QNetworkRequest request(url);
    request.setTransferTimeout(int(*timeout * 1000));
    if (!http.token.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + http.token);
    }
    QNetworkReply *reply = network.get(request);
    QObject::connect(reply, &QNetworkReply::finished, &network, [] { QCoreApplication::exit(); });
    QCoreApplication::exec();

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll().trimmed();
    if (status == 200) {
        QTextStream(stdout) << body << "\n";
        return 0;
    }
    printError(command, status > 0
                            ? QStringLiteral("%1 answered %2: %3")
                                  .arg(url.toString())
                                  .arg(status)
                                  .arg(QString::fromUtf8(body))
                            : QStringLiteral("%1: %2").arg(url.toString(), reply->errorString()));
    return kExitFailure;
}

} // namespace fw::cli
