#pragma once
// Saving and resuming training: a model's parameters, and optionally an optimizer's state and a
// generator's state, in one checkpoint file (format: checkpoint_file.hpp, nn/README.md).
//
// Entries are named "model.<parameter>", "optimizer.<state>" (plus the integer list
// "optimizer.steps") and "generator". Loading is all or nothing: every name and shape is checked
// before any value is copied, so a refused file leaves the model untouched. The file must hold
// exactly the model's parameters; optimizer and generator entries are read only when an
// optimizer or generator is passed (so weights can be loaded for evaluation alone).
#include <ostream>
#include <string>

#include "autograd/random.hpp"
#include "nn/checkpoint_file.hpp"
#include "nn/module.hpp"
#include "nn/optimizer.hpp"

namespace nn {

// Refuses, writing nothing, when a parameter or optimizer moment holds a NaN or an Inf: a
// diverged run must not overwrite the last good state. Before the new file replaces <path>, the
// previous one is kept as <path>.1 (and <path>.1 as <path>.2, ...), up to options.keep files in
// all (keep 1: no copies).
void save_checkpoint(const std::string& path, const Module& model,
                     const Optimizer* optimizer = nullptr,
                     const autograd::Generator* generator = nullptr,
                     const CheckpointWriteOptions& options = {});

// The newest of <path>, <path>.1, ..., <path>.(keep - 1) that reads back whole and holds only
// finite values, for --resume; skipped files are reported on `skipped` (one line each). Throws,
// naming every file tried, when none does.
std::string newest_good_checkpoint(const std::string& path, int keep, std::ostream& skipped);

void load_checkpoint(const std::string& path, Module& model, Optimizer* optimizer = nullptr,
                     autograd::Generator* generator = nullptr);

}  // namespace nn
