# wasi.cmake -- toolchain file for wasm32-wasi with Debian's clang-14,
# lld-14, wasi-libc and libclang-rt-14-dev-wasm32 (the wasi-sdk recipe):
#
#   cmake -S . -B build/wasi -DCMAKE_TOOLCHAIN_FILE=cmake/wasi.cmake
#
# Executables are WASI command modules (.wasm); ctest runs them through
# scripts/wasi-run.mjs under node:wasi (set in CMakeLists.txt).
set(CMAKE_SYSTEM_NAME WASI)
set(CMAKE_SYSTEM_VERSION 1)
set(CMAKE_SYSTEM_PROCESSOR wasm32)
list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")

find_program(BEAMLET_WASI_CLANG NAMES clang-14 clang REQUIRED)
find_program(BEAMLET_WASI_AR NAMES llvm-ar-14 llvm-ar REQUIRED)
find_program(BEAMLET_WASI_RANLIB NAMES llvm-ranlib-14 llvm-ranlib REQUIRED)
set(CMAKE_C_COMPILER "${BEAMLET_WASI_CLANG}")
set(CMAKE_C_COMPILER_TARGET wasm32-wasi)
set(CMAKE_AR "${BEAMLET_WASI_AR}" CACHE FILEPATH "")
set(CMAKE_RANLIB "${BEAMLET_WASI_RANLIB}" CACHE FILEPATH "")
set(CMAKE_SYSROOT /usr)

# The compiler check links a test program; a static library check avoids
# needing the crt files before the sysroot is validated.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
