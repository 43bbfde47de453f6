# The list of tests: tablespan_add_test(<tst_name> <libraries>)
tablespan_add_test(tst_number tablespan_model)
tablespan_add_test(tst_json_codec tablespan_model)
tablespan_add_test(tst_key_encoding tablespan_model)
tablespan_add_test(tst_item_size tablespan_model)
tablespan_add_test(tst_event_bus tablespan_engine)
tablespan_add_test(tst_tables tablespan_engine)
tablespan_add_test(tst_expressions tablespan_expr)
tablespan_add_test(tst_expression_errors tablespan_expr)
set(TABLESPAN_TEST_EXTRA_tst_request_validator
    ${PROJECT_SOURCE_DIR}/engine/src/api/request_validator.cpp
    ${PROJECT_SOURCE_DIR}/engine/src/api/request_validator_model.cpp
    ${PROJECT_SOURCE_DIR}/engine/src/api/request_validator_regex.cpp
    ${PROJECT_SOURCE_DIR}/engine/src/api/request_validator_types.cpp
    ${PROJECT_SOURCE_DIR}/engine/src/api/request_validator_constraints.cpp
    ${PROJECT_SOURCE_DIR}/engine/src/api/request_validator_value_text.cpp)
tablespan_add_test(tst_request_validator tablespan_model)
target_include_directories(tst_request_validator PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
tablespan_add_test(tst_items tablespan_engine)
tablespan_add_test(tst_indexes tablespan_engine)
tablespan_add_test(tst_index_lifecycle tablespan_engine)
tablespan_add_test(tst_index_composite_keys tablespan_engine)
tablespan_add_test(tst_index_capacity tablespan_engine)
tablespan_add_test(tst_tags tablespan_engine)
tablespan_add_test(tst_ttl tablespan_engine)
tablespan_add_test(tst_legacy_params tablespan_engine)
tablespan_add_test(tst_legacy_validation tablespan_engine)
tablespan_add_test(tst_streams tablespan_engine)
tablespan_add_test(tst_streams_lifecycle tablespan_engine)
tablespan_add_test(tst_transactions tablespan_engine)
tablespan_add_test(tst_partiql tablespan_engine)
tablespan_add_test(tst_partiql_statements tablespan_engine)
tablespan_add_test(tst_partiql_parser tablespan_partiql)
tablespan_add_test(tst_throughput tablespan_engine)
tablespan_add_test(tst_capacity_limits tablespan_engine)
tablespan_add_test(tst_capacity_metrics tablespan_engine)
tablespan_add_test(tst_persistence tablespan_engine)
target_link_libraries(tst_persistence PRIVATE SQLite::SQLite3)
tablespan_add_test(tst_http_server tablespan_engine)
tablespan_add_test(tst_http_connections tablespan_engine)
# HTTPS: the test's client speaks TLS through Asio, which calls OpenSSL.
target_link_libraries(tst_http_server PRIVATE Boost::headers OpenSSL::SSL OpenSSL::Crypto)
target_link_libraries(tst_http_connections PRIVATE Boost::headers)
tablespan_add_test(tst_replication tablespan_engine)
tablespan_add_test(tst_replica_settings tablespan_engine)
tablespan_add_test(tst_backup tablespan_engine)
tablespan_add_test(tst_backup_snapshot tablespan_engine)
tablespan_add_test(tst_pitr tablespan_engine)
tablespan_add_test(tst_pitr_activity tablespan_engine)
tablespan_add_test(tst_restore_cross_region tablespan_engine)
tablespan_add_test(tst_convergence tablespan_engine)
tablespan_add_test(tst_mrsc tablespan_engine)
tablespan_add_test(tst_mrsc_linearizability tablespan_engine)

# The console's models and widgets (GUI builds only), run under QT_QPA_PLATFORM=offscreen.
if(TABLESPAN_BUILD_GUI)
    tablespan_add_test(tst_item_files tablespan_widgets)
    tablespan_add_test(tst_widgets_models tablespan_widgets)
    tablespan_add_test(tst_widgets_console tablespan_widgets)
    # Remote regions: a second Tablespan over HTTP with SigV4 keys.
    tablespan_add_test(tst_widgets_remote tablespan_widgets Boost::headers)
    tablespan_add_test(tst_widgets_remote_tabs tablespan_widgets)
    tablespan_add_test(tst_widgets_table_copy tablespan_widgets Boost::headers)
    tablespan_add_test(tst_global_models tablespan_widgets)
    tablespan_add_test(tst_widgets_global tablespan_widgets)
    tablespan_add_test(tst_widgets_mrsc tablespan_widgets)
    tablespan_add_test(tst_outage_drill tablespan_widgets)
    tablespan_add_test(tst_widgets_scenarios tablespan_widgets)
    tablespan_add_test(tst_widgets_compare tablespan_widgets)
    tablespan_add_test(tst_widgets_backup tablespan_widgets)
    tablespan_add_test(tst_widgets_language tablespan_widgets)
    tablespan_add_test(tst_widgets_indexes tablespan_widgets)
    tablespan_add_test(tst_widgets_index_updates tablespan_widgets)
    tablespan_add_test(tst_widgets_composite_keys tablespan_widgets)
    tablespan_add_test(tst_widgets_charts tablespan_widgets)
    tablespan_add_test(tst_widgets_capacity tablespan_widgets)
    tablespan_add_test(tst_widgets_results tablespan_widgets)
    tablespan_add_test(tst_widgets_context_menus tablespan_widgets)
    tablespan_add_test(tst_widgets_activity tablespan_widgets)
    tablespan_add_test(tst_widgets_query_checks tablespan_widgets)
    tablespan_add_test(tst_widgets_region_map tablespan_widgets)
    tablespan_add_test(tst_widgets_layout_de tablespan_widgets)
    tablespan_add_test(tst_widgets_table_settings tablespan_widgets)
    tablespan_add_test(tst_widgets_item_expiry tablespan_widgets)
    tablespan_add_test(tst_widgets_restore_region tablespan_widgets)
    tablespan_add_test(tst_widgets_pitr_axis tablespan_widgets)
    tablespan_add_test(tst_widgets_help tablespan_widgets)
    tablespan_add_test(tst_widgets_item_cancel tablespan_widgets)
    tablespan_add_test(tst_widgets_item_transactions tablespan_widgets)
    tablespan_add_test(tst_widgets_shared_table tablespan_widgets)
    tablespan_add_test(tst_widgets_streams tablespan_widgets)
    tablespan_add_test(tst_widgets_partiql tablespan_widgets)
    tablespan_add_test(tst_widgets_kms tablespan_widgets)
    tablespan_add_test(tst_widgets_remote_connections tablespan_widgets)
    # Keys typed into the Connect dialog, in a real Secret Service: gnome-keyring in a D-Bus
    # session and home directory of the test's own.
    set(TABLESPAN_TEST_WRAPPER_tst_widgets_remote_keychain
        ${CMAKE_CURRENT_SOURCE_DIR}/keychain/run_with_keyring.sh)
    tablespan_add_test(tst_widgets_remote_keychain tablespan_widgets)
    # …and where no keychain service answers: the session bus points nowhere.
    tablespan_add_test(tst_widgets_remote_no_keychain tablespan_widgets)
endif()

# SigV4 checking (--require-auth): needs the engine's private server/ headers.
tablespan_add_test(tst_sigv4 tablespan_engine Boost::headers)
target_include_directories(tst_sigv4 PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
tablespan_add_test(tst_kms tablespan_engine)
tablespan_add_test(tst_kms_replicas tablespan_engine)

# AWS credentials and region for remote endpoints, resolved as the AWS CLI does.
tablespan_add_test(tst_aws_credentials tablespan_engine)
tablespan_add_test(tst_aws_config_files tablespan_engine)

# Fault scenarios, headless, with the shipped example files.
tablespan_add_test(tst_scenarios tablespan_scenarios)
target_compile_definitions(tst_scenarios PRIVATE
    TABLESPAN_SCENARIO_DIR="${PROJECT_SOURCE_DIR}/resources/scenarios")
# The shipped scenarios simulate hours: label "long", left out of the sanitizer run.
tablespan_add_test(tst_scenarios_shipped tablespan_scenarios)
target_compile_definitions(tst_scenarios_shipped PRIVATE
    TABLESPAN_SCENARIO_DIR="${PROJECT_SOURCE_DIR}/resources/scenarios")
set_tests_properties(tst_scenarios_shipped PROPERTIES LABELS long)
# The client for remote DynamoDB endpoints (issue 19), against a real endpoint and a
# scripted one.
tablespan_add_test(tst_remote_client tablespan_engine Boost::headers)
target_include_directories(tst_remote_client PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
tablespan_add_test(tst_remote_retry_modes tablespan_engine Boost::headers)
target_include_directories(tst_remote_retry_modes PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
