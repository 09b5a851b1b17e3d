"""Trains a backprop model with PyTorch DistributedDataParallel and writes it back for backprop.

    backprop export --model m.bpm --format safetensors --out m.safetensors
    torchrun --nproc-per-node 2 --master-addr 127.0.0.1 --master-port 29500 \
        python/train_ddp.py --model m.safetensors --data train.csv --epochs 5 --out trained.safetensors
    backprop import --from trained.safetensors --out trained.bpm
    backprop predict --model trained.bpm --input ...

The data is a CSV file with a header, as `backprop train --data file.csv` reads it: the model's
feature columns (its stored featureNames, else every column but the target) and a target column
(--target, default the last). A classifier's targets are its stored class names (one-hot); a
regression's are numbers. The stored preprocessing (standardize, minmax, scale) is applied to the inputs first,
as backprop predict does. The network, its weights layout and its loss are those of the file
(backprop_torch.py); every process runs the same model on its shard of each epoch, gloo
averages the gradients, and rank 0 writes the result with the file's __metadata__ unchanged.
Run without torchrun it trains in one process.
"""
import argparse
import csv
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import backprop_torch as bt  # noqa: E402
import torch  # noqa: E402
import torch.distributed as dist  # noqa: E402
from torch.nn.parallel import DistributedDataParallel  # noqa: E402
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset  # noqa: E402


def read_csv(path, metadata, target):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if r]
    header, rows = rows[0], rows[1:]
    t = header.index(target) if target else len(header) - 1
    features = metadata.get("featureNames") or [h for i, h in enumerate(header) if i != t]
    cols = [header.index(name) for name in features]
    x = torch.tensor([[float(r[c]) for c in cols] for r in rows], dtype=torch.float32)
    return preprocess(x, metadata.get("preprocess")), targets(path, rows, t, metadata.get("classNames"))


def preprocess(x, pre):
    """The model's stored preprocessing, as backprop predict applies it to raw rows."""
    if not pre:
        return x
    kind = pre.get("type")
    if kind == "standardize":
        shift, div = torch.tensor(pre["mean"], dtype=torch.float64), torch.tensor(pre["std"], dtype=torch.float64)
    elif kind == "minmax":
        shift = torch.tensor(pre["min"], dtype=torch.float64)
        div = torch.tensor(pre["max"], dtype=torch.float64) - shift
    elif kind == "scale":
        return (x.double() * float(pre["factor"])).float()
    else:
        raise SystemExit(f"preprocessing '{kind}' is not supported here (standardize, minmax, scale are)")
    # A constant feature (std or range 0) is only shifted, as in backprop.
    return ((x.double() - shift) / torch.where(div != 0, div, torch.ones_like(div))).float()


def targets(path, rows, t, classes):
    """One-hot rows for a classifier's class names, else the target column's numbers."""
    if classes:
        index = {name: i for i, name in enumerate(classes)}
        y = torch.zeros(len(rows), len(classes))
        for i, r in enumerate(rows):
            if r[t] not in index:
                raise SystemExit(f"{path}: row {i + 2}: class '{r[t]}' is not one of the model's {classes}")
            y[i, index[r[t]]] = 1
        return y
    return torch.tensor([[float(r[t])] for r in rows], dtype=torch.float32)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True, help="safetensors file from `backprop export --format safetensors`")
    ap.add_argument("--data", required=True, help="CSV file with a header")
    ap.add_argument("--target", help="the target column (default: the last)")
    ap.add_argument("--out", required=True, help="where rank 0 writes the trained safetensors file")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=32, help="rows per process per step")
    ap.add_argument("--lr", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    distributed = "WORLD_SIZE" in os.environ
    if distributed:
        dist.init_process_group("gloo")
    rank = dist.get_rank() if distributed else 0
    world = dist.get_world_size() if distributed else 1
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)

    module, metadata = bt.load(args.model)
    spec = bt.spec_of(metadata)
    meta = json.loads(metadata.get("backprop.metadata", "{}"))
    x, y = read_csv(args.data, meta, args.target)
    data = TensorDataset(x, y)
    sampler = DistributedSampler(data, num_replicas=world, rank=rank, shuffle=True, seed=args.seed) if distributed else None
    loader = DataLoader(data, batch_size=args.batch_size, sampler=sampler, shuffle=sampler is None)

    net = DistributedDataParallel(module) if distributed else module
    loss = bt.loss_fn(spec)
    opt = torch.optim.SGD(net.parameters(), lr=args.lr)
    batchnorm = any(isinstance(m, torch.nn.modules.batchnorm._BatchNorm) for m in module.modules())
    start = time.time()
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        net.train()
        total, rows = 0.0, 0
        for xb, yb in loader:
            if len(xb) < 2 and batchnorm:
                # BatchNorm cannot train on one row; every process has the same batch sizes, so all skip it.
                continue
            opt.zero_grad()
            # DDP's forward hooks run on net(...): the loss's logits come through it.
            out = _logits_ddp(net, module, spec, xb) if _fused(module, spec) else net(xb)
            reported, objective = loss(out, yb)
            objective.backward()
            opt.step()
            total += float(reported.detach()) * len(xb)
            rows += len(xb)
        stats = torch.tensor([total, rows], dtype=torch.float64)
        if distributed:
            dist.all_reduce(stats)
        if rank == 0:
            print(json.dumps({"epoch": epoch + 1, "loss": float(stats[0] / stats[1]), "rows": int(stats[1]), "processes": world}), flush=True)
    if rank == 0:
        bt.save(args.out, module, metadata)
        print(json.dumps({"out": args.out, "epochs": args.epochs, "processes": world, "seconds": round(time.time() - start, 3)}), flush=True)
    if distributed:
        dist.barrier()
        dist.destroy_process_group()


def _fused(module, spec):
    last = module[len(module) - 1] if len(module) else None
    fused = bt._FUSED.get(spec["loss"])
    return fused is not None and isinstance(last, fused)


def _logits_ddp(net, module, spec, xb):
    """With a fused loss, the module runs without its trailing Softmax/Sigmoid: switch it off for
    the call through DDP (so gradient averaging still happens) and back on after."""
    last = module[len(module) - 1]
    module[len(module) - 1] = torch.nn.Identity()
    try:
        return net(xb)
    finally:
        module[len(module) - 1] = last


if __name__ == "__main__":
    main()
    # Leave without the interpreter's teardown: the gloo backend's threads can otherwise abort
    # the process at exit ("terminate called without an active exception") after a clean run.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
