#include "streams/streams_tab.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QTableView>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "common/icons.h"
#include "common/table_box.h"
#include "common/view_style.h"
#include "streams/shard_tree.h"
#include "streams/stream_enable_box.h"
#include "streams/stream_event_filter.h"
#include "streams/stream_reader.h"
#include "streams/stream_records_model.h"
#include "tables/tables_model.h"

using tablespan::Json;

namespace {
constexpr int kPollMs = 500;  // wall time between reads while the tab is shown

QString textOf(const Json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? QString::fromStdString(it->get<std::string>())
                                            : QString();
}
// A stream's label (its creation time, "2026-10-06T23:16:32.123" in UTC) in local time.
QString labelText(const QString& label) {
    QDateTime t = QDateTime::fromString(label, Qt::ISODateWithMs);
    if (!t.isValid()) return label;
    t.setTimeZone(QTimeZone::utc());
    return QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}
}  // namespace

StreamsTab::StreamsTab(EngineBridge& bridge, TablesModel& tables, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_tables(tables),
      m_tableBox(new QComboBox(this)),
      m_streamBox(new QComboBox(this)),
      m_status(new QLabel(this)),
      m_error(new QLabel(this)),
      m_enableBox(new StreamEnableBox(this)),
      m_streamArea(new QWidget(this)),
      m_from(new QComboBox(this)),
      m_pause(new QPushButton(tr("Pause"), this)),
      m_counts(new QLabel(this)),
      m_shards(new ShardTree(this)),
      m_records(new StreamRecordsModel(this)),
      m_filter(new StreamEventFilter(this)),
      m_view(new QTableView(this)),
      m_details(new QPlainTextEdit(this)),
      m_reader(new StreamReader(bridge, this)),
      m_tick(new QTimer(this)) {
    setObjectName(QStringLiteral("streamsTab"));
    m_tableBox->setObjectName(QStringLiteral("streamsTable"));
    m_tableBox->setMinimumContentsLength(16);
    m_streamBox->setObjectName(QStringLiteral("streamsStream"));
    m_streamBox->setMinimumContentsLength(26);
    m_streamBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_status->setObjectName(QStringLiteral("streamsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* reload = new QPushButton(icon(QStringLiteral("refresh")), tr("Refresh"), this);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Table:"), this));
    top->addWidget(m_tableBox);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Stream:"), this));
    top->addWidget(m_streamBox);
    top->addSpacing(12);
    top->addWidget(m_status, 1);
    top->addWidget(reload);
    ViewStyle::inlineError(m_error, QStringLiteral("streamsError"));

    m_from->setObjectName(QStringLiteral("streamsFrom"));
    m_from->addItem(tr("Oldest retained record"));
    m_from->addItem(tr("New records only"));
    m_pause->setObjectName(QStringLiteral("streamsPause"));
    m_pause->setCheckable(true);
    m_counts->setObjectName(QStringLiteral("streamsCounts"));
    m_counts->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Read from:"), this));
    controls->addWidget(m_from);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Show:"), this));
    for (const char* name : {"INSERT", "MODIFY", "REMOVE"}) {
        auto* box = new QCheckBox(QString::fromLatin1(name), this);
        box->setObjectName(QStringLiteral("streamsShow") + QString::fromLatin1(name));
        box->setChecked(true);
        connect(box, &QCheckBox::toggled, this, [this, name](bool on) {
            m_filter->setEventShown(QString::fromLatin1(name), on);
            updateCounts();
        });
        controls->addWidget(box);
        m_eventBoxes << box;
    }
    controls->addStretch();
    controls->addWidget(m_pause);

    auto* shardsBox = new QGroupBox(tr("Shards"), this);
    auto* shardsLayout = new QVBoxLayout(shardsBox);
    shardsLayout->addWidget(m_shards);

    m_filter->setSourceModel(m_records);
    m_view->setModel(m_filter);
    ViewStyle::rowList(m_view, QStringLiteral("streamRecords"));
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    // The keys take what is left; the other columns fit their contents.
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(StreamRecordsModel::Keys,
                                                     QHeaderView::Stretch);
    m_view->hideColumn(StreamRecordsModel::Sequence);  // the detail pane has it
    m_details->setObjectName(QStringLiteral("streamRecordDetails"));
    m_details->setReadOnly(true);
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_details->setPlaceholderText(tr("Select a record to see its keys and images."));
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto* recordsBox = new QGroupBox(tr("Records"), this);
    auto* recordsLayout = new QVBoxLayout(recordsBox);
    auto* recordsSplit = new QSplitter(Qt::Horizontal, recordsBox);
    recordsSplit->addWidget(m_view);
    recordsSplit->addWidget(m_details);
    recordsSplit->setStretchFactor(0, 3);
    recordsSplit->setStretchFactor(1, 2);
    recordsLayout->addLayout(controls);
    recordsLayout->addWidget(recordsSplit, 1);
    recordsLayout->addWidget(m_counts);

    auto* split = new QSplitter(Qt::Vertical, m_streamArea);
    split->setObjectName(QStringLiteral("streamsSplit"));
    split->addWidget(shardsBox);
    split->addWidget(recordsBox);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto* areaLayout = new QVBoxLayout(m_streamArea);
    areaLayout->setContentsMargins(0, 0, 0, 0);
    areaLayout->addWidget(split);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_enableBox);
    layout->addWidget(m_streamArea, 1);
    layout->addStretch(0);
    m_enableBox->hide();
    m_streamArea->hide();

    connect(m_tableBox, &QComboBox::currentTextChanged, this, &StreamsTab::setTable);
    connect(m_tableBox, &QComboBox::activated, this,
            [this] { emit tableChosen(m_tableBox->currentText()); });
    connect(m_streamBox, &QComboBox::currentIndexChanged, this, &StreamsTab::startReading);
    connect(m_from, &QComboBox::currentIndexChanged, this,
            [this](int index) { setFromOldest(index == 0); });
    connect(m_pause, &QPushButton::toggled, this, &StreamsTab::setPaused);
    connect(reload, &QPushButton::clicked, this, &StreamsTab::refresh);
    connect(m_enableBox, &StreamEnableBox::enableRequested, this, &StreamsTab::enableStream);
    connect(m_reader, &StreamReader::described, this, &StreamsTab::showDescription);
    connect(m_reader, &StreamReader::recordsRead, this, [this](const QList<StreamRecord>& records) {
        QScrollBar* bar = m_view->verticalScrollBar();
        const bool following = bar->value() == bar->maximum();
        m_records->append(records);
        if (following && !m_records->isPaused()) m_view->scrollToBottom();
    });
    connect(m_reader, &StreamReader::failed, this, &StreamsTab::showError);
    connect(m_records, &StreamRecordsModel::countsChanged, this, &StreamsTab::updateCounts);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StreamsTab::showDetails);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_tables, signal, this, &StreamsTab::reloadTableList);
    connect(&m_tables, &QAbstractItemModel::modelReset, this, &StreamsTab::reloadTableList);
    connect(&m_bridge, &EngineBridge::tableStatusChanged, this,
            [this](const QString& region, const QString& table, const QString&) {
                if (region == m_region && table == this->table()) refresh();
            });
    m_tick->setInterval(kPollMs);
    connect(m_tick, &QTimer::timeout, this, [this] {
        if (isVisible()) pollNow();
    });
    m_tick->start();
    reloadTableList();
    updateCounts();
}

QString StreamsTab::table() const {
    return m_tableBox->currentText();
}

QString StreamsTab::streamArn() const {
    return m_streamBox->currentData().toString();
}

QString StreamsTab::statusText() const {
    return m_status->text();
}

QString StreamsTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void StreamsTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void StreamsTab::reloadTableList() {
    const QString current = table();
    if (!syncTableBox(m_tableBox, m_tables)) return;
    if (table() != current) setTable(table());
}

void StreamsTab::setRegion(const QString& region) {
    if (region == m_region) return;
    m_region = region;
    setTable(table());
}

void StreamsTab::setTable(const QString& table) {
    if (m_tableBox->currentText() != table) {
        const int index = m_tableBox->findText(table);
        if (index >= 0) m_tableBox->setCurrentIndex(index);  // comes back through the signal
        return;
    }
    {
        const QSignalBlocker block(m_streamBox);
        m_streamBox->clear();
    }
    startReading();
    refresh();
}

void StreamsTab::refresh() {
    const int generation = ++m_generation;
    const QString name = table();
    if (name.isEmpty() || m_region.isEmpty()) {
        m_status->setText(tr("No table in this region."));
        m_enableBox->hide();
        m_streamArea->hide();
        return;
    }
    m_bridge.call(this, m_region, QStringLiteral("DescribeTable"),
                  {{"TableName", name.toStdString()}},
                  [this, generation](const tablespan::Result& r) {
                      if (generation != m_generation) return;
                      if (!r.ok()) {
                          m_status->setText(EngineBridge::errorText(r));
                          return;
                      }
                      listStreams(r.body.value("Table", Json::object()), Json::array(), {});
                  });
}

void StreamsTab::listStreams(const Json& table, Json streams, const QString& after) {
    Json request = {{"TableName", table.value("TableName", "")}};
    if (!after.isEmpty()) request["ExclusiveStartStreamArn"] = after.toStdString();
    const int generation = m_generation;
    m_bridge.call(this, m_region, QStringLiteral("ListStreams"), request,
                  [this, generation, table,
                   streams = std::move(streams)](const tablespan::Result& r) mutable {
                      if (generation != m_generation) return;
                      if (!r.ok()) return showError(EngineBridge::errorText(r));
                      for (const auto& s : r.body.value("Streams", Json::array()))
                          streams.push_back(s);
                      const QString last = textOf(r.body, "LastEvaluatedStreamArn");
                      if (!last.isEmpty()) return listStreams(table, std::move(streams), last);
                      showStreams(table, streams);
                  });
}

void StreamsTab::showStreams(const Json& table, const Json& streams) {
    const QString name = textOf(table, "TableName");
    const QString latest = textOf(table, "LatestStreamArn");
    const bool enabled =
        table.value("StreamSpecification", Json::object()).value("StreamEnabled", false);
    // Newest first: a label is the stream's creation time.
    QList<std::pair<QString, QString>> choices;  // (label, arn)
    for (const auto& s : streams)
        choices.append({textOf(s, "StreamLabel"), textOf(s, "StreamArn")});
    if (!latest.isEmpty() && std::none_of(choices.begin(), choices.end(),
                                          [&](const auto& c) { return c.second == latest; }))
        choices.append({textOf(table, "LatestStreamLabel"), latest});
    std::sort(choices.begin(), choices.end(), [](const auto& a, const auto& b) { return a > b; });

    const QString current = streamArn();
    {
        const QSignalBlocker block(m_streamBox);
        m_streamBox->clear();
        for (const auto& [label, arn] : choices) {
            const QString when = labelText(label);
            m_streamBox->addItem(arn == latest && enabled ? tr("%1 (current)").arg(when)
                                 : arn == latest          ? tr("%1 (latest, off)").arg(when)
                                                          : tr("%1 (off)").arg(when),
                                 arn);
            m_streamBox->setItemData(m_streamBox->count() - 1, arn, Qt::ToolTipRole);
        }
        const int keep = m_streamBox->findData(current);
        m_streamBox->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    m_streamBox->setEnabled(!choices.isEmpty());
    m_enableBox->setTable(name, !choices.isEmpty());
    m_enableBox->setBusy(textOf(table, "TableStatus") != QLatin1String("ACTIVE"));
    m_enableBox->setVisible(!enabled);
    m_streamArea->setVisible(!choices.isEmpty());
    if (streamArn() != m_reader->streamArn()) {
        startReading();
    } else if (!streamArn().isEmpty()) {
        m_reader->redescribe();  // the table changed: so may have its stream's status
        pollNow();
    }
    if (choices.isEmpty()) m_status->setText(tr("No stream"));
}

void StreamsTab::startReading() {
    m_records->clear();
    m_details->clear();
    m_shards->setShards(Json::array());
    const QString arn = streamArn();
    if (arn.isEmpty()) m_status->clear();
    m_reader->start(
        m_region, arn,
        m_from->currentIndex() == 0 ? StreamReader::From::Oldest : StreamReader::From::NewOnly);
    if (!arn.isEmpty()) pollNow();
}

void StreamsTab::pollNow() {
    m_reader->poll();
}

void StreamsTab::setPaused(bool paused) {
    if (m_pause->isChecked() != paused) return m_pause->setChecked(paused);  // comes back
    m_pause->setText(paused ? tr("Resume") : tr("Pause"));
    m_records->setPaused(paused);
    if (!paused) m_view->scrollToBottom();
}

void StreamsTab::setFromOldest(bool oldest) {
    if ((m_from->currentIndex() == 0) != oldest) return m_from->setCurrentIndex(oldest ? 0 : 1);
    startReading();
}

void StreamsTab::showDescription(const Json& description) {
    m_status->setText(
        tr("Status: %1 · View type: %2")
            .arg(textOf(description, "StreamStatus"), textOf(description, "StreamViewType")));
    m_shards->setShards(description.value("Shards", Json::array()));
}

void StreamsTab::showDetails() {
    const QModelIndex index = m_filter->mapToSource(m_view->currentIndex());
    if (!index.isValid()) return m_details->clear();
    m_details->setPlainText(m_records->record(index.row()).detailsText());
}

void StreamsTab::updateCounts() {
    const int total = m_records->rowCount();
    const int shown = m_filter->rowCount();
    QString text = shown == total ? tr("%n record(s)", nullptr, total)
                                  : tr("%1 of %n record(s)", nullptr, total).arg(shown);
    if (m_records->isPaused()) text += tr(" · paused, %n waiting", nullptr, m_records->buffered());
    text += tr(" · keeps the latest %1").arg(QLocale().toString(StreamRecordsModel::kMaxRows));
    if (m_records->dropped() > 0)
        text += tr(" (%n older dropped)", nullptr, static_cast<int>(m_records->dropped()));
    m_counts->setText(text);
}

void StreamsTab::enableStream(const QString& viewType) {
    const QString name = table();
    if (name.isEmpty()) return;
    m_enableBox->setBusy(true);
    m_bridge.call(this, m_region, QStringLiteral("UpdateTable"),
                  {{"TableName", name.toStdString()},
                   {"StreamSpecification",
                    {{"StreamEnabled", true}, {"StreamViewType", viewType.toStdString()}}}},
                  [this, name](const tablespan::Result& r) {
                      if (!r.ok()) {
                          m_enableBox->setBusy(false);
                          return showError(EngineBridge::errorText(r));
                      }
                      showError({});
                      emit progressMessage(tr("Enabling a stream on %1…").arg(name), m_region,
                                           name);
                      if (name == table()) refresh();
                  });
}
