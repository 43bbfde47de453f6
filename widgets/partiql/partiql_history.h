#pragma once

// The statements run in the PartiQL tab this session, newest first, those that failed
// too (marked, with their error). It lives with the bridge (common/bridge_owned.h), so a
// window rebuilt for another language lists the same statements; so does the text left
// in the editor and the parameters box (the draft).

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>

class PartiqlHistory final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PartiqlHistory)

public:
    enum Role { StatementRole = Qt::UserRole, ParametersRole, RegionRole, FailedRole, ErrorRole };
    static constexpr int kMaxEntries = 200;

    struct Entry {
        QString statement;
        QString parameters;  // the JSON list sent as Parameters, or empty
        QString region;
        QString error;  // "ExceptionName: message", empty when it ran
        QDateTime time;
    };

    explicit PartiqlHistory(QObject* parent = nullptr);

    // Puts a statement at the top. Running the newest statement again with the same
    // parameters in the same region replaces its entry instead of repeating it. Beyond
    // kMaxEntries the oldest go.
    void add(const QString& statement, const QString& parameters, const QString& region,
             const QString& error);
    const Entry& entry(int row) const { return m_entries.at(row); }

    QString draft() const { return m_draft; }
    void setDraft(const QString& text) { m_draft = text; }
    QString draftParameters() const { return m_draftParameters; }
    void setDraftParameters(const QString& text) { m_draftParameters = text; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QList<Entry> m_entries;  // newest first
    QString m_draft;
    QString m_draftParameters;
};
