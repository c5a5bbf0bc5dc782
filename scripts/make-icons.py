"""Draws the app icons (www/icon-192.png, www/icon-512.png): a blue rounded square with a white
check mark, with no image library. Run once; the PNGs are committed."""
import struct, zlib, math, sys, os

def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)

def icon(n):
    r = n * 0.18
    rows = []
    for y in range(n):
        row = bytearray([0])
        for x in range(n):
            cx, cy = min(max(x + .5, r), n - r), min(max(y + .5, r), n - r)
            inside = math.hypot(x + .5 - cx, y + .5 - cy) <= r
            if not inside:
                row += bytes([0, 0, 0, 0]); continue
            u, v = (x + .5) / n, (y + .5) / n
            d = min(seg_dist(u, v, .26, .53, .43, .70), seg_dist(u, v, .43, .70, .76, .33))
            row += bytes([255, 255, 255, 255]) if d < .055 else bytes([0x0b, 0x5c, 0xad, 255])
        rows.append(bytes(row))
    raw = zlib.compress(b''.join(rows), 9)
    chunk = lambda t, d: struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', n, n, 8, 6, 0, 0, 0)) + chunk(b'IDAT', raw) + chunk(b'IEND', b'')

out = os.path.join(os.path.dirname(__file__), '..', 'www')
for n in (192, 512):
    open(os.path.join(out, f'icon-{n}.png'), 'wb').write(icon(n))
print('icons written')
