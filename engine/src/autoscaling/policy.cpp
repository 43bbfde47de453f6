#include "autoscaling/policy.h"

namespace tablespan::autoscaling {

Json Policy::to_storage() const {
    Json j = {{"registered", registered}, {"disabled", disabled},
              {"min", minimum},           {"max", maximum},
              {"role", role_arn},         {"policy", policy_name},
              {"target", target},         {"no_scale_in", disable_scale_in}};
    if (scale_in_cooldown) j["in_cooldown"] = *scale_in_cooldown;
    if (scale_out_cooldown) j["out_cooldown"] = *scale_out_cooldown;
    return j;
}

Policy Policy::from_storage(const Json& j) {
    Policy p;
    p.registered = j.value("registered", false);
    p.disabled = j.value("disabled", false);
    p.minimum = j.value("min", std::int64_t{0});
    p.maximum = j.value("max", std::int64_t{0});
    p.role_arn = j.value("role", std::string());
    p.policy_name = j.value("policy", std::string());
    p.target = j.value("target", 0.0);
    p.disable_scale_in = j.value("no_scale_in", false);
    if (j.contains("in_cooldown")) p.scale_in_cooldown = j.at("in_cooldown").get<std::int64_t>();
    if (j.contains("out_cooldown")) p.scale_out_cooldown = j.at("out_cooldown").get<std::int64_t>();
    return p;
}

Json Policy::describe() const {
    // A dimension without a scalable target shows only that it does not scale, as
    // DescribeGlobalTableSettings and DescribeTableReplicaAutoScaling show it.
    if (!registered) return {{"AutoScalingDisabled", true}};
    Json d = {{"MinimumUnits", minimum},
              {"MaximumUnits", maximum},
              {"AutoScalingDisabled", disabled},
              {"AutoScalingRoleArn", role_arn}};
    if (target > 0) {
        Json config = {{"TargetValue", target}};
        if (disable_scale_in) config["DisableScaleIn"] = true;
        if (scale_in_cooldown) config["ScaleInCooldown"] = *scale_in_cooldown;
        if (scale_out_cooldown) config["ScaleOutCooldown"] = *scale_out_cooldown;
        d["ScalingPolicies"] = Json::array(
            {{{"PolicyName", policy_name}, {"TargetTrackingScalingPolicyConfiguration", config}}});
    } else {
        d["ScalingPolicies"] = Json::array();
    }
    return d;
}

}  // namespace tablespan::autoscaling
