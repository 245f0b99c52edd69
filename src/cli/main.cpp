#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("faultwatch-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FW_VERSION));
    QTextStream(stdout) << "faultwatch-cli " << FW_VERSION << "\n";
    return 0;
}
