#include "tables/create_index_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "common/engine_bridge.h"
#include "tables/index_editor.h"
#include "tables/index_request.h"

CreateIndexDialog::CreateIndexDialog(EngineBridge& bridge, const QString& region,
                                     const tablespan::Json& table, QWidget* parent)
    : QDialog(parent),
      m_bridge(bridge),
      m_region(region),
      m_table(tableSpecOf(table)),
      m_editor(new IndexEditor(IndexEditor::Mode::SingleGlobal, this)),
      m_error(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(QStringLiteral("createIndexDialog"));
    setWindowTitle(tr("Create index on %1").arg(m_table.name));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Adds a global secondary index to table %1 in %2. The table stays available while "
           "the index is backfilled from its items; the index can be queried once it is "
           "Active.")
            .arg(m_table.name, region),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(m_editor);
    connect(m_editor, &IndexEditor::changed, this, &CreateIndexDialog::revalidate);

    if (!m_table.onDemand) {
        // As the AWS console proposes: the table's own throughput.
        auto* box = new QGroupBox(tr("Index capacity (provisioned)"), this);
        auto* form = new QFormLayout(box);
        m_rcu = new QSpinBox(box);
        m_rcu->setObjectName(QStringLiteral("indexReadCapacity"));
        m_wcu = new QSpinBox(box);
        m_wcu->setObjectName(QStringLiteral("indexWriteCapacity"));
        for (auto [spin, value] :
             {std::pair{m_rcu, m_table.readCapacity}, std::pair{m_wcu, m_table.writeCapacity}}) {
            spin->setRange(1, 40'000);
            spin->setValue(value);
        }
        form->addRow(tr("Read capacity units"), m_rcu);
        form->addRow(tr("Write capacity units"), m_wcu);
        layout->addWidget(box);
    }

    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    layout->addWidget(m_error);
    layout->addStretch();
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create index"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CreateIndexDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CreateIndexDialog::reject);
    layout->addWidget(m_buttons);
    revalidate();
}

IndexSpec CreateIndexDialog::index() const {
    return m_editor->indexes().value(0);
}

CreateTableSpec CreateIndexDialog::spec() const {
    CreateTableSpec s = m_table;
    if (m_rcu) s.readCapacity = m_rcu->value();
    if (m_wcu) s.writeCapacity = m_wcu->value();
    s.indexes.prepend(index());
    return s;
}

QString CreateIndexDialog::errorText() const {
    return m_error->text();
}

void CreateIndexDialog::showError(const QString& text, const QString& detail) {
    m_error->setStyleSheet(QStringLiteral("color: #d13212;"));
    m_error->setText(text);
    m_error->setToolTip(detail);
}

void CreateIndexDialog::revalidate() {
    QList<SpecProblem> problems;
    validateIndexes(spec(), problems);
    // Empty required fields are not shouted at before the user typed anything.
    const IndexSpec typed = index();
    const bool pristine = typed.name.isEmpty() && typed.partitionKey.isEmpty();
    QStringList shown;
    if (!pristine)
        for (const auto& p : problems) shown << p.message;
    showError(shown.join(QLatin1Char('\n')));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problems.isEmpty() && !m_busy);
}

void CreateIndexDialog::accept() {
    QList<SpecProblem> problems;
    const CreateTableSpec s = spec();
    validateIndexes(s, problems);
    if (!problems.isEmpty() || m_busy) return;
    m_busy = true;
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_error->setStyleSheet(QString());
    m_error->setText(tr("Creating index…"));
    const IndexSpec created = s.indexes.first();
    m_bridge.call(this, m_region, QStringLiteral("UpdateTable"), createIndexRequest(s, created),
                  [this, name = created.name](const tablespan::Result& r) {
                      m_busy = false;
                      if (r.ok()) {
                          emit indexCreated(m_table.name, name);
                          QDialog::accept();
                          return;
                      }
                      // The service's own words are a tooltip away, for those who look
                      // them up.
                      showError(tr("The index was not created: %1").arg(indexErrorText(r)),
                                EngineBridge::errorText(r));
                      m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
                  });
}
