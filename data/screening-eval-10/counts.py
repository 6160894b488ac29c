"""Counts of round 10's texts by half, source and the source's own category (stdlib only).

Usage: python3 counts.py   (reads test/dev .jsonl and .groups.json next to this file)
The group of a complaint summary is its CPDP allegation category; the group of a press release is
"<county>: <crime type>" (the crime type of the repository's classifications_local.csv).
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
            if src.startswith('county'):
                for key, label in ((0, 'county'), (1, 'crime type')):
                    by = Counter(groups[r['id']].split(': ', 1)[key] for r in mine)
                    print('    by %s: %s' % (label, ', '.join('%s %d' % kv for kv in sorted(by.items()))))
            else:
                by = Counter(groups[r['id']] for r in mine)
                for grp, n in sorted(by.items()):
                    print('    %-45s %4d' % (grp, n))


if __name__ == '__main__':
    main()
