"""Counts of round 11's texts by half, source and the source's own category (stdlib only).

Usage: python3 counts.py   (reads test/dev .jsonl and .groups.json next to this file)
The group of a text is its source's own category: Bedford's IncidentType, Dallas's "Type of
Incident", the USC alert's title (custody / arrest / update suffixes taken off).  The stratum
(build.py's sets over those categories) is printed first, then every category.
"""
import importlib.util
import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def stratum(source, cat, build):
    if source.startswith('bedford'):
        return build.bed_group(cat)
    if source.startswith('dallas'):
        return build.dal_group(cat)
    return 'all'


def main():
    spec = importlib.util.spec_from_file_location('build11', HERE / 'build.py')
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    for half in ('test', 'dev'):
        groups = json.load(open(HERE / (half + '.groups.json'), encoding='utf-8'))
        rows = [json.loads(line) for line in open(HERE / (half + '.jsonl'), encoding='utf-8')]
        print('%s: %d texts' % (half, len(rows)))
        for src in sorted({r['source'] for r in rows}):
            mine = [r for r in rows if r['source'] == src]
            print('  %s: %d' % (src, len(mine)))
            strata = Counter(stratum(src, groups[r['id']], build) for r in mine)
            print('    strata: %s' % ', '.join('%s %d' % kv for kv in sorted(strata.items())))
            for grp, n in sorted(Counter(groups[r['id']] for r in mine).items()):
                print('    %-66s %4d' % (grp, n))


if __name__ == '__main__':
    main()
