"""Writes the PyTorch fixtures that safetensors-pytorch.test.ts imports.

For each network below: <name>.safetensors, the state_dict of a plain nn.Sequential (written
with python/backprop_torch.py's struct-and-json writer, so neither numpy nor the safetensors
package is needed), and
<name>.json, the equivalent backprop ModelSpec with inputs and PyTorch's outputs on them.

Run from this folder with any Python that has torch (CPU is enough):
    python make_fixtures.py
The files are committed; the tests read them without torch.
"""
import json
import os
import sys

import torch
from torch import nn

# The repository's python/ folder: its safetensors reader and writer (struct and json only).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), *[".."] * 7, "python"))
import backprop_torch  # noqa: E402
from backprop_torch import safetensors_bytes  # noqa: E402


class LastStep(nn.Module):
    """Mixin: a recurrent module (batch_first) that returns the last step's hidden state."""

    def forward(self, x):
        out, _ = super().forward(x)
        return out[:, -1, :]


class LastStepLSTM(LastStep, nn.LSTM):
    pass


class LastStepGRU(LastStep, nn.GRU):
    pass


class LastStepRNN(LastStep, nn.RNN):
    pass


def randomise(module, gen):
    """Every parameter and running statistic drawn, so that no zero or one hides a mix-up."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.rand(p.shape, generator=gen) * 1.2 - 0.6)
        for name, b in module.named_buffers():
            if name.endswith("running_mean"):
                b.copy_(torch.rand(b.shape, generator=gen) - 0.5)
            elif name.endswith("running_var"):
                b.copy_(torch.rand(b.shape, generator=gen) + 0.5)
            elif name.endswith("num_batches_tracked"):
                b.fill_(7)


def read_safetensors(path):
    """The tensors of a safetensors file (F64 tensors returned as float32, as the networks are)."""
    tensors, _ = backprop_torch.read_safetensors(path)
    return {name: t.float() if t.dtype == torch.float64 else t for name, t in tensors.items()}


def write(name, net, spec, x, torch_input=None, dtype=torch.float32):
    net = net.to(dtype).eval()
    with torch.no_grad():
        y = net(x.to(dtype) if torch_input is None else torch_input)
    with open(f"{name}.safetensors", "wb") as f:
        f.write(safetensors_bytes(net.state_dict()))
    rows = x.shape[0]
    fixture = {"spec": spec, "rows": rows, "input": x.reshape(rows, -1).flatten().tolist(), "output": y.reshape(rows, -1).flatten().tolist()}
    with open(f"{name}.json", "w") as f:
        json.dump(fixture, f)
        f.write("\n")


def architectures():
    """The networks, freshly initialised, by fixture name (check_exports.py loads into these too)."""
    recurrent = {kind: nn.Sequential(cls(2, 3, batch_first=True), nn.Linear(3, 2)) for kind, cls in (("lstm", LastStepLSTM), ("gru", LastStepGRU), ("rnn", LastStepRNN))}
    return {
        "mlp": nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)),
        "lenet": nn.Sequential(
            nn.Conv2d(1, 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(2, 3, 3), nn.Tanh(), nn.Flatten(), nn.Linear(3, 2),
        ),
        "norm": nn.Sequential(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.Linear(6, 6), nn.Tanh(), nn.LayerNorm(6), nn.Linear(6, 2)),
        "embedding": nn.Sequential(nn.Embedding(5, 2), nn.Flatten(), nn.Linear(6, 2)),
        **recurrent,
    }


def torch_input(name, values, rows):
    """A fixture's flat input rows in the shape the network takes."""
    x = torch.tensor(values)
    if name == "embedding":
        return x.long().reshape(rows, -1)
    if name == "lenet":
        return x.reshape(rows, 1, 6, 6)
    if name in ("lstm", "gru", "rnn"):
        return x.reshape(rows, 4, 2)
    return x.reshape(rows, -1)


def main():
    gen = torch.Generator().manual_seed(0)
    nets = architectures()

    mlp = nets["mlp"]
    randomise(mlp, gen)
    # Stored as F64: the importer rounds to float32.
    write("mlp", mlp, {"inputSize": 4, "layers": [{"type": "dense", "units": 8, "activation": "relu"}, {"type": "dense", "units": 3}], "loss": "mse"},
          torch.rand(5, 4, generator=gen) * 2 - 1, dtype=torch.float64)

    lenet = nets["lenet"]
    randomise(lenet, gen)
    write("lenet", lenet, {
        "inputSize": 36, "inputShape": [1, 6, 6],
        "layers": [
            {"type": "conv2d", "filters": 2, "kernelSize": 3, "padding": 1, "activation": "relu"},
            {"type": "maxpool2d", "kernelSize": 2},
            {"type": "conv2d", "filters": 3, "kernelSize": 3, "activation": "tanh"},
            {"type": "flatten"},
            {"type": "dense", "units": 2},
        ],
        "loss": "mse",
    }, torch.rand(4, 1, 6, 6, generator=gen) * 2 - 1)

    norm = nets["norm"]
    randomise(norm, gen)
    write("norm", norm, {
        "inputSize": 4,
        "layers": [
            {"type": "dense", "units": 6}, {"type": "batchnorm"}, {"type": "dense", "units": 6, "activation": "tanh"},
            {"type": "layernorm"}, {"type": "dense", "units": 2},
        ],
        "loss": "mse",
    }, torch.rand(5, 4, generator=gen) * 2 - 1)

    embedding = nets["embedding"]
    randomise(embedding, gen)
    ids = torch.randint(0, 5, (4, 3), generator=gen)
    write("embedding", embedding, {"inputSize": 3, "layers": [{"type": "embedding", "vocabSize": 5, "dim": 2}, {"type": "dense", "units": 2}], "loss": "mse"},
          ids.to(torch.float32), torch_input=ids)

    for kind in ("lstm", "gru", "rnn"):
        net = nets[kind]
        randomise(net, gen)
        write(kind, net, {"inputSize": 8, "layers": [{"type": kind, "units": 3, "features": 2}, {"type": "dense", "units": 2}], "loss": "mse"},
              torch.rand(4, 4, 2, generator=gen) * 2 - 1)


if __name__ == "__main__":
    main()
