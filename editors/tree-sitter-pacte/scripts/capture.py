#!/usr/bin/env python3
"""Turns `tree-sitter highlight -H` output into an image of the coloured
text (the highlighting as an editor shows it): SVG, or with --mvg an
ImageMagick drawing. Usage:
  tree-sitter highlight -H -p editors/tree-sitter-pacte FILE | python3 capture.py > out.svg
  tree-sitter highlight -H -p editors/tree-sitter-pacte FILE | python3 capture.py --mvg > out.mvg
  convert -size WxH xc:white -draw @out.mvg out.png   (W, H: first line of out.mvg)
"""
import html
import re
import sys

COLOURS = {
    'comment': '#8a8a8a', 'keyword': '#7c3aed', 'string': '#15803d', 'string.special': '#0f766e',
    'number': '#b45309', 'constant.builtin': '#b45309', 'type.builtin': '#be123c',
    'operator': '#475569', 'punctuation': '#64748b', 'punctuation.bracket': '#64748b',
    'punctuation.delimiter': '#64748b', 'type.definition': '#0369a1', 'type': '#0369a1',
    'function': '#1d4ed8', 'function.builtin': '#1d4ed8', 'module': '#a16207', 'variable': '#1f2937',
}
BOLD = {'keyword', 'type.definition', 'function'}

src = sys.stdin.read()
code = src.split('<pre><code>', 1)[1].split('</code></pre>', 1)[0]
lines = []
for raw in code.split('\n'):
    spans, stack, pos = [], [], 0
    for m in re.finditer(r"<span class='([^']*)'>|</span>|([^<]+)", raw):
        if m.group(1) is not None:
            stack.append(m.group(1).replace(' ', '.'))
        elif m.group(2) is not None:
            spans.append((stack[-1] if stack else '', html.unescape(m.group(2))))
        else:
            if stack:
                stack.pop()
    lines.append(spans)
while lines and not lines[-1]:
    lines.pop()

char_w, line_h, pad = 8.4, 18, 16
width = int(max(sum(len(t) for _, t in l) for l in lines) * char_w + 2 * pad)
height = int(len(lines) * line_h + 2 * pad)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
       f'font-family="DejaVu Sans Mono, monospace" font-size="14">',
       f'<rect width="100%" height="100%" fill="#ffffff"/>']
for i, spans in enumerate(lines):
    y = pad + (i + 1) * line_h - 5
    col = 0
    for cls, text in spans:
        colour = COLOURS.get(cls, '#1f2937')
        weight = ' font-weight="bold"' if cls in BOLD else ''
        stripped = text.lstrip(' ')
        col += len(text) - len(stripped)
        if stripped:
            x = pad + col * char_w
            out.append(f'<text x="{x:.1f}" y="{y}" fill="{colour}"{weight} xml:space="preserve">{html.escape(stripped)}</text>')
        col += len(stripped)
out.append('</svg>')
if '--mvg' in sys.argv:
    font = '/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf'
    mvg = [f'# {width}x{height}', f"font '{font}'", 'font-size 14']
    for t in out:
        m = re.match(r'<text x="([^"]+)" y="([^"]+)" fill="([^"]+)"( font-weight="bold")? xml:space="preserve">(.*)</text>$', t)
        if m:
            word = html.unescape(m.group(5)).replace('\\', '\\\\').replace("'", "\\'")
            mvg.append(f"fill '{m.group(3)}' text {m.group(1)},{m.group(2)} '{word}'")
    print('\n'.join(mvg))
else:
    print('\n'.join(out))
