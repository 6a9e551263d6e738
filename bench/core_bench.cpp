// Times one full evaluation of a scenario document natively (the wasm twin runs in Node):
// prints microseconds per evaluation for the benchmark script.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "retention/evaluate.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: core_bench scenario.json [iterations]\n");
    return 2;
  }
  std::ifstream file(argv[1]);
  std::stringstream text;
  text << file.rdbuf();
  const std::string json = text.str();
  const int iterations = argc > 2 ? std::atoi(argv[2]) : 2000;
  double sink = 0;
  for (int i = 0; i < iterations / 10 + 1; ++i) sink += retention::evaluate_json(json).ok();  // warm up
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    auto report = retention::evaluate_json(json);
    if (!report.ok()) return 1;
    sink += report.value().baseline.value.clv;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.3f\n", seconds / iterations * 1e6);
  return sink == 0 ? 3 : 0;
}
