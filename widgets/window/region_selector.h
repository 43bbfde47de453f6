#pragma once

// The toolbar's region selector, as in the AWS console: "US West (Oregon) us-west-2".
// Below the embedded regions it lists the regions of remote connections, marked with
// their connection ("lab: US East (N. Virginia) us-east-1"); their data is
// "<code>@<connection>".

#include <QComboBox>
#include <QMap>
#include <QStringList>

class RegionSelector final : public QComboBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionSelector)

public:
    explicit RegionSelector(QWidget* parent = nullptr);
    QString region() const;
    void setRegion(const QString& code);
    // Connection name → region codes. A selected remote region that is gone falls back to
    // the first embedded region.
    void setConnections(const QMap<QString, QStringList>& connections);

signals:
    void regionChanged(const QString& code);

private:
    int m_embeddedCount = 0;
};
