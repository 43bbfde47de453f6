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
        <location filename="../widgets/main_window.cpp" line="30"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="34"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="50"/>
        <source>Data: %1</source>
        <translation>データ: %1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="52"/>
        <source>Time ×%1</source>
        <translation>時間 ×%1</translation>
    </message>
    <message>
        <location filename="../widgets/main_window.cpp" line="94"/>
        <source>Could not list tables: %1</source>
        <translation>テーブルを一覧表示できません: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/main_window.cpp" line="78"/>
        <source>%n table(s)</source>
        <translation>
            <numerusform>%n 個のテーブル</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SampleData</name>
    <message>
        <location filename="../app/sample_data.cpp" line="42"/>
        <source>The sample data is missing from the application.</source>
        <translation>アプリケーションにサンプルデータがありません。</translation>
    </message>
</context>
<context>
    <name>TablesModel</name>
    <message>
        <location filename="../widgets/tables_model.cpp" line="99"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="99"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="105"/>
        <source>Standard-IA</source>
        <translation>標準 IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="106"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="120"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="122"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="124"/>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="126"/>
        <source>Sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="128"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="130"/>
        <source>Table class</source>
        <translation>テーブルクラス</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="132"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/tables_model.cpp" line="134"/>
        <source>Size</source>
        <translation>サイズ</translation>
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
        <translation>待ち受けアドレス &apos;%1&apos; が無効です。HOST:PORT の形式で指定してください。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="77"/>
        <source>Cannot install the signal handlers.</source>
        <translation>シグナルハンドラーを設定できません。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="99"/>
        <source>Cannot start the endpoint: %1</source>
        <translation>エンドポイントを開始できません: %1</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="103"/>
        <source>Listening on %1</source>
        <translation>%1 で待ち受けています</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="108"/>
        <source>Stopping: finishing the requests in flight…</source>
        <translation>停止中: 処理中のリクエストを完了しています…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="80"/>
        <source>A console for multi-region DynamoDB tables, offline.</source>
        <translation>マルチリージョン DynamoDB テーブルのためのオフラインコンソール。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="84"/>
        <source>Keep all data in &lt;dir&gt;.</source>
        <translation>すべてのデータを &lt;dir&gt; に保存します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="88"/>
        <source>Create the sample courses table in an empty data directory.</source>
        <translation>空のデータディレクトリにサンプルの courses テーブルを作成します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="92"/>
        <source>Run engine time &lt;factor&gt; times faster than the clock.</source>
        <translation>エンジン時間を時計の &lt;factor&gt; 倍の速さで進めます。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="95"/>
        <source>Start in region &lt;code&gt;.</source>
        <translation>リージョン &lt;code&gt; で起動します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="73"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="46"/>
        <source>Endpoint: %1</source>
        <translation>エンドポイント: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="49"/>
        <source>The endpoint could not start: %1</source>
        <translation>エンドポイントを開始できませんでした: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="51"/>
        <source>Endpoint: off</source>
        <translation>エンドポイント: オフ</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="99"/>
        <source>Serve the DynamoDB endpoint of the console on &lt;port&gt;.</source>
        <translation>コンソールの DynamoDB エンドポイントを &lt;port&gt; で提供します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="103"/>
        <source>Run the engine and its endpoint without a window.</source>
        <translation>ウィンドウなしでエンジンとエンドポイントを実行します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="106"/>
        <source>Headless: serve the DynamoDB endpoint on &lt;host:port&gt;.</source>
        <translation>ヘッドレス: DynamoDB エンドポイントを &lt;host:port&gt; で提供します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="109"/>
        <source>Headless: log every request.</source>
        <translation>ヘッドレス: すべてのリクエストをログに記録します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="118"/>
        <source>The time scale must be a positive number.</source>
        <translation>時間倍率は正の数でなければなりません。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="123"/>
        <source>The port must be a number from 0 to 65535.</source>
        <translation>ポートは 0 から 65535 までの数値で指定してください。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="132"/>
        <source>Cannot open the data directory:
%1</source>
        <translation>データディレクトリを開けません:
%1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="145"/>
        <source>The sample data could not be written: %1</source>
        <translation>サンプルデータを書き込めませんでした: %1</translation>
    </message>
</context>
</TS>
