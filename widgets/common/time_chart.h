#pragma once

// The sliding-window line charts the console draws over engine time: x from
// -windowSeconds to 0 seconds, y from 0 (rescaled by the owner as data arrives).

#include <QString>

class QChart;
class QChartView;
class QValueAxis;
class QWidget;

namespace TimeChart {

// A chart with its two axes attached; `yLabelFormat` empty keeps Qt's default.
QChart* make(const QString& title, int windowSeconds, QValueAxis*& x, QValueAxis*& y,
             const QString& yTitle = {}, const QString& yLabelFormat = {});
QChartView* view(QChart* chart, QWidget* parent, int minimumHeight);

}  // namespace TimeChart
