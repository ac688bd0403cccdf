"""The final entity layer: flat non-overlapping ents, rules win over the model, organizations."""

from spacy.tokens import Span


def test_rule_spans_and_model_spans_do_not_overlap_and_are_counted_once(nlp):
    doc = nlp("Gubernur Kalimantan Barat Arman Sutedja bertemu Ketua KPK Setyo Budiman dan Direktur PT Sinar Mas Hendra.")
    starts = [(e.start, e.end) for e in doc.ents]
    assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:]))
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Kalimantan Barat"] == "PROVINCE"
    assert labels["KPK"] == "INSTITUTION"
    assert labels["Arman Sutedja"] == "PERSON"


def test_model_span_swallowing_a_title_is_dropped(rules_nlp):
    doc = rules_nlp.make_doc("Kajari Medan Fitriani Lubis menahan tersangka.")
    doc.ents = [Span(doc, 0, 4, label="ORG")]  # a model error: title and name as one organization
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert "Kajari Medan Fitriani Lubis" not in [e.text for e in doc.ents]
    assert ("Fitriani Lubis", "PERSON") in [(e.text, e.label_) for e in doc.ents]



def test_model_unit_of_a_known_institution_takes_its_name_and_id_and_leaves_the_region(rules_nlp):
    text = "Kepala Dinas Lingkungan Hidup dan Kehutanan Aceh Ahmad Syauki hadir. Kejari Palembang menahan tersangka."
    doc = rules_nlp.make_doc(text)
    # the model cut the unit's name short and tagged the regions on their own
    doc.ents = [Span(doc, 1, 4, label="ORG"), Span(doc, 6, 7, label="LOC"), Span(doc, 7, 9, label="PER"),
                Span(doc, 11, 12, label="ORG"), Span(doc, 12, 13, label="LOC")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    ents = [(e.text, e.label_, e.kb_id_) for e in doc.ents]
    assert ("Dinas Lingkungan Hidup dan Kehutanan", "INSTITUTION", "dlhk:11") in ents
    assert ("Aceh", "PROVINCE", "11") in ents
    assert ("Kejari", "INSTITUTION", "kejari:16.71") in ents
    assert ("Palembang", "REGION", "16.71") in ents
    assert doc._.warta_organizations == []

def test_dateline_agency_and_parties_are_organizations(rules_nlp):
    doc = rules_nlp("Makassar (Lintas Nusa) - Kader Partai Golkar dan PDI-P hadir di Kantor KPU.")
    organizations = {o["name"]: o["kind"] for o in doc._.warta_organizations}
    assert organizations["Lintas Nusa"] == "media"
    assert organizations["PDI-P"] == "party"
    assert any(name.startswith("Partai Golkar") for name in organizations)


def test_lowercase_and_honorific_model_spans_are_not_organizations(rules_nlp):
    doc = rules_nlp.make_doc("Warga membeli terpal bersama S.Sos. kemarin.")
    doc.ents = [Span(doc, 2, 3, label="ORG"), Span(doc, 4, 5, label="ORG")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert doc._.warta_organizations == []


def test_prefixed_organization_names_run_over_region_names_and_stop_at_persons(rules_nlp):
    text = "Pekerja PT Sulawesi Nikel Mandiri mogok. Rektor Universitas Sumatera Utara Budi Santoso mendukung Koperasi Produsen Kopi Gayo."
    doc = rules_nlp.make_doc(text)
    start = text.index("Budi Santoso")
    doc.ents = [doc.char_span(start, start + len("Budi Santoso"), label="PER")]  # as the model tags it
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    organizations = {o["name"]: o["kind"] for o in doc._.warta_organizations}
    assert organizations["PT Sulawesi Nikel Mandiri"] == "company"
    assert organizations["Universitas Sumatera Utara"] == "university"
    assert organizations["Koperasi Produsen Kopi Gayo"] == "company"


def test_no_prefixed_organization_in_a_title_case_headline(rules_nlp):
    doc = rules_nlp("Serikat Pekerja Minta Jaminan Keselamatan\n\nSerikat Pekerja Nikel Morowali mendatangi kantor bupati.")
    names = [o["name"] for o in doc._.warta_organizations]
    assert "Serikat Pekerja Minta Jaminan Keselamatan" not in names
    assert "Serikat Pekerja Nikel Morowali" in names


def test_party_prefix_run_ends_at_the_party_name(rules_nlp):
    doc = rules_nlp("Megawati menjenguk Ketua Umum Partai Gerindra Suhardi di rumah sakit.")
    names = [o["name"] for o in doc._.warta_organizations]
    assert "Partai Gerindra" in names
    assert not any("Suhardi" in name for name in names)


def test_model_span_across_a_dash_is_dropped(rules_nlp):
    doc = rules_nlp.make_doc("PONTIANAK, Warta — Pemerintah Provinsi Kalimantan Barat menambah anggaran.")
    doc.ents = [Span(doc, 2, 8, label="LOC")]  # a model error across the dateline dash
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    labels = {e.text: e.label_ for e in doc.ents}
    assert "Warta — Pemerintah Provinsi Kalimantan Barat" not in labels
    assert labels.get("Warta") == "ORGANIZATION"


def test_model_span_opening_with_a_title_is_dropped(rules_nlp):
    doc = rules_nlp.make_doc("Di Surabaya , Kapolsek Bulak AKP Budi Santoso mengatakan pelaku sudah ditangkap .")
    doc.ents = [Span(doc, 3, 6, label="LOC"), Span(doc, 6, 8, label="PER")]  # the model glued title, place and rank
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    texts = [e.text for e in doc.ents]
    assert "Kapolsek Bulak AKP" not in texts
    assert "Budi Santoso" in texts


def _with_model(nlp, text, spans):
    doc = nlp.make_doc(text)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in spans]
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [(e.text, e.label_, e.kb_id_) for e in doc.ents]


def test_model_spans_inside_an_institution_become_the_institution(rules_nlp):
    text = "Sidang digelar di Pengadilan Tindak Pidana Korupsi (Tipikor) Makassar. BPK RI Perwakilan Provinsi Jawa Tengah menyerahkan laporan."
    # the model read the bracketed short form as a place and a region's words as an organization
    ents = _with_model(rules_nlp, text, [(8, 9, "LOC"), (13, 18, "ORG")])
    assert ("Pengadilan Tindak Pidana Korupsi (Tipikor)", "INSTITUTION", "pengadilan-tipikor:73.71") in ents
    assert ("Makassar", "REGION", "73.71") in ents
    assert ("BPK RI Perwakilan Provinsi Jawa Tengah", "INSTITUTION", "bpk-perwakilan:33") in ents
    assert all(label != "LOCATION" for _, label, _ in ents)


def test_a_degree_alone_is_no_person_and_a_title_place_no_person(rules_nlp):
    text = "Kepala Dinas Sosial Sulsel, Dr. Muhammad Saleh, M.Si, hadir. Camat Tamalanrea Andi Rahman Saleh juga."
    ents = _with_model(rules_nlp, text, [(6, 8, "PER"), (9, 10, "PER"), (15, 16, "PER")])
    assert ("M.Si", "PERSON", "") not in ents
    assert ("Tamalanrea", "PERSON", "") not in ents


def test_initials_the_text_calls_initials_are_persons_but_not_person_records(rules_nlp):
    doc = rules_nlp("KPK menahan tersangka berinisial AS. Dua lainnya, masing-masing berinisial MR (45) dan SN (38), buron. Kerja sama dengan AS berlanjut.")
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert persons == ["AS", "MR", "SN"]  # the country at the end is not one
    assert doc._.warta_persons == []


def test_places_written_with_their_level_word_get_kemendagri_codes(rules_nlp):
    text = "Banjir merendam Kecamatan Cibungbulang, Kabupaten Bogor, dan Kelurahan Sungguminasa."
    ents = _with_model(rules_nlp, text, [(2, 4, "LOC"), (9, 11, "LOC")])
    assert ("Kecamatan Cibungbulang", "LOCATION", "32.01.16") in ents
    # one word shared by several kelurahan/desa, none in a region the text names: no code
    assert ("Kelurahan Sungguminasa", "LOCATION", "") in ents
    ents = _with_model(rules_nlp, "Di Kabupaten Gowa, warga Kelurahan Sungguminasa mengungsi.", [(5, 7, "LOC")])
    assert ("Kelurahan Sungguminasa", "LOCATION", "73.06.08.1001") in ents


def test_laws_and_budgets_are_not_organizations(rules_nlp):
    ents = _with_model(rules_nlp, "Kejati menyosialisasikan KUHP baru dan memantau APBD.", [(2, 3, "ORG"), (6, 7, "ORG")])
    assert ents == [("Kejati", "INSTITUTION", "kejati")]


def test_degrees_and_open_brackets_do_not_make_entities(rules_nlp):
    text = "Kepala Dinas, dr. Rini Anggraini, M.Kes., hadir. Kementerian Dalam Negeri (Kemendagri) meminta laporan."
    ents = _with_model(rules_nlp, text, [(6, 7, "ORG"), (11, 15, "ORG")])
    assert ("M.Kes.", "ORGANIZATION", "") not in ents
    assert all("(" not in text_ for text_, _, _ in ents if ")" not in text_)


def test_company_names_hold_no_region_mentions_and_drop_tbk(rules_extractor):
    record = rules_extractor.extract("Pemprov mencabut izin PT Sawit Raja Ampat Lestari. PT Semen Baturaja Tbk dan PT Semen Baturaja bekerja sama.")
    assert record.regions == []
    assert [o.name for o in record.organizations] == ["PT Sawit Raja Ampat Lestari", "PT Semen Baturaja"]


def test_acronyms_the_text_defines_as_things_are_no_institutions(rules_nlp):
    doc = rules_nlp("Pemprov menyalurkan bantuan keuangan desa (BKD) dan menyusun Laporan Keuangan Pemerintah Daerah (LKPD). DPR Papua Barat Daya menggelar rapat.")
    ids = [i["id"] for i in doc._.warta_institutions]
    assert "bkd" not in ids and "pemda-umum" not in ids
    assert "dprd:96" in ids


def test_model_spans_with_stray_or_glued_brackets(rules_nlp):
    from spacy.tokens import Doc

    for words in (["Partai", "(PDIP),", "menang"], ["A", ")", "(", "B"], ["RSUD", ")", "Komodo", "baru"]):
        doc = Doc(rules_nlp.vocab, words=words)
        doc.ents = [Span(doc, 0, len(words) - 1, label="ORG")]
        for name, component in rules_nlp.pipeline:
            doc = component(doc)
        assert all(not all(t.is_punct for t in e) for e in doc.ents)
        assert all(e.text.count("(") == e.text.count(")") or e.text == "Partai (PDIP)," for e in doc.ents)


def test_capitalised_model_spans_do_not_end_in_lowercase_words(rules_nlp):
    text = "Wali Kota meminta Badan Kepegawaian Daerah menyusun aplikasi baru. Banjir di Jakarta selatan surut."
    ents = _with_model(rules_nlp, text, [(3, 8, "ORG"), (12, 14, "LOC")])
    assert ("Badan Kepegawaian Daerah", "ORGANIZATION", "") in ents or any(t == "Badan Kepegawaian Daerah" for t, _, _ in ents)
    assert any(t == "Jakarta selatan" for t, _, _ in ents)


def test_one_organization_record_per_company(rules_nlp):
    doc = rules_nlp.make_doc("Pemprov memanggil direksi PT Bank Sumut. Direktur Utama Bank Sumut hadir. Perumda Tirta Kahuripan milik Pemkab Bogor, distribusi oleh Tirta Kahuripan.")
    doc.ents = [Span(doc, 9, 11, label="ORG"), Span(doc, 22, 24, label="ORG")]  # the model's bare names
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert [(o["name"], len(o["mentions"])) for o in doc._.warta_organizations] == [("PT Bank Sumut", 2), ("Perumda Tirta Kahuripan", 2)]


def test_a_branch_after_a_bracketed_short_form_is_named_by_the_parent(rules_nlp):
    doc = rules_nlp("Kader Partai Kebangkitan Bangsa (PKB) Banten dan Perusahaan Umum Daerah (Perumda) Air Minum Kota Kupang hadir.")
    assert [o["name"] for o in doc._.warta_organizations] == ["Partai Kebangkitan Bangsa", "Perumda Air Minum Kota Kupang"]


def test_dates_emails_and_kampung_places(rules_nlp):
    text = "Senin (24/11/2025) warga Kampung Hobong di Kabupaten Jayapura mengirim surel ke pengaduan@jayapurakab.go.id."
    ents = _with_model(rules_nlp, text, [(2, 3, "ORG"), (5, 7, "LOC"), (13, 14, "ORG")])
    assert ("Kampung Hobong", "LOCATION", "91.03.01.2011") in ents
    assert all(label != "ORGANIZATION" for _, label, _ in ents)


def test_a_comma_and_dash_inside_a_sentence_is_no_dateline(rules_nlp):
    doc = rules_nlp("Sebagai partai pendukung pemerintah, PDI - P merasa perlu bicara.")
    assert all(o["kind"] != "media" for o in doc._.warta_organizations)
    doc = rules_nlp("Banda Aceh (Serambi) - Gubernur hadir.")
    assert [(o["name"], o["kind"]) for o in doc._.warta_organizations] == [("Serambi", "media")]


def test_all_lowercase_model_spans_are_dropped_in_cased_text_only(rules_nlp):
    text = "Warga Desa Oebelo menanam kelor dan jagung. Bupati Yosep Liunokas meninjau mesin dompeng."
    ents = _with_model(rules_nlp, text, [(4, 5, "LOC"), (6, 7, "LOC"), (9, 11, "PER"), (13, 14, "PER")])
    assert [t for t, _, _ in ents if t in ("kelor", "jagung", "dompeng", "Yosep Liunokas")] == ["Yosep Liunokas"]
    # all-lowercase text: the model's spans are taken as written
    text = "warga desa oebelo menanam kelor. bupati yosep liunokas meninjau lahan di kabupaten timor tengah selatan."
    ents = _with_model(rules_nlp, text, [(7, 9, "PER")])
    assert any(t == "yosep liunokas" for t, _, _ in ents)


def test_a_dprd_organ_and_a_customary_name_under_the_wrong_label(rules_nlp):
    text = ("Ketua Badan Anggaran (Banggar) DPRD Konsel, Hasbullah Rauf, hadir. Menurut dia, Banggar meminta TAPD memangkas anggaran. "
            "Juru bicaranya, La Ode Muhammad Sarafuddin, setuju.")
    doc = rules_nlp.make_doc(text)
    banggar = [t.i for t in doc if t.text == "Banggar"][1]
    laode = [t.i for t in doc if t.text == "La"][0]
    doc.ents = [Span(doc, banggar, banggar + 1, label="PER"), Span(doc, laode, laode + 4, label="ORG")]
    for _, component in rules_nlp.pipeline:
        doc = component(doc)
    assert not any(e.text == "Banggar" for e in doc.ents)
    assert ("La Ode Muhammad Sarafuddin", "PERSON") in [(e.text, e.label_) for e in doc.ents]
