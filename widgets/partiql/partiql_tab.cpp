#include "partiql/partiql_tab.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QShortcut>
#include <QStyle>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

#include "common/bridge_owned.h"
#include "common/engine_bridge.h"
#include "common/view_style.h"
#include "partiql/partiql_editor.h"
#include "partiql/partiql_history.h"
#include "partiql/partiql_results_model.h"
#include "partiql/partiql_statement.h"

using tablespan::Json;

PartiqlTab::PartiqlTab(EngineBridge& bridge, QWidget* parent)
    : QWidget(parent),
      m_bridge(bridge),
      m_history(bridgeOwned<PartiqlHistory>(bridge, QStringLiteral("partiqlHistory"),
                                            [&bridge] { return new PartiqlHistory(&bridge); })),
      m_editor(new PartiqlEditor(this)),
      m_run(new QPushButton(tr("Run"), this)),
      m_limit(new QSpinBox(this)),
      m_parameters(new QLineEdit(this)),
      m_error(new QLabel(this)),
      m_historyView(new QTreeView(this)),
      m_results(new PartiqlResultsModel(this)),
      m_status(new QLabel(this)),
      m_tableButton(new QRadioButton(tr("Table"), this)),
      m_jsonButton(new QRadioButton(tr("DynamoDB JSON"), this)),
      m_loadMore(new QPushButton(tr("Load more"), this)),
      m_stack(new QStackedWidget(this)),
      m_view(new QTableView(this)),
      m_json(new QPlainTextEdit(this)) {
    setObjectName(QStringLiteral("partiqlTab"));

    // The editor, Run and the limit, the error.
    setTable({});
    m_editor->setPlainText(m_history->draft());
    m_parameters->setText(m_history->draftParameters());
    m_editor->moveCursor(QTextCursor::End);
    // Said "Ctrl+Enter" (the keypad's key name), as the AWS console says it; either Enter
    // key runs.
    const QString runKeys =
        QKeySequence(Qt::CTRL | Qt::Key_Enter).toString(QKeySequence::NativeText);
    m_run->setObjectName(QStringLiteral("partiqlRun"));
    m_run->setDefault(true);
    m_run->setToolTip(tr("Run the statement (%1)").arg(runKeys));
    m_limit->setObjectName(QStringLiteral("partiqlLimit"));
    m_limit->setRange(0, 1000);
    m_limit->setSpecialValueText(tr("None"));
    m_limit->setToolTip(tr("The most items the statement reads per page (Limit)."));
    m_parameters->setObjectName(QStringLiteral("partiqlParameters"));
    m_parameters->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_parameters->setPlaceholderText(QStringLiteral("[{\"S\": \"Ada\"}, {\"N\": \"100\"}]"));
    m_parameters->setToolTip(
        tr("The values of the statement's ? placeholders, in order: a JSON list of DynamoDB "
           "values (Parameters)."));
    auto* hint = new QLabel(tr("%1 runs the statement").arg(runKeys), this);
    hint->setObjectName(QStringLiteral("partiqlHint"));
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* heading = new QHBoxLayout;
    heading->addWidget(new QLabel(tr("Statement:"), this));
    heading->addStretch();
    heading->addWidget(hint);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addSpacing(12);
    buttons->addWidget(new QLabel(tr("Limit:"), this));
    buttons->addWidget(m_limit);
    buttons->addSpacing(12);
    buttons->addWidget(new QLabel(tr("Parameters:"), this));
    buttons->addWidget(m_parameters, 1);
    ViewStyle::inlineError(m_error, QStringLiteral("partiqlError"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* editorArea = new QWidget(this);
    auto* editorLayout = new QVBoxLayout(editorArea);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addLayout(heading);
    editorLayout->addWidget(m_editor, 1);
    editorLayout->addLayout(buttons);
    editorLayout->addWidget(m_error);

    // This session's statements.
    m_historyView->setObjectName(QStringLiteral("partiqlHistory"));
    // A one-column tree rather than a list: its rows are as wide as the view, so long
    // statements are elided instead of scrolled.
    m_historyView->setModel(m_history);
    m_historyView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_historyView->setHeaderHidden(true);
    m_historyView->setRootIsDecorated(false);
    m_historyView->setUniformRowHeights(true);
    m_historyView->setTextElideMode(Qt::ElideRight);
    m_historyView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const int iconSize = m_historyView->style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_historyView->setIconSize(QSize(iconSize, iconSize));
    auto* historyBox = new QGroupBox(tr("History"), this);
    auto* historyLayout = new QVBoxLayout(historyBox);
    historyLayout->addWidget(m_historyView);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->setObjectName(QStringLiteral("partiqlTopSplit"));
    top->addWidget(editorArea);
    top->addWidget(historyBox);
    top->setStretchFactor(0, 5);
    top->setStretchFactor(1, 2);
    top->setChildrenCollapsible(false);

    // The results: a table or DynamoDB JSON, and further pages.
    m_status->setObjectName(QStringLiteral("partiqlStatus"));
    m_status->setWordWrap(true);
    m_tableButton->setObjectName(QStringLiteral("partiqlShowTable"));
    m_jsonButton->setObjectName(QStringLiteral("partiqlShowJson"));
    auto* views = new QButtonGroup(this);
    views->addButton(m_tableButton);
    views->addButton(m_jsonButton);
    m_tableButton->setChecked(true);
    m_loadMore->setObjectName(QStringLiteral("partiqlLoadMore"));
    m_loadMore->setEnabled(false);
    auto* resultsBar = new QHBoxLayout;
    resultsBar->addWidget(m_status, 1);
    resultsBar->addWidget(new QLabel(tr("Show as:"), this));
    resultsBar->addWidget(m_tableButton);
    resultsBar->addWidget(m_jsonButton);
    resultsBar->addSpacing(12);
    resultsBar->addWidget(m_loadMore);
    m_view->setModel(m_results);
    ViewStyle::rowList(m_view, QStringLiteral("partiqlResults"));
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_json->setObjectName(QStringLiteral("partiqlJson"));
    m_json->setReadOnly(true);
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_json);
    auto* resultsBox = new QGroupBox(tr("Results"), this);
    auto* resultsLayout = new QVBoxLayout(resultsBox);
    resultsLayout->addLayout(resultsBar);
    resultsLayout->addWidget(m_stack, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("partiqlSplit"));
    split->addWidget(top);
    split->addWidget(resultsBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(split);

    // Ctrl+Enter anywhere in the tab (the editor takes it itself while it has focus).
    for (auto key : {Qt::Key_Return, Qt::Key_Enter}) {
        auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | key), this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &PartiqlTab::run);
    }
    connect(m_editor, &PartiqlEditor::runRequested, this, &PartiqlTab::run);
    connect(m_run, &QPushButton::clicked, this, &PartiqlTab::run);
    connect(m_loadMore, &QPushButton::clicked, this, &PartiqlTab::loadMore);
    connect(m_jsonButton, &QRadioButton::toggled, this, &PartiqlTab::setJsonShown);
    connect(m_editor, &QPlainTextEdit::textChanged, this,
            [this] { m_history->setDraft(m_editor->toPlainText()); });
    connect(m_parameters, &QLineEdit::textChanged, m_history, &PartiqlHistory::setDraftParameters);
    for (auto signal : {&QAbstractItemView::clicked, &QAbstractItemView::activated})
        connect(m_historyView, signal, this, [this](const QModelIndex& i) { restore(i.row()); });
    updateStatus();
}

QString PartiqlTab::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

QString PartiqlTab::statusText() const {
    return m_status->text();
}

bool PartiqlTab::isJsonShown() const {
    return m_stack->currentWidget() == m_json;
}

void PartiqlTab::setRegion(const QString& region) {
    m_region = region;
}

void PartiqlTab::setTable(const QString& table) {
    const QString name = table.isEmpty() ? QStringLiteral("orders") : table;
    m_editor->setPlaceholderText(
        tr("Enter a PartiQL statement, for example:\nSELECT * FROM \"%1\"").arg(name));
}

void PartiqlTab::run() {
    if (m_running) return;
    // Sent as written, so that the lines and columns of an error are the editor's.
    const QString sent = m_editor->toPlainText();
    if (sent.trimmed().isEmpty()) {
        showError(tr("Enter a statement to run."));
        return;
    }
    Json request = {{"Statement", sent.toStdString()}};
    const QString parametersText = m_parameters->text().trimmed();
    if (!parametersText.isEmpty()) {
        // The values themselves are the engine's to check, as the service checks them.
        const Json parameters = Json::parse(parametersText.toStdString(), nullptr, false);
        if (!parameters.is_array()) {
            showError(
                tr("The parameters must be a JSON list of DynamoDB values, such as "
                   "[{\"S\": \"Ada\"}, {\"N\": \"100\"}]."));
            m_parameters->setFocus();
            return;
        }
        request["Parameters"] = parameters;
    }
    if (m_limit->value() > 0) request["Limit"] = m_limit->value();
    m_sent = sent;
    m_statement = sent.trimmed();
    m_sentParameters = parametersText;
    m_runRegion = m_region;
    m_request = std::move(request);
    m_nextToken.clear();
    m_ran = false;
    m_results->clear(PartiqlStatement::projection(m_statement));
    updateJson();
    send(m_request, false);
}

void PartiqlTab::loadMore() {
    if (m_running || m_nextToken.isEmpty()) return;
    Json request = m_request;
    request["NextToken"] = m_nextToken.toStdString();
    send(request, true);
}

void PartiqlTab::send(Json request, bool more) {
    const int generation = ++m_generation;
    showError({});
    m_editor->clearErrorMark();
    setRunning(true);
    m_bridge.call(this, m_runRegion, QStringLiteral("ExecuteStatement"), std::move(request),
                  [this, generation, more](const tablespan::Result& result) {
                      if (generation != m_generation) return;
                      showAnswer(result, more);
                  });
}

void PartiqlTab::showAnswer(const tablespan::Result& result, bool more) {
    setRunning(false);
    if (!result.ok()) {
        const QString text = EngineBridge::errorText(result);
        showError(text);
        if (!more) {
            m_history->add(m_statement, m_sentParameters, m_runRegion, text);
            // The message names a place in the statement: show it there, unless the
            // statement was edited meanwhile.
            const auto [line, column] =
                PartiqlEditor::positionIn(QString::fromStdString(result.error->message));
            if (line > 0 && m_editor->toPlainText() == m_sent) {
                m_editor->markError(line, column);
                m_editor->setFocus();
            }
        }
        updateStatus();
        emit finished(false);
        return;
    }
    const Json& body = result.body;
    const auto items = body.find("Items");
    if (items != body.end()) m_results->append(*items);
    const auto token = body.find("NextToken");
    m_nextToken = token != body.end() && token->is_string()
                      ? QString::fromStdString(token->get<std::string>())
                      : QString();
    m_ran = true;
    if (!more) m_history->add(m_statement, m_sentParameters, m_runRegion, {});
    updateJson();
    updateStatus();
    if (PartiqlStatement::isWrite(m_statement)) emit message(m_status->text());
    emit finished(true);
}

void PartiqlTab::showError(const QString& text) {
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void PartiqlTab::setRunning(bool running) {
    m_running = running;
    m_run->setEnabled(!running);
    updateStatus();
}

void PartiqlTab::updateStatus() {
    m_loadMore->setEnabled(!m_running && !m_nextToken.isEmpty());
    if (m_running) {
        m_status->setText(tr("Running in %1…").arg(EngineBridge::regionName(m_runRegion)));
        return;
    }
    if (!m_ran) {
        m_status->setText(tr("Run a statement to see the items it returns."));
        return;
    }
    const QString count = QLocale().toString(m_results->rowCount());
    const QString region = EngineBridge::regionName(m_runRegion);
    QString text = PartiqlStatement::isWrite(m_statement)
                       ? tr("Statement ran in %1. Items returned: %2.").arg(region, count)
                       : tr("Ran in %1. Items returned: %2.").arg(region, count);
    if (!m_nextToken.isEmpty()) text += QLatin1Char(' ') + tr("More items wait: Load more.");
    m_status->setText(text);
}

void PartiqlTab::setJsonShown(bool json) {
    if (m_jsonButton->isChecked() != json) m_jsonButton->setChecked(json);
    if (m_tableButton->isChecked() == json) m_tableButton->setChecked(!json);
    m_stack->setCurrentWidget(json ? static_cast<QWidget*>(m_json) : m_view);
    if (json && m_jsonStale) updateJson();
}

void PartiqlTab::updateJson() {
    // Written when shown: a long result's JSON is not built for nothing.
    if (!isJsonShown()) {
        m_jsonStale = true;
        return;
    }
    m_jsonStale = false;
    m_json->setPlainText(m_results->rowCount() ? m_results->jsonText() : QString());
}

void PartiqlTab::restore(int row) {
    if (row < 0 || row >= m_history->rowCount()) return;
    m_editor->setPlainText(m_history->entry(row).statement);
    m_parameters->setText(m_history->entry(row).parameters);
    m_editor->moveCursor(QTextCursor::End);
    m_editor->setFocus();
}
