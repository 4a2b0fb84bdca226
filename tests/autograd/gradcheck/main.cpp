// The float64 gradient checks as a plain doctest program, for running a few by name while
// working on an op (e.g. gradcheck_f64 -tc="*softplus*"). The suite runs them through
// op_coverage.cpp, which also fails for an op that no check covered.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
