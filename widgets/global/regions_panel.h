#pragma once

// The Regions & network panel (a dock): every region with an online switch, the matrix
// of links between the regions that have tables with each link's current latency, a
// per-link latency override and cut, and the engine's time scale. While the console shows
// a remote region, a sentence at the top says that this simulation is the embedded
// regions' only.

#include <optional>
#include <utility>

#include <QDockWidget>
#include <QHash>

class EngineBridge;
class LinkMatrixModel;
class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableView;
class QTimer;
class RegionsModel;

class RegionsPanel final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RegionsPanel)

public:
    explicit RegionsPanel(EngineBridge& bridge, QWidget* parent = nullptr);

    RegionsModel* regionsModel() const { return m_regions; }
    LinkMatrixModel* linkModel() const { return m_links; }
    QTableView* regionsView() const { return m_regionsView; }
    QTableView* linksView() const { return m_linksView; }

    void setRegionOnline(const QString& region, bool online);
    // Selects the link a–b in the matrix (the editors below act on it).
    void selectLink(const QString& a, const QString& b);
    void setLinkCut(bool cut);
    // nullopt restores the latency model.
    void setLinkOverride(std::optional<int> ms);
    void setTimeScale(double scale);
    double timeScale() const;
    // The sentence about a remote region shown at the top, or "".
    QString remoteNoteText() const;

signals:
    // The engine's time scale was changed in the panel.
    void timeScaleChanged(double scale);

public slots:
    // The region the console shows: a remote one gets the sentence.
    void setRegion(const QString& region);
    // Asks every region for its tables (ListTables); the matrix shows those that have some.
    void discoverRegions();

private:
    void updateLinkEditor();
    std::pair<QString, QString> selectedLink() const;

    EngineBridge& m_bridge;
    RegionsModel* m_regions;
    LinkMatrixModel* m_links;
    QTableView* m_regionsView;
    QTableView* m_linksView;
    QLabel* m_linkTitle;
    QLabel* m_remoteNote;
    QCheckBox* m_cut;
    QCheckBox* m_override;
    QSpinBox* m_latency;
    QDoubleSpinBox* m_scale;
    QTimer* m_discover;
    QHash<QString, int> m_tableCounts;
    bool m_updating = false;
};
