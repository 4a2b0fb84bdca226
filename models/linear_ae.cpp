#include "models/linear_ae.hpp"

#include <stdexcept>
#include <string>

#include "autograd/ops.hpp"
#include "autograd/tape.hpp"
#include "nn/linear.hpp"

namespace models {

AutoencoderConfig linear_autoencoder_config(int64_t features, int64_t code) {
  return {.widths = {features, code},
          .hidden = nn::Activation::Identity,
          .reconstruction = Reconstruction::SquaredError};
}

Tensor decoder_subspace(Autoencoder& linear_ae) {
  const auto& widths = linear_ae.config().widths;
  auto* layer = linear_ae.decoder().size() == 1 ? dynamic_cast<nn::Linear*>(&linear_ae.decoder()[0])
                                                : nullptr;
  if (widths.size() != 2 || !layer)
    throw std::invalid_argument(
        "decoder_subspace: needs a linear autoencoder (one Linear layer each way, see "
        "linear_autoencoder_config)");
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
  autograd::NoGradGuard no_grad;
  PcaComparison result;
  result.pca_mse = mean_squared_error(x, pca.reconstruct(x));
  result.autoencoder_mse = mean_squared_error(x, linear_ae.reconstruct(x));
  result.angles = principal_angles(pca.components, subspace);
  return result;
}

}  // namespace models
