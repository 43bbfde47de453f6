#pragma once

// Auto scaling settings of one scalable dimension (a table's or a GSI's read or write
// capacity in one replica), as UpdateTableReplicaAutoScaling sets them and the
// AutoScalingSettingsDescription shape shows them. DynamoDB auto scaling is Application
// Auto Scaling's target tracking: a scalable target (minimum and maximum units) and one
// target tracking policy (the target utilization in percent).

#include <cstdint>
#include <optional>
#include <string>

#include "tablespan/json_codec.h"

namespace tablespan::autoscaling {

// The target utilization may be set between 20 % and 90 % (DG:AutoScaling, "You can set
// the auto scaling target utilization values between 20 and 90 percent").
inline constexpr double kMinTargetPercent = 20;
inline constexpr double kMaxTargetPercent = 90;

struct Policy {
    bool registered = false;  // a scalable target exists; else nothing below counts
    bool disabled = false;    // AutoScalingDisabled
    std::int64_t minimum = 0;
    std::int64_t maximum = 0;
    std::string role_arn;
    std::string policy_name;
    double target = 0;  // TargetValue, percent; 0: no policy yet
    bool disable_scale_in = false;
    std::optional<std::int64_t> scale_in_cooldown;   // seconds, as given
    std::optional<std::int64_t> scale_out_cooldown;  // seconds, as given

    // Whether it scales: a target, a policy, and not disabled.
    bool active() const { return registered && !disabled && target > 0; }

    Json to_storage() const;
    static Policy from_storage(const Json& j);
    // AutoScalingSettingsDescription; {"AutoScalingDisabled": true} when none is set.
    Json describe() const;
};

}  // namespace tablespan::autoscaling
