# camsim_warnings(target): the warning set every camsim C target compiles with.
add_library(camsim_warnings INTERFACE)
target_compile_options(camsim_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wvla -Wundef -Wwrite-strings
    -Wnull-dereference -Wdouble-promotion>
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow>
  $<$<BOOL:${CAMSIM_WERROR}>:-Werror>)
