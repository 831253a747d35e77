#!/usr/bin/env python3
"""Contrôles de mise en page d'un document imprimé par Chromium.

    impression.py DOCUMENT.html DOCUMENT.pdf [LIBELLÉ …]

Lit les titres, les graphiques et les formules du HTML, la position de
chaque ligne de texte dans le PDF (`pdftotext -bbox-layout`, poppler-utils),
et signale :

- un titre seul en bas de page (le dernier texte d'une page est un titre) ;
- « Il est convenu ce qui suit » en bas de page, séparé de ce qui le suit ;
- une page presque vide (son texte s'arrête avant 45 % de la hauteur)
  qui n'est ni la dernière ni suivie d'un saut voulu (annexe, feuille) ;
- un graphique coupé entre deux pages (ses libellés et sa légende ne
  sont pas sur la même page) ;
- un libellé donné en argument absent ou tronqué dans le PDF.

Sortie : une ligne par défaut, puis un bilan ; code 1 s'il y a un défaut.
"""

import html as htmlmod
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

FOOTER = re.compile(r"^Page \d+ sur \d+$")
CONVENU = ("Il est convenu ce qui suit", "Il a été expressément convenu ce qui suit")
# Titles that open a page on purpose (annexes, new sheets of a report).
SAUT_VOULU = re.compile(r"^(Annexe\b|AGENCE |ARS |Revue annuelle|Synthèse|Diagnostic)", re.I)


def norm(text):
    text = htmlmod.unescape(text)
    text = text.replace("\u200b", "").replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def strip_tags(fragment):
    return norm(re.sub(r"<[^>]+>", " ", fragment))


def headings(source):
    found = []
    for m in re.finditer(r"<h([1-4])[^>]*>(.*?)</h\1>", source, re.S):
        found.append(strip_tags(m.group(2)))
    return [h for h in found if h]


def figures(source):
    out = []
    for m in re.finditer(r"<figure>(.*?)</figure>", source, re.S):
        body = m.group(1)
        labels = [strip_tags(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", body, re.S)]
        caption = re.search(r"<figcaption>(.*?)</figcaption>", body, re.S)
        out.append(([l for l in labels if len(l) > 3], strip_tags(caption.group(1)) if caption else ""))
    return out


def pages(pdf):
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml)
    xml = xml.replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ET.fromstring(xml)
    result = []
    for page in root.iter("page"):
        height = float(page.get("height"))
        lines = []
        for line in page.iter("line"):
            words = [w.text or "" for w in line.iter("word")]
            text = norm(" ".join(words))
            if text and not FOOTER.match(text):
                lines.append((float(line.get("yMin")), float(line.get("yMax")), text))
        flow = " ".join(l[2] for l in lines)
        lines.sort()
        result.append((height, lines, flow))
    return result


def main():
    if len(sys.argv) < 3:
        print("usage : impression.py DOCUMENT.html DOCUMENT.pdf [LIBELLÉ …]", file=sys.stderr)
        return 2
    source = open(sys.argv[1], encoding="utf-8").read()
    pdf = sys.argv[2]
    wanted = [norm(l) for l in sys.argv[3:]]
    titles = set(headings(source))
    doc = pages(pdf)
    defects = []
    for i, (height, lines, _) in enumerate(doc, start=1):
        if not lines:
            if i < len(doc):
                defects.append(f"page {i} : page blanche")
            continue
        last = lines[-1][2]
        # A heading may wrap: compare the last one or two lines.
        tail = norm(" ".join(l[2] for l in lines[-2:]))
        if i < len(doc) and (last in titles or tail in titles):
            defects.append(f"page {i} : titre seul en bas de page : « {last} »")
        if i < len(doc) and any(last.startswith(c) for c in CONVENU):
            defects.append(f"page {i} : « {last} » séparé de ce qui suit")
        bottom = max(l[1] for l in lines)
        following = doc[i][1][0][2] if i < len(doc) and doc[i][1] else ""
        if i < len(doc) and bottom < 0.45 * height and not SAUT_VOULU.match(following):
            share = round(100 * bottom / height)
            defects.append(f"page {i} : page presque vide (texte jusqu'à {share} % de la hauteur)")
    text_by_page = [flow for _, _, flow in doc]
    for labels, caption in figures(source):
        where = {i for i, t in enumerate(text_by_page, start=1) if caption and caption in t}
        for label in labels:
            pages_of = {i for i, t in enumerate(text_by_page, start=1) if label in t}
            if pages_of and where and not (pages_of & where):
                defects.append(f"graphique « {caption[:60]} » coupé : « {label} » page {min(pages_of)}, légende page {min(where)}")
                break
    # A label may wrap over lines (not a defect); a clipped one is cut short.
    whole = "".join(text_by_page).replace(" ", "")
    for label in wanted:
        if label.replace(" ", "") not in whole:
            defects.append(f"libellé absent ou tronqué : « {label} »")
    name = sys.argv[1].rsplit("/", 1)[-1]
    for d in defects:
        print(f"  {name} — {d}")
    verdict = "aucun défaut" if not defects else f"{len(defects)} défaut(s)"
    print(f"{name} : {len(doc)} page(s), {len(titles)} titres, {len(figures(source))} graphique(s) — {verdict}")
    return 1 if defects else 0


if __name__ == "__main__":
    sys.exit(main())
