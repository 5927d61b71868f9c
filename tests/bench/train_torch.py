#!/usr/bin/python3
"""The minicnn of io.runvault.training.Architectures in PyTorch, trained on the same Fashion-MNIST IDX
files with the same settings (batch 64, Adam 1e-3, Xavier-uniform weights), for a side-by-side
seconds-per-epoch figure. Uses Debian's python3-torch and python3-numpy:

    /usr/bin/python3 tests/bench/train_torch.py [--epochs 1] [--threads 2] [--schedule none|cosine]
                                                [--dir /usr/share/datasets/fashion-mnist]
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(directory, prefix):
    images = read_idx(os.path.join(directory, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(directory, f"{prefix}-labels-idx1-ubyte.gz"))
    x = torch.from_numpy(images.astype(np.float32) / 255.0).unsqueeze(1)
    y = torch.from_numpy(labels.astype(np.int64))
    return x, y


def minicnn(classes=10):
    layers = []
    channels = 1
    for filters in (32, 64, 64):
        layers += [nn.Conv2d(channels, filters, 3, padding=1, bias=False), nn.BatchNorm2d(filters, eps=1e-5),
                   nn.ReLU(), nn.MaxPool2d(2, 2)]
        channels = filters
    layers += [nn.Flatten(), nn.Linear(64 * 3 * 3, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, classes)]
    net = nn.Sequential(*layers)
    for m in net.modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            nn.init.xavier_uniform_(m.weight)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
    return net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--schedule", choices=("none", "cosine"), default="none")
    ap.add_argument("--dir", default="/usr/share/datasets/fashion-mnist")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(42)

    t0 = time.perf_counter()
    x_train, y_train = load(args.dir, "train")
    x_test, y_test = load(args.dir, "t10k")
    print(f"load {time.perf_counter() - t0:.1f} s; torch {torch.__version__}, threads {torch.get_num_threads()}")

    net = minicnn()
    params = sum(p.numel() for p in net.parameters() if p.requires_grad)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs) if args.schedule == "cosine" else None
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(42)
    epoch_times = []
    for epoch in range(1, args.epochs + 1):
        e0 = time.perf_counter()
        net.train()
        order = torch.randperm(len(x_train), generator=generator)
        total, correct, loss_sum = 0, 0, 0.0
        for start in range(0, len(order), args.batch):
            idx = order[start:start + args.batch]
            if len(idx) < 2:
                continue
            xb, yb = x_train[idx], y_train[idx]
            opt.zero_grad()
            out = net(xb)
            loss = loss_fn(out, yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            correct += (out.argmax(1) == yb).sum().item()
            total += len(idx)
        if scheduler is not None:
            scheduler.step()
        train_s = time.perf_counter() - e0
        net.eval()
        with torch.no_grad():
            probs = torch.cat([torch.softmax(net(x_test[i:i + 512]), 1) for i in range(0, len(x_test), 512)])
        acc = (probs.argmax(1) == y_test).float().mean().item()
        epoch_s = time.perf_counter() - e0
        epoch_times.append(epoch_s)
        print(f"epoch {epoch}: train {train_s:.1f} s, eval {epoch_s - train_s:.1f} s, train_loss {loss_sum / total:.4f},"
              f" train_acc {correct / total:.4f}, test_acc {acc:.4f}")
    print(f"pytorch minicnn: {params} parameters, {sum(epoch_times) / len(epoch_times):.1f} s/epoch,"
          f" test accuracy {acc:.4f}")


if __name__ == "__main__":
    main()
