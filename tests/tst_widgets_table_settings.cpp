// A table's settings after creation, in the Tables tab's Settings: deletion protection
// (and the delete that it refuses, then allows), capacity mode and throughput, table
// class, the stream, Time to Live (its own request, and the hour between its changes),
// the service's refusals inline, and the tags editor against ListTagsOfResource's lag and
// the 1.5 s between tag changes.

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBrowser>

#include "tables/table_settings.h"
#include "tables/table_settings_panel.h"
#include "tables/table_tags_editor.h"
#include "tables/tables_model.h"
#include "tables/tables_tab.h"
#include "tables/ttl_settings.h"
#include "widget_fixture.h"

using tablespan::Json;

namespace {
const char* kArn = "arn:aws:dynamodb:us-west-2:000000000000:table/Orders";

Json tag(const std::string& key, const std::string& value) {
    return {{"Key", key}, {"Value", value}};
}

void createOrders(WidgetEngine& e, Json extra = Json::object()) {
    Json create = {{"TableName", "Orders"},
                   {"BillingMode", "PAY_PER_REQUEST"},
                   {"AttributeDefinitions", {{{"AttributeName", "id"}, {"AttributeType", "S"}}}},
                   {"KeySchema", {{{"AttributeName", "id"}, {"KeyType", "HASH"}}}}};
    create.update(extra);
    e.ok("CreateTable", create);
    e.advance(60'000);
}

Json describe(WidgetEngine& e) {
    return e.ok("DescribeTable", {{"TableName", "Orders"}}).at("Table");
}

Json describeTtl(WidgetEngine& e) {
    return e.ok("DescribeTimeToLive", {{"TableName", "Orders"}}).at("TimeToLiveDescription");
}

// The operations a spy on requestsCompleted saw, as the Activity dock lists them.
QStringList operationsSeen(const QSignalSpy& spy) {
    QStringList operations;
    for (const auto& args : spy)
        for (const RequestRecord& r : args.at(0).value<QList<RequestRecord>>())
            operations << r.operation;
    return operations;
}

template <typename T>
T* child(QWidget* parent, const char* name) {
    auto* w = parent->findChild<T*>(QString::fromLatin1(name));
    if (!w) qFatal("no widget %s", name);
    return w;
}

bool click(QWidget* parent, const char* name) {
    auto* button = child<QPushButton>(parent, name);
    if (!button->isEnabled()) return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

// Applies the settings and waits until the console has the answer.
bool apply(TableSettingsPanel* settings) {
    return click(settings, "applySettings") && QTest::qWaitFor([&] { return !settings->busy(); });
}

// A Tables tab on us-west-2 with Orders selected and its Settings shown.
struct Console {
    TablesTab tab;
    explicit Console(WidgetEngine& e) : tab(*e.bridge) {
        tab.resize(1000, 700);
        tab.show();
        tab.setRegion(QStringLiteral("us-west-2"));
        QTRY_VERIFY(tab.model()->rowOf(QStringLiteral("Orders")) >= 0);
        tab.selectTable(QStringLiteral("Orders"));
        tab.detailTabs()->setCurrentIndex(2);
    }
    TableSettingsPanel* settings() { return tab.settingsPanel(); }
    TableTagsEditor* tags() { return tab.settingsPanel()->tagsEditor(); }
};

void setTag(QTableWidget* list, int row, const QString& key, const QString& value) {
    list->item(row, TableTagsEditor::Key)->setText(key);
    list->item(row, TableTagsEditor::Value)->setText(value);
}
}  // namespace

class TstWidgetsTableSettings : public QObject {
    Q_OBJECT

private slots:
    void requestHoldsOnlyWhatChanged() {
        TableSettings from;
        TableSettings to = from;
        QVERIFY(TableSettings::updateRequest(QStringLiteral("T"), from, to).is_null());
        to.billingMode = QStringLiteral("PROVISIONED");
        to.readCapacity = 7;
        to.writeCapacity = 3;
        to.streamEnabled = true;
        to.streamViewType = QStringLiteral("NEW_IMAGE");
        JCOMPARE(TableSettings::updateRequest(QStringLiteral("T"), from, to),
                 J(R"({"TableName": "T", "BillingMode": "PROVISIONED",
                       "ProvisionedThroughput": {"ReadCapacityUnits": 7, "WriteCapacityUnits": 3},
                       "StreamSpecification": {"StreamEnabled": true,
                                               "StreamViewType": "NEW_IMAGE"}})"));
    }

    void deletionProtectionTurnedOffLetsTheTableBeDeleted() {
        WidgetEngine e;
        createOrders(e, {{"DeletionProtectionEnabled", true}});
        Console c(e);
        auto* protection = child<QCheckBox>(c.settings(), "deletionProtection");
        QTRY_VERIFY(protection->isChecked());

        // Protected: the delete is refused, with the service's words.
        c.tab.deleteTables({QStringLiteral("Orders")});
        QTRY_VERIFY(c.tab.errorText().contains(QLatin1String("protected against deletion")));

        protection->setChecked(false);
        QVERIFY(apply(c.settings()));
        QTRY_COMPARE(describe(e).value("DeletionProtectionEnabled", true), false);
        QVERIFY(c.settings()->errorText().isEmpty());
        QVERIFY(!child<QPushButton>(c.settings(), "applySettings")->isEnabled());

        c.tab.deleteTables({QStringLiteral("Orders")});
        QTRY_COMPARE(c.tab.model()
                         ->description(c.tab.model()->rowOf(QStringLiteral("Orders")))
                         .value("TableStatus", ""),
                     std::string("DELETING"));
        QVERIFY(c.tab.errorText().isEmpty());
    }

    void deletionProtectionTurnedOn() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        auto* protection = child<QCheckBox>(c.settings(), "deletionProtection");
        QVERIFY(!protection->isChecked());
        protection->setChecked(true);
        QVERIFY(apply(c.settings()));
        QTRY_COMPARE(describe(e).value("DeletionProtectionEnabled", false), true);
        c.tab.deleteTables({QStringLiteral("Orders")});
        QTRY_VERIFY(c.tab.errorText().contains(QLatin1String("protected against deletion")));
    }

    void capacityClassAndStreamAndARefusalWhileUpdating() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        auto* mode = child<QComboBox>(c.settings(), "capacityMode");
        auto* read = child<QSpinBox>(c.settings(), "readCapacity");
        auto* write = child<QSpinBox>(c.settings(), "writeCapacity");
        QVERIFY(!read->isEnabled());  // on-demand has no throughput to set
        mode->setCurrentIndex(mode->findData(QStringLiteral("PROVISIONED")));
        QVERIFY(read->isEnabled());
        read->setValue(7);
        write->setValue(3);
        QVERIFY(apply(c.settings()));
        QTRY_COMPARE(describe(e)["BillingModeSummary"].value("BillingMode", ""),
                     std::string("PROVISIONED"));
        JCOMPARE(describe(e)["ProvisionedThroughput"]["ReadCapacityUnits"], 7);
        JCOMPARE(describe(e)["ProvisionedThroughput"]["WriteCapacityUnits"], 3);
        QTRY_VERIFY(child<QLabel>(c.settings(), "settingsNote")
                        ->text()
                        .contains(QLatin1String("Updating")));

        // The table is UPDATING: the next change is refused, and the refusal shows inline.
        auto* tableClass = child<QComboBox>(c.settings(), "tableClass");
        tableClass->setCurrentIndex(
            tableClass->findData(QStringLiteral("STANDARD_INFREQUENT_ACCESS")));
        QVERIFY(apply(c.settings()));
        QTRY_VERIFY(c.settings()->errorText().contains(QLatin1String("Table is being updated")));
        // The edit is kept for another try once the table is ACTIVE.
        e.advance(5'000);
        QTRY_COMPARE(describe(e).value("TableStatus", ""), std::string("ACTIVE"));
        QTRY_COMPARE(c.tab.model()
                         ->description(c.tab.model()->rowOf(QStringLiteral("Orders")))
                         .value("TableStatus", ""),
                     std::string("ACTIVE"));
        QCOMPARE(tableClass->currentData().toString(),
                 QStringLiteral("STANDARD_INFREQUENT_ACCESS"));
        QVERIFY(apply(c.settings()));
        QTRY_COMPARE(describe(e)["TableClassSummary"].value("TableClass", ""),
                     std::string("STANDARD_INFREQUENT_ACCESS"));
        QVERIFY(c.settings()->errorText().isEmpty());
        e.advance(5'000);

        auto* stream = child<QCheckBox>(c.settings(), "streamEnabled");
        auto* view = child<QComboBox>(c.settings(), "streamViewType");
        QTRY_VERIFY(stream->isEnabled());
        stream->setChecked(true);
        view->setCurrentIndex(view->findData(QStringLiteral("NEW_IMAGE")));
        QVERIFY(apply(c.settings()));
        QTRY_COMPARE(
            describe(e).value("StreamSpecification", Json::object()).value("StreamViewType", ""),
            std::string("NEW_IMAGE"));
        // An enabled stream's view type changes only by turning it off first.
        QTRY_VERIFY(!view->isEnabled());
    }

    void ttlRequestTurnsOffTheAttributeItIsOn() {
        const TtlSettings off;
        const TtlSettings on{true, QStringLiteral("expiresAt")};
        QVERIFY(TtlSettings::updateRequest(QStringLiteral("T"), off, off).is_null());
        // Off, the attribute typed does not matter.
        QVERIFY(
            TtlSettings::updateRequest(QStringLiteral("T"), off, {false, QStringLiteral("typed")})
                .is_null());
        JCOMPARE(TtlSettings::updateRequest(QStringLiteral("T"), off, on),
                 J(R"({"TableName": "T", "TimeToLiveSpecification":
                       {"Enabled": true, "AttributeName": "expiresAt"}})"));
        JCOMPARE(TtlSettings::updateRequest(QStringLiteral("T"), on, off),
                 J(R"({"TableName": "T", "TimeToLiveSpecification":
                       {"Enabled": false, "AttributeName": "expiresAt"}})"));
    }

    void ttlEnabledFromThePanelThenTurningItOffTooSoonIsRefused() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        auto* ttl = child<QCheckBox>(c.settings(), "ttlEnabled");
        auto* attribute = child<QLineEdit>(c.settings(), "ttlAttribute");
        QTRY_VERIFY(c.settings()->ttlStatusText().startsWith(QLatin1String("Disabled")));
        QVERIFY(ttl->isEnabled() && !ttl->isChecked());
        QVERIFY(!attribute->isEnabled());  // until Time to Live is turned on
        ttl->setChecked(true);
        QVERIFY(attribute->isEnabled());
        QTest::keyClicks(attribute, QStringLiteral("expiresAt"));

        QSignalSpy requests(e.bridge.get(), &EngineBridge::requestsCompleted);
        QVERIFY(apply(c.settings()));
        JCOMPARE(describeTtl(e), J(R"({"TimeToLiveStatus": "ENABLED",
                                       "AttributeName": "expiresAt"})"));
        QVERIFY(c.settings()->errorText().isEmpty());
        QCOMPARE(c.settings()->ttlStatusText(),
                 QStringLiteral("Enabled: items expire at the time in “expiresAt”."));
        QVERIFY(child<QLabel>(c.settings(), "settingsNote")
                    ->text()
                    .contains(QLatin1String("Time to Live is on")));
        // Its own request: nothing else changed, so no UpdateTable.
        QTRY_VERIFY(operationsSeen(requests).contains(QLatin1String("UpdateTimeToLive")));
        QVERIFY(!operationsSeen(requests).contains(QLatin1String("UpdateTable")));
        // On, the attribute changes only by turning Time to Live off first.
        QVERIFY(!attribute->isEnabled());
        QVERIFY(!child<QPushButton>(c.settings(), "applySettings")->isEnabled());

        // Within the hour after a change the service refuses another: the refusal shows in
        // its words and the edit stays for another try.
        ttl->setChecked(false);
        QVERIFY(apply(c.settings()));
        QTRY_VERIFY(c.settings()->errorText().contains(
            QLatin1String("Time to live has been modified multiple times within a fixed "
                          "interval")));
        QVERIFY(c.settings()->errorText().contains(QLatin1String("Time to Live of Orders")));
        QVERIFY(!ttl->isChecked());
        JCOMPARE(describeTtl(e)["TimeToLiveStatus"], "ENABLED");

        e.advance(61 * 60'000);
        QVERIFY(apply(c.settings()));
        QTRY_VERIFY(describeTtl(e) == J(R"({"TimeToLiveStatus": "DISABLED"})"));
        QVERIFY(c.settings()->errorText().isEmpty());
        QVERIFY(c.settings()->ttlStatusText().startsWith(QLatin1String("Disabled")));
    }

    void ttlAndTableSettingsInOneApplySendTwoRequests() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        auto* ttl = child<QCheckBox>(c.settings(), "ttlEnabled");
        QTRY_VERIFY(ttl->isEnabled());
        ttl->setChecked(true);
        QTest::keyClicks(child<QLineEdit>(c.settings(), "ttlAttribute"),
                         QStringLiteral("expiresAt"));
        child<QCheckBox>(c.settings(), "deletionProtection")->setChecked(true);
        QVERIFY(apply(c.settings()));
        QTRY_COMPARE(describe(e).value("DeletionProtectionEnabled", false), true);
        JCOMPARE(describeTtl(e)["AttributeName"], "expiresAt");
        QVERIFY(c.settings()->errorText().isEmpty());
    }

    void ttlRefusedWhenChangedElsewhereShowsTheServicesWords() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        auto* ttl = child<QCheckBox>(c.settings(), "ttlEnabled");
        auto* attribute = child<QLineEdit>(c.settings(), "ttlAttribute");
        QTRY_VERIFY(ttl->isEnabled());
        // Enabling without a name is caught before asking.
        ttl->setChecked(true);
        QVERIFY(click(c.settings(), "applySettings"));
        QCOMPARE(c.settings()->errorText(),
                 QStringLiteral("Name the attribute that holds each item's expiry time."));

        // Another client enables it while the panel still shows it off.
        e.ok("UpdateTimeToLive",
             {{"TableName", "Orders"},
              {"TimeToLiveSpecification", {{"Enabled", true}, {"AttributeName", "expiresAt"}}}});
        QTest::keyClicks(attribute, QStringLiteral("expiresAt"));
        QVERIFY(apply(c.settings()));
        QTRY_VERIFY(
            c.settings()->errorText().contains(QLatin1String("TimeToLive is already enabled")));
        // The panel reads the setting again and shows it as it is.
        QTRY_VERIFY(c.settings()->ttlStatusText().startsWith(QLatin1String("Enabled")));
        QCOMPARE(c.settings()->currentTtl(), (TtlSettings{true, QStringLiteral("expiresAt")}));
        QVERIFY(!child<QPushButton>(c.settings(), "applySettings")->isEnabled());
    }

    void tagsFromCreationShowInTheDetailsAndTheEditorSavesChanges() {
        WidgetEngine e;
        createOrders(e, {{"Tags", {tag("team", "orders"), tag("env", "lab")}}});
        Console c(e);
        auto* details = c.tab.findChild<QTextBrowser*>(QStringLiteral("tableDetails"));
        QTRY_VERIFY(details->toPlainText().contains(QLatin1String("team")));
        QVERIFY(details->toPlainText().contains(QLatin1String("orders")));
        auto* list = c.tags()->list();
        QTRY_COMPARE(list->rowCount(), 2);

        // Change env, remove team, add cost: an UntagResource and a TagResource, which
        // the service refuses as too soon after the first.
        setTag(list, 1, QStringLiteral("env"), QStringLiteral("prod"));
        list->selectRow(0);
        QVERIFY(click(c.tags(), "removeTag"));
        QVERIFY(click(c.tags(), "addTag"));
        setTag(list, 1, QStringLiteral("cost"), QStringLiteral("42"));
        QVERIFY(click(c.tags(), "saveTags"));
        QTRY_VERIFY(c.tags()->errorText().contains(QLatin1String("1.5 seconds")));
        QVERIFY(c.tags()->errorText().contains(QLatin1String("removals were saved")));
        // The edits stay for another Save.
        JCOMPARE(c.tags()->rows(), Json::array({tag("env", "prod"), tag("cost", "42")}));
        JCOMPARE(c.tags()->saved(), Json::array({tag("env", "lab")}));

        e.advance(1'600);
        QVERIFY(click(c.tags(), "saveTags"));
        QTRY_VERIFY(c.tags()->errorText().isEmpty() &&
                    c.tags()->saved() == Json::array({tag("env", "prod"), tag("cost", "42")}));
        QVERIFY(!child<QPushButton>(c.tags(), "saveTags")->isEnabled());
        // The details show the saved set at once, though the service still lists the old.
        QVERIFY(details->toPlainText().contains(QLatin1String("prod")));
        QVERIFY(!details->toPlainText().contains(QLatin1String("team")));
        JCOMPARE(e.ok("ListTagsOfResource", {{"ResourceArn", kArn}})["Tags"],
                 Json::array({tag("team", "orders"), tag("env", "lab")}));

        e.advance(2'000);
        JCOMPARE(e.ok("ListTagsOfResource", {{"ResourceArn", kArn}})["Tags"],
                 Json::array({tag("env", "prod"), tag("cost", "42")}));
    }

    void aSecondTableShowsItsOwnTagsAndRefusalsAreReadable() {
        WidgetEngine e;
        createOrders(e);
        Console c(e);
        auto* list = c.tags()->list();
        QTRY_VERIFY(child<QPushButton>(c.tags(), "addTag")->isEnabled());
        QCOMPARE(list->rowCount(), 0);
        QVERIFY(click(c.tags(), "addTag"));
        setTag(list, 0, QStringLiteral("aws:owner"), QStringLiteral("me"));
        QVERIFY(click(c.tags(), "saveTags"));
        QTRY_VERIFY(c.tags()->errorText().contains(QLatin1String("aws:")));
        setTag(list, 0, QString(), QStringLiteral("me"));
        QVERIFY(click(c.tags(), "saveTags"));
        QCOMPARE(c.tags()->errorText(), QStringLiteral("Every tag needs a key."));
    }
};

QTEST_MAIN(TstWidgetsTableSettings)
#include "tst_widgets_table_settings.moc"
