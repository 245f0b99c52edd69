#include "profilelabels.h"

#include <QCoreApplication>

#include <array>

namespace fw {

namespace {

// lupdate finds these; the JSON files under resources/profiles hold the same English texts.
constexpr std::array kTexts{
    // spacecraft
    QT_TRANSLATE_NOOP("fw::Profile", "Battery temperature"),
    QT_TRANSLATE_NOOP("fw::Profile", "Bus voltage"),
    QT_TRANSLATE_NOOP("fw::Profile", "Wheel vibration"),
    QT_TRANSLATE_NOOP("fw::Profile", "Tank pressure"),
    QT_TRANSLATE_NOOP("fw::Profile",
                      "Small-satellite bus: battery-module temperature, 28 V main bus, "
                      "reaction-wheel vibration, propellant tank pressure"),
    // ev
    QT_TRANSLATE_NOOP("fw::Profile", "Pack temperature"),
    QT_TRANSLATE_NOOP("fw::Profile", "Pack voltage"),
    QT_TRANSLATE_NOOP("fw::Profile", "Drive-unit vibration"),
    QT_TRANSLATE_NOOP("fw::Profile", "Coolant pressure"),
    QT_TRANSLATE_NOOP("fw::Profile",
                      "Electric-vehicle test bench: battery-pack temperature, pack voltage, "
                      "drive-unit vibration, coolant pressure"),
    // skab
    QT_TRANSLATE_NOOP("fw::Profile", "Temperature"),
    QT_TRANSLATE_NOOP("fw::Profile", "Voltage"),
    QT_TRANSLATE_NOOP("fw::Profile", "Accelerometer 1 RMS"),
    QT_TRANSLATE_NOOP("fw::Profile", "Pressure"),
    QT_TRANSLATE_NOOP("fw::Profile", "Accelerometer 2 RMS"),
    QT_TRANSLATE_NOOP("fw::Profile", "Current"),
    QT_TRANSLATE_NOOP("fw::Profile", "Thermocouple"),
    QT_TRANSLATE_NOOP("fw::Profile", "Volume flow rate RMS"),
    QT_TRANSLATE_NOOP("fw::Profile",
                      "SKAB water-pump test bench (Skoltech Anomaly Benchmark), 1 Hz, columns as "
                      "in its CSV files"),
};

QString translated(const QString &text)
{
    const QByteArray source = text.toUtf8();
    return QCoreApplication::translate("fw::Profile", source.constData());
}

} // namespace

Profile localizedProfile(Profile profile)
{
    for (Channel &channel : profile.channels) {
        channel.label = translated(channel.label);
    }
    profile.description = translated(profile.description);
    return profile;
}

QStringList translatableProfileTexts()
{
    QStringList texts;
    for (const char *text : kTexts) {
        texts << QString::fromUtf8(text);
    }
    return texts;
}

} // namespace fw
