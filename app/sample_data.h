#pragma once

#include <QObject>

class EngineBridge;

// Seeds an empty data directory with the sample courses table in us-west-2: creates the
// table through the engine API and, once it is ACTIVE, writes the sample items.
class SampleData final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SampleData)

public:
    explicit SampleData(EngineBridge& bridge, QObject* parent = nullptr);
    // Starts seeding when the region has no tables yet.
    void seedIfEmpty();

signals:
    void finished(const QString& error);

private:
    void writeItems();
    EngineBridge& m_bridge;
};
