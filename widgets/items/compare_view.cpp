#include "items/compare_view.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include "items/compare_loader.h"
#include "items/compare_model.h"
#include "common/engine_bridge.h"

using tablespan::Json;

namespace {
constexpr int kMaxColumnWidth = 240;
}  // namespace

CompareView::CompareView(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_model(new CompareModel(this)),
      m_loader(new CompareLoader(bridge, *m_model, this)),
      m_regionBox(new QComboBox(this)),
      m_note(new QLabel(this)) {
    setObjectName(QStringLiteral("compareView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Compare with:"), this));
    m_regionBox->setObjectName(QStringLiteral("compareRegion"));
    m_regionBox->setMinimumWidth(220);
    top->addWidget(m_regionBox);
    top->addStretch();
    layout->addLayout(top);
    // On a line of its own: a wrapped label in a row would widen the window.
    auto* legend = new QLabel(
        tr("Blue rows just arrived by replication; amber rows differ between the regions "
           "until they converge."),
        this);
    legend->setWordWrap(true);
    layout->addWidget(legend);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    for (int side = 0; side < 2; ++side) {
        auto* pane = new QWidget(splitter);
        auto* paneLayout = new QVBoxLayout(pane);
        paneLayout->setContentsMargins(0, 0, 0, 0);
        m_titles[side] = new QLabel(pane);
        m_titles[side]->setStyleSheet(QStringLiteral("font-weight: bold;"));
        QTableView* view = m_views[side] = new QTableView(pane);
        view->setObjectName(side == 0 ? QStringLiteral("compareLeft")
                                      : QStringLiteral("compareRight"));
        view->setModel(m_model);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->setWordWrap(false);
        view->horizontalHeader()->setDefaultSectionSize(140);
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
        view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        paneLayout->addWidget(m_titles[side]);
        paneLayout->addWidget(view, 1);
        splitter->addWidget(pane);
    }
    // One selection and one scroll position: the rows stay side by side.
    m_views[1]->setSelectionModel(m_views[0]->selectionModel());
    m_views[1]->verticalHeader()->hide();
    auto* left = m_views[0]->verticalScrollBar();
    auto* right = m_views[1]->verticalScrollBar();
    connect(left, &QScrollBar::valueChanged, right, &QScrollBar::setValue);
    connect(right, &QScrollBar::valueChanged, left, &QScrollBar::setValue);
    layout->addWidget(splitter, 1);
    m_note->setObjectName(QStringLiteral("compareNote"));
    m_note->setWordWrap(true);
    layout->addWidget(m_note);

    connect(m_regionBox, &QComboBox::currentIndexChanged, this, [this] { restart(); });
    connect(m_model, &QAbstractItemModel::columnsInserted, this, &CompareView::hideOtherColumns);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CompareView::hideOtherColumns);
    connect(m_loader, &CompareLoader::stateChanged, this, [this] {
        updateNote();
        fitColumns();
    });
    updateNote();
}

QStringList CompareView::replicaRegions(const Json& description) {
    QStringList regions;
    if (!description.is_object()) return regions;
    for (const auto& replica : description.value("Replicas", Json::array())) {
        const std::string status = replica.value("ReplicaStatus", "");
        if (status == "ACTIVE" || status == "UPDATING")
            regions << QString::fromStdString(replica.value("RegionName", ""));
    }
    return regions;
}

void CompareView::setSource(const QString& region, const QString& table,
                            const QStringList& keyNames, const QStringList& others) {
    QStringList offered = others;
    offered.removeAll(region);
    if (region == m_region && table == m_table && keyNames == m_keyNames && offered == m_others &&
        !m_loader->table().isEmpty())
        return;
    m_region = region;
    m_table = table;
    m_keyNames = keyNames;
    m_others = offered;
    const QString current = otherRegion();
    {
        const QSignalBlocker blocker(m_regionBox);
        m_regionBox->clear();
        for (const QString& code : offered)
            m_regionBox->addItem(tr("%1 (%2)").arg(EngineBridge::regionName(code), code), code);
        const int keep = m_regionBox->findData(current);
        m_regionBox->setCurrentIndex(keep >= 0 ? keep : 0);
    }
    restart();
}

void CompareView::clear() {
    if (m_table.isEmpty() && m_loader->table().isEmpty()) return;
    m_table.clear();
    m_loader->clear();
    updateNote();
}

void CompareView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (!m_table.isEmpty() && m_loader->table().isEmpty()) restart();
}

void CompareView::hideEvent(QHideEvent* event) {
    QWidget::hideEvent(event);
    m_loader->clear();
}

void CompareView::setOtherRegion(const QString& code) {
    const int index = m_regionBox->findData(code);
    if (index >= 0) m_regionBox->setCurrentIndex(index);
}

QString CompareView::otherRegion() const {
    return m_regionBox->currentData().toString();
}

QString CompareView::noteText() const {
    return m_note->text();
}

void CompareView::restart() {
    const QString other = otherRegion();
    m_sized = false;
    if (m_table.isEmpty() || other.isEmpty() || m_keyNames.isEmpty() || !isVisible()) {
        m_loader->clear();
    } else {
        m_loader->setSource(m_table, m_keyNames, m_region, other);
    }
    m_titles[0]->setText(tr("%1 (%2)").arg(EngineBridge::regionName(m_region), m_region));
    m_titles[1]->setText(
        other.isEmpty() ? QString() : tr("%1 (%2)").arg(EngineBridge::regionName(other), other));
    updateNote();
}

void CompareView::hideOtherColumns() {
    for (int column = 0; column < m_model->columnCount(); ++column) {
        const auto side = m_model->sideOf(column);
        m_views[0]->setColumnHidden(column, side == CompareModel::Right);
        m_views[1]->setColumnHidden(column, side != CompareModel::Right);
    }
    stretchLastColumns();
}

void CompareView::stretchLastColumns() {
    // The header picks its last visible section again (it does not when sections hide or
    // are resized to their contents).
    for (QTableView* view : m_views) {
        view->horizontalHeader()->setStretchLastSection(false);
        view->horizontalHeader()->setStretchLastSection(true);
    }
}

void CompareView::fitColumns() {
    if (m_sized || m_model->rowCount() == 0 || m_loader->isLoading()) return;
    m_sized = true;
    for (QTableView* view : m_views) {
        view->resizeColumnsToContents();
        for (int c = 0; c < m_model->columnCount(); ++c)
            view->setColumnWidth(c, std::min(view->columnWidth(c), kMaxColumnWidth));
    }
    // Room for the mark and a latency of five digits, which come later.
    QTableView* left = m_views[0];
    const int latency = left->fontMetrics().horizontalAdvance(CompareModel::latencyText(88'888));
    const int icon = left->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, left);
    left->setColumnWidth(CompareModel::Status,
                         std::max(left->columnWidth(CompareModel::Status), latency + icon + 20));
    stretchLastColumns();
}

void CompareView::updateNote() {
    if (m_loader->table().isEmpty()) {
        m_note->setText(m_others.isEmpty() ? tr("This table has no replica to compare with.")
                                           : QString());
        return;
    }
    QStringList parts;
    for (auto side : {CompareModel::Left, CompareModel::Right})
        if (!m_loader->error(side).isEmpty())
            parts << tr("%1: %2").arg(EngineBridge::regionName(m_model->region(side)),
                                      m_loader->error(side));
    if (m_loader->isLoading() && m_model->rowCount() == 0) {
        parts << tr("Reading both regions…");
    } else {
        const int differing = m_model->differingRows();
        parts << (differing ? tr("%n item(s) differ between the regions.", nullptr, differing)
                            : tr("The two regions hold the same items."));
    }
    if (m_loader->isTruncated(CompareModel::Left) || m_loader->isTruncated(CompareModel::Right))
        parts << tr("Only the first %1 items of each region are compared.")
                     .arg(QLocale().toString(m_loader->maxItems()));
    m_note->setText(parts.join(QLatin1Char(' ')));
}
