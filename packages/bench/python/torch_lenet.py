"""PyTorch on W5: LeNet-5 on 1x28x28 digits, trained with plain SGD, timed in samples/s.

conv 6@5x5 pad 2 + ReLU, maxpool 2, conv 16@5x5 + ReLU, maxpool 2, dense 120 ReLU, dense 84 ReLU,
dense 10, softmax + cross-entropy (F.cross_entropy: mean over the batch), SGD lr 0.05, batch 64.
Initialisation as backprop's defaults: He-normal (fan in) kernels for the ReLU layers, Xavier-uniform
for the output layer, zero biases. The parameter count is printed so the caller can check it is
LeNet-5's 61,706.

The digits come from --x (float32, rows x 784, pixel values in [0, 1]) and --y (uint8 labels), as the
benchmark writes them. One warm-up unit, then --units timed units; each unit walks a fresh seeded
shuffle of the rows in --batches batches of 64 (the batches of one epoch when --batches is rows/64).

Prints one JSON line: samples_per_s (median over the units, wall clock), per_unit, cpu_samples_per_s
(median of samples per CPU-second of the process, all its threads), unit_samples, parameters,
peak_rss_bytes (the process's maximum resident set size), threads, torch, loss (the last batch's).

Usage: python torch_lenet.py --x X --y Y --threads N --batches B --units U
"""

import argparse
import json
import resource
import statistics
import time

import torch
import torch.nn.functional as F
from torch import nn

BATCH = 64
LR = 0.05


def lenet5() -> nn.Sequential:
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120),
        nn.ReLU(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10),
    )
    weighted = [m for m in model if isinstance(m, (nn.Conv2d, nn.Linear))]
    for i, m in enumerate(weighted):
        if i + 1 < len(weighted):
            nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
        else:
            nn.init.xavier_uniform_(m.weight)
        nn.init.zeros_(m.bias)
    return model


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--x", required=True)
    p.add_argument("--y", required=True)
    p.add_argument("--threads", type=int, required=True)
    p.add_argument("--batches", type=int, required=True)
    p.add_argument("--units", type=int, required=True)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    with open(a.x, "rb") as f:
        x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).reshape(-1, 1, 28, 28)
    with open(a.y, "rb") as f:
        y = torch.frombuffer(bytearray(f.read()), dtype=torch.uint8).long()
    n = x.shape[0]
    if y.shape[0] != n or a.batches * BATCH > n:
        raise SystemExit(f"torch_lenet: {n} images, {y.shape[0]} labels, {a.batches} batches of {BATCH}")

    model = lenet5()
    optimizer = torch.optim.SGD(model.parameters(), lr=LR)
    generator = torch.Generator().manual_seed(2)
    last_loss = float("nan")

    def run_unit() -> tuple[float, float]:
        nonlocal last_loss
        order = torch.randperm(n, generator=generator)
        c0 = time.process_time()
        t0 = time.perf_counter()
        for b in range(a.batches):
            rows = order[b * BATCH : (b + 1) * BATCH]
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x[rows]), y[rows])
            loss.backward()
            optimizer.step()
        last_loss = loss.item()
        samples = a.batches * BATCH
        return samples / (time.perf_counter() - t0), samples / (time.process_time() - c0)

    run_unit()
    timed = [run_unit() for _ in range(a.units)]
    print(
        json.dumps(
            {
                "samples_per_s": statistics.median(w for w, _ in timed),
                "per_unit": [w for w, _ in timed],
                "cpu_samples_per_s": statistics.median(c for _, c in timed),
                "unit_samples": a.batches * BATCH,
                "parameters": sum(p.numel() for p in model.parameters()),
                # Linux reports ru_maxrss in kilobytes.
                "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
                "threads": torch.get_num_threads(),
                "torch": torch.__version__,
                "loss": last_loss,
            }
        )
    )


if __name__ == "__main__":
    main()
