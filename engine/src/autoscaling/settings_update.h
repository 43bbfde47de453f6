#pragma once

// UpdateTableReplicaAutoScaling's AutoScalingSettingsUpdate onto one dimension's Policy.
// Members merge one by one onto what is set: MinimumUnits and MaximumUnits are the
// scalable target, ScalingPolicyUpdate its target tracking policy, AutoScalingDisabled
// true removes both (the dimension then keeps its capacity and no longer scales).

#include <string>

#include "autoscaling/policy.h"
#include "tablespan/json_codec.h"

namespace tablespan::autoscaling {

struct PolicyDefaults {
    std::string policy_name;  // DynamoDB{Read,Write}CapacityUtilization:table/<name>[/index/<i>]
    std::string role_arn;     // the Application Auto Scaling service-linked role
};

// Throws ValidationException, naming `what` (e.g. "ProvisionedWriteCapacityAutoScalingUpdate"),
// when the update is not acceptable; `policy` is unchanged then.
void apply_update(Policy& policy, const Json& update, const PolicyDefaults& defaults,
                  const std::string& what);

}  // namespace tablespan::autoscaling
