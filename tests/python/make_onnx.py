"""Writes a small image classifier as ONNX, the way a client's PyTorch pipeline would.

usage: make_onnx.py OUT.onnx [--channels 1] [--size 28] [--classes 10] [--seed 0]

A two-convolution CNN with seeded random weights and a softmax output, exported with
torch.onnx.export with a dynamic batch axis. Run with Debian's /usr/bin/python3 (python3-torch).
"""
import argparse

import torch
from torch import nn


class SmallCnn(nn.Module):
    def __init__(self, channels, size, classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(channels, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Linear(16 * (size // 4) * (size // 4), classes)

    def forward(self, x):
        return torch.softmax(self.head(torch.flatten(self.features(x), 1)), dim=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--channels", type=int, default=1)
    parser.add_argument("--size", type=int, default=28)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    model = SmallCnn(args.channels, args.size, args.classes).eval()
    example = torch.zeros(1, args.channels, args.size, args.size)
    torch.onnx.export(model, example, args.out, input_names=["image"], output_names=["scores"],
                      dynamic_axes={"image": {0: "batch"}, "scores": {0: "batch"}}, opset_version=13)


if __name__ == "__main__":
    main()
