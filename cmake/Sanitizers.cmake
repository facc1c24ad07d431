# Global instrumentation switches. They apply to every target so that the
# engine, the tests and the fuzz targets agree on the runtime.
if(CAMSIM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()
# ThreadSanitizer cannot share a process with ASan; the tsan preset builds
# the engine and the multi-threaded tests (label "threads") with it.
if(CAMSIM_TSAN)
  if(CAMSIM_SANITIZE)
    message(FATAL_ERROR "CAMSIM_TSAN and CAMSIM_SANITIZE (ASan) cannot be combined")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=thread)
endif()
if(CAMSIM_COVERAGE)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CAMSIM_COVERAGE needs clang (source-based coverage)")
  endif()
  add_compile_options(-fprofile-instr-generate -fcoverage-mapping)
  add_link_options(-fprofile-instr-generate -fcoverage-mapping)
endif()
