// The small data sets' fits of core_bench --model-fits (model_fits.hpp's small_fits) as a module
// for a browser's worker, built with the site's modules' flags: bench/model_fits_browser.mjs
// times each call inside a Chromium worker, as the page's workers would run the fit. A benchmark
// module, never part of the site.
#include <emscripten/bind.h>

#include <optional>
#include <string>
#include <vector>

#include "model_fits.hpp"

namespace {

std::optional<model_fits::SmallDataSets> data_sets;
std::vector<model_fits::SmallFit> fits;
int band_draws_made = 0;

// The files' texts -> whether they were read (the fits are then ready by name). The band's model
// is chosen only for the band (choosing fits every purchase model, which would leave no first
// fit in a fresh worker to time).
bool prepare(const std::string& cdnow_sample, const std::string& donations, const std::string& cohort, bool for_band) {
  fits.clear();
  data_sets = model_fits::small_data_sets(cdnow_sample, donations, cohort, for_band);
  if (data_sets) fits = model_fits::small_fits(*data_sets, &band_draws_made);
  return data_sets.has_value();
}

// One run of the fit named (core_bench's name for its line); false when there is none of that
// name or it fails.
bool fit(const std::string& name) {
  for (const auto& f : fits)
    if (f.name == name) return f.run();
  return false;
}

// The last band's draws made and the chosen model, as core_bench notes them ("1000 pareto_nbd").
std::string band_note() {
  if (!data_sets || !data_sets->chosen.model) return "";
  return std::to_string(band_draws_made) + " " + std::string(data_sets->chosen.model->name());
}

}  // namespace

EMSCRIPTEN_BINDINGS(model_fits_web) {
  emscripten::function("prepare", &prepare);
  emscripten::function("fit", &fit);
  emscripten::function("bandNote", &band_note);
}
