#pragma once

// The sliding-window line charts the console draws over engine time: x from
// -windowSeconds to 0 seconds with a tick every 10 s, y from 0 to a round value with
// round ticks (setNiceRange). The charts follow the application's palette (light or
// dark theme), also when it changes while they are shown.

#include <QString>

class QChart;
class QChartView;
class QPalette;
class QValueAxis;
class QWidget;

namespace TimeChart {

// A chart with its two axes attached; `yLabelFormat` empty keeps Qt's default.
QChart* make(const QString& title, int windowSeconds, QValueAxis*& x, QValueAxis*& y,
             const QString& yTitle = {}, const QString& yLabelFormat = {});
QChartView* view(QChart* chart, QWidget* parent, int minimumHeight);
// Sets y to 0…a round number at least max(`max` × 1.1, `floor`), ticks at round steps.
void setNiceRange(QValueAxis* y, double max, double floor);
// Background, title, legend and axes in the palette's colours.
void applyPalette(QChart* chart, const QPalette& palette);

}  // namespace TimeChart
