#include "items/item_form.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "items/item_json.h"
#include "items/query_builder.h"

using tablespan::Json;

namespace {
const QStringList kTypes = {QStringLiteral("S"),    QStringLiteral("N"),    QStringLiteral("B"),
                            QStringLiteral("BOOL"), QStringLiteral("NULL"), QStringLiteral("M"),
                            QStringLiteral("L"),    QStringLiteral("SS"),   QStringLiteral("NS"),
                            QStringLiteral("BS")};

bool isContainer(const QString& type) {
    return type == QLatin1String("M") || type == QLatin1String("L");
}

// The type column is chosen from the ten DynamoDB types.
class TypeDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&,
                          const QModelIndex&) const override {
        auto* box = new QComboBox(parent);
        box->addItems(kTypes);
        return box;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override {
        static_cast<QComboBox*>(editor)->setCurrentText(index.data().toString());
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override {
        model->setData(index, static_cast<QComboBox*>(editor)->currentText());
    }
};

}  // namespace

ItemForm::ItemForm(QWidget* parent) : QWidget(parent), m_tree(new QTreeWidget(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tree->setObjectName(QStringLiteral("itemForm"));
    m_tree->setHeaderLabels({tr("Attribute name"), tr("Type"), tr("Value")});
    m_tree->setItemDelegateForColumn(Type, new TypeDelegate(m_tree));
    m_tree->setEditTriggers(QAbstractItemView::AllEditTriggers);
    m_tree->header()->setSectionResizeMode(Name, QHeaderView::Interactive);
    m_tree->setColumnWidth(Name, 180);
    m_tree->setColumnWidth(Type, 70);
    layout->addWidget(m_tree, 1);
    auto* buttons = new QHBoxLayout;
    auto* add = new QPushButton(tr("Add attribute"), this);
    auto* child = new QPushButton(tr("Add element"), this);
    child->setToolTip(tr("Adds an element to the selected map or list"));
    auto* remove = new QPushButton(tr("Remove"), this);
    buttons->addWidget(add);
    buttons->addWidget(child);
    buttons->addWidget(remove);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &ItemForm::addAttribute);
    connect(child, &QPushButton::clicked, this, &ItemForm::addChild);
    connect(remove, &QPushButton::clicked, this, &ItemForm::removeCurrent);
    connect(m_tree, &QTreeWidget::itemChanged, this, [](QTreeWidgetItem* row, int column) {
        if (column != Type) return;
        // Containers hold children, not a value; scalars lose their children.
        if (isContainer(row->text(Type)))
            row->setText(Value, QString());
        else
            qDeleteAll(row->takeChildren());
    });
}

QTreeWidgetItem* ItemForm::addRow(QTreeWidgetItem* parent, const QString& name, const Json& value,
                                  bool locked) {
    auto* row = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (!locked) flags |= Qt::ItemIsEditable;
    row->setFlags(flags);
    const QString type = ItemJson::typeOf(value);
    row->setText(Name, name);
    row->setText(Type, type);
    if (locked) row->setToolTip(Name, tr("Key attributes of an existing item cannot change"));
    const Json& inner = value.begin().value();
    if (type == QLatin1String("M")) {
        for (auto it = inner.begin(); it != inner.end(); ++it)
            addRow(row, QString::fromStdString(it.key()), it.value(), false);
    } else if (type == QLatin1String("L")) {
        for (const auto& e : inner) addRow(row, QString(), e, false);
    } else if (type == QLatin1String("SS") || type == QLatin1String("NS") ||
               type == QLatin1String("BS")) {
        row->setText(Value, QString::fromStdString(inner.dump()));
    } else if (type == QLatin1String("BOOL")) {
        row->setText(Value, inner.get<bool>() ? QStringLiteral("true") : QStringLiteral("false"));
    } else if (type != QLatin1String("NULL")) {
        row->setText(Value, QString::fromStdString(inner.get<std::string>()));
    }
    row->setExpanded(true);
    return row;
}

void ItemForm::setItem(const Json& item, const QStringList& lockedNames) {
    m_tree->clear();
    // Key attributes first, in the order given.
    for (const QString& key : lockedNames)
        if (item.contains(key.toStdString())) addRow(nullptr, key, item[key.toStdString()], true);
    for (auto it = item.begin(); it != item.end(); ++it) {
        const QString name = QString::fromStdString(it.key());
        if (!lockedNames.contains(name)) addRow(nullptr, name, it.value(), false);
    }
}

void ItemForm::addAttribute() {
    auto* row = addRow(nullptr, QString(), Json{{"S", ""}}, false);
    m_tree->setCurrentItem(row);
    m_tree->editItem(row, Name);
}

void ItemForm::addChild() {
    QTreeWidgetItem* parent = m_tree->currentItem();
    while (parent && !isContainer(parent->text(Type))) parent = parent->parent();
    if (!parent) return addAttribute();
    auto* row = addRow(parent, QString(), Json{{"S", ""}}, false);
    parent->setExpanded(true);
    m_tree->setCurrentItem(row);
    m_tree->editItem(row, parent->text(Type) == QLatin1String("M") ? Name : Value);
}

void ItemForm::removeCurrent() {
    QTreeWidgetItem* row = m_tree->currentItem();
    if (row && (row->flags() & Qt::ItemIsEditable)) delete row;
}

Json ItemForm::valueOf(const QTreeWidgetItem* row, const QString& path, QString* error) const {
    const QString type = row->text(Type);
    const QString text = row->text(Value);
    if (type == QLatin1String("M")) {
        Json map = Json::object();
        for (int i = 0; i < row->childCount(); ++i) {
            const QString name = row->child(i)->text(Name);
            if (name.isEmpty()) {
                *error = tr("%1: every map entry needs a name.").arg(path);
                return {};
            }
            Json v = valueOf(row->child(i), path + QLatin1Char('.') + name, error);
            if (v.is_null()) return {};
            map[name.toStdString()] = v;
        }
        return {{"M", map}};
    }
    if (type == QLatin1String("L")) {
        Json list = Json::array();
        for (int i = 0; i < row->childCount(); ++i) {
            Json v = valueOf(row->child(i), QStringLiteral("%1[%2]").arg(path).arg(i), error);
            if (v.is_null()) return {};
            list.push_back(v);
        }
        return {{"L", list}};
    }
    if (type == QLatin1String("SS") || type == QLatin1String("NS") || type == QLatin1String("BS")) {
        ItemJson::ParseError e;
        const Json parsed =
            ItemJson::numbersAsText(ItemJson::parseJsonExact(text.toStdString(), &e));
        if (e.isError() || !parsed.is_array()) {
            *error = tr("%1: write a set as a JSON array, e.g. [\"a\", \"b\"].").arg(path);
            return {};
        }
        return {{type.toStdString(), parsed}};
    }
    QString problem;
    Json v = QueryBuilder::typedValue(type, text, &problem);
    if (v.is_null()) *error = tr("%1: %2").arg(path, problem);
    return v;
}

Json ItemForm::item(QString* error) const {
    Json item = Json::object();
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* row = m_tree->topLevelItem(i);
        const QString name = row->text(Name);
        if (name.isEmpty()) {
            *error = tr("Attribute %1 needs a name.").arg(i + 1);
            return {};
        }
        if (item.contains(name.toStdString())) {
            *error = tr("Attribute %1 appears twice.").arg(name);
            return {};
        }
        Json v = valueOf(row, name, error);
        if (v.is_null()) return {};
        item[name.toStdString()] = v;
    }
    if (const QString problem = ItemJson::validateItem(item); !problem.isEmpty()) {
        *error = problem;
        return {};
    }
    return item;
}
