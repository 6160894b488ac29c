"""Pull the INFO (narrative) field, CALL type and NAME field out of the cadpage parser tests
(rot13-src/*ParserTest.java at commit 275b31cf of cadpage/cadpage-android) into cad_all.json.
Stdlib only. Usage: python3 cad_extract.py PATH/TO/cadpage-android/.git (a clone of
https://github.com/cadpage/cadpage-android holding that commit)."""
import subprocess, re, json, codecs, collections, sys
G=sys.argv[1] if len(sys.argv) > 1 else sys.exit(__doc__)
C='275b31cf886bf83ad262cdffc89dd39b3abfbf1c'
files=[f for f in subprocess.run(['git','--git-dir',G,'ls-tree','-r','--name-only',C],capture_output=True,text=True).stdout.split('\n') if f.endswith('ParserTest.java')]
rot=str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz','NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm')
lit=re.compile(r'"((?:[^"\\\n]|\\.)*)"')
def unesc(s):
    return re.sub(r'\\(u[0-9a-fA-F]{4}|.)', lambda m: {'n':'\n','t':'\t','r':'\r','"':'"','\\':'\\',"'":"'"}.get(m.group(1), chr(int(m.group(1)[1:],16)) if m.group(1).startswith('u') else m.group(1)), s)
out=[]; seen=set()
for f in files:
    src=subprocess.run(['git','--git-dir',G,'show',C+':'+f],capture_output=True,text=True,errors='replace').stdout
    if '/rot13-src/' in f: src=src.translate(rot)
    for m in re.finditer(r'doTest\(\s*"([^"]*)"\s*,(.*?)\);\s*\n', src, re.S):
        tid=m.group(1); lits=[unesc(x) for x in lit.findall(m.group(2))]
        fields={}
        for l in lits[1:]:
            if ':' in l:
                k,v=l.split(':',1)
                if k.isupper() and len(k)<=6: fields[k]=v
        info=fields.get('INFO','').strip()
        if not info: continue
        key=re.sub(r'\s+',' ',info.upper())
        if key in seen: continue
        seen.add(key)
        state=f.split('/')[-2]; cls=f.split('/')[-1][:-len('ParserTest.java')]
        out.append(dict(file=f,test=tid,state=state,cls=cls,call=fields.get('CALL',''),code=fields.get('CODE',''),info=info,name=fields.get('NAME','')))
json.dump(out,open('cad_all.json','w'))
print(len(out))
c=collections.Counter(o['call'].upper() for o in out); print(c.most_common(60))
