<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccessKeysEditor</name>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="10"/>
        <source>Access key ID:</source>
        <translation>Zugriffsschlüssel-ID:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="11"/>
        <source>e.g. AKIAIOSFODNN7EXAMPLE</source>
        <translation>z. B. AKIAIOSFODNN7EXAMPLE</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="12"/>
        <source>Secret access key:</source>
        <translation>Geheimer Zugriffsschlüssel:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="14"/>
        <source>Session token:</source>
        <translation>Sitzungstoken:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="16"/>
        <source>Optional: only for temporary keys</source>
        <translation>Optional: nur für temporäre Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="18"/>
        <source>Kept in the system keychain, never in the settings.</source>
        <translation>Wird im Schlüsselbund des Systems aufbewahrt, nie in den Einstellungen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="41"/>
        <source>Checking the system keychain…</source>
        <translation>Der Schlüsselbund des Systems wird geprüft…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="48"/>
        <source>Reading the keys of %1 from the system keychain…</source>
        <translation>Die Schlüssel von %1 werden aus dem Schlüsselbund des Systems gelesen…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="55"/>
        <source>Access key %1 is kept in the system keychain. Type new keys to replace it.</source>
        <translation>Zugriffsschlüssel %1 liegt im Schlüsselbund des Systems. Geben Sie neue Schlüssel ein, um ihn zu ersetzen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="72"/>
        <source>The system keychain holds no keys for %1: type them again.</source>
        <translation>Der Schlüsselbund des Systems enthält keine Schlüssel für %1: Geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="74"/>
        <source>The keys are kept in the system keychain, never in the settings.</source>
        <translation>Die Schlüssel werden im Schlüsselbund des Systems aufbewahrt, nie in den Einstellungen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="101"/>
        <source>Enter the access key ID and the secret access key.</source>
        <translation>Geben Sie die Zugriffsschlüssel-ID und den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="103"/>
        <source>Enter the access key ID too.</source>
        <translation>Geben Sie auch die Zugriffsschlüssel-ID ein.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="104"/>
        <source>Enter the secret access key too.</source>
        <translation>Geben Sie auch den geheimen Zugriffsschlüssel ein.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="106"/>
        <source>Access keys hold no spaces.</source>
        <translation>Zugriffsschlüssel enthalten keine Leerzeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="123"/>
        <source>Saving the keys in the system keychain…</source>
        <translation>Die Schlüssel werden im Schlüsselbund des Systems gespeichert…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="133"/>
        <source>The keys are saved in the system keychain.</source>
        <translation>Die Schlüssel sind im Schlüsselbund des Systems gespeichert.</translation>
    </message>
</context>
<context>
    <name>ActivityDock</name>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="19"/>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="37"/>
        <source>All regions</source>
        <translation>Alle Regionen</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="43"/>
        <source>All operations</source>
        <translation>Alle Operationen</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="46"/>
        <source>Errors only</source>
        <translation>Nur Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="48"/>
        <source>Hide the console&apos;s polling</source>
        <translation>Abfragen der Konsole ausblenden</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="51"/>
        <source>Hides the Describe and List requests the console sends by itself to keep its views current.</source>
        <translation>Blendet die Describe- und List-Anfragen aus, die die Konsole von sich aus sendet, um ihre Ansichten aktuell zu halten.</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="78"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/window/activity_dock.cpp" line="89"/>
        <source>%n request(s) (the last %1 are kept)</source>
        <translation>
            <numerusform>%n Anfrage (die letzten %1 werden behalten)</numerusform>
            <numerusform>%n Anfragen (die letzten %1 werden behalten)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/window/activity_dock.cpp" line="92"/>
        <source>%1, %n throttled</source>
        <translation>
            <numerusform>%1, %n gedrosselt</numerusform>
            <numerusform>%1, %n gedrosselt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="93"/>
        <source>%1 shown of %2</source>
        <translation>%1 angezeigt von %2</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="85"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="94"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="94"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="96"/>
        <source>%1 (after %2 attempts)</source>
        <translation>%1 (nach %2 Versuchen)</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="98"/>
        <source>%1; held back %2 ms by the client-side rate limiter</source>
        <translation>%1; %2 ms von der clientseitigen Ratenbegrenzung zurückgehalten</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="107"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="109"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="111"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="113"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="115"/>
        <source>Latency</source>
        <translation>Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="117"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>AutoScalingBox</name>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="17"/>
        <source>Edit auto scaling…</source>
        <translation>Auto Scaling bearbeiten…</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="59"/>
        <source>Off: on-demand capacity needs no scaling.</source>
        <translation>Aus: On-Demand-Kapazität muss nicht skaliert werden.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="62"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="69"/>
        <source>Not available here: %1</source>
        <translation>Hier nicht verfügbar: %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="83"/>
        <source>Read: %1</source>
        <translation>Lesen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="84"/>
        <source>Write: %1</source>
        <translation>Schreiben: %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="92"/>
        <source>Indexes: %1 of %2 capacities auto scaled</source>
        <extracomment>%1 of %2 read and write capacities of the table&apos;s GSIs have auto scaling on</extracomment>
        <translation>Indizes: Auto Scaling für %1 von %2 Kapazitäten</translation>
    </message>
</context>
<context>
    <name>AutoScalingDialog</name>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="54"/>
        <source>Auto scaling of %1</source>
        <translation>Auto Scaling von %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="58"/>
        <source>Auto scaling adjusts provisioned capacity to the traffic: it adds capacity after 2 minutes above the target utilization and removes it after 15 minutes at 20 points or more below it, never outside the minimum and maximum.</source>
        <translation>Auto Scaling passt die bereitgestellte Kapazität an den Datenverkehr an: Es fügt Kapazität hinzu, wenn die Auslastung 2 Minuten lang über der Zielauslastung liegt, und entfernt sie, wenn sie 15 Minuten lang um 20 Prozentpunkte oder mehr darunter liegt, nie über Minimum und Maximum hinaus.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="92"/>
        <source>Could not read %1: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="100"/>
        <source>The auto scaling settings of %1 are not available in %2: %3</source>
        <translation>Die Auto-Scaling-Einstellungen von %1 sind in %2 nicht verfügbar: %3</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="115"/>
        <source>%1 uses on-demand capacity, which needs no scaling. Switch it to provisioned capacity in its Settings to set auto scaling.</source>
        <translation>%1 verwendet On-Demand-Kapazität, die nicht skaliert werden muss. Stellen Sie die Tabelle in ihren Einstellungen auf bereitgestellte Kapazität um, um Auto Scaling festzulegen.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="122"/>
        <source>%1 is a global table: the write settings apply to every replica, the read settings to the replica in %2.</source>
        <translation>%1 ist eine globale Tabelle: Die Schreibeinstellungen gelten für jedes Replikat, die Leseeinstellungen für das Replikat in %2.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="130"/>
        <source>Auto scaling</source>
        <translation>Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="130"/>
        <source>Minimum units</source>
        <translation>Minimale Einheiten</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="131"/>
        <source>Maximum units</source>
        <translation>Maximale Einheiten</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="131"/>
        <source>Target utilization</source>
        <translation>Zielauslastung</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="131"/>
        <source>Provisioned now</source>
        <translation>Derzeit bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="147"/>
        <source>Read capacity</source>
        <translation>Lesekapazität</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="148"/>
        <source>Write capacity</source>
        <translation>Schreibkapazität</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="161"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="166"/>
        <source>Index %1</source>
        <translation>Index %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="232"/>
        <source>DynamoDB did not change the auto scaling of %1: %2</source>
        <translation>DynamoDB hat das Auto Scaling von %1 nicht geändert: %2</translation>
    </message>
</context>
<context>
    <name>AutoScalingSettings</name>
    <message>
        <location filename="../widgets/capacity/auto_scaling_settings.cpp" line="83"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_settings.cpp" line="87"/>
        <source>On: %1–%2 units, target %3 %</source>
        <extracomment>auto scaling of one capacity: %1–%2 the minimum and maximum units, %3 the target utilization in percent</extracomment>
        <translation>Ein: %1–%2 Einheiten, Ziel %3 %</translation>
    </message>
</context>
<context>
    <name>BackupDetails</name>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="66"/>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="67"/>
        <location filename="../widgets/recovery/backup_details.cpp" line="77"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="68"/>
        <location filename="../widgets/recovery/backup_details.cpp" line="79"/>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="69"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="70"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="71"/>
        <location filename="../widgets/recovery/backup_details.cpp" line="82"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="72"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="74"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="76"/>
        <source>Source table</source>
        <translation>Quelltabelle</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="78"/>
        <source>Table ID</source>
        <translation>Tabellen-ID</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="80"/>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="81"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="84"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="85"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="86"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="90"/>
        <source>Read / write units</source>
        <translation>Lese-/Schreibeinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="90"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="92"/>
        <source>Table created</source>
        <translation>Tabelle erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="94"/>
        <source>Features at backup time</source>
        <translation>Funktionen zum Zeitpunkt des Backups</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="95"/>
        <source>Global secondary indexes</source>
        <translation>Globale sekundäre Indizes</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="97"/>
        <source>Local secondary indexes</source>
        <translation>Lokale sekundäre Indizes</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="100"/>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="102"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="104"/>
        <source>Time to live</source>
        <translation>Time to Live (TTL)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="106"/>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="107"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="108"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Im Besitz von Amazon DynamoDB</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="77"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="78"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="79"/>
        <source>AWS Backup</source>
        <translation>AWS Backup</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="143"/>
        <source>Backup name</source>
        <translation>Backup-Name</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="145"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="147"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="149"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="151"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="153"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="39"/>
        <source>Restore…</source>
        <translation>Wiederherstellen …</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="40"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="44"/>
        <source>Create backup…</source>
        <translation>Backup erstellen …</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="48"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="152"/>
        <source>Could not list backups: %1</source>
        <translation>Backups konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="216"/>
        <source>Backup %1 created.</source>
        <translation>Backup %1 wurde erstellt.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="237"/>
        <source>Restoring table %1 in %2…</source>
        <translation>Tabelle %1 wird in %2 wiederhergestellt …</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="241"/>
        <source>Restoring table %1…</source>
        <translation>Tabelle %1 wird wiederhergestellt …</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="252"/>
        <location filename="../widgets/recovery/backups_tab.cpp" line="257"/>
        <source>Delete backup</source>
        <translation>Backup löschen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="253"/>
        <source>Delete the backup %1 in %2? It cannot be restored afterwards.</source>
        <translation>Backup %1 in %2 löschen? Danach kann daraus nichts mehr wiederhergestellt werden.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="267"/>
        <source>Could not delete the backup: %1</source>
        <translation>Das Backup konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="272"/>
        <source>Backup deleted.</source>
        <translation>Backup gelöscht.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_console.cpp" line="20"/>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
</context>
<context>
    <name>BatchWriter</name>
    <message>
        <location filename="../widgets/items/batch_writer.cpp" line="69"/>
        <source>The engine keeps leaving items unprocessed; %1 of %2 were written.</source>
        <translation>Die Engine lässt weiterhin Elemente unverarbeitet; %1 von %2 wurden geschrieben.</translation>
    </message>
</context>
<context>
    <name>CapacityCharts</name>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="51"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="52"/>
        <source>1 second</source>
        <translation>1 Sekunde</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="53"/>
        <source>1 minute</source>
        <translation>1 Minute</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="55"/>
        <source>Read capacity units (average per second)</source>
        <translation>Lesekapazitätseinheiten (Mittel pro Sekunde)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="56"/>
        <source>Write capacity units (average per second)</source>
        <translation>Schreibkapazitätseinheiten (Mittel pro Sekunde)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="57"/>
        <source>Throttled requests (sum per period)</source>
        <translation>Gedrosselte Anfragen (Summe pro Zeitraum)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="70"/>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="72"/>
        <source>Consumed</source>
        <translation>Verbraucht</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="69"/>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="71"/>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="227"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="73"/>
        <source>Replicated</source>
        <translation>Repliziert</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="74"/>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="75"/>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="78"/>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="80"/>
        <source>Index:</source>
        <translation>Index:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="82"/>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="118"/>
        <source>%1 is a remote region. The capacity charts read the embedded engine&apos;s capacity metrics, which exist for embedded regions only; a remote table&apos;s capacity is in its service&apos;s own monitoring (Amazon CloudWatch for DynamoDB).</source>
        <translation>%1 ist eine entfernte Region. Die Kapazitätsdiagramme lesen die Kapazitätsmetriken der eingebetteten Engine, die es nur für eingebettete Regionen gibt; die Kapazität einer entfernten Tabelle zeigt die Überwachung ihres Dienstes (Amazon CloudWatch für DynamoDB).</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="227"/>
        <source>On-demand maximum</source>
        <translation>On-Demand-Maximum</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="245"/>
        <source>seconds (engine time)</source>
        <translation>Sekunden (Engine-Zeit)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="246"/>
        <source>minutes (engine time)</source>
        <translation>Minuten (Engine-Zeit)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="249"/>
        <source>Last minute: %1 read and %2 write units consumed, %3 read and %4 write requests throttled.</source>
        <translation>Letzte Minute: %1 Lese- und %2 Schreibeinheiten verbraucht, %3 Lese- und %4 Schreibanfragen gedrosselt.</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="251"/>
        <source>Last hour: %1 read and %2 write units consumed, %3 read and %4 write requests throttled.</source>
        <translation>Letzte Stunde: %1 Lese- und %2 Schreibeinheiten verbraucht, %3 Lese- und %4 Schreibanfragen gedrosselt.</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="229"/>
        <source>Missing in %1</source>
        <translation>Fehlt in %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="237"/>
        <source>Differs between the regions: %1</source>
        <translation>Unterschiede zwischen den Regionen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="241"/>
        <source>↓ %1 ms</source>
        <translation>↓ %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="265"/>
        <source>Replicated from %1 to %2 in %3 ms</source>
        <translation>In %3 ms von %1 nach %2 repliziert</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="333"/>
        <source>(not in this region)</source>
        <translation>(nicht in dieser Region)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="345"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="362"/>
        <source>Replication</source>
        <translation>Replikation</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="365"/>
        <source>%1 (partition key)</source>
        <translation>%1 (Partitionsschlüssel)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="366"/>
        <source>%1 (sort key)</source>
        <translation>%1 (Sortierschlüssel)</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="37"/>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="45"/>
        <source>Blue rows just arrived by replication; amber rows differ between the regions until they converge.</source>
        <translation>Blaue Zeilen sind gerade durch Replikation angekommen; gelbe Zeilen unterscheiden sich zwischen den Regionen, bis sie wieder übereinstimmen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="122"/>
        <location filename="../widgets/items/compare_view.cpp" line="167"/>
        <location filename="../widgets/items/compare_view.cpp" line="169"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="210"/>
        <source>This table has no replica to compare with.</source>
        <translation>Diese Tabelle hat kein Replikat zum Vergleichen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="217"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="220"/>
        <source>Reading both regions…</source>
        <translation>Beide Regionen werden gelesen …</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/compare_view.cpp" line="223"/>
        <source>%n item(s) differ between the regions.</source>
        <translation>
            <numerusform>%n Element unterscheidet sich zwischen den Regionen.</numerusform>
            <numerusform>%n Elemente unterscheiden sich zwischen den Regionen.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="224"/>
        <source>The two regions hold the same items.</source>
        <translation>Beide Regionen enthalten dieselben Elemente.</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="227"/>
        <source>Only the first %1 items of each region are compared.</source>
        <translation>Nur die ersten %1 Elemente jeder Region werden verglichen.</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="46"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="47"/>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="52"/>
        <source>Connect to an endpoint</source>
        <translation>Mit einem Endpunkt verbinden</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="54"/>
        <source>A remote region is a region of another DynamoDB-compatible endpoint (Amazon DynamoDB, DynamoDB Local or a shared Tablespan server) that the console shows and drives beside its embedded regions.</source>
        <translation>Eine entfernte Region ist eine Region eines anderen DynamoDB-kompatiblen Endpunkts (Amazon DynamoDB, DynamoDB Local oder ein gemeinsam genutzter Tablespan-Server), die die Konsole neben ihren eingebetteten Regionen anzeigt und steuert.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="63"/>
        <source>e.g. local or prod-aws</source>
        <translation>z. B. local oder prod-aws</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="66"/>
        <source>http://127.0.0.1:8000 or https://dynamodb.{region}.amazonaws.com</source>
        <translation>http://127.0.0.1:8000 oder https://dynamodb.{region}.amazonaws.com</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="67"/>
        <source>{region} stands for the code of the region a request is for.</source>
        <translation>{region} steht für den Code der Region, für die eine Anfrage bestimmt ist.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="73"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="85"/>
        <source>The console saves only the profile&apos;s name and reads the keys from the AWS CLI&apos;s files when it connects. Keys entered here are kept in the system keychain.</source>
        <translation>Die Konsole speichert nur den Namen des Profils und liest die Schlüssel beim Verbinden aus den Dateien der AWS CLI. Hier eingegebene Schlüssel werden im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="93"/>
        <source>Optional: a PEM file of extra CAs for HTTPS</source>
        <translation>Optional: PEM-Datei mit weiteren CAs für HTTPS</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="125"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="126"/>
        <source>Endpoint URL:</source>
        <translation>Endpunkt-URL:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="127"/>
        <source>Regions:</source>
        <translation>Regionen:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="128"/>
        <source>Credentials:</source>
        <translation>Anmeldeinformationen:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="135"/>
        <source>CA file:</source>
        <translation>CA-Datei:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="140"/>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="18"/>
        <source>AWS CLI default (environment, AWS_PROFILE, default profile)</source>
        <translation>Standard der AWS CLI (Umgebung, AWS_PROFILE, Profil default)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="211"/>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="23"/>
        <source>Profile %1</source>
        <translation>Profil %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="31"/>
        <source>No signature (DynamoDB Local, Tablespan without --require-auth)</source>
        <translation>Keine Signatur (DynamoDB Local, Tablespan ohne --require-auth)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="181"/>
        <source>Edit connection %1</source>
        <translation>Verbindung %1 bearbeiten</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="182"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="27"/>
        <source>Access keys entered here (kept in the system keychain)</source>
        <translation>Hier eingegebene Zugriffsschlüssel (im Schlüsselbund des Systems)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="54"/>
        <source>Requests are sent without a signature: only a local engine accepts them.</source>
        <translation>Anfragen werden ohne Signatur gesendet: Nur eine lokale Engine nimmt sie an.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="63"/>
        <source>Access key %1 from %2</source>
        <translation>Zugriffsschlüssel %1, Quelle: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="67"/>
        <source>%1 (temporary, with a session token)</source>
        <translation>%1 (temporär, mit Sitzungstoken)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="69"/>
        <source>No credentials: %1</source>
        <translation>Keine Anmeldeinformationen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="72"/>
        <source>Region %1 from %2</source>
        <translation>Region %1, Quelle: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="79"/>
        <source>Invalid retry settings: %1</source>
        <translation>Ungültige Wiederholungseinstellungen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="81"/>
        <source>Retry mode %1 from %2</source>
        <translation>Wiederholungsmodus %1 aus %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="85"/>
        <source>Attempts per request: %1, from %2</source>
        <translation>Versuche je Anfrage: %1, aus %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="300"/>
        <source>CA certificates</source>
        <translation>CA-Zertifikate</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="302"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="324"/>
        <source>Listing the tables of %1…</source>
        <translation>Die Tabellen von %1 werden aufgelistet…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/connect_dialog.cpp" line="347"/>
        <source>Connected: %n table(s) listed in %1.</source>
        <translation>
            <numerusform>Verbunden: %n Tabelle in %1 aufgelistet.</numerusform>
            <numerusform>Verbunden: %n Tabellen in %1 aufgelistet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="352"/>
        <source>Not connected: %1: %2</source>
        <translation>Nicht verbunden: %1: %2</translation>
    </message>
</context>
<context>
    <name>ConnectionsMenu</name>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="19"/>
        <source>&amp;Connections</source>
        <translation>&amp;Verbindungen</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="48"/>
        <location filename="../widgets/remote/connections_menu.cpp" line="83"/>
        <source>The connection %1 is not connected: %2</source>
        <translation>Die Verbindung %1 ist nicht verbunden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="63"/>
        <source>The keys of %1 are being read from the system keychain.</source>
        <translation>Die Schlüssel von %1 werden aus dem Schlüsselbund des Systems gelesen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="123"/>
        <source>The keys of %1 stay in the system keychain: %2</source>
        <translation>Die Schlüssel von %1 bleiben im Schlüsselbund des Systems: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="151"/>
        <source>Connected to %1: its regions are in the region list.</source>
        <translation>Mit %1 verbunden: Ihre Regionen stehen in der Regionsliste.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="183"/>
        <source>Connect to an endpoint…</source>
        <translation>Mit einem Endpunkt verbinden…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="194"/>
        <source>%1 (reading its keys…)</source>
        <translation>%1 (Schlüssel werden gelesen…)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="195"/>
        <source>%1 (not connected)</source>
        <translation>%1 (nicht verbunden)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="198"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="200"/>
        <source>Connect again</source>
        <translation>Erneut verbinden</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="201"/>
        <source>Disconnect and forget</source>
        <translation>Trennen und vergessen</translation>
    </message>
</context>
<context>
    <name>CopyTableDialog</name>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="47"/>
        <source>Copy only the first</source>
        <translation>Nur die ersten</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="52"/>
        <source>Start copy</source>
        <translation>Kopieren starten</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="53"/>
        <source>Cancel copy</source>
        <translation>Kopieren abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="54"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="56"/>
        <source>Copy table %1</source>
        <translation>Tabelle %1 kopieren</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="58"/>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="270"/>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="67"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="76"/>
        <source>%1: %2 %3</source>
        <comment>connection: region name, region code</comment>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="94"/>
        <source> items</source>
        <translation> Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="101"/>
        <source>The copy is created on demand, with the source&apos;s keys and indexes. Not copied: streams, TTL, tags, capacity and backup settings.</source>
        <translation>Die Kopie wird als On-Demand-Tabelle mit den Schlüsseln und Indizes der Quelle erstellt. Nicht kopiert werden: Streams, TTL, Tags, Kapazitäts- und Sicherungseinstellungen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="131"/>
        <source>Source:</source>
        <translation>Quelle:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="132"/>
        <source>Destination region:</source>
        <translation>Zielregion:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="133"/>
        <source>Destination table:</source>
        <translation>Zieltabelle:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="202"/>
        <source>A table name has 3 to 255 characters: letters, digits, _ . and -.</source>
        <translation>Ein Tabellenname hat 3 bis 255 Zeichen: Buchstaben, Ziffern, _ . und -.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="204"/>
        <source>That is the source table: choose another region or name.</source>
        <translation>Das ist die Quelltabelle: Wählen Sie eine andere Region oder einen anderen Namen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="252"/>
        <source>Cancelling: waiting for the writes in flight…</source>
        <translation>Wird abgebrochen: Die laufenden Schreibvorgänge werden abgewartet…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="274"/>
        <source>Reading the description of %1…</source>
        <translation>Die Beschreibung von %1 wird gelesen…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="277"/>
        <source>Creating %1…</source>
        <translation>%1 wird erstellt…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="280"/>
        <source>Waiting for %1 to become ACTIVE…</source>
        <translation>Warten, bis %1 ACTIVE ist…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="283"/>
        <source>Copying items to %1…</source>
        <translation>Elemente werden nach %1 kopiert…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="309"/>
        <source>%1 of %2 items</source>
        <translation>%1 von %2 Elementen</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="314"/>
        <source>Copying items: %1 so far…</source>
        <translation>Elemente werden kopiert: bisher %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="328"/>
        <source>%Ln item(s) copied</source>
        <translation>
            <numerusform>%Ln Element kopiert</numerusform>
            <numerusform>%Ln Elemente kopiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateBackupDialog</name>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="32"/>
        <source>Create backup in %1</source>
        <translation>Backup in %1 erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="39"/>
        <source>3 to 255 characters: a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>3 bis 255 Zeichen: a–z, A–Z, 0–9, Unterstrich (_), Bindestrich (-) und Punkt (.).</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="43"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="44"/>
        <source>Backup name</source>
        <translation>Backup-Name</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="49"/>
        <source>Create backup</source>
        <translation>Backup erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="98"/>
        <source>This region has no table to back up.</source>
        <translation>In dieser Region gibt es keine Tabelle, die gesichert werden kann.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="113"/>
        <source>Creating…</source>
        <translation>Wird erstellt …</translation>
    </message>
</context>
<context>
    <name>CreateIndexDialog</name>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="25"/>
        <source>Create index on %1</source>
        <translation>Index für %1 erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="28"/>
        <source>Adds a global secondary index to table %1 in %2. The table stays available while the index is backfilled from its items; the index can be queried once it is Active.</source>
        <translation>Fügt der Tabelle %1 in %2 einen globalen sekundären Index hinzu. Die Tabelle bleibt verfügbar, während der Index aus ihren Elementen aufgefüllt wird; abfragen lässt sich der Index, sobald er aktiv ist.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="40"/>
        <source>Index capacity (provisioned)</source>
        <translation>Kapazität des Index (bereitgestellt)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="51"/>
        <source>Read capacity units</source>
        <translation>Lesekapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="52"/>
        <source>Write capacity units</source>
        <translation>Schreibkapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="60"/>
        <source>Create index</source>
        <translation>Index erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="110"/>
        <source>Creating index…</source>
        <translation>Index wird erstellt…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="122"/>
        <source>The index was not created: %1</source>
        <translation>Der Index wurde nicht erstellt: %1</translation>
    </message>
</context>
<context>
    <name>CreateKeyDialog</name>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="34"/>
        <source>Create KMS key in %1</source>
        <translation>KMS-Schlüssel in %1 erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="37"/>
        <source>e.g. orders table key</source>
        <translation>z. B. Schlüssel der Tabelle orders</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="39"/>
        <source>A symmetric encryption key, managed by you, for the tables of this region. Each replica of a global table needs a key of its own region.</source>
        <translation>Ein symmetrischer Verschlüsselungsschlüssel, den Sie verwalten, für die Tabellen dieser Region. Jedes Replikat einer globalen Tabelle braucht einen Schlüssel seiner eigenen Region.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="44"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="46"/>
        <source>Create key</source>
        <translation>Schlüssel erstellen</translation>
    </message>
</context>
<context>
    <name>CreateReplicaDialog</name>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="71"/>
        <source>Create replica of %1</source>
        <translation>Replikat von %1 erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="53"/>
        <source>Eventual consistency (MREC)</source>
        <translation>Eventuelle Konsistenz (MREC)</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="54"/>
        <source>Strong consistency (MRSC)</source>
        <translation>Starke Konsistenz (MRSC)</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="68"/>
        <source>Turn on write auto scaling…</source>
        <translation>Auto Scaling der Schreibkapazität aktivieren…</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="95"/>
        <source>Same as the table</source>
        <translation>Wie die Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="96"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="97"/>
        <source>Standard-IA (infrequent access)</source>
        <translation>Standard-IA (seltener Zugriff)</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="100"/>
        <source>Three replicas</source>
        <translation>Drei Replikate</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="101"/>
        <source>Two replicas and a witness</source>
        <translation>Zwei Replikate und ein Witness</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="110"/>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="237"/>
        <source>Create replica</source>
        <translation>Replikat erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="115"/>
        <source>%1 is in none of the region sets strong consistency is offered in (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3).</source>
        <translation>%1 gehört zu keinem der Regionensets, in denen starke Konsistenz angeboten wird (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3).</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="121"/>
        <source>This table already has replicas: the consistency of a global table is chosen when it is created and cannot be changed.</source>
        <translation>Diese Tabelle hat bereits Replikate: Die Konsistenz einer globalen Tabelle wird bei ihrer Erstellung gewählt und lässt sich nicht mehr ändern.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="129"/>
        <source>Only for a table with a customer managed key</source>
        <translation>Nur für eine Tabelle mit kundenverwaltetem Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="137"/>
        <source>Replica&apos;s KMS key:</source>
        <translation>KMS-Schlüssel des Replikats:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="138"/>
        <source>Members:</source>
        <translation>Mitglieder:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="139"/>
        <source>Second replica:</source>
        <translation>Zweites Replikat:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="143"/>
        <source>&lt;b&gt;Consistency&lt;/b&gt;</source>
        <translation>&lt;b&gt;Konsistenz&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="184"/>
        <source>The table holds items: strong consistency needs an empty table.</source>
        <translation>Die Tabelle enthält Elemente: Starke Konsistenz erfordert eine leere Tabelle.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="206"/>
        <source>Checking that the table is empty…</source>
        <translation>Es wird geprüft, ob die Tabelle leer ist…</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="210"/>
        <source>Every write is made durable in a second region before it is acknowledged: no acknowledged write is lost when a region fails (zero RPO) and strongly consistent reads return the latest write in every region, at the cost of cross-region write latency and of concurrent writes to one item failing as conflicts.</source>
        <translation>Jeder Schreibvorgang wird in einer zweiten Region dauerhaft gespeichert, bevor er bestätigt wird: Fällt eine Region aus, geht kein bestätigter Schreibvorgang verloren (RPO null), und stark konsistente Lesevorgänge liefern in jeder Region den neuesten Stand – um den Preis regionsübergreifender Schreiblatenz und von gleichzeitigen Schreibvorgängen auf dasselbe Element, die als Konflikte scheitern.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="215"/>
        <source>Writes are acknowledged by the region that takes them and replicated within about a second: the lowest write latency, but the last writes of a failed region can be lost and concurrent writes resolve as last writer wins.</source>
        <translation>Schreibvorgänge werden von der Region bestätigt, die sie annimmt, und in etwa einer Sekunde repliziert: die geringste Schreiblatenz, aber die letzten Schreibvorgänge einer ausgefallenen Region können verloren gehen, und bei gleichzeitigen Schreibvorgängen gewinnt der letzte.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="220"/>
        <source>The group is created in one step, three regions of the %1 region set: %2 and two more members. It cannot be changed afterwards; to remove it, delete the other replica and the witness together.</source>
        <translation>Die Gruppe wird in einem Schritt erstellt, drei Regionen des Regionensets %1: %2 und zwei weitere Mitglieder. Sie lässt sich danach nicht mehr ändern; um sie aufzulösen, löschen Sie das andere Replikat und den Witness zusammen.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="225"/>
        <source>The replica is created empty, backfilled from %1 and then kept in sync. It is CREATING until the backfill is done; the table is UPDATING meanwhile.</source>
        <translation>Das Replikat wird leer angelegt, aus %1 befüllt und danach synchron gehalten. Bis die Befüllung fertig ist, hat es den Status CREATING; die Tabelle ist währenddessen UPDATING.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="229"/>
        <source>Witness:</source>
        <translation>Witness:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="229"/>
        <source>Third replica:</source>
        <translation>Drittes Replikat:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="237"/>
        <source>Create strongly consistent group</source>
        <translation>Stark konsistente Gruppe erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="274"/>
        <source>Write auto scaling is on. Create the replica now.</source>
        <translation>Auto Scaling der Schreibkapazität ist aktiviert. Erstellen Sie jetzt das Replikat.</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="125"/>
        <source>Replica region:</source>
        <translation>Region des Replikats:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="126"/>
        <source>Table class:</source>
        <translation>Tabellenklasse:</translation>
    </message>
</context>
<context>
    <name>CreateTableDialog</name>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="30"/>
        <source>String</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="31"/>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="32"/>
        <source>Binary</source>
        <translation>Binär</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="80"/>
        <source>Create table in %1</source>
        <translation>Tabelle in %1 erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="113"/>
        <source>Create table</source>
        <translation>Tabelle erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="121"/>
        <source>Table details</source>
        <translation>Tabellendetails</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="125"/>
        <source>e.g. Music</source>
        <translation>z. B. Music</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="126"/>
        <source>Table name</source>
        <translation>Tabellenname</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="130"/>
        <source>e.g. Artist</source>
        <translation>z. B. Artist</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="134"/>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="140"/>
        <source>optional, e.g. SongTitle</source>
        <translation>optional, z. B. SongTitle</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="147"/>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="157"/>
        <source>Table settings</source>
        <translation>Tabelleneinstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="160"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="162"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="178"/>
        <source>Read units</source>
        <translation>Leseeinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="180"/>
        <source>Write units</source>
        <translation>Schreibeinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="183"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="186"/>
        <source>DynamoDB Standard</source>
        <translation>DynamoDB Standard</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="187"/>
        <source>DynamoDB Standard-IA</source>
        <translation>DynamoDB Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="188"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="191"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="192"/>
        <source>Key attributes only</source>
        <translation>Nur Schlüsselattribute</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="193"/>
        <source>New image</source>
        <translation>Neues Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="194"/>
        <source>Old image</source>
        <translation>Altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="195"/>
        <source>New and old images</source>
        <translation>Neues und altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="196"/>
        <source>DynamoDB stream</source>
        <translation>DynamoDB-Stream</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="200"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Im Besitz von Amazon DynamoDB</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="201"/>
        <source>AWS managed key (aws/dynamodb)</source>
        <translation>Von AWS verwalteter Schlüssel (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../app/screenshot_kms.cpp" line="112"/>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="202"/>
        <source>Customer managed KMS key</source>
        <translation>Kundenverwalteter KMS-Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="209"/>
        <source>Encryption at rest</source>
        <translation>Verschlüsselung im Ruhezustand</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="216"/>
        <source>Turn on deletion protection</source>
        <translation>Löschschutz einschalten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="218"/>
        <source>Deletion protection</source>
        <translation>Löschschutz</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="223"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="227"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="227"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="233"/>
        <source>Add tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="234"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="308"/>
        <source>Creating…</source>
        <translation>Wird erstellt …</translation>
    </message>
</context>
<context>
    <name>CreateTableSpec</name>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="18"/>
        <source>A table name has 3 to 255 characters.</source>
        <translation>Ein Tabellenname hat 3 bis 255 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="22"/>
        <source>A table name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>Ein Tabellenname darf nur a–z, A–Z, 0–9, Unterstrich (_), Bindestrich (-) und Punkt (.) enthalten.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="28"/>
        <source>Enter the attribute name.</source>
        <translation>Geben Sie den Attributnamen ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="30"/>
        <source>An attribute name has at most 255 bytes.</source>
        <translation>Ein Attributname hat höchstens 255 Bytes.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="42"/>
        <source>The sort key must differ from the partition key.</source>
        <translation>Der Sortierschlüssel muss sich vom Partitionsschlüssel unterscheiden.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="49"/>
        <source>Read and write capacity units are between 1 and 40,000.</source>
        <translation>Lese- und Schreibkapazitätseinheiten liegen zwischen 1 und 40.000.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="53"/>
        <source>Enter the KMS key ID, ARN or alias.</source>
        <translation>Geben Sie die KMS-Schlüssel-ID, den ARN oder den Alias ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="59"/>
        <source>A tag key has 1 to 128 characters.</source>
        <translation>Ein Tag-Schlüssel hat 1 bis 128 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="65"/>
        <source>A tag value has at most 256 characters.</source>
        <translation>Ein Tag-Wert hat höchstens 256 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="71"/>
        <source>Tag keys starting with aws: are reserved.</source>
        <translation>Tag-Schlüssel, die mit aws: beginnen, sind reserviert.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="76"/>
        <source>Tag key %1 appears twice.</source>
        <translation>Der Tag-Schlüssel %1 kommt zweimal vor.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="86"/>
        <source>A table has at most 50 tags.</source>
        <translation>Eine Tabelle hat höchstens 50 Tags.</translation>
    </message>
</context>
<context>
    <name>EngineBridge</name>
    <message>
        <location filename="../widgets/common/engine_bridge.cpp" line="66"/>
        <source>%1 on %2</source>
        <comment>a remote region: its name, then its connection&apos;s</comment>
        <translation>%1 über %2</translation>
    </message>
    <message>
        <location filename="../widgets/common/engine_bridge.cpp" line="73"/>
        <source>%1 %2</source>
        <comment>region name, region code</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/common/engine_bridge.cpp" line="74"/>
        <source>%1: %2 %3</source>
        <comment>connection: region name, region code</comment>
        <translation>%1: %2 %3</translation>
    </message>
    <message>
        <location filename="../widgets/common/engine_bridge.cpp" line="221"/>
        <source>There is no connection named %1 any more.</source>
        <translation>Es gibt keine Verbindung namens %1 mehr.</translation>
    </message>
</context>
<context>
    <name>FirstLaunch</name>
    <message>
        <location filename="../app/first_launch.cpp" line="20"/>
        <source>Welcome to Tablespan</source>
        <translation>Willkommen bei Tablespan</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="22"/>
        <source>This data directory is empty.</source>
        <translation>Dieses Datenverzeichnis ist leer.</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="23"/>
        <source>Create a sample table to explore? It makes a table named courses in US West (Oregon) us-west-2 with a few items.</source>
        <translation>Eine Beispieltabelle zum Ausprobieren erstellen? Dabei entsteht eine Tabelle namens courses in US West (Oregon) us-west-2 mit einigen Elementen.</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="27"/>
        <source>Create sample table</source>
        <translation>Beispieltabelle erstellen</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="29"/>
        <source>Start empty</source>
        <translation>Leer beginnen</translation>
    </message>
</context>
<context>
    <name>GlobalTablesTab</name>
    <message>
        <location filename="../widgets/global/global_console.cpp" line="19"/>
        <source>Global tables</source>
        <translation>Globale Tabellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="46"/>
        <source>Create replica…</source>
        <translation>Replikat erstellen…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="47"/>
        <location filename="../widgets/global/global_tables_tab.cpp" line="442"/>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="98"/>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="105"/>
        <source>Delete replica</source>
        <translation>Replikat löschen</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="51"/>
        <source>Outage comparison…</source>
        <translation>Ausfallvergleich…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="70"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="271"/>
        <source>Take a region offline under a write load, once against an eventually and once against a strongly consistent table, and compare</source>
        <translation>Eine Region unter Schreiblast vom Netz nehmen, einmal bei einer eventuell und einmal bei einer stark konsistenten Tabelle, und vergleichen</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="73"/>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="102"/>
        <source>&lt;b&gt;Propagation probe&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ausbreitungstest&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="139"/>
        <source>Probe propagation to %1</source>
        <translation>Ausbreitung nach %1 messen</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="257"/>
        <source>%1 is a remote region. Replication latency, pending changes and the map of links come from the embedded engine&apos;s network simulation (outages, link cuts, latencies), which covers embedded regions only. The propagation probe measures how fast a write reaches another region of the connection.</source>
        <translation>%1 ist eine entfernte Region. Replikationslatenz, ausstehende Änderungen und die Karte der Verbindungen stammen aus der Netzwerksimulation der eingebetteten Engine (Ausfälle, getrennte Verbindungen, Latenzen), die nur eingebettete Regionen umfasst. Der Ausbreitungstest misst, wie schnell ein Schreibvorgang eine andere Region der Verbindung erreicht.</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="273"/>
        <source>(in embedded regions: a remote region cannot be taken offline)</source>
        <translation>(in eingebetteten Regionen: eine entfernte Region lässt sich nicht offline nehmen)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/global/global_tables_tab.cpp" line="337"/>
        <source>Global table (version %1), %n region(s)</source>
        <translation>
            <numerusform>Globale Tabelle (Version %1), %n Region</numerusform>
            <numerusform>Globale Tabelle (Version %1), %n Regionen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="341"/>
        <source>Not replicated: add a replica to make it a global table</source>
        <translation>Nicht repliziert: Fügen Sie ein Replikat hinzu, um daraus eine globale Tabelle zu machen</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="418"/>
        <source>&lt;b&gt;Strong consistency (MRSC)&lt;/b&gt;: writes are acknowledged once a second region has them; no acknowledged write is lost.</source>
        <translation>&lt;b&gt;Starke Konsistenz (MRSC)&lt;/b&gt;: Schreibvorgänge werden bestätigt, sobald eine zweite Region sie hat; kein bestätigter Schreibvorgang geht verloren.</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="420"/>
        <source>&lt;b&gt;Eventual consistency (MREC)&lt;/b&gt;: writes are acknowledged locally and replicated asynchronously; last writer wins.</source>
        <translation>&lt;b&gt;Eventuelle Konsistenz (MREC)&lt;/b&gt;: Schreibvorgänge werden lokal bestätigt und asynchron repliziert; der letzte Schreibvorgang gewinnt.</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="425"/>
        <source>Witness: %1 (%2).</source>
        <translation>Witness: %1 (%2).</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="431"/>
        <source>Write conflicts: %1.</source>
        <translation>Schreibkonflikte: %1.</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="442"/>
        <source>Delete group…</source>
        <translation>Gruppe löschen…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="443"/>
        <source>Delete the other replicas and the witness in one request; the table stays here as a regional table</source>
        <translation>Die anderen Replikate und den Witness in einer Anfrage löschen; die Tabelle bleibt hier als regionale Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="449"/>
        <source>A strongly consistent group cannot take more replicas</source>
        <translation>Eine stark konsistente Gruppe nimmt keine weiteren Replikate auf</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="42"/>
        <source>Creating a replica of %1 in %2…</source>
        <translation>Replikat von %1 in %2 wird erstellt…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="50"/>
        <source>%1 and a witness in %2</source>
        <translation>%1 und einem Witness in %2</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="54"/>
        <source>Creating a strongly consistent group of %1 with %2…</source>
        <translation>Stark konsistente Gruppe von %1 mit %2 wird erstellt…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="79"/>
        <source>the replicas in %1</source>
        <translation>die Replikate in %1</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="80"/>
        <source>the replica in %1 and the witness in %2</source>
        <translation>das Replikat in %1 und den Witness in %2</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="83"/>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="90"/>
        <source>Delete group</source>
        <translation>Gruppe löschen</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="84"/>
        <source>A strongly consistent group is deleted as a whole. Delete %1 of %2? Their items are deleted there; %3 keeps the table as a regional table.</source>
        <translation>Eine stark konsistente Gruppe wird als Ganzes gelöscht. %1 von %2 löschen? Deren Elemente werden dort gelöscht; %3 behält die Tabelle als regionale Tabelle.</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="99"/>
        <source>Delete the replica of %1 in %2? Its items are deleted there; the other regions keep theirs.</source>
        <translation>Replikat von %1 in %2 löschen? Seine Elemente werden dort gelöscht; die anderen Regionen behalten ihre.</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="126"/>
        <source>Deleting the replica of %1 in %2…</source>
        <translation>Replikat von %1 in %2 wird gelöscht…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="148"/>
        <source>Deleting the strongly consistent group of %1…</source>
        <translation>Stark konsistente Gruppe von %1 wird gelöscht…</translation>
    </message>
</context>
<context>
    <name>HelpAboutDialog</name>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="16"/>
        <source>About Tablespan</source>
        <translation>Über Tablespan</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="18"/>
        <source>development build</source>
        <translation>Entwicklungsversion</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="30"/>
        <source>Tablespan %1</source>
        <translation>Tablespan %1</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="31"/>
        <source>A desktop console with an embedded engine that behaves like Amazon DynamoDB, offline, on one machine: tables and items in any AWS region, global tables replicated between regions under simulated outages, backups and point-in-time recovery.</source>
        <translation>Eine Desktop-Konsole mit eingebetteter Engine, die sich wie Amazon DynamoDB verhält – offline, auf einem Rechner: Tabellen und Elemente in jeder AWS-Region, globale Tabellen, die bei simulierten Ausfällen zwischen Regionen repliziert werden, Backups und Point-in-Time-Wiederherstellung.</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="36"/>
        <source>The AWS CLI and SDKs talk to it through its DynamoDB-compatible endpoint; the region of a request is the one it is signed for.</source>
        <translation>Die AWS CLI und die SDKs sprechen über den DynamoDB-kompatiblen Endpunkt mit ihr; die Region einer Anfrage ist die, für die sie signiert ist.</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="39"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="39"/>
        <source>Data directory</source>
        <translation>Datenverzeichnis</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="40"/>
        <source>Endpoint</source>
        <translation>Endpunkt</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="40"/>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="41"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
</context>
<context>
    <name>HelpShortcutsDialog</name>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="26"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="28"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="28"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="28"/>
        <source>Where</source>
        <translation>Wo</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="50"/>
        <source>Enter</source>
        <translation>Eingabetaste</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="50"/>
        <source>Run the query or scan</source>
        <translation>Abfrage oder Scan ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="50"/>
        <source>Items: query builder</source>
        <translation>Elemente: Abfrage-Generator</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="53"/>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="54"/>
        <source>Double-click</source>
        <translation>Doppelklick</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="53"/>
        <source>Explore the table&apos;s items</source>
        <translation>Elemente der Tabelle durchsuchen</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="53"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="54"/>
        <source>Edit the item</source>
        <translation>Element bearbeiten</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="54"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="56"/>
        <source>Close the dialog (asks first when there are edits)</source>
        <translation>Dialog schließen (fragt zuerst, wenn es Änderungen gibt)</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="56"/>
        <source>Dialogs</source>
        <translation>Dialoge</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="52"/>
        <source>Run the statement</source>
        <translation>Anweisung ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="52"/>
        <source>PartiQL editor</source>
        <translation>PartiQL-Editor</translation>
    </message>
</context>
<context>
    <name>IndexEditor</name>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="20"/>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="64"/>
        <source>String</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="21"/>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="65"/>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="22"/>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="66"/>
        <source>Binary</source>
        <translation>Binär</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="28"/>
        <source>Secondary indexes</source>
        <translation>Sekundäre Indizes</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="28"/>
        <source>Index details</source>
        <translation>Indexdetails</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="40"/>
        <source>Add global index</source>
        <translation>Globalen Index hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="42"/>
        <source>Add local index</source>
        <translation>Lokalen Index hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="60"/>
        <source>Global (GSI)</source>
        <translation>Global (GSI)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="61"/>
        <source>Local (LSI)</source>
        <translation>Lokal (LSI)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="64"/>
        <source>index name, e.g. status-index</source>
        <translation>Indexname, z. B. status-index</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="66"/>
        <source>All attributes</source>
        <translation>Alle Attribute</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="67"/>
        <source>Keys only</source>
        <translation>Nur Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="68"/>
        <source>Include</source>
        <translation>Einschließen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="70"/>
        <source>non-key attributes, e.g. total, city</source>
        <translation>Nicht-Schlüsselattribute, z. B. total, city</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="74"/>
        <source>Remove this index</source>
        <translation>Diesen Index entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="76"/>
        <source>partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="78"/>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="80"/>
        <source>sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="87"/>
        <source>Projection</source>
        <translation>Projektion</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="91"/>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="133"/>
        <source>Index name</source>
        <translation>Indexname</translation>
    </message>
</context>
<context>
    <name>IndexPanel</name>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="28"/>
        <source>Create index</source>
        <translation>Index erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="29"/>
        <source>Delete index</source>
        <translation>Index löschen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="138"/>
        <source>The index is being filled from the table&apos;s items: %1 of %2.</source>
        <translation>Der Index wird aus den Elementen der Tabelle aufgefüllt: %1 von %2.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="149"/>
        <source>Select a table to see its indexes.</source>
        <translation>Wählen Sie eine Tabelle, um ihre Indizes zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="150"/>
        <source>This table has no secondary indexes. Create a global secondary index to query it by other attributes.</source>
        <translation>Diese Tabelle hat keine sekundären Indizes. Erstellen Sie einen globalen sekundären Index, um sie nach anderen Attributen abzufragen.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="164"/>
        <source>A local secondary index is deleted only with its table.</source>
        <translation>Ein lokaler sekundärer Index wird nur mit seiner Tabelle gelöscht.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="175"/>
        <source>Delete index %1…</source>
        <translation>Index %1 löschen…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="180"/>
        <source>Create index…</source>
        <translation>Index erstellen…</translation>
    </message>
</context>
<context>
    <name>IndexRequest</name>
    <message>
        <location filename="../widgets/tables/index_request.cpp" line="100"/>
        <source>Another index of this table is being created or deleted, and a table changes one index at a time. Try again once it is Active or gone.</source>
        <translation>Ein anderer Index dieser Tabelle wird gerade erstellt oder gelöscht, und eine Tabelle ändert nur einen Index auf einmal. Versuchen Sie es erneut, sobald er aktiv oder entfernt ist.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_request.cpp" line="105"/>
        <source>A key attribute of this index already has another type in the table or one of its indexes. Use that type, or another attribute.</source>
        <translation>Ein Schlüsselattribut dieses Index hat in der Tabelle oder einem ihrer Indizes bereits einen anderen Typ. Verwenden Sie diesen Typ oder ein anderes Attribut.</translation>
    </message>
</context>
<context>
    <name>IndexSpec</name>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="13"/>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="14"/>
        <source>Binary</source>
        <translation>Binär</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="15"/>
        <source>String</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="101"/>
        <source>Index %1</source>
        <translation>Index %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="105"/>
        <source>%1: an index name has 3 to 255 characters.</source>
        <translation>%1: Ein Indexname hat 3 bis 255 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="109"/>
        <source>%1: an index name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>%1: Ein Indexname darf nur a–z, A–Z, 0–9, Unterstrich (_), Bindestrich (-) und Punkt (.) enthalten.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="115"/>
        <source>Two indexes are named %1: index names must be unique.</source>
        <translation>Zwei Indizes heißen %1: Indexnamen müssen eindeutig sein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="120"/>
        <source>%1: a local secondary index needs a table with a sort key.</source>
        <translation>%1: Ein lokaler sekundärer Index braucht eine Tabelle mit Sortierschlüssel.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="124"/>
        <source>%1: enter the partition key.</source>
        <translation>%1: Geben Sie den Partitionsschlüssel ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="127"/>
        <source>%1: enter the sort key.</source>
        <translation>%1: Geben Sie den Sortierschlüssel ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="64"/>
        <source>%1: the sort key must differ from the partition key.</source>
        <translation>%1: Der Sortierschlüssel muss sich vom Partitionsschlüssel unterscheiden.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="132"/>
        <source>%1: an attribute name has at most 255 bytes.</source>
        <translation>%1: Ein Attributname hat höchstens 255 Bytes.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="137"/>
        <source>%1: INCLUDE needs at least one non-key attribute.</source>
        <translation>%1: INCLUDE braucht mindestens ein Nicht-Schlüsselattribut.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="144"/>
        <source>A table has at most 20 global secondary indexes.</source>
        <translation>Eine Tabelle hat höchstens 20 globale sekundäre Indizes.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="147"/>
        <source>A table has at most 5 local secondary indexes.</source>
        <translation>Eine Tabelle hat höchstens 5 lokale sekundäre Indizes.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="150"/>
        <source>The indexes project at most 100 non-key attributes in all.</source>
        <translation>Die Indizes projizieren insgesamt höchstens 100 Nicht-Schlüsselattribute.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="166"/>
        <source>Attribute %1 is given two types: %2 and %3.</source>
        <translation>Das Attribut %1 hat zwei Typen: %2 und %3.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="36"/>
        <source>%1: a partition key has at most %2 attributes.</source>
        <translation>%1: Ein Partitionsschlüssel hat höchstens %2 Attribute.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="41"/>
        <source>%1: a sort key has at most %2 attributes.</source>
        <translation>%1: Ein Sortierschlüssel hat höchstens %2 Attribute.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="46"/>
        <source>%1: enter the name of partition key attribute %2.</source>
        <translation>%1: Geben Sie den Namen von Partitionsschlüsselattribut %2 ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="52"/>
        <source>%1: enter the name of sort key attribute %2.</source>
        <translation>%1: Geben Sie den Namen von Sortierschlüsselattribut %2 ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="68"/>
        <source>%1: attribute %2 is in the key twice: use it once.</source>
        <translation>%1: Das Attribut %2 steht zweimal im Schlüssel: Verwenden Sie es nur einmal.</translation>
    </message>
</context>
<context>
    <name>ItemEditorDialog</name>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="31"/>
        <source>DynamoDB JSON</source>
        <translation>DynamoDB-JSON</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="36"/>
        <source>Create item in %1</source>
        <translation>Element in %1 erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="37"/>
        <source>Edit item in %1</source>
        <translation>Element in %1 bearbeiten</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="54"/>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="55"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="62"/>
        <source>Create item</source>
        <translation>Element erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="62"/>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="93"/>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="94"/>
        <source>Discard the changes to this item?</source>
        <translation>Die Änderungen an diesem Element verwerfen?</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="97"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="98"/>
        <source>Keep editing</source>
        <translation>Weiter bearbeiten</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="168"/>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="174"/>
        <source>An item with this key already exists.</source>
        <translation>Ein Element mit diesem Schlüssel existiert bereits.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="187"/>
        <source>Add to transaction</source>
        <translation>Zur Transaktion hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="190"/>
        <source>Keeps this change in the Items tab&apos;s pending transaction, to be written with the others by &quot;Save as transaction&quot;.</source>
        <translation>Behält diese Änderung in der ausstehenden Transaktion des Tabs „Elemente“, um sie mit den anderen über „Als Transaktion speichern“ zu schreiben.</translation>
    </message>
</context>
<context>
    <name>ItemFiles</name>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="50"/>
        <source>A batch request file is an object with one table name and a list of requests: {&quot;Table&quot;: [{&quot;PutRequest&quot;: …}]}.</source>
        <translation>Eine Batch-Anforderungsdatei ist ein Objekt mit einem Tabellennamen und einer Liste von Anforderungen: {&quot;Table&quot;: [{&quot;PutRequest&quot;: …}]}.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="69"/>
        <source>Request %1 is not a PutRequest with an Item.</source>
        <translation>Anforderung %1 ist kein PutRequest mit einem Item.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="74"/>
        <source>Request %1: %2</source>
        <translation>Anforderung %1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="96"/>
        <source>Each line holds one {&quot;Item&quot;: {…}} object.</source>
        <translation>Jede Zeile enthält ein {&quot;Item&quot;: {…}}-Objekt.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="157"/>
        <source>a quote inside an unquoted field; quote the whole field and double the quote</source>
        <translation>ein Anführungszeichen in einem Feld ohne Anführungszeichen; setzen Sie das ganze Feld in Anführungszeichen und verdoppeln Sie das Zeichen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="176"/>
        <source>text after a closing quote</source>
        <translation>Text nach einem schließenden Anführungszeichen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="183"/>
        <source>this quote is never closed</source>
        <translation>dieses Anführungszeichen wird nie geschlossen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="207"/>
        <source>The file is empty; a CSV file starts with a header row.</source>
        <translation>Die Datei ist leer; eine CSV-Datei beginnt mit einer Kopfzeile.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="219"/>
        <source>column %1 has no name</source>
        <translation>Spalte %1 hat keinen Namen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="227"/>
        <source>this row has %1 fields; the header has %2</source>
        <translation>diese Zeile hat %1 Felder; die Kopfzeile hat %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="248"/>
        <source>a BOOL is true or false</source>
        <translation>ein BOOL ist true oder false</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="259"/>
        <source>the %1 value is not valid DynamoDB JSON</source>
        <translation>der %1-Wert ist kein gültiges DynamoDB-JSON</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="285"/>
        <source>the item has no key attribute %1</source>
        <translation>dem Element fehlt das Schlüsselattribut %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="288"/>
        <source>key attribute %1 must be of type %2, not %3</source>
        <translation>Schlüsselattribut %1 muss vom Typ %2 sein, nicht %3</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="292"/>
        <source>key attribute %1 is empty</source>
        <translation>Schlüsselattribut %1 ist leer</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="296"/>
        <source>another item in the file has the same key</source>
        <translation>ein anderes Element der Datei hat denselben Schlüssel</translation>
    </message>
</context>
<context>
    <name>ItemForm</name>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="51"/>
        <source>Attribute name</source>
        <translation>Attributname</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="51"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="51"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="59"/>
        <source>Add attribute</source>
        <translation>Attribut hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="60"/>
        <source>Add element</source>
        <translation>Eintrag hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="61"/>
        <source>Adds an element to the selected map or list</source>
        <translation>Fügt der ausgewählten Map oder Liste einen Eintrag hinzu</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="62"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="90"/>
        <source>Key attributes of an existing item cannot change</source>
        <translation>Schlüsselattribute eines vorhandenen Elements können sich nicht ändern</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="149"/>
        <source>%1: every map entry needs a name.</source>
        <translation>%1: Jeder Map-Eintrag braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="172"/>
        <source>%1: write a set as a JSON array, e.g. [&quot;a&quot;, &quot;b&quot;].</source>
        <translation>%1: Schreiben Sie eine Menge als JSON-Array, z. B. [&quot;a&quot;, &quot;b&quot;].</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="179"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="189"/>
        <source>Attribute %1 needs a name.</source>
        <translation>Attribut %1 braucht einen Namen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="193"/>
        <source>Attribute %1 appears twice.</source>
        <translation>Attribut %1 kommt zweimal vor.</translation>
    </message>
</context>
<context>
    <name>ItemJson</name>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="196"/>
        <source>Line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="246"/>
        <source>the JSON nests deeper than %1 levels</source>
        <translation>das JSON ist tiefer als %1 Ebenen verschachtelt</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="263"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="265"/>
        <source>unexpected end of the text</source>
        <translation>unerwartetes Ende des Textes</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="266"/>
        <source>this is not valid JSON near &apos;%1&apos;</source>
        <translation>kein gültiges JSON bei „%1“</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="275"/>
        <location filename="../widgets/items/item_json.cpp" line="324"/>
        <source>An item is a JSON object of attributes.</source>
        <translation>Ein Element ist ein JSON-Objekt aus Attributen.</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="272"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="291"/>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="293"/>
        <source>When each item expires under Time to Live, from its “%1” attribute</source>
        <translation>Wann jedes Element per Time to Live abläuft, aus seinem Attribut „%1“</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="301"/>
        <source>%1 (index partition key)</source>
        <translation>%1 (Index-Partitionsschlüssel)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="302"/>
        <source>%1 (index sort key)</source>
        <translation>%1 (Index-Sortierschlüssel)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="304"/>
        <source>%1 (partition key)</source>
        <translation>%1 (Partitionsschlüssel)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="305"/>
        <source>%1 (sort key)</source>
        <translation>%1 (Sortierschlüssel)</translation>
    </message>
</context>
<context>
    <name>ItemsTab</name>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="57"/>
        <source>Compare regions</source>
        <translation>Regionen vergleichen</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="64"/>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="71"/>
        <source>Create item</source>
        <translation>Element erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="72"/>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="73"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="74"/>
        <location filename="../widgets/items/items_tab_edits.cpp" line="114"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="75"/>
        <source>Import…</source>
        <translation>Import …</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="76"/>
        <source>Export…</source>
        <translation>Export …</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="92"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="126"/>
        <source>Transaction saved: %n change(s) written.</source>
        <translation>
            <numerusform>Transaktion gespeichert: %n Änderung geschrieben.</numerusform>
            <numerusform>Transaktion gespeichert: %n Änderungen geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="146"/>
        <source>Export the whole table…</source>
        <translation>Ganze Tabelle exportieren …</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="148"/>
        <source>Export these results…</source>
        <translation>Diese Ergebnisse exportieren …</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="205"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="241"/>
        <source>Copy as DynamoDB JSON</source>
        <translation>Als DynamoDB-JSON kopieren</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="247"/>
        <source>Copy as JSON</source>
        <translation>Als JSON kopieren</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="269"/>
        <source>%n item(s) copied.</source>
        <translation>
            <numerusform>%n Element kopiert.</numerusform>
            <numerusform>%n Elemente kopiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="389"/>
        <source>Table: %1</source>
        <translation>Tabelle: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="392"/>
        <source>GSI: %1</source>
        <translation>GSI: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="393"/>
        <source>LSI: %1</source>
        <translation>LSI: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="401"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="452"/>
        <source>Only a global table can be compared: this table has no replica in another region.</source>
        <translation>Nur eine globale Tabelle kann verglichen werden: Diese Tabelle hat kein Replikat in einer anderen Region.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="450"/>
        <source>Show this table in two regions side by side.</source>
        <translation>Diese Tabelle in zwei Regionen nebeneinander anzeigen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="454"/>
        <source>This table&apos;s replicas are in regions connection %1 does not serve (%2): the console cannot read them to compare.</source>
        <translation>Die Replikate dieser Tabelle liegen in Regionen, die die Verbindung %1 nicht bedient (%2): Die Konsole kann sie zum Vergleichen nicht lesen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="498"/>
        <source>Items returned: %1 · Items scanned: %2 · Consumed RCUs: %3</source>
        <translation>Zurückgegebene Elemente: %1 · Gelesene Elemente: %2 · Verbrauchte RCUs: %3</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="504"/>
        <source>Choose a table.</source>
        <translation>Wählen Sie eine Tabelle.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="505"/>
        <source>This region has no tables.</source>
        <translation>Diese Region hat keine Tabellen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="508"/>
        <source>%n item(s) loaded</source>
        <translation>
            <numerusform>%n Element geladen</numerusform>
            <numerusform>%n Elemente geladen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="510"/>
        <source> · loading…</source>
        <translation> · wird geladen …</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="512"/>
        <source> · more as you scroll</source>
        <translation> · mehr beim Scrollen</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="57"/>
        <source>Item saved.</source>
        <translation>Element gespeichert.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="98"/>
        <source>This item no longer exists in the table.</source>
        <translation>Dieses Element gibt es in der Tabelle nicht mehr.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="110"/>
        <source>Delete items</source>
        <translation>Elemente löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_edits.cpp" line="111"/>
        <source>Delete %n item(s) from %1?</source>
        <translation>
            <numerusform>%n Element aus %1 löschen?</numerusform>
            <numerusform>%n Elemente aus %1 löschen?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="115"/>
        <source>Add to transaction</source>
        <translation>Zur Transaktion hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="128"/>
        <source>Deleting</source>
        <translation>Wird gelöscht</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="133"/>
        <source>The pending transaction is being saved: add this change when it is done.</source>
        <translation>Die ausstehende Transaktion wird gerade gespeichert: Fügen Sie diese Änderung hinzu, wenn das erledigt ist.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="137"/>
        <source>The item has no %1: every item needs its key attributes.</source>
        <translation>Dem Element fehlt %1: Jedes Element braucht seine Schlüsselattribute.</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_edits.cpp" line="140"/>
        <source>Added to the pending transaction (%n change(s)).</source>
        <translation>
            <numerusform>Zur ausstehenden Transaktion hinzugefügt (%n Änderung).</numerusform>
            <numerusform>Zur ausstehenden Transaktion hinzugefügt (%n Änderungen).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_edits.cpp" line="149"/>
        <source>A transaction holds at most %1 changes: %2 are pending, %n more cannot be added. Save or remove some of the pending ones first.</source>
        <translation>
            <numerusform>Eine Transaktion fasst höchstens %1 Änderungen: %2 stehen aus, %n weitere kann nicht hinzugefügt werden. Speichern oder entfernen Sie zuerst einige der ausstehenden.</numerusform>
            <numerusform>Eine Transaktion fasst höchstens %1 Änderungen: %2 stehen aus, %n weitere können nicht hinzugefügt werden. Speichern oder entfernen Sie zuerst einige der ausstehenden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="539"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="552"/>
        <source>Cancelled after %n item(s).</source>
        <translation>
            <numerusform>Nach %n Element abgebrochen.</numerusform>
            <numerusform>Nach %n Elementen abgebrochen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="553"/>
        <source>%n item(s) deleted.</source>
        <translation>
            <numerusform>%n Element gelöscht.</numerusform>
            <numerusform>%n Elemente gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="554"/>
        <source>%n item(s) imported.</source>
        <translation>
            <numerusform>%n Element importiert.</numerusform>
            <numerusform>%n Elemente importiert.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="19"/>
        <source>Import items</source>
        <translation>Elemente importieren</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="20"/>
        <source>Item files (*.json *.jsonl *.csv);;Batch write requests (*.json);;DynamoDB JSON lines (*.jsonl *.json);;CSV (*.csv)</source>
        <translation>Elementdateien (*.json *.jsonl *.csv);;Batch-Schreibanforderungen (*.json);;DynamoDB-JSON-Zeilen (*.jsonl *.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="27"/>
        <source>Export items</source>
        <translation>Elemente exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="28"/>
        <location filename="../widgets/items/items_tab_files.cpp" line="55"/>
        <source>Batch write request (*.json);;DynamoDB JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>Batch-Schreibanforderung (*.json);;DynamoDB-JSON-Zeilen (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="36"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="45"/>
        <source>%1 was not imported. %2</source>
        <translation>%1 wurde nicht importiert. %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="49"/>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="54"/>
        <source>Export results</source>
        <translation>Ergebnisse exportieren</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="71"/>
        <source>Exporting %1</source>
        <translation>%1 wird exportiert</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="82"/>
        <source>Export cancelled.</source>
        <translation>Export abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="101"/>
        <source>Exporting %1: %2 items</source>
        <translation>%1 wird exportiert: %2 Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="111"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_files.cpp" line="115"/>
        <source>%n item(s) exported to %1.</source>
        <translation>
            <numerusform>%n Element nach %1 exportiert.</numerusform>
            <numerusform>%n Elemente nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyAttributeList</name>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="23"/>
        <source>Add partition key attribute</source>
        <translation>Partitionsschlüsselattribut hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="23"/>
        <source>Add sort key attribute</source>
        <translation>Sortierschlüsselattribut hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="61"/>
        <source>partition key attribute</source>
        <translation>Partitionsschlüsselattribut</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="62"/>
        <source>sort key attribute</source>
        <translation>Sortierschlüsselattribut</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="70"/>
        <source>Remove this key attribute</source>
        <translation>Dieses Schlüsselattribut entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="124"/>
        <source>A partition key has at most %1 attributes.</source>
        <translation>Ein Partitionsschlüssel hat höchstens %1 Attribute.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="125"/>
        <source>A sort key has at most %1 attributes.</source>
        <translation>Ein Sortierschlüssel hat höchstens %1 Attribute.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="128"/>
        <source>Partitions by several attributes together, each with its own type; a query gives a value for each.</source>
        <translation>Partitioniert nach mehreren Attributen zusammen, jedes mit eigenem Typ; eine Abfrage gibt für jedes einen Wert an.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="130"/>
        <source>Sorts by several attributes, left to right; a query gives them in order, a range condition on the last one.</source>
        <translation>Sortiert nach mehreren Attributen von links nach rechts; eine Abfrage gibt sie der Reihe nach an, eine Bereichsbedingung nur beim letzten.</translation>
    </message>
</context>
<context>
    <name>KeychainStore</name>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="77"/>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="144"/>
        <source>The system keychain holds no keys for %1, or it is locked. Unlock it and choose Connections → %1 → Connect again, or type the keys again with Edit….</source>
        <translation>Der Schlüsselbund des Systems enthält keine Schlüssel für %1 oder ist gesperrt. Entsperren Sie ihn und wählen Sie Verbindungen → %1 → Erneut verbinden, oder geben Sie die Schlüssel unter Bearbeiten… erneut ein.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="149"/>
        <source>The system keychain is locked or refused to give the keys of %1. Unlock it and choose Connections → %1 → Connect again.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt oder hat die Schlüssel von %1 verweigert. Entsperren Sie ihn und wählen Sie Verbindungen → %1 → Erneut verbinden.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="157"/>
        <source>The keys of %1 cannot be read: there is no system keychain to read them from. Sign with an AWS CLI profile instead (Connections → %1 → Edit…).</source>
        <translation>Die Schlüssel von %1 können nicht gelesen werden: Es gibt keinen Schlüsselbund des Systems. Signieren Sie stattdessen mit einem Profil der AWS CLI (Verbindungen → %1 → Bearbeiten…).</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="166"/>
        <source>The system keychain is locked or refused to keep the keys. Unlock it and try again, or choose an AWS CLI profile instead.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt oder hat das Aufbewahren der Schlüssel verweigert. Entsperren Sie ihn und versuchen Sie es erneut, oder wählen Sie stattdessen ein Profil der AWS CLI.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="170"/>
        <source>There is no system keychain to keep the keys in. Choose an AWS CLI profile instead.</source>
        <translation>Es gibt keinen Schlüsselbund des Systems, in dem die Schlüssel aufbewahrt werden könnten. Wählen Sie stattdessen ein Profil der AWS CLI.</translation>
    </message>
</context>
<context>
    <name>KmsKeyPicker</name>
    <message>
        <location filename="../widgets/kms/kms_key_picker.cpp" line="17"/>
        <source>KMS key ID, ARN or alias</source>
        <translation>KMS-Schlüssel-ID, ARN oder Alias</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_picker.cpp" line="19"/>
        <source>A customer managed key of the region (see the KMS keys tab), or a key ID, key ARN or alias typed by hand</source>
        <translation>Ein kundenverwalteter Schlüssel der Region (siehe Registerkarte KMS-Schlüssel) oder eine von Hand eingegebene Schlüssel-ID, Schlüssel-ARN oder ein Alias</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_picker.cpp" line="73"/>
        <source>%1 (%2…)</source>
        <translation>%1 (%2…)</translation>
    </message>
</context>
<context>
    <name>KmsKeysModel</name>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="73"/>
        <source>A key you manage: you can disable it, enable it and schedule its deletion</source>
        <translation>Ein Schlüssel, den Sie verwalten: Sie können ihn deaktivieren, aktivieren und zum Löschen vormerken</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="75"/>
        <source>The AWS managed key of DynamoDB (alias/aws/dynamodb): only DynamoDB uses it, and no one can disable it</source>
        <translation>Der von AWS verwaltete Schlüssel von DynamoDB (alias/aws/dynamodb): Nur DynamoDB verwendet ihn, und niemand kann ihn deaktivieren</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="82"/>
        <source>(no description)</source>
        <translation>(keine Beschreibung)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="89"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="89"/>
        <source>AWS (aws/dynamodb)</source>
        <translation>AWS (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="104"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="106"/>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="108"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="110"/>
        <source>Managed by</source>
        <translation>Verwaltet von</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="112"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="114"/>
        <source>Deletion date</source>
        <translation>Löschdatum</translation>
    </message>
</context>
<context>
    <name>KmsKeysTab</name>
    <message>
        <location filename="../widgets/kms/kms_console.cpp" line="17"/>
        <source>KMS keys</source>
        <translation>KMS-Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="51"/>
        <source>Disable</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="52"/>
        <source>Enable</source>
        <translation>Aktivieren</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="53"/>
        <source>Schedule deletion…</source>
        <translation>Löschen vormerken…</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="54"/>
        <source>Cancel deletion</source>
        <translation>Löschen abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="57"/>
        <source>Create key…</source>
        <translation>Schlüssel erstellen…</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="63"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="74"/>
        <source>Tables encrypted with a key that is disabled or pending deletion stop serving requests after about 5 minutes and show Key inaccessible after about 45 minutes (a replica of a global table: 80 minutes, after which replication to and from it stops). Enabled again in time, they recover after about 40 minutes. A replica still inaccessible after 20 hours leaves its global table; a table after 7 days is archived.</source>
        <translation>Tabellen, deren Schlüssel deaktiviert oder zum Löschen vorgemerkt ist, beantworten nach etwa 5 Minuten keine Anfragen mehr und zeigen nach etwa 45 Minuten „Schlüssel unzugänglich“ (ein Replikat einer globalen Tabelle nach 80 Minuten; dann endet die Replikation von und zu ihm). Rechtzeitig wieder aktiviert, erholen sie sich nach etwa 40 Minuten. Ein Replikat, das nach 20 Stunden noch unzugänglich ist, verlässt seine globale Tabelle; eine Tabelle wird nach 7 Tagen archiviert.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="215"/>
        <source>Only DynamoDB uses the AWS managed key: it cannot be changed.</source>
        <translation>Nur DynamoDB verwendet den von AWS verwalteten Schlüssel: Er kann nicht geändert werden.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="229"/>
        <source>Key ID</source>
        <translation>Schlüssel-ID</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="230"/>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="231"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="232"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="234"/>
        <source>Managed by</source>
        <translation>Verwaltet von</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="235"/>
        <source>AWS (alias/aws/dynamodb)</source>
        <translation>AWS (alias/aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="235"/>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="236"/>
        <source>Key spec</source>
        <translation>Schlüsselspezifikation</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="236"/>
        <source>Symmetric encryption (%1)</source>
        <translation>Symmetrische Verschlüsselung (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="237"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="238"/>
        <source>Deleted on</source>
        <translation>Gelöscht am</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="242"/>
        <source>Tables encrypted with this key cannot be read or written. Enable it again to let them recover.</source>
        <translation>Mit diesem Schlüssel verschlüsselte Tabellen können weder gelesen noch geschrieben werden. Aktivieren Sie ihn wieder, damit sie sich erholen.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="248"/>
        <source>Tables encrypted with this key cannot be read or written. Cancel the deletion, then enable the key, to let them recover.</source>
        <translation>Mit diesem Schlüssel verschlüsselte Tabellen können weder gelesen noch geschrieben werden. Brechen Sie das Löschen ab und aktivieren Sie dann den Schlüssel, damit sie sich erholen.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="260"/>
        <source>Created KMS key %1.</source>
        <translation>KMS-Schlüssel %1 erstellt.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="274"/>
        <source>KMS key %1 is pending deletion.</source>
        <translation>KMS-Schlüssel %1 ist zum Löschen vorgemerkt.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="281"/>
        <source>Disabled KMS key %1.</source>
        <translation>KMS-Schlüssel %1 deaktiviert.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="285"/>
        <source>Enabled KMS key %1.</source>
        <translation>KMS-Schlüssel %1 aktiviert.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="290"/>
        <source>Cancelled the deletion of KMS key %1; it is disabled until you enable it.</source>
        <translation>Löschen von KMS-Schlüssel %1 abgebrochen; er bleibt deaktiviert, bis Sie ihn aktivieren.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="300"/>
        <source>KMS refused: %1</source>
        <translation>KMS hat abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>LinkMatrixModel</name>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="144"/>
        <source>cut</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="145"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="146"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="147"/>
        <source>~%1 ms</source>
        <translation>~%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="149"/>
        <source>%1 ↔ %2: model %3 ms%4%5</source>
        <translation>%1 ↔ %2: Modell %3 ms%4%5</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="152"/>
        <source>, override %1 ms</source>
        <translation>, festgelegt %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="153"/>
        <source>, cut</source>
        <translation>, getrennt</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="36"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="46"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="49"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="137"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="141"/>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="151"/>
        <source>New table</source>
        <translation>Neue Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="152"/>
        <source>New item</source>
        <translation>Neues Element</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="154"/>
        <source>Find items</source>
        <translation>Elemente suchen</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="155"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="156"/>
        <source>Import items…</source>
        <translation>Elemente importieren …</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="157"/>
        <source>Export items…</source>
        <translation>Elemente exportieren …</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="158"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="183"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="188"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="190"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="198"/>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="203"/>
        <location filename="../widgets/window/main_window.cpp" line="218"/>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="204"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="204"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="215"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="263"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="264"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="272"/>
        <source>About Tablespan</source>
        <translation>Über Tablespan</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="153"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="59"/>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_console.cpp" line="44"/>
        <location filename="../widgets/window/main_window.cpp" line="60"/>
        <source>Time ×%1</source>
        <translation>Zeit ×%1</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="51"/>
        <source>Streams</source>
        <translation>Streams</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="50"/>
        <source>PartiQL editor</source>
        <translation>PartiQL-Editor</translation>
    </message>
</context>
<context>
    <name>MonitoringTab</name>
    <message>
        <location filename="../widgets/global/global_console.cpp" line="20"/>
        <source>Monitoring</source>
        <translation>Überwachung</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="85"/>
        <source>All regions</source>
        <translation>Alle Regionen</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="107"/>
        <source>Requests per second by operation</source>
        <translation>Anfragen pro Sekunde nach Operation</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="108"/>
        <source>Request latency by operation (average, ms)</source>
        <translation>Anfragelatenz nach Operation (Durchschnitt, ms)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="112"/>
        <source>errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="166"/>
        <source>Requests the console sent to %1, per second of wall time (the endpoint&apos;s own metrics are not read).</source>
        <translation>Von der Konsole an %1 gesendete Anfragen, pro Sekunde Echtzeit (die eigenen Metriken des Endpunkts werden nicht gelesen).</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="169"/>
        <source>Requests answered by the engine, per second of engine time.</source>
        <translation>Von der Engine beantwortete Anfragen, pro Sekunde Engine-Zeit.</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="171"/>
        <source>Replication latency and pending changes are measured by the embedded engine and exist for embedded regions only.</source>
        <translation>Replikationslatenz und ausstehende Änderungen misst die eingebettete Engine; es gibt sie nur für eingebettete Regionen.</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="177"/>
        <source>seconds (wall time)</source>
        <translation>Sekunden (Echtzeit)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="136"/>
        <source>Requests and replication</source>
        <translation>Anfragen und Replikation</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="137"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
</context>
<context>
    <name>OutageDrill</name>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="60"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="123"/>
        <source>The tables were not ACTIVE in every region after 15 minutes.</source>
        <translation>Die Tabellen waren nach 15 Minuten nicht in jeder Region ACTIVE.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="349"/>
        <source>Creating %1 and %2 in %3…</source>
        <translation>%1 und %2 werden in %3 erstellt…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="352"/>
        <source>Adding the replicas in %1…</source>
        <translation>Replikate in %1 werden hinzugefügt…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="355"/>
        <source>Writing in every region; %1 fails in %2 s (engine time).</source>
        <translation>Schreibvorgänge in jeder Region; %1 fällt in %2 s aus (Engine-Zeit).</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="358"/>
        <source>%1 is down; writing on. The outage ends in %2 s.</source>
        <translation>%1 ist ausgefallen; es wird weiter geschrieben. Der Ausfall endet in %2 s.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="361"/>
        <source>Reading the other regions before %1 comes back…</source>
        <translation>Die anderen Regionen werden gelesen, bevor %1 zurückkommt…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="363"/>
        <source>%1 is back; writing for %2 s more.</source>
        <translation>%1 ist zurück; es wird noch %2 s geschrieben.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="366"/>
        <source>Waiting for the last answers…</source>
        <translation>Warten auf die letzten Antworten…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="368"/>
        <source>Done. The tables %1 and %2 are left for you to look at.</source>
        <translation>Fertig. Die Tabellen %1 und %2 bleiben zum Ansehen erhalten.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="371"/>
        <source>Stopped: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
</context>
<context>
    <name>OutageDrillChart</name>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="24"/>
        <source>seconds since the load started (engine time)</source>
        <translation>Sekunden seit Beginn der Last (Engine-Zeit)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="29"/>
        <source>Eventual (MREC)</source>
        <translation>Eventuell (MREC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="30"/>
        <source>Strong (MRSC)</source>
        <translation>Stark (MRSC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="36"/>
        <source>Write latency, median per second (ms)</source>
        <translation>Schreiblatenz, Median pro Sekunde (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="38"/>
        <source>Writes refused per second (region unavailable or conflict)</source>
        <translation>Abgelehnte Schreibvorgänge pro Sekunde (Region nicht verfügbar oder Konflikt)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="65"/>
        <source>Outage</source>
        <translation>Ausfall</translation>
    </message>
</context>
<context>
    <name>OutageDrillDialog</name>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="42"/>
        <source>Run comparison</source>
        <translation>Vergleich starten</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="43"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="45"/>
        <source>Delete the tables</source>
        <translation>Tabellen löschen</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="50"/>
        <source>Outage comparison: eventual vs strong consistency</source>
        <translation>Ausfallvergleich: eventuelle gegen starke Konsistenz</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="52"/>
        <source>Creates two empty tables replicated to the same three regions, one eventually (MREC) and one strongly (MRSC) consistent, writes to both from every region, and takes one region down for a while. It then compares what each table lost, refused and how long its writes took.</source>
        <translation>Erstellt zwei leere Tabellen, in dieselben drei Regionen repliziert, eine eventuell (MREC) und eine stark (MRSC) konsistent, schreibt aus jeder Region in beide und legt eine Region eine Zeit lang lahm. Danach vergleicht er, was jede Tabelle verloren und abgelehnt hat und wie lange ihre Schreibvorgänge dauerten.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="60"/>
        <source>US (N. Virginia, Ohio, Oregon)</source>
        <translation>US (Nord-Virginia, Ohio, Oregon)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="61"/>
        <source>EU (Ireland, London, Paris, Frankfurt)</source>
        <translation>EU (Irland, London, Paris, Frankfurt)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="62"/>
        <source>AP (Tokyo, Seoul, Osaka)</source>
        <translation>AP (Tokio, Seoul, Osaka)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="67"/>
        <source>Cut off from the other two regions</source>
        <translation>Von den beiden anderen Regionen abgeschnitten</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="68"/>
        <source>Offline (answers no requests)</source>
        <translation>Offline (beantwortet keine Anfragen)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="72"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="76"/>
        <source> per second</source>
        <translation> pro Sekunde</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="77"/>
        <source>Writes per second in each region, to each table</source>
        <translation>Schreibvorgänge pro Sekunde in jeder Region, in jede Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="85"/>
        <source>Delete the two tables of the last run and their replicas</source>
        <translation>Die beiden Tabellen des letzten Laufs und ihre Replikate löschen</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="88"/>
        <source>Eventual (MREC)</source>
        <translation>Eventuell (MREC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="88"/>
        <source>Strong (MRSC)</source>
        <translation>Stark (MRSC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="110"/>
        <source>Region set:</source>
        <translation>Regionenset:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="111"/>
        <source>Regions:</source>
        <translation>Regionen:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="112"/>
        <source>Region that fails:</source>
        <translation>Ausfallende Region:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="113"/>
        <source>Fault:</source>
        <translation>Fehler:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="114"/>
        <source>Outage (engine time):</source>
        <translation>Ausfall (Engine-Zeit):</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="115"/>
        <source>Write load:</source>
        <translation>Schreiblast:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="185"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="204"/>
        <source>Choose three regions.</source>
        <translation>Wählen Sie drei Regionen.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="205"/>
        <source>%1 s of writes after the tables are ready (about %2 s at time ×%3). The tables are created in %4.</source>
        <translation>%1 s Schreibvorgänge, sobald die Tabellen bereit sind (etwa %2 s bei Zeit ×%3). Die Tabellen werden in %4 erstellt.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="213"/>
        <source>Latencies are engine time: at ×%1 the engine&apos;s own work counts %1 times slower than the network&apos;s delays, which are modelled.</source>
        <translation>Latenzen sind Engine-Zeit: Bei ×%1 zählt die eigene Arbeit der Engine %1-mal langsamer als die modellierten Netzwerkverzögerungen.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="286"/>
        <source>Deleting %1 and %2 (the replicas first)…</source>
        <translation>%1 und %2 werden gelöscht (zuerst die Replikate)…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="289"/>
        <source>Deleted %1 and %2.</source>
        <translation>%1 und %2 gelöscht.</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="290"/>
        <source>The tables could not be deleted: %1</source>
        <translation>Die Tabellen konnten nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="317"/>
        <source>Writes sent</source>
        <translation>Gesendete Schreibvorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="318"/>
        <source>Acknowledged</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="319"/>
        <source>Refused (region unavailable)</source>
        <translation>Abgelehnt (Region nicht verfügbar)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="320"/>
        <source>Refused as conflicts</source>
        <translation>Als Konflikt abgelehnt</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="321"/>
        <source>Lost had %1 never come back</source>
        <translation>Verloren, wäre %1 nie zurückgekommen</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="322"/>
        <source>Data lost (RPO)</source>
        <translation>Datenverlust (RPO)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="323"/>
        <source>Write latency p50</source>
        <translation>Schreiblatenz p50</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="324"/>
        <source>Write latency p99</source>
        <translation>Schreiblatenz p99</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="333"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="344"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>PartiqlHistory</name>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="47"/>
        <source>%1 in %2 at %3</source>
        <translation>%1 in %2 um %3</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="49"/>
        <source>Parameters: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="50"/>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="57"/>
        <source>Ran</source>
        <translation>Ausgeführt</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="57"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>PartiqlTab</name>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="40"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="49"/>
        <source>Load more</source>
        <translation>Mehr laden</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="66"/>
        <source>Run the statement (%1)</source>
        <translation>Anweisung ausführen (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="69"/>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="70"/>
        <source>The most items the statement reads per page (Limit).</source>
        <translation>Höchstens so viele Elemente liest die Anweisung je Seite (Limit).</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="77"/>
        <source>%1 runs the statement</source>
        <translation>%1 führt die Anweisung aus</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="87"/>
        <source>Limit:</source>
        <translation>Limit:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="81"/>
        <source>Statement:</source>
        <translation>Anweisung:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="115"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="47"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="48"/>
        <source>DynamoDB JSON</source>
        <translation>DynamoDB-JSON</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="75"/>
        <source>The values of the statement&apos;s ? placeholders, in order: a JSON list of DynamoDB values (Parameters).</source>
        <translation>Die Werte der Platzhalter ? der Anweisung, der Reihe nach: eine JSON-Liste von DynamoDB-Werten (Parameters).</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="90"/>
        <source>Parameters:</source>
        <translation>Parameter:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="140"/>
        <source>Show as:</source>
        <translation>Anzeigen als:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="157"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="209"/>
        <source>Enter a PartiQL statement, for example:
SELECT * FROM &quot;%1&quot;</source>
        <translation>Geben Sie eine PartiQL-Anweisung ein, zum Beispiel:
SELECT * FROM &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="217"/>
        <source>Enter a statement to run.</source>
        <translation>Geben Sie eine Anweisung ein, die ausgeführt werden soll.</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="227"/>
        <source>The parameters must be a JSON list of DynamoDB values, such as [{&quot;S&quot;: &quot;Ada&quot;}, {&quot;N&quot;: &quot;100&quot;}].</source>
        <translation>Die Parameter müssen eine JSON-Liste von DynamoDB-Werten sein, etwa [{&quot;S&quot;: &quot;Ada&quot;}, {&quot;N&quot;: &quot;100&quot;}].</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="315"/>
        <source>Running in %1…</source>
        <translation>Wird in %1 ausgeführt …</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="319"/>
        <source>Run a statement to see the items it returns.</source>
        <translation>Führen Sie eine Anweisung aus, um die zurückgegebenen Elemente zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="325"/>
        <source>Statement ran in %1. Items returned: %2.</source>
        <translation>Anweisung in %1 ausgeführt. Zurückgegebene Elemente: %2.</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="326"/>
        <source>Ran in %1. Items returned: %2.</source>
        <translation>Ausgeführt in %1. Zurückgegebene Elemente: %2.</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="327"/>
        <source>More items wait: Load more.</source>
        <translation>Weitere Elemente warten: Mehr laden.</translation>
    </message>
</context>
<context>
    <name>PendingTransaction</name>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="29"/>
        <source>The pending transaction is in %1: a transaction writes in one region. Save or clear it first.</source>
        <translation>Die ausstehende Transaktion gehört zu %1: Eine Transaktion schreibt in einer einzigen Region. Speichern oder leeren Sie sie zuerst.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="33"/>
        <source>A transaction holds at most %1 changes. Save or remove some of the pending ones first.</source>
        <translation>Eine Transaktion fasst höchstens %1 Änderungen. Speichern oder entfernen Sie zuerst einige der ausstehenden.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="43"/>
        <source>This item already has a change in the pending transaction (%1): a transaction changes an item once. Remove that change first.</source>
        <translation>Dieses Element hat bereits eine Änderung in der ausstehenden Transaktion (%1): Eine Transaktion ändert ein Element nur einmal. Entfernen Sie diese Änderung zuerst.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="102"/>
        <source>None: would have succeeded</source>
        <translation>None: wäre gelungen</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="104"/>
        <location filename="../widgets/items/pending_transaction.cpp" line="112"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="118"/>
        <source>Must not exist yet</source>
        <translation>Darf noch nicht existieren</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="119"/>
        <source>Unchanged since loaded</source>
        <translation>Seit dem Laden unverändert</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="119"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="143"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="144"/>
        <source>Put (new item)</source>
        <translation>Put (neues Element)</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="144"/>
        <source>Put</source>
        <translation>Put</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="162"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="164"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="166"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="168"/>
        <source>Condition</source>
        <translation>Bedingung</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="170"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_request.cpp" line="34"/>
        <source>The item %1 has too many attributes to check that it is unchanged: the condition would be longer than the service&apos;s 4 KB. Turn off &quot;Only if unchanged since loaded&quot;, or remove its change.</source>
        <translation>Das Element %1 hat zu viele Attribute, um zu prüfen, ob es unverändert ist: Die Bedingung wäre länger als die 4 KB des Dienstes. Schalten Sie „Nur wenn seit dem Laden unverändert“ aus oder entfernen Sie seine Änderung.</translation>
    </message>
</context>
<context>
    <name>PendingTransactionPanel</name>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="67"/>
        <source>Only if unchanged since loaded</source>
        <translation>Nur wenn seit dem Laden unverändert</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="68"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="69"/>
        <source>Save as transaction</source>
        <translation>Als Transaktion speichern</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="81"/>
        <source>Each edited or deleted item is written only if every attribute loaded still has the value loaded; otherwise nothing is written. A new item must not exist yet either way.</source>
        <translation>Jedes bearbeitete oder gelöschte Element wird nur geschrieben, wenn jedes geladene Attribut noch den geladenen Wert hat; sonst wird nichts geschrieben. Ein neues Element darf in jedem Fall noch nicht existieren.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="87"/>
        <source>Writes every pending change with one TransactWriteItems: all of them or none.</source>
        <translation>Schreibt alle ausstehenden Änderungen mit einem einzigen TransactWriteItems: alle oder keine.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="155"/>
        <source>Pending transaction in %1</source>
        <translation>Ausstehende Transaktion in %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="156"/>
        <source>Pending transaction</source>
        <translation>Ausstehende Transaktion</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="158"/>
        <source>%n of at most %1 change(s)</source>
        <translation>
            <numerusform>%n von höchstens %1 Änderungen</numerusform>
            <numerusform>%n von höchstens %1 Änderungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="180"/>
        <source>Item now…</source>
        <translation>Element jetzt …</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="182"/>
        <source>Show the item as it is in the table now, beside the item as it was loaded.</source>
        <translation>Zeigt das Element, wie es jetzt in der Tabelle steht, neben dem Element, wie es geladen wurde.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="190"/>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="191"/>
        <source>Remove from transaction</source>
        <translation>Aus der Transaktion entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="214"/>
        <source>Clear transaction</source>
        <translation>Transaktion leeren</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="215"/>
        <source>Discard the %n pending change(s)? Nothing is written.</source>
        <translation>
            <numerusform>Die %n ausstehende Änderung verwerfen? Es wird nichts geschrieben.</numerusform>
            <numerusform>Die %n ausstehenden Änderungen verwerfen? Es wird nichts geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="220"/>
        <source>Discard changes</source>
        <translation>Änderungen verwerfen</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="254"/>
        <source>The transaction was cancelled and nothing was written. Each change shows the service&apos;s reason: remove or redo the ones that failed, then save again.</source>
        <translation>Die Transaktion wurde abgebrochen, es wurde nichts geschrieben. Jede Änderung zeigt den Grund des Dienstes: Entfernen oder wiederholen Sie die fehlgeschlagenen und speichern Sie dann erneut.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="258"/>
        <source>The transaction was refused and nothing was written: %1</source>
        <translation>Die Transaktion wurde abgelehnt, es wurde nichts geschrieben: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="274"/>
        <source>Item in %1 now</source>
        <translation>Element in %1 jetzt</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="278"/>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="287"/>
        <source>An item with this key exists already.</source>
        <translation>Ein Element mit diesem Schlüssel existiert bereits.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="289"/>
        <source>The attributes loaded are unchanged.</source>
        <translation>Die geladenen Attribute sind unverändert.</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="290"/>
        <source>Changed since loaded: %1</source>
        <translation>Seit dem Laden geändert: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="299"/>
        <source>As loaded</source>
        <translation>Wie geladen</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="300"/>
        <source>Now</source>
        <translation>Jetzt</translation>
    </message>
</context>
<context>
    <name>PitrPanel</name>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="48"/>
        <location filename="../widgets/recovery/recovery_console.cpp" line="21"/>
        <source>Point-in-time recovery</source>
        <translation>Zeitpunktbezogene Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="59"/>
        <source>Latest restorable time</source>
        <translation>Spätester wiederherstellbarer Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="60"/>
        <source>Restore to new table…</source>
        <translation>In neuer Tabelle wiederherstellen …</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="72"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="73"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="75"/>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="80"/>
        <source>Recovery period:</source>
        <translation>Wiederherstellungszeitraum:</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="87"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="97"/>
        <source>Recovery</source>
        <translation>Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="98"/>
        <source>Earliest restorable</source>
        <translation>Frühester wiederherstellbarer Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="99"/>
        <source>Latest restorable</source>
        <translation>Spätester wiederherstellbarer Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="100"/>
        <source>History storage</source>
        <translation>Verlaufsspeicher</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="176"/>
        <source>Restorable window — click or drag to pick the restore moment</source>
        <translation>Wiederherstellbarer Zeitraum — klicken oder ziehen, um den Wiederherstellungszeitpunkt zu wählen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="177"/>
        <source>Writes — click or drag to pick the restore moment</source>
        <translation>Schreibvorgänge — klicken oder ziehen Sie, um den Wiederherstellungszeitpunkt zu wählen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="115"/>
        <source>Restore to:</source>
        <translation>Wiederherstellen auf:</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="251"/>
        <source>No table in this region.</source>
        <translation>Keine Tabelle in dieser Region.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="269"/>
        <source>Not reported by a remote endpoint</source>
        <translation>Von einem entfernten Endpunkt nicht gemeldet</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/recovery/pitr_panel.cpp" line="279"/>
        <source>%n version(s), %1</source>
        <translation>
            <numerusform>%n Version, %1</numerusform>
            <numerusform>%n Versionen, %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="281"/>
        <source> — oldest %1</source>
        <translation> — älteste %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/recovery/pitr_panel.cpp" line="300"/>
        <source>Enabled: every write is kept for %n day(s).</source>
        <translation>
            <numerusform>Aktiviert: Jeder Schreibvorgang wird %n Tag lang aufbewahrt.</numerusform>
            <numerusform>Aktiviert: Jeder Schreibvorgang wird %n Tage lang aufbewahrt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="302"/>
        <source>Disabled: turn it on to restore this table to any second of its recovery period.</source>
        <translation>Deaktiviert: Schalten Sie sie ein, um diese Tabelle auf jede beliebige Sekunde ihres Wiederherstellungszeitraums wiederherstellen zu können.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="304"/>
        <source>Disabled: backups are being enabled for this table.</source>
        <translation>Deaktiviert: Backups werden für diese Tabelle gerade aktiviert.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="332"/>
        <source>The restorable window is the one %1 reports. The writes within it are recorded by the embedded engine only: a remote table&apos;s timeline shows the window alone.</source>
        <translation>Der wiederherstellbare Zeitraum ist der, den %1 meldet. Die Schreibvorgänge darin zeichnet nur die eingebettete Engine auf: Die Zeitleiste einer entfernten Tabelle zeigt nur den Zeitraum.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="336"/>
        <source>Point-in-time recovery is off for this table: turn it on to see its restorable window here (a chart of writes exists for embedded tables only).</source>
        <translation>Die Point-in-Time-Wiederherstellung ist für diese Tabelle aus: Schalten Sie sie ein, um hier ihren wiederherstellbaren Zeitraum zu sehen (ein Diagramm der Schreibvorgänge gibt es nur für eingebettete Tabellen).</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="394"/>
        <source>Point-in-time recovery is on for %1.</source>
        <translation>Die zeitpunktbezogene Wiederherstellung ist für %1 eingeschaltet.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="395"/>
        <source>Point-in-time recovery is off for %1.</source>
        <translation>Die zeitpunktbezogene Wiederherstellung ist für %1 ausgeschaltet.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="435"/>
        <source>Restoring table %1 in %2…</source>
        <translation>Tabelle %1 wird in %2 wiederhergestellt …</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="439"/>
        <source>Restoring table %1…</source>
        <translation>Tabelle %1 wird wiederhergestellt …</translation>
    </message>
</context>
<context>
    <name>PitrTimeline</name>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="39"/>
        <source>Restorable</source>
        <translation>Wiederherstellbar</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="42"/>
        <source>Writes</source>
        <translation>Schreibvorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="45"/>
        <source>Restore point</source>
        <translation>Wiederherstellungspunkt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="51"/>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="70"/>
        <source>local time</source>
        <translation>Ortszeit</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="52"/>
        <source>writes</source>
        <translation>Schreibvorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="72"/>
        <source>engine time</source>
        <translation>Engine-Zeit</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="75"/>
        <source>engine time (×%1)</source>
        <extracomment>the chart&apos;s time axis when engine time runs %1 times faster than the clock</extracomment>
        <translation>Engine-Zeit (×%1)</translation>
    </message>
</context>
<context>
    <name>PropagationProbe</name>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="43"/>
        <source>Send probe</source>
        <translation>Testelement senden</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="55"/>
        <source>Writes an item in the source region and times its arrival in the destination</source>
        <translation>Schreibt ein Element in der Quellregion und misst, wann es in der Zielregion ankommt</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/global/propagation_probe.cpp" line="123"/>
        <source>Each probe writes an item whose key starts with tablespan-probe- in the source region, and deletes it again once it has arrived or after %n second(s).</source>
        <translation>
            <numerusform>Jede Probe schreibt in der Quellregion ein Element, dessen Schlüssel mit tablespan-probe- beginnt, und löscht es wieder, sobald es angekommen ist oder nach %n Sekunde.</numerusform>
            <numerusform>Jede Probe schreibt in der Quellregion ein Element, dessen Schlüssel mit tablespan-probe- beginnt, und löscht es wieder, sobald es angekommen ist oder nach %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="64"/>
        <source>Write in:</source>
        <translation>Schreiben in:</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="65"/>
        <source>Watch in:</source>
        <translation>Beobachten in:</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="129"/>
        <source>Between remote regions the time is wall-clock time from the write&apos;s answer to the first read that finds the item (one every %1 s), round trips included.</source>
        <translation>Zwischen entfernten Regionen ist die Zeit Echtzeit von der Antwort auf den Schreibvorgang bis zum ersten Lesevorgang, der das Element findet (einer alle %1 s), Hin- und Rückwege eingeschlossen.</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="134"/>
        <source>Add a replica to probe how fast writes propagate.</source>
        <translation>Fügen Sie ein Replikat hinzu, um zu messen, wie schnell sich Schreibvorgänge ausbreiten.</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="186"/>
        <source>Choose two different regions.</source>
        <translation>Wählen Sie zwei verschiedene Regionen.</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="199"/>
        <source>Writing the probe item in %1…</source>
        <translation>Testelement wird in %1 geschrieben…</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="207"/>
        <source>%1 → %2: the probe could not be written: %3</source>
        <translation>%1 → %2: Die Probe konnte nicht geschrieben werden: %3</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="295"/>
        <source>The probe item could not be removed in %1: %2</source>
        <translation>Das Probe-Element konnte in %1 nicht entfernt werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="306"/>
        <source>%1 → %2: stopped before the probe was written</source>
        <translation>%1 → %2: beendet, bevor die Probe geschrieben war</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="314"/>
        <source>%1 → %2: stopped after %3 ms, not arrived</source>
        <translation>%1 → %2: nach %3 ms beendet, nicht angekommen</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="216"/>
        <source>Waiting for the probe in %1…</source>
        <translation>Warten auf das Testelement in %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/global/propagation_probe.cpp" line="226"/>
        <source>%1 → %2: not arrived within %n s</source>
        <translation>
            <numerusform>%1 → %2: nicht innerhalb von %n s angekommen</numerusform>
            <numerusform>%1 → %2: nicht innerhalb von %n s angekommen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="268"/>
        <source>%1 → %2: arrived after %3 ms</source>
        <translation>%1 → %2: nach %3 ms angekommen</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="248"/>
        <source>Waiting for the probe in %1 (%2)…</source>
        <translation>Warten auf das Testelement in %1 (%2)…</translation>
    </message>
</context>
<context>
    <name>QueryBuilder</name>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="71"/>
        <source>%1 is not a number.</source>
        <translation>%1 ist keine Zahl.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="71"/>
        <source>An empty value</source>
        <translation>Ein leerer Wert</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="78"/>
        <source>A binary value is written in base64.</source>
        <translation>Ein Binärwert wird in Base64 geschrieben.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="86"/>
        <source>A boolean is true or false.</source>
        <translation>Ein Boolescher Wert ist true oder false.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="92"/>
        <source>Unknown type %1.</source>
        <translation>Unbekannter Typ %1.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="114"/>
        <source>Enter the partition key value.</source>
        <translation>Geben Sie den Wert des Partitionsschlüssels ein.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="148"/>
        <source>Enter the value of the sort key %1.</source>
        <translation>Geben Sie den Wert des Sortierschlüssels %1 ein.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="153"/>
        <source>Enter both bounds of BETWEEN for the sort key %1.</source>
        <translation>Geben Sie beide Grenzen von BETWEEN für den Sortierschlüssel %1 ein.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="178"/>
        <source>A filter needs an attribute name.</source>
        <translation>Ein Filter braucht einen Attributnamen.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="115"/>
        <source>Enter a value for every partition key attribute (missing: %1).</source>
        <translation>Geben Sie für jedes Partitionsschlüsselattribut einen Wert ein (es fehlt: %1).</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="134"/>
        <source>Give the sort key attributes from the left: enter %1 before %2.</source>
        <translation>Geben Sie die Sortierschlüsselattribute von links an: %1 vor %2.</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="140"/>
        <source>Only the last sort key attribute given may use %1: %2 needs = because %3 follows it.</source>
        <translation>Nur das letzte angegebene Sortierschlüsselattribut darf %1 verwenden: %2 braucht =, weil %3 folgt.</translation>
    </message>
</context>
<context>
    <name>QueryForm</name>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="20"/>
        <source>Scan</source>
        <translation>Scan</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="22"/>
        <source>Query</source>
        <translation>Query</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="29"/>
        <source>Scan or query the table or one of its indexes</source>
        <translation>Die Tabelle oder einen ihrer Indizes scannen oder abfragen</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="33"/>
        <source>Attributes to return:</source>
        <translation>Zurückzugebende Attribute:</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="36"/>
        <source>all attributes (or: name, age, address)</source>
        <translation>alle Attribute (oder: name, age, address)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="38"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="52"/>
        <location filename="../widgets/items/query_form.cpp" line="158"/>
        <source>partition key value</source>
        <translation>Wert des Partitionsschlüssels</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="56"/>
        <location filename="../widgets/items/query_form.cpp" line="143"/>
        <source>(any)</source>
        <translation>(beliebig)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="62"/>
        <location filename="../widgets/items/query_form.cpp" line="148"/>
        <location filename="../widgets/items/query_form.cpp" line="272"/>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="63"/>
        <source>Descending</source>
        <translation>Absteigend</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="77"/>
        <source>Add filter</source>
        <translation>Filter hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="79"/>
        <source>Match all filters (AND)</source>
        <translation>Alle Filter erfüllen (AND)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="80"/>
        <source>Match any filter (OR)</source>
        <translation>Einen Filter erfüllen (OR)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="112"/>
        <location filename="../widgets/items/query_form.cpp" line="156"/>
        <source>%1 (%2) =</source>
        <translation>%1 (%2) =</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="113"/>
        <location filename="../widgets/items/query_form.cpp" line="140"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="262"/>
        <source>attribute name</source>
        <translation>Attributname</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="270"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="277"/>
        <source>Remove this filter</source>
        <translation>Diesen Filter entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="178"/>
        <source>Give the sort key attributes from the left, each before this one with =.</source>
        <translation>Geben Sie die Sortierschlüsselattribute von links an, jedes vor diesem mit =.</translation>
    </message>
</context>
<context>
    <name>RecoveryRequest</name>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="15"/>
        <source>A backup name has 3 to 255 characters.</source>
        <translation>Ein Backup-Name hat 3 bis 255 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="18"/>
        <source>A backup name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>Ein Backup-Name darf nur a–z, A–Z, 0–9, Unterstrich (_), Bindestrich (-) und Punkt (.) enthalten.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="27"/>
        <source>A table name has 3 to 255 characters.</source>
        <translation>Ein Tabellenname hat 3 bis 255 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="30"/>
        <source>A table name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>Ein Tabellenname darf nur a–z, A–Z, 0–9, Unterstrich (_), Bindestrich (-) und Punkt (.) enthalten.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="41"/>
        <source>Read and write capacity units are between 1 and 40,000.</source>
        <translation>Lese- und Schreibkapazitätseinheiten liegen zwischen 1 und 40.000.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="44"/>
        <source>Enter the KMS key ID, ARN or alias.</source>
        <translation>Geben Sie die KMS-Schlüssel-ID, den ARN oder den Alias ein.</translation>
    </message>
</context>
<context>
    <name>RegionMap</name>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="32"/>
        <source>Click a link to cut or heal it</source>
        <translation>Klicken Sie auf eine Verbindung, um sie zu trennen oder wiederherzustellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="127"/>
        <location filename="../widgets/global/region_map.cpp" line="246"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="129"/>
        <location filename="../widgets/global/region_map.cpp" line="246"/>
        <source>cut</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="131"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="133"/>
        <source>~%1 ms</source>
        <translation>~%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="142"/>
        <source>Heal link %1 ↔ %2</source>
        <translation>Verbindung %1 ↔ %2 wiederherstellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="143"/>
        <source>Cut link %1 ↔ %2</source>
        <translation>Verbindung %1 ↔ %2 trennen</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map_labels.cpp" line="66"/>
        <source>%1 (witness)</source>
        <translation>%1 (Witness)</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map_labels.cpp" line="99"/>
        <source>%1 · %2 pending</source>
        <translation>%1 · %2 ausstehend</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map_labels.cpp" line="65"/>
        <source>%1 (offline)</source>
        <translation>%1 (offline)</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="246"/>
        <source>flowing</source>
        <translation>fließt</translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <location filename="../widgets/window/region_selector.cpp" line="11"/>
        <source>The region whose tables the console shows</source>
        <translation>Die Region, deren Tabellen die Konsole zeigt</translation>
    </message>
    <message>
        <location filename="../widgets/window/region_selector.cpp" line="42"/>
        <source>A remote region: %1 on the connection %2</source>
        <translation>Eine entfernte Region: %1 über die Verbindung %2</translation>
    </message>
</context>
<context>
    <name>RegionsModel</name>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="48"/>
        <source>Online: uncheck to take the region offline (every request fails with ServiceUnavailable)</source>
        <translation>Online: Abwählen nimmt die Region vom Netz (jede Anfrage scheitert mit ServiceUnavailable)</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="50"/>
        <source>Offline: check to bring the region back</source>
        <translation>Offline: Auswählen bringt die Region zurück</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="54"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="54"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="88"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="90"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="92"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="94"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
</context>
<context>
    <name>RegionsPanel</name>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="35"/>
        <source>Regions &amp; network</source>
        <translation>Regionen &amp; Netzwerk</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="43"/>
        <source>Cut (partition the link)</source>
        <translation>Trennen (Verbindung partitionieren)</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="44"/>
        <source>Override latency:</source>
        <translation>Latenz festlegen:</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="49"/>
        <source>Regions &amp;&amp; network</source>
        <translation>Regionen &amp;&amp; Netzwerk</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="65"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="69"/>
        <source>×</source>
        <translation>×</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="70"/>
        <source>How many times faster than the wall clock engine time runs</source>
        <translation>Wie viel schneller als die Uhr die Engine-Zeit läuft</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="72"/>
        <source>Links between regions with tables</source>
        <translation>Verbindungen zwischen Regionen mit Tabellen</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="83"/>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="87"/>
        <source>Time scale:</source>
        <translation>Zeitfaktor:</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="139"/>
        <source>&lt;b&gt;%1&lt;/b&gt; is a remote region: its network is real and is not simulated here. The switches, links and time scale below act on the embedded regions only.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; ist eine entfernte Region: Ihr Netzwerk ist echt und wird hier nicht simuliert. Die Schalter, Verbindungen und der Zeitfaktor unten wirken nur auf die eingebetteten Regionen.</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="181"/>
        <source>%1 ↔ %2 (model: %3 ms)</source>
        <translation>%1 ↔ %2 (Modell: %3 ms)</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="188"/>
        <source>Links appear here once two regions have tables.</source>
        <translation>Verbindungen erscheinen hier, sobald zwei Regionen Tabellen haben.</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="189"/>
        <source>Select a link in the matrix to cut it or set its latency.</source>
        <translation>Wählen Sie eine Verbindung in der Matrix, um sie zu trennen oder ihre Latenz festzulegen.</translation>
    </message>
</context>
<context>
    <name>RemoteConnection</name>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="32"/>
        <source>Give the connection a name.</source>
        <translation>Geben Sie der Verbindung einen Namen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="34"/>
        <source>The name has more than 32 characters.</source>
        <translation>Der Name hat mehr als 32 Zeichen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="37"/>
        <source>The name may hold only letters, digits, - and _.</source>
        <translation>Der Name darf nur Buchstaben, Ziffern, - und _ enthalten.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="40"/>
        <source>There is already a connection named %1.</source>
        <translation>Es gibt bereits eine Verbindung namens %1.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="44"/>
        <source>Enter the endpoint&apos;s URL.</source>
        <translation>Geben Sie die URL des Endpunkts ein.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="46"/>
        <source>The URL is http:// or https://, a host and an optional port, such as http://127.0.0.1:8000.</source>
        <translation>Die URL besteht aus http:// oder https://, einem Host und optional einem Port, etwa http://127.0.0.1:8000.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="51"/>
        <source>Choose at least one region the endpoint serves.</source>
        <translation>Wählen Sie mindestens eine Region, die der Endpunkt bedient.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="55"/>
        <source>%1 is not a known region code.</source>
        <translation>%1 ist kein bekannter Regionscode.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="58"/>
        <source>There is no CA file %1.</source>
        <translation>Die CA-Datei %1 gibt es nicht.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="113"/>
        <source>Invalid retry settings: %1</source>
        <translation>Ungültige Wiederholungseinstellungen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="133"/>
        <source>none: requests are unsigned</source>
        <translation>keine: Anfragen werden ohne Signatur gesendet</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="138"/>
        <source>The keys of %1 are kept in the system keychain.</source>
        <translation>Die Schlüssel von %1 liegen im Schlüsselbund des Systems.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="146"/>
        <source>No credentials: %1</source>
        <translation>Keine Anmeldeinformationen: %1</translation>
    </message>
</context>
<context>
    <name>RemoteErrors</name>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="13"/>
        <source>Cannot connect to %1. Is the server running, and is the URL right?</source>
        <translation>Keine Verbindung zu %1. Läuft der Server, und stimmt die URL?</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="15"/>
        <source>Cannot connect to %1 (%2). Is the server running, and is the URL right?</source>
        <translation>Keine Verbindung zu %1 (%2). Läuft der Server, und stimmt die URL?</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="19"/>
        <source>%1 did not accept a connection within %2 s.</source>
        <translation>%1 hat innerhalb von %2 s keine Verbindung angenommen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="21"/>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 hat innerhalb von %2 s nicht geantwortet.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="23"/>
        <source>%1 closed the connection before it answered.</source>
        <translation>%1 hat die Verbindung vor der Antwort geschlossen.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="25"/>
        <source>The secure connection to %1 failed: %2. Check the server&apos;s certificate, or the CA file of the connection.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2. Prüfen Sie das Zertifikat des Servers oder die CA-Datei der Verbindung.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="29"/>
        <source>The answer from %1 arrived damaged; it was not used.</source>
        <translation>Die Antwort von %1 kam beschädigt an und wurde nicht verwendet.</translation>
    </message>
</context>
<context>
    <name>ReplicaModel</name>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="42"/>
        <source>Not served by connection %1: the service reports this replica, but the console reaches only the regions the connection names (%2).</source>
        <translation>Nicht von der Verbindung %1 bedient: Der Dienst meldet dieses Replikat, aber die Konsole erreicht nur die Regionen, die die Verbindung nennt (%2).</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="193"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="226"/>
        <source>The replica&apos;s KMS key is disabled or pending deletion: it serves no requests, and replication to and from it has stopped (the other replicas keep their changes pending). Enable the key in its region (KMS keys tab) within 20 hours of this status, or the replica leaves the global table and stays a single-Region table with its items.</source>
        <translation>Der KMS-Schlüssel des Replikats ist deaktiviert oder zum Löschen vorgemerkt: Es beantwortet keine Anfragen, und die Replikation von und zu ihm ist angehalten (die anderen Replikate halten ihre Änderungen ausstehend). Aktivieren Sie den Schlüssel in seiner Region (Registerkarte KMS-Schlüssel) binnen 20 Stunden nach diesem Status, sonst verlässt das Replikat die globale Tabelle und bleibt als Tabelle einer Region mit seinen Elementen bestehen.</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="234"/>
        <source>The witness: it keeps the group&apos;s change data so that a write is durable in two regions, and holds no table to read or write</source>
        <translation>Der Witness: Er hält die Änderungsdaten der Gruppe, damit ein Schreibvorgang in zwei Regionen dauerhaft ist, und hat keine Tabelle zum Lesen oder Schreiben</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="237"/>
        <source>The region the console shows; replicas are listed below it</source>
        <translation>Die Region, die die Konsole zeigt; die Replikate stehen darunter</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="238"/>
        <source>A replica of the table</source>
        <translation>Ein Replikat der Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="241"/>
        <source>Latency of the writes acknowledged in this region over the last 5 minutes of engine time: median / 99th percentile</source>
        <translation>Latenz der in dieser Region bestätigten Schreibvorgänge der letzten 5 Minuten Engine-Zeit: Median / 99. Perzentil</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="245"/>
        <source>Writes refused here because another region was writing the same item (ReplicatedWriteConflictException)</source>
        <translation>Hier abgelehnte Schreibvorgänge, weil eine andere Region dasselbe Element schrieb (ReplicatedWriteConflictException)</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="260"/>
        <source>%1 %2%</source>
        <translation>%1 %2 %</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="265"/>
        <source>Witness</source>
        <translation>Witness</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="267"/>
        <source>Standard-IA</source>
        <translation>Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="268"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="271"/>
        <source>unavailable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="281"/>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="296"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="298"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="300"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="302"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="304"/>
        <source>Last latency</source>
        <translation>Letzte Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="306"/>
        <source>Average latency</source>
        <translation>Mittlere Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="308"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="310"/>
        <source>Writes p50 / p99</source>
        <translation>Schreiben p50/p99</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="312"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
</context>
<context>
    <name>ReplicationChart</name>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="36"/>
        <source>Replication latency per receiving region (ms)</source>
        <translation>Replikationslatenz je Empfängerregion (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="38"/>
        <source>Pending replication (changes)</source>
        <translation>Ausstehende Replikation (Änderungen)</translation>
    </message>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="73"/>
        <source>%1 min–max</source>
        <translation>%1 Min.–Max.</translation>
    </message>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="83"/>
        <source>%1 average</source>
        <translation>%1 Durchschnitt</translation>
    </message>
</context>
<context>
    <name>RequestStatsModel</name>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="171"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="177"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="181"/>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="183"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="194"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="196"/>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="198"/>
        <source>Operation</source>
        <translation>Operation</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="200"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="202"/>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="204"/>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="206"/>
        <source>Average latency</source>
        <translation>Durchschnittliche Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="208"/>
        <source>Max latency</source>
        <translation>Max. Latenz</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="210"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="41"/>
        <source>Restore backup</source>
        <translation>Backup wiederherstellen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="41"/>
        <source>Restore to a point in time</source>
        <translation>Zu einem Zeitpunkt wiederherstellen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="44"/>
        <source>Backup &lt;b&gt;%1&lt;/b&gt; of table &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>Backup &lt;b&gt;%1&lt;/b&gt; der Tabelle &lt;b&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="48"/>
        <source>Table &lt;b&gt;%1&lt;/b&gt; at the latest restorable time</source>
        <translation>Tabelle &lt;b&gt;%1&lt;/b&gt; zum spätesten wiederherstellbaren Zeitpunkt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="50"/>
        <source>Table &lt;b&gt;%1&lt;/b&gt; as it was at %2</source>
        <translation>Tabelle &lt;b&gt;%1&lt;/b&gt; im Zustand vom %2</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="60"/>
        <source>New table</source>
        <translation>Neue Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="65"/>
        <source>Table name</source>
        <translation>Tabellenname</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="80"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="84"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="85"/>
        <source>A restore always creates a new table. Streams, time to live, tags, deletion protection and point-in-time recovery are not carried over: set them on the new table.</source>
        <translation>Eine Wiederherstellung erstellt immer eine neue Tabelle. Streams, Time to Live, Tags, Löschschutz und zeitpunktbezogene Wiederherstellung werden nicht übernommen: Legen Sie sie für die neue Tabelle fest.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="93"/>
        <source>Overrides</source>
        <translation>Abweichende Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="96"/>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="115"/>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="145"/>
        <source>Same as the source</source>
        <translation>Wie die Quelle</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="97"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="98"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="102"/>
        <source>Read units</source>
        <translation>Leseeinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="104"/>
        <source>Write units</source>
        <translation>Schreibeinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="113"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="116"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Im Besitz von Amazon DynamoDB</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="117"/>
        <source>AWS managed key (aws/dynamodb)</source>
        <translation>Von AWS verwalteter Schlüssel (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="118"/>
        <source>Customer managed KMS key</source>
        <translation>Kundenverwalteter KMS-Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="119"/>
        <source>KMS key ID, ARN or alias</source>
        <translation>KMS-Schlüssel-ID, ARN oder Alias</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="124"/>
        <source>Encryption at rest</source>
        <translation>Verschlüsselung im Ruhezustand</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="129"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="144"/>
        <source>Same as the source (this region only)</source>
        <translation>Wie die Quelle (nur in dieser Region)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="207"/>
        <source>A restore into another region needs its own encryption at rest: choose one.</source>
        <translation>Eine Wiederherstellung in eine andere Region braucht eine eigene Verschlüsselung im Ruhezustand: Wählen Sie eine aus.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="245"/>
        <source>Starting the restore…</source>
        <translation>Wiederherstellung wird gestartet …</translation>
    </message>
</context>
<context>
    <name>RestoreProgress</name>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="29"/>
        <location filename="../widgets/recovery/restore_progress.cpp" line="64"/>
        <source>The restore of %1 did not finish: the table is gone.</source>
        <translation>Die Wiederherstellung von %1 wurde nicht abgeschlossen: Die Tabelle existiert nicht mehr.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="76"/>
        <source>Restore finished: %1 is active.</source>
        <translation>Wiederherstellung abgeschlossen: %1 ist aktiv.</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="90"/>
        <source>Restoring %1… (%2)</source>
        <translation>%1 wird wiederhergestellt … (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="92"/>
        <source>Restoring %1 from %2… (%3)</source>
        <translation>%1 wird aus %2 wiederhergestellt … (%3)</translation>
    </message>
</context>
<context>
    <name>SampleData</name>
    <message>
        <location filename="../app/sample_data.cpp" line="42"/>
        <source>The sample data is missing from the application.</source>
        <translation>Die Beispieldaten fehlen in der Anwendung.</translation>
    </message>
</context>
<context>
    <name>ScalingFields</name>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="12"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="28"/>
        <source>Auto scaling never sets fewer capacity units.</source>
        <translation>Auto Scaling legt nie weniger Kapazitätseinheiten fest.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="29"/>
        <source>Auto scaling never sets more capacity units.</source>
        <translation>Auto Scaling legt nie mehr Kapazitätseinheiten fest.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="35"/>
        <source>The share of the provisioned capacity the traffic should use, 20–90 %. DynamoDB scales out after 2 minutes above it and scales in after 15 minutes at 20 points or more below it.</source>
        <translation>Der Anteil der bereitgestellten Kapazität, den der Datenverkehr nutzen soll, 20–90 %. DynamoDB skaliert hoch, wenn die Auslastung 2 Minuten lang darüber liegt, und herunter, wenn sie 15 Minuten lang um 20 Prozentpunkte oder mehr darunter liegt.</translation>
    </message>
</context>
<context>
    <name>ScenarioCharts</name>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="60"/>
        <source>Writes served per second</source>
        <translation>Bediente Schreibvorgänge pro Sekunde</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="61"/>
        <source>Writes refused (solid) and throttled (dashed) per second</source>
        <translation>Abgelehnte (durchgezogen) und gedrosselte (gestrichelt) Schreibvorgänge pro Sekunde</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="62"/>
        <source>Changes pending replication</source>
        <translation>Auf Replikation wartende Änderungen</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="62"/>
        <source>Replication lag (ms)</source>
        <translation>Replikationsverzögerung (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="68"/>
        <source>seconds since the load started (engine time)</source>
        <translation>Sekunden seit Beginn der Last (Engine-Zeit)</translation>
    </message>
</context>
<context>
    <name>ScenarioJob</name>
    <message>
        <location filename="../widgets/scenarios/scenario_job.cpp" line="26"/>
        <source>Cannot create a working directory: %1</source>
        <translation>Arbeitsverzeichnis kann nicht angelegt werden: %1</translation>
    </message>
</context>
<context>
    <name>ScenarioLabels</name>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="23"/>
        <source>%1 offline</source>
        <translation>%1 offline</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="24"/>
        <source>%1 lost</source>
        <translation>%1 verloren</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="25"/>
        <source>%1/%2 cut</source>
        <translation>%1/%2 getrennt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="27"/>
        <source>%1/%2 at %3 ms</source>
        <translation>%1/%2 mit %3 ms</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="29"/>
        <source>%1 capacity lowered</source>
        <translation>%1: Kapazität gesenkt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="30"/>
        <source>%1 key of %2 disabled</source>
        <translation>%1: Schlüssel von %2 deaktiviert</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="41"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="43"/>
        <source>the whole run</source>
        <translation>der ganze Lauf</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="44"/>
        <source>before the faults</source>
        <translation>vor den Fehlern</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="44"/>
        <source>after the faults</source>
        <translation>nach den Fehlern</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="63"/>
        <source>table writes</source>
        <translation>Tabellen-Schreibvorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="63"/>
        <source>table reads</source>
        <translation>Tabellen-Lesevorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="64"/>
        <source>index writes</source>
        <translation>Index-Schreibvorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="64"/>
        <source>index reads</source>
        <translation>Index-Lesevorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="67"/>
        <source>%1 over provisioned capacity</source>
        <translation>%1 über der bereitgestellten Kapazität</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="69"/>
        <source>%1 over the on-demand maximum</source>
        <translation>%1 über dem On-Demand-Maximum</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="70"/>
        <source>%1 over the account limit</source>
        <translation>%1 über dem Kontolimit</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="71"/>
        <source>%1 over a partition&apos;s limit</source>
        <translation>%1 über dem Limit einer Partition</translation>
    </message>
</context>
<context>
    <name>ScenarioReportView</name>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="29"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="51"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Served</source>
        <translation>Bedient</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="98"/>
        <source>Refused</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="98"/>
        <source>Throttled</source>
        <translation>Gedrosselt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="98"/>
        <source>Conflicted</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="99"/>
        <source>p50 ms</source>
        <translation>p50 ms</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="99"/>
        <source>p99 ms</source>
        <translation>p99 ms</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="104"/>
        <source>The report appears here when the run ends.</source>
        <translation>Der Bericht erscheint hier, wenn der Lauf endet.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="126"/>
        <source>writes</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="126"/>
        <source>reads</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="153"/>
        <source>Stopped before the end: the report covers what ran.</source>
        <translation>Vor dem Ende angehalten: Der Bericht umfasst, was gelaufen ist.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="155"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="161"/>
        <source>Recovery point (RPO)</source>
        <translation>Wiederherstellungspunkt (RPO)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="163"/>
        <source>No region was lost.</source>
        <translation>Keine Region ging verloren.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="165"/>
        <source>%1, table %2: %3 of %4 acknowledged writes lost</source>
        <translation>%1, Tabelle %2: %3 von %4 bestätigten Schreibvorgängen verloren</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="170"/>
        <source>, written over %1 (from %2 to %3)</source>
        <translation>, geschrieben über %1 (von %2 bis %3)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="176"/>
        <source>Time to converge after each heal</source>
        <translation>Zeit bis zur Konvergenz nach jeder Behebung</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="179"/>
        <source>No fault healed.</source>
        <translation>Kein Fehler wurde behoben.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="182"/>
        <source>%1, healed at %2: converged in %3</source>
        <translation>%1, behoben bei %2: konvergiert nach %3</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="187"/>
        <source>%1, healed at %2: not converged by the end</source>
        <translation>%1, behoben bei %2: bis zum Ende nicht konvergiert</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="194"/>
        <source>Last-writer-wins conflicts</source>
        <translation>Konflikte (der letzte Schreiber gewinnt)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="195"/>
        <source>%1 conflicts; %2 acknowledged writes overwritten by a concurrent write from another region</source>
        <translation>%1 Konflikte; %2 bestätigte Schreibvorgänge von einem gleichzeitigen Schreibvorgang aus einer anderen Region überschrieben</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="201"/>
        <source>Faults that could not be applied</source>
        <translation>Fehler, die nicht angewendet werden konnten</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="203"/>
        <source>%1 at %2: %3</source>
        <translation>%1 bei %2: %3</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="217"/>
        <source>Why requests were throttled</source>
        <translation>Warum Anfragen gedrosselt wurden</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="231"/>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="233"/>
        <source>Writes throttled: %1 (%2)</source>
        <translation>Gedrosselte Schreibvorgänge: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="233"/>
        <source>Reads throttled: %1 (%2)</source>
        <translation>Gedrosselte Lesevorgänge: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="240"/>
        <source>Deliveries of replicated changes refused for want of write capacity: %1</source>
        <translation>Mangels Schreibkapazität abgelehnte Zustellungen replizierter Änderungen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="246"/>
        <source>Replicated writes used %1 of the %2 write units consumed</source>
        <translation>Von den %2 verbrauchten Schreibeinheiten entfielen %1 auf replizierte Schreibvorgänge</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="252"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="264"/>
        <source>%1 to %2</source>
        <translation>%1 nach %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="265"/>
        <source>into %1</source>
        <translation>nach %1</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="266"/>
        <source>Replication %1, table %2: deliveries refused %3, at most %4 a second, from %5 to %6</source>
        <translation>Replikation %1, Tabelle %2: abgelehnte Zustellungen %3, höchstens %4 pro Sekunde, von %5 bis %6</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="275"/>
        <source>No request was throttled.</source>
        <translation>Keine Anfrage wurde gedrosselt.</translation>
    </message>
</context>
<context>
    <name>ScenarioSetupText</name>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="23"/>
        <source>Zipf-distributed</source>
        <translation>Zipf-verteilt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="24"/>
        <source>each write a new key</source>
        <translation>jeder Schreibvorgang ein neuer Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="25"/>
        <source>uniform</source>
        <translation>gleichverteilt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="34"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="35"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="36"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="42"/>
        <source>%1 of load, then %2 of drain (replication only); seed %3.</source>
        <translation>%1 Last, dann %2 Auslauf (nur Replikation); Seed %3.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="52"/>
        <source>strongly consistent</source>
        <translation>stark konsistent</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="53"/>
        <source>eventually consistent</source>
        <translation>letztendlich konsistent</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="55"/>
        <source>witness in %1</source>
        <translation>Zeuge in %1</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="57"/>
        <source>provisioned</source>
        <translation>bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="58"/>
        <source>on demand</source>
        <translation>auf Abruf</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="59"/>
        <source>&lt;b&gt;Table %1&lt;/b&gt; in %2 (%3, %4)</source>
        <translation>&lt;b&gt;Tabelle %1&lt;/b&gt; in %2 (%3, %4)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="66"/>
        <source>&lt;b&gt;Load in %1&lt;/b&gt; on %2: %3 writes and %4 reads a second, %5 keys (%6), items of %7 bytes</source>
        <translation>&lt;b&gt;Last in %1&lt;/b&gt; auf %2: %3 Schreib- und %4 Lesevorgänge pro Sekunde, %5 Schlüssel (%6), Elemente von %7 Byte</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="76"/>
        <source>from %1 to %2</source>
        <translation>von %1 bis %2</translation>
    </message>
</context>
<context>
    <name>ScenarioTimeline</name>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="27"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="29"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="30"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="31"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="32"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="111"/>
        <source>Open a scenario to see its faults on a timeline.</source>
        <translation>Öffnen Sie ein Szenario, um seine Fehler auf einer Zeitachse zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="121"/>
        <source>drain</source>
        <translation>Auslauf</translation>
    </message>
</context>
<context>
    <name>ScenariosTab</name>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="47"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="52"/>
        <source>%1 is not valid JSON.</source>
        <translation>%1 ist kein gültiges JSON.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="64"/>
        <source>Shipped examples…</source>
        <translation>Mitgelieferte Beispiele…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="70"/>
        <source>Open scenario…</source>
        <translation>Szenario öffnen…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="71"/>
        <source>Open report…</source>
        <translation>Bericht öffnen…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="76"/>
        <source>The same file and seed give the same report.</source>
        <translation>Dieselbe Datei und derselbe Seed ergeben denselben Bericht.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="77"/>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="78"/>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="79"/>
        <source>Save report…</source>
        <translation>Bericht speichern…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="85"/>
        <source>Seed:</source>
        <translation>Seed:</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="113"/>
        <source>%v of %m s</source>
        <translation>%v von %m s</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="154"/>
        <source>No scenario open</source>
        <translation>Kein Szenario geöffnet</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="156"/>
        <source>Open a scenario file, or pick one of the shipped examples. A scenario runs on a private engine on engine time, as fast as this machine allows; the console&apos;s own tables are not touched.</source>
        <translation>Öffnen Sie eine Szenariodatei oder wählen Sie eines der mitgelieferten Beispiele. Ein Szenario läuft auf einer eigenen Engine in Engine-Zeit, so schnell dieser Rechner es erlaubt; die Tabellen der Konsole bleiben unberührt.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="184"/>
        <source>The scenario %1 is invalid: %2</source>
        <translation>Das Szenario %1 ist ungültig: %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="193"/>
        <source>Ready to run.</source>
        <translation>Bereit zur Ausführung.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="247"/>
        <source>Setting up the tables…</source>
        <translation>Die Tabellen werden eingerichtet…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="254"/>
        <source>Stopping…</source>
        <translation>Wird angehalten…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="265"/>
        <source>Running: %1 of load done.</source>
        <translation>Läuft: %1 Last erledigt.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="266"/>
        <source>Draining: the load has stopped, replication settles.</source>
        <translation>Auslauf: Die Last ist beendet, die Replikation kommt zur Ruhe.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="278"/>
        <source>Failed.</source>
        <translation>Fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="279"/>
        <source>The scenario failed: %1</source>
        <translation>Das Szenario ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="289"/>
        <source>Stopped after %1 s of engine time.</source>
        <translation>Nach %1 s Engine-Zeit angehalten.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="290"/>
        <source>Done: %1 s of engine time.</source>
        <translation>Fertig: %1 s Engine-Zeit.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="305"/>
        <source>%1 is not a scenario report.</source>
        <translation>%1 ist kein Szenariobericht.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="315"/>
        <source>A saved report (%1), seed %2.</source>
        <translation>Ein gespeicherter Bericht (%1), Seed %2.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="324"/>
        <source>A saved report.</source>
        <translation>Ein gespeicherter Bericht.</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="334"/>
        <source>Cannot write the report %1: %2</source>
        <translation>Der Bericht %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="337"/>
        <source>Report saved to %1</source>
        <translation>Bericht gespeichert in %1</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="343"/>
        <source>Open scenario</source>
        <translation>Szenario öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="343"/>
        <source>Scenario files (*.json)</source>
        <translation>Szenariodateien (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="349"/>
        <source>Open report</source>
        <translation>Bericht öffnen</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="349"/>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="358"/>
        <source>Scenario reports (*.json)</source>
        <translation>Szenarioberichte (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="357"/>
        <source>Save report</source>
        <translation>Bericht speichern</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="375"/>
        <source>Fault scenarios</source>
        <translation>Fehlerszenarien</translation>
    </message>
</context>
<context>
    <name>ScheduleDeletionDialog</name>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="92"/>
        <source>Schedule deletion of %1</source>
        <translation>Löschen von %1 vormerken</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="96"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="98"/>
        <source>KMS deletes the key when the waiting period ends, and data encrypted with it can no longer be read. Until then the key is pending deletion: tables that use it stop serving requests after about 5 minutes and become inaccessible after about an hour; a replica leaves its global table 20 hours later. Cancelling the deletion leaves the key disabled.</source>
        <translation>KMS löscht den Schlüssel, wenn die Wartezeit endet; damit verschlüsselte Daten können dann nicht mehr gelesen werden. Bis dahin ist der Schlüssel zum Löschen vorgemerkt: Tabellen, die ihn verwenden, beantworten nach etwa 5 Minuten keine Anfragen mehr und werden nach etwa einer Stunde unzugänglich; ein Replikat verlässt seine globale Tabelle 20 Stunden später. Wird das Löschen abgebrochen, bleibt der Schlüssel deaktiviert.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="106"/>
        <source>Waiting period</source>
        <translation>Wartezeit</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="108"/>
        <source>Schedule deletion</source>
        <translation>Löschen vormerken</translation>
    </message>
</context>
<context>
    <name>ShardTree</name>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>Shard</source>
        <translation>Shard</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>Starting sequence number</source>
        <translation>Erste Sequenznummer</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>Ending sequence number</source>
        <translation>Letzte Sequenznummer</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="48"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="48"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
</context>
<context>
    <name>StatusDelegate</name>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="34"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="35"/>
        <source>Creating</source>
        <translation>Wird erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="36"/>
        <source>Updating</source>
        <translation>Wird aktualisiert</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="37"/>
        <source>Deleting</source>
        <translation>Wird gelöscht</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="38"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="39"/>
        <source>Archiving</source>
        <translation>Wird archiviert</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="41"/>
        <source>Key inaccessible</source>
        <translation>Schlüssel unzugänglich</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="43"/>
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="44"/>
        <source>Disabled</source>
        <translation>Deaktiviert</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="45"/>
        <source>Pending deletion</source>
        <translation>Löschen vorgemerkt</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="47"/>
        <source>Available</source>
        <translation>Verfügbar</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="48"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="50"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>StreamEnableBox</name>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="13"/>
        <source>Enable stream</source>
        <translation>Stream aktivieren</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="21"/>
        <source>New and old images</source>
        <translation>Neues und altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="22"/>
        <source>New image</source>
        <translation>Neues Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="22"/>
        <source>Old image</source>
        <translation>Altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="23"/>
        <source>Keys only</source>
        <translation>Nur Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="26"/>
        <source>View type:</source>
        <translation>Ansichtstyp:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="39"/>
        <source>The stream of %1 is turned off: its writes are not recorded. The streams below stay readable for 24 hours after they were turned off. Enable a new stream to record changes again.</source>
        <translation>Der Stream von %1 ist ausgeschaltet: Schreibvorgänge werden nicht aufgezeichnet. Die Streams unten bleiben nach dem Ausschalten 24 Stunden lang lesbar. Aktivieren Sie einen neuen Stream, um Änderungen wieder aufzuzeichnen.</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="43"/>
        <source>%1 has no stream. A stream records every change to the table&apos;s items for 24 hours, in order, for consumers such as Lambda triggers. Enable one here (or in the table&apos;s Settings in the Tables tab).</source>
        <translation>%1 hat keinen Stream. Ein Stream zeichnet jede Änderung an den Elementen der Tabelle 24 Stunden lang in ihrer Reihenfolge auf, für Konsumenten wie Lambda-Trigger. Aktivieren Sie ihn hier (oder in den Einstellungen der Tabelle im Tab „Tabellen“).</translation>
    </message>
</context>
<context>
    <name>StreamRecord</name>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="47"/>
        <source>TTL delete</source>
        <translation>TTL-Löschung</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="48"/>
        <source>write</source>
        <translation>Schreibvorgang</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="49"/>
        <source>local write</source>
        <translation>lokaler Schreibvorgang</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="50"/>
        <source>replicated from %1</source>
        <translation>repliziert aus %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="61"/>
        <source>%1 at %2 in %3</source>
        <translation>%1 am %2 in %3</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="63"/>
        <source> — deleted by Time to Live</source>
        <translation> – von Time to Live gelöscht</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="66"/>
        <source>Sequence number %1</source>
        <translation>Sequenznummer %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="67"/>
        <source>Shard %1</source>
        <translation>Shard %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="68"/>
        <source>Keys: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="71"/>
        <source>New image</source>
        <translation>Neues Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="71"/>
        <source>Old image</source>
        <translation>Altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="80"/>
        <source>No images: the stream&apos;s view type is %1.</source>
        <translation>Keine Abbilder: Der Ansichtstyp des Streams ist %1.</translation>
    </message>
</context>
<context>
    <name>StreamRecordsModel</name>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="50"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="52"/>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="54"/>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="56"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="58"/>
        <source>Sequence number</source>
        <translation>Sequenznummer</translation>
    </message>
</context>
<context>
    <name>StreamsTab</name>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="65"/>
        <location filename="../widgets/streams/streams_tab.cpp" line="354"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="83"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="85"/>
        <source>Table:</source>
        <translation>Tabelle:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="88"/>
        <source>Stream:</source>
        <translation>Stream:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="96"/>
        <source>Oldest retained record</source>
        <translation>Ältester gespeicherter Datensatz</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="97"/>
        <source>New records only</source>
        <translation>Nur neue Datensätze</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="103"/>
        <source>Read from:</source>
        <translation>Lesen ab:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="106"/>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="121"/>
        <source>Shards</source>
        <translation>Shards</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="139"/>
        <source>Select a record to see its keys and images.</source>
        <translation>Wählen Sie einen Datensatz, um seine Schlüssel und Abbilder zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="141"/>
        <source>Records</source>
        <translation>Datensätze</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="259"/>
        <source>No table in this region.</source>
        <translation>Keine Tabelle in dieser Region.</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="313"/>
        <source>%1 (current)</source>
        <translation>%1 (aktuell)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="314"/>
        <source>%1 (latest, off)</source>
        <translation>%1 (neuester, aus)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="315"/>
        <source>%1 (off)</source>
        <translation>%1 (aus)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="333"/>
        <source>No stream</source>
        <translation>Kein Stream</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="354"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="366"/>
        <source>Status: %1 · View type: %2</source>
        <translation>Status: %1 · Ansichtstyp: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="380"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n Datensatz</numerusform>
            <numerusform>%n Datensätze</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="381"/>
        <source>%1 of %n record(s)</source>
        <translation>
            <numerusform>%1 von %n Datensatz</numerusform>
            <numerusform>%1 von %n Datensätzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="382"/>
        <source> · paused, %n waiting</source>
        <translation>
            <numerusform> · angehalten, %n wartet</numerusform>
            <numerusform> · angehalten, %n warten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="383"/>
        <source> · keeps the latest %1</source>
        <translation> · die letzten %1 werden behalten</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="385"/>
        <source> (%n older dropped)</source>
        <translation>
            <numerusform> (%n älterer verworfen)</numerusform>
            <numerusform> (%n ältere verworfen)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="403"/>
        <source>Enabling a stream on %1…</source>
        <translation>Stream für %1 wird aktiviert…</translation>
    </message>
</context>
<context>
    <name>TableCopy</name>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="96"/>
        <location filename="../widgets/remote/table_copy.cpp" line="100"/>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="121"/>
        <location filename="../widgets/remote/table_copy.cpp" line="156"/>
        <source>Cancelled: %1 was created, but no items were copied.</source>
        <translation>Abgebrochen: %1 wurde erstellt, aber es wurden keine Elemente kopiert.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="133"/>
        <source>Cancelled: nothing was copied.</source>
        <translation>Abgebrochen: Es wurde nichts kopiert.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="175"/>
        <location filename="../widgets/remote/table_copy.cpp" line="312"/>
        <source>%1 was created, but no items were copied.</source>
        <translation>%1 wurde erstellt, aber es wurden keine Elemente kopiert.</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="176"/>
        <location filename="../widgets/remote/table_copy.cpp" line="316"/>
        <source>Cancelled: %1</source>
        <translation>Abgebrochen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="181"/>
        <location filename="../widgets/remote/table_copy.cpp" line="314"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/table_copy.cpp" line="275"/>
        <source>%1 wrote nothing in %n attempt(s) in a row; it is throttled or overloaded.</source>
        <translation>
            <numerusform>%1 hat in %n Versuch nichts geschrieben; die Tabelle wird gedrosselt oder ist überlastet.</numerusform>
            <numerusform>%1 hat in %n Versuchen nacheinander nichts geschrieben; die Tabelle wird gedrosselt oder ist überlastet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/table_copy.cpp" line="310"/>
        <source>%Ln item(s) were copied to %1 and stay there.</source>
        <translation>
            <numerusform>%Ln Element wurde nach %1 kopiert und bleibt dort.</numerusform>
            <numerusform>%Ln Elemente wurden nach %1 kopiert und bleiben dort.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/table_copy.cpp" line="318"/>
        <source>Copied %Ln item(s) from %1 to %2.</source>
        <translation>
            <numerusform>%Ln Element von %1 nach %2 kopiert.</numerusform>
            <numerusform>%Ln Elemente von %1 nach %2 kopiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableDetails</name>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="37"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="37"/>
        <location filename="../widgets/tables/table_details.cpp" line="202"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="134"/>
        <location filename="../widgets/tables/table_details.cpp" line="107"/>
        <source>%1 · Backfilling · %2%</source>
        <extracomment>a GSI being created: its status, then how much of the table it holds</extracomment>
        <translation>%1 · Wird aufgefüllt · %2 %</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="173"/>
        <source>General information</source>
        <translation>Allgemeine Informationen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="46"/>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <location filename="../widgets/tables/table_details.cpp" line="174"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="175"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="176"/>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="177"/>
        <source>Table ID</source>
        <translation>Tabellen-ID</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="178"/>
        <source>Item count</source>
        <translation>Anzahl der Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="179"/>
        <source>Table size</source>
        <translation>Tabellengröße</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="182"/>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="44"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <location filename="../widgets/tables/table_details.cpp" line="189"/>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="59"/>
        <source>Keys only</source>
        <translation>Nur Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="64"/>
        <source>Include: %1</source>
        <translation>Einschließen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="66"/>
        <source>All attributes</source>
        <translation>Alle Attribute</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="84"/>
        <source>Secondary indexes</source>
        <translation>Sekundäre Indizes</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="85"/>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="45"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <location filename="../widgets/tables/table_details.cpp" line="189"/>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="43"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="43"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="45"/>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <source>Projection</source>
        <translation>Projektion</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="46"/>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="105"/>
        <location filename="../widgets/tables/table_details.cpp" line="109"/>
        <source>GSI</source>
        <translation>GSI</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="105"/>
        <location filename="../widgets/tables/table_details.cpp" line="109"/>
        <source>LSI</source>
        <translation>LSI</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="124"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="129"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="129"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="129"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="132"/>
        <source>Read capacity units</source>
        <translation>Lesekapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="133"/>
        <source>Write capacity units</source>
        <translation>Schreibkapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="143"/>
        <source>Read auto scaling</source>
        <translation>Auto Scaling der Lesekapazität</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="144"/>
        <source>Write auto scaling</source>
        <translation>Auto Scaling der Schreibkapazität</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="147"/>
        <source>Last increase</source>
        <translation>Letzte Erhöhung</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="149"/>
        <source>Last decrease</source>
        <translation>Letzte Verringerung</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="151"/>
        <source>Decreases today</source>
        <translation>Verringerungen heute</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="159"/>
        <source>Index %1</source>
        <extracomment>a GSI&apos;s provisioned capacity: %1 read units, %2 their auto scaling, %3 write units, %4 their auto scaling</extracomment>
        <translation>Index %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="160"/>
        <source>Read %1 (auto scaling: %2) · Write %3 (auto scaling: %4)</source>
        <translation>Lesen %1 (Auto Scaling: %2) · Schreiben %3 (Auto Scaling: %4)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="197"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="197"/>
        <source>DynamoDB Standard-IA</source>
        <translation>DynamoDB Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="197"/>
        <source>DynamoDB Standard</source>
        <translation>DynamoDB Standard</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="199"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="201"/>
        <source>DynamoDB stream</source>
        <translation>DynamoDB-Stream</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="203"/>
        <source>Latest stream ARN</source>
        <translation>Neuester Stream-ARN</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="205"/>
        <source>Encryption at rest</source>
        <translation>Verschlüsselung im Ruhezustand</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="206"/>
        <source>KMS: %1</source>
        <translation>KMS: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="207"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Im Besitz von Amazon DynamoDB</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="210"/>
        <source>KMS key inaccessible since</source>
        <translation>KMS-Schlüssel unzugänglich seit</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="212"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="213"/>
        <source>Archival backup</source>
        <translation>Archiv-Backup</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="215"/>
        <source>Deletion protection</source>
        <translation>Löschschutz</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="219"/>
        <source>Global table replicas</source>
        <translation>Replikate der globalen Tabelle</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="221"/>
        <source>Replicas</source>
        <translation>Replikate</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="225"/>
        <location filename="../widgets/tables/table_details.cpp" line="227"/>
        <location filename="../widgets/tables/table_details.cpp" line="229"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="139"/>
        <location filename="../widgets/tables/table_details.cpp" line="227"/>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="85"/>
        <location filename="../widgets/tables/table_details.cpp" line="221"/>
        <location filename="../widgets/tables/table_details.cpp" line="229"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
</context>
<context>
    <name>TableEncryptionBox</name>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="16"/>
        <source>Encryption at rest</source>
        <translation>Verschlüsselung im Ruhezustand</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="23"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Im Besitz von Amazon DynamoDB</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="24"/>
        <source>AWS managed key (aws/dynamodb)</source>
        <translation>Von AWS verwalteter Schlüssel (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="25"/>
        <source>Customer managed KMS key</source>
        <translation>Kundenverwalteter KMS-Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="30"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="31"/>
        <source>KMS key</source>
        <translation>KMS-Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="99"/>
        <source>The KMS key has been inaccessible since %1: the table serves no requests. Enable the key within 7 days, or the table is archived.</source>
        <translation>Der KMS-Schlüssel ist seit %1 nicht zugänglich: Die Tabelle beantwortet keine Anfragen. Aktivieren Sie den Schlüssel binnen 7 Tagen, sonst wird die Tabelle archiviert.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="104"/>
        <source>The KMS key is inaccessible: the table serves no requests and replication to and from it has stopped. Enable the key within 20 hours, or the replica leaves its global table.</source>
        <translation>Der KMS-Schlüssel ist nicht zugänglich: Die Tabelle beantwortet keine Anfragen, und die Replikation von und zu ihr ist angehalten. Aktivieren Sie den Schlüssel binnen 20 Stunden, sonst verlässt das Replikat seine globale Tabelle.</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="109"/>
        <source>Archived because its KMS key stayed inaccessible: restore the archival backup to read its items.</source>
        <translation>Archiviert, weil der KMS-Schlüssel unzugänglich blieb: Stellen Sie das Archiv-Backup wieder her, um die Elemente zu lesen.</translation>
    </message>
</context>
<context>
    <name>TableSettingsPanel</name>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="23"/>
        <source>Protect the table from deletion</source>
        <translation>Tabelle vor dem Löschen schützen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="33"/>
        <source>Apply changes</source>
        <translation>Änderungen anwenden</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="34"/>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="43"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="44"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="52"/>
        <source>DynamoDB Standard</source>
        <translation>DynamoDB Standard</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="53"/>
        <source>DynamoDB Standard-IA</source>
        <translation>DynamoDB Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="57"/>
        <source>Keys only</source>
        <translation>Nur Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="58"/>
        <source>New image</source>
        <translation>Neues Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="59"/>
        <source>Old image</source>
        <translation>Altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="60"/>
        <source>New and old images</source>
        <translation>Neues und altes Abbild</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="63"/>
        <source>Attribute name, e.g. expiresAt</source>
        <translation>Attributname, z. B. expiresAt</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="86"/>
        <source>Table settings</source>
        <translation>Tabelleneinstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="89"/>
        <source>Deletion protection</source>
        <translation>Löschschutz</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="90"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="93"/>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="96"/>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="98"/>
        <source>Read capacity units</source>
        <translation>Lesekapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="99"/>
        <source>Write capacity units</source>
        <translation>Schreibkapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="100"/>
        <source>Capacity units</source>
        <translation>Kapazitätseinheiten</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="101"/>
        <source>Auto scaling</source>
        <translation>Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="102"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="106"/>
        <source>DynamoDB stream</source>
        <translation>DynamoDB-Stream</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="339"/>
        <source>DynamoDB did not change the encryption of %1: %2</source>
        <translation>DynamoDB hat die Verschlüsselung von %1 nicht geändert: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="343"/>
        <source>The table is encrypted with the new key once DynamoDB has made the change.</source>
        <translation>Die Tabelle ist mit dem neuen Schlüssel verschlüsselt, sobald DynamoDB die Änderung vorgenommen hat.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="392"/>
        <source>DynamoDB did not change the Time to Live of %1: %2</source>
        <translation>DynamoDB hat die Time to Live von %1 nicht geändert: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="406"/>
        <source>Time to Live is on. DynamoDB deletes each item within a few days after the time in its “%1” attribute.</source>
        <translation>Time to Live ist eingeschaltet. DynamoDB löscht jedes Element innerhalb weniger Tage nach der Zeit in seinem Attribut „%1“.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="409"/>
        <source>Time to Live is off. Items no longer expire.</source>
        <translation>Time to Live ist ausgeschaltet. Elemente laufen nicht mehr ab.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="56"/>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="290"/>
        <source>Stream view type</source>
        <translation>Stream-Ansichtstyp</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="28"/>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="30"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="110"/>
        <source>Time to Live</source>
        <translation>Time to Live (TTL)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="114"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="118"/>
        <source>Expire items</source>
        <translation>Elemente ablaufen lassen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="288"/>
        <source>To change the view type, turn the stream off, apply, then turn it on again.</source>
        <translation>Um den Ansichtstyp zu ändern, schalten Sie den Stream aus, wenden Sie die Änderung an und schalten Sie ihn wieder ein.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="297"/>
        <source>To use another attribute, turn Time to Live off, apply, then turn it on again with the new name (DynamoDB allows one change per hour).</source>
        <translation>Um ein anderes Attribut zu verwenden, schalten Sie Time to Live aus, wenden Sie die Änderung an und schalten Sie es mit dem neuen Namen wieder ein (DynamoDB erlaubt eine Änderung pro Stunde).</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="299"/>
        <source>The Number attribute that holds each item&apos;s expiry time, in seconds since 1970 (Unix epoch time).</source>
        <translation>Das Number-Attribut mit der Ablaufzeit jedes Elements, in Sekunden seit 1970 (Unix-Epochenzeit).</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="304"/>
        <source>Enabled: items expire at the time in “%1”.</source>
        <translation>Aktiviert: Elemente laufen zur Zeit in „%1“ ab.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="305"/>
        <source>Disabled: items do not expire.</source>
        <translation>Deaktiviert: Elemente laufen nicht ab.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="330"/>
        <source>Name the attribute that holds each item&apos;s expiry time.</source>
        <translation>Geben Sie das Attribut an, das die Ablaufzeit jedes Elements enthält.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="349"/>
        <source>DynamoDB did not change the settings of %1: %2</source>
        <translation>DynamoDB hat die Einstellungen von %1 nicht geändert: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="354"/>
        <source>Applied. The table is Updating until DynamoDB has made the change.</source>
        <translation>Angewendet. Die Tabelle wird aktualisiert, bis DynamoDB die Änderung vorgenommen hat.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="356"/>
        <source>Applied.</source>
        <translation>Angewendet.</translation>
    </message>
</context>
<context>
    <name>TableTagsEditor</name>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="31"/>
        <source>Add tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="32"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="33"/>
        <source>Save tags</source>
        <translation>Tags speichern</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="34"/>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="39"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="39"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="54"/>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="137"/>
        <source>Could not read the tags: %1</source>
        <translation>Die Tags konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="215"/>
        <source>Every tag needs a key.</source>
        <translation>Jedes Tag braucht einen Schlüssel.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="216"/>
        <source>The key %1 is given twice.</source>
        <translation>Der Schlüssel %1 kommt zweimal vor.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="275"/>
        <source>Saved. DynamoDB lists the new tags about two seconds from now.</source>
        <translation>Gespeichert. DynamoDB listet die neuen Tags in etwa zwei Sekunden auf.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="277"/>
        <source>The removals were saved, but DynamoDB accepts one tag change every 1.5 seconds and refused the rest. Save again in a moment.</source>
        <translation>Die Entfernungen wurden gespeichert, aber DynamoDB nimmt nur alle 1,5 Sekunden eine Tag-Änderung an und hat den Rest abgelehnt. Speichern Sie gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="279"/>
        <source>DynamoDB accepts one tag change every 1.5 seconds and refused this one. Save again in a moment.</source>
        <translation>DynamoDB nimmt nur alle 1,5 Sekunden eine Tag-Änderung an und hat diese abgelehnt. Speichern Sie gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="283"/>
        <source>DynamoDB did not save the tags: %1</source>
        <translation>DynamoDB hat die Tags nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>TablesModel</name>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="129"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="129"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="135"/>
        <source>Standard-IA</source>
        <translation>Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="136"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="150"/>
        <source>On</source>
        <translation>Ein</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="152"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="154"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="165"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="167"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="169"/>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="171"/>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="173"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="175"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="177"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="179"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="181"/>
        <source>Replica regions</source>
        <translation>Replikatregionen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="183"/>
        <source>PITR</source>
        <translation>PITR</translation>
    </message>
</context>
<context>
    <name>TablesTab</name>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="48"/>
        <source>Create table</source>
        <translation>Tabelle erstellen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="50"/>
        <location filename="../widgets/tables/tables_tab.cpp" line="314"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="52"/>
        <source>Explore items</source>
        <translation>Elemente durchsuchen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="54"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="73"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="74"/>
        <location filename="../widgets/tables/tables_tab.cpp" line="276"/>
        <source>Indexes</source>
        <translation>Indizes</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="80"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="99"/>
        <source>Create index…</source>
        <translation>Index erstellen…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="104"/>
        <source>Copy to another region…</source>
        <translation>In eine andere Region kopieren…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="127"/>
        <source>Updating table %1…</source>
        <translation>Tabelle %1 wird aktualisiert …</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="201"/>
        <source>Could not list tables: %1</source>
        <translation>Tabellen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="276"/>
        <source>Indexes (%1)</source>
        <translation>Indizes (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="288"/>
        <source>Creating table %1…</source>
        <translation>Tabelle %1 wird erstellt …</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="308"/>
        <source>Delete tables</source>
        <translation>Tabellen löschen</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/tables/tables_tab.cpp" line="309"/>
        <source>Delete %n table(s) in %1? All items are deleted and cannot be recovered.

%2</source>
        <translation>
            <numerusform>%n Tabelle in %1 löschen? Alle Elemente werden gelöscht und können nicht wiederhergestellt werden.

%2</numerusform>
            <numerusform>%n Tabellen in %1 löschen? Alle Elemente werden gelöscht und können nicht wiederhergestellt werden.

%2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="332"/>
        <source>Deleting table %1…</source>
        <translation>Tabelle %1 wird gelöscht …</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="334"/>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="20"/>
        <source>Creating index %1 on %2…</source>
        <translation>Index %1 für %2 wird erstellt…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="32"/>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="39"/>
        <source>Delete index</source>
        <translation>Index löschen</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="33"/>
        <source>Delete the global secondary index %1 of table %2?</source>
        <translation>Den globalen sekundären Index %1 der Tabelle %2 löschen?</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="35"/>
        <source>Queries and scans of the index stop working; the table and its items in %1 are not affected.</source>
        <translation>Abfragen und Scans des Index funktionieren dann nicht mehr; die Tabelle und ihre Elemente in %1 bleiben unberührt.</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="56"/>
        <source>Could not delete index %1 of %2: %3</source>
        <translation>Index %1 von %2 konnte nicht gelöscht werden: %3</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="60"/>
        <source>Deleting index %1 of %2…</source>
        <translation>Index %1 von %2 wird gelöscht…</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <location filename="../widgets/common/time_chart.cpp" line="61"/>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="178"/>
        <source>seconds (engine time)</source>
        <translation>Sekunden (Engine-Zeit)</translation>
    </message>
</context>
<context>
    <name>TtlExpiry</name>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="42"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="43"/>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="44"/>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="45"/>
        <source>%1 d</source>
        <translation>%1 Tg.</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="48"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="49"/>
        <source>expired %1 ago, pending deletion</source>
        <translation>vor %1 abgelaufen, Löschung ausstehend</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="53"/>
        <source>%1 · %2</source>
        <comment>expiry: local date and time · relative time</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="59"/>
        <source>Expires at %1 (local time), from its “%2” attribute. DynamoDB then deletes the item within a few days.</source>
        <translation>Läuft am %1 (Ortszeit) ab, laut seinem Attribut „%2“. DynamoDB löscht das Element dann innerhalb weniger Tage.</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="62"/>
        <source>Expired at %1 (local time), from its “%2” attribute. DynamoDB deletes the item within a few days; until then reads still return it.</source>
        <translation>Am %1 (Ortszeit) abgelaufen, laut seinem Attribut „%2“. DynamoDB löscht das Element innerhalb weniger Tage; bis dahin liefern Lesevorgänge es weiterhin.</translation>
    </message>
</context>
<context>
    <name>WriteScalingRefusal</name>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="13"/>
        <source>A global secondary index of %1 has provisioned write capacity without auto scaling.</source>
        <translation>Ein globaler sekundärer Index von %1 hat bereitgestellte Schreibkapazität ohne Auto Scaling.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="16"/>
        <source>%1 has provisioned write capacity without auto scaling.</source>
        <translation>%1 hat bereitgestellte Schreibkapazität ohne Auto Scaling.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="18"/>
        <source>DynamoDB adds replicas only to a table whose write capacity, and that of each global secondary index, is auto scaled or on-demand, so that every replica keeps up with the writes replicated to it. Turn on write auto scaling, or switch the table to on-demand capacity in its Settings, then create the replica again.</source>
        <translation>DynamoDB fügt Replikate nur einer Tabelle hinzu, deren Schreibkapazität – und die jedes globalen sekundären Index – per Auto Scaling skaliert wird oder On-Demand ist, damit jedes Replikat mit den zu ihm replizierten Schreibvorgängen Schritt hält. Aktivieren Sie Auto Scaling der Schreibkapazität oder stellen Sie die Tabelle in ihren Einstellungen auf On-Demand-Kapazität um, und erstellen Sie das Replikat dann erneut.</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="23"/>
        <source>DynamoDB said: %1</source>
        <translation>Meldung von DynamoDB: %1</translation>
    </message>
</context>
<context>
    <name>headless</name>
    <message>
        <location filename="../app/headless.cpp" line="45"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="47"/>
        <source>%1 %2 %3 %4 %5 ms %6</source>
        <translation>%1 %2 %3 %4 %5 ms %6</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="76"/>
        <source>Cannot read the key file %1: %2</source>
        <translation>Die Schlüsseldatei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="89"/>
        <source>%1:%2: expected ACCESS_KEY_ID SECRET_ACCESS_KEY, separated by a space.</source>
        <translation>%1:%2: erwartet ACCESS_KEY_ID SECRET_ACCESS_KEY, durch ein Leerzeichen getrennt.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="103"/>
        <source>Invalid key pair &apos;%1&apos;: expected ACCESS_KEY_ID:SECRET_ACCESS_KEY.</source>
        <translation>Ungültiges Schlüsselpaar „%1“: erwartet ACCESS_KEY_ID:SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="111"/>
        <source>The key file %1 holds no key pairs.</source>
        <translation>Die Schlüsseldatei %1 enthält keine Schlüsselpaare.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="123"/>
        <source>Invalid listen address &apos;%1&apos;: expected HOST:PORT.</source>
        <translation>Ungültige Adresse &apos;%1&apos;: erwartet wird HOST:PORT.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="127"/>
        <source>--tls-cert and --tls-key go together: give both files or neither.</source>
        <translation>--tls-cert und --tls-key gehören zusammen: beide Dateien angeben oder keine.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="130"/>
        <source>Refusing to listen on %1 without authentication: an address other than loopback (127.0.0.1, ::1, localhost) needs --require-auth FILE or --auth-key ACCESS_KEY_ID:SECRET_ACCESS_KEY.</source>
        <translation>Lauschen auf %1 ohne Authentifizierung abgelehnt: eine Adresse außer Loopback (127.0.0.1, ::1, localhost) erfordert --require-auth FILE oder --auth-key ACCESS_KEY_ID:SECRET_ACCESS_KEY.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="149"/>
        <source>Cannot install the signal handlers.</source>
        <translation>Die Signal-Handler können nicht eingerichtet werden.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="174"/>
        <source>Cannot start the endpoint: %1</source>
        <translation>Der Endpunkt kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="178"/>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="181"/>
        <source>Warning: without --tls-cert and --tls-key, requests and answers cross the network unencrypted.</source>
        <translation>Warnung: ohne --tls-cert und --tls-key gehen Anfragen und Antworten unverschlüsselt über das Netzwerk.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="188"/>
        <source>Stopping: finishing the requests in flight…</source>
        <translation>Wird beendet: laufende Anfragen werden abgeschlossen …</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="95"/>
        <source>A console for multi-region DynamoDB tables, offline.</source>
        <translation>Eine Konsole für DynamoDB-Tabellen über mehrere Regionen, offline.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="99"/>
        <source>Keep all data in &lt;dir&gt;.</source>
        <translation>Alle Daten in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="103"/>
        <source>Create the sample courses table in an empty data directory.</source>
        <translation>Die Beispieltabelle „courses“ in einem leeren Datenverzeichnis anlegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="107"/>
        <source>Run engine time &lt;factor&gt; times faster than the clock.</source>
        <translation>Die Engine-Zeit &lt;factor&gt;-mal schneller als die Uhr laufen lassen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="110"/>
        <source>Start in region &lt;code&gt;.</source>
        <translation>In Region &lt;code&gt; starten.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="88"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>Endpoint: %1</source>
        <translation>Endpunkt: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="60"/>
        <source>The endpoint could not start: %1</source>
        <translation>Der Endpunkt konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="62"/>
        <source>Endpoint: off</source>
        <translation>Endpunkt: aus</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="114"/>
        <source>Serve the DynamoDB endpoint of the console on &lt;port&gt;.</source>
        <translation>Den DynamoDB-Endpunkt der Konsole auf &lt;port&gt; bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="118"/>
        <source>Run the engine and its endpoint without a window.</source>
        <translation>Engine und Endpunkt ohne Fenster ausführen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="121"/>
        <source>Headless: serve the DynamoDB endpoint on &lt;host:port&gt;.</source>
        <translation>Ohne Fenster: den DynamoDB-Endpunkt auf &lt;host:port&gt; bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="124"/>
        <source>Headless: log every request.</source>
        <translation>Ohne Fenster: jede Anfrage protokollieren.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="127"/>
        <source>Check SigV4 signatures against the key pairs in &lt;file&gt;, one &quot;ACCESS_KEY_ID SECRET_ACCESS_KEY&quot; a line.</source>
        <translation>SigV4-Signaturen gegen die Schlüsselpaare in &lt;file&gt; prüfen, ein „ACCESS_KEY_ID SECRET_ACCESS_KEY“ pro Zeile.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="133"/>
        <source>Check SigV4 signatures; accept this key pair (repeatable, adds to --require-auth).</source>
        <translation>SigV4-Signaturen prüfen; dieses Schlüsselpaar akzeptieren (wiederholbar, ergänzt --require-auth).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="139"/>
        <source>Headless: serve HTTPS only, with the certificate chain in &lt;file&gt; (PEM, the server&apos;s certificate first).</source>
        <translation>Ohne Fenster: nur HTTPS bereitstellen, mit der Zertifikatskette in &lt;file&gt; (PEM, das Zertifikat des Servers zuerst).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="145"/>
        <source>Headless: the private key (PEM) of --tls-cert.</source>
        <translation>Ohne Fenster: der private Schlüssel (PEM) zu --tls-cert.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="149"/>
        <source>Do not refuse requests past a provisioned table&apos;s capacity (as DynamoDB Local does); the service refuses them.</source>
        <translation>Anfragen über die Kapazität einer Tabelle mit bereitgestelltem Durchsatz hinaus nicht ablehnen (wie DynamoDB Local); der Dienst lehnt sie ab.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="154"/>
        <source>Map at most &lt;MB&gt; of each region&apos;s database file into memory (0: none; reads then go through the page cache).</source>
        <translation>Höchstens &lt;MB&gt; der Datenbankdatei jeder Region in den Arbeitsspeicher abbilden (0: nichts; Lesezugriffe laufen dann über den Seitencache).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="159"/>
        <source>Save screenshots to &lt;dir&gt;.</source>
        <translation>Bildschirmfotos in &lt;dir&gt; speichern.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="164"/>
        <source>Play the fault scenario &lt;file&gt; headless on engine time, as fast as possible, and print a summary.</source>
        <translation>Das Fehlerszenario &lt;file&gt; ohne Fenster in Engine-Zeit so schnell wie möglich abspielen und eine Zusammenfassung ausgeben.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="170"/>
        <source>With --scenario: write the report to &lt;file&gt; (JSON).</source>
        <translation>Mit --scenario: den Bericht in &lt;file&gt; schreiben (JSON).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="174"/>
        <source>With --scenario: use &lt;n&gt; instead of the file&apos;s seed.</source>
        <translation>Mit --scenario: &lt;n&gt; statt des Seeds der Datei verwenden.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="186"/>
        <source>The seed must be a whole number.</source>
        <translation>Der Seed muss eine ganze Zahl sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="196"/>
        <source>The time scale must be a positive number.</source>
        <translation>Der Zeitfaktor muss eine positive Zahl sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="201"/>
        <source>The port must be a number from 0 to 65535.</source>
        <translation>Der Port muss eine Zahl von 0 bis 65535 sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="207"/>
        <source>The map size must be a number of megabytes from 0 to 1048576.</source>
        <translation>Die Map-Größe muss eine Anzahl Megabyte von 0 bis 1048576 sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="238"/>
        <source>Cannot open the data directory:
%1</source>
        <translation>Das Datenverzeichnis kann nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="262"/>
        <source>The sample data could not be written: %1</source>
        <translation>Die Beispieldaten konnten nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>scenario</name>
    <message>
        <location filename="../app/headless_scenario.cpp" line="24"/>
        <source>Cannot read the scenario %1: %2</source>
        <translation>Das Szenario %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="31"/>
        <source>The scenario %1 is not valid JSON.</source>
        <translation>Das Szenario %1 ist kein gültiges JSON.</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="36"/>
        <source>The scenario %1 is invalid: %2</source>
        <translation>Das Szenario %1 ist ungültig: %2</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="48"/>
        <source>Cannot create a working directory: %1</source>
        <translation>Es kann kein Arbeitsverzeichnis angelegt werden: %1</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="59"/>
        <source>The scenario failed: %1</source>
        <translation>Das Szenario ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="67"/>
        <source>Cannot write the report %1: %2</source>
        <translation>Der Bericht %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="75"/>
        <source>%1: %2 s of engine time in %3 s; writes served %4, refused %5, throttled %6; acknowledged writes lost %7; last-writer-wins conflicts %8</source>
        <translation>%1: %2 s Engine-Zeit in %3 s; Schreibvorgänge ausgeführt %4, abgewiesen %5, gedrosselt %6; bestätigte Schreibvorgänge verloren %7; Last-Writer-Wins-Konflikte %8</translation>
    </message>
</context>
</TS>
