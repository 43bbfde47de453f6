#include "items/query_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "common/icons.h"

QueryForm::QueryForm(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* modeRow = new QHBoxLayout;
    m_scan = new QRadioButton(tr("Scan"), this);
    m_scan->setObjectName(QStringLiteral("scanMode"));
    m_query = new QRadioButton(tr("Query"), this);
    m_query->setObjectName(QStringLiteral("queryMode"));
    m_scan->setChecked(true);
    modeRow->addWidget(m_scan);
    modeRow->addWidget(m_query);
    m_source = new QComboBox(this);
    m_source->setObjectName(QStringLiteral("indexBox"));
    m_source->setToolTip(tr("Scan or query the table or one of its indexes"));
    m_source->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    modeRow->addWidget(m_source);
    modeRow->addSpacing(16);
    modeRow->addWidget(new QLabel(tr("Attributes to return:"), this));
    m_projection = new QLineEdit(this);
    m_projection->setObjectName(QStringLiteral("projection"));
    m_projection->setPlaceholderText(tr("all attributes (or: name, age, address)"));
    modeRow->addWidget(m_projection, 1);
    auto* run = new QPushButton(icon(QStringLiteral("search")), tr("Run"), this);
    run->setObjectName(QStringLiteral("run"));
    run->setDefault(true);
    modeRow->addWidget(run);
    layout->addLayout(modeRow);

    m_keyBox = new QWidget(this);
    // A grid: the attributes of a multi-attribute key line up under the first ones.
    m_keyGrid = new QGridLayout(m_keyBox);
    m_keyGrid->setContentsMargins(0, 0, 0, 0);
    m_keyGrid->setVerticalSpacing(4);
    m_pkLabel = new QLabel(m_keyBox);
    m_pkValue = new QLineEdit(m_keyBox);
    m_pkValue->setObjectName(QStringLiteral("partitionValue"));
    m_pkValue->setPlaceholderText(tr("partition key value"));
    m_skLabel = new QLabel(m_keyBox);
    m_skOp = new QComboBox(m_keyBox);
    m_skOp->setObjectName(QStringLiteral("sortOp"));
    m_skOp->addItem(tr("(any)"), QString());
    for (const QString& op : QueryBuilder::sortKeyOperators()) m_skOp->addItem(op, op);
    m_skValue = new QLineEdit(m_keyBox);
    m_skValue->setObjectName(QStringLiteral("sortValue"));
    m_skValue2 = new QLineEdit(m_keyBox);
    m_skValue2->setObjectName(QStringLiteral("sortValue2"));
    m_skValue2->setPlaceholderText(tr("and"));
    m_descending = new QCheckBox(tr("Descending"), m_keyBox);
    m_keyGrid->addWidget(m_pkLabel, 0, 0);
    m_keyGrid->addWidget(m_pkValue, 0, 1);
    m_keyGrid->addWidget(m_skLabel, 0, 2);
    m_keyGrid->addWidget(m_skOp, 0, 3);
    m_keyGrid->addWidget(m_skValue, 0, 4);
    m_keyGrid->addWidget(m_skValue2, 0, 5);
    m_keyGrid->addWidget(m_descending, 0, 6);
    m_keyGrid->setColumnStretch(1, 2);
    m_keyGrid->setColumnStretch(4, 1);
    m_keyGrid->setColumnStretch(5, 1);
    layout->addWidget(m_keyBox);

    auto* filterHead = new QHBoxLayout;
    auto* addFilterButton = new QPushButton(icon(QStringLiteral("add")), tr("Add filter"), this);
    m_match = new QComboBox(this);
    m_match->addItem(tr("Match all filters (AND)"), true);
    m_match->addItem(tr("Match any filter (OR)"), false);
    filterHead->addWidget(addFilterButton);
    filterHead->addWidget(m_match);
    filterHead->addStretch();
    layout->addLayout(filterHead);
    m_filters = new QGridLayout;
    layout->addLayout(m_filters);

    connect(m_scan, &QRadioButton::toggled, this, &QueryForm::updateMode);
    connect(m_source, &QComboBox::activated, this, [this] { emit indexChanged(indexName()); });
    connect(m_skOp, &QComboBox::currentIndexChanged, this, &QueryForm::updateMode);
    connect(addFilterButton, &QPushButton::clicked, this, [this] { addFilter(); });
    connect(run, &QPushButton::clicked, this, &QueryForm::runRequested);
    // Enter in any text field of the builder runs it, as in the AWS console.
    for (QLineEdit* edit : {m_pkValue, m_skValue, m_skValue2, m_projection})
        connect(edit, &QLineEdit::returnPressed, this, &QueryForm::runRequested);
    updateMode();
}

void QueryForm::setKeys(const QString& pk, const QString& pkType, const QString& sk,
                        const QString& skType) {
    setKeys(KeyAttributes{{pk, pkType}},
            sk.isEmpty() ? KeyAttributes{} : KeyAttributes{{sk, skType}});
}

void QueryForm::setKeys(const KeyAttributes& partition, const KeyAttributes& sort) {
    const auto [pk, pkType] = partition.value(0);
    const auto [sk, skType] = sort.value(0);
    m_pk = pk;
    m_pkType = pkType;
    m_sk = sk;
    m_skType = skType;
    m_pkLabel->setText(tr("%1 (%2) =").arg(pk, pkType));
    m_skLabel->setText(sk.isEmpty() ? QString() : tr("%1 (%2)").arg(sk, skType));
    clearKeyRows();
    for (qsizetype i = 1; i < partition.size(); ++i)
        m_morePk << addKeyRow(partition[i].first, partition[i].second, false, static_cast<int>(i));
    for (qsizetype i = 1; i < sort.size(); ++i)
        m_moreSk << addKeyRow(sort[i].first, sort[i].second, true, static_cast<int>(i));
    updateMode();
}

void QueryForm::clearKeyRows() {
    for (const KeyRow& row : m_morePk + m_moreSk)
        for (QWidget* w : {static_cast<QWidget*>(row.label), static_cast<QWidget*>(row.op),
                           static_cast<QWidget*>(row.value), static_cast<QWidget*>(row.value2)})
            if (w) {
                m_keyGrid->removeWidget(w);
                w->hide();
                w->deleteLater();
            }
    m_morePk.clear();
    m_moreSk.clear();
}

QueryForm::KeyRow QueryForm::addKeyRow(const QString& name, const QString& type, bool sort,
                                       int position) {
    KeyRow row{name, type, new QLabel(m_keyBox), nullptr, new QLineEdit(m_keyBox), nullptr};
    const QString n = QString::number(position);
    if (sort) {
        row.label->setText(tr("%1 (%2)").arg(name, type));
        row.op = new QComboBox(m_keyBox);
        row.op->setObjectName(QStringLiteral("sortOp") + n);
        row.op->addItem(tr("(any)"), QString());
        for (const QString& op : QueryBuilder::sortKeyOperators()) row.op->addItem(op, op);
        row.value->setObjectName(QStringLiteral("sortValue") + n);
        row.value2 = new QLineEdit(m_keyBox);
        row.value2->setObjectName(QStringLiteral("sortUpper") + n);
        row.value2->setPlaceholderText(tr("and"));
        m_keyGrid->addWidget(row.label, position, 2);
        m_keyGrid->addWidget(row.op, position, 3);
        m_keyGrid->addWidget(row.value, position, 4);
        m_keyGrid->addWidget(row.value2, position, 5);
        connect(row.op, &QComboBox::currentIndexChanged, this, &QueryForm::updateMode);
        connect(row.value2, &QLineEdit::returnPressed, this, &QueryForm::runRequested);
    } else {
        row.label->setText(tr("%1 (%2) =").arg(name, type));
        row.value->setObjectName(QStringLiteral("partitionValue") + n);
        row.value->setPlaceholderText(tr("partition key value"));
        m_keyGrid->addWidget(row.label, position, 0);
        m_keyGrid->addWidget(row.value, position, 1);
    }
    connect(row.value, &QLineEdit::returnPressed, this, &QueryForm::runRequested);
    return row;
}

void QueryForm::updateSortRows() {
    // Left to right: an attribute can be given once the one before it is given by
    // equality; a range condition ends the key condition.
    QString before = m_sk.isEmpty() ? QString() : m_skOp->currentData().toString();
    for (const KeyRow& row : std::as_const(m_moreSk)) {
        const bool usable = before == QLatin1String("=");
        if (!usable && row.op->currentIndex() != 0) {
            const QSignalBlocker block(row.op);
            row.op->setCurrentIndex(0);
        }
        row.op->setEnabled(usable);
        row.op->setToolTip(usable ? QString()
                                  : tr("Give the sort key attributes from the left, each before "
                                       "this one with =."));
        const QString op = row.op->currentData().toString();
        row.value->setVisible(!op.isEmpty());
        row.value2->setVisible(QueryBuilder::operandCount(op) == 2 && !op.isEmpty());
        before = op;
    }
}

void QueryForm::setSources(const QList<QPair<QString, QString>>& sources, const QString& select) {
    const QSignalBlocker block(m_source);
    m_source->clear();
    for (const auto& [label, index] : sources) m_source->addItem(label, index);
    m_source->setCurrentIndex(std::max(0, m_source->findData(select)));
    m_source->setVisible(m_source->count() > 1);
}

QList<QPair<QString, QString>> QueryForm::sources() const {
    QList<QPair<QString, QString>> list;
    for (int i = 0; i < m_source->count(); ++i)
        list.append({m_source->itemText(i), m_source->itemData(i).toString()});
    return list;
}

QString QueryForm::indexName() const {
    return m_source->currentData().toString();
}

void QueryForm::setIndexName(const QString& index) {
    const int i = m_source->findData(index);
    if (i < 0 || i == m_source->currentIndex()) return;
    m_source->setCurrentIndex(i);
    emit indexChanged(indexName());
}

void QueryForm::updateMode() {
    m_keyBox->setVisible(m_query->isChecked());
    const bool hasSort = !m_sk.isEmpty();
    m_skLabel->setVisible(hasSort);
    m_skOp->setVisible(hasSort);
    m_descending->setVisible(hasSort);
    const int n = QueryBuilder::operandCount(m_skOp->currentData().toString());
    m_skValue->setVisible(hasSort && !m_skOp->currentData().toString().isEmpty());
    m_skValue2->setVisible(hasSort && n == 2);
    updateSortRows();
}

void QueryForm::setQueryMode(bool query) {
    (query ? m_query : m_scan)->setChecked(true);
}

void QueryForm::setPartitionValue(const QString& value) {
    m_pkValue->setText(value);
}

void QueryForm::setSortCondition(const QString& op, const QString& value, const QString& value2) {
    m_skOp->setCurrentIndex(std::max(0, m_skOp->findData(op)));
    m_skValue->setText(value);
    m_skValue2->setText(value2);
}

void QueryForm::setPartitionValue(int position, const QString& value) {
    if (position == 0) setPartitionValue(value);
    if (position > 0 && position <= m_morePk.size()) m_morePk[position - 1].value->setText(value);
}

void QueryForm::setSortCondition(int position, const QString& op, const QString& value,
                                 const QString& value2) {
    if (position == 0) setSortCondition(op, value, value2);
    if (position <= 0 || position > m_moreSk.size()) return;
    const KeyRow& row = m_moreSk[position - 1];
    if (row.op->isEnabled()) row.op->setCurrentIndex(std::max(0, row.op->findData(op)));
    row.value->setText(value);
    row.value2->setText(value2);
}

void QueryForm::setProjection(const QString& names) {
    m_projection->setText(names);
}

int QueryForm::addFilter(const QString& attribute, const QString& op, const QString& type,
                         const QString& value, const QString& value2) {
    FilterRow row;
    row.attribute = new QLineEdit(attribute, this);
    row.attribute->setPlaceholderText(tr("attribute name"));
    row.type = new QComboBox(this);
    for (const char* t : {"S", "N", "B", "BOOL", "NULL"}) row.type->addItem(QString::fromLatin1(t));
    row.type->setCurrentText(type);
    row.op = new QComboBox(this);
    row.op->addItems(QueryBuilder::filterOperators());
    row.op->setCurrentText(op);
    row.value = new QLineEdit(value, this);
    row.value->setPlaceholderText(tr("value"));
    row.value2 = new QLineEdit(value2, this);
    row.value2->setPlaceholderText(tr("and"));
    for (QLineEdit* edit : {row.attribute, row.value, row.value2})
        connect(edit, &QLineEdit::returnPressed, this, &QueryForm::runRequested);
    auto* remove = new QToolButton(this);
    remove->setIcon(icon(QStringLiteral("delete")));
    remove->setToolTip(tr("Remove this filter"));
    row.remove = remove;
    const int r = static_cast<int>(m_rows.size());
    m_filters->addWidget(row.attribute, r, 0);
    m_filters->addWidget(row.type, r, 1);
    m_filters->addWidget(row.op, r, 2);
    m_filters->addWidget(row.value, r, 3);
    m_filters->addWidget(row.value2, r, 4);
    m_filters->addWidget(row.remove, r, 5);
    const auto update = [row] {
        const int n = QueryBuilder::operandCount(row.op->currentText());
        row.value->setVisible(n >= 1);
        row.value2->setVisible(n == 2);
        row.type->setVisible(n >= 1 && row.op->currentText() != QLatin1String("attribute_type"));
    };
    connect(row.op, &QComboBox::currentTextChanged, this, update);
    update();
    connect(remove, &QToolButton::clicked, this, [this, remove] {
        for (qsizetype i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].remove != remove) continue;
            const FilterRow dead = m_rows.takeAt(i);
            for (QWidget* w :
                 {static_cast<QWidget*>(dead.attribute), static_cast<QWidget*>(dead.type),
                  static_cast<QWidget*>(dead.op), static_cast<QWidget*>(dead.value),
                  static_cast<QWidget*>(dead.value2), dead.remove})
                w->deleteLater();
            return;
        }
    });
    m_rows << row;
    return r;
}

void QueryForm::clearFilters() {
    for (const FilterRow& row : m_rows)
        for (QWidget* w : {static_cast<QWidget*>(row.attribute), static_cast<QWidget*>(row.type),
                           static_cast<QWidget*>(row.op), static_cast<QWidget*>(row.value),
                           static_cast<QWidget*>(row.value2), row.remove})
            w->deleteLater();
    m_rows.clear();
}

QuerySpec QueryForm::spec() const {
    QuerySpec s;
    s.query = m_query->isChecked();
    s.indexName = indexName();
    s.partitionKey = m_pk;
    s.partitionType = m_pkType;
    s.partitionValue = m_pkValue->text();
    s.sortKey = m_sk;
    s.sortType = m_skType;
    s.sortOp = m_skOp->currentData().toString();
    s.sortValue = m_skValue->text();
    s.sortValue2 = m_skValue2->text();
    s.descending = m_descending->isChecked();
    for (const KeyRow& row : m_morePk)
        s.morePartition << KeyCondition{
            row.name, row.type, QStringLiteral("="), row.value->text(), {}};
    for (const KeyRow& row : m_moreSk)
        s.moreSort << KeyCondition{row.name, row.type, row.op->currentData().toString(),
                                   row.value->text(), row.value2->text()};
    s.matchAll = m_match->currentData().toBool();
    for (const FilterRow& row : m_rows)
        s.filters << Condition{row.attribute->text().trimmed(), row.op->currentText(),
                               row.type->currentText(), row.value->text(), row.value2->text()};
    for (const QString& name : m_projection->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!name.trimmed().isEmpty()) s.projection << name.trimmed();
    return s;
}

void QueryForm::focusInput() {
    if (m_query->isChecked()) {
        m_pkValue->setFocus();
        return;
    }
    if (m_rows.isEmpty()) addFilter();
    m_rows.last().attribute->setFocus();
}
