#!/usr/bin/python3
"""PyTorch reference of TransferLab's default network (tl8-gray28, width 1.0) for ./benchmarks/training.sh.

The very same layers as io.transferlab.trainer.engine.network.Tl8Network: conv1 5x5/32 pad 2, max-pool 2;
conv2 5x5/64 pad 2, max-pool 2; conv3 3x3/96; conv4 3x3/96; conv5 3x3/64, max-pool 2; fc6 256 + dropout 0.5;
fc7 256 + dropout 0.5; fc8 softmax over 10 classes; He normal initialisation (Xavier for fc8), biases 0. SGD momentum 0.9, weight decay 5e-4 on weights only,
learning rate 0.01. Prints "pytorch batch=B img_per_s=X img_per_cpu_s=C" (C: images per second of process CPU time). Run with Debian's python3-torch (/usr/bin/python3).
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(root, stem):
    for name in (stem + ".gz", stem):
        if os.path.exists(os.path.join(root, name)):
            return os.path.join(root, name)
    raise FileNotFoundError(os.path.join(root, stem))


def network(width=1.0, classes=10):
    c = [max(1, round(x * width)) for x in (32, 64, 96, 96, 64)]
    fc = max(1, round(256 * width))
    return nn.Sequential(
        nn.Conv2d(1, c[0], 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(c[0], c[1], 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(c[1], c[2], 3, padding=1), nn.ReLU(),
        nn.Conv2d(c[2], c[3], 3, padding=1), nn.ReLU(),
        nn.Conv2d(c[3], c[4], 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(c[4] * 3 * 3, fc), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(fc, fc), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(fc, classes))


def initialise(net):
    """The engine's initialisation: He normal, N(0, 2 / fan-in), for conv1..fc7, Xavier normal,
    N(0, 2 / (fan-in + fan-out)), for fc8, biases 0 (Tl8Network's default, WeightInit.RELU and XAVIER)."""
    layers = [m for m in net if isinstance(m, (nn.Conv2d, nn.Linear))]
    for i, m in enumerate(layers):
        if i == len(layers) - 1:
            nn.init.xavier_normal_(m.weight)
        else:
            nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
        nn.init.zeros_(m.bias)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--iterations", type=int, default=60)
    p.add_argument("--width", type=float, default=1.0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    images = read_idx(find(a.data, "train-images-idx3-ubyte")).astype(np.float32) / 255.0
    labels = read_idx(find(a.data, "train-labels-idx1-ubyte")).astype(np.int64)
    images = (images - images.mean()) / images.std()
    x_all = torch.from_numpy(images).unsqueeze(1)
    y_all = torch.from_numpy(labels)
    order = torch.from_numpy(np.random.default_rng(1).permutation(len(labels)))
    net = network(a.width)
    initialise(net)
    net.train()
    weights = [q for n, q in net.named_parameters() if n.endswith("weight")]
    biases = [q for n, q in net.named_parameters() if n.endswith("bias")]
    opt = torch.optim.SGD([{"params": weights, "weight_decay": 5e-4}, {"params": biases, "weight_decay": 0.0}],
                          lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    start = 0.0
    cpu_start = 0.0
    for it in range(a.warmup + a.iterations):
        if it == a.warmup:
            start = time.perf_counter()
            cpu_start = time.process_time()
        frm = (it * a.batch) % (len(labels) - a.batch)
        idx = order[frm:frm + a.batch]
        x, y = x_all[idx], y_all[idx]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    images = a.iterations * a.batch
    print("pytorch batch=%d img_per_s=%.1f img_per_cpu_s=%.1f threads=%d torch=%s loss=%.4f"
          % (a.batch, images / seconds, images / cpu_seconds, torch.get_num_threads(), torch.__version__, loss.item()))


if __name__ == "__main__":
    main()
