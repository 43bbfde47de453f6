#include "global/regions_panel.h"

#include <memory>

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "global/network_models.h"
#include "tablespan/regions.h"

namespace {
QTableView* makeView(QAbstractItemModel* model, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    return view;
}
}  // namespace

RegionsPanel::RegionsPanel(EngineBridge& bridge, QWidget* parent)
    : QDockWidget(tr("Regions & network"), parent),
      m_bridge(bridge),
      m_regions(new RegionsModel(bridge.engine().network(), this)),
      m_links(new LinkMatrixModel(bridge.engine().network(), this)),
      m_regionsView(nullptr),
      m_linksView(nullptr),
      m_linkTitle(new QLabel(this)),
      m_remoteNote(new QLabel(this)),
      m_cut(new QCheckBox(tr("Cut (partition the link)"), this)),
      m_override(new QCheckBox(tr("Override latency:"), this)),
      m_latency(new QSpinBox(this)),
      m_scale(new QDoubleSpinBox(this)),
      m_discover(new QTimer(this)) {
    setObjectName(QStringLiteral("regionsPanel"));
    toggleViewAction()->setText(tr("Regions && network"));
    auto* body = new QWidget(this);
    m_regionsView = makeView(m_regions, body);
    m_regionsView->setObjectName(QStringLiteral("regionsView"));
    m_regionsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_regionsView->verticalHeader()->hide();
    m_regionsView->horizontalHeader()->setStretchLastSection(true);
    m_linksView = makeView(m_links, body);
    m_linksView->setObjectName(QStringLiteral("linksView"));
    m_linksView->setSelectionMode(QAbstractItemView::SingleSelection);

    m_cut->setObjectName(QStringLiteral("linkCut"));
    m_override->setObjectName(QStringLiteral("linkOverride"));
    m_latency->setObjectName(QStringLiteral("linkLatency"));
    m_latency->setRange(0, 600'000);
    m_latency->setSingleStep(50);
    m_latency->setSuffix(tr(" ms"));
    m_scale->setObjectName(QStringLiteral("timeScale"));
    m_scale->setRange(0.1, 1000);
    m_scale->setDecimals(1);
    m_scale->setPrefix(tr("×"));
    m_scale->setToolTip(tr("How many times faster than the wall clock engine time runs"));

    auto* linkBox = new QGroupBox(tr("Links between regions with tables"), body);
    auto* linkLayout = new QVBoxLayout(linkBox);
    linkLayout->addWidget(m_linksView, 1);
    m_linkTitle->setWordWrap(true);
    linkLayout->addWidget(m_linkTitle);
    auto* overrideRow = new QHBoxLayout;
    overrideRow->addWidget(m_override);
    overrideRow->addWidget(m_latency);
    overrideRow->addStretch();
    linkLayout->addWidget(m_cut);
    linkLayout->addLayout(overrideRow);
    auto* regionBox = new QGroupBox(tr("Regions"), body);
    auto* regionLayout = new QVBoxLayout(regionBox);
    regionLayout->addWidget(m_regionsView);
    auto* timeRow = new QFormLayout;
    timeRow->addRow(tr("Time scale:"), m_scale);
    auto* split = new QSplitter(Qt::Vertical, body);
    split->addWidget(regionBox);
    split->addWidget(linkBox);
    m_remoteNote->setObjectName(QStringLiteral("regionsRemoteNote"));
    m_remoteNote->setWordWrap(true);
    m_remoteNote->hide();
    auto* layout = new QVBoxLayout(body);
    layout->addWidget(m_remoteNote);
    layout->addWidget(split, 1);
    layout->addLayout(timeRow);
    setWidget(body);

    connect(m_linksView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &RegionsPanel::updateLinkEditor);
    connect(m_cut, &QCheckBox::toggled, this, [this](bool cut) {
        if (!m_updating) setLinkCut(cut);
    });
    const auto applyOverride = [this] {
        if (m_updating) return;
        setLinkOverride(m_override->isChecked() ? std::optional<int>(m_latency->value())
                                                : std::nullopt);
    };
    connect(m_override, &QCheckBox::toggled, this, applyOverride);
    connect(m_latency, &QSpinBox::editingFinished, this, applyOverride);
    connect(m_scale, &QDoubleSpinBox::editingFinished, this,
            [this] { setTimeScale(m_scale->value()); });
    connect(&m_bridge, &EngineBridge::networkChanged, this, [this] {
        m_regions->refresh();
        m_links->refresh();
        updateLinkEditor();
    });
    // New tables (or regions) appear in the matrix; coalesced.
    m_discover->setSingleShot(true);
    m_discover->setInterval(500);
    connect(m_discover, &QTimer::timeout, this, &RegionsPanel::discoverRegions);
    connect(&m_bridge, &EngineBridge::tableStatusChanged, this, [this] {
        if (!m_discover->isActive()) m_discover->start();
    });
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible) return;
        m_scale->setValue(m_bridge.engine().time_scale());
        discoverRegions();
    });
    m_scale->setValue(m_bridge.engine().time_scale());
    updateLinkEditor();
    discoverRegions();
}

void RegionsPanel::setRegion(const QString& region) {
    const bool remote = EngineBridge::isRemoteRegion(region);
    m_remoteNote->setText(
        remote ? tr("<b>%1</b> is a remote region: its network is real and is not simulated "
                    "here. The switches, links and time scale below act on the embedded "
                    "regions only.")
                     .arg(EngineBridge::regionLabel(region).toHtmlEscaped())
               : QString());
    m_remoteNote->setVisible(remote);
}

QString RegionsPanel::remoteNoteText() const {
    return m_remoteNote->isHidden() ? QString() : m_remoteNote->text();
}

void RegionsPanel::discoverRegions() {
    // Read from the engine without a request: a ListTables in every region would open
    // (and create) a database for each and fill the Activity dock.
    m_tableCounts.clear();
    for (const auto& [code, count] : m_bridge.engine().table_counts())
        m_tableCounts[QString::fromStdString(code)] = count;
    m_regions->setTableCounts(m_tableCounts);
    QStringList withTables;
    for (auto it = m_tableCounts.begin(); it != m_tableCounts.end(); ++it)
        if (*it > 0) withTables << it.key();
    m_links->setRegions(withTables);
    updateLinkEditor();
}

std::pair<QString, QString> RegionsPanel::selectedLink() const {
    const QModelIndex current = m_linksView->currentIndex();
    if (!current.isValid() || current.row() == current.column()) return {};
    return {m_links->region(current.row()), m_links->region(current.column())};
}

void RegionsPanel::updateLinkEditor() {
    const auto [a, b] = selectedLink();
    const bool has = !a.isEmpty();
    m_updating = true;
    m_cut->setEnabled(has);
    m_override->setEnabled(has);
    m_latency->setEnabled(has);
    if (has) {
        const auto link = m_bridge.engine().network().link(a.toStdString(), b.toStdString());
        m_linkTitle->setText(
            tr("%1 ↔ %2 (model: %3 ms)").arg(a, b).arg(static_cast<qint64>(link.model_ms)));
        m_cut->setChecked(link.cut);
        m_override->setChecked(link.override_ms.has_value());
        m_latency->setValue(link.override_ms ? static_cast<int>(*link.override_ms)
                                             : static_cast<int>(link.model_ms));
    } else {
        m_linkTitle->setText(m_links->rowCount() < 2
                                 ? tr("Links appear here once two regions have tables.")
                                 : tr("Select a link in the matrix to cut it or set its latency."));
    }
    m_updating = false;
}

void RegionsPanel::setRegionOnline(const QString& region, bool online) {
    const int row = m_regions->rowOf(region);
    if (row < 0) return;
    m_regions->setData(m_regions->index(row, RegionsModel::Online),
                       online ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

void RegionsPanel::selectLink(const QString& a, const QString& b) {
    const int row = static_cast<int>(m_links->regions().indexOf(a));
    const int column = static_cast<int>(m_links->regions().indexOf(b));
    if (row < 0 || column < 0) return;
    m_linksView->setCurrentIndex(m_links->index(row, column));
}

void RegionsPanel::setLinkCut(bool cut) {
    const auto [a, b] = selectedLink();
    if (a.isEmpty()) return;
    m_bridge.engine().network().set_link_cut(a.toStdString(), b.toStdString(), cut);
    m_links->refresh();
}

void RegionsPanel::setLinkOverride(std::optional<int> ms) {
    const auto [a, b] = selectedLink();
    if (a.isEmpty()) return;
    m_bridge.engine().network().set_link_latency(
        a.toStdString(), b.toStdString(),
        ms ? std::optional<tablespan::Millis>(*ms) : std::nullopt);
    m_links->refresh();
}

void RegionsPanel::setTimeScale(double scale) {
    m_bridge.engine().set_time_scale(scale);
    m_scale->setValue(m_bridge.engine().time_scale());
    emit timeScaleChanged(m_bridge.engine().time_scale());
}

double RegionsPanel::timeScale() const {
    return m_bridge.engine().time_scale();
}
