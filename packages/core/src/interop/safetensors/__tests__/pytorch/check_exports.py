"""Loads safetensors files written by backprop's exportSafetensors into the PyTorch networks of
make_fixtures.py (load_state_dict with strict=True: every name and shape must match) and prints,
as one JSON object, each network's largest output difference from its fixture's PyTorch outputs.

    python check_exports.py <folder holding <name>.safetensors files>

safetensors-torch.test.ts runs it when a Python with torch is found.
"""
import json
import os
import sys

import torch

from make_fixtures import architectures, read_safetensors, torch_input

HERE = os.path.dirname(os.path.abspath(__file__))


def main(folder):
    result = {}
    for name, net in architectures().items():
        path = os.path.join(folder, f"{name}.safetensors")
        if not os.path.exists(path):
            continue
        net.load_state_dict(read_safetensors(path), strict=True)
        net.eval()
        with open(os.path.join(HERE, f"{name}.json")) as f:
            fixture = json.load(f)
        with torch.no_grad():
            y = net(torch_input(name, fixture["input"], fixture["rows"])).flatten().double()
        result[name] = float((y - torch.tensor(fixture["output"], dtype=torch.float64)).abs().max())
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1])
