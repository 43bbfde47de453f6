#pragma once

// The toolbar's region selector, as in the AWS console: "US West (Oregon) us-west-2".

#include <QComboBox>

class RegionSelector final : public QComboBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionSelector)

public:
    explicit RegionSelector(QWidget* parent = nullptr);
    QString region() const;
    void setRegion(const QString& code);

signals:
    void regionChanged(const QString& code);
};
