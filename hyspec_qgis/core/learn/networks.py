"""The networks, as deephyp builds them, in PyTorch: MLP and 1-D CNN autoencoders, the 1-D CNN classifier.

A network is described by a JSON-able ``spec`` (stored in the model file) and rebuilt from it by :func:`build`;
its weights are its ``state_dict`` arrays. deephyp's defaults (``autoencoder.mlp_1D_network``,
``autoencoder.cnn_1D_network``, ``classifier.cnn_1D_network``):

- MLP autoencoder: dense layers n_bands -> 50 -> 30 -> 10 (the latent vector) -> 30 -> 50 -> n_bands, relu after
  the hidden layers and a linear output layer (sigmoid for the SID loss);
- CNN autoencoder: three 'VALID' convolutions of 10 filters each, of sizes 20, 10, 10 (stride 1), one dense layer
  to the latent vector; the decoder mirrors it (dense, then transposed convolutions of sizes 10, 10, 20);
- CNN classifier: the same three convolutions, dense layers of 20 and 20, and a linear layer of one score per class
  (softmax gives the class probabilities).

One deliberate difference: deephyp also puts relu on the latent layer. Measured on the generated nonlinear scene
(:mod:`io.sample_nonlinear`, 100 x 100 px, 20 epochs), that left 5 of the 10 latent units dead (always 0) for every
loss, and k-means on the latent features matched the truth less well (adjusted Rand index 0.66-0.75 with relu,
0.70-0.79 linear). Here the latent layer is linear (``latent_activation`` in the spec).

Weights and biases start from a normal distribution of standard deviation 0.1 truncated at 2 standard deviations
(deephyp's 'truncated_normal'), drawn from ``seed`` without touching PyTorch's global random state.
"""
from __future__ import annotations

import functools

from ..errors import ParameterError
from .torch_env import require_torch

CONV_FILTERS = (10, 10, 10)
CONV_SIZES = (20, 10, 10)
CLASSIFIER_FC = (20, 20)
INIT_STD = 0.1


def conv_lengths(n_bands: int, sizes=CONV_SIZES) -> list[int]:
    """Band-axis length after each 'VALID' convolution (stride 1)."""
    lengths = [int(n_bands)]
    for size in sizes:
        lengths.append(lengths[-1] - int(size) + 1)
    return lengths


def min_bands_for_cnn(sizes=CONV_SIZES) -> int:
    return sum(int(s) - 1 for s in sizes) + 1


def autoencoder_spec(architecture: str, n_bands: int, hidden=(50, 30), latent: int = 10,
                     final_activation: str = "linear") -> dict:
    if architecture not in ("mlp", "cnn"):
        raise ParameterError("ARCHITECTURE: {architecture!r} is not one of mlp, cnn", architecture=architecture)
    if int(latent) < 1:
        raise ParameterError("LATENT_SIZE: must be 1 or more, got {latent}", latent=latent)
    spec = {"network": "autoencoder", "architecture": architecture, "n_bands": int(n_bands), "latent": int(latent),
            "activation": "relu", "latent_activation": "linear", "final_activation": final_activation}
    if architecture == "mlp":
        hidden = [int(h) for h in hidden]
        if any(h < 1 for h in hidden):
            raise ParameterError("HIDDEN_LAYERS: every layer needs at least 1 unit, got {hidden}", hidden=hidden)
        spec["hidden"] = hidden
    else:
        _check_cnn_bands(n_bands, "ARCHITECTURE cnn")
        spec["filters"], spec["filter_sizes"] = list(CONV_FILTERS), list(CONV_SIZES)
    return spec


def classifier_spec(n_bands: int, n_classes: int) -> dict:
    _check_cnn_bands(n_bands, "METHOD cnn")
    return {"network": "classifier", "architecture": "cnn", "n_bands": int(n_bands), "n_classes": int(n_classes),
            "filters": list(CONV_FILTERS), "filter_sizes": list(CONV_SIZES), "fc": list(CLASSIFIER_FC),
            "activation": "relu"}


def _check_cnn_bands(n_bands, what):
    need = min_bands_for_cnn()
    if n_bands < need:
        raise ParameterError("{what}: the 1-D CNN's convolutions (sizes {sizes}) need at "
                             "least {need} bands, the input has {n_bands}; use the mlp architecture or "
                             "random_forest", what=what, sizes=", ".join(map(str, CONV_SIZES)), need=need, n_bands=n_bands)


@functools.cache
def _classes():
    """The nn.Module classes, defined on first use so that importing this module does not import PyTorch."""
    torch = require_torch("a neural network")
    nn = torch.nn

    def act(name):
        return {"relu": nn.ReLU(), "sigmoid": nn.Sigmoid(), "linear": nn.Identity()}[name]

    class MlpAutoencoder(nn.Module):
        def __init__(self, spec):
            super().__init__()
            sizes = [spec["n_bands"], *spec["hidden"], spec["latent"]]
            enc, dec = [], []
            for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
                last = i == len(sizes) - 2
                enc += [nn.Linear(a, b), act(spec["latent_activation"] if last else spec["activation"])]
            back = sizes[::-1]
            for i, (a, b) in enumerate(zip(back[:-1], back[1:])):
                last = i == len(back) - 2
                dec += [nn.Linear(a, b), act(spec["final_activation"] if last else spec["activation"])]
            self.encoder = nn.Sequential(*enc)
            self.decoder = nn.Sequential(*dec)

        def encode(self, x):
            return self.encoder(x)

        def decode(self, z):
            return self.decoder(z)

        def forward(self, x):
            return self.decoder(self.encoder(x))

    class ConvStack(nn.Module):
        """'VALID' 1-D convolutions along the band axis, then flattened.

        Computed as 2-D convolutions with 1 x k kernels on channels-last tensors: the same arithmetic, 1.2-1.7 times
        faster on CPU than Conv1d for these few-channel layers (torch 2.13, oneDNN, one thread, measured here)."""

        def __init__(self, spec):
            super().__init__()
            layers, channels = [], 1
            for filters, size in zip(spec["filters"], spec["filter_sizes"]):
                layers += [nn.Conv2d(channels, filters, (1, size)), act(spec["activation"])]
                channels = filters
            self.convs = nn.Sequential(*layers)
            self.flat = conv_lengths(spec["n_bands"], spec["filter_sizes"])[-1] * channels

        def forward(self, x):
            h = x.reshape(x.shape[0], 1, 1, x.shape[1]).contiguous(memory_format=torch.channels_last)
            return self.convs(h).flatten(1)

    class CnnAutoencoder(nn.Module):
        def __init__(self, spec):
            super().__init__()
            self.features = ConvStack(spec)
            self.to_latent = nn.Sequential(nn.Linear(self.features.flat, spec["latent"]),
                                           act(spec["latent_activation"]))
            self.shape = (spec["filters"][-1], 1, conv_lengths(spec["n_bands"], spec["filter_sizes"])[-1])
            self.from_latent = nn.Sequential(nn.Linear(spec["latent"], self.features.flat), act(spec["activation"]))
            filters = list(spec["filters"])[::-1] + [1]
            sizes = list(spec["filter_sizes"])[::-1]
            layers = []
            for i, size in enumerate(sizes):
                last = i == len(sizes) - 1
                layers += [nn.ConvTranspose2d(filters[i], filters[i + 1], (1, size)),
                           act(spec["final_activation"] if last else spec["activation"])]
            self.deconvs = nn.Sequential(*layers)

        def encode(self, x):
            return self.to_latent(self.features(x))

        def decode(self, z):
            h = self.from_latent(z).reshape(-1, *self.shape).contiguous(memory_format=torch.channels_last)
            return self.deconvs(h).reshape(z.shape[0], -1)

        def forward(self, x):
            return self.decode(self.encode(x))

    class CnnClassifier(nn.Module):
        def __init__(self, spec):
            super().__init__()
            self.features = ConvStack(spec)
            sizes = [self.features.flat, *spec["fc"]]
            layers = []
            for a, b in zip(sizes[:-1], sizes[1:]):
                layers += [nn.Linear(a, b), act(spec["activation"])]
            layers.append(nn.Linear(sizes[-1], spec["n_classes"]))
            self.head = nn.Sequential(*layers)

        def forward(self, x):
            return self.head(self.features(x))

    return {("autoencoder", "mlp"): MlpAutoencoder, ("autoencoder", "cnn"): CnnAutoencoder,
            ("classifier", "cnn"): CnnClassifier}


def build(spec: dict, seed: int | None = 0, state: dict | None = None):
    """The network ``spec`` describes: weights from ``state`` (name -> numpy array, as saved) or freshly drawn."""
    torch = require_torch("a neural network")
    cls = _classes().get((spec.get("network"), spec.get("architecture")))
    if cls is None:
        raise ParameterError("unknown network {network!r} / architecture {architecture!r}", network=spec.get("network"),
                             architecture=spec.get("architecture"))
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(seed or 0))
        net = cls(spec)
        if state is None:
            with torch.no_grad():
                for p in net.parameters():
                    torch.nn.init.trunc_normal_(p, mean=0.0, std=INIT_STD, a=-2 * INIT_STD, b=2 * INIT_STD)
    if state is not None:
        expected = net.state_dict()
        if set(state) != set(expected):
            missing, extra = sorted(set(expected) - set(state)), sorted(set(state) - set(expected))
            raise ParameterError("the weights do not fit the network: missing {missing}, unexpected {extra}", missing=missing[:3],
                                 extra=extra[:3])
        for name, value in state.items():
            if tuple(value.shape) != tuple(expected[name].shape):
                raise ParameterError("weight {name} has shape {shape}, the network needs "
                                     "{expected}", name=name, shape=tuple(value.shape), expected=tuple(expected[name].shape))
        net.load_state_dict({k: torch.from_numpy(v.astype("float32", copy=False)) for k, v in state.items()})
    net.eval()
    return net


def weights(net) -> dict:
    """The network's weights as numpy float32 arrays (name -> array), for the model file."""
    return {k: v.detach().cpu().numpy().astype("float32", copy=True) for k, v in net.state_dict().items()}
