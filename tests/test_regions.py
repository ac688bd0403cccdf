"""Tests for the region gazetteer and the ``warta_regions`` component, on real Indonesian sentences."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

import warta.regions  # noqa: F401  (registers the factory)
from warta.gazetteer import Region, load_gazetteer, load_organization_names, read_aliases
from warta.resources import data_path

ROOT = Path(__file__).resolve().parents[1]
SHARED_CSV = ROOT.parent / "shared" / "data" / "regions" / "wilayah.csv"

try:
    from warta.tokenizer import create_news_tokenizer
except ImportError:  # pragma: no cover - the tokenizer module is optional for these tests
    create_news_tokenizer = None


def _make_nlp(news_tokenizer: bool = True):
    nlp = spacy.blank("id")
    if news_tokenizer and create_news_tokenizer is not None:
        nlp.tokenizer = create_news_tokenizer(nlp)
    nlp.add_pipe("warta_regions")
    return nlp


@pytest.fixture(scope="module")
def rnlp():
    return _make_nlp()


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def found(nlp, text: str) -> list[tuple[str, str, str]]:
    doc = nlp(text)
    return [(span.text, span.label_, span.kb_id_) for span in doc.spans["warta_regions"]]


def codes(nlp, text: str) -> list[str]:
    return [kb for _, _, kb in found(nlp, text)]


# -- gazetteer -----------------------------------------------------------------------------------


def test_gazetteer_counts_and_lookups(gaz):
    assert len(gaz.provinces) == 38
    assert len(gaz.regencies_and_cities) == 514
    assert gaz.get("35.07") == Region("35.07", "Kabupaten Malang", "kabupaten", "35", "Malang")
    assert gaz.get("31.71").short_name == "Jakarta Pusat"
    assert gaz.get("31.01").short_name == "Kepulauan Seribu"
    assert gaz.get("31.01").level == "kabupaten"
    assert gaz.province_of("35.73").name == "Jawa Timur"
    assert gaz.province_of("35").code == "35"
    assert gaz.get("99") is None and gaz.province_of("99.01") is None
    assert load_gazetteer() is gaz  # cached


def test_candidates_order_and_level_prefix(gaz):
    assert [r.code for r in gaz.candidates("Malang")] == ["35.73", "35.07"]
    assert [r.code for r in gaz.candidates("  MALANG ")] == ["35.73", "35.07"]
    assert [r.code for r in gaz.candidates("Kab. Malang")] == ["35.07"]
    assert [r.code for r in gaz.candidates("Kota Malang")] == ["35.73"]
    assert [r.code for r in gaz.candidates("Gorontalo")] == ["75", "75.71", "75.01"]
    assert [r.code for r in gaz.candidates("Kota Administrasi Jakarta Pusat")] == ["31.71"]
    assert [r.code for r in gaz.candidates("Jatim")] == ["35"]
    assert [r.code for r in gaz.candidates("Yogyakarta")] == ["34", "34.71"]
    assert gaz.candidates("Jawa") == [] and gaz.candidates("Sumatera") == []


def test_data_files_are_well_formed(gaz):
    aliases = read_aliases(data_path("region_aliases.tsv"))
    assert len(aliases) > 150
    assert {kind for _, _, kind in aliases} <= {"alias", "weak", "common"}
    assert len(set((code, alias) for code, alias, _ in aliases)) == len(aliases)
    assert all(gaz.get(code) is not None for code, _, _ in aliases)
    organizations = load_organization_names()
    assert {kind for _, kind in organizations} == {"club", "company", "media", "party"}
    assert len({name for name, _ in organizations}) == len(organizations)


def _load_build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_script_on_a_small_csv(tmp_path):
    build = _load_build_script()
    csv_file = tmp_path / "wilayah.csv"
    csv_file.write_bytes(
        b"code,name,level\r\n31,Daerah Khusus Ibukota Jakarta,provinsi\r\n"
        b"31.01,Kabupaten Administrasi Kepulauan Seribu,kabupaten_kota\r\n"
        b"31.01.01,Kepulauan Seribu Utara,kecamatan\r\n"
        b"31.71,Kota Administrasi Jakarta Pusat,kabupaten_kota\r\n"
        b'31.71.01.1001,"Gambir I, II",desa_kelurahan\r\n'
        b"35,Jawa Timur,provinsi\r\n35.07,Kabupaten Malang,kabupaten_kota\r\n35.73,Kota Malang,kabupaten_kota\r\n"
    )
    rows = build.build_rows(csv_file)
    assert [(r["code"], r["level"], r["short_name"], r["province_code"]) for r in rows] == [
        ("31", "provinsi", "Daerah Khusus Ibukota Jakarta", "31"),
        ("31.01", "kabupaten", "Kepulauan Seribu", "31"),
        ("31.71", "kota", "Jakarta Pusat", "31"),
        ("35", "provinsi", "Jawa Timur", "35"),
        ("35.07", "kabupaten", "Malang", "35"),
        ("35.73", "kota", "Malang", "35"),
    ]
    assert any("provinces" in problem for problem in build.check(rows))  # 2, not 38
    output, kecamatan = tmp_path / "regions.tsv", tmp_path / "kecamatan.tsv"
    args = [str(csv_file), "-o", str(output), "--kecamatan-output", str(kecamatan)]
    assert build.main(args) == 1 and not output.exists()
    assert build.main(args + ["--allow-count-change"]) == 0
    assert load_gazetteer(output).get("31.71").short_name == "Jakarta Pusat"
    assert kecamatan.read_text(encoding="utf-8") == "code\tname\n31.01.01\tKepulauan Seribu Utara\n"


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="shared Kemendagri CSV not available")
def test_committed_regions_tsv_matches_a_rebuild(tmp_path):
    build = _load_build_script()
    output, kecamatan = tmp_path / "regions.tsv", tmp_path / "kecamatan.tsv"
    assert build.main([str(SHARED_CSV), "-o", str(output), "--kecamatan-output", str(kecamatan)]) == 0
    assert output.read_text(encoding="utf-8") == data_path("regions.tsv").read_text(encoding="utf-8")
    assert kecamatan.read_text(encoding="utf-8") == data_path("kecamatan.tsv").read_text(encoding="utf-8")


def test_kecamatan_index():
    from warta.gazetteer import load_kecamatan

    index = load_kecamatan()
    assert len(index) == 7285
    assert [k.code for k in index.named("bulak")] == ["35.78.29"]
    assert index.get("35.78.29").kabkota_code == "35.78"
    assert len(index.named("Karanganyar")) > 1  # one name, several kecamatan


# -- coverage: every province, kabupaten/kota and alias ------------------------------------------


@pytest.mark.parametrize("region", load_gazetteer().provinces, ids=lambda r: r.code)
def test_every_province_by_canonical_name(rnlp, region):
    text = f"Pemerintah pusat menyalurkan bantuan beras ke {region.name} pekan ini."
    assert found(rnlp, text) == [(region.name, "PROVINCE", region.code)]


def test_every_kabupaten_and_kota_by_decree_name(rnlp, gaz):
    wrong = []
    for region in gaz.regencies_and_cities:
        text = f"Inflasi di {region.name} turun pada Agustus."
        result = found(rnlp, text)
        if result != [(region.name, "REGION", region.code)]:
            wrong.append((region.name, result))
    assert wrong == []


def test_every_alias_resolves(rnlp, gaz):
    level_word = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}
    wrong = []
    for code, alias, kind in read_aliases(data_path("region_aliases.tsv")):
        region = gaz.get(code)
        cued = f"Warga {level_word[region.level]} {alias} mengeluhkan harga beras."
        if codes(rnlp, cued) != [code]:
            wrong.append((alias, code, "cued", found(rnlp, cued)))
        if kind == "alias":
            bare = f"Harga beras di {alias} naik lagi."
            result = codes(rnlp, bare)
            if len(result) != 1 or result[0] not in [r.code for r in gaz.candidates(alias)]:
                wrong.append((alias, code, "bare", found(rnlp, bare)))
            elif len(gaz.candidates(alias)) == 1 and result != [code]:
                wrong.append((alias, code, "bare", found(rnlp, bare)))
    assert wrong == []


# -- trap: longest match ---------------------------------------------------------------------------


def test_longest_match_wins(rnlp):
    assert found(rnlp, "Gubernur Kepulauan Riau meninjau Batam, bukan Riau.") == [
        ("Kepulauan Riau", "PROVINCE", "21"),
        ("Batam", "REGION", "21.71"),
        ("Riau", "PROVINCE", "14"),
    ]
    text = "Pemekaran melahirkan Papua Barat Daya, Papua Selatan, Papua Tengah dan Papua Pegunungan dari Papua dan Papua Barat."
    assert codes(rnlp, text) == ["96", "93", "94", "95", "91", "92"]
    assert found(rnlp, "Gempa mengguncang Sulawesi Tenggara.") == [("Sulawesi Tenggara", "PROVINCE", "74")]
    assert codes(rnlp, "Bupati Bengkulu Selatan dan Wali Kota Bandar Lampung hadir.") == ["17.01", "18.71"]
    assert found(rnlp, "Pemkot Padang Panjang menutup jalan.") == [("Padang Panjang", "REGION", "13.74")]


def test_island_names_alone_are_not_provinces(rnlp):
    text = "Hujan lebat diperkirakan turun di Jawa, Sumatera, Kalimantan, Sulawesi dan Nusa Tenggara."
    assert found(rnlp, text) == []
    assert found(rnlp, "Bantuan tiba di Papua dan Maluku.") == [("Papua", "PROVINCE", "91"), ("Maluku", "PROVINCE", "81")]


# -- trap: the same name for a province and a city --------------------------------------------------


def test_province_and_city_of_the_same_name(rnlp):
    assert found(rnlp, "Banjir merendam ratusan rumah di Jambi.") == [("Jambi", "PROVINCE", "15")]
    assert found(rnlp, "Banjir merendam ratusan rumah di Kota Jambi.") == [("Kota Jambi", "REGION", "15.71")]
    assert found(rnlp, "Wali Kota Jambi Maulana meninjau lokasi.") == [("Jambi", "REGION", "15.71")]
    assert found(rnlp, "Pemkot Jambi menyiapkan posko.") == [("Jambi", "REGION", "15.71")]
    assert found(rnlp, "Gubernur Jambi Al Haris meninjau lokasi.") == [("Jambi", "PROVINCE", "15")]
    assert codes(rnlp, "Warga Bengkulu dan Wali Kota Bengkulu berdialog.") == ["17", "17.71"]
    assert codes(rnlp, "Inflasi di Gorontalo terkendali.") == ["75"]
    assert codes(rnlp, "Bupati Gorontalo melantik camat.") == ["75.01"]
    assert codes(rnlp, "Kabupaten Gorontalo dan Pemkab Gorontalo menanam jagung.") == ["75.01", "75.01"]
    assert codes(rnlp, "Pemkot Gorontalo dan Kota Gorontalo.") == ["75.71", "75.71"]


def test_yogyakarta_province_and_city(rnlp):
    assert codes(rnlp, "Wisatawan memadati Yogyakarta saat libur panjang.") == ["34"]
    assert codes(rnlp, "Wisatawan memadati Jogja dan Yogya.") == ["34", "34"]
    assert found(rnlp, "Pemerintah Daerah Istimewa Yogyakarta menetapkan UMP.") == [
        ("Daerah Istimewa Yogyakarta", "PROVINCE", "34")
    ]
    assert found(rnlp, "Sultan HB X, Gubernur DIY, bertemu Wali Kota Yogyakarta.") == [
        ("DIY", "PROVINCE", "34"),
        ("Yogyakarta", "REGION", "34.71"),
    ]
    assert codes(rnlp, "Pemkot Jogja menata Malioboro, kata Kota Yogyakarta.") == ["34.71", "34.71"]


def test_jakarta(rnlp):
    assert codes(rnlp, "Banjir rob melanda Jakarta dan DKI Jakarta.") == ["31", "31"]
    assert codes(rnlp, "Pemprov DKI mengerahkan pompa ke Jakarta Utara dan Jaksel.") == ["31", "31.72", "31.74"]
    assert found(rnlp, "Wali Kota Administrasi Jakarta Pusat meninjau Tanah Abang.") == [
        ("Jakarta Pusat", "REGION", "31.71")
    ]
    assert found(rnlp, "Pemerintah Kota Administrasi Jakarta Timur menata pasar.") == [
        ("Kota Administrasi Jakarta Timur", "REGION", "31.75")
    ]
    assert codes(rnlp, "Bupati Kepulauan Seribu dan Daerah Khusus Jakarta.") == ["31.01", "31"]


# -- trap: kabupaten vs kota of the same name --------------------------------------------------------

PAIRS = [
    "Malang", "Bogor", "Bekasi", "Tangerang", "Semarang", "Kediri", "Blitar", "Madiun", "Magelang",
    "Mojokerto", "Pasuruan", "Probolinggo", "Cirebon", "Tegal", "Pekalongan", "Sukabumi",
    "Tasikmalaya", "Serang", "Solok", "Bima", "Kupang", "Sorong", "Jayapura", "Bandung",
]
KAB_CUES = ["Kabupaten {}", "Kab. {}", "Bupati {}", "Wakil Bupati {}", "Wabup {}", "Pemkab {}", "Pemerintah Kabupaten {}"]
KOTA_CUES = [
    "Kota {}", "Wali Kota {}", "Walikota {}", "Wakil Wali Kota {}", "Wawali {}", "Pemkot {}",
    "Pemerintah Kota {}", "Polresta {}", "Polrestabes {}",
]


def _pair_codes(gaz, name):
    readings = {r.level: r.code for r in gaz.candidates(name)}
    return readings["kabupaten"], readings["kota"]


def test_pairs_exist_in_gazetteer(gaz):
    derived = {
        r.short_name
        for r in gaz.regencies_and_cities
        if {x.level for x in gaz.candidates(r.short_name) if x.province_code == r.province_code} == {"kabupaten", "kota"}
    }
    assert set(PAIRS) <= derived


@pytest.mark.parametrize("name", PAIRS)
def test_kabupaten_or_kota_decided_by_cue(rnlp, gaz, name):
    kab, kota = _pair_codes(gaz, name)
    for cue in KAB_CUES:
        text = "Menurut " + cue.format(name) + ", stok beras aman."
        assert codes(rnlp, text) == [kab], text
    for cue in KOTA_CUES:
        text = "Menurut " + cue.format(name) + ", stok beras aman."
        assert codes(rnlp, text) == [kota], text
    # Uncued: the kota, the usual referent of a bare city name. A Polres named after a bare name
    # is the kabupaten's ("Polres Malang"); the city's force is "Polres Malang Kota" (or a Polresta).
    assert codes(rnlp, f"Harga cabai di {name} naik.") == [kota]
    assert codes(rnlp, f"Kapolres {name} AKBP Budi memimpin apel.") == [kab]
    assert codes(rnlp, f"Kapolres {name} Kota AKBP Budi memimpin apel.") == [kota]


def test_banjar_kota_in_jabar_kabupaten_in_kalsel(rnlp):
    assert codes(rnlp, "Wali Kota Banjar meresmikan pasar.") == ["32.79"]
    assert codes(rnlp, "Banjir melanda Kabupaten Banjar, Kalimantan Selatan.") == ["63.03", "63"]
    assert codes(rnlp, "Bupati Banjar meninjau Martapura.") == ["63.03"]
    assert codes(rnlp, "Lagu daerah suku Banjar dan bahasa Banjar dinyanyikan.") == []


# -- province cues and span extent -------------------------------------------------------------------

PROVINCE_CUES = [
    "Provinsi {}", "Prov. {}", "Gubernur {}", "Wakil Gubernur {}", "Wagub {}", "Pemprov {}", "Polda {}",
    "Kapolda {}", "Kejati {}", "Kajati {}", "BNNP {}", "Kanwil {}", "Sekdaprov {}",
]


@pytest.mark.parametrize("cue", PROVINCE_CUES)
def test_province_cues(rnlp, cue):
    for name, code in [("Gorontalo", "75"), ("Jambi", "15"), ("Bengkulu", "17"), ("Jatim", "35")]:
        text = f"Kemarin {cue.format(name)} menggelar rapat koordinasi."
        result = found(rnlp, text)
        assert [kb for _, _, kb in result] == [code], text
        level_word = cue.split()[0] in ("Provinsi", "Prov.")
        assert result[0][0] == (cue.format(name) if level_word else name)


def test_span_extent(rnlp):
    cases = {
        "Pemprov Jatim menggelar rapat.": ("Jatim", "35"),
        "Bupati Malang meresmikan pasar.": ("Malang", "35.07"),
        "Wali Kota Malang meresmikan pasar.": ("Malang", "35.73"),
        "Ketua DPRD Kota Medan hadir.": ("Kota Medan", "12.71"),
        "Pemerintah Provinsi Jawa Timur menetapkan UMK.": ("Provinsi Jawa Timur", "35"),
        "Warga Kab. Malang antre.": ("Kab. Malang", "35.07"),
        "Kantor Prov. Jatim tutup.": ("Prov. Jatim", "35"),
        "Sekda Kabupaten Malang hadir.": ("Kabupaten Malang", "35.07"),
        "Kapolda Sulawesi Selatan hadir.": ("Sulawesi Selatan", "73"),
        "Wakil Wali Kota Surabaya hadir.": ("Surabaya", "35.78"),
        "DPRD Provinsi Papua Barat Daya bersidang.": ("Provinsi Papua Barat Daya", "96"),
        "Banjir melanda ibu kota Jambi.": ("Jambi", "15.71"),
    }
    for text, (span_text, code) in cases.items():
        result = found(rnlp, text)
        assert [(t, kb) for t, _, kb in result] == [(span_text, code)], text


def test_cue_inside_a_bracketed_abbreviation(rnlp):
    text = "Pemerintah Provinsi (Pemprov) Jambi dan Pemerintah Kota (Pemkot) Jambi berbagi anggaran."
    assert found(rnlp, text) == [("Jambi", "PROVINCE", "15"), ("Jambi", "REGION", "15.71")]
    text = "Pemerintah Kabupaten (Pemkab) Malang dan Kepolisian Resor Kota (Polresta) Malang bersiaga."
    assert codes(rnlp, text) == ["35.07", "35.73"]
    assert codes(rnlp, "Pemerintah Kota (Pemko) Medan dan DPRD Kota Medan.") == ["12.71", "12.71"]
    assert codes(rnlp, "Dewan Perwakilan Rakyat Daerah (DPRD) Gorontalo bersidang.") == ["75"]


def test_split_abbreviations_with_the_blank_tokenizer():
    nlp = _make_nlp(news_tokenizer=False)
    assert found(nlp, "Warga Kab. Malang dan Prov. Jatim antre.") == [
        ("Kab. Malang", "REGION", "35.07"),
        ("Prov. Jatim", "PROVINCE", "35"),
    ]
    assert codes(nlp, "Wali Kota Pare-Pare dan Pemkab Tojo Una-Una.") == ["73.72", "72.09"]


# -- trap: regions inside clubs, companies, media, parties, schools; persons ---------------------------


def test_region_inside_organization_names_is_not_a_mention(rnlp):
    sentences = [
        "Bali United menjamu Persib Bandung di Stadion Kapten I Wayan Dipta.",
        "Persija Jakarta kalah dari PSM Makassar.",
        "Semen Padang FC dan Sriwijaya FC promosi, Borneo FC Samarinda juara.",
        "Laga Persebaya Surabaya melawan PSIS Semarang dan PSS Sleman ditunda.",
        "Bank Jateng dan Bank Sumut menyalurkan KUR, begitu pula Bank Sumsel Babel.",
        "Bank Jatim, Bank DKI, Bank Kalbar dan Bank Nagari mencatat laba.",
        "Menurut Bali Post, Tribun Jatim dan Radar Malang, acara itu ramai.",
        "Kalteng Putra dan Malut United bertanding.",
        "Partai Aceh memenangi pemilu legislatif di sana.",
        "Pelatih Persipura Jayapura, Persis Solo dan Persik Kediri hadir.",
        "Madura United Pamekasan menjamu FC Bekasi City dan Arema Malang.",
        "Laga PSIM Yogyakarta melawan PSBS Biak berakhir imbang.",
    ]
    for text in sentences:
        assert found(rnlp, text) == [], text


def test_organization_suppression_keeps_real_mentions(rnlp):
    text = "Direktur Bank Jatim bertemu Gubernur Jawa Timur dan Pemprov Bali, sementara Bali United berlatih."
    assert codes(rnlp, text) == ["35", "51"]
    # PSU (a repeat vote) and PSBB (a lockdown) are not clubs.
    assert codes(rnlp, "KPU menggelar PSU Papua dan PSBB Jakarta diperpanjang.") == ["91", "31"]
    assert codes(rnlp, "Pemain Persib Bandung disambut Wali Kota Bandung.") == ["32.73"]


def test_geographic_and_street_names(rnlp):
    sentences = [
        "Kapal tenggelam di Selat Bali dekat Pulau Bangka.",
        "Wisatawan berenang di Danau Toba dan Teluk Bone.",
        "Kecelakaan terjadi di Jalan Malang, dekat Stasiun Bandung.",
        "Timnas melawan Papua Nugini dan Papua New Guinea.",
        "Umat berdoa memohon Roh Kudus.",
        "Pemilu ulang digelar di provinsi termuda di Tanah Papua itu.",
        "Rektor Universitas Negeri Malang, UIN Jakarta dan SMA Negeri 1 Pati hadir.",
    ]
    for text in sentences:
        assert found(rnlp, text) == [], text
    assert codes(rnlp, "Bupati Pulau Morotai dan Pemkab Teluk Bintuni hadir.") == ["82.07", "92.06"]
    assert codes(rnlp, "Pemkab Gunung Kidul dan Kabupaten Kepulauan Mentawai.") == ["34.03", "13.09"]
    assert codes(rnlp, "Wisatawan ke Tanah Karo dan Tanah Datar.") == ["12.06", "13.04"]


def test_region_inside_a_person_entity_is_skipped(rnlp):
    doc = rnlp.make_doc("Andi Malang, warga Sidoarjo, pindah ke Malang tahun lalu.")
    doc.ents = [Span(doc, 0, 2, label="PER")]
    doc = rnlp.get_pipe("warta_regions")(doc)
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_regions"]] == [("Sidoarjo", "35.15"), ("Malang", "35.73")]
    doc = rnlp.make_doc("Bima Arya melantik Bupati Bima.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    doc = rnlp.get_pipe("warta_regions")(doc)
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_regions"]] == [("Bima", "52.06")]
    # A model that glues a cued region or a province to the name that follows does not hide it.
    doc = rnlp.make_doc("Sekda Jabar Dadan Ramdani dan Bupati Bogor Rudy Susmanto hadir.")
    doc.ents = [Span(doc, 1, 4, label="PER"), Span(doc, 6, 9, label="PER")]
    doc = rnlp.get_pipe("warta_regions")(doc)
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_regions"]] == [("Jabar", "32"), ("Bogor", "32.01")]
    doc = rnlp.make_doc("Pemprov Kalbar menggelar rapat.")
    doc.ents = [Span(doc, 0, 2, label="PER")]
    doc = rnlp.get_pipe("warta_regions")(doc)
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_regions"]] == [("Kalbar", "61")]
    # Model mistakes seen on real articles: a body plus its region, or a bare place, tagged PER.
    doc = rnlp.make_doc("Data itu diperbarui Dinkes Pontianak, sedangkan pala Fakfak dan Yahukimo diekspor.")
    doc.ents = [Span(doc, 3, 5, label="PER"), Span(doc, 9, 10, label="PER"), Span(doc, 11, 12, label="PER")]
    doc = rnlp.get_pipe("warta_regions")(doc)
    assert [s.kb_id_ for s in doc.spans["warta_regions"]] == ["61.71", "92.03", "95.03"]


# -- trap: case, datelines, sentence-initial ordinary words -------------------------------------------


def test_lowercase_words_are_not_names(rnlp):
    text = "Ia menebang batang pohon, memasak pati singkong, lalu memakan bone marrow di kota itu; jawa timur."
    assert found(rnlp, text) == []
    assert found(rnlp, "Nasib malang menimpa warga agam.") == []


def test_all_caps_datelines(rnlp):
    assert found(rnlp, "MALANG, Warta — Hujan deras mengguyur sejak pagi.") == [("MALANG", "REGION", "35.73")]
    assert found(rnlp, "JAKARTA (Antara) - Pemerintah menaikkan harga BBM.") == [("JAKARTA", "PROVINCE", "31")]
    assert found(rnlp, "BATANG, Warta — Banjir rob merendam pesisir.") == [("BATANG", "REGION", "33.25")]
    assert codes(rnlp, "KABUPATEN MALANG DAN PEMKOT BATU BERSIAGA") == ["35.07", "35.79"]
    assert codes(rnlp, "Pati (Lintas Nusa) - Ribuan warga berunjuk rasa.") == ["33.18"]
    assert codes(rnlp, "Banjir Rob\n\nBatang, Warta — Banjir rob merendam pesisir.") == ["33.25"]
    assert codes(rnlp, "Batang - Banjir rob merendam pesisir.") == ["33.25"]
    assert codes(rnlp, "Batang, ranting dan daun berserakan.") == []


def test_ambiguous_short_names_at_sentence_start(rnlp):
    sentences = [
        "Batang pohon itu roboh menimpa rumah.",
        "Pati singkong diolah menjadi tepung.",
        "Buru pelaku, kata kapolsek.",
        "Bone marrow kaya lemak.",
        "Lebak itu subur. Tuban lama tak dipakai.",
        "Agam mengaku tidak tahu soal itu.",
        "Kota itu ramai sekali.",
        '"Batang kayunya lapuk," katanya.',
    ]
    for text in sentences:
        assert found(rnlp, text) == [], text
    # Not sentence-initial, or cued: accepted.
    assert codes(rnlp, "Banjir rob melanda Batang dan Pekalongan.") == ["33.25", "33.75"]
    assert codes(rnlp, "Bupati Pati mencabut kenaikan PBB.") == ["33.18"]
    assert codes(rnlp, "Kabupaten Bone menanam padi. Warga Agam panen.") == ["73.08", "13.06"]
    assert codes(rnlp, "Hujan deras. Pemkab Tuban siaga, dan Lebak juga.") == ["35.23", "36.02"]


def test_ambiguous_short_names_in_title_case_headlines(rnlp):
    text = "Bea Cukai Gagalkan Penyelundupan 1,2 Juta Batang Rokok Ilegal\n\nBATAM, Warta — Petugas menyita rokok."
    assert codes(rnlp, text) == ["21.71"]
    text = "Banjir Rob Rendam Ratusan Rumah di Batang\n\nBATANG, Warta — Banjir rob kembali merendam pesisir."
    assert codes(rnlp, text) == ["33.25", "33.25"]
    assert codes(rnlp, "Polres Batang menangkap dua pelaku.") == ["33.25"]


def test_capital_of_karimun_is_not_kota_tanjungbalai(rnlp):
    text = "Komandan Lanal Tanjung Balai Karimun memeriksa kapal, sedangkan Wali Kota Tanjung Balai di Sumut."
    assert codes(rnlp, text) == ["21.02", "12.74", "12"]


def test_weak_aliases_need_a_cue(rnlp):
    assert found(rnlp, "Polda Metro Jaya menangkap pelaku di Puncak, dekat batu besar.") == []
    assert found(rnlp, "Gedung Merah Putih KPK di Kuningan, Jakarta Selatan.") == [("Jakarta Selatan", "REGION", "31.74")]
    assert codes(rnlp, "Wali Kota Metro dan Pemkot Batu serta Bupati Puncak hadir.") == ["18.72", "35.79", "94.05"]
    assert codes(rnlp, "Ekspor Batu Bara turun, kata Bupati Batu Bara.") == ["12.19"]
    assert codes(rnlp, "Kabupaten Labuhan Batu berbatasan dengan Labuhanbatu Utara.") == ["12.10", "12.23"]


def test_solo_and_press_city_aliases(rnlp):
    assert codes(rnlp, "Gibran pernah menjadi Wali Kota Solo.") == ["33.72"]
    assert codes(rnlp, "Wisatawan memadati Solo dan Makassar.") == ["33.72", "73.71"]
    assert codes(rnlp, "Warga Tangsel dan Jakpus terdampak.") == ["36.74", "31.71"]


# -- offsets, overlaps, serialization -----------------------------------------------------------------

ARTICLE = (
    "SURABAYA, Warta — Gubernur Jawa Timur meminta Pemkab Malang, Pemkot Batu dan Kota Malang "
    "menyiapkan lumbung pangan. Sementara itu, Pj Wali Kota Kediri dan Bupati Kediri menghadiri rapat "
    "di Kantor Prov. Jatim bersama Kapolda Jatim. Banjir juga melanda Kabupaten Bandung Barat, Jabar, "
    "serta Kota Tangerang Selatan, Banten. Di luar Jawa, Pemprov Kepri dan Pemprov Sulawesi Tenggara "
    "melaporkan inflasi rendah; Papua Barat Daya dan NTT juga. Persib Bandung libur.\n"
    "Batang dan Pati bersiaga."
)


def test_offsets_and_spans_are_valid(rnlp, gaz):
    doc = rnlp(ARTICLE)
    spans = list(doc.spans["warta_regions"])
    assert len(spans) >= 18
    previous_end = 0
    for span in spans:
        assert ARTICLE[span.start_char : span.end_char] == span.text
        assert span.start >= previous_end  # sorted, no overlap
        previous_end = span.end
        region = gaz.get(span.kb_id_)
        assert region is not None
        assert span.label_ == ("PROVINCE" if region.level == "provinsi" else "REGION")
    assert "Bandung" not in [s.text for s in spans if s.start_char > ARTICLE.index("Persib")]
    assert [s.kb_id_ for s in spans][-1] == "33.18"  # "Pati" after "Batang dan"; "Batang" starts a line


def test_empty_and_regionless_docs(rnlp):
    assert found(rnlp, "") == []
    assert found(rnlp, "Harga emas naik tipis hari ini.") == []


def test_pipe_matches_call(rnlp):
    texts = ["Pemprov Jatim siaga.", "Wali Kota Malang hadir.", "Tidak ada wilayah."]
    piped = [[(s.text, s.kb_id_) for s in doc.spans["warta_regions"]] for doc in rnlp.pipe(texts)]
    called = [[(t, kb) for t, _, kb in found(rnlp, text)] for text in texts]
    assert piped == called


def test_to_disk_and_from_disk_round_trip(tmp_path):
    nlp = _make_nlp()
    nlp.to_disk(tmp_path / "pipeline")
    cfg = tmp_path / "pipeline" / "warta_regions" / "cfg.json"
    assert cfg.exists()
    assert not (tmp_path / "pipeline" / "warta_regions" / "regions.tsv").exists()  # data stays in warta/data
    loaded = spacy.load(tmp_path / "pipeline")
    text = "Bupati Malang dan Pemprov Jambi."
    assert found(loaded, text) == found(nlp, text) == [("Malang", "REGION", "35.07"), ("Jambi", "PROVINCE", "15")]


def test_custom_gazetteer_path_is_bundled(tmp_path):
    custom = tmp_path / "gaz"
    custom.mkdir()
    lines = data_path("regions.tsv").read_text(encoding="utf-8").splitlines()
    keep = [lines[0]] + [line for line in lines[1:] if line.split("\t")[0] in ("35", "35.07", "35.73")]
    (custom / "regions.tsv").write_text("\n".join(keep) + "\n", encoding="utf-8")
    nlp = spacy.blank("id")
    nlp.add_pipe("warta_regions", config={"gazetteer_path": str(custom / "regions.tsv")})
    assert codes(nlp, "Bupati Malang, Pemprov Jatim dan Pemprov Jambi.") == ["35.07", "35"]
    nlp.to_disk(tmp_path / "pipeline")
    (custom / "regions.tsv").unlink()
    loaded = spacy.load(tmp_path / "pipeline")
    assert codes(loaded, "Bupati Malang, Pemprov Jatim dan Pemprov Jambi.") == ["35.07", "35"]


def test_a_cue_covers_the_regions_listed_after_it(rules_nlp):
    def codes(text):
        doc = rules_nlp(text)
        return [(s.text, s.kb_id_) for s in doc.spans["warta_regions"]]

    # Blitar and Kediri are both a kabupaten and a kota; the Bupati before the list decides
    assert codes("Bupati Malang, Blitar dan Kediri hadir.") == [("Malang", "35.07"), ("Blitar", "35.05"), ("Kediri", "35.06")]
    assert codes("Banjir melanda Kabupaten Sleman, Bantul, dan Gunungkidul.")[1:] == [("Bantul", "34.02"), ("Gunungkidul", "34.03")]
    # without a cue, or once the list is interrupted, the bare name keeps its default reading
    assert codes("Ia tinggal di Malang dan Blitar.") == [("Malang", "35.73"), ("Blitar", "35.72")]
    assert codes("Bupati Malang hadir di Blitar.") == [("Malang", "35.07"), ("Blitar", "35.72")]


def test_a_long_lede_full_of_names_is_no_headline(rules_nlp):
    from warta.layout import headline_tokens

    lede = ("PEKANBARU, Warta — Sekretaris Daerah Provinsi Riau Budi Hartono Memimpin Rapat Bersama Kepala "
            "BPBD Riau Edy Afrizal Dan Danrem Brigjen TNI Sugiyono Di Kantor Gubernur Riau Pada Kamis Pagi. "
            "Rapat Membahas Kebakaran Lahan.\n\nIsi berita.")
    assert headline_tokens(rules_nlp.make_doc(lede)) == range(0)
    headline = "Gubernur Riau Tinjau Lokasi Kebakaran Lahan di Pelalawan\n\nIsi berita."
    assert len(headline_tokens(rules_nlp.make_doc(headline))) > 0


def test_short_form_defined_after_a_region_names_it(rnlp):
    assert found(rnlp, "Bupati Kotawaringin Barat (Kobar) hadir. Pemkab Kobar siap.") == [
        ("Kotawaringin Barat", "REGION", "62.01"), ("Kobar", "REGION", "62.01"), ("Kobar", "REGION", "62.01")]


def test_places_inside_facility_names_are_not_mentions(rnlp):
    assert found(rnlp, "Laga digelar di Stadion Gelora Bandung Lautan Api.") == []


def test_a_dateline_names_the_city(rnlp):
    assert found(rnlp, "YOGYAKARTA, Warta — Warga Yogyakarta senang.") == [("YOGYAKARTA", "REGION", "34.71"), ("Yogyakarta", "PROVINCE", "34")]
    assert found(rnlp, "Jambi (Antara) - Harga naik.") == [("Jambi", "REGION", "15.71")]


def test_kecamatan_and_distrik_lists_are_coded_places_not_persons(nlp):
    text = ("Banjir melanda Kabupaten Hulu Sungai Tengah. Ada lima kecamatan terdampak, yakni Barabai, Pandawan, Haruyan, "
            "Batu Benawa, dan Labuan Amas Selatan. Di Jayawijaya, pemungutan ulang digelar di Distrik Kurulu, "
            "Distrik Asologaima, dan Distrik Walelagama.")
    doc = nlp(text)
    places = {s.text: s.kb_id_ for s in doc.spans["warta_local_places"]}
    assert places == {"Barabai": "63.07.06", "Pandawan": "63.07.05", "Haruyan": "63.07.01", "Batu Benawa": "63.07.02",
                      "Labuan Amas Selatan": "63.07.03", "Kurulu": "95.01.02", "Asologaima": "95.01.03", "Walelagama": "95.01.06"}
    assert doc._.warta_persons == []
    assert {e.kb_id_ for e in doc.ents if e.label_ == "LOCATION"} >= {"63.07.01", "95.01.06"}


def test_an_unknown_name_after_a_level_word_ends_the_list(rules_nlp):
    doc = rules_nlp("Kepala Desa Bontolempangang, Haris, hadir di Gowa. Warga Desa Sukamaju menolak.")
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_local_places"]] == [("Bontolempangang", "73.06.15.2002")]


def test_a_dateline_below_the_kabupaten_is_a_coded_place_not_a_person(nlp):
    doc = nlp("WAMENA (Lintas Nusa) - KPU Jayawijaya menggelar rapat pleno di kantornya.")
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_local_places"]] == [("WAMENA", "95.01.01")]
    assert doc._.warta_persons == []


def test_a_kecamatan_or_desa_beside_its_kabupaten_is_a_coded_place(rules_nlp):
    doc = rules_nlp("Rapat digelar di aula Kantor Bupati TTS, Soe, Rabu. Ia lahir di Selong, Lombok Timur, pada 1970. "
                    "Banjir melanda Barabai, Hulu Sungai Tengah.")
    assert [(s.text, s.kb_id_) for s in doc.spans["warta_local_places"]] == [
        ("Soe", "53.02.01.1001"), ("Selong", "52.03.07"), ("Barabai", "63.07.06")]
    assert doc._.warta_persons == []


def test_a_model_place_cut_at_the_front_of_a_region_takes_the_whole_region(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Banjir melanda Hulu Sungai Tengah dan Provinsi Jawa Timur.")
    doc.ents = [Span(doc, 3, 5, label="LOC"), Span(doc, 7, 9, label="LOC")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Hulu Sungai Tengah", "63.07"), ("Jawa Timur", "35")]


def test_a_sentence_opening_di_is_not_daerah_istimewa(rules_nlp):
    doc = rules_nlp("Di Yogyakarta, Gubernur DIY hadir. Pemda DI Yogyakarta siap.")
    assert [s.text for s in doc.spans["warta_regions"]] == ["Yogyakarta", "DIY", "DI Yogyakarta"]


def test_places_after_a_locative_and_after_a_kecamatan_word(rules_nlp):
    doc = rules_nlp("Kabupaten Penajam Paser Utara membangun jalan di Sepaku. Kantor di Kecamatan Jombang, Kabupaten Jember ditutup.")
    assert sorted((s.text, s.kb_id_) for s in doc.spans["warta_local_places"]) == [("Jombang", "35.09.01"), ("Sepaku", "64.09.04")]
    assert "35.17" not in {s.kb_id_ for s in doc.spans["warta_regions"]}  # "Kecamatan Jombang" is not Kabupaten Jombang


def test_a_model_person_after_di_is_a_place(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Bantuan tiba di Lamuru kemarin.")
    doc.ents = [Span(doc, 3, 4, label="PER")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Lamuru", "LOCATION")] and doc._.warta_persons == []


def test_a_two_word_name_written_as_one_word(rules_nlp):
    doc = rules_nlp("Kasus terbanyak ada di Kabupaten Nias Selatan, Mandailingnatal, Padanglawas dan Karo.")
    assert [s.kb_id_ for s in doc.spans["warta_regions"]] == ["12.14", "12.13", "12.21", "12.06"]


def test_a_lowercase_direction_word_after_a_capitalised_name(rules_nlp):
    doc = rules_nlp("Kerugian dihitung auditor di Papua barat pekan ini.")
    assert [s.kb_id_ for s in doc.spans["warta_regions"]] == ["92"]
    doc = rules_nlp("Angin barat bertiup kencang.")  # a direction alone is no region
    assert list(doc.spans["warta_regions"]) == []


def test_counted_villages_in_a_list_are_places_listed_or_not(rules_nlp):
    text = ("Banjir melanda Kabupaten Aceh Besar. Sejumlah desa yang terendam antara lain Gampong Cot Leuot dan "
            "Teupin Batee di Kecamatan Blang Bintang, Vila Buana, serta Lamgeumok.")
    doc = rules_nlp(text)
    places = {s.text: s.kb_id_ for s in doc.spans["warta_local_places"]}
    assert places["Teupin Batee"] == "11.06.23.2020" and places["Blang Bintang"] == "11.06.23"
    assert "Vila Buana" in places and "Lamgeumok" in places  # not in the gazetteer, still places
    assert doc._.warta_persons == []
