# Install rules: the library users embed (static libcamsim.a and shared
# libcamsim.so.0 exporting only the public API), its header, the `camsim`
# command line, a pkg-config file and a CMake package (find_package(camsim)
# gives camsim::camsim, the shared library, and camsim::camsim_static).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# Both are linked from the objects of camsim_engine, the library every test,
# fuzz target and benchmark links: one compilation, one set of flags.
add_library(camsim_static STATIC $<TARGET_OBJECTS:camsim_engine>)
set_target_properties(camsim_static PROPERTIES OUTPUT_NAME camsim EXPORT_NAME camsim_static)
target_link_libraries(camsim_static INTERFACE PkgConfig::CJSON Threads::Threads)
target_include_directories(camsim_static INTERFACE
  $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

add_library(camsim_shared SHARED $<TARGET_OBJECTS:camsim_engine>)
set_target_properties(camsim_shared PROPERTIES
  OUTPUT_NAME camsim EXPORT_NAME camsim
  VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
  LINK_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/camsim.map)
target_link_options(camsim_shared PRIVATE
  "LINKER:--version-script=${CMAKE_CURRENT_SOURCE_DIR}/camsim.map" "LINKER:--no-undefined")
target_link_libraries(camsim_shared PRIVATE PkgConfig::CJSON Threads::Threads)
target_include_directories(camsim_shared PUBLIC
  $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)

install(TARGETS camsim_shared camsim_static EXPORT camsimTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_CURRENT_SOURCE_DIR}/include/camsim/camsim.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/camsim)

install(EXPORT camsimTargets NAMESPACE camsim::
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/camsim)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/camsimConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/camsimConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/camsim)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/camsimConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/camsimConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/camsimConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/camsim)

# The pkg-config file finds the prefix from its own place, so an installed
# tree can be moved (cmake --install --prefix, DESTDIR, packaging).
file(RELATIVE_PATH CAMSIM_PC_TO_PREFIX "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
configure_file(${PROJECT_SOURCE_DIR}/cmake/camsim.pc.in ${CMAKE_CURRENT_BINARY_DIR}/camsim.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/camsim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
