#!/usr/bin/env python
"""Build ``src/warta/data/regions.tsv``, ``kecamatan.tsv`` and ``desa.tsv`` from the official Kemendagri region list.

    python scripts/build_gazetteer.py ../shared/data/regions/wilayah.csv

The input is the ``code,name,level`` CSV of Kepmendagri No 300.2.2-2138 Tahun 2025 (cahyadsn/wilayah,
MIT). regions.tsv holds provinces and kabupaten/kota, matched anywhere in news text. kecamatan.tsv
(code and name) is read only after a kecamatan-level title ("Camat", "Kapolsek"): kecamatan names
collide with ordinary words and with each other too often to be matched without that cue. desa.tsv
(code and name of every desa and kelurahan) is read the same way, after a village-level title
("Kepala Desa", "Lurah") or a level word ("Desa", "Kelurahan"). Outputs are sorted by code and
written with ``\\n`` line endings so rebuilds diff cleanly.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPO / "src" / "warta" / "data" / "regions.tsv"
KECAMATAN_OUTPUT = REPO / "src" / "warta" / "data" / "kecamatan.tsv"
DESA_OUTPUT = REPO / "src" / "warta" / "data" / "desa.tsv"
EXPECTED_KECAMATAN = 7285
EXPECTED_DESA = 83762
_KECAMATAN_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}$")
_DESA_CODE = re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$")
COLUMNS = ("code", "name", "level", "province_code", "short_name")
EXPECTED_PROVINCES = 38
EXPECTED_KABKOTA = 514

# Longest prefix first: "Kota Administrasi Jakarta Pusat" must not become "Administrasi Jakarta Pusat".
_PREFIXES = (
    ("Kabupaten Administrasi ", "kabupaten"),
    ("Kota Administrasi ", "kota"),
    ("Kabupaten ", "kabupaten"),
    ("Kota ", "kota"),
)
_PROVINCE_CODE = re.compile(r"^\d{2}$")
_KABKOTA_CODE = re.compile(r"^\d{2}\.\d{2}$")


def split_kabkota(name: str) -> tuple[str, str]:
    """``"Kota Administrasi Jakarta Pusat"`` → ``("kota", "Jakarta Pusat")``."""
    for prefix, level in _PREFIXES:
        if name.startswith(prefix):
            return level, name[len(prefix) :].strip()
    raise ValueError(f"kabupaten/kota name without a Kabupaten/Kota prefix: {name!r}")


def build_rows(csv_path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    # newline="" lets csv handle the file's CRLF endings and quoted commas.
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            code = record["code"].strip()
            name = " ".join(record["name"].split())
            level = record["level"].strip()
            if level == "provinsi":
                if not _PROVINCE_CODE.match(code):
                    raise ValueError(f"bad province code {code!r}")
                rows.append(dict(code=code, name=name, level="provinsi", province_code=code, short_name=name))
            elif level == "kabupaten_kota":
                if not _KABKOTA_CODE.match(code):
                    raise ValueError(f"bad kabupaten/kota code {code!r}")
                kind, short = split_kabkota(name)
                rows.append(dict(code=code, name=name, level=kind, province_code=code[:2], short_name=short))
    rows.sort(key=lambda row: row["code"])
    return rows


def build_area_rows(csv_path: Path, level: str = "kecamatan") -> list[tuple[str, str]]:
    """(code, name) of every kecamatan (``level="kecamatan"``) or desa/kelurahan
    (``level="desa_kelurahan"``), sorted by code."""
    pattern = _KECAMATAN_CODE if level == "kecamatan" else _DESA_CODE
    rows = []
    with open(csv_path, encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            if record["level"].strip() != level:
                continue
            code = record["code"].strip()
            if not pattern.match(code):
                raise ValueError(f"bad {level} code {code!r}")
            rows.append((code, " ".join(record["name"].split())))
    return sorted(rows)


def build_kecamatan_rows(csv_path: Path) -> list[tuple[str, str]]:
    """(code, name) of every kecamatan, sorted by code."""
    return build_area_rows(csv_path, "kecamatan")


def check(rows: list[dict[str, str]]) -> list[str]:
    """Problems worth stopping for: wrong counts, orphan kab/kota, duplicate codes."""
    problems = []
    provinces = {row["code"] for row in rows if row["level"] == "provinsi"}
    kabkota = [row for row in rows if row["level"] != "provinsi"]
    if len(provinces) != EXPECTED_PROVINCES:
        problems.append(f"{len(provinces)} provinces, expected {EXPECTED_PROVINCES}")
    if len(kabkota) != EXPECTED_KABKOTA:
        problems.append(f"{len(kabkota)} kabupaten/kota, expected {EXPECTED_KABKOTA}")
    codes = [row["code"] for row in rows]
    if len(codes) != len(set(codes)):
        problems.append("duplicate codes")
    orphans = sorted(row["code"] for row in kabkota if row["province_code"] not in provinces)
    if orphans:
        problems.append(f"kabupaten/kota without a province: {', '.join(orphans)}")
    return problems


def write_tsv(rows: list[dict[str, str]], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with open(output, "w", encoding="utf-8", newline="\n") as handle:
        handle.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            handle.write("\t".join(row[column] for column in COLUMNS) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wilayah_csv", type=Path, help="Kemendagri code,name,level CSV (wilayah.csv)")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="regions.tsv to write")
    parser.add_argument("--kecamatan-output", type=Path, default=KECAMATAN_OUTPUT, help="kecamatan.tsv to write")
    parser.add_argument("--desa-output", type=Path, default=DESA_OUTPUT, help="desa.tsv to write")
    parser.add_argument("--allow-count-change", action="store_true", help="write even if counts differ from 38/514")
    args = parser.parse_args(argv)

    rows = build_rows(args.wilayah_csv)
    problems = check(rows)
    if problems and not (args.allow_count_change and all("expected" in p for p in problems)):
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    write_tsv(rows, args.output)
    for level, output, expected in (
        ("kecamatan", args.kecamatan_output, EXPECTED_KECAMATAN),
        ("desa_kelurahan", args.desa_output, EXPECTED_DESA),
    ):
        areas = build_area_rows(args.wilayah_csv, level)
        if len(areas) != expected and not args.allow_count_change:
            print(f"error: {len(areas)} {level}, expected {expected}", file=sys.stderr)
            return 1
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write("code\tname\n")
            handle.writelines(f"{code}\t{name}\n" for code, name in areas)
        print(f"wrote {len(areas)} {level} to {output}")
    levels = {level: sum(row["level"] == level for row in rows) for level in ("provinsi", "kabupaten", "kota")}
    print(f"wrote {len(rows)} regions to {args.output} ({levels})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
