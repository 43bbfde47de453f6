#include "tables/index_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "common/icons.h"
#include "tables/key_attribute_list.h"

namespace {
QComboBox* typeBox(QWidget* parent) {
    auto* box = new QComboBox(parent);
    box->addItem(IndexEditor::tr("String"), QStringLiteral("S"));
    box->addItem(IndexEditor::tr("Number"), QStringLiteral("N"));
    box->addItem(IndexEditor::tr("Binary"), QStringLiteral("B"));
    return box;
}
}  // namespace

IndexEditor::IndexEditor(Mode mode, QWidget* parent)
    : QGroupBox(mode == Mode::Table ? tr("Secondary indexes") : tr("Index details"), parent),
      m_mode(mode) {
    setObjectName(QStringLiteral("indexEditor"));
    auto* layout = new QVBoxLayout(this);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(6);
    layout->addLayout(m_rowsLayout);
    if (mode == Mode::SingleGlobal) {
        addIndex(false);
        return;
    }
    auto* buttons = new QHBoxLayout;
    auto* addGlobal = new QPushButton(icon(QStringLiteral("add")), tr("Add global index"), this);
    addGlobal->setObjectName(QStringLiteral("addGlobalIndex"));
    auto* addLocal = new QPushButton(icon(QStringLiteral("add")), tr("Add local index"), this);
    addLocal->setObjectName(QStringLiteral("addLocalIndex"));
    buttons->addWidget(addGlobal);
    buttons->addWidget(addLocal);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(addGlobal, &QPushButton::clicked, this, [this] { addIndex(false); });
    connect(addLocal, &QPushButton::clicked, this, [this] { addIndex(true); });
}

int IndexEditor::addIndex(bool local) {
    Row row;
    row.frame = new QFrame(this);
    auto* frame = static_cast<QFrame*>(row.frame);
    frame->setFrameShape(QFrame::StyledPanel);
    auto* grid = new QGridLayout(frame);
    grid->setContentsMargins(8, 6, 8, 6);
    row.kind = new QComboBox(frame);
    row.kind->addItem(tr("Global (GSI)"), false);
    row.kind->addItem(tr("Local (LSI)"), true);
    row.kind->setCurrentIndex(local ? 1 : 0);
    row.name = new QLineEdit(frame);
    row.name->setPlaceholderText(tr("index name, e.g. status-index"));
    row.projection = new QComboBox(frame);
    row.projection->addItem(tr("All attributes"), QStringLiteral("ALL"));
    row.projection->addItem(tr("Keys only"), QStringLiteral("KEYS_ONLY"));
    row.projection->addItem(tr("Include"), QStringLiteral("INCLUDE"));
    row.nonKey = new QLineEdit(frame);
    row.nonKey->setPlaceholderText(tr("non-key attributes, e.g. total, city"));
    auto* remove = new QToolButton(frame);
    row.remove = remove;
    remove->setIcon(icon(QStringLiteral("delete")));
    remove->setToolTip(tr("Remove this index"));
    row.pk = new QLineEdit(frame);
    row.pk->setPlaceholderText(tr("partition key"));
    row.pkType = typeBox(frame);
    row.hasSort = new QCheckBox(tr("Sort key"), frame);
    row.sk = new QLineEdit(frame);
    row.sk->setPlaceholderText(tr("sort key"));
    row.skType = typeBox(frame);
    row.morePk = new KeyAttributeList(KeyAttributeList::Kind::Partition, frame);
    row.moreSk = new KeyAttributeList(KeyAttributeList::Kind::Sort, frame);

    grid->addWidget(row.kind, 0, 0);
    grid->addWidget(row.name, 0, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Projection"), frame), 0, 3, Qt::AlignRight);
    grid->addWidget(row.projection, 0, 4);
    grid->addWidget(row.nonKey, 0, 5, 1, 2);
    grid->addWidget(remove, 0, 7);
    grid->addWidget(new QLabel(tr("Partition key"), frame), 1, 0, Qt::AlignRight);
    grid->addWidget(row.pk, 1, 1);
    grid->addWidget(row.pkType, 1, 2);
    grid->addWidget(row.hasSort, 1, 3, Qt::AlignRight);
    grid->addWidget(row.sk, 1, 4, 1, 2);
    grid->addWidget(row.skType, 1, 6);
    grid->addWidget(row.morePk, 2, 1, 1, 2);
    grid->addWidget(row.moreSk, 2, 4, 1, 3);
    grid->setColumnStretch(1, 2);
    grid->setColumnStretch(5, 1);
    m_rowsLayout->addWidget(frame);
    m_rows << row;
    renumber();

    connect(row.kind, &QComboBox::currentIndexChanged, this, [this, row] {
        updateRow(row);
        emit changed();
    });
    connect(row.projection, &QComboBox::currentIndexChanged, this, [this, row] {
        updateRow(row);
        emit changed();
    });
    connect(row.hasSort, &QCheckBox::toggled, this, [this, row] {
        updateRow(row);
        emit changed();
    });
    for (auto* edit : {row.name, row.pk, row.sk, row.nonKey})
        connect(edit, &QLineEdit::textChanged, this, &IndexEditor::changed);
    for (auto* box : {row.pkType, row.skType})
        connect(box, &QComboBox::currentIndexChanged, this, &IndexEditor::changed);
    for (auto* list : {row.morePk, row.moreSk})
        connect(list, &KeyAttributeList::changed, this, &IndexEditor::changed);
    connect(remove, &QToolButton::clicked, this, [this, frame] {
        for (int i = 0; i < count(); ++i)
            if (m_rows[i].frame == frame) {
                removeIndex(i);
                return;
            }
    });
    if (m_mode == Mode::SingleGlobal) {
        row.kind->hide();
        remove->hide();
        grid->addWidget(new QLabel(tr("Index name"), frame), 0, 0, Qt::AlignRight);
    }
    updateRow(row);
    row.name->setFocus();
    emit changed();
    return count() - 1;
}

void IndexEditor::removeIndex(int row) {
    if (row < 0 || row >= count()) return;
    m_rows.takeAt(row).frame->deleteLater();
    renumber();
    emit changed();
}

void IndexEditor::renumber() {
    // Names for tests and for reading a screenshot's widget tree.
    for (int i = 0; i < count(); ++i) {
        const Row& r = m_rows[i];
        const QString n = QString::number(i);
        r.kind->setObjectName(QStringLiteral("indexKind") + n);
        r.name->setObjectName(QStringLiteral("indexName") + n);
        r.pk->setObjectName(QStringLiteral("indexPartitionKey") + n);
        r.pkType->setObjectName(QStringLiteral("indexPartitionType") + n);
        r.skType->setObjectName(QStringLiteral("indexSortType") + n);
        r.hasSort->setObjectName(QStringLiteral("indexHasSortKey") + n);
        r.sk->setObjectName(QStringLiteral("indexSortKey") + n);
        r.projection->setObjectName(QStringLiteral("indexProjection") + n);
        r.nonKey->setObjectName(QStringLiteral("indexNonKey") + n);
        r.morePk->setRow(i);
        r.moreSk->setRow(i);
    }
}

void IndexEditor::updateRow(const Row& row) {
    const bool local = row.kind->currentData().toBool();
    // An LSI shares the table's partition key and always has a sort key of its own.
    row.pk->setEnabled(!local);
    row.pkType->setEnabled(!local);
    if (local) {
        const QSignalBlocker block(row.pk);
        row.pk->setText(m_tablePk);
        row.pkType->setCurrentIndex(std::max(0, row.pkType->findData(m_tablePkType)));
        row.hasSort->setChecked(true);
    }
    row.hasSort->setEnabled(!local);
    row.sk->setEnabled(row.hasSort->isChecked());
    row.skType->setEnabled(row.hasSort->isChecked());
    // Only a GSI's key may have more attributes; an LSI's is the table's HASH + one RANGE.
    row.morePk->setVisible(!local);
    row.moreSk->setVisible(!local);
    row.moreSk->setEnabled(row.hasSort->isChecked());
    const bool include = row.projection->currentData().toString() == QLatin1String("INCLUDE");
    row.nonKey->setEnabled(include);
    row.nonKey->setVisible(include);
}

void IndexEditor::setTablePartitionKey(const QString& name, const QString& type) {
    m_tablePk = name;
    m_tablePkType = type;
    for (const Row& row : m_rows)
        if (row.kind->currentData().toBool()) updateRow(row);
}

void IndexEditor::setIndex(int row, const IndexSpec& index) {
    if (row < 0 || row >= count()) return;
    const Row& r = m_rows[row];
    r.kind->setCurrentIndex(index.local ? 1 : 0);
    r.name->setText(index.name);
    if (!index.local) {
        r.pk->setText(index.partitionKey);
        r.pkType->setCurrentIndex(std::max(0, r.pkType->findData(index.partitionType)));
        r.hasSort->setChecked(index.hasSortKey);
    }
    r.morePk->setAttributes(index.local ? IndexSpec::KeyAttributes{} : index.morePartitionKeys);
    r.moreSk->setAttributes(index.local ? IndexSpec::KeyAttributes{} : index.moreSortKeys);
    r.sk->setText(index.sortKey);
    r.skType->setCurrentIndex(std::max(0, r.skType->findData(index.sortType)));
    r.projection->setCurrentIndex(std::max(0, r.projection->findData(index.projection)));
    r.nonKey->setText(index.nonKeyAttributes.join(QStringLiteral(", ")));
}

QList<IndexSpec> IndexEditor::indexes() const {
    QList<IndexSpec> list;
    for (const Row& r : m_rows) {
        IndexSpec s;
        s.local = r.kind->currentData().toBool();
        s.name = r.name->text().trimmed();
        s.partitionKey = s.local ? m_tablePk : r.pk->text();
        s.partitionType = s.local ? m_tablePkType : r.pkType->currentData().toString();
        s.hasSortKey = s.local || r.hasSort->isChecked();
        s.sortKey = s.hasSortKey ? r.sk->text() : QString();
        s.sortType = r.skType->currentData().toString();
        if (!s.local) {
            s.morePartitionKeys = r.morePk->attributes();
            if (s.hasSortKey) s.moreSortKeys = r.moreSk->attributes();
        }
        s.projection = r.projection->currentData().toString();
        if (s.projection == QLatin1String("INCLUDE"))
            for (const QString& a : r.nonKey->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!a.trimmed().isEmpty()) s.nonKeyAttributes << a.trimmed();
        list << s;
    }
    return list;
}
