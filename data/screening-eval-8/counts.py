"""Texts per source and half, and label counts per half once labels exist (stdlib only).

Usage: python3 data/screening-eval-8/counts.py
Before labelling only the text counts are printed; a half's label counts appear once its label
file (dev.labels.jsonl, test.labels.final.jsonl) is committed.  Reads nothing outside this folder.
"""
import collections
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAGS = ('weapon', 'violence', 'medical')
CLASSES = ('present', 'hedged', 'negated', 'none')
HALVES = (('dev', 'dev.labels.jsonl'), ('test', 'test.labels.final.jsonl'))


def load(name):
    with open(HERE / name, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def report(half, label_file):
    texts = load(half + '.jsonl')
    per_source = collections.Counter(t['source'] for t in texts)
    print('%s: %d texts (%s)' % (half, len(texts), ', '.join('%s %d' % kv for kv in sorted(per_source.items()))))
    if not (HERE / label_file).exists():
        print('  no labels yet (%s)' % label_file)
        return
    labels = {row['id']: row for row in load(label_file)}
    missing = [t['id'] for t in texts if t['id'] not in labels]
    if missing:
        print('  %d texts have no label, e.g. %s' % (len(missing), missing[0]))
    got = [labels[t['id']] for t in texts if t['id'] in labels]
    print('  %-9s %8s %8s %8s %8s %16s' % (('flag',) + CLASSES + ('present+hedged',)))
    for flag in FLAGS:
        c = collections.Counter(row[flag] for row in got)
        print('  %-9s %8d %8d %8d %8d %16d' % ((flag,) + tuple(c[k] for k in CLASSES)
                                               + (c['present'] + c['hedged'],)))
    for source in sorted(per_source):
        mine = [labels[t['id']] for t in texts if t['source'] == source and t['id'] in labels]
        print('    %-30s present+hedged: %s' % (source, ', '.join(
            '%s %d' % (flag, sum(row[flag] in ('present', 'hedged') for row in mine)) for flag in FLAGS)))
    print('  no flag present or hedged: %d' % sum(
        all(row[f] not in ('present', 'hedged') for f in FLAGS) for row in got))


def main():
    for half, label_file in HALVES:
        if (HERE / (half + '.jsonl')).exists():
            report(half, label_file)


if __name__ == '__main__':
    main()
