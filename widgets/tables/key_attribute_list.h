#pragma once

// The extra attributes of one part (partition or sort) of a GSI's multi-attribute key in
// the index editor: a line per attribute after the first (name, type, remove) and an
// "Add … attribute" button, disabled once the key has its most attributes. It only
// collects; validateIndexes() judges.

#include <QList>
#include <QWidget>

#include "tables/index_spec.h"

class QComboBox;
class QLineEdit;
class QPushButton;
class QVBoxLayout;

class KeyAttributeList final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyAttributeList)

public:
    enum class Kind { Partition, Sort };
    explicit KeyAttributeList(Kind kind, QWidget* parent = nullptr);

    // The attributes after the first, in key order, as (name, type).
    IndexSpec::KeyAttributes attributes() const;
    // Replaces the lines (as if typed); more than the key allows are shown too, so that
    // the editor's message can say so.
    void setAttributes(const IndexSpec::KeyAttributes& attributes);
    int count() const { return static_cast<int>(m_lines.size()); }
    // Adds an empty line and focuses it; returns its position.
    int addAttribute();
    void removeAttribute(int position);
    // Object names for tests: <prefix>Key<row>_<n> and <prefix>Type<row>_<n>, n being the
    // attribute's position in the key (the first, outside this list, is 0).
    void setRow(int row);

signals:
    void changed();

private:
    struct Line {
        QWidget* box;
        QLineEdit* name;
        QComboBox* type;
    };
    int addLine(const QString& name, const QString& type);
    void update();

    Kind m_kind;
    QVBoxLayout* m_linesLayout;
    QList<Line> m_lines;
    QPushButton* m_add;
    int m_row = 0;
};
