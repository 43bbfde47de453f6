<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
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
        <translation>メイン</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="23"/>
        <source>Region:</source>
        <translation>リージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="28"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="32"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="48"/>
        <source>Data: %1</source>
        <translation>データ: %1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="50"/>
        <source>Time ×%1</source>
        <translation>時間 ×%1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="86"/>
        <source>Could not list tables: %1</source>
        <translation>テーブルを一覧表示できません: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/main_window.cpp" line="74"/>
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n 個のテーブル</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SampleData</name>
    <message>
        <location filename="../app/sample_data.cpp" line="43"/>
        <source>The sample data is missing from the application.</source>
        <translation>アプリケーションにサンプルデータがありません。</translation>
    </message>
</context>
<context>
    <name>TablesModel</name>
    <message>
        <location filename="../widgets/tables_model.cpp" line="95"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="95"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="101"/>
        <source>Standard-IA</source>
        <translation>標準 IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="102"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="112"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="113"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="114"/>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="115"/>
        <source>Sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="116"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="117"/>
        <source>Table class</source>
        <translation>テーブルクラス</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="118"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="119"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="37"/>
        <source>A console for multi-region DynamoDB tables, offline.</source>
        <translation>マルチリージョン DynamoDB テーブルのためのオフラインコンソール。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="41"/>
        <source>Keep all data in &lt;dir&gt;.</source>
        <translation>すべてのデータを &lt;dir&gt; に保存します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="44"/>
        <source>Create the sample courses table in an empty data directory.</source>
        <translation>空のデータディレクトリにサンプルの courses テーブルを作成します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="47"/>
        <source>Run engine time &lt;factor&gt; times faster than the clock.</source>
        <translation>エンジン時間を時計の &lt;factor&gt; 倍の速さで進めます。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="51"/>
        <source>Start in region &lt;code&gt;.</source>
        <translation>リージョン &lt;code&gt; で起動します。</translation>
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
        <translation>時間倍率は正の数でなければなりません。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="74"/>
        <source>Cannot open the data directory:
%1</source>
        <translation>データディレクトリを開けません:
%1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="87"/>
        <source>The sample data could not be written: %1</source>
        <translation>サンプルデータを書き込めませんでした: %1</translation>
    </message>
</context>
</TS>
