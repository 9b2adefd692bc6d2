"""Laying out a graph beforehand, in linear time past a backbone: vis-network's own physics
needs tens of seconds to settle a few thousand nodes, so the page draws with physics off."""
from __future__ import annotations

import heapq
import math
from collections import Counter, deque
from collections.abc import Mapping
from typing import Any

import networkx as nx

LAYOUT_SEED = 7
BACKBONE = 400        # nodes laid out by spring_layout; the rest are placed around them
SPRING_ITERATIONS = 60
LEAF_SPACING = 38.0   # px between successive leaves spiralling around their anchor


def layout(g: nx.MultiDiGraph, names: Mapping | None = None) -> dict[Any, tuple[float, float]]:
    """Pixel positions: each connected component laid out on its own, biggest first,
    the small ones shelved in rows under it, so none drifts off the screen. `names` (the
    labels to be drawn) make room for long names."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g, key=str))  # the store's order must not move anything
    simple.add_edges_from((u, v) for u, v in g.edges() if u != v)
    names = names or {}
    radius = {n: max(node_size(d) + 10.0, 3.6 * min(len(str(names.get(n, n))), 40))
              for n, d in g.degree()}
    comps = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(map(str, c))))
    return _shelve([_component_layout(_ordered(simple, c), radius) for c in comps])


def _ordered(g: nx.Graph, nodes) -> nx.Graph:
    """The subgraph on `nodes` with nodes and edges in sorted order. A subgraph view
    iterates its node set, whose order follows the hash seed; spring_layout's result
    follows the order of its nodes, so the page would change from run to run."""
    out = nx.Graph()
    out.add_nodes_from(sorted(nodes, key=str))
    out.add_edges_from(sorted(((u, v) if str(u) <= str(v) else (v, u) for u, v in g.subgraph(nodes).edges()),
                              key=lambda e: (str(e[0]), str(e[1]))))
    return out


def node_size(metric: int) -> float:
    return round(min(10 + 4.5 * math.log2(1 + max(metric, 0)), 46), 1)


def _component_layout(c: nx.Graph, radius: Mapping) -> dict[Any, tuple[float, float]]:
    if len(c) == 1:
        return {next(iter(c)): (0.0, 0.0)}
    if len(c) == 2:
        a, b = sorted(c, key=str)
        return {a: (-70.0, 0.0), b: (70.0, 0.0)}
    core = _ordered(c, _backbone(c, BACKBONE))
    scale = 70.0 * math.sqrt(len(core)) + 40.0  # compact: _push_apart keeps the spacing
    pos = nx.spring_layout(core, seed=LAYOUT_SEED, iterations=SPRING_ITERATIONS, scale=scale)
    placed = _push_apart({n: (float(p[0]), float(p[1])) for n, p in pos.items()}, radius)
    if len(placed) < len(c):
        ranked = sorted(placed, key=lambda n: (-c.degree(n), str(n)))
        _place_around(c, placed, ranked)
    return placed


def _push_apart(pos: dict, radius: Mapping, rounds: int = 30) -> dict:
    """Move overlapping nodes apart until each keeps its size plus room for its label.
    Spring layouts pull hubs that share neighbours onto each other; the hubs are what a
    reader looks for first."""
    import numpy as np

    nodes = list(pos)
    xy = np.array([pos[n] for n in nodes], dtype=float)
    room = np.array([radius[n] for n in nodes], dtype=float)
    need = room[:, None] + room[None, :] + 24.0  # 24 px: a line of label text
    np.fill_diagonal(need, 0.0)
    jitter = np.random.default_rng(LAYOUT_SEED).uniform(-0.5, 0.5, xy.shape)
    xy += jitter  # nodes on the very same spot have no direction to part in
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.maximum(np.hypot(delta[..., 0], delta[..., 1]), 1e-6)
        short = np.clip(need - dist, 0.0, None)
        if not short.any():
            break
        xy += (delta * (short / dist / 2.0)[..., None]).sum(axis=1)
    return {n: (float(x), float(y)) for n, (x, y) in zip(nodes, xy)}


def _backbone(c: nx.Graph, size: int) -> list:
    """Up to `size` well-connected nodes that hang together: grown from the biggest hub,
    always taking the best-connected node on its border. The plain top-`size` by degree
    would hold nodes with no neighbour among them, which a spring layout flings away."""
    if len(c) <= size:
        return list(c)
    key = {n: (-c.degree(n), str(n)) for n in c}
    start = min(c, key=key.__getitem__)
    chosen, seen, border = [], {start}, [(key[start], start)]
    while border and len(chosen) < size:
        _, n = heapq.heappop(border)
        chosen.append(n)
        for m in c[n]:
            if m not in seen:
                seen.add(m)
                heapq.heappush(border, (key[m], m))
    return chosen


def _place_around(c: nx.Graph, placed: dict, frontier: list) -> None:
    """Put every node outside the backbone on a sunflower spiral around the first placed
    neighbour a breadth-first walk from the backbone reaches it by: linear time, where
    a force layout of all nodes is quadratic."""
    golden = math.pi * (3.0 - math.sqrt(5.0))
    children: Counter = Counter()
    queue = deque(frontier)
    while queue:
        anchor = queue.popleft()
        ax, ay = placed[anchor]
        for n in sorted((m for m in c[anchor] if m not in placed), key=str):
            k = children[anchor] = children[anchor] + 1
            r, theta = LEAF_SPACING * (1.0 + math.sqrt(k)), k * golden
            placed[n] = (ax + r * math.cos(theta), ay + r * math.sin(theta))
            queue.append(n)


def _shelve(parts: list[dict], gap: float = 70.0) -> dict[Any, tuple[float, float]]:
    """Rows of components, biggest first, in a block about as wide as it is tall."""
    boxes = [_bbox(p) for p in parts]
    area = sum((x1 - x0 + gap) * (y1 - y0 + gap) for x0, y0, x1, y1 in boxes)
    width = max([math.sqrt(area) * 1.3] + [x1 - x0 for x0, _, x1, _ in boxes])
    out: dict = {}
    x = y = row_h = 0.0
    for part, (x0, y0, x1, y1) in zip(parts, boxes):
        w, h = x1 - x0, y1 - y0
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        out.update({n: (round(px - x0 + x, 1), round(py - y0 + y, 1)) for n, (px, py) in part.items()})
        x, row_h = x + w + gap, max(row_h, h)
    return out


def _bbox(pos: Mapping) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)
