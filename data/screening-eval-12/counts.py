"""Counts of round 12's texts by half, source and the source's own category (stdlib only).

Usage: python3 counts.py   (reads test/dev .jsonl and .groups.json next to this file)
The group of a text is its complaint's own `general_cap_classification` (Philadelphia Police
Department, Complaints Against Police).
"""
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    for half in ('test', 'dev'):
        groups = json.load(open(HERE / (half + '.groups.json'), encoding='utf-8'))
        rows = [json.loads(line) for line in open(HERE / (half + '.jsonl'), encoding='utf-8')]
        print('%s: %d texts' % (half, len(rows)))
        for src in sorted({r['source'] for r in rows}):
            mine = [r for r in rows if r['source'] == src]
            print('  %s: %d' % (src, len(mine)))
            for grp, n in sorted(Counter(groups[r['id']] for r in mine).items()):
                print('    %-40s %4d' % (grp, n))


if __name__ == '__main__':
    main()
