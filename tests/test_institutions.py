"""Institutions: catalog, regional bodies, acronym definitions, one record per institution."""


def institutions(nlp, text):
    return {i["id"]: i for i in nlp(text)._.warta_institutions}


def test_national_catalog_acronyms_and_names(rules_nlp):
    found = institutions(rules_nlp, "Kemendagri dan BPKP bekerja sama dengan Komisi Pemberantasan Korupsi (KPK). KPK lalu memeriksa.")
    assert {"kemendagri", "bpkp", "kpk"} <= set(found)
    assert len(found["kpk"]["mentions"]) == 3  # long form, "(KPK)", later "KPK"
    assert found["kpk"]["acronym"] == "KPK"


def test_regional_bodies_get_region_codes(rules_nlp):
    found = institutions(rules_nlp, "Polda Sulsel dan Pemprov Jatim menggelar rapat dengan DPRD Kota Medan.")
    regions = {i["region"] for i in found.values()}
    assert {"73", "35", "12.71"} <= regions


def test_same_institution_long_and_short_form_is_one_record(rules_nlp):
    found = institutions(rules_nlp, "Kejaksaan Negeri Medan menahan tersangka. Kepala Kejari Medan menyebut berkas lengkap.")
    kejari = [i for i in found.values() if i["region"] == "12.71"]
    assert len(kejari) == 1
    assert len(kejari[0]["mentions"]) == 2


def test_dinas_with_kabupaten(rules_nlp):
    found = institutions(rules_nlp, "Dinas Kesehatan Kabupaten Banyumas mencatat kenaikan kasus.")
    (dinas,) = [i for i in found.values() if i["region"] == "33.02"]
    assert dinas["name"].startswith("Dinas Kesehatan")


def test_acronym_defined_in_text_with_region(rules_nlp):
    doc = rules_nlp("Badan Narkotika Nasional Provinsi (BNNP) Riau menggagalkan penyelundupan. BNNP Riau menyita 10 kg sabu.")
    riau = [i for i in doc._.warta_institutions if i["region"] == "14"]
    assert len(riau) == 1
    assert len(riau[0]["mentions"]) >= 2


def test_unknown_acronym_definition_with_public_head(rules_nlp):
    found = institutions(rules_nlp, "Badan Pengelola Keuangan Daerah Istimewa (BPKDI) menerbitkan laporan. BPKDI juga mengaudit.")
    local = [i for i in found.values() if i["acronym"] == "BPKDI"]
    assert len(local) == 1 and len(local[0]["mentions"]) == 3


def test_companies_and_clubs_are_not_institutions(rules_nlp):
    found = institutions(rules_nlp, "PT Maju Jaya dan Bali United menandatangani kontrak sponsor.")
    assert found == {}


def test_national_body_named_in_full_keeps_its_bare_acronym(rules_nlp):
    doc = rules_nlp("Badan Pemeriksa Keuangan (BPK) menemukan kerugian, kata Anggota V BPK Slamet. Perwakilan BPK Provinsi Maluku Utara menyerahkan laporan.")
    assert [(i["id"], len(i["mentions"])) for i in doc._.warta_institutions] == [("bpk", 3), ("bpk-perwakilan:82", 1)]


def test_a_bare_organ_belongs_to_the_one_regional_government_of_the_text(rules_nlp):
    text = ("Pemerintah Kabupaten Lombok Timur menindaklanjuti temuan itu. Inspektorat menemukan kelebihan bayar. "
            "Kepala Satpol PP, Budi Harjo, menertibkan pedagang.")
    doc = rules_nlp(text)
    assert {i["id"] for i in doc._.warta_institutions} == {"pemkab:52.03", "inspektorat:52.03", "satpol-pp:52.03"}
    assert doc._.warta_officials[0]["institution"]["id"] == "satpol-pp:52.03"
    # two regional governments: the bare organ stays without a region
    doc = rules_nlp("Pemprov Jawa Timur dan Pemkab Sidoarjo berbagi data. Inspektorat menemukan selisih.")
    assert "inspektorat" in {i["id"] for i in doc._.warta_institutions}


def test_an_organ_before_dprd_is_not_the_national_parliaments(rules_nlp):
    doc = rules_nlp("Badan Anggaran DPRD Kotim membahas KUA-PPAS. Ketua Banggar DPR Said Abdullah menyetujui asumsi makro.")
    assert {i["id"] for i in doc._.warta_institutions} == {"dprd:62.02", "banggar-dpr"}


def test_generic_references_to_a_regional_government_are_not_bodies(rules_nlp):
    doc = rules_nlp("Pemerintah kabupaten menetapkan 40 desa sebagai lokus. Ketua Badan Anggaran (Banggar) DPRD Konsel, "
                    "Hasbullah Rauf, hadir. Menurut dia, Banggar meminta TAPD memangkas anggaran.")
    assert {i["id"] for i in doc._.warta_institutions} == {"dprd:74.05", "tapd"}


def test_a_court_sitting_at_a_district_court_takes_its_region(rules_nlp):
    doc = rules_nlp("Sidang di Pengadilan Tindak Pidana Korupsi (Tipikor) pada Pengadilan Negeri Palangka Raya ditunda.")
    assert [i["id"] for i in doc._.warta_institutions] == ["pengadilan-tipikor:62.71"]


def test_a_degree_after_a_name_is_not_the_supreme_court(rules_nlp):
    from spacy.tokens import Span

    doc = rules_nlp.make_doc("Ketua MPU, Zulkifli Ahmad, MA, memberi tausiyah. Kasus itu ditangani KPK, MA, dan MK.")
    doc.ents = [Span(doc, 3, 5, label="PER")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [s.text for s in doc.spans["warta_institutions"] if s.kb_id_ == "ma"] == ["MA"]
    assert doc.spans["warta_institutions"][[s.kb_id_ for s in doc.spans["warta_institutions"]].index("ma")].start > 10


def test_a_body_defined_in_the_text_keeps_its_region_and_an_ngo_is_no_institution(rules_nlp):
    doc = rules_nlp("Majelis Desa Adat (MDA) Kabupaten Gianyar menggelar paruman. MDA juga hadir. "
                    "Lembaga Bantuan Hukum (LBH) Padang mendampingi warga.")
    assert [(i["id"], len(i["mentions"])) for i in doc._.warta_institutions] == [("local-majelis-desa-adat:51.04", 2)]
    assert "Lembaga Bantuan Hukum" in [o["name"] for o in doc._.warta_organizations]


def test_a_bare_detention_or_court_facility_is_a_generic_reference(rules_nlp):
    doc = rules_nlp("Penyidik Kejari Bantul menitipkan tersangka di Rutan selama 20 hari sebelum berkas dilimpahkan ke PN.")
    ids = {i["id"] for i in doc._.warta_institutions}
    assert "kejari:34.02" in ids
    assert not {"rutan", "pengadilan-negeri"} & ids
    doc = rules_nlp("Tersangka ditahan di Rutan Bantul.")
    assert any(i["id"].startswith("rutan") and i["region"] == "34.02" for i in doc._.warta_institutions)
