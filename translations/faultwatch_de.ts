<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>QObject</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>fw::AboutDialog</name>
    <message>
        <source>About FaultWatch</source>
        <translation>Über FaultWatch</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Name and version</source>
        <translation>Name und Version</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Tastatur</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>FaultWatch %1</source>
        <translation>FaultWatch %1</translation>
    </message>
    <message>
        <source>Fault detection for spacecraft and electric-vehicle telemetry: live plots of every channel, an Isolation Forest with range, relation and forecast checks on a worker thread, and alarms handled as in mission control.

Built with Qt %1, running on Qt %2.
Settings: %3
Alarm journal and data: %4</source>
        <translation>Fehlererkennung für Telemetrie von Raumfahrzeugen und Elektrofahrzeugen: Live-Diagramme jedes Kanals, ein Isolation Forest mit Bereichs-, Beziehungs- und Vorhersageprüfungen in einem eigenen Thread und Alarme wie in einer Missionskontrolle.

Gebaut mit Qt %1, läuft mit Qt %2.
Einstellungen: %3
Alarmjournal und Daten: %4</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>fw::AlarmHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Channel(s)</source>
        <translation>Kanal/Kanäle</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anmerkung</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Ausgelöst</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Verschärft</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Unshelved</source>
        <translation>Wieder aktiv</translation>
    </message>
    <message>
        <source>Shelf expired</source>
        <translation>Zurückstellung abgelaufen</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Gegangen</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Stummgeschaltet</translation>
    </message>
    <message>
        <source>Unsilenced</source>
        <translation>Ton wieder an</translation>
    </message>
</context>
<context>
    <name>fw::AlarmPanel</name>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Quittieren</translation>
    </message>
    <message>
        <source>Acknowledge the selected alarms</source>
        <translation>Die ausgewählten Alarme quittieren</translation>
    </message>
    <message>
        <source>Acknowledge a&amp;ll</source>
        <translation>A&amp;lle quittieren</translation>
    </message>
    <message>
        <source>Acknowledge every alarm that is not shelved</source>
        <translation>Jeden nicht zurückgestellten Alarm quittieren</translation>
    </message>
    <message>
        <source>&amp;Shelve…</source>
        <translation>&amp;Zurückstellen…</translation>
    </message>
    <message>
        <source>Suppress the selected alarms for a while, with a reason</source>
        <translation>Die ausgewählten Alarme mit Begründung eine Zeit lang unterdrücken</translation>
    </message>
    <message>
        <source>&amp;Unshelve</source>
        <translation>&amp;Wieder aktivieren</translation>
    </message>
    <message>
        <source>Return the selected shelved alarms to service</source>
        <translation>Die ausgewählten zurückgestellten Alarme wieder aktivieren</translation>
    </message>
    <message>
        <source>Si&amp;lence</source>
        <translation>Stumm&amp;schalten</translation>
    </message>
    <message>
        <source>Mute alarm annunciation; alarms still need acknowledging</source>
        <translation>Alarmmeldung stummschalten; Alarme müssen weiterhin quittiert werden</translation>
    </message>
    <message>
        <source>&amp;Export journal…</source>
        <translation>Journal &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save a copy of the alarm journal as CSV</source>
        <translation>Eine Kopie des Alarmjournals als CSV speichern</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>Bediener</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n alarm(s)</source>
        <translation>
            <numerusform>%n Alarm quittiert</numerusform>
            <numerusform>%n Alarme quittiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shelved %n alarm(s) until %1</source>
        <translation>
            <numerusform>%n Alarm bis %1 zurückgestellt</numerusform>
            <numerusform>%n Alarme bis %1 zurückgestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>Export alarm journal</source>
        <translation>Alarmjournal exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No alarm journal is kept.</source>
        <translation>Es wird kein Alarmjournal geführt.</translation>
    </message>
    <message>
        <source>Alarm journal exported to %1</source>
        <translation>Alarmjournal nach %1 exportiert</translation>
    </message>
    <message>
        <source>Alarm journal not exported: %1</source>
        <translation>Alarmjournal nicht exportiert: %1</translation>
    </message>
    <message>
        <source>The alarm journal could not be exported.</source>
        <translation>Das Alarmjournal konnte nicht exportiert werden.</translation>
    </message>
    <message numerus="yes">
        <source>%n unacknowledged, highest %1</source>
        <translation>
            <numerusform>%n unquittiert, höchste Stufe %1</numerusform>
            <numerusform>%n unquittiert, höchste Stufe %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No unacknowledged alarms</source>
        <translation>Keine unquittierten Alarme</translation>
    </message>
    <message numerus="yes">
        <source>%n shelved</source>
        <translation>
            <numerusform>%n zurückgestellt</numerusform>
            <numerusform>%n zurückgestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>annunciation silenced</source>
        <translation>Meldung stummgeschaltet</translation>
    </message>
    <message>
        <source>Alarm journal not written: %1</source>
        <translation>Alarmjournal nicht geschrieben: %1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>All active</source>
        <translation>Alle aktiven</translation>
    </message>
    <message>
        <source>To acknowledge</source>
        <translation>Zu quittieren</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Show alarms</source>
        <translation>Alarme zeigen</translation>
    </message>
    <message>
        <source>Filter by channel</source>
        <translation>Nach Kanal filtern</translation>
    </message>
    <message>
        <source>&amp;Group repeats</source>
        <translation>Wiederholungen &amp;gruppieren</translation>
    </message>
    <message>
        <source>Show the alarms of one channel as one row with a count; acting on the row acts on all of them</source>
        <translation>Die Alarme eines Kanals als eine Zeile mit Anzahl zeigen; eine Aktion auf der Zeile gilt für alle</translation>
    </message>
    <message>
        <source>Alarm history</source>
        <translation>Alarmverlauf</translation>
    </message>
    <message>
        <source>%1 · %2 · raised %3</source>
        <translation>%1 · %2 · ausgelöst %3</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiterer</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ALARM FLOOD: %n raised in the last 10 minutes</source>
        <translation>
            <numerusform>ALARMFLUT: %n ausgelöst in den letzten 10 Minuten</numerusform>
            <numerusform>ALARMFLUT: %n ausgelöst in den letzten 10 Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Alarm journal problem</source>
        <translation>Problem des Alarmjournals</translation>
    </message>
    <message>
        <source>Alarm lists</source>
        <translation>Alarmlisten</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Filte&amp;r:</source>
        <translation>Filte&amp;r:</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>Aktive Alarme</translation>
    </message>
    <message>
        <source>Alarm summary</source>
        <translation>Alarmübersicht</translation>
    </message>
</context>
<context>
    <name>fw::AlarmSortProxy</name>
    <message>
        <source>%1 ×%2</source>
        <translation>%1 ×%2</translation>
    </message>
</context>
<context>
    <name>fw::AlarmTableModel</name>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>value and unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Source time %1
Seen at %2</source>
        <translation>Quellzeit %1
Empfangen um %2</translation>
    </message>
    <message>
        <source>Outside the profile&apos;s alarm limits: %1</source>
        <translation>Außerhalb der Alarmgrenzen des Profils: %1</translation>
    </message>
    <message>
        <source>Outside the range seen in training: %1</source>
        <translation>Außerhalb des im Training gesehenen Bereichs: %1</translation>
    </message>
    <message>
        <source>Stuck on one value: %1</source>
        <translation>Hängt auf einem Wert fest: %1</translation>
    </message>
    <message>
        <source>No values arriving: %1</source>
        <translation>Es kommen keine Werte an: %1</translation>
    </message>
    <message>
        <source>No longer moving the way its own recent values forecast: %1</source>
        <translation>Bewegt sich nicht mehr so, wie seine letzten Werte es vorhersagen: %1</translation>
    </message>
    <message>
        <source>Noisier than anything seen in training: %1</source>
        <translation>Stärker verrauscht als alles im Training Gesehene: %1</translation>
    </message>
    <message>
        <source>Changing faster than anything seen in training: %1</source>
        <translation>Ändert sich schneller als alles im Training Gesehene: %1</translation>
    </message>
    <message>
        <source>A jump or spike larger than any seen in training: %1</source>
        <translation>Ein Sprung oder eine Spitze, größer als jede im Training gesehene: %1</translation>
    </message>
    <message>
        <source>No longer moving with the other channels: %1</source>
        <translation>Bewegt sich nicht mehr mit den anderen Kanälen: %1</translation>
    </message>
    <message>
        <source>Most to blame in the detector&apos;s view: %1</source>
        <translation>Laut Detektor am stärksten beteiligt: %1</translation>
    </message>
    <message>
        <source>%1 when raised, %2 at most</source>
        <translation>%1 beim Auslösen, höchstens %2</translation>
    </message>
    <message>
        <source>Raised without a detector confidence</source>
        <translation>Ohne Detektor-Konfidenz ausgelöst</translation>
    </message>
    <message>
        <source>Shelved by %1 until %2: %3</source>
        <translation>Von %1 bis %2 zurückgestellt: %3</translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation>Von %1 um %2 quittiert</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Channel(s)</source>
        <translation>Kanal/Kanäle</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>Unquittiert</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Quittiert</translation>
    </message>
    <message>
        <source>Latched</source>
        <translation>Gehalten</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Shelved until %1: %2</source>
        <translation>Zurückgestellt bis %1: %2</translation>
    </message>
    <message>
        <source>From a replay (in italics): shown, never journaled.</source>
        <translation>Aus einer Wiedergabe (kursiv): angezeigt, nie ins Journal geschrieben.</translation>
    </message>
    <message>
        <source>The detector&apos;s highest confidence while the alarm stood</source>
        <translation>Die höchste Konfidenz des Detektors, solange der Alarm anstand</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Spitze</translation>
    </message>
</context>
<context>
    <name>fw::AnomalyPanel</name>
    <message>
        <source>Anomaly confidence</source>
        <translation>Anomalie-Konfidenz</translation>
    </message>
    <message>
        <source>%p %</source>
        <translation>%p %</translation>
    </message>
    <message>
        <source>Severity lamp</source>
        <translation>Schweregrad-Leuchte</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Share of %1</source>
        <translation>Anteil von %1</translation>
    </message>
    <message>
        <source>No model: samples are plotted but not scored.</source>
        <translation>Kein Modell: Messwerte werden angezeigt, aber nicht bewertet.</translation>
    </message>
    <message numerus="yes">
        <source>%1
SHA-256 %2…
trained on %Ln rows</source>
        <translation>
            <numerusform>%1
SHA-256 %2…
trainiert auf %Ln Zeile</numerusform>
            <numerusform>%1
SHA-256 %2…
trainiert auf %Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <source>no source connected</source>
        <translation>keine Quelle verbunden</translation>
    </message>
    <message>
        <source>connecting to the source</source>
        <translation>Verbindung zur Quelle wird aufgebaut</translation>
    </message>
    <message>
        <source>no data from the source</source>
        <translation>keine Daten von der Quelle</translation>
    </message>
    <message>
        <source>the replay has ended</source>
        <translation>die Wiedergabe ist zu Ende</translation>
    </message>
    <message>
        <source>no model: samples are plotted, not judged</source>
        <translation>kein Modell: Messwerte werden gezeichnet, nicht bewertet</translation>
    </message>
    <message>
        <source>the data does not match the profile</source>
        <translation>die Daten passen nicht zum Profil</translation>
    </message>
    <message>
        <source>Attribution of the standing alarm</source>
        <translation>Zuordnung des anstehenden Alarms</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Detektor</translation>
    </message>
    <message>
        <source>Detector state</source>
        <translation>Zustand des Detektors</translation>
    </message>
    <message>
        <source>How unusual the data is: the share of the model&apos;s nominal calibration data that was less unusual. The scale is logarithmic so that the Watch, Warning and Critical levels (the marks) are apart. While an alarm stands it shows the alarm&apos;s peak, otherwise the median of the last second. Below: the last minute, one point per second, coloured where an alarm stood.</source>
        <translation>Wie ungewöhnlich die Daten sind: der Anteil der nominalen Kalibrierdaten des Modells, der weniger ungewöhnlich war. Die Skala ist logarithmisch, damit die Stufen Beobachten, Warnung und Kritisch (die Marken) auseinanderliegen. Solange ein Alarm ansteht, zeigt sie dessen Höchstwert, sonst den Median der letzten Sekunde. Darunter: die letzte Minute, ein Punkt je Sekunde, farbig, wo ein Alarm anstand.</translation>
    </message>
    <message>
        <source>Not monitoring</source>
        <translation>Keine Überwachung</translation>
    </message>
    <message>
        <source>%1 · %2 · since %3</source>
        <translation>%1 · %2 · seit %3</translation>
    </message>
    <message>
        <source>No alarm standing.</source>
        <translation>Kein Alarm steht an.</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>Model in use</source>
        <translation>Modell in Gebrauch</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>Modelldetails</translation>
    </message>
    <message>
        <source>What the model learnt and how it does this session (Ctrl+I)</source>
        <translation>Was das Modell gelernt hat und wie es sich in dieser Sitzung schlägt (Strg+I)</translation>
    </message>
</context>
<context>
    <name>fw::ConnectionBar</name>
    <message>
        <source>udp://0.0.0.0:9000, tcp://host:port, file://…</source>
        <translation>udp://0.0.0.0:9000, tcp://host:port, file://…</translation>
    </message>
    <message>
        <source>Source URI: udp://HOST:PORT, tcp://HOST:PORT, tcp-listen://HOST:PORT, file://PATH?speed=1&amp;loop=0, sim://PROFILE?scenario=mixed</source>
        <translation>Quell-URI: udp://HOST:PORT, tcp://HOST:PORT, tcp-listen://HOST:PORT, file://PFAD?speed=1&amp;loop=0, sim://PROFIL?scenario=mixed</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>The profile that names the channels, their units and limits</source>
        <translation>Das Profil, das die Kanäle, ihre Einheiten und Grenzen festlegt</translation>
    </message>
    <message>
        <source>Source state</source>
        <translation>Quellzustand</translation>
    </message>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Quelle:</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Getrennt</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Stale: no data</source>
        <translation>Veraltet: keine Daten</translation>
    </message>
    <message>
        <source>%1 samples/s · lost %2 · decode errors %3</source>
        <translation>%1 Messwerte/s · verloren %2 · Dekodierfehler %3</translation>
    </message>
    <message>
        <source>Link figures</source>
        <translation>Verbindungszahlen</translation>
    </message>
    <message>
        <source>S&amp;tream:</source>
        <translation>Da&amp;tenstrom:</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Datenstrom</translation>
    </message>
    <message>
        <source>The stream (vehicle, bench) the plots and alarms follow, of a source of many</source>
        <translation>Der Datenstrom (Fahrzeug, Prüfstand), dem Diagramme und Alarme folgen, bei einer Quelle mit mehreren</translation>
    </message>
    <message>
        <source>%1 (alarm)</source>
        <translation>%1 (Alarm)</translation>
    </message>
    <message>
        <source>%1 (alarms raised: %2)</source>
        <translation>%1 (ausgelöste Alarme: %2)</translation>
    </message>
    <message>
        <source>%1 streams, %2 holding an alarm, %3 raised one. The plots and alarms follow the one chosen here.</source>
        <translation>%1 Datenströme, %2 mit aktivem Alarm, %3 mit ausgelöstem Alarm. Diagramme und Alarme folgen dem hier gewählten.</translation>
    </message>
    <message>
        <source>S&amp;tream (alarms elsewhere: %1):</source>
        <translation>Da&amp;tenstrom (Alarme anderswo: %1):</translation>
    </message>
</context>
<context>
    <name>fw::ConnectionDialog</name>
    <message>
        <source>Connect to a source</source>
        <translation>Mit einer Quelle verbinden</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>Kind of source</source>
        <translation>Art der Quelle</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>0.0.0.0 to listen on every address, 127.0.0.1 for this machine</source>
        <translation>0.0.0.0 lauscht auf jeder Adresse, 127.0.0.1 auf diesem Rechner</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <source>Recording file</source>
        <translation>Aufzeichnungsdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>D&amp;urchsuchen…</translation>
    </message>
    <message>
        <source>Fo&amp;rmat:</source>
        <translation>Fo&amp;rmat:</translation>
    </message>
    <message>
        <source>Wire format</source>
        <translation>Übertragungsformat</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>&amp;Tempo:</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>Wiedergabetempo</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>so schnell wie möglich</translation>
    </message>
    <message>
        <source>&amp;Loop at the end</source>
        <translation>Am Ende von vorn &amp;beginnen</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>Profile to simulate</source>
        <translation>Zu simulierendes Profil</translation>
    </message>
    <message>
        <source>S&amp;cenario:</source>
        <translation>S&amp;zenario:</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Szenario</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>S&amp;tartwert:</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <source>URI:</source>
        <translation>URI:</translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation>Quell-URI</translation>
    </message>
    <message>
        <source>UDP datagrams (listen)</source>
        <translation>UDP-Datagramme (lauschen)</translation>
    </message>
    <message>
        <source>TCP stream (connect to a server)</source>
        <translation>TCP-Strom (mit einem Server verbinden)</translation>
    </message>
    <message>
        <source>TCP stream (accept a connection)</source>
        <translation>TCP-Strom (eine Verbindung annehmen)</translation>
    </message>
    <message>
        <source>Recorded file (replay)</source>
        <translation>Aufgezeichnete Datei (Wiedergabe)</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Replay a recording</source>
        <translation>Eine Aufzeichnung wiedergeben</translation>
    </message>
    <message>
        <source>Recordings (*.csv *.jsonl *.json *.ccsds *.bin)</source>
        <translation>Aufzeichnungen (*.csv *.jsonl *.json *.ccsds *.bin)</translation>
    </message>
    <message>
        <source>Choose a recording to replay.</source>
        <translation>Eine Aufzeichnung zur Wiedergabe wählen.</translation>
    </message>
    <message>
        <source>Give a host: an address to listen on or a server to connect to.</source>
        <translation>Einen Host angeben: eine Adresse zum Lauschen oder einen Server zum Verbinden.</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>&amp;Topic:</translation>
    </message>
    <message>
        <source>Topic filter</source>
        <translation>Topic-Filter</translation>
    </message>
    <message>
        <source>fleet/+/telemetry: + stands for one level, # for the rest</source>
        <translation>fleet/+/telemetry: + steht für eine Ebene, # für den Rest</translation>
    </message>
    <message>
        <source>MQTT broker (subscribe)</source>
        <translation>MQTT-Broker (abonnieren)</translation>
    </message>
    <message>
        <source>Give a topic filter, such as fleet/+/telemetry.</source>
        <translation>Geben Sie einen Topic-Filter an, etwa fleet/+/telemetry.</translation>
    </message>
</context>
<context>
    <name>fw::MainWindow</name>
    <message>
        <source>FaultWatch</source>
        <translation>FaultWatch</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Detektor</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarme</translation>
    </message>
    <message>
        <source>Replay finished.</source>
        <translation>Wiedergabe beendet.</translation>
    </message>
    <message>
        <source>source changed</source>
        <translation>Quelle gewechselt</translation>
    </message>
    <message>
        <source>Model %1 loaded.</source>
        <translation>Modell %1 geladen.</translation>
    </message>
    <message>
        <source>profile changed</source>
        <translation>Profil gewechselt</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>Modell ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation>Modell &amp;speichern unter…</translation>
    </message>
    <message>
        <source>Export plots as &amp;PNG…</source>
        <translation>Diagramme als &amp;PNG exportieren…</translation>
    </message>
    <message>
        <source>Export visible range as &amp;CSV…</source>
        <translation>Sichtbaren Bereich als &amp;CSV exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Time window</source>
        <translation>&amp;Zeitfenster</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>&amp;Alarms</source>
        <translation>A&amp;larme</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>FaultWatch models (*.json)</source>
        <translation>FaultWatch-Modelle (*.json)</translation>
    </message>
    <message>
        <source>Model not loaded, the previous one stays: %1</source>
        <translation>Modell nicht geladen, das bisherige bleibt: %1</translation>
    </message>
    <message>
        <source>There is no model to save.</source>
        <translation>Es gibt kein Modell zum Speichern.</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>Modell speichern</translation>
    </message>
    <message>
        <source>Model saved to %1.</source>
        <translation>Modell in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>Diagramme exportieren</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Plots saved to %1.</source>
        <translation>Diagramme in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>Export visible range</source>
        <translation>Sichtbaren Bereich exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows written to %1.</source>
        <translation>
            <numerusform>%Ln Zeile nach %1 geschrieben.</numerusform>
            <numerusform>%Ln Zeilen nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Train model</source>
        <translation>Modell trainieren</translation>
    </message>
    <message>
        <source>No model was trained, the one in use stays: %1</source>
        <translation>Kein Modell trainiert, das aktive bleibt: %1</translation>
    </message>
    <message>
        <source>Training canceled; the model in use stays.</source>
        <translation>Training abgebrochen; das aktive Modell bleibt.</translation>
    </message>
    <message>
        <source>replay jumped</source>
        <translation>Wiedergabe gesprungen</translation>
    </message>
    <message>
        <source>&amp;Train model from visible range…</source>
        <translation>Modell aus sichtbarem Bereich &amp;trainieren…</translation>
    </message>
    <message>
        <source>Train a model on the samples in view (pause and zoom to choose them) and put it in use</source>
        <translation>Ein Modell auf den angezeigten Messwerten trainieren (zum Auswählen anhalten und zoomen) und verwenden</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>Train on flagged samples?</source>
        <translation>Auf markierten Messwerten trainieren?</translation>
    </message>
    <message>
        <source>The model in use flagged %1 of the %2 samples in this range. A model trained on them takes that behaviour for normal and will not flag it again.

Train on this range anyway?</source>
        <translation>Das aktive Modell hat %1 der %2 Messwerte in diesem Bereich markiert. Ein darauf trainiertes Modell hält dieses Verhalten für normal und markiert es nicht mehr.

Trotzdem auf diesem Bereich trainieren?</translation>
    </message>
    <message numerus="yes">
        <source>Training a model on %Ln samples…</source>
        <translation>
            <numerusform>Trainiere ein Modell auf %Ln Messwert…</numerusform>
            <numerusform>Trainiere ein Modell auf %Ln Messwerten…</numerusform>
        </translation>
    </message>
    <message>
        <source>The new model cannot be used, the previous one stays: %1</source>
        <translation>Das neue Modell ist nicht verwendbar, das bisherige bleibt: %1</translation>
    </message>
    <message numerus="yes">
        <source>New model in use, trained on %Ln samples.</source>
        <translation>
            <numerusform>Neues Modell aktiv, trainiert auf %Ln Messwert.</numerusform>
            <numerusform>Neues Modell aktiv, trainiert auf %Ln Messwerten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Metrics are not served: %1</source>
        <translation>Metriken werden nicht bereitgestellt: %1</translation>
    </message>
    <message>
        <source>metrics off</source>
        <translation>Metriken aus</translation>
    </message>
    <message>
        <source>metrics %1/metrics</source>
        <translation>Metriken %1/metrics</translation>
    </message>
    <message>
        <source>Serve &amp;HTTP endpoints</source>
        <translation>&amp;HTTP-Endpunkte bereitstellen</translation>
    </message>
    <message>
        <source>/metrics, /health, /ready and /predict, as faultwatch-cli serve has them</source>
        <translation>/metrics, /health, /ready und /predict, wie faultwatch-cli serve sie anbietet</translation>
    </message>
    <message>
        <source>records name none of the channels of profile “%1”</source>
        <translation>Datensätze nennen keinen Kanal des Profils „%1“</translation>
    </message>
    <message>
        <source>nothing for %1 s</source>
        <translation>seit %1 s nichts</translation>
    </message>
    <message>
        <source>Not replayed: the file&apos;s columns (%1) name none of the channels of profile “%2” (%3), and it fits no built-in profile. Choose its profile first.</source>
        <translation>Nicht wiedergegeben: Die Spalten der Datei (%1) nennen keinen Kanal des Profils „%2“ (%3), und sie passt zu keinem eingebauten Profil. Wählen Sie zuerst ihr Profil.</translation>
    </message>
    <message>
        <source>Profile “%1” chosen for this file: all its channels are there and %2 % of the values lie within its limits (%3 % within those of “%4”).</source>
        <translation>Profil „%1“ für diese Datei gewählt: Alle seine Kanäle sind vorhanden, und %2 % der Werte liegen innerhalb seiner Grenzen (%3 % innerhalb derer von „%4“).</translation>
    </message>
    <message>
        <source>The file has %1 of the %2 channels of profile “%3”; the others stay empty.</source>
        <translation>Die Datei hat %1 der %2 Kanäle des Profils „%3“; die übrigen bleiben leer.</translation>
    </message>
    <message>
        <source>Only %1 % of the file&apos;s first values lie within the limits of profile “%2”, and no built-in profile fits better.</source>
        <translation>Nur %1 % der ersten Werte der Datei liegen innerhalb der Grenzen des Profils „%2“, und kein eingebautes Profil passt besser.</translation>
    </message>
    <message>
        <source>%1 samples dropped</source>
        <translation>%1 Messwerte verworfen</translation>
    </message>
    <message>
        <source>nothing dropped</source>
        <translation>nichts verworfen</translation>
    </message>
    <message>
        <source>Detector latency %1 ms, last frame %2 ms, %3 samples in memory.
Samples dropped: %4 because the detector fell behind the source, %5 because this window fell behind the detector (scoring and /metrics went on).</source>
        <translation>Detektorlatenz %1 ms, letztes Bild %2 ms, %3 Messwerte im Speicher.
Verworfene Messwerte: %4, weil der Detektor hinter der Quelle zurücklag, %5, weil dieses Fenster hinter dem Detektor zurücklag (Bewertung und /metrics liefen weiter).</translation>
    </message>
    <message>
        <source>Time &amp;axis</source>
        <translation>&amp;Zeitachse</translation>
    </message>
    <message>
        <source>&amp;Local time</source>
        <translation>&amp;Ortszeit</translation>
    </message>
    <message>
        <source>&amp;UTC</source>
        <translation>&amp;UTC</translation>
    </message>
    <message>
        <source>&amp;Seconds before the newest sample</source>
        <translation>&amp;Sekunden vor dem neuesten Messwert</translation>
    </message>
    <message>
        <source>Scale strips to their &amp;limits</source>
        <translation>Streifen auf ihre &amp;Grenzen skalieren</translation>
    </message>
    <message>
        <source>Each strip spans its channel&apos;s alarm limits as well as its data, so the limit lines are always in view</source>
        <translation>Jeder Streifen umfasst die Alarmgrenzen seines Kanals und seine Daten, sodass die Grenzlinien immer zu sehen sind</translation>
    </message>
    <message>
        <source>The onset of this alarm is no longer in memory (the replay moved on, or the history was cleared).</source>
        <translation>Der Beginn dieses Alarms ist nicht mehr im Speicher (die Wiedergabe ging weiter, oder der Verlauf wurde geleert).</translation>
    </message>
    <message>
        <source>New model: read before relying on it</source>
        <translation>Neues Modell: bitte lesen, bevor Sie sich darauf verlassen</translation>
    </message>
    <message>
        <source>The new model is in use. Training reported:

• %1</source>
        <translation>Das neue Modell ist in Gebrauch. Das Training meldete:

• %1</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Model &amp;details…</source>
        <translation>Modell&amp;details…</translation>
    </message>
    <message>
        <source>Channel plots</source>
        <translation>Kanaldiagramme</translation>
    </message>
    <message>
        <source>&amp;Connect to…</source>
        <translation>&amp;Verbinden mit…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Detector pa&amp;nel</source>
        <translation>Detektor&amp;feld</translation>
    </message>
    <message>
        <source>Ala&amp;rms panel</source>
        <translation>Ala&amp;rmfeld</translation>
    </message>
    <message>
        <source>&amp;Model view</source>
        <translation>&amp;Modellansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About FaultWatch</source>
        <translation>Ü&amp;ber FaultWatch</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>Train model from &amp;history…</source>
        <translation>Modell aus dem &amp;Verlauf trainieren…</translation>
    </message>
    <message>
        <source>another stream chosen</source>
        <translation>anderer Datenstrom gewählt</translation>
    </message>
</context>
<context>
    <name>fw::ModelTrainer</name>
    <message>
        <source>Growing the forest and calibrating…</source>
        <translation>Wald wird erzeugt und kalibriert…</translation>
    </message>
    <message>
        <source>Checking the new model on its training samples…</source>
        <translation>Neues Modell wird an seinen Trainingsdaten geprüft…</translation>
    </message>
    <message>
        <source>A model is being trained already.</source>
        <translation>Es wird bereits ein Modell trainiert.</translation>
    </message>
    <message>
        <source>console history</source>
        <translation>Konsolenverlauf</translation>
    </message>
    <message>
        <source>trained on %1 – %2 of %3</source>
        <translation>trainiert auf %1 – %2 von %3</translation>
    </message>
    <message numerus="yes">
        <source>The new model raises alarms on %Ln of the samples it was trained on: the range may hold a fault.</source>
        <translation>
            <numerusform>Das neue Modell alarmiert bei %Ln seiner Trainingsmesswerte: der Bereich enthält womöglich einen Fehler.</numerusform>
            <numerusform>Das neue Modell alarmiert bei %Ln seiner Trainingsmesswerte: der Bereich enthält womöglich einen Fehler.</numerusform>
        </translation>
    </message>
    <message>
        <source>The range holds %1 complete samples over %2 s. A model needs at least %3 complete samples over %4 s of normal operation (at this profile&apos;s %5 Hz) to learn each channel&apos;s range, noise and trend. Widen the time window, or pause and zoom out, and try again.</source>
        <translation>Der Bereich enthält %1 vollständige Messwerte über %2 s. Ein Modell braucht mindestens %3 vollständige Messwerte über %4 s Normalbetrieb (bei den %5 Hz dieses Profils), um Bereich, Rauschen und Trend jedes Kanals zu lernen. Vergrößern Sie das Zeitfenster oder halten Sie an und zoomen Sie heraus, und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>fw::ModelView</name>
    <message>
        <source>Model view</source>
        <translation>Modellansicht</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Trained on:</source>
        <translation>Trainiert mit:</translation>
    </message>
    <message>
        <source>Trained on</source>
        <translation>Trainiert mit</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Zeilen:</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Trained by:</source>
        <translation>Trainiert von:</translation>
    </message>
    <message>
        <source>Trained by</source>
        <translation>Trainiert von</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Merkmale:</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <source>Forest:</source>
        <translation>Wald:</translation>
    </message>
    <message>
        <source>Forest</source>
        <translation>Wald</translation>
    </message>
    <message>
        <source>Alarm policy:</source>
        <translation>Alarmregel:</translation>
    </message>
    <message>
        <source>Alarm policy</source>
        <translation>Alarmregel</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>Prüfungen:</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Prüfungen</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnungen:</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Kalibrierung</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Kanäle</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <source>Channel shown</source>
        <translation>Angezeigter Kanal</translation>
    </message>
    <message>
        <source>Training envelope per channel</source>
        <translation>Trainingshülle je Kanal</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sitzung</translation>
    </message>
    <message>
        <source>Calibration scores</source>
        <translation>Kalibrierungswerte</translation>
    </message>
    <message>
        <source>Held-out nominal rows</source>
        <translation>Zurückgehaltene Normalzeilen</translation>
    </message>
    <message>
        <source>Forest score</source>
        <translation>Waldwert</translation>
    </message>
    <message>
        <source>Newest score</source>
        <translation>Neuester Wert</translation>
    </message>
    <message>
        <source>Channel against its envelope</source>
        <translation>Kanal gegen seine Hülle</translation>
    </message>
    <message>
        <source>Seconds before the newest sample</source>
        <translation>Sekunden vor dem neuesten Messwert</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Mitte</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>Alarms raised</source>
        <translation>Ausgelöste Alarme</translation>
    </message>
    <message>
        <source>Alarms against the labels</source>
        <translation>Alarme gegen die Markierungen</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Präzision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>no model loaded</source>
        <translation>kein Modell geladen</translation>
    </message>
    <message>
        <source>%1 (channels %2)</source>
        <translation>%1 (Kanäle %2)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht festgehalten</translation>
    </message>
    <message>
        <source>%1 to %2 (%3 h)</source>
        <translation>%1 bis %2 (%3 h)</translation>
    </message>
    <message>
        <source>%1 given; the forest grew from %2, %3 held out to calibrate</source>
        <translation>%1 gegeben; der Wald wuchs aus %2, %3 zur Kalibrierung zurückgehalten</translation>
    </message>
    <message>
        <source>%1 per row: the raw channels and features over %2 samples</source>
        <translation>%1 je Zeile: die Rohkanäle und Merkmale über %2 Messwerte</translation>
    </message>
    <message>
        <source>%1 per row: the raw channels</source>
        <translation>%1 je Zeile: die Rohkanäle</translation>
    </message>
    <message>
        <source>watch at %1, warning at %2, critical at %3 confidence; the forest alone %4 (%5 of %6 samples)</source>
        <translation>Beobachten ab %1, Warnung ab %2, kritisch ab %3 Konfidenz; der Wald allein %4 (%5 von %6 Messwerten)</translation>
    </message>
    <message>
        <source>raises alarms</source>
        <translation>löst Alarme aus</translation>
    </message>
    <message>
        <source>raises no alarm</source>
        <translation>löst keinen Alarm aus</translation>
    </message>
    <message>
        <source>nominal range on %1 of %2 channels (mean of %3 samples, ±%4 scales)</source>
        <translation>Nennbereich auf %1 von %2 Kanälen (Mittel aus %3 Messwerten, ±%4 Skalen)</translation>
    </message>
    <message>
        <source>jump, trend, noise, stuck and dropout per channel</source>
        <translation>Sprung, Trend, Rauschen, Hängen und Ausfall je Kanal</translation>
    </message>
    <message>
        <source>alarm limits on %1 channels</source>
        <translation>Alarmgrenzen auf %1 Kanälen</translation>
    </message>
    <message>
        <source>no relation check</source>
        <translation>keine Beziehungsprüfung</translation>
    </message>
    <message>
        <source>relation to the other channels</source>
        <translation>Beziehung zu den anderen Kanälen</translation>
    </message>
    <message>
        <source>no forecast check</source>
        <translation>keine Vorhersageprüfung</translation>
    </message>
    <message>
        <source>forecast of each channel</source>
        <translation>Vorhersage jedes Kanals</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Kein Modell geladen.</translation>
    </message>
    <message>
        <source>%1 scores of held-out nominal rows. A score to the right of a dashed line has at least that level&apos;s confidence.</source>
        <translation>%1 Werte zurückgehaltener Normalzeilen. Ein Wert rechts einer gestrichelten Linie hat mindestens die Konfidenz dieser Stufe.</translation>
    </message>
    <message>
        <source>%1 cannot be reached from the forest&apos;s score alone with this many calibration rows.</source>
        <translation>%1 ist mit so wenigen Kalibrierungszeilen allein über den Waldwert nicht erreichbar.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Nominal range of the mean</source>
        <translation>Nennbereich des Mittels</translation>
    </message>
    <message>
        <source>Noise up to</source>
        <translation>Rauschen bis</translation>
    </message>
    <message>
        <source>Jump up to</source>
        <translation>Sprung bis</translation>
    </message>
    <message>
        <source>Trend up to per window</source>
        <translation>Trend bis je Fenster</translation>
    </message>
    <message>
        <source>Alarm limits</source>
        <translation>Alarmgrenzen</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>context channel, never flagged</source>
        <translation>Kontextkanal, nie gemeldet</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>%1 against its training envelope</source>
        <translation>%1 gegen seine Trainingshülle</translation>
    </message>
    <message>
        <source>Precision and recall are drawn after a replay with ground truth: start the console with --labels FILE.</source>
        <translation>Präzision und Trefferquote erscheinen nach einer Wiedergabe mit Grundwahrheit: die Konsole mit --labels DATEI starten.</translation>
    </message>
    <message>
        <source>Against the labels so far: precision %1, recall %2 over %3 labelled samples.</source>
        <translation>Gegen die Markierungen bisher: Präzision %1, Trefferquote %2 über %3 markierte Messwerte.</translation>
    </message>
    <message>
        <source>%1 trees of %2 rows each, %3</source>
        <translation>%1 Bäume aus je %2 Zeilen, %3</translation>
    </message>
    <message>
        <source>hyperplane splits</source>
        <translation>Teilungen an Hyperebenen</translation>
    </message>
    <message>
        <source>axis-parallel splits</source>
        <translation>achsenparallele Teilungen</translation>
    </message>
    <message>
        <source>Alarms raised per hour of source time (UTC)</source>
        <translation>Ausgelöste Alarme je Stunde Quellzeit (UTC)</translation>
    </message>
</context>
<context>
    <name>fw::PlotView</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>Channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>fw::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Time window:</source>
        <translation>&amp;Zeitfenster:</translation>
    </message>
    <message>
        <source>Time window of the plots</source>
        <translation>Zeitfenster der Diagramme</translation>
    </message>
    <message>
        <source>Time &amp;axis:</source>
        <translation>Zeit&amp;achse:</translation>
    </message>
    <message>
        <source>Time axis labels</source>
        <translation>Beschriftung der Zeitachse</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>&amp;Dunkles Design</translation>
    </message>
    <message>
        <source>Scale strips to their &amp;limits</source>
        <translation>Streifen auf ihre &amp;Grenzen skalieren</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Bediener:</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Name des Bedieners</translation>
    </message>
    <message>
        <source>Recorded in the alarm journal with every acknowledgement and shelf</source>
        <translation>Wird mit jeder Quittierung und Zurückstellung im Alarmjournal festgehalten</translation>
    </message>
    <message>
        <source>&amp;Serve /metrics and the other endpoints</source>
        <translation>/metrics und die anderen Endpunkte &amp;bereitstellen</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Endpoint address</source>
        <translation>Adresse der Endpunkte</translation>
    </message>
    <message>
        <source>127.0.0.1:9917</source>
        <translation>127.0.0.1:9917</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>The endpoint address needs a port from 1 to 65535, as in 127.0.0.1:9917.</source>
        <translation>Die Adresse der Endpunkte braucht einen Port von 1 bis 65535, etwa 127.0.0.1:9917.</translation>
    </message>
    <message>
        <source>“%1” is not a numeric address: give 127.0.0.1, 0.0.0.0, ::1 (as [::1]:9917) or an address of this machine.</source>
        <translation>„%1“ ist keine numerische Adresse: 127.0.0.1, 0.0.0.0, ::1 (als [::1]:9917) oder eine Adresse dieses Rechners angeben.</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message>
        <source>Local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Seconds before the newest sample</source>
        <translation>Sekunden vor dem neuesten Messwert</translation>
    </message>
    <message>
        <source>Give the operator&apos;s name: the alarm journal records who acted.</source>
        <translation>Den Namen des Bedieners angeben: das Alarmjournal hält fest, wer gehandelt hat.</translation>
    </message>
</context>
<context>
    <name>fw::Profile</name>
    <message>
        <source>Battery temperature</source>
        <translation>Batterietemperatur</translation>
    </message>
    <message>
        <source>Bus voltage</source>
        <translation>Busspannung</translation>
    </message>
    <message>
        <source>Wheel vibration</source>
        <translation>Radvibration</translation>
    </message>
    <message>
        <source>Tank pressure</source>
        <translation>Tankdruck</translation>
    </message>
    <message>
        <source>Small-satellite bus: battery-module temperature, 28 V main bus, reaction-wheel vibration, propellant tank pressure</source>
        <translation>Kleinsatelliten-Bus: Batteriemodultemperatur, 28-V-Hauptbus, Reaktionsradvibration, Treibstofftankdruck</translation>
    </message>
    <message>
        <source>Pack temperature</source>
        <translation>Akkutemperatur</translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation>Akkuspannung</translation>
    </message>
    <message>
        <source>Drive-unit vibration</source>
        <translation>Antriebsvibration</translation>
    </message>
    <message>
        <source>Coolant pressure</source>
        <translation>Kühlmitteldruck</translation>
    </message>
    <message>
        <source>Electric-vehicle test bench: battery-pack temperature, pack voltage, drive-unit vibration, coolant pressure</source>
        <translation>Elektrofahrzeug-Prüfstand: Akkutemperatur, Akkuspannung, Antriebsvibration, Kühlmitteldruck</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatur</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>Spannung</translation>
    </message>
    <message>
        <source>Accelerometer 1 RMS</source>
        <translation>Beschleunigungssensor 1 RMS</translation>
    </message>
    <message>
        <source>Pressure</source>
        <translation>Druck</translation>
    </message>
    <message>
        <source>Accelerometer 2 RMS</source>
        <translation>Beschleunigungssensor 2 RMS</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Strom</translation>
    </message>
    <message>
        <source>Thermocouple</source>
        <translation>Thermoelement</translation>
    </message>
    <message>
        <source>Volume flow rate RMS</source>
        <translation>Volumenstrom RMS</translation>
    </message>
    <message>
        <source>SKAB water-pump test bench (Skoltech Anomaly Benchmark), 1 Hz, columns as in its CSV files</source>
        <translation>SKAB-Wasserpumpen-Prüfstand (Skoltech Anomaly Benchmark), 1 Hz, Spalten wie in seinen CSV-Dateien</translation>
    </message>
</context>
<context>
    <name>fw::Reason</name>
    <message>
        <source>out of step with the others</source>
        <translation>nicht mehr im Gleichlauf mit den anderen</translation>
    </message>
    <message>
        <source>off its forecast</source>
        <translation>weicht von seiner Vorhersage ab</translation>
    </message>
    <message>
        <source>no values</source>
        <translation>keine Werte</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>festgefahren</translation>
    </message>
    <message>
        <source>noisy</source>
        <translation>verrauscht</translation>
    </message>
    <message>
        <source>changing fast</source>
        <translation>ändert sich schnell</translation>
    </message>
    <message>
        <source>jump</source>
        <translation>Sprung</translation>
    </message>
    <message>
        <source>out of its range</source>
        <translation>außerhalb seines Bereichs</translation>
    </message>
    <message>
        <source>beyond its limits</source>
        <translation>jenseits seiner Grenzen</translation>
    </message>
    <message>
        <source>model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>alarm limit</source>
        <translation>Alarmgrenze</translation>
    </message>
    <message>
        <source>relation to the other channels</source>
        <translation>Beziehung zu den anderen Kanälen</translation>
    </message>
    <message>
        <source>range guard</source>
        <translation>Bereichswächter</translation>
    </message>
</context>
<context>
    <name>fw::ReplayBar</name>
    <message>
        <source>&amp;Step forward</source>
        <translation>&amp;Vorwärts</translation>
    </message>
    <message>
        <source>&amp;Restart replay</source>
        <translation>Wiedergabe &amp;neu starten</translation>
    </message>
    <message>
        <source>&amp;Faster</source>
        <translation>&amp;Schneller</translation>
    </message>
    <message>
        <source>S&amp;lower</source>
        <translation>&amp;Langsamer</translation>
    </message>
    <message>
        <source>&amp;Loop</source>
        <translation>&amp;Endlos</translation>
    </message>
    <message>
        <source>Pause and replay the next %1 s</source>
        <translation>Anhalten und die nächsten %1 s wiedergeben</translation>
    </message>
    <message>
        <source>Start the recording again at its end</source>
        <translation>Die Aufzeichnung an ihrem Ende neu beginnen</translation>
    </message>
    <message>
        <source>Replay position</source>
        <translation>Wiedergabeposition</translation>
    </message>
    <message>
        <source>Drag to seek; the plots restart at the new position</source>
        <translation>Ziehen zum Springen; die Diagramme beginnen an der neuen Position neu</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>So schnell wie möglich</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>Wiedergabegeschwindigkeit</translation>
    </message>
    <message>
        <source>&amp;Pause replay</source>
        <translation>Wiedergabe &amp;anhalten</translation>
    </message>
    <message>
        <source>&amp;Play replay</source>
        <translation>Wiedergabe &amp;starten</translation>
    </message>
    <message>
        <source>– (0:00 / %1)</source>
        <translation>– (0:00 / %1)</translation>
    </message>
    <message>
        <source>%1 (%2 / %3)</source>
        <translation>%1 (%2 / %3)</translation>
    </message>
    <message>
        <source>Replay time</source>
        <translation>Wiedergabezeit</translation>
    </message>
    <message>
        <source>Sp&amp;eed</source>
        <translation>&amp;Tempo</translation>
    </message>
</context>
<context>
    <name>fw::Severity</name>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>Beobachten</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
</context>
<context>
    <name>fw::ShelveDialog</name>
    <message>
        <source>Shelve alarm</source>
        <translation>Alarm zurückstellen</translation>
    </message>
    <message>
        <source>Why is this alarm shelved? (required)</source>
        <translation>Warum wird dieser Alarm zurückgestellt? (Pflichtfeld)</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 Minuten</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>8 hours</source>
        <translation>8 Stunden</translation>
    </message>
    <message>
        <source>Until…</source>
        <translation>Bis…</translation>
    </message>
    <message>
        <source>Shelve</source>
        <translation>Zurückstellen</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Grund:</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Dauer:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Bis:</translation>
    </message>
</context>
<context>
    <name>fw::StateBanner</name>
    <message>
        <source>View state</source>
        <translation>Ansichtszustand</translation>
    </message>
    <message>
        <source>REPLAY ENDED</source>
        <translation>WIEDERGABE BEENDET</translation>
    </message>
    <message>
        <source>REPLAY PAUSED</source>
        <translation>WIEDERGABE ANGEHALTEN</translation>
    </message>
    <message>
        <source>REPLAY AT FULL SPEED</source>
        <translation>WIEDERGABE MIT HÖCHSTGESCHWINDIGKEIT</translation>
    </message>
    <message>
        <source>REPLAY ×%1</source>
        <translation>WIEDERGABE ×%1</translation>
    </message>
    <message>
        <source>PAUSED at %1 — data is still judged</source>
        <translation>ANGEHALTEN bei %1 — Daten werden weiter bewertet</translation>
    </message>
    <message>
        <source>NO SOURCE</source>
        <translation>KEINE QUELLE</translation>
    </message>
    <message>
        <source>STALE — no data for %1 s</source>
        <translation>VERALTET — seit %1 s keine Daten</translation>
    </message>
    <message>
        <source>STALE — no data yet</source>
        <translation>VERALTET — noch keine Daten</translation>
    </message>
</context>
<context>
    <name>fw::TrainDialog</name>
    <message>
        <source>Train model from history</source>
        <translation>Modell aus dem Verlauf trainieren</translation>
    </message>
    <message>
        <source>Train a new model on samples in memory. Choose a stretch of normal operation: the model learns it as normal.</source>
        <translation>Ein neues Modell auf Messwerten im Speicher trainieren. Einen Abschnitt normalen Betriebs wählen: das Modell lernt ihn als normal.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>Start of the training range</source>
        <translation>Beginn des Trainingsbereichs</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <source>End of the training range</source>
        <translation>Ende des Trainingsbereichs</translation>
    </message>
    <message>
        <source>&amp;Visible range</source>
        <translation>&amp;Sichtbarer Bereich</translation>
    </message>
    <message>
        <source>&amp;All in memory</source>
        <translation>&amp;Alles im Speicher</translation>
    </message>
    <message>
        <source>What the range holds</source>
        <translation>Was der Bereich enthält</translation>
    </message>
    <message>
        <source>Why training is refused</source>
        <translation>Warum das Training abgelehnt wird</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Trainieren</translation>
    </message>
    <message>
        <source>%1 samples over %2 s; %3 with every channel present.</source>
        <translation>%1 Messwerte über %2 s; %3 mit allen Kanälen.</translation>
    </message>
    <message>
        <source>The model in use flagged %1 of them: a model trained on them takes that behaviour for normal.</source>
        <translation>Das Modell in Gebrauch hat %1 davon gemeldet: ein darauf trainiertes Modell hält dieses Verhalten für normal.</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>Der Bereich endet, bevor er beginnt.</translation>
    </message>
</context>
<context>
    <name>fw::TrainStatus</name>
    <message>
        <source>Training progress</source>
        <translation>Trainingsfortschritt</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop training; the model in use stays</source>
        <translation>Training abbrechen; das aktive Modell bleibt</translation>
    </message>
    <message>
        <source>Training a model…</source>
        <translation>Trainiere ein Modell…</translation>
    </message>
    <message>
        <source>Training stage</source>
        <translation>Trainingsschritt</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>Training abbrechen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FaultWatch operator console: live telemetry plots and fault detection.</source>
        <translation>FaultWatch-Bedienkonsole: Telemetrie-Diagramme in Echtzeit und Fehlererkennung.</translation>
    </message>
    <message>
        <source>Run the built-in demo: the simulated spacecraft with faults, scored by the bundled model.</source>
        <translation>Die eingebaute Demo starten: das simulierte Raumfahrzeug mit Fehlern, bewertet vom mitgelieferten Modell.</translation>
    </message>
    <message>
        <source>Connect to URI at start.</source>
        <translation>Beim Start mit URI verbinden.</translation>
    </message>
    <message>
        <source>Profile: spacecraft, ev, skab or a profile file.</source>
        <translation>Profil: spacecraft, ev, skab oder eine Profildatei.</translation>
    </message>
    <message>
        <source>Model file (default: $MODEL_PATH, else the last one).</source>
        <translation>Modelldatei (Vorgabe: $MODEL_PATH, sonst die zuletzt benutzte).</translation>
    </message>
    <message>
        <source>Save the window as a PNG when --quit-after expires.</source>
        <translation>Das Fenster als PNG speichern, wenn --quit-after abläuft.</translation>
    </message>
    <message>
        <source>Quit after S seconds.</source>
        <translation>Nach S Sekunden beenden.</translation>
    </message>
    <message>
        <source>Serve /metrics, /health, /ready and /predict on ADDR:PORT (default: the setting, 127.0.0.1:9917).</source>
        <translation>/metrics, /health, /ready und /predict auf ADDR:PORT bereitstellen (Vorgabe: die Einstellung, 127.0.0.1:9917).</translation>
    </message>
    <message>
        <source>Do not serve the HTTP endpoints this time.</source>
        <translation>Die HTTP-Endpunkte diesmal nicht bereitstellen.</translation>
    </message>
    <message>
        <source>Open the window at W×H pixels, e.g. 1366x768.</source>
        <translation>Das Fenster mit B×H Pixeln öffnen, z. B. 1366x768.</translation>
    </message>
    <message>
        <source>Pause the plots after S seconds.</source>
        <translation>Die Diagramme nach S Sekunden anhalten.</translation>
    </message>
    <message>
        <source>Show the tracker at X (0 to 1) across the plots when they pause.</source>
        <translation>Beim Anhalten die Messlinie bei X (0 bis 1) über die Diagramme legen.</translation>
    </message>
    <message>
        <source>Open the alarm panel&apos;s tab: active or history.</source>
        <translation>Diesen Reiter der Alarmtafel öffnen: active (aktiv) oder history (Verlauf).</translation>
    </message>
    <message>
        <source>Ground truth for a labelled replay (written by faultwatch-cli simulate --labels): the Model view draws precision and recall.</source>
        <translation>Grundwahrheit für eine markierte Wiedergabe (geschrieben von faultwatch-cli simulate --labels): die Modellansicht zeichnet Präzision und Trefferquote.</translation>
    </message>
    <message>
        <source>Open the Model view on a tab: model, calibration, channels or session.</source>
        <translation>Die Modellansicht auf einem Reiter öffnen: model, calibration, channels oder session.</translation>
    </message>
</context>
</TS>
