#pragma once

// The UpdateTable requests that add a GSI to an existing table or delete one, and an
// existing table read back as a CreateTableSpec, so that a new index is checked against
// the table's keys and indexes with the same rules as in the create-table dialog.

#include <QString>

#include "tables/create_table_request.h"
#include "tablespan/engine.h"

// The table's name, keys, capacity mode and throughput, and its indexes, from a
// DescribeTable `Table` object. Settings the index rules do not need are left default.
CreateTableSpec tableSpecOf(const tablespan::Json& table);

// UpdateTable with GlobalSecondaryIndexUpdates [{Create: …}] for `index` (a GSI) and the
// AttributeDefinitions of its keys. `table` gives the name and, when provisioned
// (`onDemand` false), the index's throughput from readCapacity/writeCapacity.
tablespan::Json createIndexRequest(const CreateTableSpec& table, const IndexSpec& index);

// UpdateTable with GlobalSecondaryIndexUpdates [{Delete: {IndexName}}].
tablespan::Json deleteIndexRequest(const QString& table, const QString& index);

// The engine's refusal of an index update in the console's words: the one-at-a-time limit
// and a key attribute redefined are explained; other errors keep the service's message.
QString indexErrorText(const tablespan::Result& result);
