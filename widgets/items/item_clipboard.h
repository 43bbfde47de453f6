#pragma once

// Items as the clipboard holds them: one item as a JSON object, several as a JSON array
// of objects, in DynamoDB JSON ({"n": {"N": "1"}}) or plain JSON ({"n": 1}).

#include <QList>
#include <QString>

#include "tablespan/engine.h"

namespace ItemClipboard {
enum class Format { Dynamo, Plain };

// The text of `items` in `format`; empty for no items.
QString text(const QList<tablespan::Json>& items, Format format);
// Puts that text on the system clipboard (nothing for no items).
void copy(const QList<tablespan::Json>& items, Format format);
}  // namespace ItemClipboard
