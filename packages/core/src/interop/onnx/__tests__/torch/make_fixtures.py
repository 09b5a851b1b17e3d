"""Writes the torch.onnx.export fixtures that import.torch.test.ts reads: an MLP, a LeNet-style
CNN and an LSTM, each as <name>.onnx plus <name>.json with seeded input rows and PyTorch's outputs.

Run with a Python that has torch and onnx (the TorchScript exporter, dynamo=False):
    python3 make_fixtures.py
"""
import json

import torch
import torch.nn as nn

torch.manual_seed(0)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 6), nn.Tanh(), nn.Linear(6, 3), nn.Softmax(dim=1))

    def forward(self, x):
        return self.net(x)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Sequential(
            nn.Conv2d(1, 4, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(4, 6, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(6 * 2 * 2, 10), nn.ReLU(), nn.Linear(10, 3),
        )

    def forward(self, x):
        return self.f(x)


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(3, 5, batch_first=True)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


for name, model, shape in [('mlp', MLP(), (8, 4)), ('lenet', LeNet(), (4, 1, 12, 12)), ('lstm', LSTMNet(), (8, 7, 3))]:
    model.eval()
    x = torch.randn(*shape)
    torch.onnx.export(
        model, (x,), f'{name}.onnx', dynamo=False, opset_version=17,
        input_names=['input'], output_names=['output'],
        dynamic_axes={'input': {0: 'batch'}, 'output': {0: 'batch'}},
    )
    with torch.no_grad():
        y = model(x)
    with open(f'{name}.json', 'w') as f:
        json.dump({'rows': shape[0], 'input': x.flatten().tolist(), 'output': y.flatten().tolist()}, f)
        f.write('\n')
