#include "tablespan/regions.h"

#include <array>
#include <cmath>
#include <numbers>

namespace tablespan {

namespace {
// Locations are the metro areas that host each region, to a tenth of a degree or so:
// good enough for a latency model built on great-circle distance.
constexpr std::array kRegions{
    RegionInfo{"us-east-1", "US East (N. Virginia)", 39.04, -77.49, false},
    RegionInfo{"us-east-2", "US East (Ohio)", 39.96, -83.00, false},
    RegionInfo{"us-west-1", "US West (N. California)", 37.35, -121.96, false},
    RegionInfo{"us-west-2", "US West (Oregon)", 45.84, -119.70, false},
    RegionInfo{"af-south-1", "Africa (Cape Town)", -33.92, 18.42, true},
    RegionInfo{"ap-east-1", "Asia Pacific (Hong Kong)", 22.30, 114.17, true},
    RegionInfo{"ap-east-2", "Asia Pacific (Taipei)", 25.03, 121.56, true},
    RegionInfo{"ap-south-2", "Asia Pacific (Hyderabad)", 17.39, 78.49, true},
    RegionInfo{"ap-southeast-3", "Asia Pacific (Jakarta)", -6.21, 106.85, true},
    RegionInfo{"ap-southeast-5", "Asia Pacific (Malaysia)", 3.14, 101.69, true},
    RegionInfo{"ap-southeast-4", "Asia Pacific (Melbourne)", -37.81, 144.96, true},
    RegionInfo{"ap-south-1", "Asia Pacific (Mumbai)", 19.08, 72.88, false},
    RegionInfo{"ap-southeast-6", "Asia Pacific (New Zealand)", -36.85, 174.76, true},
    RegionInfo{"ap-northeast-3", "Asia Pacific (Osaka)", 34.69, 135.50, false},
    RegionInfo{"ap-northeast-2", "Asia Pacific (Seoul)", 37.57, 126.98, false},
    RegionInfo{"ap-southeast-1", "Asia Pacific (Singapore)", 1.35, 103.82, false},
    RegionInfo{"ap-southeast-2", "Asia Pacific (Sydney)", -33.87, 151.21, false},
    RegionInfo{"ap-southeast-7", "Asia Pacific (Thailand)", 13.76, 100.50, true},
    RegionInfo{"ap-northeast-1", "Asia Pacific (Tokyo)", 35.68, 139.69, false},
    RegionInfo{"ca-central-1", "Canada (Central)", 45.50, -73.57, false},
    RegionInfo{"ca-west-1", "Canada West (Calgary)", 51.05, -114.07, true},
    RegionInfo{"eu-central-1", "Europe (Frankfurt)", 50.11, 8.68, false},
    RegionInfo{"eu-west-1", "Europe (Ireland)", 53.35, -6.26, false},
    RegionInfo{"eu-west-2", "Europe (London)", 51.51, -0.13, false},
    RegionInfo{"eu-south-1", "Europe (Milan)", 45.46, 9.19, true},
    RegionInfo{"eu-west-3", "Europe (Paris)", 48.86, 2.35, false},
    RegionInfo{"eu-south-2", "Europe (Spain)", 41.65, -0.88, true},
    RegionInfo{"eu-north-1", "Europe (Stockholm)", 59.33, 18.07, false},
    RegionInfo{"eu-central-2", "Europe (Zurich)", 47.37, 8.54, true},
    RegionInfo{"il-central-1", "Israel (Tel Aviv)", 32.09, 34.78, true},
    RegionInfo{"mx-central-1", "Mexico (Central)", 20.59, -100.39, true},
    RegionInfo{"me-south-1", "Middle East (Bahrain)", 26.07, 50.56, true},
    RegionInfo{"me-central-1", "Middle East (UAE)", 24.45, 54.38, true},
    RegionInfo{"sa-east-1", "South America (São Paulo)", -23.55, -46.63, false},
};
}  // namespace

std::span<const RegionInfo> all_regions() {
    return kRegions;
}

const RegionInfo* find_region(std::string_view code) {
    for (const auto& r : kRegions)
        if (r.code == code) return &r;
    return nullptr;
}

double great_circle_km(const RegionInfo& a, const RegionInfo& b) {
    constexpr double kEarthRadiusKm = 6371.0;
    constexpr double kRad = std::numbers::pi / 180.0;
    double dlat = (b.latitude - a.latitude) * kRad;
    double dlon = (b.longitude - a.longitude) * kRad;
    double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
               std::cos(a.latitude * kRad) * std::cos(b.latitude * kRad) * std::sin(dlon / 2) *
                   std::sin(dlon / 2);
    return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

}  // namespace tablespan
