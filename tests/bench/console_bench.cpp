// The console under load: FaultWatch's MainWindow, offscreen, listening on a loopback UDP port
// while tests/bench/console.sh sends simulator telemetry to it. Prints JSON lines; see console.sh.
//
//   fw_bench_console [--rate HZ] [--window S] [--width W] [--height H] [--frames FILE]
//                    [--drain-timeout S]
//
// Protocol on stdin/stdout, so the script can run the sender in between:
//   1. prints {"listening": "udp://127.0.0.1:PORT?format=ccsds"} once the source is up;
//   2. reads "sent N" (or end of input) once the sender is done;
//   3. waits until the history holds N samples and the detector has answered every block, or
//      until nothing has moved for --drain-timeout seconds, and prints its figures.
//
// Frames: the window's own display tick (MainWindow::kTickMs) schedules the repaints, as for an
// operator; the offscreen platform paints them into a real raster backing store. A frame's time
// is PlotView's own (the wall-clock time of its paintEvent, what the status bar shows); the GUI
// thread's CPU time in the same paint is reported beside it, and how many paints were preempted
// or blocked. A frame counts in the statistics when the view held a full time window of samples
// per channel: rate × window, less one pixel column's worth, as the live view's right edge is
// rounded up to a whole column.
#include "mainwindow.h"
#include "plot/plotrenderer.h"
#include "plot/plotview.h"
#include "plot/samplehistory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QTimer>
#include <QUdpSocket>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace fw;

namespace {

void printJson(const QJsonObject &object)
{
    std::printf("%s\n", QJsonDocument(object).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    const double rank = p * double(values.size() - 1);
    const auto below = std::size_t(std::floor(rank));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (values[above] - values[below]) * (rank - double(below));
}

// A loopback port nobody uses now: the kernel picks it, the probe socket gives it back.
quint16 freePort()
{
    QUdpSocket probe;
    if (!probe.bind(QHostAddress::LocalHost, 0)) {
        return 0;
    }
    return probe.localPort();
}

// Whether a socket is bound to 127.0.0.1:port, from the kernel's table: the source binds on its
// own thread after start() returns, and datagrams sent before that would be lost. Probing with
// a bind of our own could make the source's bind fail.
bool boundOnLoopback(quint16 port)
{
    QFile table(QStringLiteral("/proc/net/udp"));
    if (!table.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray local
        = QByteArray("0100007F:") + QByteArray::number(port, 16).toUpper().rightJustified(4, '0');
    const QList<QByteArray> lines = table.readAll().split('\n');
    return std::any_of(lines.begin(), lines.end(), [&](const QByteArray &line) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        return fields.size() > 1 && fields[1] == local;
    });
}

double threadCpuMs()
{
    timespec now{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) * 1e-6;
}

// The calling thread's context switches: involuntary (preempted) and voluntary (it blocked).
std::pair<long, long> contextSwitches()
{
    rusage usage{};
    ::getrusage(RUSAGE_THREAD, &usage);
    return {usage.ru_nivcsw, usage.ru_nvcsw};
}

// Records PlotView's frames. The filter delivers each paint event to the view itself, so that
// it can count the points in the range the frame draws (the history only changes on this, the
// GUI thread, between events) and the GUI thread's CPU time spent in the paint next to
// PlotView's own wall-clock frame time: on a loaded machine the two differ by the time the
// thread waited for a core (preempted) or for something else (blocked; Qt's raster engine, for
// one, hands large translucent fills to its thread pool and waits for them).
class FrameRecorder : public QObject
{
public:
    struct Frame
    {
        double ms = 0;          // PlotView::lastFrameMs(): wall clock, as the status bar shows it
        double cpuMs = 0;       // the GUI thread's CPU time in the same paint
        bool preempted = false; // the kernel switched the GUI thread out during the paint
        bool blocked = false;   // the GUI thread waited during the paint (a lock, a semaphore)
        std::int64_t pointsInView = 0;
    };

    FrameRecorder(PlotView *view, std::int64_t fullView, std::FILE *log)
        : m_view(view)
        , m_fullView(fullView)
        , m_log(log)
    {
        view->installEventFilter(this);
    }

    // Frames painted with a full view.
    [[nodiscard]] const std::vector<Frame> &fullFrames() const { return m_fullFrames; }
    [[nodiscard]] std::uint64_t frames() const { return m_frames; }
    // Line segments the last full-view frame drew, all strips together.
    [[nodiscard]] std::size_t segments() const { return m_segments; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_view || event->type() != QEvent::Paint) {
            return false;
        }
        Frame frame;
        frame.pointsInView = pointsInView();
        const std::uint64_t before = m_view->framesPainted();
        const auto switches = contextSwitches();
        const double cpu = threadCpuMs();
        static_cast<QObject *>(m_view)->event(event); // PlotView::paintEvent()
        frame.cpuMs = threadCpuMs() - cpu;
        const auto switchesAfter = contextSwitches();
        frame.preempted = switchesAfter.first != switches.first;
        frame.blocked = switchesAfter.second != switches.second;
        if (m_view->framesPainted() == before) {
            return true;
        }
        frame.ms = m_view->lastFrameMs();
        ++m_frames;
        if (m_log) {
            std::fprintf(m_log, "%.3f,%.3f,%d,%d,%lld\n", frame.ms, frame.cpuMs,
                         int(frame.preempted), int(frame.blocked),
                         static_cast<long long>(frame.pointsInView));
        }
        if (frame.pointsInView >= m_fullView) {
            m_fullFrames.push_back(frame);
            m_segments = m_view->lastSegmentCount();
        }
        return true;
    }

private:
    // Samples (per channel) in the range the view is about to draw.
    [[nodiscard]] std::int64_t pointsInView()
    {
        const SampleHistory *history = m_view->history();
        if (!history || history->isEmpty()) {
            return 0;
        }
        const auto [t0, t1] = m_view->visibleRange();
        history->columnBounds(t0, t1, 1, m_bounds);
        return m_bounds.size() == 2 ? m_bounds[1] - m_bounds[0] : 0;
    }

    PlotView *m_view;
    std::int64_t m_fullView;
    std::FILE *m_log;
    std::vector<std::int64_t> m_bounds;
    std::uint64_t m_frames = 0;
    std::vector<Frame> m_fullFrames;
    std::size_t m_segments = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    // The operator's settings stay untouched, and theirs do not change the bench.
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("FaultWatchBench"));
    QApplication::setApplicationName(QStringLiteral("fw-bench-console"));

    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("rate"), QStringLiteral("Samples per second sent."), QStringLiteral("HZ"),
         QStringLiteral("100000")},
        {QStringLiteral("window"), QStringLiteral("Time window in seconds."), QStringLiteral("S"),
         QStringLiteral("10")},
        {QStringLiteral("width"), QStringLiteral("Window width."), QStringLiteral("PX"),
         QStringLiteral("1600")},
        {QStringLiteral("height"), QStringLiteral("Window height."), QStringLiteral("PX"),
         QStringLiteral("1000")},
        {QStringLiteral("frames"),
         QStringLiteral("Write each frame's wall and CPU milliseconds, whether the GUI thread was "
                        "preempted or blocked, and the points in view to FILE (CSV)."),
         QStringLiteral("FILE")},
        {QStringLiteral("drain-timeout"),
         QStringLiteral("Seconds without progress before giving up draining."), QStringLiteral("S"),
         QStringLiteral("5")},
    });
    parser.process(app);
    const double rate = parser.value(QStringLiteral("rate")).toDouble();
    const double window = parser.value(QStringLiteral("window")).toDouble();
    const int width = parser.value(QStringLiteral("width")).toInt();
    const int height = parser.value(QStringLiteral("height")).toInt();
    const auto drainTimeoutMs
        = qint64(parser.value(QStringLiteral("drain-timeout")).toDouble() * 1000);

    {
        QSettings settings;
        settings.clear();
        settings.setValue(QStringLiteral("view/timeWindow"), window);
    }
    MainWindow mainWindow;
    mainWindow.resize(width, height);
    mainWindow.show();

    const quint16 port = freePort();
    const QString source = QStringLiteral("udp://127.0.0.1:%1?format=ccsds").arg(port);
    ConsoleOptions options;
    options.profile = QStringLiteral("spacecraft");
    options.modelPath = QString::fromLatin1(MainWindow::kDemoModel);
    options.source = source;
    // Served as for an operator, on a port of its own so that the bench never takes 9917.
    options.http = QStringLiteral("127.0.0.1:0");
    QString error;
    if (port == 0 || !mainWindow.start(options, &error)) {
        std::fprintf(stderr, "fw_bench_console: %s\n", qPrintable(error));
        return 1;
    }
    QObject::connect(mainWindow.pipeline(), &Pipeline::sourceFailed, [](const QString &message) {
        std::fprintf(stderr, "fw_bench_console: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    QElapsedTimer binding;
    binding.start();
    while (!boundOnLoopback(port)) {
        if (binding.elapsed() > 5000) {
            std::fprintf(stderr, "fw_bench_console: %s not bound after 5 s\n", qPrintable(source));
            return 1;
        }
        QApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    PlotView *view = mainWindow.plotView();
    if (view->timeWindow() != window) {
        std::fprintf(stderr, "fw_bench_console: time window %g s, not %g s\n", view->timeWindow(),
                     window);
        return 1;
    }
    QApplication::processEvents();

    // A full view is rate × window samples, less one pixel column's worth.
    const int columns = PlotRenderer::plotArea(view->rect(), view->fontMetrics()).width();
    const double expected = rate * window;
    const auto fullView = std::int64_t(std::floor(expected - std::ceil(expected / columns)));
    std::FILE *frameLog = nullptr;
    if (parser.isSet(QStringLiteral("frames"))) {
        frameLog = std::fopen(qPrintable(parser.value(QStringLiteral("frames"))), "w");
        if (frameLog) {
            std::fputs("frame_ms,cpu_ms,preempted,blocked,points_in_view\n", frameLog);
        }
    }
    FrameRecorder recorder(view, fullView, frameLog);

    Pipeline *pipeline = mainWindow.pipeline();
    const SampleHistory *history = mainWindow.history();
    std::int64_t sent = -1; // unknown until the script says
    bool senderDone = false;
    QElapsedTimer sinceProgress;
    std::uint64_t lastProgress = 0;

    const auto finish = [&] {
        const SourceStats stats = pipeline->sourceStats();
        std::uint64_t decodeErrors = 0;
        for (const std::uint64_t count : stats.decodeErrors.byReason) {
            decodeErrors += count;
        }
        std::vector<double> wall;
        std::vector<double> cpu;
        std::int64_t preempted = 0;
        std::int64_t blocked = 0;
        std::int64_t minInView = -1;
        std::int64_t maxInView = -1;
        for (const FrameRecorder::Frame &frame : recorder.fullFrames()) {
            wall.push_back(frame.ms);
            cpu.push_back(frame.cpuMs);
            preempted += frame.preempted ? 1 : 0;
            blocked += frame.blocked ? 1 : 0;
            minInView
                = minInView < 0 ? frame.pointsInView : std::min(minInView, frame.pointsInView);
            maxInView = std::max(maxInView, frame.pointsInView);
        }
        printJson({
            {QStringLiteral("frame_ms_median"), percentile(wall, 0.5)},
            {QStringLiteral("frame_ms_p99"), percentile(wall, 0.99)},
            {QStringLiteral("frame_cpu_ms_median"), percentile(cpu, 0.5)},
            {QStringLiteral("frame_cpu_ms_p99"), percentile(cpu, 0.99)},
            {QStringLiteral("frames_full_view"), qint64(wall.size())},
            {QStringLiteral("frames_full_view_preempted"), qint64(preempted)},
            {QStringLiteral("frames_full_view_blocked"), qint64(blocked)},
            {QStringLiteral("frames_painted"), qint64(recorder.frames())},
            {QStringLiteral("points_in_view_min"), qint64(minInView)},
            {QStringLiteral("points_in_view_max"), qint64(maxInView)},
            {QStringLiteral("channels"), history->channelCount()},
            {QStringLiteral("plot_columns"), columns},
            {QStringLiteral("segments_per_frame"), qint64(recorder.segments())},
            {QStringLiteral("samples_received"), qint64(pipeline->samplesReceived())},
            {QStringLiteral("samples_plotted"), qint64(history->samplesAppendedTotal())},
            {QStringLiteral("samples_scored"), qint64(pipeline->samplesScored())},
            {QStringLiteral("samples_skipped"), qint64(pipeline->samplesSkipped())},
            {QStringLiteral("source_samples"), qint64(stats.samples)},
            {QStringLiteral("source_datagrams"), qint64(stats.datagrams)},
            {QStringLiteral("source_lost"), qint64(stats.lost)},
            {QStringLiteral("source_decode_errors"), qint64(decodeErrors)},
            {QStringLiteral("bytes_per_stored_sample"), history->bytesPerSample()},
            {QStringLiteral("history_bytes"), qint64(history->memoryBytes())},
        });
        QApplication::quit();
    };

    // Draining: every sample sent is in the history and every block handed to the detector is
    // answered, or nothing has moved for drainTimeoutMs.
    QTimer drain;
    drain.setInterval(50);
    QObject::connect(&drain, &QTimer::timeout, [&] {
        const std::uint64_t progress = history->samplesAppendedTotal() + pipeline->samplesScored()
                                       + pipeline->samplesSkipped();
        if (progress != lastProgress) {
            lastProgress = progress;
            sinceProgress.restart();
        }
        const bool answered
            = pipeline->samplesScored() + pipeline->samplesSkipped() == pipeline->samplesReceived();
        const bool allIn = sent >= 0 && history->samplesAppendedTotal() >= std::uint64_t(sent);
        if (senderDone && ((allIn && answered) || sinceProgress.elapsed() > drainTimeoutMs)) {
            drain.stop();
            finish();
        }
    });
    sinceProgress.start();
    drain.start();

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray line;
    QObject::connect(&input, &QSocketNotifier::activated, [&] {
        char buffer[256];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n > 0) {
            line.append(buffer, qsizetype(n));
        }
        if (n <= 0 || line.contains('\n')) {
            input.setEnabled(false);
            const QList<QByteArray> words = line.trimmed().split(' ');
            if (words.size() == 2 && words[0] == "sent") {
                sent = words[1].toLongLong();
            }
            senderDone = true;
            sinceProgress.restart();
        }
    });

    printJson({{QStringLiteral("listening"), source}});
    const int status = QApplication::exec();
    if (frameLog) {
        std::fclose(frameLog);
    }
    return status;
}
