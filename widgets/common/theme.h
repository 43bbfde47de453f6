#pragma once

// Light and dark palettes for the console, or the system's own.

#include <QString>

class Theme {
public:
    enum class Mode { System, Light, Dark };
    // Applies `mode` to the whole application (Fusion style with our palette for Light
    // and Dark; the platform's style and palette for System).
    static void apply(Mode mode);
    static Mode fromString(const QString& name);
    static QString toString(Mode mode);
};
