#include "simulator.h"

#include <array>
#include <cmath>

namespace fw {

namespace {

constexpr std::array<FaultType, 7> kFaultTypes{
    FaultType::Drift,       FaultType::Step,  FaultType::Spike,  FaultType::Stuck,
    FaultType::Oscillation, FaultType::Noise, FaultType::Dropout};

// Single faults start at 30 % of the run and last 20 % of it unless told otherwise.
constexpr double kDefaultOnsetFraction = 0.3;
constexpr double kDefaultDurationFraction = 0.2;
// "mixed": a nominal lead-in, then every fault type for one slot followed by one nominal slot.
constexpr int kMixedSlots = 1 + 2 * int(kFaultTypes.size());

const QString kNominal = QStringLiteral("nominal");
const QString kMixed = QStringLiteral("mixed");

// The channel a fault type goes to when the spec names none: where that failure is typical.
QString defaultChannel(FaultType type)
{
    switch (type) {
    case FaultType::Drift:
        return QStringLiteral("temperature");
    case FaultType::Step:
    case FaultType::Noise:
        return QStringLiteral("voltage");
    case FaultType::Spike:
    case FaultType::Oscillation:
        return QStringLiteral("vibration");
    case FaultType::Stuck:
    case FaultType::Dropout:
        return QStringLiteral("pressure");
    }
    return {};
}

std::optional<Scenario> refuse(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return std::nullopt;
}

QString seconds(double value)
{
    return QString::number(value, 'g', 10);
}

} // namespace

std::optional<FaultType> faultTypeFromName(QStringView name)
{
    for (FaultType type : kFaultTypes) {
        if (name == faultTypeName(type)) {
            return type;
        }
    }
    return std::nullopt;
}

QString faultTypeName(FaultType type)
{
    switch (type) {
    case FaultType::Drift:
        return QStringLiteral("drift");
    case FaultType::Step:
        return QStringLiteral("step");
    case FaultType::Spike:
        return QStringLiteral("spike");
    case FaultType::Stuck:
        return QStringLiteral("stuck");
    case FaultType::Oscillation:
        return QStringLiteral("oscillation");
    case FaultType::Noise:
        return QStringLiteral("noise");
    case FaultType::Dropout:
        return QStringLiteral("dropout");
    }
    return {};
}

QStringList faultTypeNames()
{
    QStringList names;
    for (FaultType type : kFaultTypes) {
        names << faultTypeName(type);
    }
    return names;
}

QStringList Scenario::names()
{
    return QStringList{kNominal} + faultTypeNames() + QStringList{kMixed};
}

std::optional<Scenario> Scenario::make(const QString &spec, const Profile &profile,
                                       const ScenarioOptions &options, QString *error)
{
    const QString trimmed = spec.trimmed();
    const qsizetype colon = trimmed.indexOf(u':');
    const QString name = trimmed.left(colon).isEmpty() ? kNominal : trimmed.left(colon);
    const QString channelId = colon < 0 ? QString() : trimmed.mid(colon + 1);
    const std::optional<FaultType> type = faultTypeFromName(name);
    if (!type && name != kNominal && name != kMixed) {
        return refuse(error, QStringLiteral("unknown scenario '%1' (valid: %2; a fault may name a "
                                            "channel, e.g. drift:temperature)")
                                 .arg(name, names().join(QStringLiteral(", "))));
    }
    if (!type && colon >= 0) {
        return refuse(error, QStringLiteral("scenario '%1' takes no channel").arg(name));
    }
    if (profile.channelCount() == 0) {
        return refuse(error, QStringLiteral("profile '%1' has no channels").arg(profile.name));
    }
    const double run = options.runDurationS;
    if (!std::isfinite(run) || run <= 0) {
        return refuse(error, QStringLiteral("run duration must be above 0 s"));
    }
    if (!std::isfinite(options.magnitude) || options.magnitude <= 0) {
        return refuse(error, QStringLiteral("fault magnitude must be above 0"));
    }
    if ((options.onsetS && (!std::isfinite(*options.onsetS) || *options.onsetS < 0))
        || (options.faultDurationS
            && (!std::isfinite(*options.faultDurationS) || *options.faultDurationS <= 0))) {
        return refuse(error, QStringLiteral("fault onset must be 0 s or later and fault duration "
                                            "above 0 s"));
    }

    Scenario scenario;
    scenario.name = name;
    if (name == kNominal) {
        return scenario;
    }

    if (type) {
        int channel = -1;
        if (colon >= 0) {
            channel = profile.indexOf(channelId);
            if (channel < 0) {
                return refuse(error, QStringLiteral("unknown channel '%1' for profile %2 "
                                                    "(channels: %3)")
                                         .arg(channelId, profile.name,
                                              profile.channelIds().join(QStringLiteral(", "))));
            }
        } else {
            channel = std::max(0, profile.indexOf(defaultChannel(*type)));
        }
        Fault fault;
        fault.type = *type;
        fault.channel = channel;
        fault.onsetS = options.onsetS.value_or(kDefaultOnsetFraction * run);
        fault.durationS = options.faultDurationS.value_or(kDefaultDurationFraction * run);
        fault.magnitude = options.magnitude;
        if (fault.onsetS + fault.durationS > run) {
            return refuse(error,
                          QStringLiteral("the fault (onset %1 s, duration %2 s) does not "
                                         "fit in a run of %3 s")
                              .arg(seconds(fault.onsetS), seconds(fault.durationS), seconds(run)));
        }
        scenario.name = trimmed;
        scenario.faults.push_back(fault);
        return scenario;
    }

    // mixed: the lead-in and fault length may be set; the nominal gaps share what is left.
    const double slot = run / kMixedSlots;
    const double lead = options.onsetS.value_or(slot);
    const double length = options.faultDurationS.value_or(slot);
    const auto count = double(kFaultTypes.size());
    const double gap = (run - lead - count * length) / count;
    if (gap <= 0) {
        return refuse(error, QStringLiteral("mixed: %1 faults of %2 s after %3 s leave no nominal "
                                            "gap in a run of %4 s")
                                 .arg(kFaultTypes.size())
                                 .arg(seconds(length), seconds(lead), seconds(run)));
    }
    for (std::size_t i = 0; i < kFaultTypes.size(); ++i) {
        Fault fault;
        fault.type = kFaultTypes[i];
        fault.channel = int(i % std::size_t(profile.channelCount()));
        fault.onsetS = lead + double(i) * (length + gap);
        fault.durationS = length;
        fault.magnitude = options.magnitude;
        scenario.faults.push_back(fault);
    }
    // Past the end of the run the schedule starts again, so a live source keeps showing faults.
    scenario.periodS = run;
    return scenario;
}

} // namespace fw
