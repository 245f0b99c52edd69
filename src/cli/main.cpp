#include "commands.h"

#include <QCoreApplication>
#include <QTextStream>

#include <csignal>
#include <map>

namespace {

struct Command
{
    int (*run)(const QStringList &);
    const char *summary;
};

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("simulate"),
         {fw::cli::simulate, "generate telemetry with fault scenarios and send it"}},
        {QStringLiteral("serve"),
         {fw::cli::serve, "run the detector on a source and serve /metrics, /health, /predict"}},
        {QStringLiteral("tap"), {fw::cli::tap, "print decoded samples from a source as JSONL"}},
        {QStringLiteral("train"),
         {fw::cli::train, "train a detector on a nominal recording and write the model file"}},
        {QStringLiteral("health"),
         {fw::cli::health, "ask a running service for /health; exit 0 when it is alive"}},
        {QStringLiteral("score"),
         {fw::cli::score, "score a recording with a model; alarms against labels if given"}},
    };
    return table;
}

void printUsage(QTextStream &out)
{
    out << "Usage: faultwatch-cli COMMAND [OPTIONS]\n\n"
           "FaultWatch without a GUI: telemetry tools for benches, racks and CI.\n\nCommands:\n";
    for (const auto &[name, command] : commands()) {
        out << "  " << name.leftJustified(10) << command.summary << "\n";
    }
    out << "\nRun 'faultwatch-cli COMMAND --help' for a command's options.\n";
}

} // namespace

int main(int argc, char *argv[])
{
    // A file size limit (ulimit -f) must make a write fail with EFBIG, which the recorder
    // reports, not kill the service.
    std::signal(SIGXFSZ, SIG_IGN);
    // A broker or peer gone away must be an error return from a write, not a signal that ends
    // the process: libmosquitto does not ask its writes to spare us SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("faultwatch-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("FaultWatch"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FW_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (arguments.size() < 2 || arguments[1] == u"--help" || arguments[1] == u"-h") {
        printUsage(arguments.size() < 2 ? err : out);
        return arguments.size() < 2 ? fw::cli::kExitUsage : 0;
    }
    if (arguments[1] == u"--version" || arguments[1] == u"-v") {
        out << "faultwatch-cli " << FW_VERSION << "\n";
        return 0;
    }
    const auto it = commands().find(arguments[1]);
    if (it == commands().end()) {
        err << "faultwatch-cli: unknown command '" << arguments[1] << "'\n\n";
        printUsage(err);
        return fw::cli::kExitUsage;
    }
    // QCommandLineParser shows the first argument as the program: make it "faultwatch-cli NAME".
    arguments[1] = arguments[0] + u' ' + arguments[1];
    arguments.removeFirst();
    return it->second.run(arguments);
}
