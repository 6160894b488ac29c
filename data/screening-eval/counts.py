"""Print label counts per half, per flag (stdlib only).

Usage: python3 data/screening-eval/counts.py
"""
import collections
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLAGS = ('weapon', 'violence', 'medical')
LABELS = ('present', 'hedged', 'negated', 'none')


def load(half):
    texts = {}
    for line in open(HERE / (half + '.jsonl'), encoding='utf-8'):
        row = json.loads(line)
        texts[row['id']] = row
    labels = [json.loads(line) for line in open(HERE / (half + '.labels.jsonl'), encoding='utf-8')]
    assert len(labels) == len(texts) and all(l['id'] in texts for l in labels), half
    return texts, labels


def main():
    total = collections.Counter()
    for half in ('dev', 'test'):
        texts, labels = load(half)
        sources = collections.Counter(texts[l['id']]['source'] for l in labels)
        print('%s: %d texts (%s)' % (half, len(labels),
                                     ', '.join('%s %d' % kv for kv in sorted(sources.items()))))
        print('  %-9s %8s %8s %8s %8s %16s' % (('flag',) + LABELS + ('present+hedged',)))
        for flag in FLAGS:
            c = collections.Counter(l[flag] for l in labels)
            ph = c['present'] + c['hedged']
            total[flag] += ph
            total[flag + ':negated'] += c['negated']
            print('  %-9s %8d %8d %8d %8d %16d' % ((flag,) + tuple(c[k] for k in LABELS) + (ph,)))
        nothing = sum(1 for l in labels if all(l[f] == 'none' for f in FLAGS))
        clean = sum(1 for l in labels if all(l[f] in ('none', 'negated') for f in FLAGS))
        total['none'] += nothing
        total['clean'] += clean
        total['texts'] += len(labels)
        print('  all three none: %d; no flag present or hedged: %d' % (nothing, clean))
    print('both halves: %d texts; present+hedged weapon %d, violence %d, medical %d; '
          'negated weapon %d, violence %d, medical %d; all three none %d; '
          'no flag present or hedged %d' % (
              total['texts'], total['weapon'], total['violence'], total['medical'],
              total['weapon:negated'], total['violence:negated'], total['medical:negated'],
              total['none'], total['clean']))


if __name__ == '__main__':
    main()
