#!/usr/bin/env python3
"""Prints each criterion benchmark's mean as a ratio to its group's baseline (the first name
listed below that the group has), from target/criterion after `cargo bench -p braze-benches`."""
import glob, json, os

BASELINES = ['hand_written_struct', 'plain_reqwest']
ROOT = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'target', 'criterion')

for group in sorted(glob.glob(os.path.join(ROOT, '*/'))):
    means = {}
    for path in glob.glob(os.path.join(group, '*', 'new', 'estimates.json')):
        means[path.split(os.sep)[-3]] = json.load(open(path))['mean']['point_estimate']
    base = next((b for b in BASELINES if b in means), None)
    if base is None:
        continue
    print(os.path.basename(group.rstrip('/')))
    for name, mean in sorted(means.items(), key=lambda kv: kv[1]):
        print(f'  {name:32} {mean / 1000:10.2f} us   {mean / means[base]:.3f}x {base}')
