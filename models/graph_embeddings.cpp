// graph_embeddings.hpp: GAE / VGAE means as features, trained on the whole graph.
#include "models/graph_embeddings.hpp"

#include "autograd/sparse/graph.hpp"
#include "autograd/tape.hpp"
#include "nn/adam.hpp"
#include "nn/divergence_guard.hpp"

namespace models {

Tensor train_graph_embeddings(const CsrMatrix& adjacency, const CsrMatrix* features,
                              const EmbeddingTraining& training, std::vector<double>* epoch_loss) {
  const CsrMatrix a_hat = autograd::gcn_normalize(adjacency);
  const LinkTargets targets = LinkTargets::from_training_adjacency(adjacency);
  autograd::Generator gen(training.seed);
  const int64_t n = adjacency.rows();
  GraphAutoencoder model(features ? features->cols() : n, training.model, gen);
  nn::Adam adam(model.named_parameters(), {.lr = training.lr});
  const int64_t latent = training.model.latent;
  nn::DivergenceGuard guard;
  for (int epoch = 0; epoch < training.epochs; ++epoch) {
    const Tensor noise = training.model.variational ? gen.normal_tensor({n, latent}) : Tensor();
    const auto step_loss = [&] {
      return model.loss(model.encode(a_hat, features, noise), targets, LinkLoss::Fused);
    };
    const Tensor loss = step_loss();
    const auto replay = [&] { autograd::backward(step_loss()); };
    guard.check(loss.item(), epoch + 1, epoch + 1, replay);
    autograd::backward(loss);
    guard.check_gradients(adam.parameters(), epoch + 1, epoch + 1, replay);
    adam.step();
    model.zero_grad();
    autograd::clear_tape();
    if (epoch_loss) epoch_loss->push_back(loss.item());
  }
  autograd::NoGradGuard no_grad;
  return model.encode(a_hat, features, Tensor::zeros({n, latent})).mu.clone();
}

}  // namespace models
