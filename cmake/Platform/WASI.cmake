# Platform/WASI.cmake -- CMake's platform module for CMAKE_SYSTEM_NAME WASI
# (found through CMAKE_MODULE_PATH set by cmake/wasi.cmake).
set(WASI 1)
set(UNIX 1)
set(CMAKE_EXECUTABLE_SUFFIX ".wasm")
set(CMAKE_STATIC_LIBRARY_PREFIX "lib")
set(CMAKE_STATIC_LIBRARY_SUFFIX ".a")
