#pragma once

// A table's tags as a list of key/value rows to add to, change and remove from, saved
// with UntagResource (the keys removed) then TagResource (the keys added or changed).
//
// The service lags: ListTagsOfResource shows the previous set for about two seconds
// after a change, and refuses a second change within 1.5 s of the last. So the editor
// shows the set it saved (not a stale list), and when the second of the two requests is
// refused, it says so and keeps the unsaved rows for another Save.

#include <QHash>
#include <QWidget>

#include "tablespan/engine.h"

class EngineBridge;
class QLabel;
class QPushButton;
class QTableWidget;

class TableTagsEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TableTagsEditor)

public:
    enum Column { Key, Value, NB_COLUMNS };

    explicit TableTagsEditor(EngineBridge& bridge, QWidget* parent = nullptr);

    // Shows the tags of the table with ARN `arn` in `region` (empty: none). Loads them
    // when the table changes.
    void setTable(const QString& region, const QString& arn);
    QTableWidget* list() const { return m_list; }
    // The rows as they are now, as a Tags array ({Key, Value} objects).
    tablespan::Json rows() const;
    // The set in force as far as the editor knows (loaded or saved).
    tablespan::Json saved() const { return m_saved; }
    QString errorText() const;

public slots:
    void addRow();
    void removeSelected();
    // Saves the rows: does nothing when they are the saved set.
    void save();
    void revert();

signals:
    // The set in force for `arn`: loaded, or just saved.
    void tagsKnown(const QString& arn, const tablespan::Json& tags);

private:
    void load();
    void showRows(const tablespan::Json& tags);
    void setSaved(const tablespan::Json& tags);
    void sendTags(const tablespan::Json& upserts);
    // `partly`: an earlier request of the same Save went through.
    void finish(const tablespan::Result& r, bool partly);
    void updateEnabled();
    void showError(const QString& text);
    void showNote(const QString& text);

    EngineBridge& m_bridge;
    QString m_region;
    QString m_arn;
    tablespan::Json m_saved = tablespan::Json::array();
    // What this editor saved, per ARN, with the engine time: ListTagsOfResource serves
    // the previous set for a while after.
    struct Recent {
        qint64 atMs = 0;
        tablespan::Json tags;
    };
    QHash<QString, Recent> m_recent;
    QTableWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_save;
    QPushButton* m_revert;
    QLabel* m_error;
    QLabel* m_note;
    int m_generation = 0;  // drops answers for a table no longer shown
    bool m_loading = false;
    bool m_busy = false;
};
