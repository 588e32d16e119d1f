#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's driver (compiler-rt FuzzerInterface.h): runs the fuzzer with the command line and the
// callback given. The fuzzer binary's entry calls it, because SwiftPM renames an executable's
// main (`--defsym main=<module>_main`), so libFuzzer's own main never runs.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
