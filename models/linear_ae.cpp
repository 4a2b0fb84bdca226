#include "models/linear_ae.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "nn/linear.hpp"

namespace models {

AutoencoderOptions linear_autoencoder_options(int64_t features, int64_t code) {
  return {.widths = {features, code},
          .hidden = nn::Activation::Identity,
          .reconstruction = Reconstruction::SquaredError};
}

Tensor decoder_subspace(Autoencoder& linear_ae) {
  const auto& widths = linear_ae.options().widths;
  auto* layer = linear_ae.decoder().size() == 1 ? dynamic_cast<nn::Linear*>(&linear_ae.decoder()[0])
                                                : nullptr;
  if (widths.size() != 2 || !layer)
    throw std::invalid_argument(
        "decoder_subspace: needs a linear autoencoder (one Linear layer each way, see "
        "linear_autoencoder_options)");
  autograd::NoGradGuard no_grad;
  return autograd::transpose(layer->weight.detach());
}

PcaComparison compare_with_pca(Autoencoder& linear_ae, const Pca& pca, const Tensor& x) {
  const Tensor subspace = decoder_subspace(linear_ae);
  if (subspace.size(0) != pca.rank() || subspace.size(1) != pca.features())
    throw std::invalid_argument("compare_with_pca: the autoencoder's code is " +
                                autograd::to_string(subspace.shape()) + " but PCA has " +
                                std::to_string(pca.rank()) + " components of " +
                                std::to_string(pca.features()) + " features");
  if (x.dim() != 2 || x.size(0) == 0 || x.size(1) != pca.features())
    throw std::invalid_argument("compare_with_pca: x must be [n > 0, " +
                                std::to_string(pca.features()) + "], got " +
                                autograd::to_string(x.shape()));
  autograd::NoGradGuard no_grad;
  // Squared errors summed over chunks of rows, so a large data set needs no full-size copies.
  constexpr int64_t kChunk = 4096;
  double pca_sum = 0, ae_sum = 0;
  for (int64_t begin = 0; begin < x.size(0); begin += kChunk) {
    const Tensor rows = autograd::slice_rows(x, begin, std::min(x.size(0), begin + kChunk));
    const double values = double(rows.numel());
    pca_sum += mean_squared_error(rows, pca.reconstruct(rows)) * values;
    ae_sum += mean_squared_error(rows, linear_ae.reconstruct(rows)) * values;
  }
  PcaComparison result;
  result.pca_mse = pca_sum / double(x.numel());
  result.autoencoder_mse = ae_sum / double(x.numel());
  result.angles = principal_angles(pca.components, subspace);
  return result;
}

}  // namespace models
