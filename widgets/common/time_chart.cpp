#include "common/time_chart.h"

#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QLegend>
#include <QValueAxis>

namespace TimeChart {

QChart* make(const QString& title, int windowSeconds, QValueAxis*& x, QValueAxis*& y,
             const QString& yTitle, const QString& yLabelFormat) {
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setMargins(QMargins(4, 4, 4, 4));
    x = new QValueAxis(chart);
    x->setRange(-windowSeconds, 0);
    x->setLabelFormat(QStringLiteral("%d"));
    x->setTitleText(QCoreApplication::translate("TimeChart", "seconds (engine time)"));
    y = new QValueAxis(chart);
    y->setRange(0, 1);
    if (!yLabelFormat.isEmpty()) y->setLabelFormat(yLabelFormat);
    y->setTitleText(yTitle);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    return chart;
}

QChartView* view(QChart* chart, QWidget* parent, int minimumHeight) {
    auto* view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(minimumHeight);
    return view;
}

}  // namespace TimeChart
