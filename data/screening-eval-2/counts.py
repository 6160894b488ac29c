"""Print texts per source and label counts per half and flag (stdlib only).

Usage: python3 data/screening-eval-2/counts.py
A half whose labels are not yet committed is shown with its text counts only.
"""
import collections
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAGS = ('weapon', 'violence', 'medical')
LABELS = ('present', 'hedged', 'negated', 'none')
LABEL_FILES = {'dev': 'dev.labels.jsonl', 'test': 'test.labels.final.jsonl'}


def read_jsonl(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def show(half, total):
    texts = {row['id']: row for row in read_jsonl(HERE / (half + '.jsonl'))}
    sources = collections.Counter(row['source'] for row in texts.values())
    print('%s: %d texts (%s)' % (half, len(texts), ', '.join('%s %d' % kv for kv in sorted(sources.items()))))
    path = HERE / LABEL_FILES[half]
    if not path.exists():
        print('  no labels yet (%s)' % path.name)
        return
    labels = read_jsonl(path)
    assert len(labels) == len(texts) and {l['id'] for l in labels} == set(texts), half
    for l in labels:
        assert all(l[f] in LABELS for f in FLAGS), l['id']
    print('  %-9s %8s %8s %8s %8s %16s' % (('flag',) + LABELS + ('present+hedged',)))
    for flag in FLAGS:
        c = collections.Counter(l[flag] for l in labels)
        ph = c['present'] + c['hedged']
        total[flag] += ph
        print('  %-9s %8d %8d %8d %8d %16d' % ((flag,) + tuple(c[k] for k in LABELS) + (ph,)))
    for source in sorted(sources):
        rows = [l for l in labels if texts[l['id']]['source'] == source]
        ph = ['%s %d' % (f, sum(l[f] in ('present', 'hedged') for l in rows)) for f in FLAGS]
        print('    %-24s present+hedged: %s' % (source, ', '.join(ph)))
    nothing = sum(1 for l in labels if all(l[f] == 'none' for f in FLAGS))
    clean = sum(1 for l in labels if all(l[f] in ('none', 'negated') for f in FLAGS))
    total['none'] += nothing
    print('  all three none: %d; no flag present or hedged: %d' % (nothing, clean))


def main():
    total = collections.Counter()
    for half in ('dev', 'test'):
        show(half, total)
    if total:
        print('labelled halves together: present+hedged weapon %d, violence %d, medical %d; all three none %d' % (
            total['weapon'], total['violence'], total['medical'], total['none']))


if __name__ == '__main__':
    main()
