#pragma once
// A seeded random stream that gives the same numbers on every platform (the standard library's
// distributions do not): xoshiro256** seeded by splitmix64, doubles from the top 53 bits.
#include <cstdint>

namespace retention {

class RandomStream {
 public:
  explicit RandomStream(std::uint64_t seed);
  std::uint64_t next();
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)

 private:
  std::uint64_t state_[4];
};

// The inverse of the triangular distribution's CDF at u: low, most likely and high in order.
// Only sqrt is used, which IEEE 754 rounds exactly everywhere, so draws agree natively and in wasm.
double triangular(double low, double likely, double high, double u);

}  // namespace retention
