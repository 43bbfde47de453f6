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
        <location filename="../widgets/main_window.cpp" line="28"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="32"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="48"/>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="50"/>
        <source>Time ×%1</source>
        <translation>Zeit ×%1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="86"/>
        <source>Could not list tables: %1</source>
        <translation>Tabellen konnten nicht aufgelistet werden: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/main_window.cpp" line="74"/>
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
        <location filename="../app/sample_data.cpp" line="43"/>
        <source>The sample data is missing from the application.</source>
        <translation>Die Beispieldaten fehlen in der Anwendung.</translation>
    </message>
</context>
<context>
    <name>TablesModel</name>
    <message>
        <location filename="../widgets/tables_model.cpp" line="95"/>
        <source>On-demand</source>
        <translation>On-Demand</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="95"/>
        <source>Provisioned</source>
        <translation>Bereitgestellt</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="101"/>
        <source>Standard-IA</source>
        <translation>Standard-IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="102"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="112"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="113"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="114"/>
        <source>Partition key</source>
        <translation>Partitionsschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="115"/>
        <source>Sort key</source>
        <translation>Sortierschlüssel</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="116"/>
        <source>Capacity mode</source>
        <translation>Kapazitätsmodus</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="117"/>
        <source>Table class</source>
        <translation>Tabellenklasse</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="118"/>
        <source>Items</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="119"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="37"/>
        <source>A console for multi-region DynamoDB tables, offline.</source>
        <translation>Eine Konsole für DynamoDB-Tabellen über mehrere Regionen, offline.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="41"/>
        <source>Keep all data in &lt;dir&gt;.</source>
        <translation>Alle Daten in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="44"/>
        <source>Create the sample courses table in an empty data directory.</source>
        <translation>Die Beispieltabelle „courses“ in einem leeren Datenverzeichnis anlegen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="47"/>
        <source>Run engine time &lt;factor&gt; times faster than the clock.</source>
        <translation>Die Engine-Zeit &lt;factor&gt;-mal schneller als die Uhr laufen lassen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="51"/>
        <source>Start in region &lt;code&gt;.</source>
        <translation>In Region &lt;code&gt; starten.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="62"/>
        <location filename="../app/main.cpp" line="73"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="63"/>
        <source>The time scale must be a positive number.</source>
        <translation>Der Zeitfaktor muss eine positive Zahl sein.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="74"/>
        <source>Cannot open the data directory:
%1</source>
        <translation>Das Datenverzeichnis kann nicht geöffnet werden:
%1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="87"/>
        <source>The sample data could not be written: %1</source>
        <translation>Die Beispieldaten konnten nicht geschrieben werden: %1</translation>
    </message>
</context>
</TS>
