#pragma once

#include <span>
#include <string_view>

namespace tablespan {

// One AWS commercial region: its code, the display name the AWS console shows, the
// approximate location of its data centres, and whether it is opt-in.
struct RegionInfo {
    std::string_view code;
    std::string_view name;
    double latitude;
    double longitude;
    bool opt_in;
};

// Every AWS commercial region, ordered as the AWS console lists them.
std::span<const RegionInfo> all_regions();
// The region with this exact code (codes are lower case), or nullptr.
const RegionInfo* find_region(std::string_view code);
// Great-circle distance between two regions in kilometres.
double great_circle_km(const RegionInfo& a, const RegionInfo& b);

}  // namespace tablespan
