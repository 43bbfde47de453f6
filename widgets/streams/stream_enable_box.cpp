#include "streams/stream_enable_box.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

StreamEnableBox::StreamEnableBox(QWidget* parent)
    : QFrame(parent),
      m_message(new QLabel(this)),
      m_viewType(new QComboBox(this)),
      m_enable(new QPushButton(tr("Enable stream"), this)) {
    setObjectName(QStringLiteral("streamsEnableBox"));
    setFrameShape(QFrame::StyledPanel);
    m_message->setObjectName(QStringLiteral("streamsEnableMessage"));
    m_message->setWordWrap(true);
    m_viewType->setObjectName(QStringLiteral("streamsViewType"));
    m_enable->setObjectName(QStringLiteral("streamsEnable"));
    for (auto [type, text] :
         {std::pair{"NEW_AND_OLD_IMAGES", tr("New and old images")},
          std::pair{"NEW_IMAGE", tr("New image")}, std::pair{"OLD_IMAGE", tr("Old image")},
          std::pair{"KEYS_ONLY", tr("Keys only")}})
        m_viewType->addItem(text, QString::fromLatin1(type));
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("View type:"), this));
    row->addWidget(m_viewType);
    row->addWidget(m_enable);
    row->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(row);
    connect(m_enable, &QPushButton::clicked, this, [this] { emit enableRequested(viewType()); });
}

void StreamEnableBox::setTable(const QString& table, bool hasOldStreams) {
    m_message->setText(
        hasOldStreams
            ? tr("The stream of %1 is turned off: its writes are not recorded. The streams "
                 "below stay readable for 24 hours after they were turned off. Enable a new "
                 "stream to record changes again.")
                  .arg(table)
            : tr("%1 has no stream. A stream records every change to the table's items for "
                 "24 hours, in order, for consumers such as Lambda triggers. Enable one here "
                 "(or in the table's Settings in the Tables tab).")
                  .arg(table));
}

void StreamEnableBox::setBusy(bool busy) {
    m_enable->setEnabled(!busy);
    m_viewType->setEnabled(!busy);
}

QString StreamEnableBox::viewType() const {
    return m_viewType->currentData().toString();
}

QString StreamEnableBox::messageText() const {
    return m_message->text();
}
