#!/usr/bin/env python3
"""Une région fictive de 40 contrats pour les contrôles d'impression.

    region40.py DOSSIER

Copie le contrat d'exemple du CH du Bocage 40 fois (FINESS valides du
Calvados, noms variés dont un très long) avec ses chiffres 2026, légèrement
décalés d'un contrat à l'autre pour que les taux et verdicts diffèrent.
Écrit DOSSIER/contrats/*.pacte et DOSSIER/chiffres.csv.
"""

import os
import sys

NOMS = [
    "HÔPITAL EUROPEEN G. POMPIDOU/BROUSSAIS",
    "Centre hospitalier universitaire de Normanville-sur-Mer et du Pays d'Auge",
    "CH de Vire",
]


def luhn(body):
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "contrats"), exist_ok=True)
    source = open("examples/region-exemple/ch_bocage.pacte", encoding="utf-8").read()
    lignes = [l for l in open("examples/chiffres-2026.csv", encoding="utf-8") if l.startswith("140099904;")]
    csv = ["finess;exercice;indicateur;valeur\n"]
    for i in range(40):
        finess = f"1408{i:04d}"
        finess = finess + luhn(finess)
        nom = NOMS[i] if i < len(NOMS) else f"Centre hospitalier n° {i + 1}"
        texte = (
            source.replace("ch_bocage_2025", f"ch_region_{i + 1:02d}")
            .replace('"140099904"', f'"{finess}"')
            .replace("Centre hospitalier du Bocage", nom.replace('"', "'"))
        )
        with open(os.path.join(out, "contrats", f"ch_{i + 1:02d}.pacte"), "w", encoding="utf-8") as f:
            f.write(texte)
        for l in lignes:
            champs = l.rstrip("\n").split(";")
            champs[0] = finess
            # Shift the margin a little so that verdicts and rates differ.
            if champs[2] == "marge_brute_hors_aides" and champs[1] == "2026":
                champs[3] = f"{2 + (i % 7) * 0.5:.1f} %".replace(".", ",")
            csv.append(";".join(champs) + "\n")
    with open(os.path.join(out, "chiffres.csv"), "w", encoding="utf-8") as f:
        f.writelines(csv)


if __name__ == "__main__":
    main()
