<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AccessKeysEditor</name>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="10"/>
        <source>Access key ID:</source>
        <translation>アクセスキー ID:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="11"/>
        <source>e.g. AKIAIOSFODNN7EXAMPLE</source>
        <translation>例: AKIAIOSFODNN7EXAMPLE</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="12"/>
        <source>Secret access key:</source>
        <translation>シークレットアクセスキー:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="14"/>
        <source>Session token:</source>
        <translation>セッショントークン:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="16"/>
        <source>Optional: only for temporary keys</source>
        <translation>任意: 一時的なキーの場合のみ</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="18"/>
        <source>Kept in the system keychain, never in the settings.</source>
        <translation>システムのキーチェーンに保管され、設定には保存されません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="41"/>
        <source>Checking the system keychain…</source>
        <translation>システムのキーチェーンを確認しています…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="48"/>
        <source>Reading the keys of %1 from the system keychain…</source>
        <translation>%1 のキーをシステムのキーチェーンから読み取っています…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="55"/>
        <source>Access key %1 is kept in the system keychain. Type new keys to replace it.</source>
        <translation>アクセスキー %1 がシステムのキーチェーンに保管されています。置き換えるには新しいキーを入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="72"/>
        <source>The system keychain holds no keys for %1: type them again.</source>
        <translation>システムのキーチェーンに %1 のキーがありません。もう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="74"/>
        <source>The keys are kept in the system keychain, never in the settings.</source>
        <translation>キーはシステムのキーチェーンに保管され、設定には保存されません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="101"/>
        <source>Enter the access key ID and the secret access key.</source>
        <translation>アクセスキー ID とシークレットアクセスキーを入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="103"/>
        <source>Enter the access key ID too.</source>
        <translation>アクセスキー ID も入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="104"/>
        <source>Enter the secret access key too.</source>
        <translation>シークレットアクセスキーも入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="106"/>
        <source>Access keys hold no spaces.</source>
        <translation>アクセスキーに空白は含まれません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="123"/>
        <source>Saving the keys in the system keychain…</source>
        <translation>キーをシステムのキーチェーンに保存しています…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/access_keys_editor.cpp" line="133"/>
        <source>The keys are saved in the system keychain.</source>
        <translation>キーをシステムのキーチェーンに保存しました。</translation>
    </message>
</context>
<context>
    <name>ActivityDock</name>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="19"/>
        <source>Activity</source>
        <translation>アクティビティ</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="37"/>
        <source>All regions</source>
        <translation>すべてのリージョン</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="43"/>
        <source>All operations</source>
        <translation>すべてのオペレーション</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="46"/>
        <source>Errors only</source>
        <translation>エラーのみ</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="48"/>
        <source>Hide the console&apos;s polling</source>
        <translation>コンソール自身のポーリングを隠す</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="51"/>
        <source>Hides the Describe and List requests the console sends by itself to keep its views current.</source>
        <translation>表示を最新に保つためにコンソールが自動で送る Describe と List のリクエストを隠します。</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="78"/>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/window/activity_dock.cpp" line="89"/>
        <source>%n request(s) (the last %1 are kept)</source>
        <translation>
            <numerusform>%n 件のリクエスト (最新 %1 件を保持)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/window/activity_dock.cpp" line="92"/>
        <source>%1, %n throttled</source>
        <translation>
            <numerusform>%1、スロットリング %n 件</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_dock.cpp" line="93"/>
        <source>%1 shown of %2</source>
        <translation>%1 件を表示（%2）</translation>
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
        <translation>%1（%2 回の試行後）</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="98"/>
        <source>%1; held back %2 ms by the client-side rate limiter</source>
        <translation>%1、クライアント側のレート制限で %2 ms 待機</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="107"/>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="109"/>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="111"/>
        <source>Operation</source>
        <translation>オペレーション</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="113"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="115"/>
        <source>Latency</source>
        <translation>レイテンシー</translation>
    </message>
    <message>
        <location filename="../widgets/window/activity_model.cpp" line="117"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
</context>
<context>
    <name>AutoScalingBox</name>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="17"/>
        <source>Edit auto scaling…</source>
        <translation>Auto Scaling を編集…</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="59"/>
        <source>Off: on-demand capacity needs no scaling.</source>
        <translation>オフ: オンデマンドキャパシティにはスケーリングは不要です。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="62"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="69"/>
        <source>Not available here: %1</source>
        <translation>ここでは利用できません: %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="83"/>
        <source>Read: %1</source>
        <translation>読み込み: %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="84"/>
        <source>Write: %1</source>
        <translation>書き込み: %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_box.cpp" line="92"/>
        <source>Indexes: %1 of %2 capacities auto scaled</source>
        <extracomment>%1 of %2 read and write capacities of the table&apos;s GSIs have auto scaling on</extracomment>
        <translation>インデックス: %2 個中 %1 個のキャパシティで Auto Scaling が有効</translation>
    </message>
</context>
<context>
    <name>AutoScalingDialog</name>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="54"/>
        <source>Auto scaling of %1</source>
        <translation>%1 の Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="58"/>
        <source>Auto scaling adjusts provisioned capacity to the traffic: it adds capacity after 2 minutes above the target utilization and removes it after 15 minutes at 20 points or more below it, never outside the minimum and maximum.</source>
        <translation>Auto Scaling は、プロビジョンドキャパシティをトラフィックに合わせて調整します。使用率がターゲット使用率を 2 分間上回るとキャパシティを追加し、15 分間 20 ポイント以上下回ると削減します。最小値と最大値の範囲を超えることはありません。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="92"/>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み込めませんでした: %2</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="100"/>
        <source>The auto scaling settings of %1 are not available in %2: %3</source>
        <translation>%1 の Auto Scaling 設定は %2 では利用できません: %3</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="115"/>
        <source>%1 uses on-demand capacity, which needs no scaling. Switch it to provisioned capacity in its Settings to set auto scaling.</source>
        <translation>%1 はオンデマンドキャパシティを使用しているため、スケーリングは不要です。Auto Scaling を設定するには、テーブルの設定でプロビジョンドキャパシティに切り替えてください。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="122"/>
        <source>%1 is a global table: the write settings apply to every replica, the read settings to the replica in %2.</source>
        <translation>%1 はグローバルテーブルです。書き込みの設定はすべてのレプリカに、読み込みの設定は %2 のレプリカに適用されます。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="130"/>
        <source>Auto scaling</source>
        <translation>Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="130"/>
        <source>Minimum units</source>
        <translation>最小ユニット</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="131"/>
        <source>Maximum units</source>
        <translation>最大ユニット</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="131"/>
        <source>Target utilization</source>
        <translation>ターゲット使用率</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="131"/>
        <source>Provisioned now</source>
        <translation>現在のキャパシティ</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="147"/>
        <source>Read capacity</source>
        <translation>読み込みキャパシティ</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="148"/>
        <source>Write capacity</source>
        <translation>書き込みキャパシティ</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="161"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="166"/>
        <source>Index %1</source>
        <translation>インデックス %1</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_dialog.cpp" line="232"/>
        <source>DynamoDB did not change the auto scaling of %1: %2</source>
        <translation>DynamoDB は %1 の Auto Scaling を変更しませんでした: %2</translation>
    </message>
</context>
<context>
    <name>AutoScalingSettings</name>
    <message>
        <location filename="../widgets/capacity/auto_scaling_settings.cpp" line="83"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/auto_scaling_settings.cpp" line="87"/>
        <source>On: %1–%2 units, target %3 %</source>
        <extracomment>auto scaling of one capacity: %1–%2 the minimum and maximum units, %3 the target utilization in percent</extracomment>
        <translation>オン: %1～%2 ユニット、ターゲット %3 %</translation>
    </message>
</context>
<context>
    <name>BackupDetails</name>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="66"/>
        <source>Backup</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="67"/>
        <location filename="../widgets/recovery/backup_details.cpp" line="77"/>
        <source>Name</source>
        <translation>名前</translation>
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
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="70"/>
        <source>Type</source>
        <translation>タイプ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="71"/>
        <location filename="../widgets/recovery/backup_details.cpp" line="82"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="72"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="74"/>
        <source>Expires</source>
        <translation>失効日時</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="76"/>
        <source>Source table</source>
        <translation>ソーステーブル</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="78"/>
        <source>Table ID</source>
        <translation>テーブル ID</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="80"/>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="81"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="84"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="85"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="86"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="90"/>
        <source>Read / write units</source>
        <translation>読み込み/書き込みユニット</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="90"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="92"/>
        <source>Table created</source>
        <translation>テーブルの作成日時</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="94"/>
        <source>Features at backup time</source>
        <translation>バックアップ時点の機能</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="95"/>
        <source>Global secondary indexes</source>
        <translation>グローバルセカンダリインデックス</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="97"/>
        <source>Local secondary indexes</source>
        <translation>ローカルセカンダリインデックス</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="100"/>
        <source>Stream</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="102"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="104"/>
        <source>Time to live</source>
        <translation>有効期限 (TTL)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="106"/>
        <source>Encryption</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="107"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backup_details.cpp" line="108"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Amazon DynamoDB が所有</translation>
    </message>
</context>
<context>
    <name>BackupsModel</name>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="77"/>
        <source>User</source>
        <translation>ユーザー</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="78"/>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="79"/>
        <source>AWS Backup</source>
        <translation>AWS Backup</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="143"/>
        <source>Backup name</source>
        <translation>バックアップ名</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="145"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="147"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="149"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="151"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_model.cpp" line="153"/>
        <source>Type</source>
        <translation>タイプ</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="39"/>
        <source>Restore…</source>
        <translation>復元…</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="40"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="44"/>
        <source>Create backup…</source>
        <translation>バックアップを作成…</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="48"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="152"/>
        <source>Could not list backups: %1</source>
        <translation>バックアップを一覧表示できませんでした: %1</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="216"/>
        <source>Backup %1 created.</source>
        <translation>バックアップ %1 を作成しました。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="237"/>
        <source>Restoring table %1 in %2…</source>
        <translation>テーブル %1 を %2 に復元中…</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="241"/>
        <source>Restoring table %1…</source>
        <translation>テーブル %1 を復元中…</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="252"/>
        <location filename="../widgets/recovery/backups_tab.cpp" line="257"/>
        <source>Delete backup</source>
        <translation>バックアップの削除</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="253"/>
        <source>Delete the backup %1 in %2? It cannot be restored afterwards.</source>
        <translation>%2 のバックアップ %1 を削除しますか? 削除後はこのバックアップから復元できなくなります。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="267"/>
        <source>Could not delete the backup: %1</source>
        <translation>バックアップを削除できませんでした: %1</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/backups_tab.cpp" line="272"/>
        <source>Backup deleted.</source>
        <translation>バックアップを削除しました。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_console.cpp" line="20"/>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
</context>
<context>
    <name>BatchWriter</name>
    <message>
        <location filename="../widgets/items/batch_writer.cpp" line="69"/>
        <source>The engine keeps leaving items unprocessed; %1 of %2 were written.</source>
        <translation>エンジンが項目を未処理のまま返し続けています。%2 件中 %1 件を書き込みました。</translation>
    </message>
</context>
<context>
    <name>CapacityCharts</name>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="51"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="52"/>
        <source>1 second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="53"/>
        <source>1 minute</source>
        <translation>1 分</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="55"/>
        <source>Read capacity units (average per second)</source>
        <translation>読み込みキャパシティユニット (1 秒あたりの平均)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="56"/>
        <source>Write capacity units (average per second)</source>
        <translation>書き込みキャパシティユニット (1 秒あたりの平均)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="57"/>
        <source>Throttled requests (sum per period)</source>
        <translation>スロットリングされたリクエスト (期間ごとの合計)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="70"/>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="72"/>
        <source>Consumed</source>
        <translation>消費</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="69"/>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="71"/>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="227"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="73"/>
        <source>Replicated</source>
        <translation>レプリケーション</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="74"/>
        <source>Read</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="75"/>
        <source>Write</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="78"/>
        <source>Table:</source>
        <translation>テーブル:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="80"/>
        <source>Index:</source>
        <translation>インデックス:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="82"/>
        <source>Period:</source>
        <translation>期間:</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="118"/>
        <source>%1 is a remote region. The capacity charts read the embedded engine&apos;s capacity metrics, which exist for embedded regions only; a remote table&apos;s capacity is in its service&apos;s own monitoring (Amazon CloudWatch for DynamoDB).</source>
        <translation>%1 はリモートリージョンです。キャパシティのグラフは組み込みエンジンのキャパシティメトリクスを読み取るもので、組み込みのリージョンにしかありません。リモートテーブルのキャパシティは、そのサービス自身の監視 (DynamoDB なら Amazon CloudWatch) で確認してください。</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="227"/>
        <source>On-demand maximum</source>
        <translation>オンデマンドの最大値</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="245"/>
        <source>seconds (engine time)</source>
        <translation>秒 (エンジン時間)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="246"/>
        <source>minutes (engine time)</source>
        <translation>分 (エンジン時間)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="249"/>
        <source>Last minute: %1 read and %2 write units consumed, %3 read and %4 write requests throttled.</source>
        <translation>直近 1 分: 読み込み %1 ユニット・書き込み %2 ユニットを消費、読み込み %3 件・書き込み %4 件のリクエストがスロットリングされました。</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/capacity_charts.cpp" line="251"/>
        <source>Last hour: %1 read and %2 write units consumed, %3 read and %4 write requests throttled.</source>
        <translation>直近 1 時間: 読み込み %1 ユニット・書き込み %2 ユニットを消費、読み込み %3 件・書き込み %4 件のリクエストがスロットリングされました。</translation>
    </message>
</context>
<context>
    <name>CompareModel</name>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="229"/>
        <source>Missing in %1</source>
        <translation>%1 にありません</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="237"/>
        <source>Differs between the regions: %1</source>
        <translation>リージョン間で異なる属性: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="241"/>
        <source>↓ %1 ms</source>
        <translation>↓ %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="265"/>
        <source>Replicated from %1 to %2 in %3 ms</source>
        <translation>%1 から %2 へ %3 ms でレプリケートされました</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="333"/>
        <source>(not in this region)</source>
        <translation>(このリージョンにはありません)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="345"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="362"/>
        <source>Replication</source>
        <translation>レプリケーション</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="365"/>
        <source>%1 (partition key)</source>
        <translation>%1 (パーティションキー)</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_model.cpp" line="366"/>
        <source>%1 (sort key)</source>
        <translation>%1 (ソートキー)</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="37"/>
        <source>Compare with:</source>
        <translation>比較先:</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="45"/>
        <source>Blue rows just arrived by replication; amber rows differ between the regions until they converge.</source>
        <translation>青い行はレプリケーションで届いたばかりの項目です。黄色の行は、収束するまでリージョン間で内容が異なる項目です。</translation>
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
        <translation>このテーブルには比較できるレプリカがありません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="217"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="220"/>
        <source>Reading both regions…</source>
        <translation>両方のリージョンを読み込み中…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/compare_view.cpp" line="223"/>
        <source>%n item(s) differ between the regions.</source>
        <translation>
            <numerusform>%n 項目がリージョン間で異なります。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="224"/>
        <source>The two regions hold the same items.</source>
        <translation>2 つのリージョンの項目は同じです。</translation>
    </message>
    <message>
        <location filename="../widgets/items/compare_view.cpp" line="227"/>
        <source>Only the first %1 items of each region are compared.</source>
        <translation>各リージョンの最初の %1 項目のみを比較します。</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="46"/>
        <source>Browse…</source>
        <translation>参照…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="47"/>
        <source>Test connection</source>
        <translation>接続をテスト</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="52"/>
        <source>Connect to an endpoint</source>
        <translation>エンドポイントに接続</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="54"/>
        <source>A remote region is a region of another DynamoDB-compatible endpoint (Amazon DynamoDB, DynamoDB Local or a shared Tablespan server) that the console shows and drives beside its embedded regions.</source>
        <translation>リモートリージョンとは、別の DynamoDB 互換エンドポイント (Amazon DynamoDB、DynamoDB Local、共有の Tablespan サーバー) のリージョンで、コンソールが組み込みのリージョンと並べて表示し、操作するものです。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="63"/>
        <source>e.g. local or prod-aws</source>
        <translation>例: local、prod-aws</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="66"/>
        <source>http://127.0.0.1:8000 or https://dynamodb.{region}.amazonaws.com</source>
        <translation>http://127.0.0.1:8000 または https://dynamodb.{region}.amazonaws.com</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="67"/>
        <source>{region} stands for the code of the region a request is for.</source>
        <translation>{region} はリクエスト先のリージョンのコードに置き換えられます。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="73"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="85"/>
        <source>The console saves only the profile&apos;s name and reads the keys from the AWS CLI&apos;s files when it connects. Keys entered here are kept in the system keychain.</source>
        <translation>コンソールが保存するのはプロファイル名だけで、キーは接続時に AWS CLI のファイルから読み取ります。ここで入力したキーはシステムのキーチェーンに保管されます。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="93"/>
        <source>Optional: a PEM file of extra CAs for HTTPS</source>
        <translation>省略可: HTTPS 用の追加の CA を含む PEM ファイル</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="125"/>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="126"/>
        <source>Endpoint URL:</source>
        <translation>エンドポイント URL:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="127"/>
        <source>Regions:</source>
        <translation>リージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="128"/>
        <source>Credentials:</source>
        <translation>認証情報:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="135"/>
        <source>CA file:</source>
        <translation>CA ファイル:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="140"/>
        <source>Connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="18"/>
        <source>AWS CLI default (environment, AWS_PROFILE, default profile)</source>
        <translation>AWS CLI の既定 (環境変数、AWS_PROFILE、default プロファイル)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="211"/>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="23"/>
        <source>Profile %1</source>
        <translation>プロファイル %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="31"/>
        <source>No signature (DynamoDB Local, Tablespan without --require-auth)</source>
        <translation>署名なし (DynamoDB Local、--require-auth なしの Tablespan)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="181"/>
        <source>Edit connection %1</source>
        <translation>接続 %1 を編集</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="182"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="27"/>
        <source>Access keys entered here (kept in the system keychain)</source>
        <translation>ここで入力するアクセスキー (システムのキーチェーンに保管)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="54"/>
        <source>Requests are sent without a signature: only a local engine accepts them.</source>
        <translation>リクエストは署名なしで送信されます。受け付けるのはローカルのエンジンだけです。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="63"/>
        <source>Access key %1 from %2</source>
        <translation>アクセスキー %1、取得元: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="67"/>
        <source>%1 (temporary, with a session token)</source>
        <translation>%1 (一時的、セッショントークン付き)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="69"/>
        <source>No credentials: %1</source>
        <translation>認証情報がありません: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="72"/>
        <source>Region %1 from %2</source>
        <translation>リージョン %1、取得元: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="79"/>
        <source>Invalid retry settings: %1</source>
        <translation>再試行の設定が無効です: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="81"/>
        <source>Retry mode %1 from %2</source>
        <translation>再試行モード %1（%2 から）</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog_credentials.cpp" line="85"/>
        <source>Attempts per request: %1, from %2</source>
        <translation>リクエストあたりの試行回数: %1（%2 から）</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="300"/>
        <source>CA certificates</source>
        <translation>CA 証明書</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="302"/>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM 証明書 (*.pem *.crt *.cer);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="324"/>
        <source>Listing the tables of %1…</source>
        <translation>%1 のテーブルを一覧表示しています…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/connect_dialog.cpp" line="347"/>
        <source>Connected: %n table(s) listed in %1.</source>
        <translation>
            <numerusform>接続しました: %1 のテーブルを %n 件表示しました。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/remote/connect_dialog.cpp" line="352"/>
        <source>Not connected: %1: %2</source>
        <translation>接続できません: %1: %2</translation>
    </message>
</context>
<context>
    <name>ConnectionsMenu</name>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="19"/>
        <source>&amp;Connections</source>
        <translation>接続(&amp;C)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="48"/>
        <location filename="../widgets/remote/connections_menu.cpp" line="83"/>
        <source>The connection %1 is not connected: %2</source>
        <translation>接続 %1 は接続されていません: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="63"/>
        <source>The keys of %1 are being read from the system keychain.</source>
        <translation>%1 のキーをシステムのキーチェーンから読み取っています。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="123"/>
        <source>The keys of %1 stay in the system keychain: %2</source>
        <translation>%1 のキーはシステムのキーチェーンに残っています: %2</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="151"/>
        <source>Connected to %1: its regions are in the region list.</source>
        <translation>%1 に接続しました。そのリージョンはリージョン一覧にあります。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="183"/>
        <source>Connect to an endpoint…</source>
        <translation>エンドポイントに接続…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="194"/>
        <source>%1 (reading its keys…)</source>
        <translation>%1 (キーを読み取り中…)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="195"/>
        <source>%1 (not connected)</source>
        <translation>%1 (未接続)</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="198"/>
        <source>Edit…</source>
        <translation>編集…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="200"/>
        <source>Connect again</source>
        <translation>再接続</translation>
    </message>
    <message>
        <location filename="../widgets/remote/connections_menu.cpp" line="201"/>
        <source>Disconnect and forget</source>
        <translation>切断して削除</translation>
    </message>
</context>
<context>
    <name>CopyTableDialog</name>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="47"/>
        <source>Copy only the first</source>
        <translation>先頭の</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="52"/>
        <source>Start copy</source>
        <translation>コピーを開始</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="53"/>
        <source>Cancel copy</source>
        <translation>コピーをキャンセル</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="54"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="56"/>
        <source>Copy table %1</source>
        <translation>テーブル %1 をコピー</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="58"/>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="270"/>
        <source>%1 in %2</source>
        <translation>%2 の %1</translation>
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
        <translation> 項目のみコピー</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="101"/>
        <source>The copy is created on demand, with the source&apos;s keys and indexes. Not copied: streams, TTL, tags, capacity and backup settings.</source>
        <translation>コピーはソースと同じキーとインデックスを持つオンデマンドのテーブルとして作成されます。ストリーム、有効期限 (TTL)、タグ、キャパシティとバックアップの設定はコピーされません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="131"/>
        <source>Source:</source>
        <translation>ソース:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="132"/>
        <source>Destination region:</source>
        <translation>コピー先リージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="133"/>
        <source>Destination table:</source>
        <translation>コピー先テーブル:</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="202"/>
        <source>A table name has 3 to 255 characters: letters, digits, _ . and -.</source>
        <translation>テーブル名は 3～255 文字の英字、数字、_ . - です。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="204"/>
        <source>That is the source table: choose another region or name.</source>
        <translation>これはソーステーブルです。別のリージョンまたは名前を選んでください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="252"/>
        <source>Cancelling: waiting for the writes in flight…</source>
        <translation>キャンセル中: 実行中の書き込みを待っています…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="274"/>
        <source>Reading the description of %1…</source>
        <translation>%1 の説明を読み込み中…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="277"/>
        <source>Creating %1…</source>
        <translation>%1 を作成中…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="280"/>
        <source>Waiting for %1 to become ACTIVE…</source>
        <translation>%1 が ACTIVE になるのを待っています…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="283"/>
        <source>Copying items to %1…</source>
        <translation>%1 に項目をコピー中…</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="309"/>
        <source>%1 of %2 items</source>
        <translation>%1 / %2 項目</translation>
    </message>
    <message>
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="314"/>
        <source>Copying items: %1 so far…</source>
        <translation>項目をコピー中: これまでに %1 件…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/copy_table_dialog.cpp" line="328"/>
        <source>%Ln item(s) copied</source>
        <translation>
            <numerusform>%Ln 項目をコピーしました</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CreateBackupDialog</name>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="32"/>
        <source>Create backup in %1</source>
        <translation>%1 にバックアップを作成</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="39"/>
        <source>3 to 255 characters: a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>3～255 文字: a–z、A–Z、0–9、アンダースコア (_)、ハイフン (-)、ピリオド (.)。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="43"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="44"/>
        <source>Backup name</source>
        <translation>バックアップ名</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="49"/>
        <source>Create backup</source>
        <translation>バックアップを作成</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="98"/>
        <source>This region has no table to back up.</source>
        <translation>このリージョンにはバックアップできるテーブルがありません。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/create_backup_dialog.cpp" line="113"/>
        <source>Creating…</source>
        <translation>作成中…</translation>
    </message>
</context>
<context>
    <name>CreateIndexDialog</name>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="25"/>
        <source>Create index on %1</source>
        <translation>%1 にインデックスを作成</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="28"/>
        <source>Adds a global secondary index to table %1 in %2. The table stays available while the index is backfilled from its items; the index can be queried once it is Active.</source>
        <translation>%2 のテーブル %1 にグローバルセカンダリインデックスを追加します。インデックスが項目からバックフィルされる間もテーブルは利用できます。インデックスはアクティブになるとクエリできます。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="40"/>
        <source>Index capacity (provisioned)</source>
        <translation>インデックスのキャパシティ (プロビジョンド)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="51"/>
        <source>Read capacity units</source>
        <translation>読み込みキャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="52"/>
        <source>Write capacity units</source>
        <translation>書き込みキャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="60"/>
        <source>Create index</source>
        <translation>インデックスを作成</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="110"/>
        <source>Creating index…</source>
        <translation>インデックスを作成中…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_index_dialog.cpp" line="122"/>
        <source>The index was not created: %1</source>
        <translation>インデックスは作成されませんでした: %1</translation>
    </message>
</context>
<context>
    <name>CreateKeyDialog</name>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="34"/>
        <source>Create KMS key in %1</source>
        <translation>%1 に KMS キーを作成</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="37"/>
        <source>e.g. orders table key</source>
        <translation>例: orders テーブルのキー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="39"/>
        <source>A symmetric encryption key, managed by you, for the tables of this region. Each replica of a global table needs a key of its own region.</source>
        <translation>このリージョンのテーブル用の、お客様が管理する対称暗号化キーです。グローバルテーブルの各レプリカには、そのレプリカのリージョンのキーが必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="44"/>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="46"/>
        <source>Create key</source>
        <translation>キーを作成</translation>
    </message>
</context>
<context>
    <name>CreateReplicaDialog</name>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="71"/>
        <source>Create replica of %1</source>
        <translation>%1 のレプリカを作成</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="53"/>
        <source>Eventual consistency (MREC)</source>
        <translation>結果整合性 (MREC)</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="54"/>
        <source>Strong consistency (MRSC)</source>
        <translation>強力な整合性 (MRSC)</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="68"/>
        <source>Turn on write auto scaling…</source>
        <translation>書き込みキャパシティの Auto Scaling を有効化…</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="95"/>
        <source>Same as the table</source>
        <translation>テーブルと同じ</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="96"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="97"/>
        <source>Standard-IA (infrequent access)</source>
        <translation>標準-IA (低頻度アクセス)</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="100"/>
        <source>Three replicas</source>
        <translation>3 つのレプリカ</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="101"/>
        <source>Two replicas and a witness</source>
        <translation>2 つのレプリカと 1 つのウィットネス</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="110"/>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="237"/>
        <source>Create replica</source>
        <translation>レプリカを作成</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="115"/>
        <source>%1 is in none of the region sets strong consistency is offered in (US: us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: ap-northeast-1, ap-northeast-2, ap-northeast-3).</source>
        <translation>%1 は、強力な整合性が提供されるどのリージョンセットにも属していません (US: us-east-1、us-east-2、us-west-2、EU: eu-west-1、eu-west-2、eu-west-3、eu-central-1、AP: ap-northeast-1、ap-northeast-2、ap-northeast-3)。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="121"/>
        <source>This table already has replicas: the consistency of a global table is chosen when it is created and cannot be changed.</source>
        <translation>このテーブルには既にレプリカがあります。グローバルテーブルの整合性は作成時に選択し、後から変更することはできません。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="129"/>
        <source>Only for a table with a customer managed key</source>
        <translation>カスタマーマネージドキーを使うテーブルのみ</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="137"/>
        <source>Replica&apos;s KMS key:</source>
        <translation>レプリカの KMS キー:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="138"/>
        <source>Members:</source>
        <translation>メンバー:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="139"/>
        <source>Second replica:</source>
        <translation>2 つ目のレプリカ:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="143"/>
        <source>&lt;b&gt;Consistency&lt;/b&gt;</source>
        <translation>&lt;b&gt;整合性&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="184"/>
        <source>The table holds items: strong consistency needs an empty table.</source>
        <translation>テーブルに項目があります。強力な整合性には空のテーブルが必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="206"/>
        <source>Checking that the table is empty…</source>
        <translation>テーブルが空かどうかを確認しています…</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="210"/>
        <source>Every write is made durable in a second region before it is acknowledged: no acknowledged write is lost when a region fails (zero RPO) and strongly consistent reads return the latest write in every region, at the cost of cross-region write latency and of concurrent writes to one item failing as conflicts.</source>
        <translation>すべての書き込みは、確認応答の前に 2 つ目のリージョンで永続化されます。リージョンが障害を起こしても確認済みの書き込みは失われず (RPO ゼロ)、強力な整合性のある読み込みはどのリージョンでも最新の書き込みを返します。その代償として、リージョン間の書き込みレイテンシーが加わり、同じ項目への同時書き込みは競合として失敗します。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="215"/>
        <source>Writes are acknowledged by the region that takes them and replicated within about a second: the lowest write latency, but the last writes of a failed region can be lost and concurrent writes resolve as last writer wins.</source>
        <translation>書き込みは受け付けたリージョンが確認応答し、約 1 秒以内にレプリケートされます。書き込みレイテンシーは最小ですが、障害が起きたリージョンの直近の書き込みは失われることがあり、同時書き込みは最後の書き込みが優先されます。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="220"/>
        <source>The group is created in one step, three regions of the %1 region set: %2 and two more members. It cannot be changed afterwards; to remove it, delete the other replica and the witness together.</source>
        <translation>グループは 1 回の操作で作成されます。%1 リージョンセットの 3 つのリージョン (%2 とほか 2 つのメンバー) です。作成後は変更できません。削除するには、もう一方のレプリカとウィットネスをまとめて削除します。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="225"/>
        <source>The replica is created empty, backfilled from %1 and then kept in sync. It is CREATING until the backfill is done; the table is UPDATING meanwhile.</source>
        <translation>レプリカは空の状態で作成され、%1 からバックフィルされた後、同期が保たれます。バックフィルが終わるまでは CREATING で、その間テーブルは UPDATING です。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="229"/>
        <source>Witness:</source>
        <translation>ウィットネス:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="229"/>
        <source>Third replica:</source>
        <translation>3 つ目のレプリカ:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="237"/>
        <source>Create strongly consistent group</source>
        <translation>強力な整合性のグループを作成</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="274"/>
        <source>Write auto scaling is on. Create the replica now.</source>
        <translation>書き込みキャパシティの Auto Scaling が有効になりました。レプリカを作成してください。</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="125"/>
        <source>Replica region:</source>
        <translation>レプリカのリージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/global/create_replica_dialog.cpp" line="126"/>
        <source>Table class:</source>
        <translation>テーブルクラス:</translation>
    </message>
</context>
<context>
    <name>CreateTableDialog</name>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="30"/>
        <source>String</source>
        <translation>文字列</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="31"/>
        <source>Number</source>
        <translation>数値</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="32"/>
        <source>Binary</source>
        <translation>バイナリ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="80"/>
        <source>Create table in %1</source>
        <translation>%1 にテーブルを作成</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="113"/>
        <source>Create table</source>
        <translation>テーブルの作成</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="121"/>
        <source>Table details</source>
        <translation>テーブルの詳細</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="125"/>
        <source>e.g. Music</source>
        <translation>例: Music</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="126"/>
        <source>Table name</source>
        <translation>テーブル名</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="130"/>
        <source>e.g. Artist</source>
        <translation>例: Artist</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="134"/>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="140"/>
        <source>optional, e.g. SongTitle</source>
        <translation>任意、例: SongTitle</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="147"/>
        <source>Sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="157"/>
        <source>Table settings</source>
        <translation>テーブル設定</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="160"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="162"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="178"/>
        <source>Read units</source>
        <translation>読み込みユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="180"/>
        <source>Write units</source>
        <translation>書き込みユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="183"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
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
        <translation>テーブルクラス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="191"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="192"/>
        <source>Key attributes only</source>
        <translation>キー属性のみ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="193"/>
        <source>New image</source>
        <translation>新しいイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="194"/>
        <source>Old image</source>
        <translation>古いイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="195"/>
        <source>New and old images</source>
        <translation>新旧両方のイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="196"/>
        <source>DynamoDB stream</source>
        <translation>DynamoDB ストリーム</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="200"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Amazon DynamoDB が所有</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="201"/>
        <source>AWS managed key (aws/dynamodb)</source>
        <translation>AWS マネージドキー (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../app/screenshot_kms.cpp" line="112"/>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="202"/>
        <source>Customer managed KMS key</source>
        <translation>カスタマーマネージド KMS キー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="209"/>
        <source>Encryption at rest</source>
        <translation>保管時の暗号化</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="216"/>
        <source>Turn on deletion protection</source>
        <translation>削除保護を有効にする</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="218"/>
        <source>Deletion protection</source>
        <translation>削除保護</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="223"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="227"/>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="227"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="233"/>
        <source>Add tag</source>
        <translation>タグを追加</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="234"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_dialog.cpp" line="308"/>
        <source>Creating…</source>
        <translation>作成中…</translation>
    </message>
</context>
<context>
    <name>CreateTableSpec</name>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="18"/>
        <source>A table name has 3 to 255 characters.</source>
        <translation>テーブル名は 3～255 文字です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="22"/>
        <source>A table name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>テーブル名に使用できるのは a–z、A–Z、0–9、アンダースコア (_)、ハイフン (-)、ピリオド (.) のみです。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="28"/>
        <source>Enter the attribute name.</source>
        <translation>属性名を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="30"/>
        <source>An attribute name has at most 255 bytes.</source>
        <translation>属性名は最大 255 バイトです。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="42"/>
        <source>The sort key must differ from the partition key.</source>
        <translation>ソートキーはパーティションキーと異なる必要があります。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="49"/>
        <source>Read and write capacity units are between 1 and 40,000.</source>
        <translation>読み込み/書き込みキャパシティユニットは 1～40,000 です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="53"/>
        <source>Enter the KMS key ID, ARN or alias.</source>
        <translation>KMS キー ID、ARN またはエイリアスを入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="59"/>
        <source>A tag key has 1 to 128 characters.</source>
        <translation>タグキーは 1～128 文字です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="65"/>
        <source>A tag value has at most 256 characters.</source>
        <translation>タグ値は最大 256 文字です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="71"/>
        <source>Tag keys starting with aws: are reserved.</source>
        <translation>aws: で始まるタグキーは予約されています。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="76"/>
        <source>Tag key %1 appears twice.</source>
        <translation>タグキー %1 が重複しています。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/create_table_request.cpp" line="86"/>
        <source>A table has at most 50 tags.</source>
        <translation>テーブルのタグは最大 50 個です。</translation>
    </message>
</context>
<context>
    <name>EngineBridge</name>
    <message>
        <location filename="../widgets/common/engine_bridge.cpp" line="66"/>
        <source>%1 on %2</source>
        <comment>a remote region: its name, then its connection&apos;s</comment>
        <translation>%1 (%2 経由)</translation>
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
        <translation>%1 という接続はもうありません。</translation>
    </message>
</context>
<context>
    <name>FirstLaunch</name>
    <message>
        <location filename="../app/first_launch.cpp" line="20"/>
        <source>Welcome to Tablespan</source>
        <translation>Tablespan へようこそ</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="22"/>
        <source>This data directory is empty.</source>
        <translation>このデータディレクトリは空です。</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="23"/>
        <source>Create a sample table to explore? It makes a table named courses in US West (Oregon) us-west-2 with a few items.</source>
        <translation>試用のサンプルテーブルを作成しますか? US West (Oregon) us-west-2 に courses というテーブルをいくつかの項目とともに作成します。</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="27"/>
        <source>Create sample table</source>
        <translation>サンプルテーブルを作成</translation>
    </message>
    <message>
        <location filename="../app/first_launch.cpp" line="29"/>
        <source>Start empty</source>
        <translation>空のまま開始</translation>
    </message>
</context>
<context>
    <name>GlobalTablesTab</name>
    <message>
        <location filename="../widgets/global/global_console.cpp" line="19"/>
        <source>Global tables</source>
        <translation>グローバルテーブル</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="46"/>
        <source>Create replica…</source>
        <translation>レプリカを作成…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="47"/>
        <location filename="../widgets/global/global_tables_tab.cpp" line="442"/>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="98"/>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="105"/>
        <source>Delete replica</source>
        <translation>レプリカを削除</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="51"/>
        <source>Outage comparison…</source>
        <translation>障害の比較…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="70"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="271"/>
        <source>Take a region offline under a write load, once against an eventually and once against a strongly consistent table, and compare</source>
        <translation>書き込み負荷の下でリージョンをオフラインにし、結果整合性のテーブルと強力な整合性のテーブルで 1 回ずつ比較します</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="73"/>
        <source>Table:</source>
        <translation>テーブル:</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="102"/>
        <source>&lt;b&gt;Propagation probe&lt;/b&gt;</source>
        <translation>&lt;b&gt;伝播プローブ&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="139"/>
        <source>Probe propagation to %1</source>
        <translation>%1 への伝播をプローブ</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="257"/>
        <source>%1 is a remote region. Replication latency, pending changes and the map of links come from the embedded engine&apos;s network simulation (outages, link cuts, latencies), which covers embedded regions only. The propagation probe measures how fast a write reaches another region of the connection.</source>
        <translation>%1 はリモートリージョンです。レプリケーションレイテンシー、保留中の変更、リンクの地図は組み込みエンジンのネットワークシミュレーション (障害、リンクの切断、レイテンシー) に基づくもので、組み込みのリージョンだけが対象です。伝播プローブでは、書き込みが接続の別のリージョンに届くまでの時間を測定できます。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="273"/>
        <source>(in embedded regions: a remote region cannot be taken offline)</source>
        <translation>(組み込みのリージョンで実行します。リモートリージョンはオフラインにできません)</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/global/global_tables_tab.cpp" line="337"/>
        <source>Global table (version %1), %n region(s)</source>
        <translation>
            <numerusform>グローバルテーブル (バージョン %1)、%n 個のリージョン</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="341"/>
        <source>Not replicated: add a replica to make it a global table</source>
        <translation>レプリケートされていません: レプリカを追加するとグローバルテーブルになります</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="418"/>
        <source>&lt;b&gt;Strong consistency (MRSC)&lt;/b&gt;: writes are acknowledged once a second region has them; no acknowledged write is lost.</source>
        <translation>&lt;b&gt;強力な整合性 (MRSC)&lt;/b&gt;: 書き込みは 2 つ目のリージョンに届いた時点で確認応答され、確認済みの書き込みは失われません。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="420"/>
        <source>&lt;b&gt;Eventual consistency (MREC)&lt;/b&gt;: writes are acknowledged locally and replicated asynchronously; last writer wins.</source>
        <translation>&lt;b&gt;結果整合性 (MREC)&lt;/b&gt;: 書き込みはローカルで確認応答され、非同期にレプリケートされます。最後の書き込みが優先されます。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="425"/>
        <source>Witness: %1 (%2).</source>
        <translation>ウィットネス: %1 (%2)。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="431"/>
        <source>Write conflicts: %1.</source>
        <translation>書き込みの競合: %1。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="442"/>
        <source>Delete group…</source>
        <translation>グループを削除…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="443"/>
        <source>Delete the other replicas and the witness in one request; the table stays here as a regional table</source>
        <translation>ほかのレプリカとウィットネスを 1 回のリクエストで削除します。テーブルはこのリージョンにリージョナルテーブルとして残ります</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab.cpp" line="449"/>
        <source>A strongly consistent group cannot take more replicas</source>
        <translation>強力な整合性のグループにはレプリカを追加できません</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="42"/>
        <source>Creating a replica of %1 in %2…</source>
        <translation>%2 に %1 のレプリカを作成しています…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="50"/>
        <source>%1 and a witness in %2</source>
        <translation>%1 と %2 のウィットネス</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="54"/>
        <source>Creating a strongly consistent group of %1 with %2…</source>
        <translation>%1 の強力な整合性のグループを %2 で作成しています…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="79"/>
        <source>the replicas in %1</source>
        <translation>%1 のレプリカ</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="80"/>
        <source>the replica in %1 and the witness in %2</source>
        <translation>%1 のレプリカと %2 のウィットネス</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="83"/>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="90"/>
        <source>Delete group</source>
        <translation>グループを削除</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="84"/>
        <source>A strongly consistent group is deleted as a whole. Delete %1 of %2? Their items are deleted there; %3 keeps the table as a regional table.</source>
        <translation>強力な整合性のグループはまとめて削除されます。%2 の %1 を削除しますか? そこにある項目は削除されます。%3 ではテーブルがリージョナルテーブルとして残ります。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="99"/>
        <source>Delete the replica of %1 in %2? Its items are deleted there; the other regions keep theirs.</source>
        <translation>%2 にある %1 のレプリカを削除しますか? そこにある項目は削除されますが、他のリージョンの項目は残ります。</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="126"/>
        <source>Deleting the replica of %1 in %2…</source>
        <translation>%2 にある %1 のレプリカを削除しています…</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_tables_tab_replicas.cpp" line="148"/>
        <source>Deleting the strongly consistent group of %1…</source>
        <translation>%1 の強力な整合性のグループを削除しています…</translation>
    </message>
</context>
<context>
    <name>HelpAboutDialog</name>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="16"/>
        <source>About Tablespan</source>
        <translation>Tablespan について</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="18"/>
        <source>development build</source>
        <translation>開発ビルド</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="30"/>
        <source>Tablespan %1</source>
        <translation>Tablespan %1</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="31"/>
        <source>A desktop console with an embedded engine that behaves like Amazon DynamoDB, offline, on one machine: tables and items in any AWS region, global tables replicated between regions under simulated outages, backups and point-in-time recovery.</source>
        <translation>Amazon DynamoDB と同じように動作するエンジンを内蔵したデスクトップコンソールです。1 台のマシンでオフラインに動作し、任意の AWS リージョンのテーブルと項目、障害をシミュレートしたリージョン間で複製されるグローバルテーブル、バックアップとポイントインタイムリカバリを扱えます。</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="36"/>
        <source>The AWS CLI and SDKs talk to it through its DynamoDB-compatible endpoint; the region of a request is the one it is signed for.</source>
        <translation>AWS CLI や SDK は DynamoDB 互換のエンドポイント経由で接続します。リクエストのリージョンは署名に使われたリージョンです。</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="39"/>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="39"/>
        <source>Data directory</source>
        <translation>データディレクトリ</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="40"/>
        <source>Endpoint</source>
        <translation>エンドポイント</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_about_dialog.cpp" line="40"/>
        <source>off</source>
        <translation>オフ</translation>
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
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="28"/>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="28"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="28"/>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="50"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="50"/>
        <source>Run the query or scan</source>
        <translation>クエリまたはスキャンを実行</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="50"/>
        <source>Items: query builder</source>
        <translation>項目: クエリビルダー</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="53"/>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="54"/>
        <source>Double-click</source>
        <translation>ダブルクリック</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="53"/>
        <source>Explore the table&apos;s items</source>
        <translation>テーブルの項目を探索</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="53"/>
        <source>Tables</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="54"/>
        <source>Edit the item</source>
        <translation>項目を編集</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="54"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="56"/>
        <source>Close the dialog (asks first when there are edits)</source>
        <translation>ダイアログを閉じる (編集がある場合は先に確認)</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="56"/>
        <source>Dialogs</source>
        <translation>ダイアログ</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="52"/>
        <source>Run the statement</source>
        <translation>ステートメントを実行</translation>
    </message>
    <message>
        <location filename="../widgets/window/help_shortcuts_dialog.cpp" line="52"/>
        <source>PartiQL editor</source>
        <translation>PartiQL エディタ</translation>
    </message>
</context>
<context>
    <name>IndexEditor</name>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="20"/>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="64"/>
        <source>String</source>
        <translation>文字列</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="21"/>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="65"/>
        <source>Number</source>
        <translation>数値</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="22"/>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="66"/>
        <source>Binary</source>
        <translation>バイナリ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="28"/>
        <source>Secondary indexes</source>
        <translation>セカンダリインデックス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="28"/>
        <source>Index details</source>
        <translation>インデックスの詳細</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="40"/>
        <source>Add global index</source>
        <translation>グローバルインデックスを追加</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="42"/>
        <source>Add local index</source>
        <translation>ローカルインデックスを追加</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="60"/>
        <source>Global (GSI)</source>
        <translation>グローバル (GSI)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="61"/>
        <source>Local (LSI)</source>
        <translation>ローカル (LSI)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="64"/>
        <source>index name, e.g. status-index</source>
        <translation>インデックス名 (例: status-index)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="66"/>
        <source>All attributes</source>
        <translation>すべての属性</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="67"/>
        <source>Keys only</source>
        <translation>キーのみ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="68"/>
        <source>Include</source>
        <translation>含める</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="70"/>
        <source>non-key attributes, e.g. total, city</source>
        <translation>非キー属性 (例: total, city)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="74"/>
        <source>Remove this index</source>
        <translation>このインデックスを削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="76"/>
        <source>partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="78"/>
        <source>Sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="80"/>
        <source>sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="87"/>
        <source>Projection</source>
        <translation>射影</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="91"/>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_editor.cpp" line="133"/>
        <source>Index name</source>
        <translation>インデックス名</translation>
    </message>
</context>
<context>
    <name>IndexPanel</name>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="28"/>
        <source>Create index</source>
        <translation>インデックスを作成</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="29"/>
        <source>Delete index</source>
        <translation>インデックスを削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="138"/>
        <source>The index is being filled from the table&apos;s items: %1 of %2.</source>
        <translation>テーブルの項目からインデックスを作成中: %2 件中 %1 件。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="149"/>
        <source>Select a table to see its indexes.</source>
        <translation>インデックスを表示するテーブルを選択してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="150"/>
        <source>This table has no secondary indexes. Create a global secondary index to query it by other attributes.</source>
        <translation>このテーブルにはセカンダリインデックスがありません。他の属性でクエリするには、グローバルセカンダリインデックスを作成してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="164"/>
        <source>A local secondary index is deleted only with its table.</source>
        <translation>ローカルセカンダリインデックスはテーブルと一緒にのみ削除されます。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="175"/>
        <source>Delete index %1…</source>
        <translation>インデックス %1 を削除…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="180"/>
        <source>Create index…</source>
        <translation>インデックスを作成…</translation>
    </message>
</context>
<context>
    <name>IndexRequest</name>
    <message>
        <location filename="../widgets/tables/index_request.cpp" line="100"/>
        <source>Another index of this table is being created or deleted, and a table changes one index at a time. Try again once it is Active or gone.</source>
        <translation>このテーブルの別のインデックスを作成中または削除中です。テーブルのインデックスは一度に 1 つしか変更できません。そのインデックスがアクティブになるか削除されてから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_request.cpp" line="105"/>
        <source>A key attribute of this index already has another type in the table or one of its indexes. Use that type, or another attribute.</source>
        <translation>このインデックスのキー属性は、テーブルまたはそのインデックスで既に別の型が定義されています。その型を使うか、別の属性を使ってください。</translation>
    </message>
</context>
<context>
    <name>IndexSpec</name>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="13"/>
        <source>Number</source>
        <translation>数値</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="14"/>
        <source>Binary</source>
        <translation>バイナリ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="15"/>
        <source>String</source>
        <translation>文字列</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="101"/>
        <source>Index %1</source>
        <translation>インデックス %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="105"/>
        <source>%1: an index name has 3 to 255 characters.</source>
        <translation>%1: インデックス名は 3～255 文字です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="109"/>
        <source>%1: an index name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>%1: インデックス名に使用できるのは a–z、A–Z、0–9、アンダースコア (_)、ハイフン (-)、ピリオド (.) のみです。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="115"/>
        <source>Two indexes are named %1: index names must be unique.</source>
        <translation>2 つのインデックスの名前が %1 です。インデックス名は一意である必要があります。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="120"/>
        <source>%1: a local secondary index needs a table with a sort key.</source>
        <translation>%1: ローカルセカンダリインデックスにはソートキーのあるテーブルが必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="124"/>
        <source>%1: enter the partition key.</source>
        <translation>%1: パーティションキーを入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="127"/>
        <source>%1: enter the sort key.</source>
        <translation>%1: ソートキーを入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="64"/>
        <source>%1: the sort key must differ from the partition key.</source>
        <translation>%1: ソートキーはパーティションキーと異なる必要があります。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="132"/>
        <source>%1: an attribute name has at most 255 bytes.</source>
        <translation>%1: 属性名は最大 255 バイトです。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="137"/>
        <source>%1: INCLUDE needs at least one non-key attribute.</source>
        <translation>%1: INCLUDE には非キー属性が 1 つ以上必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="144"/>
        <source>A table has at most 20 global secondary indexes.</source>
        <translation>テーブルのグローバルセカンダリインデックスは最大 20 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="147"/>
        <source>A table has at most 5 local secondary indexes.</source>
        <translation>テーブルのローカルセカンダリインデックスは最大 5 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="150"/>
        <source>The indexes project at most 100 non-key attributes in all.</source>
        <translation>インデックス全体で射影できる非キー属性は最大 100 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="166"/>
        <source>Attribute %1 is given two types: %2 and %3.</source>
        <translation>属性 %1 に 2 つの型が指定されています: %2 と %3。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="36"/>
        <source>%1: a partition key has at most %2 attributes.</source>
        <translation>%1: パーティションキーの属性は最大 %2 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="41"/>
        <source>%1: a sort key has at most %2 attributes.</source>
        <translation>%1: ソートキーの属性は最大 %2 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="46"/>
        <source>%1: enter the name of partition key attribute %2.</source>
        <translation>%1: パーティションキーの属性 %2 の名前を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="52"/>
        <source>%1: enter the name of sort key attribute %2.</source>
        <translation>%1: ソートキーの属性 %2 の名前を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_spec.cpp" line="68"/>
        <source>%1: attribute %2 is in the key twice: use it once.</source>
        <translation>%1: 属性 %2 がキーに 2 回含まれています。1 回だけ使用してください。</translation>
    </message>
</context>
<context>
    <name>ItemEditorDialog</name>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="31"/>
        <source>DynamoDB JSON</source>
        <translation>DynamoDB JSON</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="36"/>
        <source>Create item in %1</source>
        <translation>%1 に項目を作成</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="37"/>
        <source>Edit item in %1</source>
        <translation>%1 の項目を編集</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="54"/>
        <source>Form</source>
        <translation>フォーム</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="55"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="62"/>
        <source>Create item</source>
        <translation>項目を作成</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="62"/>
        <source>Save changes</source>
        <translation>変更を保存</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="93"/>
        <source>Discard changes</source>
        <translation>変更の破棄</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="94"/>
        <source>Discard the changes to this item?</source>
        <translation>この項目への変更を破棄しますか?</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="97"/>
        <source>Discard</source>
        <translation>破棄</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="98"/>
        <source>Keep editing</source>
        <translation>編集を続ける</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="168"/>
        <source>Saving…</source>
        <translation>保存中…</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="174"/>
        <source>An item with this key already exists.</source>
        <translation>このキーの項目は既に存在します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="187"/>
        <source>Add to transaction</source>
        <translation>トランザクションに追加</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_editor_dialog.cpp" line="190"/>
        <source>Keeps this change in the Items tab&apos;s pending transaction, to be written with the others by &quot;Save as transaction&quot;.</source>
        <translation>この変更を「項目」タブの保留中のトランザクションに入れ、「トランザクションとして保存」でほかの変更と一緒に書き込みます。</translation>
    </message>
</context>
<context>
    <name>ItemFiles</name>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="50"/>
        <source>A batch request file is an object with one table name and a list of requests: {&quot;Table&quot;: [{&quot;PutRequest&quot;: …}]}.</source>
        <translation>バッチリクエストファイルは、1 つのテーブル名とリクエストのリストを持つオブジェクトです: {&quot;Table&quot;: [{&quot;PutRequest&quot;: …}]}。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="69"/>
        <source>Request %1 is not a PutRequest with an Item.</source>
        <translation>リクエスト %1 は Item を持つ PutRequest ではありません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="74"/>
        <source>Request %1: %2</source>
        <translation>リクエスト %1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="96"/>
        <source>Each line holds one {&quot;Item&quot;: {…}} object.</source>
        <translation>各行には {&quot;Item&quot;: {…}} オブジェクトを 1 つ記述します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="157"/>
        <source>a quote inside an unquoted field; quote the whole field and double the quote</source>
        <translation>引用符で囲まれていないフィールド内に引用符があります。フィールド全体を引用符で囲み、引用符を二重にしてください</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="176"/>
        <source>text after a closing quote</source>
        <translation>閉じ引用符の後に文字があります</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="183"/>
        <source>this quote is never closed</source>
        <translation>この引用符が閉じられていません</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="207"/>
        <source>The file is empty; a CSV file starts with a header row.</source>
        <translation>ファイルが空です。CSV ファイルはヘッダー行で始まります。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="219"/>
        <source>column %1 has no name</source>
        <translation>列 %1 に名前がありません</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="227"/>
        <source>this row has %1 fields; the header has %2</source>
        <translation>この行のフィールド数は %1 ですが、ヘッダーは %2 です</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="248"/>
        <source>a BOOL is true or false</source>
        <translation>BOOL は true または false です</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="259"/>
        <source>the %1 value is not valid DynamoDB JSON</source>
        <translation>%1 の値が有効な DynamoDB JSON ではありません</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="285"/>
        <source>the item has no key attribute %1</source>
        <translation>項目にキー属性 %1 がありません</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="288"/>
        <source>key attribute %1 must be of type %2, not %3</source>
        <translation>キー属性 %1 の型は %3 ではなく %2 である必要があります</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="292"/>
        <source>key attribute %1 is empty</source>
        <translation>キー属性 %1 が空です</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_files.cpp" line="296"/>
        <source>another item in the file has the same key</source>
        <translation>ファイル内の別の項目が同じキーを持っています</translation>
    </message>
</context>
<context>
    <name>ItemForm</name>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="51"/>
        <source>Attribute name</source>
        <translation>属性名</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="51"/>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="51"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="59"/>
        <source>Add attribute</source>
        <translation>属性を追加</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="60"/>
        <source>Add element</source>
        <translation>要素を追加</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="61"/>
        <source>Adds an element to the selected map or list</source>
        <translation>選択したマップまたはリストに要素を追加します</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="62"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="90"/>
        <source>Key attributes of an existing item cannot change</source>
        <translation>既存の項目のキー属性は変更できません</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="149"/>
        <source>%1: every map entry needs a name.</source>
        <translation>%1: マップの各エントリには名前が必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="172"/>
        <source>%1: write a set as a JSON array, e.g. [&quot;a&quot;, &quot;b&quot;].</source>
        <translation>%1: セットは JSON 配列で記述してください (例: [&quot;a&quot;, &quot;b&quot;])。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="179"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="189"/>
        <source>Attribute %1 needs a name.</source>
        <translation>属性 %1 に名前が必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_form.cpp" line="193"/>
        <source>Attribute %1 appears twice.</source>
        <translation>属性 %1 が重複しています。</translation>
    </message>
</context>
<context>
    <name>ItemJson</name>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="196"/>
        <source>Line %1, column %2: %3</source>
        <translation>%1 行目、%2 列目: %3</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="246"/>
        <source>the JSON nests deeper than %1 levels</source>
        <translation>JSON の入れ子が %1 階層を超えています</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="263"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="265"/>
        <source>unexpected end of the text</source>
        <translation>テキストが途中で終わっています</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="266"/>
        <source>this is not valid JSON near &apos;%1&apos;</source>
        <translation>「%1」付近が有効な JSON ではありません</translation>
    </message>
    <message>
        <location filename="../widgets/items/item_json.cpp" line="275"/>
        <location filename="../widgets/items/item_json.cpp" line="324"/>
        <source>An item is a JSON object of attributes.</source>
        <translation>項目は属性の JSON オブジェクトです。</translation>
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
        <translation>有効期限</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="293"/>
        <source>When each item expires under Time to Live, from its “%1” attribute</source>
        <translation>有効期限 (TTL) による各項目の失効日時 (属性「%1」から)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="301"/>
        <source>%1 (index partition key)</source>
        <translation>%1 (インデックスのパーティションキー)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="302"/>
        <source>%1 (index sort key)</source>
        <translation>%1 (インデックスのソートキー)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="304"/>
        <source>%1 (partition key)</source>
        <translation>%1 (パーティションキー)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_model.cpp" line="305"/>
        <source>%1 (sort key)</source>
        <translation>%1 (ソートキー)</translation>
    </message>
</context>
<context>
    <name>ItemsTab</name>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="57"/>
        <source>Compare regions</source>
        <translation>リージョンを比較</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="64"/>
        <source>Table:</source>
        <translation>テーブル:</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="71"/>
        <source>Create item</source>
        <translation>項目を作成</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="72"/>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="73"/>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="74"/>
        <location filename="../widgets/items/items_tab_edits.cpp" line="114"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="75"/>
        <source>Import…</source>
        <translation>インポート…</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="76"/>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="92"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="126"/>
        <source>Transaction saved: %n change(s) written.</source>
        <translation>
            <numerusform>トランザクションを保存しました: %n 件の変更を書き込みました。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="146"/>
        <source>Export the whole table…</source>
        <translation>テーブル全体をエクスポート…</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="148"/>
        <source>Export these results…</source>
        <translation>この結果をエクスポート…</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="205"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="241"/>
        <source>Copy as DynamoDB JSON</source>
        <translation>DynamoDB JSON としてコピー</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="247"/>
        <source>Copy as JSON</source>
        <translation>JSON としてコピー</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="269"/>
        <source>%n item(s) copied.</source>
        <translation>
            <numerusform>%n 件の項目をコピーしました。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="389"/>
        <source>Table: %1</source>
        <translation>テーブル: %1</translation>
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
        <translation>比較できるのはグローバルテーブルのみです。このテーブルには他のリージョンのレプリカがありません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="450"/>
        <source>Show this table in two regions side by side.</source>
        <translation>このテーブルを 2 つのリージョンで並べて表示します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="454"/>
        <source>This table&apos;s replicas are in regions connection %1 does not serve (%2): the console cannot read them to compare.</source>
        <translation>このテーブルのレプリカは接続 %1 が扱わないリージョン (%2) にあるため、コンソールは比較のために読み取れません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="498"/>
        <source>Items returned: %1 · Items scanned: %2 · Consumed RCUs: %3</source>
        <translation>返された項目: %1 · スキャンした項目: %2 · 消費 RCU: %3</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="504"/>
        <source>Choose a table.</source>
        <translation>テーブルを選択してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="505"/>
        <source>This region has no tables.</source>
        <translation>このリージョンにはテーブルがありません。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="508"/>
        <source>%n item(s) loaded</source>
        <translation>
            <numerusform>%n 項目を読み込み済み</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="510"/>
        <source> · loading…</source>
        <translation> · 読み込み中…</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="512"/>
        <source> · more as you scroll</source>
        <translation> · スクロールで続きを読み込み</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="57"/>
        <source>Item saved.</source>
        <translation>項目を保存しました。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="98"/>
        <source>This item no longer exists in the table.</source>
        <translation>この項目はテーブルにもう存在しません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="110"/>
        <source>Delete items</source>
        <translation>項目の削除</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_edits.cpp" line="111"/>
        <source>Delete %n item(s) from %1?</source>
        <translation>
            <numerusform>%1 から %n 項目を削除しますか?</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="115"/>
        <source>Add to transaction</source>
        <translation>トランザクションに追加</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="128"/>
        <source>Deleting</source>
        <translation>削除中</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="133"/>
        <source>The pending transaction is being saved: add this change when it is done.</source>
        <translation>保留中のトランザクションを保存しています。完了してからこの変更を追加してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_edits.cpp" line="137"/>
        <source>The item has no %1: every item needs its key attributes.</source>
        <translation>項目に %1 がありません。すべての項目にはキー属性が必要です。</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_edits.cpp" line="140"/>
        <source>Added to the pending transaction (%n change(s)).</source>
        <translation>
            <numerusform>保留中のトランザクションに追加しました (%n 件の変更)。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_edits.cpp" line="149"/>
        <source>A transaction holds at most %1 changes: %2 are pending, %n more cannot be added. Save or remove some of the pending ones first.</source>
        <translation>
            <numerusform>トランザクションに入る変更は最大 %1 件です。%2 件が保留中のため、さらに %n 件は追加できません。先に保存するか、保留中の変更をいくつか削除してください。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab.cpp" line="539"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="552"/>
        <source>Cancelled after %n item(s).</source>
        <translation>
            <numerusform>%n 項目の後でキャンセルしました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="553"/>
        <source>%n item(s) deleted.</source>
        <translation>
            <numerusform>%n 項目を削除しました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab.cpp" line="554"/>
        <source>%n item(s) imported.</source>
        <translation>
            <numerusform>%n 項目をインポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="19"/>
        <source>Import items</source>
        <translation>項目のインポート</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="20"/>
        <source>Item files (*.json *.jsonl *.csv);;Batch write requests (*.json);;DynamoDB JSON lines (*.jsonl *.json);;CSV (*.csv)</source>
        <translation>項目ファイル (*.json *.jsonl *.csv);;バッチ書き込みリクエスト (*.json);;DynamoDB JSON Lines (*.jsonl *.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="27"/>
        <source>Export items</source>
        <translation>項目のエクスポート</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="28"/>
        <location filename="../widgets/items/items_tab_files.cpp" line="55"/>
        <source>Batch write request (*.json);;DynamoDB JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>バッチ書き込みリクエスト (*.json);;DynamoDB JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="36"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="45"/>
        <source>%1 was not imported. %2</source>
        <translation>%1 はインポートされませんでした。%2</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="49"/>
        <source>Importing %1</source>
        <translation>%1 をインポート中</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="54"/>
        <source>Export results</source>
        <translation>結果をエクスポート</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="71"/>
        <source>Exporting %1</source>
        <translation>%1 をエクスポート中</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="82"/>
        <source>Export cancelled.</source>
        <translation>エクスポートをキャンセルしました。</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="101"/>
        <source>Exporting %1: %2 items</source>
        <translation>%1 をエクスポート中: %2 項目</translation>
    </message>
    <message>
        <location filename="../widgets/items/items_tab_files.cpp" line="111"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/items_tab_files.cpp" line="115"/>
        <source>%n item(s) exported to %1.</source>
        <translation>
            <numerusform>%n 項目を %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyAttributeList</name>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="23"/>
        <source>Add partition key attribute</source>
        <translation>パーティションキーの属性を追加</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="23"/>
        <source>Add sort key attribute</source>
        <translation>ソートキーの属性を追加</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="61"/>
        <source>partition key attribute</source>
        <translation>パーティションキーの属性</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="62"/>
        <source>sort key attribute</source>
        <translation>ソートキーの属性</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="70"/>
        <source>Remove this key attribute</source>
        <translation>このキー属性を削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="124"/>
        <source>A partition key has at most %1 attributes.</source>
        <translation>パーティションキーの属性は最大 %1 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="125"/>
        <source>A sort key has at most %1 attributes.</source>
        <translation>ソートキーの属性は最大 %1 個です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="128"/>
        <source>Partitions by several attributes together, each with its own type; a query gives a value for each.</source>
        <translation>複数の属性を組み合わせてパーティション分割します (属性ごとに型を指定)。クエリではそれぞれの値を指定します。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/key_attribute_list.cpp" line="130"/>
        <source>Sorts by several attributes, left to right; a query gives them in order, a range condition on the last one.</source>
        <translation>複数の属性で左から順に並べ替えます。クエリでは順番に指定し、範囲条件は最後の属性にのみ使えます。</translation>
    </message>
</context>
<context>
    <name>KeychainStore</name>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="77"/>
        <source>Details: %1</source>
        <translation>詳細: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="144"/>
        <source>The system keychain holds no keys for %1, or it is locked. Unlock it and choose Connections → %1 → Connect again, or type the keys again with Edit….</source>
        <translation>システムのキーチェーンに %1 のキーがないか、キーチェーンがロックされています。ロックを解除して [接続] → %1 → [再接続] を選ぶか、[編集…] でキーをもう一度入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="149"/>
        <source>The system keychain is locked or refused to give the keys of %1. Unlock it and choose Connections → %1 → Connect again.</source>
        <translation>システムのキーチェーンがロックされているか、%1 のキーの読み取りを拒否しました。ロックを解除して [接続] → %1 → [再接続] を選んでください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="157"/>
        <source>The keys of %1 cannot be read: there is no system keychain to read them from. Sign with an AWS CLI profile instead (Connections → %1 → Edit…).</source>
        <translation>%1 のキーを読み取れません: 読み取り元のシステムのキーチェーンがありません。代わりに AWS CLI のプロファイルで署名してください ([接続] → %1 → [編集…])。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="166"/>
        <source>The system keychain is locked or refused to keep the keys. Unlock it and try again, or choose an AWS CLI profile instead.</source>
        <translation>システムのキーチェーンがロックされているか、キーの保管を拒否しました。ロックを解除してもう一度試すか、代わりに AWS CLI のプロファイルを選んでください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/keychain_store.cpp" line="170"/>
        <source>There is no system keychain to keep the keys in. Choose an AWS CLI profile instead.</source>
        <translation>キーを保管するシステムのキーチェーンがありません。代わりに AWS CLI のプロファイルを選んでください。</translation>
    </message>
</context>
<context>
    <name>KmsKeyPicker</name>
    <message>
        <location filename="../widgets/kms/kms_key_picker.cpp" line="17"/>
        <source>KMS key ID, ARN or alias</source>
        <translation>KMS キー ID、ARN またはエイリアス</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_picker.cpp" line="19"/>
        <source>A customer managed key of the region (see the KMS keys tab), or a key ID, key ARN or alias typed by hand</source>
        <translation>リージョンのカスタマーマネージドキー (KMS キータブを参照)、または手入力したキー ID、キー ARN、エイリアス</translation>
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
        <translation>お客様が管理するキー: 無効化、有効化、削除のスケジュールができます</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="75"/>
        <source>The AWS managed key of DynamoDB (alias/aws/dynamodb): only DynamoDB uses it, and no one can disable it</source>
        <translation>DynamoDB の AWS マネージドキー (alias/aws/dynamodb): DynamoDB だけが使い、誰も無効化できません</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="82"/>
        <source>(no description)</source>
        <translation>(説明なし)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="89"/>
        <source>Customer</source>
        <translation>カスタマー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="89"/>
        <source>AWS (aws/dynamodb)</source>
        <translation>AWS (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="104"/>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="106"/>
        <source>Key ID</source>
        <translation>キー ID</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="108"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="110"/>
        <source>Managed by</source>
        <translation>管理者</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="112"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_model.cpp" line="114"/>
        <source>Deletion date</source>
        <translation>削除日</translation>
    </message>
</context>
<context>
    <name>KmsKeysTab</name>
    <message>
        <location filename="../widgets/kms/kms_console.cpp" line="17"/>
        <source>KMS keys</source>
        <translation>KMS キー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="51"/>
        <source>Disable</source>
        <translation>無効化</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="52"/>
        <source>Enable</source>
        <translation>有効化</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="53"/>
        <source>Schedule deletion…</source>
        <translation>削除をスケジュール…</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="54"/>
        <source>Cancel deletion</source>
        <translation>削除をキャンセル</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="57"/>
        <source>Create key…</source>
        <translation>キーを作成…</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="63"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="74"/>
        <source>Tables encrypted with a key that is disabled or pending deletion stop serving requests after about 5 minutes and show Key inaccessible after about 45 minutes (a replica of a global table: 80 minutes, after which replication to and from it stops). Enabled again in time, they recover after about 40 minutes. A replica still inaccessible after 20 hours leaves its global table; a table after 7 days is archived.</source>
        <translation>無効化または削除保留中のキーで暗号化されたテーブルは、約 5 分後にリクエストに応答しなくなり、約 45 分後に「キーにアクセス不可」と表示されます (グローバルテーブルのレプリカは 80 分後で、以後そのレプリカとの間のレプリケーションは止まります)。期限内にキーを再び有効にすると、約 40 分で回復します。20 時間後もアクセスできないレプリカはグローバルテーブルから外れ、テーブルは 7 日後にアーカイブされます。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="215"/>
        <source>Only DynamoDB uses the AWS managed key: it cannot be changed.</source>
        <translation>AWS マネージドキーは DynamoDB だけが使うため、変更できません。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="229"/>
        <source>Key ID</source>
        <translation>キー ID</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="230"/>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="231"/>
        <source>Description</source>
        <translation>説明</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="232"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="234"/>
        <source>Managed by</source>
        <translation>管理者</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="235"/>
        <source>AWS (alias/aws/dynamodb)</source>
        <translation>AWS (alias/aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="235"/>
        <source>Customer</source>
        <translation>カスタマー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="236"/>
        <source>Key spec</source>
        <translation>キー仕様</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="236"/>
        <source>Symmetric encryption (%1)</source>
        <translation>対称暗号化 (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="237"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="238"/>
        <source>Deleted on</source>
        <translation>削除日</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="242"/>
        <source>Tables encrypted with this key cannot be read or written. Enable it again to let them recover.</source>
        <translation>このキーで暗号化されたテーブルは読み書きできません。回復させるにはキーを再び有効にしてください。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="248"/>
        <source>Tables encrypted with this key cannot be read or written. Cancel the deletion, then enable the key, to let them recover.</source>
        <translation>このキーで暗号化されたテーブルは読み書きできません。回復させるには削除をキャンセルしてからキーを有効にしてください。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="260"/>
        <source>Created KMS key %1.</source>
        <translation>KMS キー %1 を作成しました。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="274"/>
        <source>KMS key %1 is pending deletion.</source>
        <translation>KMS キー %1 は削除保留中です。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="281"/>
        <source>Disabled KMS key %1.</source>
        <translation>KMS キー %1 を無効にしました。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="285"/>
        <source>Enabled KMS key %1.</source>
        <translation>KMS キー %1 を有効にしました。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="290"/>
        <source>Cancelled the deletion of KMS key %1; it is disabled until you enable it.</source>
        <translation>KMS キー %1 の削除をキャンセルしました。有効にするまで無効のままです。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_keys_tab.cpp" line="300"/>
        <source>KMS refused: %1</source>
        <translation>KMS が拒否しました: %1</translation>
    </message>
</context>
<context>
    <name>LinkMatrixModel</name>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="144"/>
        <source>cut</source>
        <translation>切断</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="145"/>
        <source>offline</source>
        <translation>オフライン</translation>
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
        <translation>%1 ↔ %2: モデル %3 ms%4%5</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="152"/>
        <source>, override %1 ms</source>
        <translation>、上書き %1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="153"/>
        <source>, cut</source>
        <translation>、切断</translation>
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
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="49"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="137"/>
        <source>Main</source>
        <translation>メイン</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="141"/>
        <source>Region:</source>
        <translation>リージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="151"/>
        <source>New table</source>
        <translation>新しいテーブル</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="152"/>
        <source>New item</source>
        <translation>新しい項目</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="154"/>
        <source>Find items</source>
        <translation>項目を検索</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="155"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="156"/>
        <source>Import items…</source>
        <translation>項目をインポート…</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="157"/>
        <source>Export items…</source>
        <translation>項目をエクスポート…</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="158"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="183"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="188"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="190"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="198"/>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="203"/>
        <location filename="../widgets/window/main_window.cpp" line="218"/>
        <source>Follow the system</source>
        <translation>システムに従う</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="204"/>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="204"/>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="215"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="263"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="264"/>
        <source>Keyboard shortcuts</source>
        <translation>キーボードショートカット</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="272"/>
        <source>About Tablespan</source>
        <translation>Tablespan について</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="153"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="59"/>
        <source>Data: %1</source>
        <translation>データ: %1</translation>
    </message>
    <message>
        <location filename="../widgets/global/global_console.cpp" line="44"/>
        <location filename="../widgets/window/main_window.cpp" line="60"/>
        <source>Time ×%1</source>
        <translation>時間 ×%1</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="51"/>
        <source>Streams</source>
        <translation>ストリーム</translation>
    </message>
    <message>
        <location filename="../widgets/window/main_window.cpp" line="50"/>
        <source>PartiQL editor</source>
        <translation>PartiQL エディタ</translation>
    </message>
</context>
<context>
    <name>MonitoringTab</name>
    <message>
        <location filename="../widgets/global/global_console.cpp" line="20"/>
        <source>Monitoring</source>
        <translation>モニタリング</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="85"/>
        <source>All regions</source>
        <translation>すべてのリージョン</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="107"/>
        <source>Requests per second by operation</source>
        <translation>オペレーション別の毎秒リクエスト数</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="108"/>
        <source>Request latency by operation (average, ms)</source>
        <translation>オペレーション別のリクエストレイテンシー (平均、ms)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="112"/>
        <source>errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="166"/>
        <source>Requests the console sent to %1, per second of wall time (the endpoint&apos;s own metrics are not read).</source>
        <translation>コンソールが %1 に送信したリクエスト (実時間の 1 秒ごと。エンドポイント自身のメトリクスは読み取りません)。</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="169"/>
        <source>Requests answered by the engine, per second of engine time.</source>
        <translation>エンジンが応答したリクエスト (エンジン時間の 1 秒ごと)。</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="171"/>
        <source>Replication latency and pending changes are measured by the embedded engine and exist for embedded regions only.</source>
        <translation>レプリケーションレイテンシーと保留中の変更は組み込みエンジンが測定するもので、組み込みのリージョンにしかありません。</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="177"/>
        <source>seconds (wall time)</source>
        <translation>秒 (実時間)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="136"/>
        <source>Requests and replication</source>
        <translation>リクエストとレプリケーション</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="137"/>
        <source>Capacity</source>
        <translation>キャパシティ</translation>
    </message>
</context>
<context>
    <name>OutageDrill</name>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="60"/>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="123"/>
        <source>The tables were not ACTIVE in every region after 15 minutes.</source>
        <translation>15 分経ってもテーブルがすべてのリージョンで ACTIVE になりませんでした。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="349"/>
        <source>Creating %1 and %2 in %3…</source>
        <translation>%3 に %1 と %2 を作成しています…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="352"/>
        <source>Adding the replicas in %1…</source>
        <translation>%1 にレプリカを追加しています…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="355"/>
        <source>Writing in every region; %1 fails in %2 s (engine time).</source>
        <translation>すべてのリージョンで書き込み中です。%2 秒後 (エンジン時間) に %1 が障害を起こします。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="358"/>
        <source>%1 is down; writing on. The outage ends in %2 s.</source>
        <translation>%1 が停止中です。書き込みを続けています。障害は %2 秒後に終わります。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="361"/>
        <source>Reading the other regions before %1 comes back…</source>
        <translation>%1 が復帰する前にほかのリージョンを読み込んでいます…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="363"/>
        <source>%1 is back; writing for %2 s more.</source>
        <translation>%1 が復帰しました。あと %2 秒書き込みます。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="366"/>
        <source>Waiting for the last answers…</source>
        <translation>最後の応答を待っています…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="368"/>
        <source>Done. The tables %1 and %2 are left for you to look at.</source>
        <translation>完了しました。テーブル %1 と %2 は確認用に残してあります。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill.cpp" line="371"/>
        <source>Stopped: %1</source>
        <translation>停止しました: %1</translation>
    </message>
</context>
<context>
    <name>OutageDrillChart</name>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="24"/>
        <source>seconds since the load started (engine time)</source>
        <translation>負荷開始からの秒数 (エンジン時間)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="29"/>
        <source>Eventual (MREC)</source>
        <translation>結果整合性 (MREC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="30"/>
        <source>Strong (MRSC)</source>
        <translation>強力な整合性 (MRSC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="36"/>
        <source>Write latency, median per second (ms)</source>
        <translation>書き込みレイテンシー、秒ごとの中央値 (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="38"/>
        <source>Writes refused per second (region unavailable or conflict)</source>
        <translation>1 秒あたりの拒否された書き込み (リージョン利用不可または競合)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_chart.cpp" line="65"/>
        <source>Outage</source>
        <translation>障害</translation>
    </message>
</context>
<context>
    <name>OutageDrillDialog</name>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="42"/>
        <source>Run comparison</source>
        <translation>比較を実行</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="43"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="45"/>
        <source>Delete the tables</source>
        <translation>テーブルを削除</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="50"/>
        <source>Outage comparison: eventual vs strong consistency</source>
        <translation>障害の比較: 結果整合性と強力な整合性</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="52"/>
        <source>Creates two empty tables replicated to the same three regions, one eventually (MREC) and one strongly (MRSC) consistent, writes to both from every region, and takes one region down for a while. It then compares what each table lost, refused and how long its writes took.</source>
        <translation>同じ 3 つのリージョンにレプリケートされた空のテーブルを 2 つ (結果整合性 (MREC) と強力な整合性 (MRSC)) 作成し、すべてのリージョンから両方に書き込み、1 つのリージョンをしばらく停止させます。その後、各テーブルで失われた書き込み、拒否された書き込み、書き込みにかかった時間を比較します。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="60"/>
        <source>US (N. Virginia, Ohio, Oregon)</source>
        <translation>US (バージニア北部、オハイオ、オレゴン)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="61"/>
        <source>EU (Ireland, London, Paris, Frankfurt)</source>
        <translation>EU (アイルランド、ロンドン、パリ、フランクフルト)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="62"/>
        <source>AP (Tokyo, Seoul, Osaka)</source>
        <translation>AP (東京、ソウル、大阪)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="67"/>
        <source>Cut off from the other two regions</source>
        <translation>ほかの 2 つのリージョンから切り離す</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="68"/>
        <source>Offline (answers no requests)</source>
        <translation>オフライン (リクエストに応答しない)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="72"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="76"/>
        <source> per second</source>
        <translation> / 秒</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="77"/>
        <source>Writes per second in each region, to each table</source>
        <translation>各リージョンから各テーブルへの 1 秒あたりの書き込み数</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="85"/>
        <source>Delete the two tables of the last run and their replicas</source>
        <translation>前回の実行の 2 つのテーブルとそのレプリカを削除します</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="88"/>
        <source>Eventual (MREC)</source>
        <translation>結果整合性 (MREC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="88"/>
        <source>Strong (MRSC)</source>
        <translation>強力な整合性 (MRSC)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="110"/>
        <source>Region set:</source>
        <translation>リージョンセット:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="111"/>
        <source>Regions:</source>
        <translation>リージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="112"/>
        <source>Region that fails:</source>
        <translation>障害を起こすリージョン:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="113"/>
        <source>Fault:</source>
        <translation>障害の種類:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="114"/>
        <source>Outage (engine time):</source>
        <translation>障害の長さ (エンジン時間):</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="115"/>
        <source>Write load:</source>
        <translation>書き込み負荷:</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="185"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="204"/>
        <source>Choose three regions.</source>
        <translation>リージョンを 3 つ選択してください。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="205"/>
        <source>%1 s of writes after the tables are ready (about %2 s at time ×%3). The tables are created in %4.</source>
        <translation>テーブルの準備ができてから %1 秒間書き込みます (時間 ×%3 で約 %2 秒)。テーブルは %4 に作成されます。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="213"/>
        <source>Latencies are engine time: at ×%1 the engine&apos;s own work counts %1 times slower than the network&apos;s delays, which are modelled.</source>
        <translation>レイテンシーはエンジン時間です。×%1 では、エンジン自身の処理はモデル化されたネットワーク遅延に比べて %1 倍遅く数えられます。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="286"/>
        <source>Deleting %1 and %2 (the replicas first)…</source>
        <translation>%1 と %2 を削除しています (先にレプリカ)…</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="289"/>
        <source>Deleted %1 and %2.</source>
        <translation>%1 と %2 を削除しました。</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="290"/>
        <source>The tables could not be deleted: %1</source>
        <translation>テーブルを削除できませんでした: %1</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="317"/>
        <source>Writes sent</source>
        <translation>送信した書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="318"/>
        <source>Acknowledged</source>
        <translation>確認済み</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="319"/>
        <source>Refused (region unavailable)</source>
        <translation>拒否 (リージョン利用不可)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="320"/>
        <source>Refused as conflicts</source>
        <translation>競合として拒否</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="321"/>
        <source>Lost had %1 never come back</source>
        <translation>%1 が復帰しなかった場合に失われる書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="322"/>
        <source>Data lost (RPO)</source>
        <translation>データ損失 (RPO)</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="323"/>
        <source>Write latency p50</source>
        <translation>書き込みレイテンシー p50</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="324"/>
        <source>Write latency p99</source>
        <translation>書き込みレイテンシー p99</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="333"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/drills/outage_drill_dialog.cpp" line="344"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
</context>
<context>
    <name>PartiqlHistory</name>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="47"/>
        <source>%1 in %2 at %3</source>
        <translation>%1（%2、%3）</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="49"/>
        <source>Parameters: %1</source>
        <translation>パラメータ: %1</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="50"/>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="57"/>
        <source>Ran</source>
        <translation>実行済み</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_history.cpp" line="57"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
</context>
<context>
    <name>PartiqlTab</name>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="40"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="49"/>
        <source>Load more</source>
        <translation>さらに読み込む</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="66"/>
        <source>Run the statement (%1)</source>
        <translation>ステートメントを実行 (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="69"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="70"/>
        <source>The most items the statement reads per page (Limit).</source>
        <translation>ステートメントが 1 ページで読み取る項目の上限 (Limit)。</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="77"/>
        <source>%1 runs the statement</source>
        <translation>%1 でステートメントを実行</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="87"/>
        <source>Limit:</source>
        <translation>上限:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="81"/>
        <source>Statement:</source>
        <translation>ステートメント:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="115"/>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="47"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="48"/>
        <source>DynamoDB JSON</source>
        <translation>DynamoDB JSON</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="75"/>
        <source>The values of the statement&apos;s ? placeholders, in order: a JSON list of DynamoDB values (Parameters).</source>
        <translation>ステートメントの ? プレースホルダーに入る値を順に指定します: DynamoDB 値の JSON リスト (Parameters)。</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="90"/>
        <source>Parameters:</source>
        <translation>パラメータ:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="140"/>
        <source>Show as:</source>
        <translation>表示形式:</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="157"/>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="209"/>
        <source>Enter a PartiQL statement, for example:
SELECT * FROM &quot;%1&quot;</source>
        <translation>PartiQL ステートメントを入力してください。例:
SELECT * FROM &quot;%1&quot;</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="217"/>
        <source>Enter a statement to run.</source>
        <translation>実行するステートメントを入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="227"/>
        <source>The parameters must be a JSON list of DynamoDB values, such as [{&quot;S&quot;: &quot;Ada&quot;}, {&quot;N&quot;: &quot;100&quot;}].</source>
        <translation>パラメータは DynamoDB 値の JSON リストで指定してください。例: [{&quot;S&quot;: &quot;Ada&quot;}, {&quot;N&quot;: &quot;100&quot;}]</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="315"/>
        <source>Running in %1…</source>
        <translation>%1 で実行中…</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="319"/>
        <source>Run a statement to see the items it returns.</source>
        <translation>ステートメントを実行すると、返された項目がここに表示されます。</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="325"/>
        <source>Statement ran in %1. Items returned: %2.</source>
        <translation>ステートメントを %1 で実行しました。返された項目: %2 件。</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="326"/>
        <source>Ran in %1. Items returned: %2.</source>
        <translation>%1 で実行しました。返された項目: %2 件。</translation>
    </message>
    <message>
        <location filename="../widgets/partiql/partiql_tab.cpp" line="327"/>
        <source>More items wait: Load more.</source>
        <translation>続きの項目があります:「さらに読み込む」を押してください。</translation>
    </message>
</context>
<context>
    <name>PendingTransaction</name>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="29"/>
        <source>The pending transaction is in %1: a transaction writes in one region. Save or clear it first.</source>
        <translation>保留中のトランザクションは %1 のものです。トランザクションは 1 つのリージョンに書き込みます。先に保存するかクリアしてください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="33"/>
        <source>A transaction holds at most %1 changes. Save or remove some of the pending ones first.</source>
        <translation>トランザクションに入る変更は最大 %1 件です。先に保存するか、保留中の変更をいくつか削除してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="43"/>
        <source>This item already has a change in the pending transaction (%1): a transaction changes an item once. Remove that change first.</source>
        <translation>この項目には保留中のトランザクションに変更がすでにあります (%1)。トランザクションは 1 つの項目を 1 回しか変更できません。先にその変更を削除してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="102"/>
        <source>None: would have succeeded</source>
        <translation>None: 成功するはずでした</translation>
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
        <translation>まだ存在しないこと</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="119"/>
        <source>Unchanged since loaded</source>
        <translation>読み込み以降に変更なし</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="119"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="143"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="144"/>
        <source>Put (new item)</source>
        <translation>Put (新しい項目)</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="144"/>
        <source>Put</source>
        <translation>Put</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="162"/>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="164"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="166"/>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="168"/>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction.cpp" line="170"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_request.cpp" line="34"/>
        <source>The item %1 has too many attributes to check that it is unchanged: the condition would be longer than the service&apos;s 4 KB. Turn off &quot;Only if unchanged since loaded&quot;, or remove its change.</source>
        <translation>項目 %1 は属性が多すぎて、変更がないことを確認できません。条件がサービスの上限 4 KB を超えてしまいます。「読み込み以降に変更がない場合のみ」をオフにするか、この変更を削除してください。</translation>
    </message>
</context>
<context>
    <name>PendingTransactionPanel</name>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="67"/>
        <source>Only if unchanged since loaded</source>
        <translation>読み込み以降に変更がない場合のみ</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="68"/>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="69"/>
        <source>Save as transaction</source>
        <translation>トランザクションとして保存</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="81"/>
        <source>Each edited or deleted item is written only if every attribute loaded still has the value loaded; otherwise nothing is written. A new item must not exist yet either way.</source>
        <translation>編集または削除した各項目は、読み込んだすべての属性が読み込んだときの値のままである場合にのみ書き込まれます。そうでなければ何も書き込まれません。新しい項目は、いずれの場合もまだ存在していてはなりません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="87"/>
        <source>Writes every pending change with one TransactWriteItems: all of them or none.</source>
        <translation>保留中のすべての変更を 1 回の TransactWriteItems で書き込みます。すべて書き込まれるか、何も書き込まれないかのどちらかです。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="155"/>
        <source>Pending transaction in %1</source>
        <translation>%1 の保留中のトランザクション</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="156"/>
        <source>Pending transaction</source>
        <translation>保留中のトランザクション</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="158"/>
        <source>%n of at most %1 change(s)</source>
        <translation>
            <numerusform>%n 件 / 最大 %1 件の変更</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="180"/>
        <source>Item now…</source>
        <translation>現在の項目…</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="182"/>
        <source>Show the item as it is in the table now, beside the item as it was loaded.</source>
        <translation>テーブル内の現在の項目を、読み込んだときの項目と並べて表示します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="190"/>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="191"/>
        <source>Remove from transaction</source>
        <translation>トランザクションから削除</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="214"/>
        <source>Clear transaction</source>
        <translation>トランザクションをクリア</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="215"/>
        <source>Discard the %n pending change(s)? Nothing is written.</source>
        <translation>
            <numerusform>保留中の %n 件の変更を破棄しますか？何も書き込まれません。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="220"/>
        <source>Discard changes</source>
        <translation>変更を破棄</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="254"/>
        <source>The transaction was cancelled and nothing was written. Each change shows the service&apos;s reason: remove or redo the ones that failed, then save again.</source>
        <translation>トランザクションはキャンセルされ、何も書き込まれませんでした。各変更にサービスが返した理由が表示されています。失敗した変更を削除するかやり直してから、もう一度保存してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="258"/>
        <source>The transaction was refused and nothing was written: %1</source>
        <translation>トランザクションは拒否され、何も書き込まれませんでした: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="274"/>
        <source>Item in %1 now</source>
        <translation>%1 の現在の項目</translation>
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
        <translation>このキーの項目はすでに存在します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="289"/>
        <source>The attributes loaded are unchanged.</source>
        <translation>読み込んだ属性は変更されていません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="290"/>
        <source>Changed since loaded: %1</source>
        <translation>読み込み以降に変更された属性: %1</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="299"/>
        <source>As loaded</source>
        <translation>読み込み時</translation>
    </message>
    <message>
        <location filename="../widgets/items/pending_transaction_panel.cpp" line="300"/>
        <source>Now</source>
        <translation>現在</translation>
    </message>
</context>
<context>
    <name>PitrPanel</name>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="48"/>
        <location filename="../widgets/recovery/recovery_console.cpp" line="21"/>
        <source>Point-in-time recovery</source>
        <translation>ポイントインタイムリカバリ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="59"/>
        <source>Latest restorable time</source>
        <translation>最新の復元可能時刻</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="60"/>
        <source>Restore to new table…</source>
        <translation>新しいテーブルに復元…</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="72"/>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="73"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="75"/>
        <source>Table:</source>
        <translation>テーブル:</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="80"/>
        <source>Recovery period:</source>
        <translation>リカバリ期間:</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="87"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="97"/>
        <source>Recovery</source>
        <translation>リカバリ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="98"/>
        <source>Earliest restorable</source>
        <translation>最も早い復元可能時刻</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="99"/>
        <source>Latest restorable</source>
        <translation>最新の復元可能時刻</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="100"/>
        <source>History storage</source>
        <translation>履歴ストレージ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="176"/>
        <source>Restorable window — click or drag to pick the restore moment</source>
        <translation>復元可能な期間 — クリックまたはドラッグして復元時点を選択</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="177"/>
        <source>Writes — click or drag to pick the restore moment</source>
        <translation>書き込み — クリックまたはドラッグして復元時点を選択</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="115"/>
        <source>Restore to:</source>
        <translation>復元時点:</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="251"/>
        <source>No table in this region.</source>
        <translation>このリージョンにはテーブルがありません。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="269"/>
        <source>Not reported by a remote endpoint</source>
        <translation>リモートエンドポイントからは報告されません</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/recovery/pitr_panel.cpp" line="279"/>
        <source>%n version(s), %1</source>
        <translation>
            <numerusform>%n 個のバージョン、%1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="281"/>
        <source> — oldest %1</source>
        <translation> — 最古: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/recovery/pitr_panel.cpp" line="300"/>
        <source>Enabled: every write is kept for %n day(s).</source>
        <translation>
            <numerusform>有効: すべての書き込みが %n 日間保持されます。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="302"/>
        <source>Disabled: turn it on to restore this table to any second of its recovery period.</source>
        <translation>無効: オンにすると、このテーブルをリカバリ期間内の任意の秒の状態に復元できます。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="304"/>
        <source>Disabled: backups are being enabled for this table.</source>
        <translation>無効: このテーブルのバックアップを有効化しています。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="332"/>
        <source>The restorable window is the one %1 reports. The writes within it are recorded by the embedded engine only: a remote table&apos;s timeline shows the window alone.</source>
        <translation>復元可能な期間は %1 が報告するものです。期間内の書き込みは組み込みエンジンしか記録しないため、リモートテーブルのタイムラインには期間だけが表示されます。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="336"/>
        <source>Point-in-time recovery is off for this table: turn it on to see its restorable window here (a chart of writes exists for embedded tables only).</source>
        <translation>このテーブルのポイントインタイムリカバリはオフです。オンにすると、ここに復元可能な期間が表示されます (書き込みのグラフは組み込みのテーブルにしかありません)。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="394"/>
        <source>Point-in-time recovery is on for %1.</source>
        <translation>%1 のポイントインタイムリカバリはオンです。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="395"/>
        <source>Point-in-time recovery is off for %1.</source>
        <translation>%1 のポイントインタイムリカバリはオフです。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="435"/>
        <source>Restoring table %1 in %2…</source>
        <translation>テーブル %1 を %2 に復元中…</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_panel.cpp" line="439"/>
        <source>Restoring table %1…</source>
        <translation>テーブル %1 を復元中…</translation>
    </message>
</context>
<context>
    <name>PitrTimeline</name>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="39"/>
        <source>Restorable</source>
        <translation>復元可能</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="42"/>
        <source>Writes</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="45"/>
        <source>Restore point</source>
        <translation>復元ポイント</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="51"/>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="70"/>
        <source>local time</source>
        <translation>ローカル時刻</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="52"/>
        <source>writes</source>
        <translation>書き込み数</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="72"/>
        <source>engine time</source>
        <translation>エンジン時刻</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/pitr_timeline.cpp" line="75"/>
        <source>engine time (×%1)</source>
        <extracomment>the chart&apos;s time axis when engine time runs %1 times faster than the clock</extracomment>
        <translation>エンジン時刻 (×%1)</translation>
    </message>
</context>
<context>
    <name>PropagationProbe</name>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="43"/>
        <source>Send probe</source>
        <translation>プローブを送信</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="55"/>
        <source>Writes an item in the source region and times its arrival in the destination</source>
        <translation>送信元リージョンに項目を書き込み、送信先リージョンに届くまでの時間を計測します</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/global/propagation_probe.cpp" line="123"/>
        <source>Each probe writes an item whose key starts with tablespan-probe- in the source region, and deletes it again once it has arrived or after %n second(s).</source>
        <translation>
            <numerusform>各プローブはソースリージョンにキーが tablespan-probe- で始まる項目を書き込み、到着した時点または %n 秒後にその項目を再び削除します。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="64"/>
        <source>Write in:</source>
        <translation>書き込み先:</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="65"/>
        <source>Watch in:</source>
        <translation>監視先:</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="129"/>
        <source>Between remote regions the time is wall-clock time from the write&apos;s answer to the first read that finds the item (one every %1 s), round trips included.</source>
        <translation>リモートリージョン間では、書き込みの応答から項目を見つけた最初の読み取り (%1 秒ごと) までの実時間で、往復の通信時間を含みます。</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="134"/>
        <source>Add a replica to probe how fast writes propagate.</source>
        <translation>レプリカを追加すると、書き込みの伝播速度を計測できます。</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="186"/>
        <source>Choose two different regions.</source>
        <translation>異なる 2 つのリージョンを選択してください。</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="199"/>
        <source>Writing the probe item in %1…</source>
        <translation>%1 にプローブ項目を書き込んでいます…</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="207"/>
        <source>%1 → %2: the probe could not be written: %3</source>
        <translation>%1 → %2: プローブを書き込めませんでした: %3</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="295"/>
        <source>The probe item could not be removed in %1: %2</source>
        <translation>%1 でプローブ項目を削除できませんでした: %2</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="306"/>
        <source>%1 → %2: stopped before the probe was written</source>
        <translation>%1 → %2: プローブの書き込み前に停止しました</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="314"/>
        <source>%1 → %2: stopped after %3 ms, not arrived</source>
        <translation>%1 → %2: %3 ms 後に停止しました。未到着です</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="216"/>
        <source>Waiting for the probe in %1…</source>
        <translation>%1 でプローブを待っています…</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/global/propagation_probe.cpp" line="226"/>
        <source>%1 → %2: not arrived within %n s</source>
        <translation>
            <numerusform>%1 → %2: %n 秒以内に到着しませんでした</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="268"/>
        <source>%1 → %2: arrived after %3 ms</source>
        <translation>%1 → %2: %3 ms で到着</translation>
    </message>
    <message>
        <location filename="../widgets/global/propagation_probe.cpp" line="248"/>
        <source>Waiting for the probe in %1 (%2)…</source>
        <translation>%1 でプローブを待っています (%2)…</translation>
    </message>
</context>
<context>
    <name>QueryBuilder</name>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="71"/>
        <source>%1 is not a number.</source>
        <translation>%1 は数値ではありません。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="71"/>
        <source>An empty value</source>
        <translation>空の値</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="78"/>
        <source>A binary value is written in base64.</source>
        <translation>バイナリ値は Base64 で記述します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="86"/>
        <source>A boolean is true or false.</source>
        <translation>ブール値は true または false です。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="92"/>
        <source>Unknown type %1.</source>
        <translation>不明な型 %1 です。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="114"/>
        <source>Enter the partition key value.</source>
        <translation>パーティションキーの値を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="148"/>
        <source>Enter the value of the sort key %1.</source>
        <translation>ソートキー %1 の値を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="153"/>
        <source>Enter both bounds of BETWEEN for the sort key %1.</source>
        <translation>ソートキー %1 の BETWEEN の両端を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="178"/>
        <source>A filter needs an attribute name.</source>
        <translation>フィルターには属性名が必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="115"/>
        <source>Enter a value for every partition key attribute (missing: %1).</source>
        <translation>パーティションキーのすべての属性に値を入力してください (未入力: %1)。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="134"/>
        <source>Give the sort key attributes from the left: enter %1 before %2.</source>
        <translation>ソートキーの属性は左から指定してください: %2 より先に %1 を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_builder.cpp" line="140"/>
        <source>Only the last sort key attribute given may use %1: %2 needs = because %3 follows it.</source>
        <translation>%1 を使えるのは最後に指定したソートキーの属性だけです: %3 が後に続くため、%2 には = が必要です。</translation>
    </message>
</context>
<context>
    <name>QueryForm</name>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="20"/>
        <source>Scan</source>
        <translation>スキャン</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="22"/>
        <source>Query</source>
        <translation>クエリ</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="29"/>
        <source>Scan or query the table or one of its indexes</source>
        <translation>テーブルまたはそのインデックスのいずれかをスキャンまたはクエリ</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="33"/>
        <source>Attributes to return:</source>
        <translation>返す属性:</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="36"/>
        <source>all attributes (or: name, age, address)</source>
        <translation>すべての属性 (または: name, age, address)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="38"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="52"/>
        <location filename="../widgets/items/query_form.cpp" line="158"/>
        <source>partition key value</source>
        <translation>パーティションキーの値</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="56"/>
        <location filename="../widgets/items/query_form.cpp" line="143"/>
        <source>(any)</source>
        <translation>(任意)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="62"/>
        <location filename="../widgets/items/query_form.cpp" line="148"/>
        <location filename="../widgets/items/query_form.cpp" line="272"/>
        <source>and</source>
        <translation>から</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="63"/>
        <source>Descending</source>
        <translation>降順</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="77"/>
        <source>Add filter</source>
        <translation>フィルターを追加</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="79"/>
        <source>Match all filters (AND)</source>
        <translation>すべてのフィルターに一致 (AND)</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="80"/>
        <source>Match any filter (OR)</source>
        <translation>いずれかのフィルターに一致 (OR)</translation>
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
        <translation>属性名</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="270"/>
        <source>value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="277"/>
        <source>Remove this filter</source>
        <translation>このフィルターを削除</translation>
    </message>
    <message>
        <location filename="../widgets/items/query_form.cpp" line="178"/>
        <source>Give the sort key attributes from the left, each before this one with =.</source>
        <translation>ソートキーの属性は左から指定してください。この属性より前はすべて = で指定します。</translation>
    </message>
</context>
<context>
    <name>RecoveryRequest</name>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="15"/>
        <source>A backup name has 3 to 255 characters.</source>
        <translation>バックアップ名は 3～255 文字です。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="18"/>
        <source>A backup name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>バックアップ名に使用できるのは a–z、A–Z、0–9、アンダースコア (_)、ハイフン (-)、ピリオド (.) のみです。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="27"/>
        <source>A table name has 3 to 255 characters.</source>
        <translation>テーブル名は 3～255 文字です。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="30"/>
        <source>A table name may contain only a–z, A–Z, 0–9, underscore (_), hyphen (-) and period (.).</source>
        <translation>テーブル名に使用できるのは a–z、A–Z、0–9、アンダースコア (_)、ハイフン (-)、ピリオド (.) のみです。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="41"/>
        <source>Read and write capacity units are between 1 and 40,000.</source>
        <translation>読み込み/書き込みキャパシティユニットは 1～40,000 です。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/recovery_request.cpp" line="44"/>
        <source>Enter the KMS key ID, ARN or alias.</source>
        <translation>KMS キー ID、ARN またはエイリアスを入力してください。</translation>
    </message>
</context>
<context>
    <name>RegionMap</name>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="32"/>
        <source>Click a link to cut or heal it</source>
        <translation>リンクをクリックすると切断または復旧できます</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="127"/>
        <location filename="../widgets/global/region_map.cpp" line="246"/>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="129"/>
        <location filename="../widgets/global/region_map.cpp" line="246"/>
        <source>cut</source>
        <translation>切断</translation>
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
        <translation>リンク %1 ↔ %2 を復旧</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="143"/>
        <source>Cut link %1 ↔ %2</source>
        <translation>リンク %1 ↔ %2 を切断</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map_labels.cpp" line="66"/>
        <source>%1 (witness)</source>
        <translation>%1 (ウィットネス)</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map_labels.cpp" line="99"/>
        <source>%1 · %2 pending</source>
        <translation>%1 · 保留 %2</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map_labels.cpp" line="65"/>
        <source>%1 (offline)</source>
        <translation>%1 (オフライン)</translation>
    </message>
    <message>
        <location filename="../widgets/global/region_map.cpp" line="246"/>
        <source>flowing</source>
        <translation>伝送中</translation>
    </message>
</context>
<context>
    <name>RegionSelector</name>
    <message>
        <location filename="../widgets/window/region_selector.cpp" line="11"/>
        <source>The region whose tables the console shows</source>
        <translation>コンソールにテーブルを表示するリージョン</translation>
    </message>
    <message>
        <location filename="../widgets/window/region_selector.cpp" line="42"/>
        <source>A remote region: %1 on the connection %2</source>
        <translation>リモートリージョン: 接続 %2 の %1</translation>
    </message>
</context>
<context>
    <name>RegionsModel</name>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="48"/>
        <source>Online: uncheck to take the region offline (every request fails with ServiceUnavailable)</source>
        <translation>オンライン: チェックを外すとリージョンがオフラインになります (すべてのリクエストが ServiceUnavailable で失敗します)</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="50"/>
        <source>Offline: check to bring the region back</source>
        <translation>オフライン: チェックするとリージョンが復帰します</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="54"/>
        <source>online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="54"/>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="88"/>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="90"/>
        <source>Code</source>
        <translation>コード</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="92"/>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/global/network_models.cpp" line="94"/>
        <source>Tables</source>
        <translation>テーブル</translation>
    </message>
</context>
<context>
    <name>RegionsPanel</name>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="35"/>
        <source>Regions &amp; network</source>
        <translation>リージョンとネットワーク</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="43"/>
        <source>Cut (partition the link)</source>
        <translation>切断 (リンクを分断)</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="44"/>
        <source>Override latency:</source>
        <translation>レイテンシーを上書き:</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="49"/>
        <source>Regions &amp;&amp; network</source>
        <translation>リージョンとネットワーク</translation>
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
        <translation>エンジン時間が実時間の何倍の速さで進むか</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="72"/>
        <source>Links between regions with tables</source>
        <translation>テーブルのあるリージョン間のリンク</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="83"/>
        <source>Regions</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="87"/>
        <source>Time scale:</source>
        <translation>時間倍率:</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="139"/>
        <source>&lt;b&gt;%1&lt;/b&gt; is a remote region: its network is real and is not simulated here. The switches, links and time scale below act on the embedded regions only.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; はリモートリージョンです。そのネットワークは実際のもので、ここではシミュレートされません。以下のスイッチ、リンク、時間倍率は組み込みのリージョンにだけ作用します。</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="181"/>
        <source>%1 ↔ %2 (model: %3 ms)</source>
        <translation>%1 ↔ %2 (モデル: %3 ms)</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="188"/>
        <source>Links appear here once two regions have tables.</source>
        <translation>2 つのリージョンにテーブルができると、ここにリンクが表示されます。</translation>
    </message>
    <message>
        <location filename="../widgets/global/regions_panel.cpp" line="189"/>
        <source>Select a link in the matrix to cut it or set its latency.</source>
        <translation>マトリックスでリンクを選択すると、切断やレイテンシーの設定ができます。</translation>
    </message>
</context>
<context>
    <name>RemoteConnection</name>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="32"/>
        <source>Give the connection a name.</source>
        <translation>接続に名前を付けてください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="34"/>
        <source>The name has more than 32 characters.</source>
        <translation>名前が 32 文字を超えています。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="37"/>
        <source>The name may hold only letters, digits, - and _.</source>
        <translation>名前に使えるのは英字、数字、- と _ だけです。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="40"/>
        <source>There is already a connection named %1.</source>
        <translation>%1 という名前の接続は既にあります。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="44"/>
        <source>Enter the endpoint&apos;s URL.</source>
        <translation>エンドポイントの URL を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="46"/>
        <source>The URL is http:// or https://, a host and an optional port, such as http://127.0.0.1:8000.</source>
        <translation>URL は http:// または https:// に続くホストと省略可能なポートです (例: http://127.0.0.1:8000)。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="51"/>
        <source>Choose at least one region the endpoint serves.</source>
        <translation>エンドポイントが提供するリージョンを 1 つ以上選択してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="55"/>
        <source>%1 is not a known region code.</source>
        <translation>%1 は既知のリージョンコードではありません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="58"/>
        <source>There is no CA file %1.</source>
        <translation>CA ファイル %1 がありません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="113"/>
        <source>Invalid retry settings: %1</source>
        <translation>再試行の設定が無効です: %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="133"/>
        <source>none: requests are unsigned</source>
        <translation>なし: リクエストは署名されません</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="138"/>
        <source>The keys of %1 are kept in the system keychain.</source>
        <translation>%1 のキーはシステムのキーチェーンに保管されています。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_connection.cpp" line="146"/>
        <source>No credentials: %1</source>
        <translation>認証情報がありません: %1</translation>
    </message>
</context>
<context>
    <name>RemoteErrors</name>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="13"/>
        <source>Cannot connect to %1. Is the server running, and is the URL right?</source>
        <translation>%1 に接続できません。サーバーは起動していますか? URL は正しいですか?</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="15"/>
        <source>Cannot connect to %1 (%2). Is the server running, and is the URL right?</source>
        <translation>%1 に接続できません (%2)。サーバーは起動していますか? URL は正しいですか?</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="19"/>
        <source>%1 did not accept a connection within %2 s.</source>
        <translation>%1 は %2 秒以内に接続を受け付けませんでした。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="21"/>
        <source>%1 did not answer within %2 s.</source>
        <translation>%1 は %2 秒以内に応答しませんでした。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="23"/>
        <source>%1 closed the connection before it answered.</source>
        <translation>%1 は応答する前に接続を閉じました。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="25"/>
        <source>The secure connection to %1 failed: %2. Check the server&apos;s certificate, or the CA file of the connection.</source>
        <translation>%1 への安全な接続に失敗しました: %2。サーバーの証明書、または接続の CA ファイルを確認してください。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/remote_errors.cpp" line="29"/>
        <source>The answer from %1 arrived damaged; it was not used.</source>
        <translation>%1 からの応答が破損していたため、使用しませんでした。</translation>
    </message>
</context>
<context>
    <name>ReplicaModel</name>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="42"/>
        <source>Not served by connection %1: the service reports this replica, but the console reaches only the regions the connection names (%2).</source>
        <translation>接続 %1 の対象外です。サービスはこのレプリカを報告していますが、コンソールが届くのは接続に指定したリージョン (%2) だけです。</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="193"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="226"/>
        <source>The replica&apos;s KMS key is disabled or pending deletion: it serves no requests, and replication to and from it has stopped (the other replicas keep their changes pending). Enable the key in its region (KMS keys tab) within 20 hours of this status, or the replica leaves the global table and stays a single-Region table with its items.</source>
        <translation>レプリカの KMS キーが無効化されたか削除保留中です: このレプリカはリクエストに応答せず、レプリカとの間のレプリケーションは止まっています (他のレプリカは変更を保留したまま保持します)。このステータスになってから 20 時間以内に、そのリージョンでキーを有効にしてください (KMS キータブ)。そうしないとレプリカはグローバルテーブルから外れ、項目を持つ単一リージョンのテーブルとして残ります。</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="234"/>
        <source>The witness: it keeps the group&apos;s change data so that a write is durable in two regions, and holds no table to read or write</source>
        <translation>ウィットネス: 書き込みが 2 つのリージョンで永続化されるようにグループの変更データを保持します。読み書きできるテーブルはありません</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="237"/>
        <source>The region the console shows; replicas are listed below it</source>
        <translation>コンソールが表示しているリージョン。レプリカはその下に表示されます</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="238"/>
        <source>A replica of the table</source>
        <translation>テーブルのレプリカ</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="241"/>
        <source>Latency of the writes acknowledged in this region over the last 5 minutes of engine time: median / 99th percentile</source>
        <translation>このリージョンで過去 5 分間 (エンジン時間) に確認応答された書き込みのレイテンシー: 中央値 / 99 パーセンタイル</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="245"/>
        <source>Writes refused here because another region was writing the same item (ReplicatedWriteConflictException)</source>
        <translation>別のリージョンが同じ項目に書き込んでいたため、ここで拒否された書き込み (ReplicatedWriteConflictException)</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="260"/>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="265"/>
        <source>Witness</source>
        <translation>ウィットネス</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="267"/>
        <source>Standard-IA</source>
        <translation>標準-IA</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="268"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="271"/>
        <source>unavailable</source>
        <translation>利用不可</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="281"/>
        <source>%1 / %2 ms</source>
        <translation>%1 / %2 ms</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="296"/>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="298"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="300"/>
        <source>Table class</source>
        <translation>テーブルクラス</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="302"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="304"/>
        <source>Last latency</source>
        <translation>直近のレイテンシー</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="306"/>
        <source>Average latency</source>
        <translation>平均レイテンシー</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="308"/>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="310"/>
        <source>Writes p50 / p99</source>
        <translation>書き込み p50 / p99</translation>
    </message>
    <message>
        <location filename="../widgets/global/replica_model.cpp" line="312"/>
        <source>Conflicts</source>
        <translation>競合</translation>
    </message>
</context>
<context>
    <name>ReplicationChart</name>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="36"/>
        <source>Replication latency per receiving region (ms)</source>
        <translation>受信リージョン別のレプリケーションレイテンシー (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="38"/>
        <source>Pending replication (changes)</source>
        <translation>保留中のレプリケーション (変更数)</translation>
    </message>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="73"/>
        <source>%1 min–max</source>
        <translation>%1 最小–最大</translation>
    </message>
    <message>
        <location filename="../widgets/global/replication_chart.cpp" line="83"/>
        <source>%1 average</source>
        <translation>%1 平均</translation>
    </message>
</context>
<context>
    <name>RequestStatsModel</name>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="171"/>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="177"/>
        <source>%1/s</source>
        <translation>%1/秒</translation>
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
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="196"/>
        <source>Table</source>
        <translation>テーブル</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="198"/>
        <source>Operation</source>
        <translation>オペレーション</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="200"/>
        <source>Requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="202"/>
        <source>Rate</source>
        <translation>レート</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="204"/>
        <source>Errors</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="206"/>
        <source>Average latency</source>
        <translation>平均レイテンシー</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="208"/>
        <source>Max latency</source>
        <translation>最大レイテンシー</translation>
    </message>
    <message>
        <location filename="../widgets/monitoring/request_stats_model.cpp" line="210"/>
        <source>Last error</source>
        <translation>最後のエラー</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="41"/>
        <source>Restore backup</source>
        <translation>バックアップの復元</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="41"/>
        <source>Restore to a point in time</source>
        <translation>特定の時点への復元</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="44"/>
        <source>Backup &lt;b&gt;%1&lt;/b&gt; of table &lt;b&gt;%2&lt;/b&gt;</source>
        <translation>テーブル &lt;b&gt;%2&lt;/b&gt; のバックアップ &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="48"/>
        <source>Table &lt;b&gt;%1&lt;/b&gt; at the latest restorable time</source>
        <translation>最新の復元可能時刻のテーブル &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="50"/>
        <source>Table &lt;b&gt;%1&lt;/b&gt; as it was at %2</source>
        <translation>%2 時点のテーブル &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="60"/>
        <source>New table</source>
        <translation>新しいテーブル</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="65"/>
        <source>Table name</source>
        <translation>テーブル名</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="80"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="84"/>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="85"/>
        <source>A restore always creates a new table. Streams, time to live, tags, deletion protection and point-in-time recovery are not carried over: set them on the new table.</source>
        <translation>復元では常に新しいテーブルが作成されます。ストリーム、有効期限 (TTL)、タグ、削除保護、ポイントインタイムリカバリは引き継がれないため、新しいテーブルで設定してください。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="93"/>
        <source>Overrides</source>
        <translation>上書き設定</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="96"/>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="115"/>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="145"/>
        <source>Same as the source</source>
        <translation>ソースと同じ</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="97"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="98"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="102"/>
        <source>Read units</source>
        <translation>読み込みユニット</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="104"/>
        <source>Write units</source>
        <translation>書き込みユニット</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="113"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="116"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Amazon DynamoDB が所有</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="117"/>
        <source>AWS managed key (aws/dynamodb)</source>
        <translation>AWS マネージドキー (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="118"/>
        <source>Customer managed KMS key</source>
        <translation>カスタマーマネージド KMS キー</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="119"/>
        <source>KMS key ID, ARN or alias</source>
        <translation>KMS キー ID、ARN またはエイリアス</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="124"/>
        <source>Encryption at rest</source>
        <translation>保管時の暗号化</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="129"/>
        <source>Restore</source>
        <translation>復元</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="144"/>
        <source>Same as the source (this region only)</source>
        <translation>ソースと同じ (このリージョンのみ)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="207"/>
        <source>A restore into another region needs its own encryption at rest: choose one.</source>
        <translation>別のリージョンへの復元には独自の保管時の暗号化が必要です。いずれかを選択してください。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_dialog.cpp" line="245"/>
        <source>Starting the restore…</source>
        <translation>復元を開始しています…</translation>
    </message>
</context>
<context>
    <name>RestoreProgress</name>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="29"/>
        <location filename="../widgets/recovery/restore_progress.cpp" line="64"/>
        <source>The restore of %1 did not finish: the table is gone.</source>
        <translation>%1 の復元は完了しませんでした: テーブルが存在しません。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="76"/>
        <source>Restore finished: %1 is active.</source>
        <translation>復元が完了しました: %1 はアクティブです。</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="90"/>
        <source>Restoring %1… (%2)</source>
        <translation>%1 を復元中… (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/recovery/restore_progress.cpp" line="92"/>
        <source>Restoring %1 from %2… (%3)</source>
        <translation>%2 から %1 を復元中… (%3)</translation>
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
    <name>ScalingFields</name>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="12"/>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="28"/>
        <source>Auto scaling never sets fewer capacity units.</source>
        <translation>Auto Scaling がこれより少ないキャパシティユニットを設定することはありません。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="29"/>
        <source>Auto scaling never sets more capacity units.</source>
        <translation>Auto Scaling がこれより多いキャパシティユニットを設定することはありません。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/scaling_fields.cpp" line="35"/>
        <source>The share of the provisioned capacity the traffic should use, 20–90 %. DynamoDB scales out after 2 minutes above it and scales in after 15 minutes at 20 points or more below it.</source>
        <translation>トラフィックが使用するプロビジョンドキャパシティの割合です (20～90 %)。DynamoDB は、使用率がこれを 2 分間上回るとスケールアウトし、15 分間 20 ポイント以上下回るとスケールインします。</translation>
    </message>
</context>
<context>
    <name>ScenarioCharts</name>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="60"/>
        <source>Writes served per second</source>
        <translation>1 秒あたりの処理済み書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="61"/>
        <source>Writes refused (solid) and throttled (dashed) per second</source>
        <translation>1 秒あたりの拒否された書き込み (実線) とスロットリングされた書き込み (破線)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="62"/>
        <source>Changes pending replication</source>
        <translation>レプリケーション待ちの変更</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="62"/>
        <source>Replication lag (ms)</source>
        <translation>レプリケーション遅延 (ms)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_charts.cpp" line="68"/>
        <source>seconds since the load started (engine time)</source>
        <translation>負荷開始からの秒数 (エンジン時間)</translation>
    </message>
</context>
<context>
    <name>ScenarioJob</name>
    <message>
        <location filename="../widgets/scenarios/scenario_job.cpp" line="26"/>
        <source>Cannot create a working directory: %1</source>
        <translation>作業ディレクトリを作成できません: %1</translation>
    </message>
</context>
<context>
    <name>ScenarioLabels</name>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="23"/>
        <source>%1 offline</source>
        <translation>%1 オフライン</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="24"/>
        <source>%1 lost</source>
        <translation>%1 喪失</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="25"/>
        <source>%1/%2 cut</source>
        <translation>%1/%2 切断</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="27"/>
        <source>%1/%2 at %3 ms</source>
        <translation>%1/%2 遅延 %3 ms</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="29"/>
        <source>%1 capacity lowered</source>
        <translation>%1 容量低下</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="30"/>
        <source>%1 key of %2 disabled</source>
        <translation>%1 の %2 のキーを無効化</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="41"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="43"/>
        <source>the whole run</source>
        <translation>実行全体</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="44"/>
        <source>before the faults</source>
        <translation>障害前</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="44"/>
        <source>after the faults</source>
        <translation>障害後</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="63"/>
        <source>table writes</source>
        <translation>テーブルへの書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="63"/>
        <source>table reads</source>
        <translation>テーブルからの読み取り</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="64"/>
        <source>index writes</source>
        <translation>インデックスへの書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="64"/>
        <source>index reads</source>
        <translation>インデックスからの読み取り</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="67"/>
        <source>%1 over provisioned capacity</source>
        <translation>%1 がプロビジョンドキャパシティを超過</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="69"/>
        <source>%1 over the on-demand maximum</source>
        <translation>%1 がオンデマンドの最大値を超過</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="70"/>
        <source>%1 over the account limit</source>
        <translation>%1 がアカウントの上限を超過</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_labels.cpp" line="71"/>
        <source>%1 over a partition&apos;s limit</source>
        <translation>%1 がパーティションの上限を超過</translation>
    </message>
</context>
<context>
    <name>ScenarioReportView</name>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="29"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="51"/>
        <source>%1 %2</source>
        <translation>%1 %2 件</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Region</source>
        <translation>リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Phase</source>
        <translation>フェーズ</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Requests</source>
        <translation>リクエスト</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="97"/>
        <source>Served</source>
        <translation>処理済み</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="98"/>
        <source>Refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="98"/>
        <source>Throttled</source>
        <translation>スロットリング</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="98"/>
        <source>Conflicted</source>
        <translation>競合</translation>
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
        <translation>実行が終わるとここにレポートが表示されます。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="126"/>
        <source>writes</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="126"/>
        <source>reads</source>
        <translation>読み取り</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="153"/>
        <source>Stopped before the end: the report covers what ran.</source>
        <translation>終了前に停止しました: レポートは実行された部分を対象とします。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="155"/>
        <source>Seed:</source>
        <translation>シード:</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="161"/>
        <source>Recovery point (RPO)</source>
        <translation>目標復旧時点 (RPO)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="163"/>
        <source>No region was lost.</source>
        <translation>失われたリージョンはありません。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="165"/>
        <source>%1, table %2: %3 of %4 acknowledged writes lost</source>
        <translation>%1、テーブル %2: 確認済みの書き込み %4 件のうち %3 件が失われました</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="170"/>
        <source>, written over %1 (from %2 to %3)</source>
        <translation>(%1 の間に書き込み、%2 から %3 まで)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="176"/>
        <source>Time to converge after each heal</source>
        <translation>各復旧後の収束までの時間</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="179"/>
        <source>No fault healed.</source>
        <translation>復旧した障害はありません。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="182"/>
        <source>%1, healed at %2: converged in %3</source>
        <translation>%1、%2 に復旧: %3 で収束</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="187"/>
        <source>%1, healed at %2: not converged by the end</source>
        <translation>%1、%2 に復旧: 終了までに収束しませんでした</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="194"/>
        <source>Last-writer-wins conflicts</source>
        <translation>最終書き込み優先 (LWW) の競合</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="195"/>
        <source>%1 conflicts; %2 acknowledged writes overwritten by a concurrent write from another region</source>
        <translation>競合 %1 件。確認済みの書き込み %2 件が別リージョンからの同時書き込みで上書きされました</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="201"/>
        <source>Faults that could not be applied</source>
        <translation>適用できなかった障害</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="203"/>
        <source>%1 at %2: %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="217"/>
        <source>Why requests were throttled</source>
        <translation>リクエストがスロットリングされた理由</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="231"/>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="233"/>
        <source>Writes throttled: %1 (%2)</source>
        <translation>スロットリングされた書き込み: %1 件 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="233"/>
        <source>Reads throttled: %1 (%2)</source>
        <translation>スロットリングされた読み取り: %1 件 (%2)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="240"/>
        <source>Deliveries of replicated changes refused for want of write capacity: %1</source>
        <translation>書き込みキャパシティ不足で拒否された、レプリケートされた変更の配信: %1 件</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="246"/>
        <source>Replicated writes used %1 of the %2 write units consumed</source>
        <translation>消費された書き込みユニット %2 のうち、%1 をレプリケートされた書き込みが使用</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="252"/>
        <source>%1, %2</source>
        <translation>%1、%2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="264"/>
        <source>%1 to %2</source>
        <translation>%1 から %2 へ</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="265"/>
        <source>into %1</source>
        <translation>%1 へ</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="266"/>
        <source>Replication %1, table %2: deliveries refused %3, at most %4 a second, from %5 to %6</source>
        <translation>%1のレプリケーション、テーブル %2: 拒否された配信 %3 件、最大 毎秒 %4 件、%5 から %6 まで</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_report_view.cpp" line="275"/>
        <source>No request was throttled.</source>
        <translation>スロットリングされたリクエストはありません。</translation>
    </message>
</context>
<context>
    <name>ScenarioSetupText</name>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="23"/>
        <source>Zipf-distributed</source>
        <translation>Zipf 分布</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="24"/>
        <source>each write a new key</source>
        <translation>書き込みごとに新しいキー</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="25"/>
        <source>uniform</source>
        <translation>一様分布</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="34"/>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="35"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="36"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="42"/>
        <source>%1 of load, then %2 of drain (replication only); seed %3.</source>
        <translation>負荷 %1、その後 %2 のドレイン (レプリケーションのみ)。シード %3。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="52"/>
        <source>strongly consistent</source>
        <translation>強い整合性</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="53"/>
        <source>eventually consistent</source>
        <translation>結果整合性</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="55"/>
        <source>witness in %1</source>
        <translation>%1 に監視リージョン</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="57"/>
        <source>provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="58"/>
        <source>on demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="59"/>
        <source>&lt;b&gt;Table %1&lt;/b&gt; in %2 (%3, %4)</source>
        <translation>&lt;b&gt;テーブル %1&lt;/b&gt;: %2 (%3、%4)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="66"/>
        <source>&lt;b&gt;Load in %1&lt;/b&gt; on %2: %3 writes and %4 reads a second, %5 keys (%6), items of %7 bytes</source>
        <translation>&lt;b&gt;%1 の負荷&lt;/b&gt; (%2): 毎秒 %3 件の書き込みと %4 件の読み取り、キー %5 個 (%6)、項目 %7 バイト</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_setup_text.cpp" line="76"/>
        <source>from %1 to %2</source>
        <translation>%1 から %2 まで</translation>
    </message>
</context>
<context>
    <name>ScenarioTimeline</name>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="27"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="29"/>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="30"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="31"/>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="32"/>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="111"/>
        <source>Open a scenario to see its faults on a timeline.</source>
        <translation>シナリオを開くと、その障害がタイムラインに表示されます。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenario_timeline.cpp" line="121"/>
        <source>drain</source>
        <translation>ドレイン</translation>
    </message>
</context>
<context>
    <name>ScenariosTab</name>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="47"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 を読み取れません: %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="52"/>
        <source>%1 is not valid JSON.</source>
        <translation>%1 は有効な JSON ではありません。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="64"/>
        <source>Shipped examples…</source>
        <translation>同梱のサンプル…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="70"/>
        <source>Open scenario…</source>
        <translation>シナリオを開く…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="71"/>
        <source>Open report…</source>
        <translation>レポートを開く…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="76"/>
        <source>The same file and seed give the same report.</source>
        <translation>同じファイルと同じシードからは同じレポートが得られます。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="77"/>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="78"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="79"/>
        <source>Save report…</source>
        <translation>レポートを保存…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="85"/>
        <source>Seed:</source>
        <translation>シード:</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="113"/>
        <source>%v of %m s</source>
        <translation>%v / %m 秒</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="154"/>
        <source>No scenario open</source>
        <translation>シナリオが開かれていません</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="156"/>
        <source>Open a scenario file, or pick one of the shipped examples. A scenario runs on a private engine on engine time, as fast as this machine allows; the console&apos;s own tables are not touched.</source>
        <translation>シナリオファイルを開くか、同梱のサンプルを選んでください。シナリオは専用のエンジン上でエンジン時間で、このマシンで可能な限り速く実行されます。コンソール自身のテーブルには触れません。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="184"/>
        <source>The scenario %1 is invalid: %2</source>
        <translation>シナリオ %1 は無効です: %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="193"/>
        <source>Ready to run.</source>
        <translation>実行の準備ができました。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="247"/>
        <source>Setting up the tables…</source>
        <translation>テーブルを準備しています…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="254"/>
        <source>Stopping…</source>
        <translation>停止しています…</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="265"/>
        <source>Running: %1 of load done.</source>
        <translation>実行中: 負荷 %1 が完了。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="266"/>
        <source>Draining: the load has stopped, replication settles.</source>
        <translation>ドレイン中: 負荷は停止し、レプリケーションが落ち着くのを待っています。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="278"/>
        <source>Failed.</source>
        <translation>失敗しました。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="279"/>
        <source>The scenario failed: %1</source>
        <translation>シナリオが失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="289"/>
        <source>Stopped after %1 s of engine time.</source>
        <translation>エンジン時間 %1 秒で停止しました。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="290"/>
        <source>Done: %1 s of engine time.</source>
        <translation>完了: エンジン時間 %1 秒。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="305"/>
        <source>%1 is not a scenario report.</source>
        <translation>%1 はシナリオのレポートではありません。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="315"/>
        <source>A saved report (%1), seed %2.</source>
        <translation>保存されたレポート (%1)、シード %2。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="324"/>
        <source>A saved report.</source>
        <translation>保存されたレポート。</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="334"/>
        <source>Cannot write the report %1: %2</source>
        <translation>レポート %1 を書き込めません: %2</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="337"/>
        <source>Report saved to %1</source>
        <translation>レポートを %1 に保存しました</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="343"/>
        <source>Open scenario</source>
        <translation>シナリオを開く</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="343"/>
        <source>Scenario files (*.json)</source>
        <translation>シナリオファイル (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="349"/>
        <source>Open report</source>
        <translation>レポートを開く</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="349"/>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="358"/>
        <source>Scenario reports (*.json)</source>
        <translation>シナリオレポート (*.json)</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="357"/>
        <source>Save report</source>
        <translation>レポートを保存</translation>
    </message>
    <message>
        <location filename="../widgets/scenarios/scenarios_tab.cpp" line="375"/>
        <source>Fault scenarios</source>
        <translation>障害シナリオ</translation>
    </message>
</context>
<context>
    <name>ScheduleDeletionDialog</name>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="92"/>
        <source>Schedule deletion of %1</source>
        <translation>%1 の削除をスケジュール</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="96"/>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="98"/>
        <source>KMS deletes the key when the waiting period ends, and data encrypted with it can no longer be read. Until then the key is pending deletion: tables that use it stop serving requests after about 5 minutes and become inaccessible after about an hour; a replica leaves its global table 20 hours later. Cancelling the deletion leaves the key disabled.</source>
        <translation>待機期間が終わると KMS はキーを削除し、そのキーで暗号化されたデータは読めなくなります。それまでキーは削除保留中です: キーを使うテーブルは約 5 分後にリクエストに応答しなくなり、約 1 時間後にアクセス不可になります。レプリカは 20 時間後にグローバルテーブルから外れます。削除をキャンセルしても、キーは無効のままです。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="106"/>
        <source>Waiting period</source>
        <translation>待機期間</translation>
    </message>
    <message>
        <location filename="../widgets/kms/kms_key_dialogs.cpp" line="108"/>
        <source>Schedule deletion</source>
        <translation>削除をスケジュール</translation>
    </message>
</context>
<context>
    <name>ShardTree</name>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>Shard</source>
        <translation>シャード</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>Starting sequence number</source>
        <translation>開始シーケンス番号</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="21"/>
        <source>Ending sequence number</source>
        <translation>終了シーケンス番号</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="48"/>
        <source>Open</source>
        <translation>オープン</translation>
    </message>
    <message>
        <location filename="../widgets/streams/shard_tree.cpp" line="48"/>
        <source>Closed</source>
        <translation>クローズ</translation>
    </message>
</context>
<context>
    <name>StatusDelegate</name>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="34"/>
        <source>Active</source>
        <translation>アクティブ</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="35"/>
        <source>Creating</source>
        <translation>作成中</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="36"/>
        <source>Updating</source>
        <translation>更新中</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="37"/>
        <source>Deleting</source>
        <translation>削除中</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="38"/>
        <source>Archived</source>
        <translation>アーカイブ済み</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="39"/>
        <source>Archiving</source>
        <translation>アーカイブ中</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="41"/>
        <source>Key inaccessible</source>
        <translation>キーにアクセス不可</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="43"/>
        <source>Enabled</source>
        <translation>有効</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="44"/>
        <source>Disabled</source>
        <translation>無効</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="45"/>
        <source>Pending deletion</source>
        <translation>削除保留中</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="47"/>
        <source>Available</source>
        <translation>利用可能</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="48"/>
        <source>Deleted</source>
        <translation>削除済み</translation>
    </message>
    <message>
        <location filename="../widgets/common/status_delegate.cpp" line="50"/>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
</context>
<context>
    <name>StreamEnableBox</name>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="13"/>
        <source>Enable stream</source>
        <translation>ストリームを有効化</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="21"/>
        <source>New and old images</source>
        <translation>新旧両方のイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="22"/>
        <source>New image</source>
        <translation>新しいイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="22"/>
        <source>Old image</source>
        <translation>古いイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="23"/>
        <source>Keys only</source>
        <translation>キーのみ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="26"/>
        <source>View type:</source>
        <translation>表示タイプ:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="39"/>
        <source>The stream of %1 is turned off: its writes are not recorded. The streams below stay readable for 24 hours after they were turned off. Enable a new stream to record changes again.</source>
        <translation>%1 のストリームは無効です。書き込みは記録されません。下のストリームは無効にしてから 24 時間読み取れます。変更を再び記録するには、新しいストリームを有効にしてください。</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_enable_box.cpp" line="43"/>
        <source>%1 has no stream. A stream records every change to the table&apos;s items for 24 hours, in order, for consumers such as Lambda triggers. Enable one here (or in the table&apos;s Settings in the Tables tab).</source>
        <translation>%1 にはストリームがありません。ストリームはテーブルの項目へのすべての変更を順序どおりに 24 時間記録し、Lambda トリガーなどのコンシューマーが読み取ります。ここで有効にしてください (または「テーブル」タブのテーブルの設定で)。</translation>
    </message>
</context>
<context>
    <name>StreamRecord</name>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="47"/>
        <source>TTL delete</source>
        <translation>TTL による削除</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="48"/>
        <source>write</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="49"/>
        <source>local write</source>
        <translation>ローカル書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="50"/>
        <source>replicated from %1</source>
        <translation>%1 からのレプリケーション</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="61"/>
        <source>%1 at %2 in %3</source>
        <translation>%1 (%2、%3)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="63"/>
        <source> — deleted by Time to Live</source>
        <translation> — 有効期限 (TTL) により削除</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="66"/>
        <source>Sequence number %1</source>
        <translation>シーケンス番号 %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="67"/>
        <source>Shard %1</source>
        <translation>シャード %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="68"/>
        <source>Keys: %1</source>
        <translation>キー: %1</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="71"/>
        <source>New image</source>
        <translation>新しいイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="71"/>
        <source>Old image</source>
        <translation>古いイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_record.cpp" line="80"/>
        <source>No images: the stream&apos;s view type is %1.</source>
        <translation>イメージはありません: ストリームの表示タイプは %1 です。</translation>
    </message>
</context>
<context>
    <name>StreamRecordsModel</name>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="50"/>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="52"/>
        <source>Event</source>
        <translation>イベント</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="54"/>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="56"/>
        <source>Source</source>
        <translation>ソース</translation>
    </message>
    <message>
        <location filename="../widgets/streams/stream_records_model.cpp" line="58"/>
        <source>Sequence number</source>
        <translation>シーケンス番号</translation>
    </message>
</context>
<context>
    <name>StreamsTab</name>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="65"/>
        <location filename="../widgets/streams/streams_tab.cpp" line="354"/>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="83"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="85"/>
        <source>Table:</source>
        <translation>テーブル:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="88"/>
        <source>Stream:</source>
        <translation>ストリーム:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="96"/>
        <source>Oldest retained record</source>
        <translation>保持されている最も古いレコード</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="97"/>
        <source>New records only</source>
        <translation>新しいレコードのみ</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="103"/>
        <source>Read from:</source>
        <translation>読み取り開始:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="106"/>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="121"/>
        <source>Shards</source>
        <translation>シャード</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="139"/>
        <source>Select a record to see its keys and images.</source>
        <translation>レコードを選択すると、キーとイメージが表示されます。</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="141"/>
        <source>Records</source>
        <translation>レコード</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="259"/>
        <source>No table in this region.</source>
        <translation>このリージョンにはテーブルがありません。</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="313"/>
        <source>%1 (current)</source>
        <translation>%1 (現在)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="314"/>
        <source>%1 (latest, off)</source>
        <translation>%1 (最新、無効)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="315"/>
        <source>%1 (off)</source>
        <translation>%1 (無効)</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="333"/>
        <source>No stream</source>
        <translation>ストリームなし</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="354"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="366"/>
        <source>Status: %1 · View type: %2</source>
        <translation>ステータス: %1 · 表示タイプ: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="380"/>
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 件のレコード</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="381"/>
        <source>%1 of %n record(s)</source>
        <translation>
            <numerusform>%n 件中 %1 件のレコード</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="382"/>
        <source> · paused, %n waiting</source>
        <translation>
            <numerusform> · 一時停止中、%n 件待機中</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="383"/>
        <source> · keeps the latest %1</source>
        <translation> · 最新 %1 件を保持</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/streams/streams_tab.cpp" line="385"/>
        <source> (%n older dropped)</source>
        <translation>
            <numerusform> (古い %n 件は破棄)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/streams/streams_tab.cpp" line="403"/>
        <source>Enabling a stream on %1…</source>
        <translation>%1 のストリームを有効化しています…</translation>
    </message>
</context>
<context>
    <name>TableCopy</name>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="96"/>
        <location filename="../widgets/remote/table_copy.cpp" line="100"/>
        <source>%1 in %2</source>
        <translation>%2 の %1</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="121"/>
        <location filename="../widgets/remote/table_copy.cpp" line="156"/>
        <source>Cancelled: %1 was created, but no items were copied.</source>
        <translation>キャンセルしました: %1 は作成されましたが、項目はコピーされていません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="133"/>
        <source>Cancelled: nothing was copied.</source>
        <translation>キャンセルしました: 何もコピーされていません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="175"/>
        <location filename="../widgets/remote/table_copy.cpp" line="312"/>
        <source>%1 was created, but no items were copied.</source>
        <translation>%1 は作成されましたが、項目はコピーされていません。</translation>
    </message>
    <message>
        <location filename="../widgets/remote/table_copy.cpp" line="176"/>
        <location filename="../widgets/remote/table_copy.cpp" line="316"/>
        <source>Cancelled: %1</source>
        <translation>キャンセルしました: %1</translation>
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
            <numerusform>%1 は %n 回続けて何も書き込みませんでした。スロットリングされているか過負荷です。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/table_copy.cpp" line="310"/>
        <source>%Ln item(s) were copied to %1 and stay there.</source>
        <translation>
            <numerusform>%Ln 項目が %1 にコピーされ、そのまま残ります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/remote/table_copy.cpp" line="318"/>
        <source>Copied %Ln item(s) from %1 to %2.</source>
        <translation>
            <numerusform>%Ln 項目を %1 から %2 にコピーしました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableDetails</name>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="37"/>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="37"/>
        <location filename="../widgets/tables/table_details.cpp" line="202"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="134"/>
        <location filename="../widgets/tables/table_details.cpp" line="107"/>
        <source>%1 · Backfilling · %2%</source>
        <extracomment>a GSI being created: its status, then how much of the table it holds</extracomment>
        <translation>%1 · バックフィル中 · %2%</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="173"/>
        <source>General information</source>
        <translation>全般情報</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="46"/>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <location filename="../widgets/tables/table_details.cpp" line="174"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="175"/>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="176"/>
        <source>ARN</source>
        <translation>ARN</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="177"/>
        <source>Table ID</source>
        <translation>テーブル ID</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="178"/>
        <source>Item count</source>
        <translation>項目数</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="179"/>
        <source>Table size</source>
        <translation>テーブルサイズ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="182"/>
        <source>Keys</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="44"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <location filename="../widgets/tables/table_details.cpp" line="189"/>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="59"/>
        <source>Keys only</source>
        <translation>キーのみ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="64"/>
        <source>Include: %1</source>
        <translation>含める: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="66"/>
        <source>All attributes</source>
        <translation>すべての属性</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="84"/>
        <source>Secondary indexes</source>
        <translation>セカンダリインデックス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="85"/>
        <source>Indexes</source>
        <translation>インデックス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="45"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <location filename="../widgets/tables/table_details.cpp" line="189"/>
        <source>Sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="43"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="43"/>
        <location filename="../widgets/tables/table_details.cpp" line="94"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="45"/>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <source>Projection</source>
        <translation>射影</translation>
    </message>
    <message>
        <location filename="../widgets/tables/index_panel.cpp" line="46"/>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <source>Items</source>
        <translation>項目数</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="95"/>
        <source>Size</source>
        <translation>サイズ</translation>
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
        <translation>キャパシティ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="129"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="129"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="129"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="132"/>
        <source>Read capacity units</source>
        <translation>読み込みキャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="133"/>
        <source>Write capacity units</source>
        <translation>書き込みキャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="143"/>
        <source>Read auto scaling</source>
        <translation>読み込みキャパシティの Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="144"/>
        <source>Write auto scaling</source>
        <translation>書き込みキャパシティの Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="147"/>
        <source>Last increase</source>
        <translation>最終増加日時</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="149"/>
        <source>Last decrease</source>
        <translation>最終減少日時</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="151"/>
        <source>Decreases today</source>
        <translation>本日の減少回数</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="159"/>
        <source>Index %1</source>
        <extracomment>a GSI&apos;s provisioned capacity: %1 read units, %2 their auto scaling, %3 write units, %4 their auto scaling</extracomment>
        <translation>インデックス %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="160"/>
        <source>Read %1 (auto scaling: %2) · Write %3 (auto scaling: %4)</source>
        <translation>読み込み %1 (Auto Scaling: %2) · 書き込み %3 (Auto Scaling: %4)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="197"/>
        <source>Table class</source>
        <translation>テーブルクラス</translation>
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
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="201"/>
        <source>DynamoDB stream</source>
        <translation>DynamoDB ストリーム</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="203"/>
        <source>Latest stream ARN</source>
        <translation>最新のストリーム ARN</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="205"/>
        <source>Encryption at rest</source>
        <translation>保管時の暗号化</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="206"/>
        <source>KMS: %1</source>
        <translation>KMS: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="207"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Amazon DynamoDB が所有</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="210"/>
        <source>KMS key inaccessible since</source>
        <translation>KMS キーにアクセス不可となった日時</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="212"/>
        <source>Archived</source>
        <translation>アーカイブ日時</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="213"/>
        <source>Archival backup</source>
        <translation>アーカイブのバックアップ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="215"/>
        <source>Deletion protection</source>
        <translation>削除保護</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="219"/>
        <source>Global table replicas</source>
        <translation>グローバルテーブルのレプリカ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="221"/>
        <source>Replicas</source>
        <translation>レプリカ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="225"/>
        <location filename="../widgets/tables/table_details.cpp" line="227"/>
        <location filename="../widgets/tables/table_details.cpp" line="229"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="139"/>
        <location filename="../widgets/tables/table_details.cpp" line="227"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_details.cpp" line="85"/>
        <location filename="../widgets/tables/table_details.cpp" line="221"/>
        <location filename="../widgets/tables/table_details.cpp" line="229"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>TableEncryptionBox</name>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="16"/>
        <source>Encryption at rest</source>
        <translation>保管時の暗号化</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="23"/>
        <source>Owned by Amazon DynamoDB</source>
        <translation>Amazon DynamoDB が所有</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="24"/>
        <source>AWS managed key (aws/dynamodb)</source>
        <translation>AWS マネージドキー (aws/dynamodb)</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="25"/>
        <source>Customer managed KMS key</source>
        <translation>カスタマーマネージド KMS キー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="30"/>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="31"/>
        <source>KMS key</source>
        <translation>KMS キー</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="99"/>
        <source>The KMS key has been inaccessible since %1: the table serves no requests. Enable the key within 7 days, or the table is archived.</source>
        <translation>KMS キーは %1 からアクセスできません: テーブルはリクエストに応答しません。7 日以内にキーを有効にしないと、テーブルはアーカイブされます。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="104"/>
        <source>The KMS key is inaccessible: the table serves no requests and replication to and from it has stopped. Enable the key within 20 hours, or the replica leaves its global table.</source>
        <translation>KMS キーにアクセスできません: テーブルはリクエストに応答せず、テーブルとの間のレプリケーションは止まっています。20 時間以内にキーを有効にしないと、レプリカはグローバルテーブルから外れます。</translation>
    </message>
    <message>
        <location filename="../widgets/kms/table_encryption_box.cpp" line="109"/>
        <source>Archived because its KMS key stayed inaccessible: restore the archival backup to read its items.</source>
        <translation>KMS キーにアクセスできない状態が続いたためアーカイブされました: 項目を読むにはアーカイブのバックアップを復元してください。</translation>
    </message>
</context>
<context>
    <name>TableSettingsPanel</name>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="23"/>
        <source>Protect the table from deletion</source>
        <translation>テーブルを削除から保護する</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="33"/>
        <source>Apply changes</source>
        <translation>変更を適用</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="34"/>
        <source>Revert</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="43"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="44"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
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
        <translation>キーのみ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="58"/>
        <source>New image</source>
        <translation>新しいイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="59"/>
        <source>Old image</source>
        <translation>古いイメージ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="60"/>
        <source>New and old images</source>
        <translation>新旧イメージ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="63"/>
        <source>Attribute name, e.g. expiresAt</source>
        <translation>属性名 (例: expiresAt)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="86"/>
        <source>Table settings</source>
        <translation>テーブル設定</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="89"/>
        <source>Deletion protection</source>
        <translation>削除保護</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="90"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="93"/>
        <source>Read</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="96"/>
        <source>Write</source>
        <translation>書き込み</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="98"/>
        <source>Read capacity units</source>
        <translation>読み込みキャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="99"/>
        <source>Write capacity units</source>
        <translation>書き込みキャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="100"/>
        <source>Capacity units</source>
        <translation>キャパシティユニット</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="101"/>
        <source>Auto scaling</source>
        <translation>Auto Scaling</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="102"/>
        <source>Table class</source>
        <translation>テーブルクラス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="106"/>
        <source>DynamoDB stream</source>
        <translation>DynamoDB ストリーム</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="339"/>
        <source>DynamoDB did not change the encryption of %1: %2</source>
        <translation>DynamoDB は %1 の暗号化を変更しませんでした: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="343"/>
        <source>The table is encrypted with the new key once DynamoDB has made the change.</source>
        <translation>DynamoDB が変更を終えると、テーブルは新しいキーで暗号化されます。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="392"/>
        <source>DynamoDB did not change the Time to Live of %1: %2</source>
        <translation>DynamoDB は %1 の有効期限 (TTL) を変更しませんでした: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="406"/>
        <source>Time to Live is on. DynamoDB deletes each item within a few days after the time in its “%1” attribute.</source>
        <translation>有効期限 (TTL) をオンにしました。DynamoDB は各項目を、属性「%1」の時刻から数日以内に削除します。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="409"/>
        <source>Time to Live is off. Items no longer expire.</source>
        <translation>有効期限 (TTL) をオフにしました。項目は失効しなくなります。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="56"/>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="290"/>
        <source>Stream view type</source>
        <translation>ストリームの表示タイプ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="28"/>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="30"/>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="110"/>
        <source>Time to Live</source>
        <translation>有効期限 (TTL)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="114"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="118"/>
        <source>Expire items</source>
        <translation>項目を失効させる</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="288"/>
        <source>To change the view type, turn the stream off, apply, then turn it on again.</source>
        <translation>表示タイプを変更するには、ストリームを無効にして適用し、再度有効にしてください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="297"/>
        <source>To use another attribute, turn Time to Live off, apply, then turn it on again with the new name (DynamoDB allows one change per hour).</source>
        <translation>別の属性を使うには、有効期限 (TTL) をオフにして適用し、新しい名前で再度オンにしてください (DynamoDB での変更は 1 時間に 1 回までです)。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="299"/>
        <source>The Number attribute that holds each item&apos;s expiry time, in seconds since 1970 (Unix epoch time).</source>
        <translation>各項目の失効時刻を保持する Number 型の属性 (1970 年からの秒数、Unix エポック時間)。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="304"/>
        <source>Enabled: items expire at the time in “%1”.</source>
        <translation>有効: 項目は「%1」の時刻に失効します。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="305"/>
        <source>Disabled: items do not expire.</source>
        <translation>無効: 項目は失効しません。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="330"/>
        <source>Name the attribute that holds each item&apos;s expiry time.</source>
        <translation>各項目の失効時刻を保持する属性の名前を入力してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="349"/>
        <source>DynamoDB did not change the settings of %1: %2</source>
        <translation>DynamoDB は %1 の設定を変更しませんでした: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="354"/>
        <source>Applied. The table is Updating until DynamoDB has made the change.</source>
        <translation>適用しました。DynamoDB が変更を反映するまで、テーブルは更新中です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_settings_panel.cpp" line="356"/>
        <source>Applied.</source>
        <translation>適用しました。</translation>
    </message>
</context>
<context>
    <name>TableTagsEditor</name>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="31"/>
        <source>Add tag</source>
        <translation>タグを追加</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="32"/>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="33"/>
        <source>Save tags</source>
        <translation>タグを保存</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="34"/>
        <source>Revert</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="39"/>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="39"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="54"/>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="137"/>
        <source>Could not read the tags: %1</source>
        <translation>タグを読み込めませんでした: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="215"/>
        <source>Every tag needs a key.</source>
        <translation>すべてのタグにキーが必要です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="216"/>
        <source>The key %1 is given twice.</source>
        <translation>キー %1 が 2 回指定されています。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="275"/>
        <source>Saved. DynamoDB lists the new tags about two seconds from now.</source>
        <translation>保存しました。DynamoDB が新しいタグを一覧に表示するのは約 2 秒後です。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="277"/>
        <source>The removals were saved, but DynamoDB accepts one tag change every 1.5 seconds and refused the rest. Save again in a moment.</source>
        <translation>削除は保存されましたが、DynamoDB はタグの変更を 1.5 秒に 1 回しか受け付けないため、残りは拒否されました。少し待ってからもう一度保存してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="279"/>
        <source>DynamoDB accepts one tag change every 1.5 seconds and refused this one. Save again in a moment.</source>
        <translation>DynamoDB はタグの変更を 1.5 秒に 1 回しか受け付けないため、この変更は拒否されました。少し待ってからもう一度保存してください。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/table_tags_editor.cpp" line="283"/>
        <source>DynamoDB did not save the tags: %1</source>
        <translation>DynamoDB はタグを保存しませんでした: %1</translation>
    </message>
</context>
<context>
    <name>TablesModel</name>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="129"/>
        <source>On-demand</source>
        <translation>オンデマンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="129"/>
        <source>Provisioned</source>
        <translation>プロビジョンド</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="135"/>
        <source>Standard-IA</source>
        <translation>標準 IA</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="136"/>
        <source>Standard</source>
        <translation>標準</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="150"/>
        <source>On</source>
        <translation>オン</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="152"/>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="154"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="165"/>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="167"/>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="169"/>
        <source>Partition key</source>
        <translation>パーティションキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="171"/>
        <source>Sort key</source>
        <translation>ソートキー</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="173"/>
        <source>Capacity mode</source>
        <translation>キャパシティモード</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="175"/>
        <source>Table class</source>
        <translation>テーブルクラス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="177"/>
        <source>Items</source>
        <translation>項目</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="179"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_model.cpp" line="181"/>
        <source>Replica regions</source>
        <translation>レプリカリージョン</translation>
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
        <translation>テーブルの作成</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="50"/>
        <location filename="../widgets/tables/tables_tab.cpp" line="314"/>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="52"/>
        <source>Explore items</source>
        <translation>項目を探索</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="54"/>
        <source>Refresh</source>
        <translation>更新</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="73"/>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="74"/>
        <location filename="../widgets/tables/tables_tab.cpp" line="276"/>
        <source>Indexes</source>
        <translation>インデックス</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="80"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="99"/>
        <source>Create index…</source>
        <translation>インデックスを作成…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="104"/>
        <source>Copy to another region…</source>
        <translation>別のリージョンにコピー…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="127"/>
        <source>Updating table %1…</source>
        <translation>テーブル %1 を更新中…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="201"/>
        <source>Could not list tables: %1</source>
        <translation>テーブルを一覧表示できませんでした: %1</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="276"/>
        <source>Indexes (%1)</source>
        <translation>インデックス (%1)</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="288"/>
        <source>Creating table %1…</source>
        <translation>テーブル %1 を作成中…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="308"/>
        <source>Delete tables</source>
        <translation>テーブルの削除</translation>
    </message>
    <message numerus="yes">
        <location filename="../widgets/tables/tables_tab.cpp" line="309"/>
        <source>Delete %n table(s) in %1? All items are deleted and cannot be recovered.

%2</source>
        <translation>
            <numerusform>%1 の %n 個のテーブルを削除しますか? すべての項目が削除され、復元できません。

%2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="332"/>
        <source>Deleting table %1…</source>
        <translation>テーブル %1 を削除中…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab.cpp" line="334"/>
        <source>Could not delete %1: %2</source>
        <translation>%1 を削除できませんでした: %2</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="20"/>
        <source>Creating index %1 on %2…</source>
        <translation>%2 にインデックス %1 を作成中…</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="32"/>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="39"/>
        <source>Delete index</source>
        <translation>インデックスを削除</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="33"/>
        <source>Delete the global secondary index %1 of table %2?</source>
        <translation>テーブル %2 のグローバルセカンダリインデックス %1 を削除しますか?</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="35"/>
        <source>Queries and scans of the index stop working; the table and its items in %1 are not affected.</source>
        <translation>インデックスのクエリとスキャンはできなくなります。%1 のテーブルとその項目には影響しません。</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="56"/>
        <source>Could not delete index %1 of %2: %3</source>
        <translation>%2 のインデックス %1 を削除できませんでした: %3</translation>
    </message>
    <message>
        <location filename="../widgets/tables/tables_tab_indexes.cpp" line="60"/>
        <source>Deleting index %1 of %2…</source>
        <translation>%2 のインデックス %1 を削除中…</translation>
    </message>
</context>
<context>
    <name>TimeChart</name>
    <message>
        <location filename="../widgets/common/time_chart.cpp" line="61"/>
        <location filename="../widgets/monitoring/monitoring_tab.cpp" line="178"/>
        <source>seconds (engine time)</source>
        <translation>秒 (エンジン時間)</translation>
    </message>
</context>
<context>
    <name>TtlExpiry</name>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="42"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="43"/>
        <source>%1 min</source>
        <translation>%1 分</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="44"/>
        <source>%1 h</source>
        <translation>%1 時間</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="45"/>
        <source>%1 d</source>
        <translation>%1 日</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="48"/>
        <source>in %1</source>
        <translation>%1後</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="49"/>
        <source>expired %1 ago, pending deletion</source>
        <translation>%1前に失効、削除待ち</translation>
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
        <translation>%1 (現地時刻) に失効します (属性「%2」から)。その後、DynamoDB は数日以内に項目を削除します。</translation>
    </message>
    <message>
        <location filename="../widgets/items/ttl_expiry.cpp" line="62"/>
        <source>Expired at %1 (local time), from its “%2” attribute. DynamoDB deletes the item within a few days; until then reads still return it.</source>
        <translation>%1 (現地時刻) に失効しました (属性「%2」から)。DynamoDB は数日以内に項目を削除します。それまでは読み取りで引き続き返されます。</translation>
    </message>
</context>
<context>
    <name>WriteScalingRefusal</name>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="13"/>
        <source>A global secondary index of %1 has provisioned write capacity without auto scaling.</source>
        <translation>%1 のグローバルセカンダリインデックスに、Auto Scaling のないプロビジョンドの書き込みキャパシティがあります。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="16"/>
        <source>%1 has provisioned write capacity without auto scaling.</source>
        <translation>%1 の書き込みキャパシティはプロビジョンドで、Auto Scaling が有効になっていません。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="18"/>
        <source>DynamoDB adds replicas only to a table whose write capacity, and that of each global secondary index, is auto scaled or on-demand, so that every replica keeps up with the writes replicated to it. Turn on write auto scaling, or switch the table to on-demand capacity in its Settings, then create the replica again.</source>
        <translation>DynamoDB がレプリカを追加できるのは、テーブルとその各グローバルセカンダリインデックスの書き込みキャパシティが Auto Scaling またはオンデマンドのテーブルだけです。これにより、各レプリカはレプリケートされてくる書き込みに追従できます。書き込みキャパシティの Auto Scaling を有効にするか、テーブルの設定でオンデマンドキャパシティに切り替えてから、もう一度レプリカを作成してください。</translation>
    </message>
    <message>
        <location filename="../widgets/capacity/write_scaling_refusal.cpp" line="23"/>
        <source>DynamoDB said: %1</source>
        <translation>DynamoDB の応答: %1</translation>
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
        <translation>キーファイル %1 を読み込めません: %2</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="89"/>
        <source>%1:%2: expected ACCESS_KEY_ID SECRET_ACCESS_KEY, separated by a space.</source>
        <translation>%1:%2: ACCESS_KEY_ID SECRET_ACCESS_KEY をスペース区切りで指定してください。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="103"/>
        <source>Invalid key pair &apos;%1&apos;: expected ACCESS_KEY_ID:SECRET_ACCESS_KEY.</source>
        <translation>無効なキーペア &apos;%1&apos;: ACCESS_KEY_ID:SECRET_ACCESS_KEY の形式で指定してください。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="111"/>
        <source>The key file %1 holds no key pairs.</source>
        <translation>キーファイル %1 にキーペアがありません。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="123"/>
        <source>Invalid listen address &apos;%1&apos;: expected HOST:PORT.</source>
        <translation>待ち受けアドレス &apos;%1&apos; が無効です。HOST:PORT の形式で指定してください。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="127"/>
        <source>--tls-cert and --tls-key go together: give both files or neither.</source>
        <translation>--tls-cert と --tls-key は一緒に使います。両方のファイルを指定するか、どちらも指定しないでください。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="130"/>
        <source>Refusing to listen on %1 without authentication: an address other than loopback (127.0.0.1, ::1, localhost) needs --require-auth FILE or --auth-key ACCESS_KEY_ID:SECRET_ACCESS_KEY.</source>
        <translation>認証なしで %1 を待ち受けることはできません。ループバック (127.0.0.1、::1、localhost) 以外のアドレスには --require-auth FILE または --auth-key ACCESS_KEY_ID:SECRET_ACCESS_KEY が必要です。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="149"/>
        <source>Cannot install the signal handlers.</source>
        <translation>シグナルハンドラーを設定できません。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="174"/>
        <source>Cannot start the endpoint: %1</source>
        <translation>エンドポイントを開始できません: %1</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="178"/>
        <source>Listening on %1</source>
        <translation>%1 で待ち受けています</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="181"/>
        <source>Warning: without --tls-cert and --tls-key, requests and answers cross the network unencrypted.</source>
        <translation>警告: --tls-cert と --tls-key がないため、リクエストと応答は暗号化されずにネットワークを流れます。</translation>
    </message>
    <message>
        <location filename="../app/headless.cpp" line="188"/>
        <source>Stopping: finishing the requests in flight…</source>
        <translation>停止中: 処理中のリクエストを完了しています…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="95"/>
        <source>A console for multi-region DynamoDB tables, offline.</source>
        <translation>マルチリージョン DynamoDB テーブルのためのオフラインコンソール。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="99"/>
        <source>Keep all data in &lt;dir&gt;.</source>
        <translation>すべてのデータを &lt;dir&gt; に保存します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="103"/>
        <source>Create the sample courses table in an empty data directory.</source>
        <translation>空のデータディレクトリにサンプルの courses テーブルを作成します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="107"/>
        <source>Run engine time &lt;factor&gt; times faster than the clock.</source>
        <translation>エンジン時間を時計の &lt;factor&gt; 倍の速さで進めます。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="110"/>
        <source>Start in region &lt;code&gt;.</source>
        <translation>リージョン &lt;code&gt; で起動します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="88"/>
        <source>Tablespan</source>
        <translation>Tablespan</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="57"/>
        <source>Endpoint: %1</source>
        <translation>エンドポイント: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="60"/>
        <source>The endpoint could not start: %1</source>
        <translation>エンドポイントを開始できませんでした: %1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="62"/>
        <source>Endpoint: off</source>
        <translation>エンドポイント: オフ</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="114"/>
        <source>Serve the DynamoDB endpoint of the console on &lt;port&gt;.</source>
        <translation>コンソールの DynamoDB エンドポイントを &lt;port&gt; で提供します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="118"/>
        <source>Run the engine and its endpoint without a window.</source>
        <translation>ウィンドウなしでエンジンとエンドポイントを実行します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="121"/>
        <source>Headless: serve the DynamoDB endpoint on &lt;host:port&gt;.</source>
        <translation>ヘッドレス: DynamoDB エンドポイントを &lt;host:port&gt; で提供します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="124"/>
        <source>Headless: log every request.</source>
        <translation>ヘッドレス: すべてのリクエストをログに記録します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="127"/>
        <source>Check SigV4 signatures against the key pairs in &lt;file&gt;, one &quot;ACCESS_KEY_ID SECRET_ACCESS_KEY&quot; a line.</source>
        <translation>&lt;file&gt; 内のキーペア (1 行に &quot;ACCESS_KEY_ID SECRET_ACCESS_KEY&quot; を 1 組) で SigV4 署名を検証します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="133"/>
        <source>Check SigV4 signatures; accept this key pair (repeatable, adds to --require-auth).</source>
        <translation>SigV4 署名を検証し、このキーペアを受け入れます (複数指定可、--require-auth に追加)。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="139"/>
        <source>Headless: serve HTTPS only, with the certificate chain in &lt;file&gt; (PEM, the server&apos;s certificate first).</source>
        <translation>ヘッドレス: &lt;file&gt; の証明書チェーン (PEM、サーバー証明書が先頭) を使い、HTTPS のみで提供します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="145"/>
        <source>Headless: the private key (PEM) of --tls-cert.</source>
        <translation>ヘッドレス: --tls-cert の秘密鍵 (PEM) です。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="149"/>
        <source>Do not refuse requests past a provisioned table&apos;s capacity (as DynamoDB Local does); the service refuses them.</source>
        <translation>プロビジョニングされたテーブルの容量を超えるリクエストを拒否しません（DynamoDB Local と同じ）。本来のサービスは拒否します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="154"/>
        <source>Map at most &lt;MB&gt; of each region&apos;s database file into memory (0: none; reads then go through the page cache).</source>
        <translation>各リージョンのデータベースファイルを最大 &lt;MB&gt; までメモリにマップします (0: マップしない。読み取りはページキャッシュを経由します)。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="159"/>
        <source>Save screenshots to &lt;dir&gt;.</source>
        <translation>スクリーンショットを &lt;dir&gt; に保存します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="164"/>
        <source>Play the fault scenario &lt;file&gt; headless on engine time, as fast as possible, and print a summary.</source>
        <translation>障害シナリオ &lt;file&gt; をウィンドウなしでエンジン時間で可能な限り速く実行し、要約を出力します。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="170"/>
        <source>With --scenario: write the report to &lt;file&gt; (JSON).</source>
        <translation>--scenario と併用: レポートを &lt;file&gt; に書き込みます (JSON)。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="174"/>
        <source>With --scenario: use &lt;n&gt; instead of the file&apos;s seed.</source>
        <translation>--scenario と併用: ファイルのシードの代わりに &lt;n&gt; を使います。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="186"/>
        <source>The seed must be a whole number.</source>
        <translation>シードは整数でなければなりません。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="196"/>
        <source>The time scale must be a positive number.</source>
        <translation>時間倍率は正の数でなければなりません。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="201"/>
        <source>The port must be a number from 0 to 65535.</source>
        <translation>ポートは 0 から 65535 までの数値で指定してください。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="207"/>
        <source>The map size must be a number of megabytes from 0 to 1048576.</source>
        <translation>マップサイズは 0 から 1048576 までのメガバイト数で指定してください。</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="238"/>
        <source>Cannot open the data directory:
%1</source>
        <translation>データディレクトリを開けません:
%1</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="262"/>
        <source>The sample data could not be written: %1</source>
        <translation>サンプルデータを書き込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>scenario</name>
    <message>
        <location filename="../app/headless_scenario.cpp" line="24"/>
        <source>Cannot read the scenario %1: %2</source>
        <translation>シナリオ %1 を読み込めません: %2</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="31"/>
        <source>The scenario %1 is not valid JSON.</source>
        <translation>シナリオ %1 は有効な JSON ではありません。</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="36"/>
        <source>The scenario %1 is invalid: %2</source>
        <translation>シナリオ %1 は無効です: %2</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="48"/>
        <source>Cannot create a working directory: %1</source>
        <translation>作業ディレクトリを作成できません: %1</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="59"/>
        <source>The scenario failed: %1</source>
        <translation>シナリオが失敗しました: %1</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="67"/>
        <source>Cannot write the report %1: %2</source>
        <translation>レポート %1 を書き込めません: %2</translation>
    </message>
    <message>
        <location filename="../app/headless_scenario.cpp" line="75"/>
        <source>%1: %2 s of engine time in %3 s; writes served %4, refused %5, throttled %6; acknowledged writes lost %7; last-writer-wins conflicts %8</source>
        <translation>%1: エンジン時間 %2 秒を %3 秒で実行。書き込み 処理 %4、拒否 %5、スロットリング %6。確認済みの書き込みの損失 %7。最終書き込み優先の競合 %8</translation>
    </message>
</context>
</TS>
