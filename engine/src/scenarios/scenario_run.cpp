// run_scenario() and check_scenario(): the public face of scenarios/.

#include <filesystem>

#include "scenarios/scenario_file.h"
#include "scenarios/scenario_runner.h"
#include "tablespan/scenario.h"

namespace tablespan {

std::optional<std::string> check_scenario(const nlohmann::json& file) {
    try {
        scenarios::parse_scenario(file);
        return std::nullopt;
    } catch (const scenarios::ScenarioError& e) {
        return std::string(e.what());
    }
}

ScenarioOutcome run_scenario(const nlohmann::json& file, const ScenarioOptions& options) {
    ScenarioOutcome out;
    try {
        const scenarios::Scenario scenario = scenarios::parse_scenario(file);
        std::error_code ec;
        std::filesystem::remove_all(options.data_dir, ec);
        EngineOptions engine_options;
        engine_options.data_dir = options.data_dir;
        engine_options.clock = std::make_shared<ManualClock>();
        engine_options.threads = 0;  // manual: the runner drives every step
        std::string error;
        std::unique_ptr<Engine> engine = Engine::open(engine_options, &error);
        if (!engine) throw scenarios::ScenarioError("the scenario's engine: " + error);
        const std::uint64_t seed = options.seed.value_or(scenario.seed);
        scenarios::ScenarioRunner runner(scenario, *engine, seed, options);
        runner.set_up();
        const bool finished = runner.run();
        out.report = runner.report(!finished);
    } catch (const scenarios::ScenarioError& e) {
        out.error = e.what();
    } catch (const std::exception& e) {
        out.error = std::string("the scenario stopped: ") + e.what();
    }
    return out;
}

}  // namespace tablespan
