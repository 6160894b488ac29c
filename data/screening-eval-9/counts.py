"""Counts of round 9's texts by half, source and the source's own category group (stdlib only).

Usage: python3 counts.py   (reads test/dev .jsonl and .groups.json next to this file)
"""
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    for half in ('test', 'dev', 'test_b', 'dev_b'):
        groups = json.load(open(HERE / (half + '.groups.json'), encoding='utf-8'))
        rows = [json.loads(line) for line in open(HERE / (half + '.jsonl'), encoding='utf-8')]
        by = Counter((r['source'], groups[r['id']]) for r in rows)
        print('%s: %d texts' % (half, len(rows)))
        for (src, grp), n in sorted(by.items()):
            print('  %-22s %-6s %4d' % (src, grp, n))


if __name__ == '__main__':
    main()
