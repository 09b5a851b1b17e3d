"""The PyTorch twin of a backprop model: torch and the standard library only.

A safetensors file written by `backprop export --format safetensors` holds the weights under the
state_dict names of the equivalent nn.Sequential, and the backprop spec in its __metadata__
("backprop.spec"). This module builds that nn.Sequential from the spec, loads the weights, gives
the loss the spec names (as backprop computes it), and writes a trained module back in the same
layout with the same __metadata__, so that `backprop import --from file.safetensors` reads it.

Module numbering (the same rule as backprop's state-dict.ts): dense, conv2d and
time-distributed-dense are one module (Linear / Conv2d) plus one for a non-linear activation;
every other layer is one module; a dense layer whose input has more than one axis is preceded by
an nn.Flatten. rnn, lstm and gru are nn.RNN / nn.LSTM / nn.GRU (one layer, batch_first) that
return the last step's hidden state (all steps with returnSequences); an rnn's or lstm's
bias_hh_l0 is not trained (backprop has one bias per gate, bias_ih_l0 + bias_hh_l0).

    python backprop_torch.py check model.safetensors     # prints a summary of the model
    python backprop_torch.py sgd model.safetensors data.json --steps 50 --lr 0.1
        # full-batch plain SGD on {"x": rows, "y": rows}; prints the loss before each step (JSON)
    python backprop_torch.py predict model.safetensors data.json
        # the module's outputs (eval mode) on {"x": rows}, as JSON rows
"""
import json
import math
import struct
import sys
import warnings

# torch warns once when numpy is absent; nothing here uses numpy.
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")

import torch  # noqa: E402
from torch import nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

SPEC_KEY = "backprop.spec"

_DTYPES = {
    "F32": (torch.float32, "f", 4),
    "F64": (torch.float64, "d", 8),
    "I64": (torch.int64, "q", 8),
}
_NAMES = {v[0]: k for k, v in _DTYPES.items()}


# ---------------------------------------------------------------- safetensors, by hand

def read_safetensors(path):
    """(tensors by name, __metadata__ dict) of a safetensors file (F32, F64 and I64 tensors)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path}: too short for a safetensors file")
    (n,) = struct.unpack("<Q", data[:8])
    if 8 + n > len(data):
        raise ValueError(f"{path}: header length {n} runs past the end of the file")
    header = json.loads(data[8:8 + n])
    body = data[8 + n:]
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']} (F32, F64 or I64 expected)")
        dtype, code, size = _DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        count = (end - begin) // size
        values = struct.unpack(f"<{count}{code}", body[begin:end])
        tensors[name] = torch.tensor(values, dtype=dtype).reshape(entry["shape"])
    return tensors, metadata


def safetensors_bytes(tensors, metadata=None):
    """A safetensors file holding `tensors` (name → tensor) and the string map `metadata`."""
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        t = t.detach().cpu().contiguous()
        if t.dtype not in _NAMES:
            t = t.float()
        kind = _NAMES[t.dtype]
        _, code, size = _DTYPES[kind]
        values = t.flatten().tolist()
        data = struct.pack(f"<{len(values)}{code}", *values)
        header[name] = {"dtype": kind, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        chunks.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - (8 + len(text)) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def write_safetensors(path, tensors, metadata=None):
    with open(path, "wb") as f:
        f.write(safetensors_bytes(tensors, metadata))


# ---------------------------------------------------------------- modules backprop has and PyTorch spells differently

class _Recurrent:
    """Mixin: batch_first input taken as flat rows of seq_len × features values; the last step's
    hidden state out (every step's with return_sequences)."""

    def configure(self, seq_len, features, return_sequences):
        self.seq_len, self.features, self.return_sequences = seq_len, features, return_sequences
        return self

    def forward(self, x):
        out, _ = super().forward(x.reshape(x.shape[0], self.seq_len, self.features))
        return out if self.return_sequences else out[:, -1, :]


class LastStepRNN(_Recurrent, nn.RNN):
    pass


class LastStepLSTM(_Recurrent, nn.LSTM):
    pass


class LastStepGRU(_Recurrent, nn.GRU):
    pass


class Reshape(nn.Module):
    def __init__(self, shape):
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)

    def extra_repr(self):
        return f"shape={self.shape}"


class GlobalAvgPool2d(nn.Module):
    """[C, H, W] → [C]: the mean of each channel."""

    def forward(self, x):
        return x.mean(dim=(2, 3))


class BackpropSequential(nn.Sequential):
    """An nn.Sequential that takes backprop's flat input rows ([rows, inputSize]) and gives it the
    spec's input shape first (embedding ids as integers). Its state_dict names are nn.Sequential's."""

    def configure(self, input_shape, ids):
        self.input_shape, self.ids = tuple(input_shape), ids
        return self

    def forward(self, x):
        x = x.reshape(x.shape[0], *self.input_shape)
        if self.ids:
            x = x.long()
        return super().forward(x)


_RECURRENT = {"rnn": (LastStepRNN, 1), "lstm": (LastStepLSTM, 4), "gru": (LastStepGRU, 3)}


def _pair(v, default=None):
    if v is None:
        v = default
    if isinstance(v, (list, tuple)):
        return int(v[0]), int(v[1])
    return int(v), int(v)


def _activation(name, alpha=None):
    if name in (None, "linear"):
        return None
    table = {
        "sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "selu": nn.SELU, "gelu": nn.GELU,
        "softplus": nn.Softplus, "silu": nn.SiLU, "mish": nn.Mish,
    }
    if name in table:
        return table[name]()
    if name == "leaky-relu":
        return nn.LeakyReLU(0.01 if alpha is None else alpha)
    if name == "elu":
        return nn.ELU(1.0 if alpha is None else alpha)
    if name == "gelu-tanh":
        return nn.GELU(approximate="tanh")
    if name == "softmax":
        return nn.Softmax(dim=-1)
    raise ValueError(f"activation '{name}' has no PyTorch module here")


def build_module(spec):
    """The BackpropSequential equal to a backprop ModelSpec (dict), numbered as state-dict.ts says."""
    input_shape = list(spec.get("inputShape") or [spec["inputSize"]])
    shape = list(input_shape)
    modules = []
    first = spec["layers"][0]["type"] if spec["layers"] else None
    size = lambda s: math.prod(s)
    for i, layer in enumerate(spec["layers"]):
        kind = layer["type"]
        where = f"layer {i + 1} ({kind})"
        if kind == "dense":
            if len(shape) > 1:
                modules.append(nn.Flatten())
            units = int(layer["units"])
            modules.append(nn.Linear(size(shape), units, bias=layer.get("useBias", True) is not False))
            act = _activation(layer.get("activation"), layer.get("alpha"))
            if act is not None:
                modules.append(act)
            shape = [units]
        elif kind == "time-distributed-dense":
            units = int(layer["units"])
            modules.append(nn.Linear(shape[-1], units, bias=layer.get("useBias", True) is not False))
            act = _activation(layer.get("activation"), layer.get("alpha"))
            if act is not None:
                modules.append(act)
            shape = shape[:-1] + [units]
        elif kind == "dropout":
            modules.append(nn.Dropout(float(layer["rate"])))
        elif kind == "conv2d":
            if len(shape) != 3:
                raise ValueError(f"{where}: needs an image input [C, H, W] (give the spec an inputShape)")
            c, h, w = shape
            k = _pair(layer["kernelSize"])
            s = _pair(layer.get("stride"), 1)
            d = _pair(layer.get("dilation"), 1)
            pad = layer.get("padding", 0)
            if pad == "valid":
                p = (0, 0)
            elif pad == "same":
                p = (d[0] * (k[0] - 1) // 2, d[1] * (k[1] - 1) // 2)
            else:
                p = _pair(pad, 0)
            filters = int(layer["filters"])
            modules.append(nn.Conv2d(c, filters, k, stride=s, padding=p, dilation=d, bias=layer.get("useBias", True) is not False))
            act = _activation(layer.get("activation"), layer.get("alpha"))
            if act is not None:
                modules.append(act)
            oh = (h + 2 * p[0] - d[0] * (k[0] - 1) - 1) // s[0] + 1
            ow = (w + 2 * p[1] - d[1] * (k[1] - 1) - 1) // s[1] + 1
            shape = [filters, oh, ow]
        elif kind in ("maxpool2d", "avgpool2d"):
            c, h, w = shape
            k = _pair(layer["kernelSize"])
            s = _pair(layer.get("stride"), k)
            p = _pair(layer.get("padding"), 0)
            cls = nn.MaxPool2d if kind == "maxpool2d" else nn.AvgPool2d
            modules.append(cls(k, stride=s, padding=p))
            shape = [c, (h + 2 * p[0] - k[0]) // s[0] + 1, (w + 2 * p[1] - k[1]) // s[1] + 1]
        elif kind == "globalavgpool2d":
            modules.append(GlobalAvgPool2d())
            shape = [shape[0]]
        elif kind == "flatten":
            modules.append(nn.Flatten())
            shape = [size(shape)]
        elif kind == "reshape":
            modules.append(Reshape(layer["shape"]))
            shape = list(layer["shape"])
        elif kind == "batchnorm":
            momentum, eps = float(layer.get("momentum", 0.1)), float(layer.get("eps", 1e-5))
            cls = nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d
            modules.append(cls(shape[0], eps=eps, momentum=momentum))
        elif kind == "layernorm":
            modules.append(nn.LayerNorm(shape, eps=float(layer.get("eps", 1e-5))))
        elif kind == "embedding":
            dim = int(layer["dim"])
            modules.append(nn.Embedding(int(layer["vocabSize"]), dim))
            shape = [size(shape), dim]
        elif kind in _RECURRENT:
            cls, _ = _RECURRENT[kind]
            units = int(layer["units"])
            total = size(shape)
            features = int(layer["features"]) if layer.get("features") is not None else total // int(layer["seqLen"])
            seq_len = int(layer["seqLen"]) if layer.get("seqLen") is not None else total // features
            if features * seq_len != total:
                raise ValueError(f"{where}: input width {total} is not seqLen × features")
            ret = bool(layer.get("returnSequences", False))
            rec = cls(features, units, batch_first=True).configure(seq_len, features, ret)
            if kind != "gru":
                # backprop's rnn and lstm have one bias per gate (b = b_ih + b_hh): bias_hh_l0 stays
                # fixed (zeros in an export) so that training moves b as backprop does, not twice as fast.
                rec.bias_hh_l0.requires_grad_(False)
            modules.append(rec)
            shape = [seq_len, units] if ret else [units]
        elif kind == "fixed-point":
            raise ValueError(f"{where}: a fixed-point (Almeida–Pineda) network has no PyTorch module")
        else:
            raise ValueError(f"{where}: no PyTorch module is defined for this layer type")
    torch_input = input_shape
    if first in _RECURRENT and len(torch_input) == 1:
        torch_input = input_shape  # the recurrent module shapes its own input
    return BackpropSequential(*modules).configure(torch_input, first == "embedding")


# ---------------------------------------------------------------- loading and saving

def load(path, dtype=torch.float32):
    """(module, metadata) from a safetensors file that carries a backprop spec; weights loaded strictly."""
    tensors, metadata = read_safetensors(path)
    if SPEC_KEY not in metadata:
        raise ValueError(f"{path}: no backprop spec in __metadata__ ('{SPEC_KEY}'); export it with `backprop export --format safetensors`")
    spec = json.loads(metadata[SPEC_KEY])
    module = build_module(spec).to(dtype)
    load_weights(module, tensors)
    return module, metadata


def load_weights(module, tensors):
    """Copies a state_dict (name → tensor) into `module` strictly, reshaping same-sized tensors."""
    own = module.state_dict()
    missing = [k for k in own if k not in tensors and not k.endswith("num_batches_tracked")]
    extra = [k for k in tensors if k not in own]
    if missing or extra:
        raise ValueError(f"state_dict mismatch: missing {missing}, unexpected {extra}")
    fixed = {}
    for name, target in own.items():
        t = tensors.get(name)
        if t is None:
            fixed[name] = target
            continue
        if t.numel() != target.numel():
            raise ValueError(f"tensor {name} has shape {list(t.shape)} but the module needs {list(target.shape)}")
        fixed[name] = t.reshape(target.shape).to(target.dtype)
    module.load_state_dict(fixed, strict=True)


def save(path, module, metadata):
    """Writes `module`'s state_dict as float32 with the same __metadata__ (spec, seed, metadata)."""
    state = {k: (v.float() if v.is_floating_point() else v) for k, v in module.state_dict().items()}
    write_safetensors(path, state, metadata)


# ---------------------------------------------------------------- the spec's loss, as backprop computes it

_FUSED = {"cross-entropy": nn.Softmax, "kl-divergence": nn.Softmax, "binary-cross-entropy": nn.Sigmoid}


def logits(module, spec, x):
    """The output the loss reads: with a fused loss (cross-entropy, kl-divergence: softmax;
    binary-cross-entropy: sigmoid) the values before a trailing Softmax / Sigmoid module."""
    fused = _FUSED.get(spec["loss"])
    last = module[len(module) - 1] if len(module) else None
    if fused is not None and isinstance(last, fused):
        x = x.reshape(x.shape[0], *module.input_shape)
        if module.ids:
            x = x.long()
        for m in list(module)[:-1]:
            x = m(x)
        return x
    return module(x)


def loss_fn(spec):
    """f(output, target) → (reported loss, objective): the value backprop reports and the one whose
    gradient its training follows (they differ only for mse, whose objective is ½·Σ(p − t)²)."""
    name = spec["loss"]
    opts = spec.get("lossOptions") or {}
    smoothing = float(opts.get("labelSmoothing", 0))
    delta = float(opts.get("huberDelta", 1))
    # Each on [rows, cols] outputs (logits for the fused losses) and targets, mean over the rows as backprop reports.
    same = {
        "cross-entropy": lambda o, t: F.cross_entropy(o, t, label_smoothing=smoothing),
        "kl-divergence": lambda o, t: F.kl_div(F.log_softmax(o, dim=1), t, reduction="batchmean"),
        "binary-cross-entropy": lambda o, t: F.binary_cross_entropy_with_logits(o, t, reduction="sum") / o.shape[0],
        "mae": lambda o, t: (o - t).abs().mean(),
        "huber": lambda o, t: F.huber_loss(o, t, delta=delta),
        "hinge": lambda o, t: F.multi_margin_loss(o, t.argmax(dim=1)),
    }
    if name != "mse" and name not in same:
        raise ValueError(f"loss '{name}' has no PyTorch counterpart here")

    def f(o, t):
        o, t = o.reshape(o.shape[0], -1), t.reshape(t.shape[0], -1).to(o.dtype)
        if name == "mse":
            sq = (o - t) ** 2
            return sq.mean(), 0.5 * sq.sum()
        v = same[name](o, t)
        return v, v

    return f


def spec_of(metadata):
    return json.loads(metadata[SPEC_KEY])


# ---------------------------------------------------------------- CLI

def _check(path):
    module, metadata = load(path)
    spec = spec_of(metadata)
    params = sum(p.numel() for p in module.parameters())
    print(f"{path}: {len(spec['layers'])} backprop layer(s), {len(module)} PyTorch module(s), {params} parameter(s), loss {spec['loss']}")
    print(f"input shape {list(module.input_shape)}{' (ids)' if module.ids else ''}")
    for k, m in enumerate(module):
        print(f"  {k}: {m}")
    module.eval()
    with torch.no_grad():
        x = torch.zeros(1, spec["inputSize"])
        y = module(x)
    print(f"output shape {list(y.shape[1:])}; every weight loaded (strict)")


def sgd_losses(module, spec, x, y, steps, lr):
    """The loss before each of `steps` full-batch plain SGD steps (lr on the spec's objective),
    as backprop's Model.fit with batchSize 0 reports them per epoch."""
    loss = loss_fn(spec)
    opt = torch.optim.SGD(module.parameters(), lr=lr)
    module.train()
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        reported, objective = loss(logits(module, spec, x), y)
        objective.backward()
        opt.step()
        losses.append(float(reported.detach()))
    return losses


def _sgd(argv):
    import argparse

    ap = argparse.ArgumentParser(prog="backprop_torch.py sgd")
    ap.add_argument("model")
    ap.add_argument("data", help='JSON {"x": [[...], ...], "y": [[...], ...]}')
    ap.add_argument("--steps", type=int, default=50)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--float64", action="store_true", help="compute in float64")
    args = ap.parse_args(argv)
    dtype = torch.float64 if args.float64 else torch.float32
    module, metadata = load(args.model, dtype)
    with open(args.data) as f:
        data = json.load(f)
    x = torch.tensor(data["x"], dtype=dtype)
    y = torch.tensor(data["y"], dtype=dtype)
    print(json.dumps(sgd_losses(module, spec_of(metadata), x, y, args.steps, args.lr)))


def _predict(argv):
    module, _ = load(argv[0], torch.float64)
    with open(argv[1]) as f:
        x = torch.tensor(json.load(f)["x"], dtype=torch.float64)
    module.eval()
    with torch.no_grad():
        y = module(x)
    print(json.dumps(y.reshape(y.shape[0], -1).tolist()))


def main(argv):
    if len(argv) == 2 and argv[0] == "check":
        _check(argv[1])
        return 0
    if len(argv) == 3 and argv[0] == "predict":
        _predict(argv[1:])
        return 0
    if argv[:1] == ["sgd"]:
        _sgd(argv[1:])
        return 0
    print("usage: python backprop_torch.py check model.safetensors\n"
          "       python backprop_torch.py sgd model.safetensors data.json [--steps 50] [--lr 0.1] [--float64]\n"
          "       python backprop_torch.py predict model.safetensors data.json", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
