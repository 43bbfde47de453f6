#pragma once

// The table pickers of the Items and Global tables tabs follow the Tables model.

class QComboBox;
class TablesModel;

// Refills `box` with the model's table names, keeping the current choice when it still
// exists (signals blocked). Returns false when the list was already up to date.
bool syncTableBox(QComboBox* box, const TablesModel& tables);
