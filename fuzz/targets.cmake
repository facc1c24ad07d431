# targets.cmake: shared by fuzz/CMakeLists.txt (the fuzzing builds) and
# tests/regression/CMakeLists.txt (the replay builds ctest runs forever).
#
#   camsim_fuzz_harness            the harness + reference models (a library)
#   camsim_fuzz_add(NAME TARGET MODE)
#       NAME    CMake target name; TARGET one of CAMSIM_FUZZ_TARGETS;
#       MODE    libfuzzer | afl | repro | external (link flags from
#               CAMSIM_FUZZ_LINK_FLAGS, e.g. OSS-Fuzz's $LIB_FUZZING_ENGINE)
set(CAMSIM_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
# diff: policy change review (engine/src/diff) against brute force (fuzz/diff.c).
set(CAMSIM_FUZZ_TARGETS policy_parse action_match resource_match condition eval requests_jsonl
    alloc_fail diff)
set(CAMSIM_FUZZ_PLANT_BUG 0 CACHE STRING
    "Oracle proof: make the harness distort the engine's answer (fuzz/harness/fuzz.h)")

if(NOT TARGET camsim_fuzz_harness)
  add_library(camsim_fuzz_harness STATIC
    ${CAMSIM_FUZZ_DIR}/harness/harness.c
    ${CAMSIM_FUZZ_DIR}/harness/gen.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_glob.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_action.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_resource.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_condition.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_catalog.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_eval.c
    ${CAMSIM_FUZZ_DIR}/reference/ref_json.c)
  target_include_directories(camsim_fuzz_harness PUBLIC ${CAMSIM_FUZZ_DIR})
  target_compile_definitions(camsim_fuzz_harness PRIVATE _GNU_SOURCE)
  target_link_libraries(camsim_fuzz_harness PUBLIC camsim_internal camsim_testing PRIVATE camsim_warnings)
  # jansson: the independent JSON oracle (reference/ref_json.c); fuzz and
  # replay builds only, the engine never links it.
  pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
  target_link_libraries(camsim_fuzz_harness PRIVATE PkgConfig::JANSSON)
  # libFuzzer builds: no coverage for the harness plumbing and the generators
  # (harness/coverage_ignore.txt says why).
  if(CAMSIM_FUZZ_ENGINE STREQUAL "libfuzzer" OR CAMSIM_FUZZ_ENGINE STREQUAL "external")
    target_compile_options(camsim_fuzz_harness PRIVATE
      -fsanitize-coverage-ignorelist=${CAMSIM_FUZZ_DIR}/harness/coverage_ignore.txt)
    # The reference models keep their edge counters (a branch the reference
    # has and the engine lacks is a rule the engine may have forgotten) but
    # not comparison tracing: their byte-by-byte comparisons cost the eval
    # target about a sixth of each execution and guide nothing the engine's
    # own comparisons do not.
    file(GLOB ref_sources ${CAMSIM_FUZZ_DIR}/reference/*.c)
    set_source_files_properties(${ref_sources} PROPERTIES
      COMPILE_OPTIONS "-fno-sanitize-coverage=trace-cmp")
  endif()
endif()

function(camsim_fuzz_add name target mode)
  set(sources ${CAMSIM_FUZZ_DIR}/${target}.c)
  if(mode STREQUAL "repro")
    list(APPEND sources ${CAMSIM_FUZZ_DIR}/harness/replay_main.c)
  endif()
  add_executable(${name} ${sources})
  target_compile_definitions(${name} PRIVATE _GNU_SOURCE
                             CAMSIM_FUZZ_PLANT_BUG=${CAMSIM_FUZZ_PLANT_BUG})
  target_link_libraries(${name} PRIVATE camsim_fuzz_harness camsim_internal camsim_warnings)
  if(target STREQUAL "requests_jsonl")
    target_link_libraries(${name} PRIVATE camsim_cli)
  endif()
  if(mode STREQUAL "libfuzzer")
    target_compile_options(${name} PRIVATE -fsanitize=fuzzer-no-link)
    target_link_options(${name} PRIVATE -fsanitize=fuzzer)
  elseif(mode STREQUAL "afl")
    target_link_libraries(${name} PRIVATE ${CAMSIM_AFL_DRIVER})
  elseif(mode STREQUAL "external")
    separate_arguments(flags UNIX_COMMAND "${CAMSIM_FUZZ_LINK_FLAGS}")
    target_link_options(${name} PRIVATE ${flags})
    if(CAMSIM_FUZZ_LINK_CXX)
      set_target_properties(${name} PROPERTIES LINKER_LANGUAGE CXX)
    endif()
  endif()
endfunction()
