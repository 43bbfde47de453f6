#include "autoscaling/settings_update.h"

#include <sstream>

#include "api/request_util.h"

namespace tablespan::autoscaling {

namespace {
std::string number_text(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}
}  // namespace

void apply_update(Policy& policy, const Json& update, const PolicyDefaults& defaults,
                  const std::string& what) {
    using api::bool_member;
    using api::int_member;
    using api::member;
    if (bool_member(update, "AutoScalingDisabled").value_or(false)) {
        policy = {};
        return;
    }
    Policy p = policy;
    if (auto min = int_member(update, "MinimumUnits")) p.minimum = *min;
    if (auto max = int_member(update, "MaximumUnits")) p.maximum = *max;
    if (auto role = api::string_member(update, "AutoScalingRoleArn")) p.role_arn = *role;
    if (p.role_arn.empty()) p.role_arn = defaults.role_arn;
    if (const Json* scaling = member(update, "ScalingPolicyUpdate")) {
        const Json& config = scaling->at("TargetTrackingScalingPolicyConfiguration");
        const double target = config.at("TargetValue").get<double>();
        // DG:AutoScaling: the target utilization is between 20 and 90 percent.
        if (!(target >= kMinTargetPercent && target <= kMaxTargetPercent))
            throw_validation("Invalid " + what + ": TargetValue " + number_text(target) +
                             " must be between " + number_text(kMinTargetPercent) + " and " +
                             number_text(kMaxTargetPercent));
        p.target = target;
        p.policy_name = api::string_member(*scaling, "PolicyName").value_or(defaults.policy_name);
        p.disable_scale_in = bool_member(config, "DisableScaleIn").value_or(false);
        p.scale_in_cooldown = int_member(config, "ScaleInCooldown");
        p.scale_out_cooldown = int_member(config, "ScaleOutCooldown");
        for (const auto& cooldown : {p.scale_in_cooldown, p.scale_out_cooldown})
            if (cooldown && *cooldown < 0)
                throw_validation("Invalid " + what + ": a cooldown cannot be negative");
    }
    // A new scalable target needs both bounds; a policy needs a target to act on.
    if (!policy.registered &&
        (!int_member(update, "MinimumUnits") || !int_member(update, "MaximumUnits")))
        throw_validation("Invalid " + what +
                         ": MinimumUnits and MaximumUnits are required to enable auto scaling");
    if (p.minimum > p.maximum)
        throw_validation("Invalid " + what + ": MinimumUnits " + std::to_string(p.minimum) +
                         " is greater than MaximumUnits " + std::to_string(p.maximum));
    if (p.target <= 0)
        throw_validation("Invalid " + what +
                         ": ScalingPolicyUpdate is required to enable auto scaling");
    p.registered = true;
    p.disabled = false;
    policy = std::move(p);
}

}  // namespace tablespan::autoscaling
