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
tablespan_add_test(tst_persistence tablespan_engine)
target_link_libraries(tst_persistence PRIVATE SQLite::SQLite3)
tablespan_add_test(tst_http_server tablespan_engine)
target_link_libraries(tst_http_server PRIVATE Boost::headers)
tablespan_add_test(tst_replication tablespan_engine)
tablespan_add_test(tst_replica_settings tablespan_engine)
tablespan_add_test(tst_backup tablespan_engine)
tablespan_add_test(tst_backup_snapshot tablespan_engine)
tablespan_add_test(tst_pitr tablespan_engine)
tablespan_add_test(tst_pitr_activity tablespan_engine)
tablespan_add_test(tst_restore_cross_region tablespan_engine)
tablespan_add_test(tst_convergence tablespan_engine)

# The console's models and widgets (GUI builds only), run under QT_QPA_PLATFORM=offscreen.
if(TABLESPAN_BUILD_GUI)
    tablespan_add_test(tst_item_files tablespan_widgets)
    tablespan_add_test(tst_widgets_models tablespan_widgets)
    tablespan_add_test(tst_widgets_console tablespan_widgets)
    tablespan_add_test(tst_global_models tablespan_widgets)
    tablespan_add_test(tst_widgets_global tablespan_widgets)
    tablespan_add_test(tst_widgets_compare tablespan_widgets)
    tablespan_add_test(tst_widgets_backup tablespan_widgets)
    tablespan_add_test(tst_widgets_language tablespan_widgets)
    tablespan_add_test(tst_widgets_indexes tablespan_widgets)
    tablespan_add_test(tst_widgets_index_updates tablespan_widgets)
    tablespan_add_test(tst_widgets_charts tablespan_widgets)
endif()

# SigV4 checking (--require-auth): needs the engine's private server/ headers.
tablespan_add_test(tst_sigv4 tablespan_engine Boost::headers)
target_include_directories(tst_sigv4 PRIVATE ${PROJECT_SOURCE_DIR}/engine/src)
