"""Generate synthetic Indonesian news-like articles for benchmarks (JSONL: id, title, text).

The sentences are templates written for warta's benchmarks; provinces and kabupaten/kota come from
warta's gazetteer (``warta/data/regions.tsv``), persons are invented from name parts. Output is
deterministic for a given ``--seed``.

    python benchmarks/make_articles.py 20000 -o /tmp/articles-20k.jsonl
    python benchmarks/make_articles.py 100000 -o /tmp/articles-100k.jsonl --seed 7
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from importlib import resources
from typing import Iterator

FIRST = ("Ahmad Budi Citra Dewi Eko Fajar Gita Hadi Indah Joko Kartika Lestari Made Nur Putu Rina Sari "
         "Teguh Wahyu Yusuf Agus Bambang Dian Endang Hendra Irwan Maya Rudi Sinta Taufik").split()
LAST = ("Santoso Wijaya Hidayat Saputra Kurniawan Pratama Siregar Nasution Simanjuntak Harahap Wibowo "
        "Setiawan Gunawan Susanto Rahmawati Lubis Manurung Pangaribuan Sitompul Tanjung Daulay Rangkuti "
        "Firmansyah Nugroho Permana Suryadi Haryanto Purnomo").split()
TOPICS = ["jembatan", "pasar tradisional", "rumah sakit daerah", "jalan lingkar", "bendungan", "sekolah negeri",
          "puskesmas", "terminal bus", "pelabuhan", "taman kota", "irigasi", "gedung olahraga"]
BODIES = ["Kejaksaan Negeri", "Dinas Pekerjaan Umum", "Dinas Kesehatan", "Badan Pusat Statistik", "Polres",
          "Dinas Pendidikan"]
NATIONAL = ["Komisi Pemberantasan Korupsi (KPK)", "Badan Pemeriksa Keuangan (BPK)", "Kementerian Dalam Negeri",
            "Mahkamah Konstitusi", "Badan Nasional Penanggulangan Bencana (BNPB)"]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember"]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

LEADS = [
    "{city_kind} {city}, {day} ({date}) – Gubernur {province} {p1} meresmikan {topic} baru di {city_kind} {city}.",
    "{city_kind} {city} – {head} {city} {p1} meninjau pembangunan {topic} bersama anggota DPRD {province}.",
    "{city_kind} {city}, {day} ({date}) – Pemerintah Provinsi {province} mengalokasikan anggaran Rp{amount} miliar untuk {topic}.",
    "{city_kind} {city} – Kepala {body} {city} {p2} mengumumkan hasil pemeriksaan proyek {topic} tahun {year}.",
]
BODY = [
    "Proyek tersebut ditargetkan selesai pada akhir tahun {year} dan akan melayani sekitar {people} warga.",
    "\"Kami ingin pembangunan ini benar-benar dirasakan masyarakat {city},\" kata {p1} kepada wartawan.",
    "Menurut {p2}, anggaran proyek berasal dari APBD {province} dan dana alokasi khusus.",
    "{national} menyatakan akan memantau penggunaan anggaran proyek {topic} di {province}.",
    "Wakil Gubernur {province} {p3} menambahkan bahwa pemerintah daerah akan melibatkan tokoh masyarakat.",
    "Sejumlah warga {city} menyambut baik rencana tersebut, meski ada yang mengeluhkan kemacetan selama pembangunan.",
    "Ketua DPRD {province} {p3} meminta agar proses lelang dilakukan secara terbuka.",
    "\"Tidak boleh ada permainan dalam pengadaan barang dan jasa,\" ujar {p3}.",
    "Sebelumnya, {head} {city2} {p4} juga membangun {topic} serupa di wilayahnya.",
    "Data Badan Pusat Statistik mencatat jumlah penduduk {city} meningkat {pct} persen dalam lima tahun terakhir.",
    "Kepala {body} {province} {p4} mengatakan pihaknya sudah menyiapkan tenaga teknis.",
    "Rapat koordinasi digelar di kantor Gubernur {province} dan dihadiri perwakilan {national}.",
]


def load_regions() -> tuple[list[str], list[tuple[str, str, str]]]:
    """(province names, [(kind word, short name, province name)]) from warta's gazetteer."""
    provinces: dict[str, str] = {}
    places: list[tuple[str, str, str]] = []
    text = resources.files("warta.data").joinpath("regions.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))
    for row in rows:
        if row["level"] == "provinsi":
            provinces[row["code"]] = row["name"]
    for row in rows:
        if row["level"] in ("kabupaten", "kota"):
            kind = "Kota" if row["level"] == "kota" else "Kabupaten"
            places.append((kind, row["short_name"], provinces[row["province_code"]]))
    return list(provinces.values()), places


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def articles(n: int, seed: int = 1, paragraphs: int = 6) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    _, places = load_regions()
    for i in range(n):
        kind, city, province = rng.choice(places)
        _, city2, _ = rng.choice(places)
        values = {
            "city_kind": kind, "city": city, "city2": city2, "province": province,
            "head": "Wali Kota" if kind == "Kota" else "Bupati",
            "p1": person(rng), "p2": person(rng), "p3": person(rng), "p4": person(rng),
            "topic": rng.choice(TOPICS), "body": rng.choice(BODIES), "national": rng.choice(NATIONAL),
            "day": rng.choice(DAYS), "date": f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
            "year": str(rng.randint(2015, 2025)), "amount": str(rng.randint(5, 900)),
            "people": f"{rng.randint(2, 300)}.000", "pct": str(rng.randint(1, 9)),
        }
        lead = rng.choice(LEADS).format(**values)
        sentences = [lead] + [s.format(**values) for s in rng.sample(BODY, k=min(paragraphs, len(BODY)))]
        month = rng.choice(MONTHS)
        yield {
            "id": f"art-{i:07d}",
            "title": f"{values['head']} {city} dan Pemprov {province} Bahas {values['topic'].title()} ({month})",
            "text": "\n\n".join(sentences),
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", default="-", help="JSONL file (default: stdout)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--paragraphs", type=int, default=6, help="body paragraphs per article")
    args = parser.parse_args(argv)
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")
    with out:
        for article in articles(args.n, args.seed, args.paragraphs):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
