<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/main_window.cpp" line="17"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="20"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="23"/>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="30"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="34"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="50"/>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="52"/>
        <source>Time ×%1</source>
        <translation>Zeit ×%1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="94"/>
        <source>Could not list tables: %1</source>
        <translation>Tabellen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/main_window.cpp" line="78"/>
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n Tabelle</numerusform>
            <numerusform>%n Tabellen</numerusform>
        </translation>
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
    <name>TablesModel</name>
    <message>
        <location filename="../widgets/tables_model.cpp" line="99"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="99"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="105"/>
        <source>Standard-IA</source>
        <translation>Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="106"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="120"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="122"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="124"/>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="126"/>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="128"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="130"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="132"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="134"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>headless</name>
    <message>
        <location filename="../app/headless.cpp" line="43"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="45"/>
        <source>%1 %2 %3 %4 %5 ms %6</source>
        <translation>%1 %2 %3 %4 %5 ms %6</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="70"/>
        <source>Invalid listen address &apos;%1&apos;: expected HOST:PORT.</source>
        <translation>Ungültige Adresse &apos;%1&apos;: erwartet wird HOST:PORT.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="77"/>
        <source>Cannot install the signal handlers.</source>
        <translation>Die Signal-Handler können nicht eingerichtet werden.</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="99"/>
        <source>Cannot start the endpoint: %1</source>
        <translation>Der Endpunkt kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="103"/>
        <source>Listening on %1</source>
        <translation>Lauscht auf %1</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="108"/>
        <source>Stopping: finishing the requests in flight…</source>
        <translation>Wird beendet: laufende Anfragen werden abgeschlossen …</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="80"/>
        <source>A console for multi-region DynamoDB tables, offline.</source>
        <translation>Eine Konsole für DynamoDB-Tabellen über mehrere Regionen, offline.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="84"/>
        <source>Keep all data in &lt;dir&gt;.</source>
        <translation>Alle Daten in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="88"/>
        <source>Create the sample courses table in an empty data directory.</source>
        <translation>Die Beispieltabelle „courses“ in einem leeren Datenverzeichnis anlegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="92"/>
        <source>Run engine time &lt;factor&gt; times faster than the clock.</source>
        <translation>Die Engine-Zeit &lt;factor&gt;-mal schneller als die Uhr laufen lassen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="95"/>
        <source>Start in region &lt;code&gt;.</source>
        <translation>In Region &lt;code&gt; starten.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="73"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="46"/>
        <source>Endpoint: %1</source>
        <translation>Endpunkt: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="49"/>
        <source>The endpoint could not start: %1</source>
        <translation>Der Endpunkt konnte nicht starten: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="51"/>
        <source>Endpoint: off</source>
        <translation>Endpunkt: aus</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="99"/>
        <source>Serve the DynamoDB endpoint of the console on &lt;port&gt;.</source>
        <translation>Den DynamoDB-Endpunkt der Konsole auf &lt;port&gt; bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="103"/>
        <source>Run the engine and its endpoint without a window.</source>
        <translation>Engine und Endpunkt ohne Fenster ausführen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="106"/>
        <source>Headless: serve the DynamoDB endpoint on &lt;host:port&gt;.</source>
        <translation>Ohne Fenster: den DynamoDB-Endpunkt auf &lt;host:port&gt; bereitstellen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="109"/>
        <source>Headless: log every request.</source>
        <translation>Ohne Fenster: jede Anfrage protokollieren.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="118"/>
        <source>The time scale must be a positive number.</source>
        <translation>Der Zeitfaktor muss eine positive Zahl sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="123"/>
        <source>The port must be a number from 0 to 65535.</source>
        <translation>Der Port muss eine Zahl von 0 bis 65535 sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="132"/>
        <source>Cannot open the data directory:
%1</source>
        <translation>Das Datenverzeichnis kann nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="145"/>
        <source>The sample data could not be written: %1</source>
        <translation>Die Beispieldaten konnten nicht geschrieben werden: %1</translation>
    </message>
</context>
</TS>
