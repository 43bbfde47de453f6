#include "common/time_chart.h"

#include <cmath>

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QEvent>
#include <QLegend>
#include <QPalette>
#include <QValueAxis>

namespace {
// Re-colours a chart when its view's palette changes (the user switched theme).
class PaletteFollower final : public QObject {
public:
    PaletteFollower(QChartView* view) : QObject(view), m_view(view) {
        view->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == m_view && event->type() == QEvent::PaletteChange)
            TimeChart::applyPalette(m_view->chart(), m_view->palette());
        return false;
    }

private:
    QChartView* m_view;
};

// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
double niceStep(double raw) {
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * power >= raw) return m * power;
    return 10 * power;
}
}  // namespace

namespace TimeChart {

QChart* make(const QString& title, int windowSeconds, QValueAxis*& x, QValueAxis*& y,
             const QString& yTitle, const QString& yLabelFormat) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignRight);
    // Five entries (four operations and errors) fit beside a 140 px chart.
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    chart->legend()->setFont(legendFont);
    chart->setMargins(QMargins(4, 4, 4, 4));
    x = new QValueAxis(chart);
    x->setRange(-windowSeconds, 0);
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTickType(QValueAxis::TicksDynamic);
    x->setTickAnchor(0);
    x->setTickInterval(windowSeconds >= 30 ? 10 : 5);
    x->setTitleText(QCoreApplication::translate("TimeChart", "seconds (engine time)"));
    y = new QValueAxis(chart);
    y->setRange(0, 1);
    if (!yLabelFormat.isEmpty()) y->setLabelFormat(yLabelFormat);
    y->setTitleText(yTitle);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    setNiceRange(y, 0, 1);
    applyPalette(chart, QApplication::palette());
    return chart;
}

QChartView* view(QChart* chart, QWidget* parent, int minimumHeight) {
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(minimumHeight);
    new PaletteFollower(view);
    applyPalette(chart, view->palette());
    return view;
}

void setNiceRange(QValueAxis* y, double max, double floor) {
    const double top = std::max(floor, max * 1.1);
    const double step = niceStep(top / 4);
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(step);
    y->setRange(0, std::ceil(top / step - 1e-9) * step);
    y->setLabelFormat(step >= 1 ? QStringLiteral("%d") : QStringLiteral("%.1f"));
}

void applyPalette(QChart* chart, const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    QColor grid = palette.color(QPalette::Mid);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundPen(QPen(palette.color(QPalette::Mid)));
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        grid.setAlpha(110);
        axis->setGridLineColor(grid);
        grid.setAlpha(255);
    }
}

}  // namespace TimeChart
