# One INTERFACE target carries the language level, warnings and sanitizer flags that
# every Tablespan target links.
add_library(tablespan_options INTERFACE)
target_compile_features(tablespan_options INTERFACE cxx_std_20)
target_compile_options(tablespan_options INTERFACE
    -Wall -Wextra -pedantic-errors -Wold-style-cast -Wnon-virtual-dtor)
target_compile_definitions(tablespan_options INTERFACE
    QT_NO_CAST_FROM_ASCII QT_NO_CONTEXTLESS_CONNECT QT_USE_QSTRINGBUILDER)

option(TABLESPAN_WERROR "Treat warnings as errors" OFF)
if(TABLESPAN_WERROR)
    target_compile_options(tablespan_options INTERFACE -Werror)
endif()

# TABLESPAN_SANITIZE: "address,undefined" or "thread"
set(TABLESPAN_SANITIZE "" CACHE STRING "Sanitizers to build with (address,undefined | thread)")
if(TABLESPAN_SANITIZE)
    target_compile_options(tablespan_options INTERFACE
        -fsanitize=${TABLESPAN_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(tablespan_options INTERFACE -fsanitize=${TABLESPAN_SANITIZE})
    target_compile_definitions(tablespan_options INTERFACE _GLIBCXX_ASSERTIONS QT_FORCE_ASSERTS)
endif()

# The project's libraries are shared in the Debug and RelWithDebInfo builds: some eighty
# test programs link the engine, and with static libraries each carried its own copy of
# the engine's debug information (16 GB for build/ alone, which filled CI's disk). The
# Release build (benchmarks, packaging) keeps them static.
if(CMAKE_BUILD_TYPE STREQUAL "Release")
    set(tablespan_default_library_type STATIC)
else()
    set(tablespan_default_library_type SHARED)
endif()
set(TABLESPAN_LIBRARY_TYPE ${tablespan_default_library_type} CACHE STRING
    "How the project's libraries are built (SHARED | STATIC)")

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# The executables' memory allocator. A request builds and frees thousands of small
# objects (JSON documents, attribute maps), often freed on another thread than the one
# that made them, where glibc's malloc spent about 40 % of a remote browse and of the
# endpoint's time (perf, issue 18). mimalloc (Debian's libmimalloc-dev), linked into each
# executable, replaces malloc and operator new for the whole process. The sanitizers
# bring their own allocator, so it is left out under them.
option(TABLESPAN_MIMALLOC "Link mimalloc into the executables" ON)
add_library(tablespan_allocator INTERFACE)
if(TABLESPAN_MIMALLOC AND NOT TABLESPAN_SANITIZE)
    find_package(mimalloc 2 REQUIRED)
    target_link_libraries(tablespan_allocator INTERFACE mimalloc)
endif()
