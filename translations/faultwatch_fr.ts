<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
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
        <translation>À propos de FaultWatch</translation>
    </message>
    <message>
        <source>About</source>
        <translation>À propos</translation>
    </message>
    <message>
        <source>Name and version</source>
        <translation>Nom et version</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Clavier</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
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
        <translation>Détection de défauts pour la télémétrie des engins spatiaux et des véhicules électriques&#xa0;: tracés en direct de chaque canal, forêt d&apos;isolation avec contrôles de plage, de relation et de prévision dans un thread de travail, et alarmes gérées comme en contrôle de mission.

Compilé avec Qt %1, exécuté sur Qt %2.
Paramètres&#xa0;: %3
Journal des alarmes et données&#xa0;: %4</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
</context>
<context>
    <name>fw::AlarmHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Channel(s)</source>
        <translation>Canal(aux)</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Opérateur</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Déclenchée</translation>
    </message>
    <message>
        <source>Escalated</source>
        <translation>Aggravée</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Unshelved</source>
        <translation>Sortie de l&apos;attente</translation>
    </message>
    <message>
        <source>Shelf expired</source>
        <translation>Attente expirée</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Disparue</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée</translation>
    </message>
    <message>
        <source>Silenced</source>
        <translation>Mise en silence</translation>
    </message>
    <message>
        <source>Unsilenced</source>
        <translation>Silence levé</translation>
    </message>
</context>
<context>
    <name>fw::AlarmPanel</name>
    <message>
        <source>Alarm journal problem</source>
        <translation>Problème du journal des alarmes</translation>
    </message>
    <message>
        <source>Alarm lists</source>
        <translation>Listes d&apos;alarmes</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>Affic&amp;her&#xa0;:</translation>
    </message>
    <message>
        <source>Show alarms</source>
        <translation>Alarmes affichées</translation>
    </message>
    <message>
        <source>Filte&amp;r:</source>
        <translation>Filt&amp;re&#xa0;:</translation>
    </message>
    <message>
        <source>Filter by channel</source>
        <translation>Filtrer par canal</translation>
    </message>
    <message>
        <source>&amp;Group repeats</source>
        <translation>&amp;Grouper les répétitions</translation>
    </message>
    <message>
        <source>Show the alarms of one channel as one row with a count; acting on the row acts on all of them</source>
        <translation>Afficher les alarmes d&apos;un même canal sur une seule ligne avec leur nombre&#xa0;; agir sur la ligne agit sur toutes</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>Alarmes actives</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Alarm history</source>
        <translation>Historique des alarmes</translation>
    </message>
    <message>
        <source>Alarm summary</source>
        <translation>Synthèse des alarmes</translation>
    </message>
    <message>
        <source>All active</source>
        <translation>Toutes les actives</translation>
    </message>
    <message>
        <source>To acknowledge</source>
        <translation>À acquitter</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Acquitter</translation>
    </message>
    <message>
        <source>Acknowledge the selected alarms</source>
        <translation>Acquitter les alarmes sélectionnées</translation>
    </message>
    <message>
        <source>Acknowledge a&amp;ll</source>
        <translation>Acquitter &amp;tout</translation>
    </message>
    <message>
        <source>Acknowledge every alarm that is not shelved</source>
        <translation>Acquitter toutes les alarmes qui ne sont pas en attente</translation>
    </message>
    <message>
        <source>&amp;Shelve…</source>
        <translation>&amp;Mettre en attente…</translation>
    </message>
    <message>
        <source>Suppress the selected alarms for a while, with a reason</source>
        <translation>Suspendre les alarmes sélectionnées pour un temps, avec un motif</translation>
    </message>
    <message>
        <source>&amp;Unshelve</source>
        <translation>&amp;Sortir de l&apos;attente</translation>
    </message>
    <message>
        <source>Return the selected shelved alarms to service</source>
        <translation>Remettre en service les alarmes en attente sélectionnées</translation>
    </message>
    <message>
        <source>Si&amp;lence</source>
        <translation>Si&amp;lence</translation>
    </message>
    <message>
        <source>Mute alarm annunciation; alarms still need acknowledging</source>
        <translation>Couper la signalisation sonore des alarmes&#xa0;; les alarmes restent à acquitter</translation>
    </message>
    <message>
        <source>&amp;Export journal…</source>
        <translation>&amp;Exporter le journal…</translation>
    </message>
    <message>
        <source>Save a copy of the alarm journal as CSV</source>
        <translation>Enregistrer une copie du journal des alarmes au format CSV</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>opérateur</translation>
    </message>
    <message numerus="yes">
        <source>Acknowledged %n alarm(s)</source>
        <translation>
            <numerusform>%n alarme acquittée</numerusform>
            <numerusform>%n alarmes acquittées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Shelved %n alarm(s) until %1</source>
        <translation>
            <numerusform>%n alarme mise en attente jusqu&apos;à %1</numerusform>
            <numerusform>%n alarmes mises en attente jusqu&apos;à %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 · raised %3</source>
        <translation>%1 · %2 · déclenchée à %3</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>et %n autre</numerusform>
            <numerusform>et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>Export alarm journal</source>
        <translation>Exporter le journal des alarmes</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>No alarm journal is kept.</source>
        <translation>Aucun journal des alarmes n&apos;est tenu.</translation>
    </message>
    <message>
        <source>Alarm journal exported to %1</source>
        <translation>Journal des alarmes exporté vers %1</translation>
    </message>
    <message>
        <source>Alarm journal not exported: %1</source>
        <translation>Journal des alarmes non exporté&#xa0;: %1</translation>
    </message>
    <message>
        <source>The alarm journal could not be exported.</source>
        <translation>Le journal des alarmes n&apos;a pas pu être exporté.</translation>
    </message>
    <message numerus="yes">
        <source>ALARM FLOOD: %n raised in the last 10 minutes</source>
        <translation>
            <numerusform>AVALANCHE D&apos;ALARMES&#xa0;: %n déclenchée ces 10 dernières minutes</numerusform>
            <numerusform>AVALANCHE D&apos;ALARMES&#xa0;: %n déclenchées ces 10 dernières minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unacknowledged, highest %1</source>
        <translation>
            <numerusform>%n non acquittée, la plus grave&#xa0;: %1</numerusform>
            <numerusform>%n non acquittées, la plus grave&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>No unacknowledged alarms</source>
        <translation>Aucune alarme non acquittée</translation>
    </message>
    <message numerus="yes">
        <source>%n shelved</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>annunciation silenced</source>
        <translation>signalisation sonore coupée</translation>
    </message>
    <message>
        <source>Alarm journal not written: %1</source>
        <translation>Journal des alarmes non écrit&#xa0;: %1</translation>
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
        <source>Stuck on one value: %1</source>
        <translation>Bloqué sur une valeur&#xa0;: %1</translation>
    </message>
    <message>
        <source>No values arriving: %1</source>
        <translation>Aucune valeur reçue&#xa0;: %1</translation>
    </message>
    <message>
        <source>Noisier than anything seen in training: %1</source>
        <translation>Plus bruité que tout ce qui a été vu à l&apos;entraînement&#xa0;: %1</translation>
    </message>
    <message>
        <source>Changing faster than anything seen in training: %1</source>
        <translation>Varie plus vite que tout ce qui a été vu à l&apos;entraînement&#xa0;: %1</translation>
    </message>
    <message>
        <source>A jump or spike larger than any seen in training: %1</source>
        <translation>Saut ou pic plus grand que tous ceux vus à l&apos;entraînement&#xa0;: %1</translation>
    </message>
    <message>
        <source>No longer moving the way its own recent values forecast: %1</source>
        <translation>N&apos;évolue plus comme le prévoyaient ses propres valeurs récentes&#xa0;: %1</translation>
    </message>
    <message>
        <source>Outside the range seen in training: %1</source>
        <translation>Hors de la plage vue à l&apos;entraînement&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>value and unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Shelved until %1: %2</source>
        <translation>En attente jusqu&apos;à %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Source time %1
Seen at %2</source>
        <translation>Heure de la source %1
Vue à %2</translation>
    </message>
    <message>
        <source>Outside the profile&apos;s alarm limits: %1</source>
        <translation>Hors des limites d&apos;alarme du profil&#xa0;: %1</translation>
    </message>
    <message>
        <source>No longer moving with the other channels: %1</source>
        <translation>N&apos;évolue plus avec les autres canaux&#xa0;: %1</translation>
    </message>
    <message>
        <source>Most to blame in the detector&apos;s view: %1</source>
        <translation>Principal responsable selon le détecteur&#xa0;: %1</translation>
    </message>
    <message>
        <source>%1 when raised, %2 at most</source>
        <translation>%1 au déclenchement, %2 au maximum</translation>
    </message>
    <message>
        <source>Raised without a detector confidence</source>
        <translation>Déclenchée sans confiance du détecteur</translation>
    </message>
    <message>
        <source>From a replay (in italics): shown, never journaled.</source>
        <translation>Issue d&apos;un rejeu (en italique)&#xa0;: affichée, jamais journalisée.</translation>
    </message>
    <message>
        <source>Shelved by %1 until %2: %3</source>
        <translation>Mise en attente par %1 jusqu&apos;à %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Acknowledged by %1 at %2</source>
        <translation>Acquittée par %1 à %2</translation>
    </message>
    <message>
        <source>The detector&apos;s highest confidence while the alarm stood</source>
        <translation>Confiance maximale du détecteur tant que l&apos;alarme était présente</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Channel(s)</source>
        <translation>Canal(aux)</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Peak</source>
        <translation>Crête</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>Non acquittée</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Acquittée</translation>
    </message>
    <message>
        <source>Latched</source>
        <translation>Verrouillée</translation>
    </message>
    <message>
        <source>Shelved</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée</translation>
    </message>
</context>
<context>
    <name>fw::AnomalyPanel</name>
    <message>
        <source>Detector</source>
        <translation>Détecteur</translation>
    </message>
    <message>
        <source>Severity lamp</source>
        <translation>Voyant de gravité</translation>
    </message>
    <message>
        <source>Detector state</source>
        <translation>État du détecteur</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Anomaly confidence</source>
        <translation>Confiance d&apos;anomalie</translation>
    </message>
    <message>
        <source>How unusual the data is: the share of the model&apos;s nominal calibration data that was less unusual. The scale is logarithmic so that the Watch, Warning and Critical levels (the marks) are apart. While an alarm stands it shows the alarm&apos;s peak, otherwise the median of the last second. Below: the last minute, one point per second, coloured where an alarm stood.</source>
        <translation>Degré d&apos;anomalie des données&#xa0;: la part des données d&apos;étalonnage nominales du modèle qui étaient moins inhabituelles. L&apos;échelle est logarithmique afin de séparer les niveaux Surveillance, Avertissement et Critique (les repères). Tant qu&apos;une alarme est présente, l&apos;indicateur affiche la crête de l&apos;alarme, sinon la médiane de la dernière seconde. En dessous&#xa0;: la dernière minute, un point par seconde, coloré là où une alarme était présente.</translation>
    </message>
    <message>
        <source>Attribution of the standing alarm</source>
        <translation>Attribution de l&apos;alarme présente</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Model in use</source>
        <translation>Modèle en service</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <source>Model details</source>
        <translation>Détails du modèle</translation>
    </message>
    <message>
        <source>What the model learnt and how it does this session (Ctrl+I)</source>
        <translation>Ce que le modèle a appris et ses résultats pendant cette session (Ctrl+I)</translation>
    </message>
    <message>
        <source>no source connected</source>
        <translation>aucune source connectée</translation>
    </message>
    <message>
        <source>connecting to the source</source>
        <translation>connexion à la source</translation>
    </message>
    <message>
        <source>no data from the source</source>
        <translation>aucune donnée de la source</translation>
    </message>
    <message>
        <source>the replay has ended</source>
        <translation>le rejeu est terminé</translation>
    </message>
    <message>
        <source>no model: samples are plotted, not judged</source>
        <translation>aucun modèle&#xa0;: les échantillons sont tracés, pas évalués</translation>
    </message>
    <message>
        <source>the data does not match the profile</source>
        <translation>les données ne correspondent pas au profil</translation>
    </message>
    <message>
        <source>%p %</source>
        <translation>%p %</translation>
    </message>
    <message>
        <source>Share of %1</source>
        <translation>Part de %1</translation>
    </message>
    <message>
        <source>No model: samples are plotted but not scored.</source>
        <translation>Aucun modèle&#xa0;: les échantillons sont tracés mais pas évalués.</translation>
    </message>
    <message numerus="yes">
        <source>%1
SHA-256 %2…
trained on %Ln rows</source>
        <translation>
            <numerusform>%1
SHA-256 %2…
entraîné sur %Ln ligne</numerusform>
            <numerusform>%1
SHA-256 %2…
entraîné sur %Ln lignes</numerusform>
        </translation>
    </message>
    <message>
        <source>Not monitoring</source>
        <translation>Détection inactive</translation>
    </message>
    <message>
        <source>%1 · %2 · since %3</source>
        <translation>%1 · %2 · depuis %3</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>No alarm standing.</source>
        <translation>Aucune alarme présente.</translation>
    </message>
</context>
<context>
    <name>fw::ConnectionBar</name>
    <message>
        <source>&amp;Source:</source>
        <translation>&amp;Source&#xa0;:</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Source URI: udp://HOST:PORT, tcp://HOST:PORT, tcp-listen://HOST:PORT, file://PATH?speed=1&amp;loop=0, sim://PROFILE?scenario=mixed</source>
        <translation>URI de la source&#xa0;: udp://HOST:PORT, tcp://HOST:PORT, tcp-listen://HOST:PORT, file://PATH?speed=1&amp;loop=0, sim://PROFILE?scenario=mixed</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>P&amp;rofil&#xa0;:</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>The profile that names the channels, their units and limits</source>
        <translation>Le profil qui nomme les canaux, leurs unités et leurs limites</translation>
    </message>
    <message>
        <source>Source state</source>
        <translation>État de la source</translation>
    </message>
    <message>
        <source>Link figures</source>
        <translation>Statistiques de la liaison</translation>
    </message>
    <message>
        <source>udp://0.0.0.0:9000, tcp://host:port, file://…</source>
        <translation>udp://0.0.0.0:9000, tcp://host:port, file://…</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Déconnecter</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <source>Stale: no data</source>
        <translation>Périmé&#xa0;: aucune donnée</translation>
    </message>
    <message>
        <source>%1 samples/s · lost %2 · decode errors %3</source>
        <translation>%1 échantillons/s · %2 perdus · %3 erreurs de décodage</translation>
    </message>
    <message>
        <source>S&amp;tream:</source>
        <translation>F&amp;lux&#xa0;:</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Flux</translation>
    </message>
    <message>
        <source>The stream (vehicle, bench) the plots and alarms follow, of a source of many</source>
        <translation>Le flux (véhicule, banc) que suivent les courbes et les alarmes, pour une source qui en porte plusieurs</translation>
    </message>
    <message>
        <source>%1 (alarm)</source>
        <translation>%1 (alarme)</translation>
    </message>
    <message>
        <source>%1 (alarms raised: %2)</source>
        <translation>%1 (alarmes levées&#xa0;: %2)</translation>
    </message>
    <message>
        <source>%1 streams, %2 holding an alarm, %3 raised one. The plots and alarms follow the one chosen here.</source>
        <translation>%1 flux, %2 en alarme, %3 en ont levé une. Les courbes et les alarmes suivent celui choisi ici.</translation>
    </message>
    <message>
        <source>S&amp;tream (alarms elsewhere: %1):</source>
        <translation>F&amp;lux (alarmes ailleurs&#xa0;: %1)&#xa0;:</translation>
    </message>
</context>
<context>
    <name>fw::ConnectionDialog</name>
    <message>
        <source>Connect to a source</source>
        <translation>Se connecter à une source</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Type&#xa0;:</translation>
    </message>
    <message>
        <source>Kind of source</source>
        <translation>Type de source</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte&#xa0;:</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Hôte</translation>
    </message>
    <message>
        <source>0.0.0.0 to listen on every address, 127.0.0.1 for this machine</source>
        <translation>0.0.0.0 pour écouter sur toutes les adresses, 127.0.0.1 pour cette machine</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;ort&#xa0;:</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier&#xa0;:</translation>
    </message>
    <message>
        <source>Recording file</source>
        <translation>Fichier d&apos;enregistrement</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Fo&amp;rmat:</source>
        <translation>For&amp;mat&#xa0;:</translation>
    </message>
    <message>
        <source>Wire format</source>
        <translation>Format de transmission</translation>
    </message>
    <message>
        <source>&amp;Speed:</source>
        <translation>&amp;Vitesse&#xa0;:</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>Vitesse de rejeu</translation>
    </message>
    <message>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <source>as fast as possible</source>
        <translation>aussi vite que possible</translation>
    </message>
    <message>
        <source>&amp;Loop at the end</source>
        <translation>&amp;Boucler à la fin</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>P&amp;rofil&#xa0;:</translation>
    </message>
    <message>
        <source>Profile to simulate</source>
        <translation>Profil à simuler</translation>
    </message>
    <message>
        <source>S&amp;cenario:</source>
        <translation>Scé&amp;nario&#xa0;:</translation>
    </message>
    <message>
        <source>Scenario</source>
        <translation>Scénario</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>&amp;Graine&#xa0;:</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Graine</translation>
    </message>
    <message>
        <source>URI:</source>
        <translation>URI&#xa0;:</translation>
    </message>
    <message>
        <source>Source URI</source>
        <translation>URI de la source</translation>
    </message>
    <message>
        <source>UDP datagrams (listen)</source>
        <translation>Datagrammes UDP (écoute)</translation>
    </message>
    <message>
        <source>TCP stream (connect to a server)</source>
        <translation>Flux TCP (connexion à un serveur)</translation>
    </message>
    <message>
        <source>TCP stream (accept a connection)</source>
        <translation>Flux TCP (acceptation d&apos;une connexion)</translation>
    </message>
    <message>
        <source>Recorded file (replay)</source>
        <translation>Fichier enregistré (rejeu)</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulateur</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <source>Replay a recording</source>
        <translation>Rejouer un enregistrement</translation>
    </message>
    <message>
        <source>Recordings (*.csv *.jsonl *.json *.ccsds *.bin)</source>
        <translation>Enregistrements (*.csv *.jsonl *.json *.ccsds *.bin)</translation>
    </message>
    <message>
        <source>Choose a recording to replay.</source>
        <translation>Choisissez un enregistrement à rejouer.</translation>
    </message>
    <message>
        <source>Give a host: an address to listen on or a server to connect to.</source>
        <translation>Indiquez un hôte&#xa0;: une adresse d&apos;écoute ou un serveur auquel se connecter.</translation>
    </message>
    <message>
        <source>&amp;Topic:</source>
        <translation>Su&amp;jet&#xa0;:</translation>
    </message>
    <message>
        <source>Topic filter</source>
        <translation>Filtre de sujets</translation>
    </message>
    <message>
        <source>fleet/+/telemetry: + stands for one level, # for the rest</source>
        <translation>fleet/+/telemetry&#xa0;: + vaut pour un niveau, # pour la suite</translation>
    </message>
    <message>
        <source>MQTT broker (subscribe)</source>
        <translation>Courtier MQTT (abonnement)</translation>
    </message>
    <message>
        <source>Give a topic filter, such as fleet/+/telemetry.</source>
        <translation>Indiquez un filtre de sujets, par exemple fleet/+/telemetry.</translation>
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
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Detector</source>
        <translation>Détecteur</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarmes</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Channel plots</source>
        <translation>Tracés des canaux</translation>
    </message>
    <message>
        <source>Replay finished.</source>
        <translation>Rejeu terminé.</translation>
    </message>
    <message>
        <source>Train model</source>
        <translation>Entraîner un modèle</translation>
    </message>
    <message>
        <source>No model was trained, the one in use stays: %1</source>
        <translation>Aucun modèle n&apos;a été entraîné, celui en service est conservé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Training canceled; the model in use stays.</source>
        <translation>Entraînement annulé&#xa0;; le modèle en service est conservé.</translation>
    </message>
    <message>
        <source>source changed</source>
        <translation>source changée</translation>
    </message>
    <message>
        <source>Not replayed: the file&apos;s columns (%1) name none of the channels of profile “%2” (%3), and it fits no built-in profile. Choose its profile first.</source>
        <translation>Non rejoué&#xa0;: les colonnes du fichier (%1) ne nomment aucun des canaux du profil «&#xa0;%2&#xa0;» (%3), et aucun profil intégré ne lui convient. Choisissez d&apos;abord son profil.</translation>
    </message>
    <message>
        <source>Profile “%1” chosen for this file: all its channels are there and %2 % of the values lie within its limits (%3 % within those of “%4”).</source>
        <translation>Profil «&#xa0;%1&#xa0;» choisi pour ce fichier&#xa0;: tous ses canaux sont présents et %2 % des valeurs sont dans ses limites (%3 % dans celles de «&#xa0;%4&#xa0;»).</translation>
    </message>
    <message>
        <source>The file has %1 of the %2 channels of profile “%3”; the others stay empty.</source>
        <translation>Le fichier contient %1 des %2 canaux du profil «&#xa0;%3&#xa0;»&#xa0;; les autres restent vides.</translation>
    </message>
    <message>
        <source>Only %1 % of the file&apos;s first values lie within the limits of profile “%2”, and no built-in profile fits better.</source>
        <translation>Seulement %1 % des premières valeurs du fichier sont dans les limites du profil «&#xa0;%2&#xa0;», et aucun profil intégré ne convient mieux.</translation>
    </message>
    <message>
        <source>Model %1 loaded.</source>
        <translation>Modèle %1 chargé.</translation>
    </message>
    <message>
        <source>profile changed</source>
        <translation>profil changé</translation>
    </message>
    <message>
        <source>replay jumped</source>
        <translation>saut dans le rejeu</translation>
    </message>
    <message>
        <source>%1 samples dropped</source>
        <translation>%1 échantillons abandonnés</translation>
    </message>
    <message>
        <source>nothing dropped</source>
        <translation>aucun échantillon abandonné</translation>
    </message>
    <message>
        <source>Detector latency %1 ms, last frame %2 ms, %3 samples in memory.
Samples dropped: %4 because the detector fell behind the source, %5 because this window fell behind the detector (scoring and /metrics went on).</source>
        <translation>Latence du détecteur %1 ms, dernière image %2 ms, %3 échantillons en mémoire.
Échantillons abandonnés&#xa0;: %4 car le détecteur a pris du retard sur la source, %5 car cette fenêtre a pris du retard sur le détecteur (l&apos;évaluation et /metrics ont continué).</translation>
    </message>
    <message>
        <source>The onset of this alarm is no longer in memory (the replay moved on, or the history was cleared).</source>
        <translation>Le début de cette alarme n&apos;est plus en mémoire (le rejeu a avancé, ou l&apos;historique a été effacé).</translation>
    </message>
    <message>
        <source>records name none of the channels of profile “%1”</source>
        <translation>les enregistrements ne nomment aucun des canaux du profil «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>nothing for %1 s</source>
        <translation>rien depuis %1 s</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Connect to…</source>
        <translation>Se &amp;connecter à…</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>&amp;Ouvrir un modèle…</translation>
    </message>
    <message>
        <source>&amp;Save model as…</source>
        <translation>&amp;Enregistrer le modèle sous…</translation>
    </message>
    <message>
        <source>Model &amp;details…</source>
        <translation>&amp;Détails du modèle…</translation>
    </message>
    <message>
        <source>&amp;Train model from visible range…</source>
        <translation>E&amp;ntraîner un modèle sur la plage visible…</translation>
    </message>
    <message>
        <source>Train a model on the samples in view (pause and zoom to choose them) and put it in use</source>
        <translation>Entraîner un modèle sur les échantillons affichés (mettez en pause et zoomez pour les choisir) et le mettre en service</translation>
    </message>
    <message>
        <source>Export plots as &amp;PNG…</source>
        <translation>Exporter les tracés en &amp;PNG…</translation>
    </message>
    <message>
        <source>Export visible range as &amp;CSV…</source>
        <translation>Exporter la plage visible en C&amp;SV…</translation>
    </message>
    <message>
        <source>P&amp;references…</source>
        <translation>P&amp;références…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>&amp;Time window</source>
        <translation>&amp;Fenêtre de temps</translation>
    </message>
    <message>
        <source>Time &amp;axis</source>
        <translation>&amp;Axe du temps</translation>
    </message>
    <message>
        <source>&amp;Local time</source>
        <translation>Heure &amp;locale</translation>
    </message>
    <message>
        <source>&amp;UTC</source>
        <translation>&amp;UTC</translation>
    </message>
    <message>
        <source>&amp;Seconds before the newest sample</source>
        <translation>&amp;Secondes avant le dernier échantillon</translation>
    </message>
    <message>
        <source>Scale strips to their &amp;limits</source>
        <translation>Adapter les bandes à leurs &amp;limites</translation>
    </message>
    <message>
        <source>Each strip spans its channel&apos;s alarm limits as well as its data, so the limit lines are always in view</source>
        <translation>Chaque bande couvre les limites d&apos;alarme de son canal en plus de ses données, de sorte que les lignes de limite restent toujours visibles</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>Thème &amp;sombre</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>Plei&amp;n écran</translation>
    </message>
    <message>
        <source>Detector pa&amp;nel</source>
        <translation>Panneau du &amp;détecteur</translation>
    </message>
    <message>
        <source>Ala&amp;rms panel</source>
        <translation>Panneau des alar&amp;mes</translation>
    </message>
    <message>
        <source>&amp;Model view</source>
        <translation>&amp;Vue du modèle</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>&amp;Rejeu</translation>
    </message>
    <message>
        <source>&amp;Alarms</source>
        <translation>A&amp;larmes</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>&amp;About FaultWatch</source>
        <translation>À &amp;propos de FaultWatch</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Ouvrir un modèle</translation>
    </message>
    <message>
        <source>FaultWatch models (*.json)</source>
        <translation>Modèles FaultWatch (*.json)</translation>
    </message>
    <message>
        <source>Model not loaded, the previous one stays: %1</source>
        <translation>Modèle non chargé, le précédent est conservé&#xa0;: %1</translation>
    </message>
    <message>
        <source>There is no model to save.</source>
        <translation>Il n&apos;y a aucun modèle à enregistrer.</translation>
    </message>
    <message>
        <source>Save model</source>
        <translation>Enregistrer le modèle</translation>
    </message>
    <message>
        <source>Model saved to %1.</source>
        <translation>Modèle enregistré dans %1.</translation>
    </message>
    <message>
        <source>Train on flagged samples?</source>
        <translation>Entraîner sur des échantillons signalés&#xa0;?</translation>
    </message>
    <message>
        <source>The model in use flagged %1 of the %2 samples in this range. A model trained on them takes that behaviour for normal and will not flag it again.

Train on this range anyway?</source>
        <translation>Le modèle en service a signalé %1 des %2 échantillons de cette plage. Un modèle entraîné sur ceux-ci considère ce comportement comme normal et ne le signalera plus.

Entraîner quand même sur cette plage&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>Training a model on %Ln samples…</source>
        <translation>
            <numerusform>Entraînement d&apos;un modèle sur %Ln échantillon…</numerusform>
            <numerusform>Entraînement d&apos;un modèle sur %Ln échantillons…</numerusform>
        </translation>
    </message>
    <message>
        <source>The new model cannot be used, the previous one stays: %1</source>
        <translation>Le nouveau modèle est inutilisable, le précédent est conservé&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>New model in use, trained on %Ln samples.</source>
        <translation>
            <numerusform>Nouveau modèle en service, entraîné sur %Ln échantillon.</numerusform>
            <numerusform>Nouveau modèle en service, entraîné sur %Ln échantillons.</numerusform>
        </translation>
    </message>
    <message>
        <source>New model: read before relying on it</source>
        <translation>Nouveau modèle&#xa0;: à lire avant de s&apos;y fier</translation>
    </message>
    <message>
        <source>The new model is in use. Training reported:

• %1</source>
        <translation>Le nouveau modèle est en service. L&apos;entraînement a signalé&#xa0;:

• %1</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>Exporter les tracés</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Images PNG (*.png)</translation>
    </message>
    <message>
        <source>Plots saved to %1.</source>
        <translation>Tracés enregistrés dans %1.</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>Impossible d&apos;écrire %1.</translation>
    </message>
    <message>
        <source>Export visible range</source>
        <translation>Exporter la plage visible</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows written to %1.</source>
        <translation>
            <numerusform>%Ln ligne écrite dans %1.</numerusform>
            <numerusform>%Ln lignes écrites dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Metrics are not served: %1</source>
        <translation>Les métriques ne sont pas servies&#xa0;: %1</translation>
    </message>
    <message>
        <source>metrics off</source>
        <translation>métriques désactivées</translation>
    </message>
    <message>
        <source>metrics %1/metrics</source>
        <translation>métriques %1/metrics</translation>
    </message>
    <message>
        <source>Serve &amp;HTTP endpoints</source>
        <translation>Servir les points d&apos;accès &amp;HTTP</translation>
    </message>
    <message>
        <source>/metrics, /health, /ready and /predict, as faultwatch-cli serve has them</source>
        <translation>/metrics, /health, /ready et /predict, comme les fournit faultwatch-cli serve</translation>
    </message>
    <message>
        <source>Train model from &amp;history…</source>
        <translation>Entraîner un modèle sur l&apos;&amp;historique…</translation>
    </message>
    <message>
        <source>another stream chosen</source>
        <translation>autre flux choisi</translation>
    </message>
</context>
<context>
    <name>fw::ModelTrainer</name>
    <message>
        <source>Growing the forest and calibrating…</source>
        <translation>Construction de la forêt et étalonnage…</translation>
    </message>
    <message>
        <source>Checking the new model on its training samples…</source>
        <translation>Vérification du nouveau modèle sur ses échantillons d&apos;entraînement…</translation>
    </message>
    <message>
        <source>A model is being trained already.</source>
        <translation>Un modèle est déjà en cours d&apos;entraînement.</translation>
    </message>
    <message>
        <source>The range holds %1 complete samples over %2 s. A model needs at least %3 complete samples over %4 s of normal operation (at this profile&apos;s %5 Hz) to learn each channel&apos;s range, noise and trend. Widen the time window, or pause and zoom out, and try again.</source>
        <translation>La plage contient %1 échantillons complets sur %2 s. Un modèle a besoin d&apos;au moins %3 échantillons complets sur %4 s de fonctionnement normal (aux %5 Hz de ce profil) pour apprendre la plage, le bruit et la tendance de chaque canal. Élargissez la fenêtre de temps, ou mettez en pause et dézoomez, puis réessayez.</translation>
    </message>
    <message>
        <source>console history</source>
        <translation>historique de la console</translation>
    </message>
    <message>
        <source>trained on %1 – %2 of %3</source>
        <translation>entraîné sur %1 – %2 de %3</translation>
    </message>
    <message numerus="yes">
        <source>The new model raises alarms on %Ln of the samples it was trained on: the range may hold a fault.</source>
        <translation>
            <numerusform>Le nouveau modèle déclenche des alarmes sur %Ln des échantillons ayant servi à son entraînement&#xa0;: la plage contient peut-être un défaut.</numerusform>
            <numerusform>Le nouveau modèle déclenche des alarmes sur %Ln des échantillons ayant servi à son entraînement&#xa0;: la plage contient peut-être un défaut.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>fw::ModelView</name>
    <message>
        <source>Model view</source>
        <translation>Vue du modèle</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil&#xa0;:</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Trained on:</source>
        <translation>Entraîné sur&#xa0;:</translation>
    </message>
    <message>
        <source>Trained on</source>
        <translation>Entraîné sur</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Période&#xa0;:</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Lignes&#xa0;:</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Trained by:</source>
        <translation>Entraîné par&#xa0;:</translation>
    </message>
    <message>
        <source>Trained by</source>
        <translation>Entraîné par</translation>
    </message>
    <message>
        <source>Features:</source>
        <translation>Caractéristiques&#xa0;:</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>Caractéristiques</translation>
    </message>
    <message>
        <source>Forest:</source>
        <translation>Forêt&#xa0;:</translation>
    </message>
    <message>
        <source>Forest</source>
        <translation>Forêt</translation>
    </message>
    <message>
        <source>Alarm policy:</source>
        <translation>Politique d&apos;alarme&#xa0;:</translation>
    </message>
    <message>
        <source>Alarm policy</source>
        <translation>Politique d&apos;alarme</translation>
    </message>
    <message>
        <source>Checks:</source>
        <translation>Contrôles&#xa0;:</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>Contrôles</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256&#xa0;:</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Avertissements&#xa0;:</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Étalonnage</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal&#xa0;:</translation>
    </message>
    <message>
        <source>Channel shown</source>
        <translation>Canal affiché</translation>
    </message>
    <message>
        <source>Training envelope per channel</source>
        <translation>Enveloppe d&apos;entraînement par canal</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Calibration scores</source>
        <translation>Scores d&apos;étalonnage</translation>
    </message>
    <message>
        <source>Held-out nominal rows</source>
        <translation>Lignes nominales réservées</translation>
    </message>
    <message>
        <source>Forest score</source>
        <translation>Score de la forêt</translation>
    </message>
    <message>
        <source>Newest score</source>
        <translation>Dernier score</translation>
    </message>
    <message>
        <source>Channel against its envelope</source>
        <translation>Canal face à son enveloppe</translation>
    </message>
    <message>
        <source>Seconds before the newest sample</source>
        <translation>Secondes avant le dernier échantillon</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Plage</translation>
    </message>
    <message>
        <source>Centre</source>
        <translation>Centre</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Limites</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Moyenne</translation>
    </message>
    <message>
        <source>Alarms raised per hour of source time (UTC)</source>
        <translation>Alarmes levées par heure de temps source (UTC)</translation>
    </message>
    <message>
        <source>Alarms raised</source>
        <translation>Alarmes déclenchées</translation>
    </message>
    <message>
        <source>Alarms against the labels</source>
        <translation>Alarmes face aux étiquettes</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>no model loaded</source>
        <translation>aucun modèle chargé</translation>
    </message>
    <message>
        <source>%1 (channels %2)</source>
        <translation>%1 (canaux %2)</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>non enregistré</translation>
    </message>
    <message>
        <source>%1 to %2 (%3 h)</source>
        <translation>%1 à %2 (%3 h)</translation>
    </message>
    <message>
        <source>%1 given; the forest grew from %2, %3 held out to calibrate</source>
        <translation>%1 fournies&#xa0;; la forêt a été construite sur %2, %3 réservées à l&apos;étalonnage</translation>
    </message>
    <message>
        <source>%1 per row: the raw channels and features over %2 samples</source>
        <translation>%1 par ligne&#xa0;: les canaux bruts et des caractéristiques sur %2 échantillons</translation>
    </message>
    <message>
        <source>%1 per row: the raw channels</source>
        <translation>%1 par ligne&#xa0;: les canaux bruts</translation>
    </message>
    <message>
        <source>%1 trees of %2 rows each, %3</source>
        <translation>%1 arbres de %2 lignes chacun, %3</translation>
    </message>
    <message>
        <source>hyperplane splits</source>
        <translation>coupures par hyperplans</translation>
    </message>
    <message>
        <source>axis-parallel splits</source>
        <translation>coupures parallèles aux axes</translation>
    </message>
    <message>
        <source>watch at %1, warning at %2, critical at %3 confidence; the forest alone %4 (%5 of %6 samples)</source>
        <translation>surveillance à %1, avertissement à %2, critique à %3 de confiance&#xa0;; la forêt seule %4 (%5 sur %6 échantillons)</translation>
    </message>
    <message>
        <source>raises alarms</source>
        <translation>déclenche des alarmes</translation>
    </message>
    <message>
        <source>raises no alarm</source>
        <translation>ne déclenche aucune alarme</translation>
    </message>
    <message>
        <source>nominal range on %1 of %2 channels (mean of %3 samples, ±%4 scales)</source>
        <translation>plage nominale sur %1 des %2 canaux (moyenne de %3 échantillons, ±%4 échelles)</translation>
    </message>
    <message>
        <source>jump, trend, noise, stuck and dropout per channel</source>
        <translation>saut, tendance, bruit, blocage et perte par canal</translation>
    </message>
    <message>
        <source>alarm limits on %1 channels</source>
        <translation>limites d&apos;alarme sur %1 canaux</translation>
    </message>
    <message>
        <source>no relation check</source>
        <translation>aucun contrôle de relation</translation>
    </message>
    <message>
        <source>relation to the other channels</source>
        <translation>relation aux autres canaux</translation>
    </message>
    <message>
        <source>no forecast check</source>
        <translation>aucun contrôle de prévision</translation>
    </message>
    <message>
        <source>forecast of each channel</source>
        <translation>prévision de chaque canal</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>Aucun modèle chargé.</translation>
    </message>
    <message>
        <source>%1 scores of held-out nominal rows. A score to the right of a dashed line has at least that level&apos;s confidence.</source>
        <translation>%1 scores de lignes nominales réservées. Un score à droite d&apos;une ligne pointillée a au moins la confiance de ce niveau.</translation>
    </message>
    <message>
        <source>%1 cannot be reached from the forest&apos;s score alone with this many calibration rows.</source>
        <translation>%1 est inaccessible au seul score de la forêt avec ce nombre de lignes d&apos;étalonnage.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Nominal range of the mean</source>
        <translation>Plage nominale de la moyenne</translation>
    </message>
    <message>
        <source>Noise up to</source>
        <translation>Bruit jusqu&apos;à</translation>
    </message>
    <message>
        <source>Jump up to</source>
        <translation>Saut jusqu&apos;à</translation>
    </message>
    <message>
        <source>Trend up to per window</source>
        <translation>Tendance par fenêtre jusqu&apos;à</translation>
    </message>
    <message>
        <source>Alarm limits</source>
        <translation>Limites d&apos;alarme</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>context channel, never flagged</source>
        <translation>canal de contexte, jamais signalé</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>%1 against its training envelope</source>
        <translation>%1 face à son enveloppe d&apos;entraînement</translation>
    </message>
    <message>
        <source>Precision and recall are drawn after a replay with ground truth: start the console with --labels FILE.</source>
        <translation>La précision et le rappel sont tracés après un rejeu avec vérité terrain&#xa0;: lancez la console avec --labels FILE.</translation>
    </message>
    <message>
        <source>Against the labels so far: precision %1, recall %2 over %3 labelled samples.</source>
        <translation>Face aux étiquettes jusqu&apos;ici&#xa0;: précision %1, rappel %2 sur %3 échantillons étiquetés.</translation>
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
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Channel %1</source>
        <translation>Canal %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>fw::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>&amp;Time window:</source>
        <translation>&amp;Fenêtre de temps&#xa0;:</translation>
    </message>
    <message>
        <source>Time window of the plots</source>
        <translation>Fenêtre de temps des tracés</translation>
    </message>
    <message>
        <source>Time &amp;axis:</source>
        <translation>&amp;Axe du temps&#xa0;:</translation>
    </message>
    <message>
        <source>Time axis labels</source>
        <translation>Graduations de l&apos;axe du temps</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>Thème &amp;sombre</translation>
    </message>
    <message>
        <source>Scale strips to their &amp;limits</source>
        <translation>Adapter les bandes à leurs &amp;limites</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Opérateur&#xa0;:</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Nom de l&apos;opérateur</translation>
    </message>
    <message>
        <source>Recorded in the alarm journal with every acknowledgement and shelf</source>
        <translation>Consigné dans le journal des alarmes à chaque acquittement et mise en attente</translation>
    </message>
    <message>
        <source>&amp;Serve /metrics and the other endpoints</source>
        <translation>Ser&amp;vir /metrics et les autres points d&apos;accès</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>Adr&amp;esse&#xa0;:</translation>
    </message>
    <message>
        <source>Endpoint address</source>
        <translation>Adresse des points d&apos;accès</translation>
    </message>
    <message>
        <source>127.0.0.1:9917</source>
        <translation>127.0.0.1:9917</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>The endpoint address needs a port from 1 to 65535, as in 127.0.0.1:9917.</source>
        <translation>L&apos;adresse des points d&apos;accès doit comporter un port de 1 à 65535, comme dans 127.0.0.1:9917.</translation>
    </message>
    <message>
        <source>“%1” is not a numeric address: give 127.0.0.1, 0.0.0.0, ::1 (as [::1]:9917) or an address of this machine.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse numérique&#xa0;: indiquez 127.0.0.1, 0.0.0.0, ::1 (sous la forme [::1]:9917) ou une adresse de cette machine.</translation>
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
        <translation>Heure locale</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Seconds before the newest sample</source>
        <translation>Secondes avant le dernier échantillon</translation>
    </message>
    <message>
        <source>Give the operator&apos;s name: the alarm journal records who acted.</source>
        <translation>Indiquez le nom de l&apos;opérateur&#xa0;: le journal des alarmes consigne qui a agi.</translation>
    </message>
</context>
<context>
    <name>fw::Profile</name>
    <message>
        <source>Battery temperature</source>
        <translation>Température de la batterie</translation>
    </message>
    <message>
        <source>Bus voltage</source>
        <translation>Tension du bus</translation>
    </message>
    <message>
        <source>Wheel vibration</source>
        <translation>Vibration de la roue</translation>
    </message>
    <message>
        <source>Tank pressure</source>
        <translation>Pression du réservoir</translation>
    </message>
    <message>
        <source>Small-satellite bus: battery-module temperature, 28 V main bus, reaction-wheel vibration, propellant tank pressure</source>
        <translation>Plateforme de petit satellite&#xa0;: température du module batterie, bus principal 28 V, vibration de la roue de réaction, pression du réservoir d&apos;ergols</translation>
    </message>
    <message>
        <source>Pack temperature</source>
        <translation>Température du pack</translation>
    </message>
    <message>
        <source>Pack voltage</source>
        <translation>Tension du pack</translation>
    </message>
    <message>
        <source>Drive-unit vibration</source>
        <translation>Vibration du groupe motopropulseur</translation>
    </message>
    <message>
        <source>Coolant pressure</source>
        <translation>Pression du liquide de refroidissement</translation>
    </message>
    <message>
        <source>Electric-vehicle test bench: battery-pack temperature, pack voltage, drive-unit vibration, coolant pressure</source>
        <translation>Banc d&apos;essai de véhicule électrique&#xa0;: température du pack batterie, tension du pack, vibration du groupe motopropulseur, pression du liquide de refroidissement</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Température</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>Tension</translation>
    </message>
    <message>
        <source>Accelerometer 1 RMS</source>
        <translation>Accéléromètre 1 RMS</translation>
    </message>
    <message>
        <source>Pressure</source>
        <translation>Pression</translation>
    </message>
    <message>
        <source>Accelerometer 2 RMS</source>
        <translation>Accéléromètre 2 RMS</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Courant</translation>
    </message>
    <message>
        <source>Thermocouple</source>
        <translation>Thermocouple</translation>
    </message>
    <message>
        <source>Volume flow rate RMS</source>
        <translation>Débit volumique RMS</translation>
    </message>
    <message>
        <source>SKAB water-pump test bench (Skoltech Anomaly Benchmark), 1 Hz, columns as in its CSV files</source>
        <translation>Banc d&apos;essai de pompe à eau SKAB (Skoltech Anomaly Benchmark), 1 Hz, colonnes comme dans ses fichiers CSV</translation>
    </message>
</context>
<context>
    <name>fw::Reason</name>
    <message>
        <source>out of step with the others</source>
        <translation>en décalage avec les autres</translation>
    </message>
    <message>
        <source>off its forecast</source>
        <translation>hors de sa prévision</translation>
    </message>
    <message>
        <source>no values</source>
        <translation>aucune valeur</translation>
    </message>
    <message>
        <source>stuck</source>
        <translation>bloqué</translation>
    </message>
    <message>
        <source>noisy</source>
        <translation>bruité</translation>
    </message>
    <message>
        <source>changing fast</source>
        <translation>variation rapide</translation>
    </message>
    <message>
        <source>jump</source>
        <translation>saut</translation>
    </message>
    <message>
        <source>out of its range</source>
        <translation>hors de sa plage</translation>
    </message>
    <message>
        <source>beyond its limits</source>
        <translation>au-delà de ses limites</translation>
    </message>
    <message>
        <source>model</source>
        <translation>modèle</translation>
    </message>
    <message>
        <source>alarm limit</source>
        <translation>limite d&apos;alarme</translation>
    </message>
    <message>
        <source>relation to the other channels</source>
        <translation>relation aux autres canaux</translation>
    </message>
    <message>
        <source>range guard</source>
        <translation>garde de plage</translation>
    </message>
</context>
<context>
    <name>fw::ReplayBar</name>
    <message>
        <source>Replay position</source>
        <translation>Position du rejeu</translation>
    </message>
    <message>
        <source>Drag to seek; the plots restart at the new position</source>
        <translation>Faites glisser pour vous déplacer&#xa0;; les tracés reprennent à la nouvelle position</translation>
    </message>
    <message>
        <source>Replay time</source>
        <translation>Temps du rejeu</translation>
    </message>
    <message>
        <source>Sp&amp;eed</source>
        <translation>&amp;Vitesse</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>Vitesse de rejeu</translation>
    </message>
    <message>
        <source>&amp;Play replay</source>
        <translation>&amp;Lire le rejeu</translation>
    </message>
    <message>
        <source>&amp;Step forward</source>
        <translation>&amp;Avancer d&apos;un pas</translation>
    </message>
    <message>
        <source>&amp;Restart replay</source>
        <translation>&amp;Redémarrer le rejeu</translation>
    </message>
    <message>
        <source>&amp;Faster</source>
        <translation>Plus vi&amp;te</translation>
    </message>
    <message>
        <source>S&amp;lower</source>
        <translation>Plus le&amp;nt</translation>
    </message>
    <message>
        <source>&amp;Loop</source>
        <translation>&amp;Boucle</translation>
    </message>
    <message>
        <source>Pause and replay the next %1 s</source>
        <translation>Mettre en pause et rejouer les %1 s suivantes</translation>
    </message>
    <message>
        <source>Start the recording again at its end</source>
        <translation>Relancer l&apos;enregistrement depuis le début lorsqu&apos;il se termine</translation>
    </message>
    <message>
        <source>As fast as possible</source>
        <translation>Aussi vite que possible</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>&amp;Pause replay</source>
        <translation>&amp;Pause du rejeu</translation>
    </message>
    <message>
        <source>– (0:00 / %1)</source>
        <translation>– (0:00 / %1)</translation>
    </message>
    <message>
        <source>%1 (%2 / %3)</source>
        <translation>%1 (%2 / %3)</translation>
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
        <translation>Surveillance</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
</context>
<context>
    <name>fw::ShelveDialog</name>
    <message>
        <source>Shelve alarm</source>
        <translation>Mettre l&apos;alarme en attente</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Why is this alarm shelved? (required)</source>
        <translation>Pourquoi cette alarme est-elle mise en attente&#xa0;? (obligatoire)</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Durée&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Until:</source>
        <translation>&amp;Jusqu&apos;à&#xa0;:</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>8 hours</source>
        <translation>8 heures</translation>
    </message>
    <message>
        <source>Until…</source>
        <translation>Jusqu&apos;à…</translation>
    </message>
    <message>
        <source>Shelve</source>
        <translation>Mettre en attente</translation>
    </message>
</context>
<context>
    <name>fw::StateBanner</name>
    <message>
        <source>View state</source>
        <translation>État de l&apos;affichage</translation>
    </message>
    <message>
        <source>REPLAY ENDED</source>
        <translation>REJEU TERMINÉ</translation>
    </message>
    <message>
        <source>REPLAY PAUSED</source>
        <translation>REJEU EN PAUSE</translation>
    </message>
    <message>
        <source>REPLAY AT FULL SPEED</source>
        <translation>REJEU À PLEINE VITESSE</translation>
    </message>
    <message>
        <source>REPLAY ×%1</source>
        <translation>REJEU ×%1</translation>
    </message>
    <message>
        <source>PAUSED at %1 — data is still judged</source>
        <translation>EN PAUSE à %1 — les données sont toujours évaluées</translation>
    </message>
    <message>
        <source>NO SOURCE</source>
        <translation>AUCUNE SOURCE</translation>
    </message>
    <message>
        <source>STALE — no data for %1 s</source>
        <translation>PÉRIMÉ — aucune donnée depuis %1 s</translation>
    </message>
    <message>
        <source>STALE — no data yet</source>
        <translation>PÉRIMÉ — pas encore de données</translation>
    </message>
</context>
<context>
    <name>fw::TrainDialog</name>
    <message>
        <source>Train model from history</source>
        <translation>Entraîner un modèle sur l&apos;historique</translation>
    </message>
    <message>
        <source>Train a new model on samples in memory. Choose a stretch of normal operation: the model learns it as normal.</source>
        <translation>Entraîner un nouveau modèle sur les échantillons en mémoire. Choisissez une période de fonctionnement normal&#xa0;: le modèle l&apos;apprend comme normale.</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Du&#xa0;:</translation>
    </message>
    <message>
        <source>Start of the training range</source>
        <translation>Début de la plage d&apos;entraînement</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Au&#xa0;:</translation>
    </message>
    <message>
        <source>End of the training range</source>
        <translation>Fin de la plage d&apos;entraînement</translation>
    </message>
    <message>
        <source>&amp;Visible range</source>
        <translation>Plage &amp;visible</translation>
    </message>
    <message>
        <source>&amp;All in memory</source>
        <translation>&amp;Tout ce qui est en mémoire</translation>
    </message>
    <message>
        <source>What the range holds</source>
        <translation>Contenu de la plage</translation>
    </message>
    <message>
        <source>Why training is refused</source>
        <translation>Pourquoi l&apos;entraînement est refusé</translation>
    </message>
    <message>
        <source>&amp;Train</source>
        <translation>&amp;Entraîner</translation>
    </message>
    <message>
        <source>%1 samples over %2 s; %3 with every channel present.</source>
        <translation>%1 échantillons sur %2 s&#xa0;; %3 avec tous les canaux présents.</translation>
    </message>
    <message>
        <source>The model in use flagged %1 of them: a model trained on them takes that behaviour for normal.</source>
        <translation>Le modèle en service en a signalé %1&#xa0;: un modèle entraîné dessus tient ce comportement pour normal.</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>La plage se termine avant de commencer.</translation>
    </message>
</context>
<context>
    <name>fw::TrainStatus</name>
    <message>
        <source>Training stage</source>
        <translation>Étape de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Progression de l&apos;entraînement</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Stop training; the model in use stays</source>
        <translation>Arrêter l&apos;entraînement&#xa0;; le modèle en service est conservé</translation>
    </message>
    <message>
        <source>Cancel training</source>
        <translation>Annuler l&apos;entraînement</translation>
    </message>
    <message>
        <source>Training a model…</source>
        <translation>Entraînement d&apos;un modèle…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>FaultWatch operator console: live telemetry plots and fault detection.</source>
        <translation>Console opérateur FaultWatch&#xa0;: tracés de télémétrie en direct et détection de défauts.</translation>
    </message>
    <message>
        <source>Run the built-in demo: the simulated spacecraft with faults, scored by the bundled model.</source>
        <translation>Lancer la démo intégrée&#xa0;: l&apos;engin spatial simulé avec des défauts, évalué par le modèle fourni.</translation>
    </message>
    <message>
        <source>Connect to URI at start.</source>
        <translation>Se connecter à URI au démarrage.</translation>
    </message>
    <message>
        <source>Profile: spacecraft, ev, skab or a profile file.</source>
        <translation>Profil&#xa0;: spacecraft, ev, skab ou un fichier de profil.</translation>
    </message>
    <message>
        <source>Model file (default: $MODEL_PATH, else the last one).</source>
        <translation>Fichier de modèle (par défaut&#xa0;: $MODEL_PATH, sinon le dernier utilisé).</translation>
    </message>
    <message>
        <source>Save the window as a PNG when --quit-after expires.</source>
        <translation>Enregistrer la fenêtre en PNG à l&apos;expiration de --quit-after.</translation>
    </message>
    <message>
        <source>Quit after S seconds.</source>
        <translation>Quitter après S secondes.</translation>
    </message>
    <message>
        <source>Serve /metrics, /health, /ready and /predict on ADDR:PORT (default: the setting, 127.0.0.1:9917).</source>
        <translation>Servir /metrics, /health, /ready et /predict sur ADDR:PORT (par défaut&#xa0;: le réglage, 127.0.0.1:9917).</translation>
    </message>
    <message>
        <source>Do not serve the HTTP endpoints this time.</source>
        <translation>Ne pas servir les points d&apos;accès HTTP cette fois-ci.</translation>
    </message>
    <message>
        <source>Open the window at W×H pixels, e.g. 1366x768.</source>
        <translation>Ouvrir la fenêtre en W×H pixels, par ex. 1366x768.</translation>
    </message>
    <message>
        <source>Pause the plots after S seconds.</source>
        <translation>Mettre les tracés en pause après S secondes.</translation>
    </message>
    <message>
        <source>Show the tracker at X (0 to 1) across the plots when they pause.</source>
        <translation>Afficher le curseur à X (de 0 à 1) sur la largeur des tracés lors de la pause.</translation>
    </message>
    <message>
        <source>Open the alarm panel&apos;s tab: active or history.</source>
        <translation>Ouvrir l&apos;onglet du panneau des alarmes&#xa0;: active or history.</translation>
    </message>
    <message>
        <source>Ground truth for a labelled replay (written by faultwatch-cli simulate --labels): the Model view draws precision and recall.</source>
        <translation>Vérité terrain d&apos;un rejeu étiqueté (écrite par faultwatch-cli simulate --labels)&#xa0;: la vue du modèle trace la précision et le rappel.</translation>
    </message>
    <message>
        <source>Open the Model view on a tab: model, calibration, channels or session.</source>
        <translation>Ouvrir la vue du modèle sur un onglet&#xa0;: model, calibration, channels or session.</translation>
    </message>
</context>
</TS>
