#include "tables/key_attribute_list.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "common/icons.h"
#include "tables/index_editor.h"

KeyAttributeList::KeyAttributeList(Kind kind, QWidget* parent) : QWidget(parent), m_kind(kind) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_linesLayout = new QVBoxLayout;
    m_linesLayout->setContentsMargins(0, 0, 0, 0);
    m_linesLayout->setSpacing(4);
    layout->addLayout(m_linesLayout);
    m_add = new QPushButton(
        icon(QStringLiteral("add")),
        kind == Kind::Partition ? tr("Add partition key attribute") : tr("Add sort key attribute"),
        this);
    m_add->setFlat(true);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->addWidget(m_add);
    buttonRow->addStretch();
    layout->addLayout(buttonRow);
    connect(m_add, &QPushButton::clicked, this, [this] { addAttribute(); });
    setRow(0);
    update();
}

IndexSpec::KeyAttributes KeyAttributeList::attributes() const {
    IndexSpec::KeyAttributes list;
    for (const Line& line : m_lines)
        list.append({line.name->text().trimmed(), line.type->currentData().toString()});
    return list;
}

void KeyAttributeList::setAttributes(const IndexSpec::KeyAttributes& attributes) {
    while (!m_lines.isEmpty()) removeAttribute(count() - 1);
    for (const auto& [name, type] : attributes) addLine(name, type);
    emit changed();
}

int KeyAttributeList::addAttribute() {
    const int position = addLine({}, QStringLiteral("S"));
    m_lines[position].name->setFocus();
    emit changed();
    return position;
}

int KeyAttributeList::addLine(const QString& name, const QString& type) {
    Line line;
    line.box = new QWidget(this);
    auto* layout = new QHBoxLayout(line.box);
    layout->setContentsMargins(0, 0, 0, 0);
    line.name = new QLineEdit(name, line.box);
    line.name->setPlaceholderText(m_kind == Kind::Partition ? tr("partition key attribute")
                                                            : tr("sort key attribute"));
    line.type = new QComboBox(line.box);
    line.type->addItem(IndexEditor::tr("String"), QStringLiteral("S"));
    line.type->addItem(IndexEditor::tr("Number"), QStringLiteral("N"));
    line.type->addItem(IndexEditor::tr("Binary"), QStringLiteral("B"));
    line.type->setCurrentIndex(std::max(0, line.type->findData(type)));
    auto* remove = new QToolButton(line.box);
    remove->setIcon(icon(QStringLiteral("delete")));
    remove->setToolTip(tr("Remove this key attribute"));
    layout->addWidget(line.name, 1);
    layout->addWidget(line.type);
    layout->addWidget(remove);
    m_linesLayout->addWidget(line.box);
    m_lines << line;
    connect(line.name, &QLineEdit::textChanged, this, &KeyAttributeList::changed);
    connect(line.type, &QComboBox::currentIndexChanged, this, &KeyAttributeList::changed);
    connect(remove, &QToolButton::clicked, this, [this, box = line.box] {
        for (int i = 0; i < count(); ++i)
            if (m_lines[i].box == box) {
                removeAttribute(i);
                emit changed();
                return;
            }
    });
    setRow(m_row);
    update();
    return count() - 1;
}

void KeyAttributeList::removeAttribute(int position) {
    if (position < 0 || position >= count()) return;
    const Line line = m_lines.takeAt(position);
    // Its names go with it at once: the lines left take them over.
    line.name->setObjectName(QString());
    line.type->setObjectName(QString());
    QWidget* box = line.box;
    m_linesLayout->removeWidget(box);
    box->hide();
    box->deleteLater();  // it may be the sender of the click that removes it
    setRow(m_row);
    update();
}

void KeyAttributeList::setRow(int row) {
    m_row = row;
    const QString prefix =
        m_kind == Kind::Partition ? QStringLiteral("indexPartition") : QStringLiteral("indexSort");
    m_add->setObjectName(m_kind == Kind::Partition
                             ? QStringLiteral("addPartitionAttribute%1").arg(row)
                             : QStringLiteral("addSortAttribute%1").arg(row));
    for (int i = 0; i < count(); ++i) {
        const QString suffix = QStringLiteral("%1_%2").arg(row).arg(i + 1);
        m_lines[i].name->setObjectName(prefix + QStringLiteral("Key") + suffix);
        m_lines[i].type->setObjectName(prefix + QStringLiteral("Type") + suffix);
    }
}

void KeyAttributeList::update() {
    // The first attribute is outside this list.
    const bool full = count() + 1 >= IndexSpec::kMaxKeyAttributes;
    m_add->setEnabled(!full);
    m_add->setToolTip(
        full ? (m_kind == Kind::Partition ? tr("A partition key has at most %1 attributes.")
                                          : tr("A sort key has at most %1 attributes."))
                   .arg(IndexSpec::kMaxKeyAttributes)
             : (m_kind == Kind::Partition
                    ? tr("Partitions by several attributes together, each with its own type; a "
                         "query gives a value for each.")
                    : tr("Sorts by several attributes, left to right; a query gives them in "
                         "order, a range condition on the last one.")));
}
