"""Which crates the shipped code comes from: reads a wasm file's code section and its name section
(the wasm before wasm-opt strips names: target/wasm32-unknown-unknown/release/policy_matcher.wasm)
and adds up function body sizes by crate. Prints a Markdown table.
    python3 scripts/wasm-sizes.py target/wasm32-unknown-unknown/release/policy_matcher.wasm"""
import collections, re, sys

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80:
            return r, i

def crate(name):
    m = re.search(r'Cs[0-9A-Za-z]+_(\d+)([A-Za-z_][A-Za-z0-9_]*)', name)   # v0 mangling
    if m:
        return m.group(2)[:int(m.group(1))]
    m = re.match(r'_ZN(\d+)(.*)', name)                                     # legacy mangling
    if m:
        seg = m.group(2)[:int(m.group(1))]
        seg = re.sub(r'^_?\$LT\$', '', seg)
        return re.split(r'\.\.|\$', seg)[0] or '?'
    return name.split('::')[0] if '::' in name else '(other)'

data = open(sys.argv[1], 'rb').read()
i, sections, names, imports = 8, {}, {}, 0
while i < len(data):
    sid = data[i]; size, i = leb(data, i + 1); body = data[i:i + size]; i += size
    if sid == 0:
        n, j = leb(body, 0)
        if body[j:j + n] == b'name':
            nb, k = body[j + n:], 0
            while k < len(nb):
                sub = nb[k]; sz, k = leb(nb, k + 1); end = k + sz
                if sub == 1:
                    cnt, q = leb(nb, k)
                    for _ in range(cnt):
                        idx, q = leb(nb, q); ln, q = leb(nb, q); names[idx] = nb[q:q + ln].decode(errors='replace'); q += ln
                k = end
    else:
        sections[sid] = body
b, j = sections.get(2, b''), 0
if b:
    cnt, j = leb(b, 0)
    for _ in range(cnt):
        for _ in range(2):
            n, j = leb(b, j); j += n
        kind = b[j]; j += 1
        if kind == 0:
            _, j = leb(b, j); imports += 1
        elif kind in (1, 2):
            if kind == 1: j += 1
            fl, j = leb(b, j); _, j = leb(b, j)
            if fl & 1: _, j = leb(b, j)
        else:
            j += 2
code, j = sections[10], 0
cnt, j = leb(code, 0)
by = collections.Counter()
for f in range(cnt):
    size, j = leb(code, j); by[crate(names.get(imports + f, '?'))] += size; j += size
total = sum(by.values())
data_bytes = len(sections.get(11, b''))
print('| crate | code bytes (before wasm-opt) | share |')
print('|---|---:|---:|')
for k, v in by.most_common(14):
    print(f'| {k} | {v} | {100 * v / total:.1f}% |')
print(f'| **all code** | {total} | 100% |')
print(f'| data section (the catalog JSON, strings, tables) | {data_bytes} | |')
